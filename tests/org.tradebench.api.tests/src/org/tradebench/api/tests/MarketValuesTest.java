package org.tradebench.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.api.tests.TestValues.BTC;
import static org.tradebench.api.tests.TestValues.PERP;
import static org.tradebench.api.tests.TestValues.T0;
import static org.tradebench.api.tests.TestValues.d;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tradebench.api.Decimals;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.DayStats;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.Quote;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;

class MarketValuesTest {

    private static final Quote QUOTE = new Quote(d("100.1"), d("1"), d("100.3"), d("2"));

    private static String refused(Executable executable) {
        return assertThrows(IllegalArgumentException.class, executable).getMessage();
    }

    @Test
    void decimalsNormaliseSoEqualsComparesValue() {
        assertEquals(d("1.5"), Decimals.normalize(d("1.50")));
        assertEquals("100", Decimals.normalize(d("1E+2")).toString());
        assertEquals(0, Decimals.normalize(d("1E+2")).scale());
        assertEquals(d("0"), Decimals.normalize(d("0.000")));
        assertEquals("0.0000007", Decimals.toPlainString(d("7e-7")));
        assertNull(Decimals.normalizeNullable(null));
        assertEquals("fee must be >= 0, was -0.10", refused(() -> Decimals.requireNonNegative(d("-0.10"), "fee")));
    }

    @Test
    void quoteHasMidAndSignedSpread() {
        assertEquals(d("100.2"), QUOTE.mid());
        assertEquals(d("0.2"), QUOTE.spread());
        assertEquals(d("-0.5"), new Quote(d("101"), d("1"), d("100.5"), d("1")).spread(), "a crossed quote");
        assertEquals(d("0"), new Quote(d("1"), d("0"), d("2"), d("0")).bidSize(), "empty side sizes are allowed");
        assertEquals("ask must be > 0, was 0", refused(() -> new Quote(d("1"), d("1"), d("0"), d("1"))));
    }

    @Test
    void bookTickerHasAQuoteOnly() {
        Ticker t = new Ticker(BTC, T0, T0, QUOTE, null, null);
        assertEquals(d("100.1"), t.bid());
        assertEquals(d("100.3"), t.ask());
        assertEquals(d("100.2"), t.mid());
        assertNull(t.last());
        assertNull(t.day());
        assertNull(t.volume());
    }

    @Test
    void statisticsTickerHasLastAndDayButNoQuote() {
        Ticker t = new Ticker(BTC, T0, T0, null, d("100.20"), new DayStats(d("10.5"), null, null, null, null, null, null));
        assertEquals(d("100.2"), t.last());
        assertEquals(d("10.5"), t.volume());
        assertNull(t.bid(), "absent parts stay absent, never invented");
        assertNull(t.ask());
        assertNull(t.mid());
        assertEquals(d("5"), new Ticker(BTC, T0, T0, null, d("5"), null).last());
    }

    @Test
    void tickerWithNothingIsRefused() {
        assertEquals("a ticker of simulated:BTC/USD needs a quote, a last price or day statistics",
                refused(() -> new Ticker(BTC, T0, T0, null, null, null)));
    }

    @Test
    void flatTickerHasAllThreeParts() {
        Ticker t = Ticker.of(BTC, T0, T0.plusMillis(3), d("100.1"), d("1"), d("100.3"), d("2"), d("100.2"), d("10"),
                d("101"), d("99"), d("-0.5"), d("-0.0050"));
        assertEquals(QUOTE, t.quote());
        assertEquals(d("100.2"), t.last());
        assertEquals(new DayStats(d("10"), null, d("101"), d("99"), null, d("-0.5"), d("-0.005")), t.day());
        assertEquals(T0.plusMillis(3), t.received());
    }

    @Test
    void dayStatisticsMayBeEmptyButVolumesNotNegative() {
        DayStats none = new DayStats(null, null, null, null, null, null, null);
        assertNull(none.volume());
        assertEquals("quoteVolume must be >= 0, was -1",
                refused(() -> new DayStats(null, d("-1"), null, null, null, null, null)));
        assertEquals(d("6500000"), new DayStats(null, d("6500000.00"), null, null, d("64000"), null, null).quoteVolume());
    }

    @Test
    void markPriceCarriesWhatTheExchangeSends() {
        Instant next = Instant.parse("2025-01-27T16:00:00Z");
        MarkPrice full = new MarkPrice(PERP, T0, T0, d("65010.50"), d("65000"), d("0.000100"), next, d("1234.5"));
        assertEquals(d("65010.5"), full.markPrice());
        assertEquals(d("0.0001"), full.fundingRate());
        assertEquals(next, full.nextFunding());
        MarkPrice fundingOnly = new MarkPrice(PERP, T0, T0, null, null, d("-0.0002"), null, null);
        assertEquals(d("-0.0002"), fundingOnly.fundingRate(), "funding can be negative");
        assertEquals(d("0"), new MarkPrice(PERP, T0, T0, null, null, null, null, d("0")).openInterest());
        assertEquals("a mark price event of bitfinex:BTC/USDT:USDT carries nothing",
                refused(() -> new MarkPrice(PERP, T0, T0, null, null, null, next, null)));
        assertEquals("markPrice must be > 0, was 0", refused(() -> new MarkPrice(PERP, T0, T0, d("0"), null, null, null, null)));
        assertEquals("openInterest must be >= 0, was -1",
                refused(() -> new MarkPrice(PERP, T0, T0, null, null, null, null, d("-1"))));
    }

    @Test
    void liquidationIsASidedPositiveTrade() {
        Liquidation l = new Liquidation(PERP, T0, T0.plusMillis(2), Side.SELL, d("64000.0"), d("0.250"));
        assertEquals(Side.SELL, l.side());
        assertEquals(d("64000"), l.price());
        assertEquals(d("0.25"), l.quantity());
        assertEquals("quantity must be > 0, was 0",
                refused(() -> new Liquidation(PERP, T0, T0, Side.BUY, d("64000"), d("0"))));
        assertEquals("side", assertThrows(NullPointerException.class,
                () -> new Liquidation(PERP, T0, T0, null, d("64000"), d("1"))).getMessage());
    }

    @Test
    void tradeNeedsPositivePriceAndQuantity() {
        Trade t = new Trade(BTC, "1", T0, T0, d("100.10"), d("0.5"), Side.BUY);
        assertEquals(d("100.1"), t.price());
        assertEquals("price must be > 0, was 0", refused(() -> new Trade(BTC, "1", T0, T0, d("0"), d("1"), Side.BUY)));
    }

    @Test
    void candleIntervalParsesLabelsAndAlignsBuckets() {
        assertEquals(CandleInterval.M1, CandleInterval.parse("1m"));
        assertEquals(CandleInterval.D1, CandleInterval.parse("1D"));
        assertEquals(CandleInterval.D1, CandleInterval.parse("1d"));
        assertEquals(Duration.ofDays(7), CandleInterval.parse("1W").duration());
        for (String label : List.of("1s", "5s", "15s", "1m", "5m", "15m", "30m", "1h", "3h", "6h", "12h", "1D", "1W")) {
            assertEquals(label, CandleInterval.parse(label).label());
        }
        assertEquals("1h", CandleInterval.parse("60m").label());
        assertEquals(Instant.parse("2025-01-27T10:15:00Z"), CandleInterval.M5.bucketStart(T0));
        assertEquals(Instant.parse("2025-01-27T00:00:00Z"), CandleInterval.D1.bucketStart(T0));
        assertEquals(Instant.parse("2025-01-27T10:15:30Z"), CandleInterval.S1.bucketStart(T0));
        assertEquals(-60_000, CandleInterval.M1.bucketStartMillis(-1));
        assertEquals("unknown candle interval unit in '7x' (use s, m, h, D, W)", refused(() -> CandleInterval.parse("7x")));
        assertEquals("candle interval must be positive: '0m'", refused(() -> CandleInterval.parse("0m")));
        assertEquals("not a candle interval: 'm' (expected e.g. 1m, 5m, 1h, 1D)", refused(() -> CandleInterval.parse("m")));
        assertThrows(IllegalArgumentException.class, () -> new CandleInterval(Duration.ofMillis(1500)));
    }

    @Test
    void candleRejectsInconsistentPrices() {
        assertTrue(refused(() -> new Candle(BTC, CandleInterval.M1, T0, d("10"), d("9"), d("8"), d("9"), d("1"), 1, true))
                .contains("is inconsistent: open 10 high 9 low 8 close 9"));
        Candle ok = new Candle(BTC, CandleInterval.M1, Instant.parse("2025-01-27T10:15:00Z"), d("10"), d("12"),
                d("9"), d("11"), d("3.50"), 4, false);
        assertEquals(Instant.parse("2025-01-27T10:16:00Z"), ok.end());
        assertEquals(d("3.5"), ok.volume());
    }
}
