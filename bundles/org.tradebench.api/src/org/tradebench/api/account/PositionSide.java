package org.tradebench.api.account;

/** Long or short; FLAT for a closed position. */
public enum PositionSide {
    /** Profits when the price rises. */
    LONG,
    /** Profits when the price falls. */
    SHORT,
    /** No position. */
    FLAT
}
