package org.tradebench.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.Decimals;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.market.BookLevel;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.risk.MarketContext;

class ValuesTest {

    private static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");
    private static final Instant T0 = Instant.parse("2025-01-27T10:15:30.123Z");

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void decimalsNormaliseSoEqualsComparesValue() {
        assertEquals(d("1.5"), Decimals.normalize(d("1.50")));
        assertEquals("100", Decimals.normalize(d("1E+2")).toPlainString());
        assertEquals(BigDecimal.ZERO, Decimals.normalize(d("0.000")));
        assertEquals("0.0000007", Decimals.toPlainString(d("7e-7")));
        assertEquals(new BookLevel(d("100.10"), d("2.0")), new BookLevel(d("100.1"), d("2")));
    }

    @Test
    void negativeOrZeroWhereForbiddenNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BookLevel(d("0"), d("1")));
        assertEquals("price must be > 0, was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BookLevel(d("1"), d("-2")));
        assertEquals("quantity must be >= 0, was -2", e.getMessage());
    }

    @Test
    void instrumentIdParsesAndSplitsSymbols() {
        InstrumentId perp = InstrumentId.parse("bitfinex:BTC/USDT:USDT");
        assertEquals("bitfinex", perp.exchangeId());
        assertEquals("BTC/USDT:USDT", perp.symbol());
        assertEquals("BTC", perp.base());
        assertEquals("USDT", perp.quote());
        assertEquals("bitfinex:BTC/USDT:USDT", perp.toString());
        assertEquals("USD", BTC.quote());
        assertThrows(IllegalArgumentException.class, () -> new InstrumentId("x", "BTCUSD"));
        assertThrows(IllegalArgumentException.class, () -> InstrumentId.parse("BTC/USD"));
    }

    @Test
    void perpetualNeedsSettleCurrency() {
        InstrumentSpec spec = new InstrumentSpec(d("0.1"), d("0.0001"), d("10"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Instrument(BTC, InstrumentKind.PERPETUAL, spec, "BTCUSD"));
        assertTrue(e.getMessage().contains("settle currency"), e.getMessage());
    }

    @Test
    void specRoundsToTickAndLot() {
        InstrumentSpec spec = new InstrumentSpec(d("0.10"), d("0.0001"), d("10"));
        assertEquals(1, spec.priceScale());
        assertEquals(4, spec.sizeScale());
        assertFalse(spec.isOnTick(d("100.25")));
        assertTrue(spec.isOnTick(d("100.2")));
        assertEquals(d("100.3"), spec.roundPrice(d("100.25"), RoundingMode.HALF_UP));
        assertEquals(d("100.2"), spec.roundPrice(d("100.25"), RoundingMode.DOWN));
        assertEquals(d("0.1234"), spec.roundQuantity(d("0.12349"), RoundingMode.DOWN));
        assertEquals(d("5"), new InstrumentSpec(d("5"), d("1"), d("0")).roundPrice(d("7.4"), RoundingMode.HALF_UP));
    }

    @Test
    void candleIntervalParsesLabelsAndAlignsBuckets() {
        assertEquals(CandleInterval.M1, CandleInterval.parse("1m"));
        assertEquals(CandleInterval.D1, CandleInterval.parse("1D"));
        assertEquals(Duration.ofDays(7), CandleInterval.parse("1W").duration());
        for (String label : List.of("1s", "5s", "15s", "1m", "5m", "15m", "30m", "1h", "3h", "6h", "12h", "1D", "1W")) {
            assertEquals(label, CandleInterval.parse(label).label());
        }
        assertEquals(Instant.parse("2025-01-27T10:15:00Z"), CandleInterval.M5.bucketStart(T0));
        assertEquals(Instant.parse("2025-01-27T00:00:00Z"), CandleInterval.D1.bucketStart(T0));
        assertEquals(Instant.parse("2025-01-27T10:15:30Z"), CandleInterval.S1.bucketStart(T0));
        assertEquals(-60_000, CandleInterval.M1.bucketStartMillis(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CandleInterval.parse("7x"));
        assertTrue(e.getMessage().contains("'7x'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CandleInterval(Duration.ofMillis(1500)));
    }

    @Test
    void candleRejectsInconsistentPrices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Candle(BTC, CandleInterval.M1, T0, d("10"), d("9"), d("8"), d("9"), d("1"), 1, true));
        assertTrue(e.getMessage().contains("inconsistent"), e.getMessage());
        Candle ok = new Candle(BTC, CandleInterval.M1, Instant.parse("2025-01-27T10:15:00Z"), d("10"), d("12"),
                d("9"), d("11"), d("3.50"), 4, false);
        assertEquals(Instant.parse("2025-01-27T10:16:00Z"), ok.end());
        assertEquals(d("3.5"), ok.volume());
    }

    @Test
    void tickerMidAndSpread() {
        Ticker t = new Ticker(BTC, T0, T0, d("100.1"), d("1"), d("100.3"), d("2"), d("100.2"), d("10"), null, null,
                null, null);
        assertEquals(d("100.2"), t.mid());
        assertEquals(d("0.2"), t.spread());
        assertNull(t.high());
    }

    @Test
    void snapshotCopiesItsLists() {
        List<BookLevel> bids = new java.util.ArrayList<>(List.of(new BookLevel(d("1"), d("1"))));
        BookSnapshot s = new BookSnapshot(BTC, 1, T0, T0, bids, List.of());
        bids.clear();
        assertEquals(1, s.bids().size());
        assertThrows(UnsupportedOperationException.class, () -> s.asks().add(new BookLevel(d("2"), d("1"))));
    }

    @Test
    void positionSideMustAgreeWithQuantity() {
        InstrumentId perp = new InstrumentId("simulated", "BTC/USD:USD");
        assertThrows(IllegalArgumentException.class, () -> new Position(perp, PositionSide.FLAT, d("1"), null, null,
                d("0"), d("0"), d("1"), null, T0));
        Position shortPos = new Position(perp, PositionSide.SHORT, d("2"), d("100"), d("90"), d("20"), d("0"),
                d("10"), d("109"), T0);
        assertEquals(d("-2"), shortPos.signedQuantity());
    }

    @Test
    void marketReferenceIsMidElseLast() {
        assertEquals(d("101"), new MarketContext(d("100"), d("102"), d("50")).reference());
        assertEquals(d("50"), new MarketContext(null, d("102"), d("50")).reference());
        assertNull(new MarketContext(null, null, null).reference());
    }
}
