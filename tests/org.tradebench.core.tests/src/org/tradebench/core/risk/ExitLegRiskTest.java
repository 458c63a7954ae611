package org.tradebench.core.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.api.trading.TriggerSource;

/**
 * Attached take-profit and stop-loss legs (trigger and limit rounded to the nearest valid price or
 * refused), exit legs sent as orders of their own ({@link OrderRequest#asExitOf}), and flags
 * through rounding.
 */
class ExitLegRiskTest {

    private static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");
    /** Tick 0.1, lot 0.0001, minimum notional 10. */
    private static final Instrument INSTRUMENT = new Instrument(BTC, InstrumentKind.SPOT,
            new InstrumentSpec(bd("0.1"), bd("0.0001"), bd("10")), "BTCUSD");
    /** Mid 65000. */
    private static final MarketContext MARKET = new MarketContext(bd("64990"), bd("65010"), bd("64995"));
    private static final RiskLimits ROUNDING = new RiskLimits(bd("10"), bd("250000"), bd("0.1"), true);
    private static final RiskLimits STRICT = new RiskLimits(bd("10"), bd("250000"), bd("0.1"), false);

    private final StandardRiskCheck check = new StandardRiskCheck();

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    private static OrderRequest limit(Side side, String quantity, String price) {
        return OrderRequest.limit("c-1", BTC, side, bd(quantity), bd(price));
    }

    private static void assertRefused(RiskVerdict verdict, OrderRequest original, String... messages) {
        assertFalse(verdict.accepted(), verdict.summary());
        assertEquals(List.of(messages), verdict.messages());
        assertSame(original, verdict.request(), "a refusal returns the original request");
    }

    /** A buy entry at 64000 with limit exits off the tick; the stop-loss watches the mark price. */
    private static OrderRequest bracketOffTheTick() {
        return limit(Side.BUY, "0.5", "64000").withTakeProfit(ExitLeg.limit(bd("70000.05"), bd("70000.04")))
                .withStopLoss(new ExitLeg(bd("62000.06"), bd("61999.95"), TriggerSource.MARK));
    }

    @Test
    void theTriggerAndTheLimitOfEachLegRoundToTheNearestTick() {
        RiskVerdict verdict = check.check(bracketOffTheTick(), INSTRUMENT, MARKET, ROUNDING);
        assertTrue(verdict.accepted(), verdict.summary());
        assertEquals(List.of("take-profit trigger 70000.05 rounded to 70000.1 (tick 0.1)",
                "take-profit limit 70000.04 rounded to 70000 (tick 0.1)",
                "stop-loss trigger 62000.06 rounded to 62000.1 (tick 0.1)",
                "stop-loss limit 61999.95 rounded to 62000 (tick 0.1)"), verdict.messages());
        assertEquals(new ExitLeg(bd("70000.1"), bd("70000"), TriggerSource.LAST), verdict.request().takeProfit());
        assertEquals(new ExitLeg(bd("62000.1"), bd("62000"), TriggerSource.MARK), verdict.request().stopLoss(),
                "the leg keeps the price it watches");
        assertEquals(bd("64000"), verdict.request().price(), "the entry was on the tick already");
        assertEquals(bd("0.5"), verdict.request().quantity());
    }

    @Test
    void offTickLegsAreRefusedWhenRoundingIsOff() {
        OrderRequest request = bracketOffTheTick();
        assertRefused(check.check(request, INSTRUMENT, MARKET, STRICT), request,
                "take-profit trigger 70000.05 is not a multiple of the tick size 0.1",
                "take-profit limit 70000.04 is not a multiple of the tick size 0.1",
                "stop-loss trigger 62000.06 is not a multiple of the tick size 0.1",
                "stop-loss limit 61999.95 is not a multiple of the tick size 0.1");
    }

    @Test
    void aLegProblemIsReportedWithTheEntrysOwnProblemsInOrder() {
        OrderRequest request = limit(Side.BUY, "0.12345", "64000.05").withTakeProfit(ExitLeg.market(bd("70000")))
                .withStopLoss(ExitLeg.limit(bd("62000"), bd("61999.99")));
        assertRefused(check.check(request, INSTRUMENT, MARKET, STRICT), request,
                "limit price 64000.05 is not a multiple of the tick size 0.1",
                "stop-loss limit 61999.99 is not a multiple of the tick size 0.1",
                "quantity 0.12345 is not a multiple of the lot size 0.0001");
    }

    @Test
    void aLegPriceBelowOneTickIsRefused() {
        OrderRequest sell = limit(Side.SELL, "0.5", "66000").withTakeProfit(ExitLeg.limit(bd("60000"), bd("0.04")));
        assertRefused(check.check(sell, INSTRUMENT, MARKET, ROUNDING), sell,
                "take-profit limit 0.04 is below the tick size 0.1");
        OrderRequest buy = limit(Side.BUY, "0.5", "64000").withStopLoss(ExitLeg.market(bd("0.04")));
        assertRefused(check.check(buy, INSTRUMENT, MARKET, ROUNDING), buy,
                "stop-loss trigger 0.04 is below the tick size 0.1");
    }

    @Test
    void legsOnTheTickPassUnchangedAndSilently() {
        OrderRequest request = limit(Side.SELL, "0.5", "66000").withTakeProfit(ExitLeg.limit(bd("60000"), bd("59990")))
                .withStopLoss(ExitLeg.market(bd("68000.5")).triggeredBy(TriggerSource.INDEX));
        RiskVerdict verdict = check.check(request, INSTRUMENT, MARKET, STRICT);
        assertTrue(verdict.accepted(), verdict.summary());
        assertEquals(List.of(), verdict.messages());
        assertSame(request, verdict.request());
    }

    @Test
    void roundingThatPutsASellsStopLossOnItsTakeProfitIsRefused() {
        OrderRequest request = limit(Side.SELL, "0.5", "66000").withTakeProfit(ExitLeg.market(bd("60000.02")))
                .withStopLoss(ExitLeg.market(bd("60000.04")));
        assertRefused(check.check(request, INSTRUMENT, MARKET, ROUNDING), request,
                "after rounding to the tick: for a sell the stop-loss must be above the take-profit");
    }

    @Test
    void aTakeProfitLegOrderRoundsLikeASellAndKeepsItsLinkage() {
        OrderRequest leg = OrderRequest.of("c-1-tp", BTC, Side.SELL, OrderType.TAKE_PROFIT_LIMIT, bd("0.5"),
                bd("70000.01"), bd("69999.95"), TimeInForce.GTC).withFlags(Set.of(OrderFlag.REDUCE_ONLY))
                .asExitOf(OrderRole.TAKE_PROFIT, "c-1");
        RiskVerdict verdict = check.check(leg, INSTRUMENT, MARKET, ROUNDING);
        assertTrue(verdict.accepted(), verdict.summary());
        assertEquals(List.of("limit price 70000.01 rounded up to 70000.1 (tick 0.1)",
                "trigger price 69999.95 rounded to 70000 (tick 0.1)"), verdict.messages());
        OrderRequest sent = verdict.request();
        assertEquals(bd("70000.1"), sent.price(), "a sell never receives less");
        assertEquals(bd("70000"), sent.triggerPrice());
        assertEquals(OrderRole.TAKE_PROFIT, sent.role());
        assertEquals("c-1", sent.parentClientOrderId());
        assertEquals("c-1-tp", sent.clientOrderId());
        assertEquals(Set.of(OrderFlag.REDUCE_ONLY), sent.flags());
        assertNull(sent.takeProfit());
        assertNull(sent.stopLoss());
    }

    @Test
    void aStopLossLegOrderOfASellRoundsLikeABuy() {
        OrderRequest leg = OrderRequest.of("c-2-sl", BTC, Side.BUY, OrderType.STOP_LIMIT, bd("0.5"), bd("68000.09"),
                bd("68000.05"), TimeInForce.GTC).withTriggerSource(TriggerSource.MARK)
                .asExitOf(OrderRole.STOP_LOSS, "c-2");
        RiskVerdict verdict = check.check(leg, INSTRUMENT, MARKET, ROUNDING);
        assertTrue(verdict.accepted(), verdict.summary());
        assertEquals(List.of("limit price 68000.09 rounded down to 68000 (tick 0.1)",
                "trigger price 68000.05 rounded to 68000.1 (tick 0.1)"), verdict.messages());
        assertEquals(bd("68000"), verdict.request().price(), "a buy never pays more");
        assertEquals(OrderRole.STOP_LOSS, verdict.request().role());
        assertEquals("c-2", verdict.request().parentClientOrderId());
        assertEquals(TriggerSource.MARK, verdict.request().triggerSource());
    }

    @Test
    void flagsAndTimeInForceSurviveRounding() {
        OrderRequest postOnly = limit(Side.BUY, "0.5", "64000.05").withFlags(Set.of(OrderFlag.POST_ONLY,
                OrderFlag.HIDDEN));
        RiskVerdict verdict = check.check(postOnly, INSTRUMENT, MARKET, ROUNDING);
        assertTrue(verdict.accepted(), verdict.summary());
        assertEquals(Set.of(OrderFlag.POST_ONLY, OrderFlag.HIDDEN), verdict.request().flags());
        assertEquals(bd("64000"), verdict.request().price());
        OrderRequest closing = OrderRequest.market("c-3", BTC, Side.SELL, bd("0.12345"))
                .withFlags(Set.of(OrderFlag.CLOSE_POSITION, OrderFlag.REDUCE_ONLY));
        verdict = check.check(closing, INSTRUMENT, MARKET, ROUNDING);
        assertTrue(verdict.accepted(), verdict.summary());
        assertEquals(List.of("quantity 0.12345 rounded down to 0.1234 (lot 0.0001)"), verdict.messages());
        assertEquals(Set.of(OrderFlag.CLOSE_POSITION, OrderFlag.REDUCE_ONLY), verdict.request().flags());
        assertEquals(TimeInForce.IOC, verdict.request().timeInForce());
    }
}
