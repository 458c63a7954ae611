package org.tradebench.connector.support.stream;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.tradebench.api.Subscription;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.health.DataState;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.Reconciliation;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.connector.support.ConnectorRuntime;

/**
 * A trading account's stream of orders, fills, balances, positions and reconciliations, as every
 * connector's {@code TradingAccount.subscribe} needs it: each subscription queues every event
 * (nothing is dropped for a slow listener) and a newcomer first gets the account's current state
 * (open orders, balances, positions) from the supplier.
 *
 * <pre>{@code
 * TradingStream events = new TradingStream(runtime, "bitfinex account", () -> current());
 * public Subscription subscribe(TradingListener l) { return events.subscribe(l); }
 * // runtime lock held:
 * events.order(order);  events.fill(fill);  events.balance(balance);
 * }</pre>
 *
 * <p>Publishing runs under the runtime lock; listeners are called on the delivery thread.
 */
public final class TradingStream {

    /** Calls the listener method that fits the event; a constant, so delivering allocates nothing. */
    private static final StreamSubscription.Call<TradingListener, Object> DISPATCH = (l, e) -> {
        switch (e) {
            case Order o -> l.onOrder(o);
            case Fill f -> l.onFill(f);
            case Balance b -> l.onBalance(b);
            case Position p -> l.onPosition(p);
            case Reconciliation r -> l.onReconciliation(r);
            default -> throw new IllegalArgumentException("not a trading event: " + e.getClass().getName());
        }
    };

    private final EventStream<TradingListener, Object> stream;

    /**
     * Creates the stream.
     *
     * @param runtime the runtime
     * @param description what it is, for health and logs
     * @param current the account's current state a newcomer gets first (open orders, balances,
     *        positions), called under the runtime lock
     */
    public TradingStream(ConnectorRuntime runtime, String description, Supplier<List<Object>> current) {
        Objects.requireNonNull(current, "current");
        this.stream = new EventStream<>(runtime, description, SharedStream.Owner.NONE);
        stream.onJoin(s -> {
            for (Object e : current.get()) {
                stream.publishTo(s, e);
            }
        });
    }

    /**
     * Adds a listener; it gets the current state first. Any thread.
     *
     * @param listener the listener
     * @return the subscription
     */
    public Subscription subscribe(TradingListener listener) {
        Objects.requireNonNull(listener, "listener");
        return stream.attach(stream.subscription(listener, DISPATCH));
    }

    /**
     * An order changed.
     *
     * @param order the order
     */
    public void order(Order order) {
        stream.publish(order, System.nanoTime());
    }

    /**
     * A fill.
     *
     * @param fill the fill
     */
    public void fill(Fill fill) {
        stream.publish(fill, System.nanoTime());
    }

    /**
     * A balance changed.
     *
     * @param balance the balance
     */
    public void balance(Balance balance) {
        stream.publish(balance, System.nanoTime());
    }

    /**
     * A position changed.
     *
     * @param position the position
     */
    public void position(Position position) {
        stream.publish(position, System.nanoTime());
    }

    /**
     * A reconciliation finished.
     *
     * @param reconciliation what changed
     */
    public void reconciliation(Reconciliation reconciliation) {
        stream.publish(reconciliation, System.nanoTime());
    }

    /**
     * The data state every subscription's listener hears.
     *
     * @param state the state
     * @param cause why
     */
    public void state(DataState state, String cause) {
        stream.state(state, cause);
    }

    /** The account closed: every subscription ends CLOSED. */
    public void close() {
        stream.end(DataState.CLOSED, "connector closed");
    }
}
