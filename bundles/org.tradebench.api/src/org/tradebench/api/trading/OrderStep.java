package org.tradebench.api.trading;

/** A step of an order on its way out, as order entry shows it while the order is in flight. */
public enum OrderStep {
    /** Risk and precision checks. */
    CHECKING("checking…"),
    /** Sent to the connector, waiting for the exchange. */
    SENDING("sending…"),
    /** The exchange accepted the entry. */
    ACCEPTED("accepted"),
    /** Take-profit and stop-loss legs are being placed. */
    PLACING_EXITS("placing TP/SL…"),
    /** Every exit leg is placed (on the exchange or held locally). */
    EXITS_PLACED("TP/SL placed"),
    /** Completely filled. */
    FILLED("filled"),
    /** Cancelled. */
    CANCELLED("cancelled"),
    /** Refused by the risk check or the exchange. */
    REJECTED("rejected"),
    /** Something failed after the entry was accepted (an exit leg); the message says what. */
    FAILED("failed");

    private final String label;

    OrderStep(String label) {
        this.label = label;
    }

    /**
     * What order entry shows.
     *
     * @return for example {@code "placing TP/SL…"}
     */
    public String label() {
        return label;
    }
}
