package org.tradebench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.instrument.PricePrecision;
import org.tradebench.ui.core.format.ChangeFormat;
import org.tradebench.ui.core.format.ClockFormat;
import org.tradebench.ui.core.format.LatencyFormat;
import org.tradebench.ui.core.format.PriceFormat;
import org.tradebench.ui.core.format.RateFormat;
import org.tradebench.ui.core.format.SizeFormat;

class FormatTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void priceUsesTheInstrumentTickScaleWithThousandsSeparators() {
        PriceFormat btc = PriceFormat.of(new InstrumentSpec(d("0.1"), d("0.0001"), d("10")));
        assertEquals(1, btc.scale());
        assertEquals("65,000.5", btc.format(d("65000.5")));
        assertEquals("65,000.0", btc.format(d("65000")));
        assertEquals("103,950.5", btc.formatUnits(1_039_505));
        assertEquals("0.1", btc.formatUnits(1));
        assertEquals("0.0", btc.formatUnits(0));
        assertEquals("999.9", btc.formatUnits(9_999));
        assertEquals("1,000.0", btc.formatUnits(10_000));
        assertEquals("1,234,567,890.1", btc.formatUnits(12_345_678_901L));
    }

    @Test
    void priceInSignificantDigitsShowsTheDecimalsItsDigitsReachAndNeverFewerThanItHas() {
        // Bitfinex: 5 significant digits, at most 8 decimals
        InstrumentSpec bitfinex = new InstrumentSpec(new PricePrecision.SignificantDigits(5, 8), d("0.00000001"),
                d("0.00004"), null, d("5"), BigDecimal.ONE);
        PriceFormat sig = PriceFormat.of(bitfinex);
        assertEquals("104,250", sig.format(d("104250")));
        assertEquals("65,000", sig.format(d("65000")));
        assertEquals("2.5000", sig.format(d("2.5")));
        assertEquals("0.12345", sig.format(d("0.12345")));
        assertEquals("0.00001234", sig.format(d("0.00001234")));
        assertEquals("65,000.5", sig.format(d("65000.5")), "six digits from the exchange are shown, not rounded");
        assertEquals("104,250", sig.formatUnits(10_425_000_000_000L), "units at the most decimals, 8");
        assertEquals("\u2013", sig.format(null));
        assertEquals(0, PriceFormat.minScale(bitfinex));
        assertEquals(1, PriceFormat.minScale(new InstrumentSpec(d("0.1"), d("0.0001"), d("10"))));
    }

    @Test
    void priceRoundsExtraDecimalsHalfEven() {
        assertEquals("65,000.2", PriceFormat.format(d("65000.25"), 1));
        assertEquals("65,000.4", PriceFormat.format(d("65000.35"), 1));
        assertEquals("65,000", PriceFormat.format(d("64999.5"), 0));
        assertEquals("2", PriceFormat.format(d("2.5"), 0));
    }

    @Test
    void smallAndNegativePricesKeepLeadingZerosAndSign() {
        assertEquals("0.00001234", PriceFormat.format(d("0.00001234"), 8));
        assertEquals("0.0005", PriceFormat.formatUnits(5, 4));
        assertEquals("-1,234.50", PriceFormat.formatUnits(-123_450, 2));
        assertEquals("0.00", PriceFormat.format(d("-0.001"), 2), "a negative value rounding to zero has no sign");
        assertEquals("-9,223,372,036,854,775,808", PriceFormat.formatUnits(Long.MIN_VALUE, 0));
        assertEquals("12,345,678,901,234,567,890.12", PriceFormat.format(d("12345678901234567890.123"), 2));
    }

    @Test
    void absentPriceIsAnEnDashAndBadScalesAreRejected() {
        assertEquals("\u2013", PriceFormat.format(null, 2));
        assertEquals("\u2013", PriceFormat.withScale(2).format(null));
        assertEquals("scale must be 0..18, was 19",
                assertThrows(IllegalArgumentException.class, () -> PriceFormat.withScale(19)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PriceFormat.formatUnits(1, -1));
    }

    @Test
    void sizeUsesTheLotScaleOrACompactForm() {
        SizeFormat lots = SizeFormat.of(new InstrumentSpec(d("0.1"), d("0.0001"), d("10")));
        assertEquals("1.5000", lots.format(d("1.5")));
        assertEquals("1.5000", lots.formatUnits(15_000));
        assertEquals("12,345.6789", lots.formatUnits(123_456_789));
        assertEquals("12.35M", SizeFormat.compact(d("12345678.9")));
        assertEquals("1.20B", SizeFormat.compact(d("1200000000")));
        assertEquals("4,321.99", SizeFormat.compact(d("4321.987")));
        assertEquals("0.0123", SizeFormat.compact(d("0.01234")));
        assertEquals("\u2013", SizeFormat.compact(null));
    }

    @Test
    void latencyPicksAUnitThatKeepsTwoOrThreeDigits() {
        assertEquals("850 \u00b5s", LatencyFormat.format(Duration.ofNanos(850_000)));
        assertEquals("4.2 ms", LatencyFormat.format(Duration.ofNanos(4_200_000)));
        assertEquals("42 ms", LatencyFormat.format(Duration.ofMillis(42)));
        assertEquals("999 ms", LatencyFormat.format(Duration.ofMillis(999)));
        assertEquals("1.0 s", LatencyFormat.format(Duration.ofNanos(999_600_000)));
        assertEquals("4.2 s", LatencyFormat.format(Duration.ofMillis(4_200)));
        assertEquals("\u2013", LatencyFormat.format(null));
    }

    @Test
    void rateShowsOneDecimalBelowTenAndGroupsLargeRates() {
        assertEquals("0 msg/s", RateFormat.messages(0));
        assertEquals("2.5 msg/s", RateFormat.messages(2.46));
        assertEquals("12 msg/s", RateFormat.messages(12.4));
        assertEquals("1,234 msg/s", RateFormat.messages(1234.4));
        assertEquals("3.0 trades/s", RateFormat.perSecond(3, "trades"));
        assertEquals("\u2013", RateFormat.messages(Double.NaN));
        assertEquals("\u2013", RateFormat.messages(-1));
    }

    @Test
    void changeIsASignedPercentage() {
        assertEquals("+1.23%", ChangeFormat.percent(d("0.0123")));
        assertEquals("-0.46%", ChangeFormat.percent(d("-0.00456")));
        assertEquals("0.00%", ChangeFormat.percent(BigDecimal.ZERO));
        assertEquals("0.00%", ChangeFormat.percent(d("0.00001")));
        assertEquals("+1,250.00%", ChangeFormat.percent(d("12.5")));
        assertEquals("\u2013", ChangeFormat.percent(null));
    }

    @Test
    void clockShowsMillisecondsInTheGivenZone() {
        assertEquals("14:03:07.125", ClockFormat.format(Instant.parse("2026-11-22T14:03:07.125Z"), ZoneOffset.UTC));
        assertEquals("\u2013", ClockFormat.format(null));
    }
}
