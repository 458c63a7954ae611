package org.tradebench.connector.bitfinex.tests.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.Reconciliation;
import org.tradebench.api.trading.TradingListener;

/**
 * Records a trading account's streams and checks every order transition against the API's state
 * machine ({@link OrderStatus#canBecome}) as it arrives.
 *
 * <pre>{@code
 * TradingEvents events = new TradingEvents();
 * account.subscribe(events);
 * ...
 * assertEquals(List.of(PENDING_NEW, OPEN, PENDING_CANCEL, CANCELLED), events.statuses("c-1"));
 * assertEquals(List.of(), events.badTransitions());
 * }</pre>
 *
 * <p>Thread-safe: callbacks come on the connector's delivery thread, the test reads on its own.
 */
final class TradingEvents implements TradingListener {

    private final List<Order> orders = new ArrayList<>();
    private final List<Fill> fills = new ArrayList<>();
    private final List<Balance> balances = new ArrayList<>();
    private final List<Position> positions = new ArrayList<>();
    private final List<Reconciliation> reconciliations = new ArrayList<>();
    private final List<DataHealth> health = new ArrayList<>();
    private final List<String> badTransitions = new ArrayList<>();
    /** Orders, fills and reconciliations in the order delivered. */
    private final List<Object> timeline = new ArrayList<>();
    private final Map<String, OrderStatus> last = new HashMap<>();

    @Override
    public synchronized void onOrder(Order o) {
        OrderStatus before = last.put(o.clientOrderId(), o.status());
        if (before != null && !before.canBecome(o.status())) {
            badTransitions.add(o.clientOrderId() + ": " + before + " -> " + o.status());
        }
        orders.add(o);
        timeline.add(o);
    }

    @Override
    public synchronized void onFill(Fill f) {
        fills.add(f);
        timeline.add(f);
    }

    @Override
    public synchronized void onBalance(Balance b) {
        balances.add(b);
    }

    @Override
    public synchronized void onPosition(Position p) {
        positions.add(p);
    }

    @Override
    public synchronized void onReconciliation(Reconciliation r) {
        reconciliations.add(r);
        timeline.add(r);
    }

    @Override
    public synchronized void onHealth(DataHealth h) {
        health.add(h);
    }

    /** @return transitions the state machine forbids, as {@code "id: FROM -> TO"} */
    synchronized List<String> badTransitions() {
        return List.copyOf(badTransitions);
    }

    /** @return the statuses one order went through, repeats collapsed */
    synchronized List<OrderStatus> statuses(String clientOrderId) {
        List<OrderStatus> out = new ArrayList<>();
        for (Order o : orders) {
            if (o.clientOrderId().equals(clientOrderId) && (out.isEmpty() || out.getLast() != o.status())) {
                out.add(o.status());
            }
        }
        return out;
    }

    /** @return the latest value of one order */
    synchronized Optional<Order> latest(String clientOrderId) {
        Order found = null;
        for (Order o : orders) {
            if (o.clientOrderId().equals(clientOrderId)) {
                found = o;
            }
        }
        return Optional.ofNullable(found);
    }

    /** @return whether the latest value of one order has this status */
    boolean is(String clientOrderId, OrderStatus status) {
        return latest(clientOrderId).map(o -> o.status() == status).orElse(false);
    }

    /**
     * The fills and order updates of one order from its first update with the given status on.
     *
     * @param clientOrderId the order
     * @param from the status to start at
     * @return {@link Order}s and {@link Fill}s in delivery order
     */
    synchronized List<Object> timelineOf(String clientOrderId, OrderStatus from) {
        List<Object> out = new ArrayList<>();
        for (Object x : timeline) {
            String id = x instanceof Order o ? o.clientOrderId() : x instanceof Fill f ? f.clientOrderId() : null;
            if (clientOrderId.equals(id) && (!out.isEmpty() || (x instanceof Order o && o.status() == from))) {
                out.add(x);
            }
        }
        return out;
    }

    /** @return the fills of one order, in delivery order */
    synchronized List<Fill> fillsOf(String clientOrderId) {
        return fills.stream().filter(f -> f.clientOrderId().equals(clientOrderId)).toList();
    }

    /** @return the balances delivered so far */
    synchronized List<Balance> balances() {
        return List.copyOf(balances);
    }

    /** @return the positions delivered so far */
    synchronized List<Position> positions() {
        return List.copyOf(positions);
    }

    /** @return the reconciliations delivered so far */
    synchronized List<Reconciliation> reconciliations() {
        return List.copyOf(reconciliations);
    }

    /** @return the stream's data states, repeats collapsed */
    synchronized List<DataState> states() {
        List<DataState> out = new ArrayList<>();
        for (DataHealth h : health) {
            if (out.isEmpty() || out.getLast() != h.state()) {
                out.add(h.state());
            }
        }
        return out;
    }

    @Override
    public synchronized String toString() {
        return "TradingEvents[" + orders.size() + " orders, " + fills.size() + " fills, " + balances.size()
                + " balances, " + positions.size() + " positions, " + reconciliations.size() + " reconciliations, "
                + "states " + states() + "]";
    }
}
