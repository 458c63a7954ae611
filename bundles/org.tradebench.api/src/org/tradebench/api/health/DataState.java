package org.tradebench.api.health;

/** The state of one subscription's data. */
public enum DataState {
    /** Waiting for the first message. */
    PENDING,
    /** Data arriving. */
    LIVE,
    /** No message for longer than expected. */
    STALE,
    /** Rebuilding (book re-snapshot after a gap or checksum failure). */
    RESYNCING,
    /** Served by REST polling while the stream is down. */
    REST_FALLBACK,
    /** Closed. */
    CLOSED
}
