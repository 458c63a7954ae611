package org.tradebench.api.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A connector's connection health.
 *
 * <pre>{@code
 * ConnectionHealth h = connector.health();
 * statusLabel.setText(h.state().wireName() + " " + h.latency().toMillis() + " ms");
 * }</pre>
 *
 * @param state the connection state
 * @param cause why the state was entered, for people (empty when nothing to say)
 * @param since when the state was entered
 * @param latency the latest measured ping/pong round trip, nullable when not measured yet
 * @param messagesPerSecond incoming messages per second over the last few seconds
 * @param reconnects reconnects since start
 * @param errors decoding and protocol errors since start
 */
public record ConnectionHealth(ConnectionState state, String cause, Instant since, Duration latency,
        double messagesPerSecond, long reconnects, long errors) {

    /** Validates. */
    public ConnectionHealth {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(since, "since");
        if (messagesPerSecond < 0 || reconnects < 0 || errors < 0) {
            throw new IllegalArgumentException("health counters must be >= 0");
        }
    }

    /**
     * A health value with no measurements yet.
     *
     * @param state the state
     * @param cause the cause
     * @return the value, since now
     */
    public static ConnectionHealth of(ConnectionState state, String cause) {
        return new ConnectionHealth(state, cause, Instant.now(), null, 0, 0, 0);
    }
}
