package org.tradebench.transport;

/**
 * How a {@link ReconnectingWebSocket} measures latency.
 */
public enum PingMode {
    /** No pings. */
    OFF,
    /**
     * WebSocket ping frames carrying the send time; the pong frame gives the round trip. Needs no
     * help from the connector; every compliant server answers.
     */
    FRAMES,
    /**
     * The exchange's own ping message: the socket calls
     * {@link WebSocketHandler#onPingDue(ReconnectingWebSocket, long)} with a ping id, the connector
     * sends its message (Bitfinex: {@code {"event":"ping","cid":ID}}) and reports the answer with
     * {@link ReconnectingWebSocket#pongReceived(long)}. This measures the exchange's application
     * path, not just the TCP/WebSocket layer.
     */
    APPLICATION
}
