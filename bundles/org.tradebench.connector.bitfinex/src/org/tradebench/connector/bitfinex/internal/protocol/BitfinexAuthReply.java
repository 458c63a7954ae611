package org.tradebench.connector.bitfinex.internal.protocol;

import java.util.Objects;

/**
 * The reply to an {@code auth} request:
 * {@code {"event":"auth","status":"OK","chanId":0,"userId":1234}} or
 * {@code {"event":"auth","status":"FAILED","chanId":0,"msg":"apikey: invalid","code":10100}}.
 *
 * @param status {@code OK} or {@code FAILED}
 * @param userId the user id, -1 when absent
 * @param code the error code, 0 when absent
 * @param message the error message, empty when absent
 */
public record BitfinexAuthReply(String status, long userId, int code, String message) {

    /** Validates. */
    public BitfinexAuthReply {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Whether authentication succeeded.
     *
     * @return true for status OK
     */
    public boolean isOk() {
        return "OK".equals(status);
    }
}
