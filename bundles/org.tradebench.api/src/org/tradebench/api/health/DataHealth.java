package org.tradebench.api.health;

import java.time.Instant;
import java.util.Objects;

/**
 * The health of one subscription's data.
 *
 * <pre>{@code
 * DataHealth h = subscription.health();
 * if (h.state() == DataState.FAILED) {
 *     show("no data: " + h.cause());            // "Bitfinex: unknown pair (10001)"
 * }
 * }</pre>
 *
 * @param state the data state
 * @param lastMessage when the last message arrived, nullable before the first
 * @param messages messages delivered so far
 * @param resets book resets (gaps, checksum failures, reconnects) so far
 * @param cause why the state was entered, for people (empty when nothing to say)
 * @param since when the state was entered
 */
public record DataHealth(DataState state, Instant lastMessage, long messages, long resets, String cause,
        Instant since) {

    /** Validates. */
    public DataHealth {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(since, "since");
        if (messages < 0 || resets < 0) {
            throw new IllegalArgumentException("data health counters must be >= 0");
        }
    }

    /**
     * A value with no cause, since now.
     *
     * @param state the data state
     * @param lastMessage when the last message arrived, nullable
     * @param messages messages delivered
     * @param resets resets
     */
    public DataHealth(DataState state, Instant lastMessage, long messages, long resets) {
        this(state, lastMessage, messages, resets, "", Instant.now());
    }
}
