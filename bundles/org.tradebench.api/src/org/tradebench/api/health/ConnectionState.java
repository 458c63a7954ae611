package org.tradebench.api.health;

/** The state of a connector's connection to its exchange. */
public enum ConnectionState {
    /** Not started or closed by the user. */
    DISCONNECTED("disconnected"),
    /** Opening the connection. */
    CONNECTING("connecting"),
    /** Connected and data flowing. */
    LIVE("live"),
    /** Connected but data stopped arriving (heartbeats missed). */
    STALE("stale"),
    /** Lost; reconnecting with backoff. */
    RECONNECTING("reconnecting"),
    /** The exchange is in maintenance; order entry paused. */
    MAINTENANCE("maintenance"),
    /** The stream is down; data is polled over REST. */
    REST_FALLBACK("rest-fallback"),
    /** Gave up; the cause says why. */
    FAILED("failed");

    private final String wireName;

    ConnectionState(String wireName) {
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
     * Whether market data is currently usable (live or served from REST).
     *
     * @return true for LIVE and REST_FALLBACK
     */
    public boolean hasData() {
        return this == LIVE || this == REST_FALLBACK;
    }
}
