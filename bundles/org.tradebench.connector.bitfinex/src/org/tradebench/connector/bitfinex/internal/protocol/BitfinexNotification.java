package org.tradebench.connector.bitfinex.internal.protocol;

import java.util.Objects;

/**
 * A notification ({@code n} on the account channel):
 * {@code [MTS,TYPE,MESSAGE_ID,_,NOTIFY_INFO,CODE,STATUS,TEXT]}. An order rejection arrives here as
 * type {@code on-req} with status {@code ERROR} and the order in NOTIFY_INFO.
 *
 * <pre>{@code
 * if (n.isFailure()) { order.reject(n.text()); } // "Invalid order: minimum size for BTC/USD is 0.0001"
 * }</pre>
 *
 * @param time epoch milliseconds
 * @param type for example {@code on-req}, {@code oc-req}, {@code uca}
 * @param messageId the message id, nullable
 * @param order the order in NOTIFY_INFO for order request types, nullable
 * @param code a code, nullable
 * @param status {@code SUCCESS}, {@code ERROR}, {@code FAILURE} or {@code INFO}
 * @param text the text for people, empty when none
 */
public record BitfinexNotification(long time, String type, Long messageId, BitfinexOrder order, Integer code,
        String status, String text) {

    /** Validates. */
    public BitfinexNotification {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(text, "text");
    }

    /**
     * Whether the notification reports a failure.
     *
     * @return true for ERROR and FAILURE
     */
    public boolean isFailure() {
        return "ERROR".equals(status) || "FAILURE".equals(status);
    }
}
