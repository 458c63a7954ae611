package org.tradebench.api.trading;

/** How long an order stays working. */
public enum TimeInForce {
    /** Good till cancelled. */
    GTC,
    /** Immediate or cancel: fill what can be filled now, cancel the rest. */
    IOC,
    /** Fill or kill: fill everything now or nothing. */
    FOK
}
