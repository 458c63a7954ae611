package org.tradebench.api.trading;

/** The kind of order. */
public enum OrderType {
    /** Rests at a limit price. */
    LIMIT("limit", true, false),
    /** Executes at once against the book. */
    MARKET("market", false, false),
    /** Becomes a market order when the market trades through the stop price. */
    STOP("stop", false, true),
    /** Becomes a limit order when the market trades through the stop price. */
    STOP_LIMIT("stop-limit", true, true),
    /** Becomes a market order when the market reaches a favourable trigger price. */
    TAKE_PROFIT("take-profit", false, true),
    /** Becomes a limit order when the market reaches a favourable trigger price. */
    TAKE_PROFIT_LIMIT("take-profit-limit", true, true);

    private final String wireName;
    private final boolean needsPrice;
    private final boolean needsTrigger;

    OrderType(String wireName, boolean needsPrice, boolean needsTrigger) {
        this.wireName = wireName;
        this.needsPrice = needsPrice;
        this.needsTrigger = needsTrigger;
    }

    /**
     * The name used in JSON output.
     *
     * @return for example {@code "stop-limit"}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether a limit price is required.
     *
     * @return true for limit-like types
     */
    public boolean needsPrice() {
        return needsPrice;
    }

    /**
     * Whether a trigger (stop) price is required.
     *
     * @return true for stop and take-profit types
     */
    public boolean needsTrigger() {
        return needsTrigger;
    }
}
