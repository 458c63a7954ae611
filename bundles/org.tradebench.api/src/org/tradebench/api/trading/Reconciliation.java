package org.tradebench.api.trading;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a connector found when it compared its view of the account with the exchange's after a
 * reconnect or a restart: orders whose state changed while it could not see them, fills it had
 * missed. A view shows it as a notice the trader can open.
 *
 * @param accountId the trading account
 * @param time when the reconciliation finished
 * @param cause why it ran, for people ("reconnect", "start")
 * @param changedOrders orders whose state differs from what was shown before, in their new state
 * @param recoveredFills fills that happened while disconnected
 */
public record Reconciliation(String accountId, Instant time, String cause, List<Order> changedOrders,
        List<Fill> recoveredFills) {

    /** Validates and copies. */
    public Reconciliation {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(cause, "cause");
        changedOrders = List.copyOf(changedOrders);
        recoveredFills = List.copyOf(recoveredFills);
    }

    /**
     * Whether anything changed.
     *
     * @return false when the exchange agreed with what was shown
     */
    public boolean changedAnything() {
        return !changedOrders.isEmpty() || !recoveredFills.isEmpty();
    }
}
