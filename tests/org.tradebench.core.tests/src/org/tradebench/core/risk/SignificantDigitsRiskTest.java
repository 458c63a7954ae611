package org.tradebench.core.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

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

/**
 * Prices with a number of significant digits and at most {@code maxScale} decimals (Bitfinex: 5
 * and 8): a buy rounds down and a sell up to the step at the price's magnitude, and below
 * {@code 10^-(digits-1-maxScale)} the decimal limit, not the digits, sets the step.
 */
class SignificantDigitsRiskTest {

    private static final PricePrecision FIVE_DIGITS = new PricePrecision.SignificantDigits(5, 8);
    private static final Instrument BTC = new Instrument(new InstrumentId("bitfinex", "BTC/USD"),
            InstrumentKind.SPOT, new InstrumentSpec(FIVE_DIGITS, bd("0.00000001"), bd("0.00004"), null,
                    BigDecimal.ZERO, BigDecimal.ONE), "tBTCUSD");
    private static final Instrument PEPE = new Instrument(new InstrumentId("bitfinex", "PEPE/USD"),
            InstrumentKind.SPOT, new InstrumentSpec(FIVE_DIGITS, BigDecimal.ONE, BigDecimal.ONE, null,
                    BigDecimal.ZERO, BigDecimal.ONE), "tPEPE:USD");
    private static final MarketContext AT_104K = new MarketContext(bd("103990"), bd("104010"), bd("104000"));
    /** Mid 0.00012345. */
    private static final MarketContext AT_12345E_8 = new MarketContext(bd("0.0001234"), bd("0.0001235"), null);
    /** Mid 0.00001235: five digits would need nine decimals. */
    private static final MarketContext AT_1235E_8 = new MarketContext(bd("0.00001234"), bd("0.00001236"), null);
    private static final RiskLimits ROUNDING = new RiskLimits(bd("1000000000"), bd("250000"), bd("0.1"), true);
    private static final RiskLimits STRICT = new RiskLimits(bd("1000000000"), bd("250000"), bd("0.1"), false);

    private final StandardRiskCheck check = new StandardRiskCheck();

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    private static OrderRequest limit(Instrument instrument, Side side, String quantity, String price) {
        return OrderRequest.limit("c-1", instrument.id(), side, bd(quantity), bd(price));
    }

    private RiskVerdict assertRounded(OrderRequest request, Instrument instrument, MarketContext market,
            String expectedPrice, String message) {
        RiskVerdict verdict = check.check(request, instrument, market, ROUNDING);
        assertTrue(verdict.accepted(), verdict.summary());
        assertEquals(List.of(message), verdict.messages());
        assertEquals(bd(expectedPrice), verdict.request().price() != null ? verdict.request().price()
                : verdict.request().triggerPrice());
        return verdict;
    }

    private void assertRefused(OrderRequest request, Instrument instrument, MarketContext market, RiskLimits limits,
            String message) {
        RiskVerdict verdict = check.check(request, instrument, market, limits);
        assertFalse(verdict.accepted(), verdict.summary());
        assertEquals(List.of(message), verdict.messages());
        assertSame(request, verdict.request());
    }

    @Test
    void aSellRoundsUpToTheStepAtItsMagnitude() {
        assertRounded(limit(BTC, Side.SELL, "0.5", "104001"), BTC, AT_104K, "104010",
                "limit price 104001 rounded up to 104010 (5 significant digits)");
        assertRounded(limit(BTC, Side.SELL, "0.5", "99999.5"), BTC, AT_104K, "100000",
                "limit price 99999.5 rounded up to 100000 (5 significant digits)");
        assertRounded(limit(BTC, Side.BUY, "0.5", "100004"), BTC, AT_104K, "100000",
                "limit price 100004 rounded down to 100000 (5 significant digits)");
        assertRefused(limit(BTC, Side.SELL, "0.5", "104001"), BTC, AT_104K, STRICT,
                "limit price 104001 has more than 5 significant digits (the step at this price is 10)");
    }

    @Test
    void tinyPricesKeepFiveSignificantDigits() {
        RiskVerdict exact = check.check(limit(PEPE, Side.BUY, "1000000", "0.00012345"), PEPE, AT_12345E_8, STRICT);
        assertTrue(exact.accepted(), exact.summary());
        assertEquals(List.of(), exact.messages());
        assertRounded(limit(PEPE, Side.BUY, "1000000", "0.000123456"), PEPE, AT_12345E_8, "0.00012345",
                "limit price 0.000123456 rounded down to 0.00012345 (5 significant digits)");
        assertRounded(limit(PEPE, Side.SELL, "1000000", "0.000123456"), PEPE, AT_12345E_8, "0.00012346",
                "limit price 0.000123456 rounded up to 0.00012346 (5 significant digits)");
        assertRefused(limit(PEPE, Side.BUY, "1000000", "0.000123456"), PEPE, AT_12345E_8, STRICT,
                "limit price 0.000123456 has more than 5 significant digits (the step at this price is 0.00000001)");
    }

    @Test
    void belowTheDigitsTheMaxScaleSetsTheStep() {
        RiskVerdict fourDigits = check.check(limit(PEPE, Side.BUY, "1000000", "0.00001234"), PEPE, AT_1235E_8,
                STRICT);
        assertTrue(fourDigits.accepted(), fourDigits.summary());
        assertRefused(limit(PEPE, Side.BUY, "1000000", "0.000012345"), PEPE, AT_1235E_8, STRICT,
                "limit price 0.000012345 has more than 8 decimal places (the step at this price is 0.00000001)");
        assertRounded(limit(PEPE, Side.BUY, "1000000", "0.000012345"), PEPE, AT_1235E_8, "0.00001234",
                "limit price 0.000012345 rounded down to 0.00001234 (at most 8 decimal places)");
        assertRounded(limit(PEPE, Side.SELL, "1000000", "0.000012345"), PEPE, AT_1235E_8, "0.00001235",
                "limit price 0.000012345 rounded up to 0.00001235 (at most 8 decimal places)");
        assertRounded(OrderRequest.stop("c-1", PEPE.id(), Side.SELL, bd("1000000"), bd("0.000012345")), PEPE,
                AT_1235E_8, "0.00001235", "trigger price 0.000012345 rounded to 0.00001235 (at most 8 decimal places)");
    }

    @Test
    void aPriceBelowTheSmallestStepIsRefusedForABuyAndRaisedForASell() {
        assertRefused(limit(PEPE, Side.BUY, "1000000", "0.000000004"), PEPE, AT_1235E_8, ROUNDING,
                "limit price 0.000000004 is below the smallest price step 0.00000001");
        assertRounded(limit(PEPE, Side.SELL, "1000000000", "0.000000004"), PEPE,
                new MarketContext(null, null, bd("0.00000001")), "0.00000001",
                "limit price 0.000000004 rounded up to 0.00000001 (at most 8 decimal places)");
    }

    @Test
    void roundingThatMergesTheLegsNamesTheSignificantDigits() {
        OrderRequest request = limit(BTC, Side.BUY, "0.5", "104000").withTakeProfit(ExitLeg.market(bd("110004")))
                .withStopLoss(ExitLeg.market(bd("110001")));
        assertRefused(request, BTC, AT_104K, ROUNDING,
                "after rounding to 5 significant digits: for a buy the stop-loss must be below the take-profit");
    }
}
