package org.tradebench.api.health;

import java.time.Instant;
import java.util.Objects;

/**
 * The health of one subscription's data.
 *
 * @param state the data state
 * @param lastMessage when the last message arrived, nullable before the first
 * @param messages messages delivered so far
 * @param resets book resets (gaps, checksum failures, reconnects) so far
 */
public record DataHealth(DataState state, Instant lastMessage, long messages, long resets) {

    /** Validates. */
    public DataHealth {
        Objects.requireNonNull(state, "state");
        if (messages < 0 || resets < 0) {
            throw new IllegalArgumentException("data health counters must be >= 0");
        }
    }
}
