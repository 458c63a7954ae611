package org.tradebench.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * A connection that ended, or an attempt that failed, and what happens next.
 *
 * <pre>{@code
 * public void onDisconnect(WebSocketDisconnect d) {
 *     health.set(d.reconnecting() ? RECONNECTING : FAILED, d.describe());
 * }
 * }</pre>
 *
 * @param closeCode the WebSocket close code (1000 normal, 1006 abnormal), or -1 when the
 *        connection never opened (refused, timed out, HTTP error on upgrade)
 * @param reason the close reason or the failure, for people; never contains frame data
 * @param cause the exception behind a failure; nullable (null for a clean close)
 * @param wasOpen whether a session had opened before this (false for a failed attempt)
 * @param reconnecting whether another attempt is scheduled (false once the owner closed it)
 * @param attempt the number of the scheduled attempt since the last stable connection (0 when
 *        not reconnecting)
 * @param delay the wait before that attempt (zero when not reconnecting)
 */
public record WebSocketDisconnect(int closeCode, String reason, Throwable cause, boolean wasOpen,
        boolean reconnecting, int attempt, Duration delay) {

    /** Validates. */
    public WebSocketDisconnect {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(delay, "delay");
    }

    /**
     * A sentence for logs and status lines.
     *
     * @return for example {@code "connection lost (1006 disconnected); reconnect attempt 2 in 1.2 s"}
     */
    public String describe() {
        String what = wasOpen ? "connection lost (" + (closeCode < 0 ? "" : closeCode + " ") + reason + ")"
                : "connection attempt failed (" + reason + ")";
        if (!reconnecting) {
            return what + "; not reconnecting";
        }
        return what + "; reconnect attempt " + attempt + " in " + String.format(java.util.Locale.ROOT, "%.1f s",
                delay.toNanos() / 1e9);
    }
}
