package org.tradebench.api.instrument;

/** What kind of contract an instrument is. */
public enum InstrumentKind {
    /** Spot: the base currency itself changes hands. */
    SPOT,
    /** Perpetual swap: a derivative with no expiry, settled in the settle currency. */
    PERPETUAL,
    /** Dated future. */
    FUTURE
}
