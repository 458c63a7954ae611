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
 *     public void onFrame(ReconnectingWebSocket ws, byte[] buffer, int offset, int length, long receivedNanos) {
 *         decoder.decode(buffer, offset, length, receivedNanos); // in place, on the reader thread, must not block
 *     }
 * };
 * }</pre>
 *
 * <p>Threading: see the package documentation. {@code onOpen}, {@code onFrame} and
 * {@code onDisconnect} are never concurrent with each other; the timer callbacks ({@code onStale},
 * {@code onPingDue}) may overlap them.
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
     * One message arrived: a text message as its UTF-8 bytes (not checked for valid UTF-8), or a
     * binary message, reassembled when the server fragmented it.
     *
     * <p>Runs on the Jetty thread that reads this socket, one call at a time per socket and in
     * the order the server sent; the next read happens after it returns, so it must not block.
     * The bytes are only valid during the call: they are the socket's read buffer (or, for a
     * fragmented message, its reassembly buffer), which the next read overwrites. Decode them in
     * place, or copy what must outlive the call. Nothing on the way here allocates per message;
     * keep it so.
     *
     * @param socket the socket
     * @param buffer holds the message; do not keep it, do not write to it
     * @param offset where the message starts in {@code buffer}
     * @param length the message's length in bytes
     * @param receivedNanos {@link System#nanoTime()} taken when the read that completed the
     *        message returned, before any parsing: the start for frame-to-listener latency and
     *        queue lag (several messages of one read share it)
     */
    void onFrame(ReconnectingWebSocket socket, byte[] buffer, int offset, int length, long receivedNanos);

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
     * received the pong: the reader thread for pong frames (like {@code onFrame}), the thread
     * that called {@link ReconnectingWebSocket#pongReceived(long)} for application pings.
     *
     * @param socket the socket
     * @param roundTrip the measured round trip
     */
    default void onLatency(ReconnectingWebSocket socket, Duration roundTrip) {
    }
}
