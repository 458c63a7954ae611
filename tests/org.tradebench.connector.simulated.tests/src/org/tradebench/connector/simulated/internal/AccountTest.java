package org.tradebench.connector.simulated.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.connector.simulated.internal.Fixtures.BTC;
import static org.tradebench.connector.simulated.internal.Fixtures.PERP;
import static org.tradebench.connector.simulated.internal.Fixtures.SECOND;
import static org.tradebench.connector.simulated.internal.Fixtures.d;
import static org.tradebench.connector.simulated.internal.Fixtures.ladder;
import static org.tradebench.connector.simulated.internal.Fixtures.limit;
import static org.tradebench.connector.simulated.internal.Fixtures.margin;
import static org.tradebench.connector.simulated.internal.Fixtures.market;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.MarginMode;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderStatus;

/**
 * Balances, fees and positions with exact numbers. Fees: maker 0.02%, taker 0.05% of the notional,
 * in USD. Spot trades move the exchange wallet; the perpetual's margin, P&amp;L and fees the margin
 * wallet. Perpetual: leverage 10, isolated margin {@code |qty| × entry / 10}, liquidation
 * {@code entry × (1 ∓ 1/10 ± 0.005)}.
 */
class AccountTest {

    private final TradingRecorder recorder = new TradingRecorder();

    private static Balance balance(SimulatedVenue venue, String currency) {
        return Fixtures.spot(venue, currency);
    }

    @Test
    void startsWithThePaperBalanceInEachUsdWallet() {
        SimulatedVenue venue = Fixtures.quiet();
        assertEquals(List.of("exchange USD", "exchange BTC", "exchange ETH", "exchange SOL", "margin USD"),
                venue.balances().stream().map(b -> b.wallet() + " " + b.currency()).toList());
        assertTrue(venue.balances().stream().allMatch(b -> b.accountId().equals("main")));
        assertEquals(d("100000"), balance(venue, "USD").total());
        assertEquals(d("100000"), balance(venue, "USD").available());
        assertEquals(d("100000"), margin(venue).total());
        assertEquals(BigDecimal.ZERO, balance(venue, "BTC").total());
        assertTrue(venue.positions().isEmpty());
    }

    @Test
    void spotBalancesMoveByNotionalAndFees() {
        SimulatedVenue venue = ladder(BTC);
        venue.subscribeTrading(recorder);

        venue.place(market("buy", BTC, Side.BUY, "0.1")); // taker: 0.1 @ 65000, fee 3.25
        assertEquals(d("93496.75"), balance(venue, "USD").total());
        assertEquals(d("0.1"), balance(venue, "BTC").total());
        assertEquals(d("93496.75"), recorder.lastBalance(Balance.EXCHANGE, "USD").total());
        assertEquals(d("100000"), margin(venue).total(), "spot never touches the margin wallet");

        Order sell = venue.place(limit("sell", BTC, Side.SELL, "0.1", "65000.5")); // behind the participant's 0.2
        assertEquals(OrderStatus.OPEN, sell.status());
        assertEquals(BigDecimal.ZERO, balance(venue, "BTC").available());
        assertEquals(d("0.1"), balance(venue, "BTC").reserved());

        venue.submitParticipantOrder(BTC, Side.BUY, null, d("0.3"));

        Fill makerFill = recorder.fills().get(recorder.fills().size() - 1);
        assertEquals("sell", makerFill.clientOrderId());
        assertTrue(makerFill.maker());
        assertEquals(d("1.30001"), makerFill.fee()); // 6500.05 × 0.0002
        assertEquals("USD", makerFill.feeCurrency());
        assertEquals(d("99995.49999"), balance(venue, "USD").total()); // + 6500.05 - 1.30001
        assertEquals(d("99995.49999"), balance(venue, "USD").available());
        assertEquals(BigDecimal.ZERO, balance(venue, "BTC").total());
        assertEquals(BigDecimal.ZERO, balance(venue, "BTC").available());
        assertEquals(d("99995.49999"), recorder.lastBalance(Balance.EXCHANGE, "USD").total(),
                "the stream agrees with the view");
    }

    @Test
    void perpetualPositionEntryMarkPnlMarginAndLiquidation() {
        SimulatedVenue venue = ladder(PERP);
        venue.subscribeTrading(recorder);

        venue.place(market("open", PERP, Side.BUY, "0.1")); // 0.1 @ 65000, fee 3.25
        Position p = venue.positions().get(0);
        assertEquals(PositionSide.LONG, p.side());
        assertEquals(d("0.1"), p.quantity());
        assertEquals(d("65000"), p.entryPrice());
        assertEquals(d("65000"), p.markPrice()); // mid of 64999.5 and 65000.5
        assertEquals(BigDecimal.ZERO, p.unrealizedPnl());
        assertEquals(d("-3.25"), p.realizedPnl());
        assertEquals(d("10"), p.leverage());
        assertEquals("main", p.accountId());
        assertEquals(MarginMode.ISOLATED, p.marginMode());
        assertEquals(d("650"), p.margin());
        assertFalse(p.hedged());
        assertEquals(d("58825"), p.liquidationPrice()); // 65000 × (1 - 0.1 + 0.005)
        assertEquals(d("99996.75"), margin(venue).total());
        assertEquals(d("99346.75"), margin(venue).available()); // margin 650 locked
        assertEquals(p, recorder.positions().get(recorder.positions().size() - 1));

        // The mark moves with the book; positions are marked to market once a second.
        venue.submitParticipantOrder(PERP, Side.BUY, d("65000.3"), d("0.5"));
        venue.advanceTo(SECOND);
        Position marked = venue.positions().get(0);
        assertEquals(d("65000.4"), marked.markPrice());
        assertEquals(d("0.04"), marked.unrealizedPnl()); // (65000.4 - 65000) × 0.1

        venue.place(market("reduce", PERP, Side.SELL, "0.05")); // 0.05 @ 65000.3
        Position reduced = venue.positions().get(0);
        assertEquals(d("0.05"), reduced.quantity());
        assertEquals(d("65000"), reduced.entryPrice());
        // -3.25 + 0.015 profit - 1.6250075 fee
        assertEquals(d("-4.8600075"), reduced.realizedPnl());
        assertEquals(d("99995.1399925"), margin(venue).total());
        assertEquals(d("99670.1399925"), margin(venue).available()); // margin 325

        venue.place(market("flip", PERP, Side.SELL, "0.15")); // 0.15 @ 65000.3: closes 0.05, opens short 0.1
        Position flipped = venue.positions().get(0);
        assertEquals(PositionSide.SHORT, flipped.side());
        assertEquals(d("0.1"), flipped.quantity());
        assertEquals(d("65000.3"), flipped.entryPrice());
        assertEquals(d("-4.8750225"), flipped.realizedPnl(), "a new position: only its opening fee");
        assertEquals(d("71175.3"), flipped.liquidationPrice()); // 65000.3 × 1.095 = 71175.3285, to the tick
        assertEquals(d("99990.27997"), margin(venue).total());
        assertEquals(d("99340.27697"), margin(venue).available()); // margin 650.003
    }

    @Test
    void markPriceThroughTheLiquidationPriceClosesThePosition() {
        SimulatedVenue venue = ladder(PERP);
        venue.subscribeTrading(recorder);
        venue.place(market("short", PERP, Side.SELL, "0.1")); // 0.1 @ 64999.5
        assertEquals(d("71174.5"), venue.positions().get(0).liquidationPrice()); // 64999.5 × 1.095 = 71174.4525

        venue.submitParticipantOrder(PERP, Side.BUY, null, d("10")); // takes every ask
        venue.submitParticipantOrder(PERP, Side.BUY, d("71190"), d("1"));
        assertEquals(1, venue.positions().size(), "no ask, so the mark is the last price 65001");
        venue.submitParticipantOrder(PERP, Side.SELL, d("71200"), d("1")); // mid 71195

        assertTrue(venue.positions().isEmpty());
        Order liquidation = venue.order("liquidation-1").orElseThrow();
        assertEquals(OrderStatus.FILLED, liquidation.status());
        assertEquals(d("71200"), liquidation.averagePrice());
        Position last = recorder.positions().get(recorder.positions().size() - 1);
        assertEquals(PositionSide.FLAT, last.side());
        assertNull(last.liquidationPrice());
        // -3.249975 fee - 620.05 loss - 3.56 fee
        assertEquals(d("99373.140025"), margin(venue).total());
    }
}
