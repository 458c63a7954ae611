package org.tradebench.core.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.instrument.PricePrecision;
import org.tradebench.api.market.Side;
import org.tradebench.api.risk.MarketContext;
import org.tradebench.api.risk.RiskLimits;
import org.tradebench.api.risk.RiskVerdict;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;

class StandardRiskCheckTest {

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

    private RiskVerdict check(OrderRequest request) {
        return check.check(request, INSTRUMENT, MARKET, ROUNDING);
    }

    private static void assertRefused(RiskVerdict verdict, OrderRequest original, String... messages) {
        assertFalse(verdict.accepted(), verdict.summary());
        assertEquals(List.of(messages), verdict.messages());
        assertSame(original, verdict.request(), "a refusal returns the original request");
    }

    @Test
    void aSoundOrderPassesUnchanged() {
        OrderRequest request = limit(Side.BUY, "0.5", "64000");
        RiskVerdict verdict = check(request);
        assertTrue(verdict.accepted());
        assertEquals(List.of(), verdict.messages());
        assertEquals(request, verdict.request());
    }

    /** Bitfinex: 5 significant digits, so at 104,000 a price moves in steps of 10. */
    @Test
    void significantDigitPricesRoundToTheStepAtTheirMagnitudeOrAreRefused() {
        Instrument bfx = new Instrument(new InstrumentId("bitfinex", "BTC/USD"), InstrumentKind.SPOT,
                new InstrumentSpec(new PricePrecision.SignificantDigits(5, 8), bd("0.00000001"), bd("0.00004"), null,
                        BigDecimal.ZERO, BigDecimal.ONE), "tBTCUSD");
        MarketContext market = new MarketContext(bd("103990"), bd("104010"), bd("104000"));
        OrderRequest buy = OrderRequest.limit("c-1", bfx.id(), Side.BUY, bd("0.5"), bd("104005"));
        RiskVerdict rounded = check.check(buy, bfx, market, ROUNDING);
        assertTrue(rounded.accepted(), rounded.summary());
        assertEquals(bd("104000"), rounded.request().price());
        assertEquals(List.of("limit price 104005 rounded down to 104000 (5 significant digits)"), rounded.messages());
        assertRefused(check.check(buy, bfx, market, STRICT), buy,
                "limit price 104005 has more than 5 significant digits (the step at this price is 10)");
        MarketContext at65k = new MarketContext(bd("64990"), bd("65010"), bd("65000"));
        assertTrue(check.check(OrderRequest.limit("c-2", bfx.id(), Side.BUY, bd("0.5"), bd("64999")), bfx, at65k, STRICT)
                .accepted(), "at 65,000 five digits make a step of 1");
        OrderRequest half = OrderRequest.limit("c-3", bfx.id(), Side.BUY, bd("0.5"), bd("64999.5"));
        assertRefused(check.check(half, bfx, at65k, STRICT), half,
                "limit price 64999.5 has more than 5 significant digits (the step at this price is 1)");
    }

    @Test
    void aBuyLimitRoundsDownToTheTickAndTheQuantityDownToTheLot() {
        RiskVerdict verdict = check(limit(Side.BUY, "0.12345", "64000.25"));
        assertTrue(verdict.accepted(), verdict.summary());
        assertEquals(List.of("limit price 64000.25 rounded down to 64000.2 (tick 0.1)",
                "quantity 0.12345 rounded down to 0.1234 (lot 0.0001)"), verdict.messages());
        assertEquals(limit(Side.BUY, "0.1234", "64000.2"), verdict.request());
    }

    @Test
    void aSellLimitRoundsUpToTheTick() {
        RiskVerdict verdict = check(limit(Side.SELL, "0.5", "66000.21"));
        assertTrue(verdict.accepted(), verdict.summary());
        assertEquals(List.of("limit price 66000.21 rounded up to 66000.3 (tick 0.1)"), verdict.messages());
        assertEquals(limit(Side.SELL, "0.5", "66000.3"), verdict.request());
    }

    @Test
    void aTriggerRoundsToTheNearestTick() {
        RiskVerdict up = check(OrderRequest.stop("c-1", BTC, Side.SELL, bd("0.5"), bd("64000.25")));
        assertEquals(List.of("trigger price 64000.25 rounded to 64000.3 (tick 0.1)"), up.messages());
        assertEquals(bd("64000.3"), up.request().triggerPrice());
        RiskVerdict down = check(OrderRequest.stop("c-1", BTC, Side.SELL, bd("0.5"), bd("64000.24")));
        assertEquals(List.of("trigger price 64000.24 rounded to 64000.2 (tick 0.1)"), down.messages());
        assertEquals(bd("64000.2"), down.request().triggerPrice());
        assertTrue(up.accepted() && down.accepted());
    }

    @Test
    void attachedTakeProfitAndStopLossRoundToTheNearestTick() {
        OrderRequest request = limit(Side.BUY, "0.5", "64000").withTakeProfit(ExitLeg.market(bd("70000.05")))
                .withStopLoss(ExitLeg.market(bd("62000.04")));
        RiskVerdict verdict = check(request);
        assertTrue(verdict.accepted(), verdict.summary());
        assertEquals(List.of("take-profit trigger 70000.05 rounded to 70000.1 (tick 0.1)",
                "stop-loss trigger 62000.04 rounded to 62000 (tick 0.1)"), verdict.messages());
        assertEquals(bd("70000.1"), verdict.request().takeProfit().triggerPrice());
        assertEquals(bd("62000"), verdict.request().stopLoss().triggerPrice());
    }

    @Test
    void roundingThatMergesTakeProfitAndStopLossIsRefused() {
        OrderRequest request = limit(Side.BUY, "0.5", "64000").withTakeProfit(ExitLeg.market(bd("70000.04")))
                .withStopLoss(ExitLeg.market(bd("70000.02")));
        assertRefused(check(request), request,
                "after rounding to the tick: for a buy the stop-loss must be below the take-profit");
    }

    @Test
    void offGridValuesAreRefusedWhenRoundingIsOff() {
        OrderRequest request = limit(Side.BUY, "0.12345", "64000.25");
        assertRefused(check.check(request, INSTRUMENT, MARKET, STRICT), request,
                "limit price 64000.25 is not a multiple of the tick size 0.1",
                "quantity 0.12345 is not a multiple of the lot size 0.0001");
        OrderRequest onGrid = limit(Side.BUY, "0.1234", "64000.2");
        assertTrue(check.check(onGrid, INSTRUMENT, MARKET, STRICT).accepted());
    }

    @Test
    void aQuantityBelowOneLotIsRefused() {
        OrderRequest request = limit(Side.BUY, "0.00005", "64000");
        assertRefused(check(request), request, "quantity 0.00005 is below the lot size 0.0001");
    }

    @Test
    void aBuyPriceBelowOneTickIsRefused() {
        OrderRequest request = limit(Side.BUY, "1", "0.05");
        assertRefused(check(request), request, "limit price 0.05 is below the tick size 0.1");
    }

    @Test
    void maximumQuantityAndNotionalAreBothReported() {
        OrderRequest request = limit(Side.BUY, "11", "64000");
        assertRefused(check(request), request, "quantity 11 exceeds the maximum of 10 per order",
                "notional 704000 (11 × 64000) exceeds the maximum of 250000 per order");
    }

    @Test
    void aMarketOrderNeedsAReferencePrice() {
        OrderRequest request = OrderRequest.market("c-1", BTC, Side.BUY, bd("1"));
        assertRefused(check.check(request, INSTRUMENT, new MarketContext(null, null, null), ROUNDING), request,
                "a market order needs a reference price, but the market has no bid/ask and no last trade");
        RiskVerdict withLast = check.check(request, INSTRUMENT, new MarketContext(null, null, bd("65000")), ROUNDING);
        assertTrue(withLast.accepted(), withLast.summary());
        assertEquals(List.of(), withLast.messages());
    }

    @Test
    void aMarketOrderNotionalUsesTheReference() {
        OrderRequest request = OrderRequest.market("c-1", BTC, Side.BUY, bd("5"));
        assertRefused(check(request), request, "notional 325000 (5 × 65000) exceeds the maximum of 250000 per order");
    }

    @Test
    void limitPricesOutsideTheBandAroundTheMidAreRefused() {
        OrderRequest low = limit(Side.BUY, "0.5", "50000");
        assertRefused(check(low), low, "limit price 50000 is 23.08% below the mid 65000 (band 10%)");
        OrderRequest high = limit(Side.SELL, "0.5", "80000");
        assertRefused(check(high), high, "limit price 80000 is 23.08% above the mid 65000 (band 10%)");
        OrderRequest fatFingerBuy = limit(Side.BUY, "0.5", "80000");
        assertRefused(check(fatFingerBuy), fatFingerBuy, "limit price 80000 is 23.08% above the mid 65000 (band 10%)");
    }

    @Test
    void theBandEdgeIsInsideAndOneTickBeyondIsOutside() {
        assertTrue(check(limit(Side.BUY, "0.5", "58500")).accepted());
        assertTrue(check(limit(Side.SELL, "0.5", "71500")).accepted());
        OrderRequest beyond = limit(Side.BUY, "0.5", "58499.9");
        assertRefused(check(beyond), beyond, "limit price 58499.9 is 10.01% below the mid 65000 (band 10%)");
    }

    @Test
    void theBandUsesTheLastPriceWhenTheBookIsOneSided() {
        OrderRequest request = limit(Side.BUY, "0.5", "50000");
        assertRefused(check.check(request, INSTRUMENT, new MarketContext(bd("64990"), null, bd("65000")), ROUNDING),
                request, "limit price 50000 is 23.08% below the last price 65000 (band 10%)");
    }

    @Test
    void triggerPricesAreBandedToo() {
        OrderRequest request = OrderRequest.stop("c-1", BTC, Side.BUY, bd("0.5"), bd("80000"));
        assertRefused(check(request), request, "trigger price 80000 is 23.08% above the mid 65000 (band 10%)");
        OrderRequest stopLimit = OrderRequest.of("c-2", BTC, Side.SELL, OrderType.STOP_LIMIT, bd("0.5"), bd("50000"),
                bd("60000"), TimeInForce.GTC);
        assertRefused(check(stopLimit), stopLimit, "limit price 50000 is 23.08% below the mid 65000 (band 10%)");
    }

    @Test
    void withoutAnyMarketPriceALimitOrderPassesWithANote() {
        RiskVerdict verdict = check.check(limit(Side.BUY, "0.5", "50000"), INSTRUMENT,
                new MarketContext(null, null, null), ROUNDING);
        assertTrue(verdict.accepted());
        assertEquals(List.of("no market price known: the price band was not checked"), verdict.messages());
    }

    @Test
    void aNotionalBelowTheInstrumentMinimumIsRefused() {
        OrderRequest request = limit(Side.BUY, "0.0001", "65000");
        assertRefused(check(request), request, "notional 6.5 (0.0001 × 65000) is below the minimum of 10 for BTC/USD");
    }

    @Test
    void anOrderForAnotherInstrumentIsRefused() {
        OrderRequest request = OrderRequest.limit("c-1", new InstrumentId("bitfinex", "BTC/USD"), Side.BUY, bd("0.5"),
                bd("64000"));
        assertRefused(check(request), request,
                "order c-1 is for bitfinex:BTC/USD but was checked against the rules of simulated:BTC/USD");
    }

    @Test
    void nullArgumentsAreProgrammingErrors() {
        OrderRequest request = limit(Side.BUY, "0.5", "64000");
        assertThrows(NullPointerException.class, () -> check.check(null, INSTRUMENT, MARKET, ROUNDING));
        assertThrows(NullPointerException.class, () -> check.check(request, INSTRUMENT, null, ROUNDING));
    }
}
