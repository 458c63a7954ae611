package org.tradebench.connector.bitfinex.internal.protocol;

/**
 * The two messages Bitfinex sends for one trade: {@code te} first (fast), then {@code tu} (final,
 * for own trades with the fee). Consumers de-duplicate by trade id.
 */
public enum BitfinexTradeEvent {
    /** {@code te}: trade executed. */
    EXECUTED("te"),
    /** {@code tu}: trade execution update. */
    UPDATED("tu");

    private final String wire;

    BitfinexTradeEvent(String wire) {
        this.wire = wire;
    }

    /**
     * The message code.
     *
     * @return {@code "te"} or {@code "tu"}
     */
    public String wire() {
        return wire;
    }
}
