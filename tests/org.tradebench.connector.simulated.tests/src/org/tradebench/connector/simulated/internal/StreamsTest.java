package org.tradebench.connector.simulated.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.connector.simulated.internal.Fixtures.BTC;
import static org.tradebench.connector.simulated.internal.Fixtures.EPOCH;
import static org.tradebench.connector.simulated.internal.Fixtures.ETH;
import static org.tradebench.connector.simulated.internal.Fixtures.PERP;
import static org.tradebench.connector.simulated.internal.Fixtures.SECOND;
import static org.tradebench.connector.simulated.internal.Fixtures.SOL;
import static org.tradebench.connector.simulated.internal.Fixtures.d;
import static org.tradebench.connector.simulated.internal.Fixtures.limit;
import static org.tradebench.connector.simulated.internal.Fixtures.market;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tradebench.api.Decimals;
import org.tradebench.api.account.Balance;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.core.book.OrderBook;

/** Market-data and account streams as a consumer sees them. */
class StreamsTest {

    private static void assertSameLevels(OrderBook expected, OrderBook actual, int depth, String what) {
        for (Side side : Side.values()) {
            int n = Math.min(depth, expected.levels(side));
            assertEquals(n, actual.levels(side), what + ": " + side + " level count");
            for (int i = 0; i < n; i++) {
                assertEquals(expected.price(side, i), actual.price(side, i), what + ": " + side + " price " + i);
                assertEquals(expected.size(side, i), actual.size(side, i), what + ": " + side + " size " + i);
            }
        }
    }

    @Test
    void bookSnapshotThenDeltasRebuildTheVenueBookAtEveryDepth() {
        SimulatedVenue venue = Fixtures.synthetic(42, 200);
        for (InstrumentId id : List.of(BTC, ETH, SOL, PERP)) {
            InstrumentProfile p = venue.market(id).profile;
            OrderBook full = new OrderBook(p.priceScale(), p.sizeScale());
            OrderBook top = new OrderBook(p.priceScale(), p.sizeScale());
            List<BookEvent> fullEvents = new ArrayList<>();
            List<BookEvent> topEvents = new ArrayList<>();
            venue.subscribeBook(new BookRequest(id, 10_000), e -> {
                fullEvents.add(e);
                full.apply(e);
            });
            venue.subscribeBook(new BookRequest(id, 25), e -> {
                topEvents.add(e);
                top.apply(e);
            });
            for (int i = 0; i < 3000; i++) {
                venue.step();
            }
            OrderBook own = venue.book(id);
            own.checkInvariants();
            full.checkInvariants();
            top.checkInvariants();
            assertTrue(own.levels(Side.BUY) >= 50 && own.levels(Side.SELL) >= 50,
                    id + " keeps 50+ levels a side: " + own);
            assertSameLevels(own, full, Integer.MAX_VALUE, id + " full depth");
            assertSameLevels(own, top, 25, id + " depth 25");
            assertEquals(own.sequence(), full.sequence());
            for (List<BookEvent> events : List.of(fullEvents, topEvents)) {
                assertInstanceOf(BookSnapshot.class, events.get(0));
                assertTrue(events.size() > 100, id + " got deltas: " + events.size());
                for (int i = 1; i < events.size(); i++) {
                    assertInstanceOf(BookDelta.class, events.get(i));
                    assertTrue(events.get(i).sequence() > events.get(i - 1).sequence(), "sequence increases");
                }
            }
            BookSnapshot snapshot = (BookSnapshot) topEvents.get(0);
            assertEquals(25, snapshot.bids().size());
            assertEquals(25, snapshot.asks().size());
        }
    }

    @Test
    void instrumentsHaveRealisticPricesAndSpreads() {
        SimulatedVenue venue = Fixtures.synthetic(42, 25);
        venue.advanceTo(60 * SECOND);
        Map<InstrumentId, double[]> expected = Map.of(BTC, new double[] { 65000, 0.1 }, ETH,
                new double[] { 3200, 0.01 }, SOL, new double[] { 150, 0.001 }, PERP, new double[] { 65010, 0.1 });
        expected.forEach((id, e) -> {
            OrderBook b = venue.book(id);
            double tick = e[1];
            double bid = b.bestBid() * tick;
            double ask = b.bestAsk() * tick;
            assertTrue(Math.abs(bid / e[0] - 1) < 0.01, id + " bid " + bid + " near " + e[0]);
            assertTrue(ask > bid && (ask - bid) / bid < 0.001, id + " spread " + bid + " / " + ask);
        });
        assertEquals(d("0.1"), venue.instrument("BTC/USD").spec().tickSize());
        assertEquals(d("0.0001"), venue.instrument("BTC/USD").spec().lotSize());
        assertEquals(d("0.001"), venue.instrument("ETH/USD").spec().lotSize());
        assertEquals(d("0.01"), venue.instrument("SOL/USD").spec().lotSize());
        assertEquals("PERPETUAL", venue.instrument("BTC/USD:USD").kind().name());
    }

    @Test
    void candlesDeliverHistoryThenTheFormingCandleThenLiveUpdatesClosedOnTime() {
        SimulatedVenue venue = Fixtures.synthetic(7, 50);
        venue.advanceTo(150 * SECOND);
        List<Candle> got = new ArrayList<>();
        CandleRequest request = new CandleRequest(BTC, CandleInterval.M1, 30);
        venue.subscribeCandles(request, got::add);

        List<Candle> history = got.subList(0, 30);
        assertEquals(venue.candleHistory(request), history);
        for (int i = 0; i < history.size(); i++) {
            Candle c = history.get(i);
            assertTrue(c.closed());
            assertEquals(EPOCH.plusSeconds(60L * (i - 28)), c.start(), "contiguous minutes ending now");
        }
        assertEquals(history.get(27).close(), history.get(28).open(), "the back-fill joins the live candles");
        Candle forming = got.get(30);
        assertFalse(forming.closed());
        assertEquals(EPOCH.plusSeconds(120), forming.start());

        int before = got.size();
        venue.advanceTo(185 * SECOND);
        List<Candle> live = got.subList(before, got.size());
        assertFalse(live.isEmpty());
        Candle closing = live.stream().filter(c -> c.closed()).findFirst().orElseThrow();
        assertEquals(EPOCH.plusSeconds(120), closing.start(), "the 00:02 candle closes at 00:03");
        assertEquals(EPOCH.plusSeconds(180), live.get(live.size() - 1).start());
        assertFalse(live.get(live.size() - 1).closed());
    }

    @Test
    void candleHistoryIsDeterministicAndSupportsEveryInterval() {
        SimulatedVenue a = Fixtures.synthetic(3, 25);
        SimulatedVenue b = Fixtures.synthetic(3, 25);
        for (CandleInterval interval : SimulatedVenue.INTERVALS) {
            List<Candle> ca = a.candleHistory(new CandleRequest(SOL, interval, 500));
            assertEquals(500, ca.size());
            assertEquals(ca, b.candleHistory(new CandleRequest(SOL, interval, 500)));
            assertEquals(ca.subList(400, 500), a.candleHistory(new CandleRequest(SOL, interval, 100)));
            Candle last = ca.get(ca.size() - 1);
            assertTrue(!last.end().isAfter(EPOCH), interval + " history ends now");
        }
        assertThrows(IllegalArgumentException.class,
                () -> a.candleHistory(new CandleRequest(SOL, CandleInterval.parse("3m"), 10)));
    }

    @Test
    void tickersStartWithTheCurrentValueAndStayConsistent() {
        SimulatedVenue venue = Fixtures.synthetic(11, 100);
        List<Ticker> tickers = new ArrayList<>();
        venue.subscribeTicker(ETH, tickers::add);
        assertEquals(1, tickers.size(), "current ticker first");
        for (int i = 0; i < 2000; i++) {
            venue.step();
        }
        assertTrue(tickers.size() > 50);
        for (Ticker t : tickers) {
            assertTrue(t.bid().compareTo(t.ask()) < 0, "not crossed: " + t);
            assertTrue(t.volume().signum() > 0, "24h volume from the back-fill and live trades");
            assertTrue(t.high().compareTo(t.low()) >= 0);
            assertTrue(t.last().compareTo(t.high()) <= 0 && t.last().compareTo(t.low()) >= 0);
            assertNotNull(t.change());
        }
    }

    @Test
    void tradesArriveOnceInOrder() {
        SimulatedVenue venue = Fixtures.synthetic(5, 100);
        List<Trade> trades = new ArrayList<>();
        venue.subscribeTrades(BTC, trades::add);
        for (int i = 0; i < 3000; i++) {
            venue.step();
        }
        assertTrue(trades.size() > 50, "marketable flow trades: " + trades.size());
        for (int i = 1; i < trades.size(); i++) {
            assertEquals(Long.parseLong(trades.get(i - 1).id()) + 1, Long.parseLong(trades.get(i).id()));
            assertFalse(trades.get(i).time().isBefore(trades.get(i - 1).time()));
        }
        assertTrue(trades.stream().anyMatch(t -> t.takerSide() == Side.BUY));
        assertTrue(trades.stream().anyMatch(t -> t.takerSide() == Side.SELL));
    }

    @Test
    void healthIsLiveWithTheEventRateAndComesFirstOnSubscribe() {
        SimulatedVenue venue = Fixtures.synthetic(1, 1000);
        List<ConnectionHealth> values = new ArrayList<>();
        venue.subscribeHealth(values::add);
        assertEquals(1, values.size(), "current value first");
        assertEquals(ConnectionState.LIVE, values.get(0).state());

        venue.advanceTo(5 * SECOND);
        assertEquals(6, values.size(), "one a second");
        double rate = venue.health().messagesPerSecond();
        assertTrue(rate > 850 && rate < 1150, "about 1000 events/s: " + rate);

        venue.recordLoopDelay(Duration.ofMillis(3).toNanos());
        venue.advanceTo(6 * SECOND);
        assertEquals(Duration.ofMillis(3), venue.health().latency());
    }

    @Test
    void aListenerThatThrowsIsLoggedAndKeepsItsSubscription() {
        SimulatedVenue venue = Fixtures.synthetic(5, 100);
        int[] calls = new int[1];
        VenueSubscription<org.tradebench.api.market.TradeListener> sub = venue.subscribeTrades(BTC, t -> {
            calls[0]++;
            throw new IllegalStateException("view bug");
        });
        List<Trade> others = new ArrayList<>();
        venue.subscribeTrades(BTC, others::add);
        for (int i = 0; i < 2000; i++) {
            venue.step();
        }
        assertTrue(calls[0] > 10);
        assertEquals(others.size(), calls[0], "every trade still reached the failing listener");
        assertEquals(calls[0], sub.failures());
        assertTrue(sub.isActive());
        assertEquals(DataState.LIVE, sub.health().state());
        assertEquals(calls[0], sub.health().messages());

        sub.close();
        int after = calls[0];
        for (int i = 0; i < 500; i++) {
            venue.step();
        }
        assertEquals(after, calls[0], "no callback after close");
        assertEquals(DataState.CLOSED, sub.health().state());
    }

    @Test
    void tradingStreamEmitsLegalTransitionsWithEachFillBeforeItsOrder() {
        SimulatedVenue venue = Fixtures.synthetic(9, 200);
        TradingRecorder recorder = new TradingRecorder();
        venue.subscribeTrading(recorder);
        assertEquals(4, recorder.events.size(), "the four balances first");
        assertTrue(recorder.events.stream().allMatch(Balance.class::isInstance));

        venue.step();
        BigDecimal mid = venue.mark(venue.market(BTC));
        String below = mid.subtract(d("20")).setScale(1, java.math.RoundingMode.DOWN).toPlainString();
        String above = mid.add(d("30")).setScale(1, java.math.RoundingMode.DOWN).toPlainString();
        venue.place(limit("rest", BTC, Side.BUY, "0.2", below));
        venue.place(market("mkt", BTC, Side.BUY, "0.3"));
        venue.place(limit("ioc", BTC, Side.BUY, "0.5", above).withTimeInForce(TimeInForce.IOC));
        venue.place(limit("gone", BTC, Side.BUY, "0.1", mid.subtract(d("50")).setScale(0, java.math.RoundingMode.DOWN).toPlainString()));
        venue.cancel("gone");
        for (int i = 0; i < 3000; i++) {
            venue.step();
        }

        Map<String, Order> last = new HashMap<>();
        Map<String, BigDecimal> filledByFills = new HashMap<>();
        Fill pending = null;
        for (Object e : recorder.events) {
            if (e instanceof Fill f) {
                assertEquals(null, pending, "a fill is followed by its order update");
                pending = f;
                filledByFills.merge(f.clientOrderId(), f.quantity(), (a, b) -> Decimals.normalize(a.add(b)));
            } else if (e instanceof Order o) {
                Order previous = last.put(o.clientOrderId(), o);
                if (previous != null) {
                    assertTrue(previous.status().canBecome(o.status()),
                            o.clientOrderId() + ": " + previous.status() + " -> " + o.status());
                    assertTrue(!o.updated().isBefore(previous.updated()));
                }
                if (pending != null) {
                    assertEquals(pending.clientOrderId(), o.clientOrderId());
                    assertEquals(filledByFills.get(o.clientOrderId()), o.filledQuantity());
                    pending = null;
                }
            }
        }
        assertEquals(OrderStatus.FILLED, last.get("mkt").status());
        assertEquals(OrderStatus.CANCELLED, last.get("gone").status());
        assertTrue(last.get("ioc").status().isFinal());
        assertTrue(filledByFills.containsKey("ioc"), "the IOC crossed the spread");

        // A new subscriber gets the open orders, the balances and the positions first.
        TradingRecorder late = new TradingRecorder();
        venue.subscribeTrading(late);
        int open = venue.openOrders().size();
        assertEquals(open + 4, late.events.size());
        for (int i = 0; i < open; i++) {
            assertInstanceOf(Order.class, late.events.get(i));
        }
    }

    @Test
    void subscribingToAnUnknownInstrumentFailsAtOnce() {
        SimulatedVenue venue = Fixtures.quiet();
        InstrumentId doge = new InstrumentId("simulated", "DOGE/USD");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> venue.subscribeTrades(doge, t -> { }));
        assertEquals("unknown instrument simulated:DOGE/USD: the simulated exchange lists BTC/USD, ETH/USD, SOL/USD, "
                + "BTC/USD:USD", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimulatedVenue.requireInterval(CandleInterval.parse("2h")));
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), venue.instant());
    }
}
