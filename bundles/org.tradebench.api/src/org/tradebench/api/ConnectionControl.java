package org.tradebench.api;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The user's switches for a connector's market data connections: disconnect and connect again,
 * and where the data comes from (WebSocket with REST fallback, WebSocket only, REST only).
 *
 * <pre>{@code
 * connector.connectionControl().ifPresent(c -> {
 *     c.disconnect();                              // sockets closed, nothing polled; streams go stale
 *     c.connect();                                 // reconnects and resubscribes every stream
 *     if (c.transportModes().contains(TransportMode.REST)) {
 *         c.transportMode(TransportMode.REST);     // poll over REST now, socket closed
 *     }
 * });
 * }</pre>
 *
 * <p>What it governs is the market data session ({@link org.tradebench.api.health.SessionHealth#MARKET_DATA}):
 * its sockets and its REST polling. The order-entry and account sessions stay as they are, so that
 * working orders stay watched (and an exchange with a dead-man switch does not cancel them); to
 * stop trading, remove the account's keys. While disconnected the market data session's health is
 * {@link org.tradebench.api.health.ConnectionState#DISCONNECTED} with the cause
 * {@value #DISCONNECTED_CAUSE}, and every stream reports itself stale with that cause: the last
 * values stay, marked as old. A switch is remembered for the life of the connector only.
 *
 * <p>Implemented by connectors. Thread-safe: every method returns at once and the change follows
 * on the connector's threads (health reports it).
 *
 * @since 0.3
 */
@ProviderType
public interface ConnectionControl {

    /** The cause a disconnected session and its streams report. */
    String DISCONNECTED_CAUSE = "disconnected by the user";

    /** Where market data comes from. */
    enum TransportMode {
        /** The exchange's WebSocket streams, polled over REST while the socket is down (default). */
        AUTO("auto"),
        /** The WebSocket streams only: while the socket is down the data is stale, never polled. */
        WEBSOCKET("websocket"),
        /** REST polling only, the socket closed (slower data, fewer moving parts). */
        REST("rest");

        private final String wireName;

        TransportMode(String wireName) {
            this.wireName = wireName;
        }

        /**
         * The name used in JSON output and settings.
         *
         * @return for example {@code "rest"}
         */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * Whether the user wants the connector connected (true from the start).
     *
     * @return false after {@link #disconnect()} until {@link #connect()}
     */
    boolean isConnected();

    /** Connects the market data session again and resubscribes every stream. Idempotent. */
    void connect();

    /**
     * Closes the market data session's sockets and stops its REST polling; the streams stay
     * subscribed and report themselves stale until {@link #connect()}. Idempotent.
     */
    void disconnect();

    /**
     * The transport mode now.
     *
     * @return the mode
     */
    TransportMode transportMode();

    /**
     * The modes this connector offers; always contains {@link TransportMode#AUTO}. A connector
     * without sockets (the simulated exchange) offers only that.
     *
     * @return an immutable set
     */
    Set<TransportMode> transportModes();

    /**
     * Chooses the transport mode.
     *
     * @param mode one of {@link #transportModes()}
     * @throws IllegalArgumentException when the connector does not offer the mode
     */
    void transportMode(TransportMode mode);
}
