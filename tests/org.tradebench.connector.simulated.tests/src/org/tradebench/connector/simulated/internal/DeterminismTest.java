package org.tradebench.connector.simulated.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.connector.simulated.internal.Fixtures.BTC;
import static org.tradebench.connector.simulated.internal.Fixtures.ETH;
import static org.tradebench.connector.simulated.internal.Fixtures.PERP;
import static org.tradebench.connector.simulated.internal.Fixtures.SOL;
import static org.tradebench.connector.simulated.internal.Fixtures.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.CandleHistoryRequest;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.TradeHistoryRequest;
import org.tradebench.api.trading.AmendRequest;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.TradingListener;

/**
 * The same seed, configuration and user actions give the same event sequence: every stream (books,
 * grouped books, tickers, trades, candles, mark prices, the account), the histories and the
 * orders' answers.
 */
class DeterminismTest {

    /** Runs a scripted session and returns every event every stream delivered, in order. */
    private static List<String> session(long seed) {
        SimulatedVenue venue = Fixtures.synthetic(seed, 500);
        List<String> log = new ArrayList<>();
        for (InstrumentId id : List.of(BTC, ETH, SOL, PERP)) {
            venue.subscribeTicker(id, t -> log.add(t.toString()));
            venue.subscribeTrades(id, t -> log.add(t.toString()));
            venue.subscribeBook(new BookRequest(id, 20), BookListener.ofEvents(e -> log.add(e.toString())));
            venue.subscribeBook(new BookRequest(id, 10).withGrouping(venue.bookOptions(id).groupings().get(1)),
                    BookListener.ofEvents(e -> log.add(e.toString())));
            venue.subscribeCandles(new CandleRequest(id, CandleInterval.S5, 20), c -> log.add(c.toString()));
        }
        venue.subscribeMarkPrice(PERP, m -> log.add(m.toString()));
        venue.subscribeLiquidations(PERP, l -> log.add(l.toString()));
        // The health's rates and times are measured on the wall clock: only its states are part of the run.
        venue.subscribeHealth(h -> log.add(h.state() + " " + h.sessions().keySet()));
        venue.subscribeTrading(new TradingListener() {
            @Override
            public void onOrder(Order order) {
                log.add(order.toString());
            }

            @Override
            public void onFill(Fill fill) {
                log.add(fill.toString());
            }

            @Override
            public void onBalance(Balance balance) {
                log.add(balance.toString());
            }

            @Override
            public void onPosition(Position position) {
                log.add(position.toString());
            }
        });
        for (int i = 0; i < 4000; i++) {
            venue.step();
            if (i == 1000) {
                log.add("place " + venue.place(market("m1", PERP, Side.BUY, "0.05")));
            } else if (i == 2500) {
                log.add("place " + venue.place(market("m2", BTC, Side.BUY, "0.1")));
            } else if (i == 2700) {
                log.add("place " + venue.place(OrderRequest.limit("r1", BTC, Side.BUY, new BigDecimal("0.01"),
                        venue.mid(venue.market(BTC)).subtract(new BigDecimal("5")).setScale(1, RoundingMode.DOWN))));
            } else if (i == 2800) {
                log.add("amend " + venue.amend(AmendRequest.quantity("r1", new BigDecimal("0.005"))));
            } else if (i == 3000) {
                log.add("cancel-all " + venue.cancelAll(Optional.empty()));
                log.add("candles " + venue.candleHistory(CandleHistoryRequest.before(ETH, CandleInterval.S15, null, 5)));
                log.add("trades " + venue.tradeHistory(new TradeHistoryRequest(SOL, null, 5)));
            }
        }
        return log;
    }

    @Test
    void sameSeedGivesIdenticalEventLogs() {
        List<String> a = session(42);
        List<String> b = session(42);
        assertTrue(a.size() > 4_000, "a busy session: " + a.size());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), "event " + i);
        }
    }

    @Test
    void differentSeedGivesADifferentMarket() {
        assertNotEquals(session(42).subList(0, 2000), session(43).subList(0, 2000));
    }
}
