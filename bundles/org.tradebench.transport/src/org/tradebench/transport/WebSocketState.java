package org.tradebench.transport;

/**
 * Where a {@link ReconnectingWebSocket} is in its life cycle.
 *
 * <pre>
 * NEW ─start()─► CONNECTING ─open─► OPEN ─lost─► WAITING ─delay─► CONNECTING ...
 *                    └──failed──► WAITING                      close() from any state ─► CLOSED
 * </pre>
 */
public enum WebSocketState {
    /** Created, {@link ReconnectingWebSocket#start()} not called yet. */
    NEW,
    /** An attempt to connect is under way. */
    CONNECTING,
    /** Connected: frames flow. */
    OPEN,
    /** Lost or failed; the next attempt is scheduled (back-off or the connection rate limit). */
    WAITING,
    /**
     * Disconnected by its owner on purpose ({@link ReconnectingWebSocket#pause(String)}): no
     * session and no attempt until {@link ReconnectingWebSocket#resume()}.
     */
    PAUSED,
    /** Closed by its owner; final. */
    CLOSED
}
