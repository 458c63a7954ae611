package org.tradebench.api.instrument;

import java.util.Objects;
import java.util.Set;

import org.tradebench.api.Capability;

/**
 * A tradable instrument: its id, its kind, its trading rules, the exchange's own symbol and what it
 * offers.
 *
 * <pre>{@code
 * Instrument btc = new Instrument(new InstrumentId("simulated", "BTC/USD"), InstrumentKind.SPOT,
 *         new InstrumentSpec(new BigDecimal("0.1"), new BigDecimal("0.0001"), BigDecimal.TEN), "BTCUSD");
 * boolean marks = btc.offers(Capability.MARK_PRICE, connector.capabilities()); // false for spot
 * }</pre>
 *
 * @param id the unified id
 * @param kind spot, perpetual or future
 * @param spec precision and limits
 * @param rawSymbol the exchange's own symbol, for example {@code tBTCUSD}
 * @param capabilities what this instrument supports (a spot pair has no mark price, a perpetual
 *        has); empty means "what the connector offers". The connector says what it can do now
 *        (market data only without keys), the instrument narrows that down
 */
public record Instrument(InstrumentId id, InstrumentKind kind, InstrumentSpec spec, String rawSymbol,
        Set<Capability> capabilities) {

    /** Validates and copies. */
    public Instrument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(rawSymbol, "rawSymbol");
        capabilities = Set.copyOf(capabilities);
        if (kind != InstrumentKind.SPOT && id.symbol().indexOf(':') < 0) {
            throw new IllegalArgumentException("a " + kind + " symbol needs a settle currency (BASE/QUOTE:SETTLE): " + id);
        }
    }

    /**
     * An instrument that offers what its connector offers.
     *
     * @param id the unified id
     * @param kind the kind
     * @param spec the rules
     * @param rawSymbol the exchange's symbol
     */
    public Instrument(InstrumentId id, InstrumentKind kind, InstrumentSpec spec, String rawSymbol) {
        this(id, kind, spec, rawSymbol, Set.of());
    }

    /**
     * Whether this instrument offers something now: the connector offers it and the instrument
     * supports it.
     *
     * @param capability the capability
     * @param connectorCapabilities the connector's (or trading account's) capabilities
     * @return true when offered
     */
    public boolean offers(Capability capability, Set<Capability> connectorCapabilities) {
        return connectorCapabilities.contains(capability)
                && (capabilities.isEmpty() || capabilities.contains(capability));
    }
}
