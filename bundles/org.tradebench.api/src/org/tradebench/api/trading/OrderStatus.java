package org.tradebench.api.trading;

import java.util.EnumSet;
import java.util.Set;

/**
 * The order state machine.
 *
 * <pre>
 * PENDING_NEW ──► OPEN ──► PARTIALLY_FILLED ──► FILLED
 *      │           │             │
 *      ▼           ▼             ▼
 *   REJECTED   PENDING_CANCEL ──► CANCELLED
 * (stop and take-profit orders waiting for their trigger are OPEN)
 * any live state ──► UNKNOWN_AFTER_DISCONNECT ──► (reconciled to any state)
 * </pre>
 *
 * <p>{@link #canBecome(OrderStatus)} is the executable form of this diagram; connectors and tests
 * check every transition with it.
 */
public enum OrderStatus {
    /** Sent, not yet acknowledged. */
    PENDING_NEW("pending-new"),
    /** Working on the book (or waiting for its trigger). */
    OPEN("open"),
    /** Working, partly filled. */
    PARTIALLY_FILLED("partially-filled"),
    /** Completely filled. Final. */
    FILLED("filled"),
    /** Cancel sent, not yet acknowledged. */
    PENDING_CANCEL("pending-cancel"),
    /** Cancelled (possibly after partial fills). Final. */
    CANCELLED("cancelled"),
    /** Refused by the risk check or the exchange; the reason says why. Final. */
    REJECTED("rejected"),
    /**
     * The exchange's answer is missing: the connection dropped while the order was live or before
     * the answer came, or no answer came in time. Reconciliation (asking the exchange) will tell.
     */
    UNKNOWN_AFTER_DISCONNECT("unknown-after-disconnect");

    private final String wireName;

    OrderStatus(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used in JSON output.
     *
     * @return for example {@code "partially-filled"}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Whether no further change can happen.
     *
     * @return true for FILLED, CANCELLED, REJECTED
     */
    public boolean isFinal() {
        return this == FILLED || this == CANCELLED || this == REJECTED;
    }

    /**
     * Whether the order may still fill.
     *
     * @return true for OPEN, PARTIALLY_FILLED, PENDING_CANCEL
     */
    public boolean isWorking() {
        return this == OPEN || this == PARTIALLY_FILLED || this == PENDING_CANCEL;
    }

    /**
     * Whether the state machine allows moving from this status to {@code next}. Staying in the same
     * status is allowed (an update with new fill amounts).
     *
     * @param next the next status
     * @return true when allowed
     */
    public boolean canBecome(OrderStatus next) {
        if (next == this) {
            return true;
        }
        return allowedNext().contains(next);
    }

    private Set<OrderStatus> allowedNext() {
        return switch (this) {
            case PENDING_NEW -> EnumSet.of(OPEN, PARTIALLY_FILLED, FILLED, CANCELLED, REJECTED, PENDING_CANCEL,
                    UNKNOWN_AFTER_DISCONNECT);
            case OPEN -> EnumSet.of(PARTIALLY_FILLED, FILLED, PENDING_CANCEL, CANCELLED, UNKNOWN_AFTER_DISCONNECT);
            case PARTIALLY_FILLED -> EnumSet.of(FILLED, PENDING_CANCEL, CANCELLED, UNKNOWN_AFTER_DISCONNECT);
            case PENDING_CANCEL -> EnumSet.of(CANCELLED, FILLED, PARTIALLY_FILLED, OPEN, UNKNOWN_AFTER_DISCONNECT);
            case UNKNOWN_AFTER_DISCONNECT -> EnumSet.of(OPEN, PARTIALLY_FILLED, FILLED, CANCELLED, REJECTED);
            case FILLED, CANCELLED, REJECTED -> EnumSet.noneOf(OrderStatus.class);
        };
    }
}
