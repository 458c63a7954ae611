package org.tradebench.api.market;

/** Buy or sell: the side of an order, a fill, or the taker of a public trade. */
public enum Side {
    /** Buy (bid). */
    BUY,
    /** Sell (ask). */
    SELL;

    /**
     * The other side.
     *
     * @return SELL for BUY and BUY for SELL
     */
    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    /**
     * Lower-case name used in JSON output.
     *
     * @return {@code "buy"} or {@code "sell"}
     */
    public String wireName() {
        return this == BUY ? "buy" : "sell";
    }
}
