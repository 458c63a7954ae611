package org.tradebench.api.trading;

import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;

/**
 * Receives the account's streams: orders, fills, balances and positions. On subscribing, the
 * current open orders, balances and positions are delivered first. Runs on a connector thread, in
 * order; must not block. Methods default to doing nothing so a view implements what it shows.
 *
 * <p>Implemented by consumers.
 */
public interface TradingListener {

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
     * @param balance the new balance of one currency
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
}
