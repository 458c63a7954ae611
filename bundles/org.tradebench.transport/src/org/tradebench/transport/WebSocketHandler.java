package org.tradebench.transport;

import java.time.Duration;

/**
 * What a connector does with its {@link ReconnectingWebSocket}: the protocol on top of the socket.
 * Implemented by connectors.
 *
 * <pre>{@code
 * WebSocketHandler handler = new WebSocketHandler() {
 *     public void onOpen(ReconnectingWebSocket ws) {          // after every (re)connect
 *         ws.send("{\"event\":\"conf\",\"flags\":229376}");
 *         subscriptions.forEach(s -> ws.send(s.subscribeMessage()));
 *     }
 *     public void onText(ReconnectingWebSocket ws, String frame) {
 *         decoder.decode(frame);                              // on the Jetty thread, must not block
 *     }
 * };
 * }</pre>
 *
 * <p>Threading: see the package documentation. {@code onOpen}, {@code onText} and
 * {@code onDisconnect} are never concurrent with each other; the timer callbacks may overlap them.
 */
public interface WebSocketHandler {

    /**
     * A session opened: the first connect or any reconnect. Send configuration, authentication and
     * subscriptions again here; the new session knows nothing of the old one.
     *
     * @param socket the socket, for {@link ReconnectingWebSocket#send(String)}
     */
    void onOpen(ReconnectingWebSocket socket);

    /**
     * One text frame (a whole message) arrived.
     *
     * @param socket the socket
     * @param text the frame
     */
    void onText(ReconnectingWebSocket socket, String text);

    /**
     * A session ended or an attempt failed; says whether and when the next attempt comes.
     *
     * @param socket the socket
     * @param disconnect what happened
     */
    default void onDisconnect(ReconnectingWebSocket socket, WebSocketDisconnect disconnect) {
    }

    /**
     * Nothing arrived for at least {@link WebSocketOptions#staleAfter()} (the socket may still be
     * open: a server can stop sending without closing). Called once per silence; a later frame
     * re-arms it. Runs on the timer thread.
     *
     * @param socket the socket
     * @param silence how long nothing has arrived
     */
    default void onStale(ReconnectingWebSocket socket, Duration silence) {
    }

    /**
     * Time to send an application-level ping ({@link PingMode#APPLICATION}). Runs on the timer
     * thread; report the answer with {@link ReconnectingWebSocket#pongReceived(long)}.
     *
     * @param socket the socket
     * @param pingId an id to put in the ping (for example Bitfinex's {@code cid}), increasing
     */
    default void onPingDue(ReconnectingWebSocket socket, long pingId) {
    }

    /**
     * A new round-trip measurement (pong frame or application pong). Runs on the thread that
     * received the pong.
     *
     * @param socket the socket
     * @param roundTrip the measured round trip
     */
    default void onLatency(ReconnectingWebSocket socket, Duration roundTrip) {
    }
}
