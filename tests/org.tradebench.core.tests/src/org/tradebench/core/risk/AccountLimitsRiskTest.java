package org.tradebench.core.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.market.Side;
import org.tradebench.api.risk.MarketContext;
import org.tradebench.api.risk.RiskLimits;
import org.tradebench.api.risk.RiskVerdict;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;

/**
 * The rules that need the account: {@link RiskLimits#maxOpenOrders()} against
 * {@link MarketContext#openOrders()}, and the fat-finger guard on size,
 * {@link RiskLimits#maxBalanceFraction()} of {@link MarketContext#availableQuote()}.
 */
class AccountLimitsRiskTest {

    private static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");
    private static final InstrumentId BTC_PERP = new InstrumentId("simulated", "BTC/USD:USD");
    /** Tick 0.1, lot 0.0001, minimum notional 10. */
    private static final InstrumentSpec SPEC = new InstrumentSpec(bd("0.1"), bd("0.0001"), bd("10"));
    private static final Instrument SPOT = new Instrument(BTC, InstrumentKind.SPOT, SPEC, "BTCUSD");
    private static final Instrument PERPETUAL = new Instrument(BTC_PERP, InstrumentKind.PERPETUAL, SPEC, "BTCUSDPERP");
    /** At most 3 working orders, no balance guard. */
    private static final RiskLimits THREE_ORDERS = new RiskLimits(bd("10"), bd("250000"), bd("0.1"), true, 3, null);
    /** No open-order limit, no balance guard. */
    private static final RiskLimits NO_ACCOUNT_LIMITS = new RiskLimits(bd("10"), bd("250000"), bd("0.1"), true);
    /** An order may use half the available balance. */
    private static final RiskLimits HALF_BALANCE = new RiskLimits(bd("10"), bd("250000"), bd("0.1"), true, 0,
            bd("0.5"));

    private final StandardRiskCheck check = new StandardRiskCheck();

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    /** Mid 65000, the given balance and working orders. */
    private static MarketContext market(String availableQuote, int openOrders) {
        return new MarketContext(bd("64990"), bd("65010"), bd("64995"),
                availableQuote == null ? null : bd(availableQuote), openOrders);
    }

    private static OrderRequest limit(InstrumentId id, Side side, String quantity, String price) {
        return OrderRequest.limit("c-1", id, side, bd(quantity), bd(price));
    }

    private static void assertAccepted(RiskVerdict verdict, String... messages) {
        assertTrue(verdict.accepted(), verdict.summary());
        assertEquals(List.of(messages), verdict.messages());
    }

    private static void assertRefused(RiskVerdict verdict, OrderRequest original, String... messages) {
        assertFalse(verdict.accepted(), verdict.summary());
        assertEquals(List.of(messages), verdict.messages());
        assertSame(original, verdict.request(), "a refusal returns the original request");
    }

    @Test
    void anOrderIsRefusedOnceTheOpenOrderLimitIsReached() {
        OrderRequest request = limit(BTC, Side.BUY, "0.5", "64000");
        assertAccepted(check.check(request, SPOT, market(null, 0), THREE_ORDERS));
        assertAccepted(check.check(request, SPOT, market(null, 2), THREE_ORDERS));
        assertRefused(check.check(request, SPOT, market(null, 3), THREE_ORDERS), request,
                "3 orders are working, the limit is 3");
        assertRefused(check.check(request, SPOT, market(null, 7), THREE_ORDERS), request,
                "7 orders are working, the limit is 3");
    }

    @Test
    void theOpenOrderLimitIsSkippedWhenUnknownOrZero() {
        OrderRequest request = limit(BTC, Side.BUY, "0.5", "64000");
        assertAccepted(check.check(request, SPOT, market(null, -1), THREE_ORDERS));
        assertAccepted(check.check(request, SPOT, market(null, 10_000), NO_ACCOUNT_LIMITS));
    }

    @Test
    void theOpenOrderLimitIsReportedWithEveryOtherProblem() {
        OrderRequest request = limit(BTC, Side.SELL, "11", "80000");
        assertRefused(check.check(request, SPOT, market(null, 3), THREE_ORDERS), request,
                "quantity 11 exceeds the maximum of 10 per order", "3 orders are working, the limit is 3",
                "limit price 80000 is 23.08% above the mid 65000 (band 10%)",
                "notional 880000 (11 × 80000) exceeds the maximum of 250000 per order");
    }

    @Test
    void aBuyUsingMoreThanTheFractionOfTheBalanceIsRefused() {
        assertAccepted(check.check(limit(BTC, Side.BUY, "0.08", "62500"), SPOT, market("10000", -1), HALF_BALANCE));
        OrderRequest over = limit(BTC, Side.BUY, "0.0801", "62500");
        assertRefused(check.check(over, SPOT, market("10000", -1), HALF_BALANCE), over,
                "notional 5006.25 (0.0801 × 62500) is more than 50% of the available 10000 (fat-finger guard)");
        OrderRequest fatFinger = limit(BTC, Side.BUY, "1", "64000");
        assertRefused(check.check(fatFinger, SPOT, market("10000", -1), HALF_BALANCE), fatFinger,
                "notional 64000 (1 × 64000) is more than 50% of the available 10000 (fat-finger guard)");
        RiskLimits quarter = new RiskLimits(bd("10"), bd("250000"), bd("0.1"), true, 0, bd("0.25"));
        assertRefused(check.check(fatFinger, SPOT, market("100000", -1), quarter), fatFinger,
                "notional 64000 (1 × 64000) is more than 25% of the available 100000 (fat-finger guard)");
    }

    @Test
    void theGuardUsesThePriceAfterRounding() {
        RiskVerdict verdict = check.check(limit(BTC, Side.BUY, "0.08", "62500.09"), SPOT, market("10000", -1),
                HALF_BALANCE);
        assertAccepted(verdict, "limit price 62500.09 rounded down to 62500 (tick 0.1)");
    }

    @Test
    void marketAndStopBuysAreMeasuredAtTheReferenceAndTheTrigger() {
        OrderRequest marketBuy = OrderRequest.market("c-1", BTC, Side.BUY, bd("0.1"));
        assertRefused(check.check(marketBuy, SPOT, market("10000", -1), HALF_BALANCE), marketBuy,
                "notional 6500 (0.1 × 65000) is more than 50% of the available 10000 (fat-finger guard)");
        OrderRequest stopBuy = OrderRequest.stop("c-2", BTC, Side.BUY, bd("0.1"), bd("66000"));
        assertRefused(check.check(stopBuy, SPOT, market("10000", -1), HALF_BALANCE), stopBuy,
                "notional 6600 (0.1 × 66000) is more than 50% of the available 10000 (fat-finger guard)");
    }

    @Test
    void aSpotSellSpendsNoQuoteBalanceSoTheGuardLetsItPass() {
        // Selling coins brings quote currency in; the quote balance says nothing about the coins.
        assertAccepted(check.check(limit(BTC, Side.SELL, "1", "66000"), SPOT, market("100", -1), HALF_BALANCE));
        assertAccepted(check.check(OrderRequest.market("c-1", BTC, Side.SELL, bd("1")), SPOT, market("100", -1),
                HALF_BALANCE));
    }

    @Test
    void onAPerpetualASellOpensAShortAndIsGuardedLikeABuy() {
        OrderRequest sell = limit(BTC_PERP, Side.SELL, "1", "66000");
        assertRefused(check.check(sell, PERPETUAL, market("10000", -1), HALF_BALANCE), sell,
                "notional 66000 (1 × 66000) is more than 50% of the available 10000 (fat-finger guard)");
        OrderRequest buy = limit(BTC_PERP, Side.BUY, "1", "64000");
        assertRefused(check.check(buy, PERPETUAL, market("10000", -1), HALF_BALANCE), buy,
                "notional 64000 (1 × 64000) is more than 50% of the available 10000 (fat-finger guard)");
        assertAccepted(check.check(limit(BTC_PERP, Side.SELL, "0.05", "66000"), PERPETUAL, market("10000", -1),
                HALF_BALANCE));
    }

    @Test
    void ordersThatOnlyReduceAPositionAreNotGuarded() {
        OrderRequest sell = limit(BTC_PERP, Side.SELL, "1", "66000");
        assertAccepted(check.check(sell.withFlags(Set.of(OrderFlag.REDUCE_ONLY)), PERPETUAL, market("10000", -1),
                HALF_BALANCE));
        assertAccepted(check.check(sell.withFlags(Set.of(OrderFlag.CLOSE_POSITION)), PERPETUAL, market("10000", -1),
                HALF_BALANCE));
        OrderRequest stopLossLeg = OrderRequest.stop("c-1-sl", BTC_PERP, Side.SELL, bd("1"), bd("62000"))
                .withFlags(Set.of(OrderFlag.REDUCE_ONLY)).asExitOf(OrderRole.STOP_LOSS, "c-1");
        assertAccepted(check.check(stopLossLeg, PERPETUAL, market("10000", -1), HALF_BALANCE));
    }

    @Test
    void withoutAKnownBalanceTheGuardIsSkippedWithANote() {
        OrderRequest buy = limit(BTC, Side.BUY, "1", "64000");
        assertAccepted(check.check(buy, SPOT, market(null, -1), HALF_BALANCE),
                "no available balance known: the 50% balance guard was not checked");
        assertAccepted(check.check(buy, SPOT, market(null, -1), NO_ACCOUNT_LIMITS));
        assertAccepted(check.check(limit(BTC, Side.SELL, "1", "66000"), SPOT, market(null, -1), HALF_BALANCE));
        assertAccepted(check.check(buy.withFlags(Set.of(OrderFlag.REDUCE_ONLY)), SPOT, market(null, -1),
                HALF_BALANCE));
    }

    @Test
    void theNoteComesAfterRoundingNotesAndTheRequestIsStillRounded() {
        OrderRequest stopLimit = OrderRequest.of("c-1", BTC, Side.BUY, OrderType.STOP_LIMIT, bd("0.12345"),
                bd("66000.05"), bd("65999.95"), TimeInForce.GTC);
        RiskVerdict verdict = check.check(stopLimit, SPOT, market(null, -1), HALF_BALANCE);
        assertAccepted(verdict, "limit price 66000.05 rounded down to 66000 (tick 0.1)",
                "trigger price 65999.95 rounded to 66000 (tick 0.1)",
                "quantity 0.12345 rounded down to 0.1234 (lot 0.0001)",
                "no available balance known: the 50% balance guard was not checked");
        assertEquals(OrderRequest.of("c-1", BTC, Side.BUY, OrderType.STOP_LIMIT, bd("0.1234"), bd("66000"),
                bd("66000"), TimeInForce.GTC), verdict.request());
    }
}
