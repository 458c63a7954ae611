package org.tradebench.api.trading;

/**
 * The part an order plays: a primary order (an entry, or a standalone order), or one exit leg
 * linked to its entry by {@link OrderRequest#parentClientOrderId()}.
 */
public enum OrderRole {
    /** An entry or a standalone order. */
    PRIMARY("primary"),
    /** The take-profit leg of an entry. */
    TAKE_PROFIT("take-profit"),
    /** The stop-loss leg of an entry. */
    STOP_LOSS("stop-loss");

    private final String wireName;

    OrderRole(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used in JSON output.
     *
     * @return for example {@code "stop-loss"}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether this is an exit leg.
     *
     * @return true for TAKE_PROFIT and STOP_LOSS
     */
    public boolean isExit() {
        return this != PRIMARY;
    }
}
