package org.tradebench.api.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A connector's connection health: the state of its connections as a whole (the market data
 * session's, as a view shows it in one dot) and each session on its own.
 *
 * <pre>{@code
 * ConnectionHealth h = connector.health();
 * statusLabel.setText(h.state().wireName() + " " + h.latency().toMillis() + " ms");
 * h.session(SessionHealth.TRADING).ifPresent(t -> orderEntry.setEnabled(t.state() == ConnectionState.LIVE));
 * }</pre>
 *
 * @param state the overall connection state (that of the market data session, or the worst one)
 * @param cause why the state was entered, for people (empty when nothing to say)
 * @param since when the state was entered
 * @param latency the latest measured ping/pong round trip, nullable when not measured yet
 * @param messagesPerSecond incoming messages per second over the last few seconds, all sessions
 * @param reconnects reconnects since start, all sessions
 * @param errors decoding and protocol errors since start, all sessions
 * @param sessions each session by name, in a stable order (market data first); may be empty
 * @param queueLag how long the oldest message waiting for a listener has waited (zero when every
 *        listener keeps up), nullable when not measured
 * @param slowListeners listener callbacks that took longer than 5 ms since start
 */
public record ConnectionHealth(ConnectionState state, String cause, Instant since, Duration latency,
        double messagesPerSecond, long reconnects, long errors, Map<String, SessionHealth> sessions,
        Duration queueLag, long slowListeners) {

    /** Validates and copies the sessions (keeping their order). */
    public ConnectionHealth {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(sessions, "sessions");
        if (messagesPerSecond < 0 || reconnects < 0 || errors < 0 || slowListeners < 0) {
            throw new IllegalArgumentException("health counters must be >= 0");
        }
        sessions = Collections.unmodifiableMap(new LinkedHashMap<>(sessions));
    }

    /**
     * A health value with no sessions and no queue measurements.
     *
     * @param state the state
     * @param cause the cause
     * @param since since when
     * @param latency the latency, nullable
     * @param messagesPerSecond the message rate
     * @param reconnects reconnects
     * @param errors errors
     */
    public ConnectionHealth(ConnectionState state, String cause, Instant since, Duration latency,
            double messagesPerSecond, long reconnects, long errors) {
        this(state, cause, since, latency, messagesPerSecond, reconnects, errors, Map.of(), null, 0);
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

    /**
     * One session's health.
     *
     * @param name for example {@link SessionHealth#TRADING}
     * @return the session, or empty when the connector has no such session
     */
    public Optional<SessionHealth> session(String name) {
        return Optional.ofNullable(sessions.get(name));
    }
}
