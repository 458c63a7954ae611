package org.tradebench.api.health;

/** Where a session's data comes from now. */
public enum DataSource {
    /** A live WebSocket (or other streaming) connection. */
    WEBSOCKET("websocket"),
    /** REST polling while the stream is down. */
    REST("rest"),
    /** An in-process simulation. */
    SIMULATED("simulated"),
    /** A recording played back. */
    REPLAY("replay"),
    /** No data source now. */
    NONE("none");

    private final String wireName;

    DataSource(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used in JSON output.
     *
     * @return for example {@code "websocket"}
     */
    public String wireName() {
        return wireName;
    }
}
