package org.tradebench.api.instrument;

import java.util.Objects;

/**
 * A tradable instrument: its id, its kind, its trading rules and the exchange's own symbol.
 *
 * <pre>{@code
 * Instrument btc = new Instrument(new InstrumentId("simulated", "BTC/USD"), InstrumentKind.SPOT,
 *         new InstrumentSpec(new BigDecimal("0.1"), new BigDecimal("0.0001"), BigDecimal.TEN), "BTCUSD");
 * }</pre>
 *
 * @param id the unified id
 * @param kind spot, perpetual or future
 * @param spec tick, lot and minimum notional
 * @param rawSymbol the exchange's own symbol, for example {@code tBTCUSD}
 */
public record Instrument(InstrumentId id, InstrumentKind kind, InstrumentSpec spec, String rawSymbol) {

    /** Validates. */
    public Instrument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(rawSymbol, "rawSymbol");
        if (kind != InstrumentKind.SPOT && id.symbol().indexOf(':') < 0) {
            throw new IllegalArgumentException("a " + kind + " symbol needs a settle currency (BASE/QUOTE:SETTLE): " + id);
        }
    }
}
