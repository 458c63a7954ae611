package org.tradebench.connector.simulated.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.market.BookGrouping;
import org.tradebench.core.book.ScaledDecimal;

/**
 * One instrument of the simulated venue and how its synthetic market behaves.
 *
 * @param instrument the instrument as the API lists it
 * @param initialPrice where the fair price starts and what it reverts to
 * @param levelStepTicks distance in ticks between the price levels synthetic participants quote
 *        (beyond the first few levels); a coarser grid keeps 50+ levels within a realistic range
 * @param typicalSize the median size of a participant order
 * @param flowWeight share of the market events that go to this instrument
 * @param indexSymbol the spot market whose price is the perpetual's index, null for spot
 */
record InstrumentProfile(Instrument instrument, BigDecimal initialPrice, int levelStepTicks, BigDecimal typicalSize,
        double flowWeight, String indexSymbol) {

    /** Book price groupings offered, as multiples of the tick: 10, 100, 500 and 1000 ticks. */
    static final int[] GROUPING_TICKS = { 10, 100, 500, 1000 };

    /** The exchange id of the simulated venue. */
    static final String EXCHANGE_ID = "simulated";

    InstrumentProfile {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(initialPrice, "initialPrice");
        Objects.requireNonNull(typicalSize, "typicalSize");
        if (levelStepTicks < 1 || flowWeight <= 0 || (indexSymbol == null) != (instrument.kind() == InstrumentKind.SPOT)) {
            throw new IllegalArgumentException("bad profile for " + instrument.id());
        }
    }

    /**
     * The venue's instruments: BTC, ETH and SOL spot against USD and a BTC perpetual settled in
     * USD. Prices, ticks and lots resemble the large exchanges'.
     */
    static List<InstrumentProfile> standard() {
        return List.of(
                profile("BTC/USD", InstrumentKind.SPOT, "BTCUSD", "0.1", "0.0001", "10", "65000", 5, "0.05", 0.35, null),
                profile("ETH/USD", InstrumentKind.SPOT, "ETHUSD", "0.01", "0.001", "10", "3200", 2, "0.8", 0.25, null),
                profile("SOL/USD", InstrumentKind.SPOT, "SOLUSD", "0.001", "0.01", "5", "150", 1, "15", 0.15, null),
                profile("BTC/USD:USD", InstrumentKind.PERPETUAL, "BTCUSD-PERP", "0.1", "0.0001", "10", "65010", 5,
                        "0.08", 0.25, "BTC/USD"));
    }

    private static InstrumentProfile profile(String symbol, InstrumentKind kind, String raw, String tick, String lot,
            String minNotional, String price, int step, String size, double weight, String index) {
        Instrument instrument = new Instrument(new InstrumentId(EXCHANGE_ID, symbol), kind,
                new InstrumentSpec(new BigDecimal(tick), new BigDecimal(lot), new BigDecimal(minNotional)), raw,
                kind == InstrumentKind.SPOT ? SimulatedCapabilities.SPOT : SimulatedCapabilities.PERPETUAL);
        return new InstrumentProfile(instrument, new BigDecimal(price), step, new BigDecimal(size), weight, index);
    }

    /**
     * This instrument with another tick, lot and minimum notional, its synthetic market keeping its
     * shape in price terms: the quoting grid (in ticks) scaled by old tick / new tick.
     */
    InstrumentProfile withSpec(InstrumentSpec spec) {
        Instrument changed = new Instrument(instrument.id(), instrument.kind(), spec, instrument.rawSymbol(),
                instrument.capabilities());
        BigDecimal ratio = instrument.spec().tickSize().divide(spec.tickSize(), java.math.MathContext.DECIMAL64);
        int step = Math.max(1, ratio.multiply(BigDecimal.valueOf(levelStepTicks)).intValue());
        return new InstrumentProfile(changed, initialPrice, step, typicalSize, flowWeight, indexSymbol);
    }

    /** The book groupings offered: none, then {@link #GROUPING_TICKS} ticks. */
    List<BookGrouping> groupings() {
        List<BookGrouping> out = new ArrayList<>();
        out.add(BookGrouping.NONE);
        for (int ticks : GROUPING_TICKS) {
            out.add(BookGrouping.increment(spec().tickSize().multiply(BigDecimal.valueOf(ticks))));
        }
        return out;
    }

    InstrumentId id() {
        return instrument.id();
    }

    InstrumentSpec spec() {
        return instrument.spec();
    }

    boolean isPerpetual() {
        return instrument.kind() != InstrumentKind.SPOT;
    }

    int priceScale() {
        return instrument.spec().priceScale();
    }

    int sizeScale() {
        return instrument.spec().sizeScale();
    }

    /** The tick size in price units (units of 10^-priceScale). */
    long tickUnits() {
        return ScaledDecimal.toUnits(instrument.spec().tickSize(), priceScale());
    }

    /** The lot size in size units (units of 10^-sizeScale). */
    long lotUnits() {
        return ScaledDecimal.toUnits(instrument.spec().lotSize(), sizeScale());
    }

    BigDecimal price(long units) {
        return ScaledDecimal.fromUnits(units, priceScale());
    }

    BigDecimal size(long units) {
        return ScaledDecimal.fromUnits(units, sizeScale());
    }

    long priceUnits(BigDecimal price) {
        return ScaledDecimal.toUnits(price, priceScale());
    }

    long sizeUnits(BigDecimal size) {
        return ScaledDecimal.toUnits(size, sizeScale());
    }
}
