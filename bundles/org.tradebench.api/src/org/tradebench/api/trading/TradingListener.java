package org.tradebench.api.trading;

import org.osgi.annotation.versioning.ConsumerType;
import org.tradebench.api.StreamListener;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;

/**
 * Receives the account's streams: orders, fills, balances and positions, and what changed during a
 * reconnect. On subscribing, the current open orders, balances and positions are delivered first.
 * Runs on a connector delivery thread, in order; must not block; nothing is ever dropped for a slow
 * listener. Methods default to doing nothing so a view implements what it shows.
 *
 * <p>Implemented by consumers.
 */
@ConsumerType
public interface TradingListener extends StreamListener {

    /**
     * An order changed.
     *
     * @param order the new state of the order
     */
    default void onOrder(Order order) {
    }

    /**
     * An order executed (partly).
     *
     * @param fill the execution
     */
    default void onFill(Fill fill) {
    }

    /**
     * A balance changed.
     *
     * @param balance the new balance of one currency in one wallet
     */
    default void onBalance(Balance balance) {
    }

    /**
     * A position changed (a quantity of zero means it was closed).
     *
     * @param position the new state of the position
     */
    default void onPosition(Position position) {
    }

    /**
     * A reconciliation finished (after a reconnect or a start); the changed orders and recovered
     * fills were delivered through {@link #onOrder} and {@link #onFill} before this call.
     *
     * @param reconciliation what changed
     */
    default void onReconciliation(Reconciliation reconciliation) {
    }
}
