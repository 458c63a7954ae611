package org.tradebench.api.health;

/** The state of one subscription's data. */
public enum DataState {
    /** Waiting for the first message. */
    PENDING("pending"),
    /** Data arriving. */
    LIVE("live"),
    /** No message for longer than expected. */
    STALE("stale"),
    /** Rebuilding (book re-snapshot after a gap, a checksum failure or a reconnect). */
    RESYNCING("resyncing"),
    /** Served by REST polling while the stream is down. */
    REST_FALLBACK("rest-fallback"),
    /**
     * The stream cannot be served: the exchange refused the subscription (its text is the cause)
     * or the connector does not offer it. Final: no more data will come; subscribe again to retry.
     */
    FAILED("failed"),
    /** Closed. */
    CLOSED("closed");

    private final String wireName;

    DataState(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used in JSON output.
     *
     * @return for example {@code "rest-fallback"}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether no more data will come.
     *
     * @return true for FAILED and CLOSED
     */
    public boolean isFinal() {
        return this == FAILED || this == CLOSED;
    }
}
