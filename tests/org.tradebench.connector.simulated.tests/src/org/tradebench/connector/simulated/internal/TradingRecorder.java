package org.tradebench.connector.simulated.internal;

import java.util.ArrayList;
import java.util.List;

import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.TradingListener;

/** Records every account event in arrival order. */
final class TradingRecorder implements TradingListener {

    final List<Object> events = new ArrayList<>();

    @Override
    public void onOrder(Order order) {
        events.add(order);
    }

    @Override
    public void onFill(Fill fill) {
        events.add(fill);
    }

    @Override
    public void onBalance(Balance balance) {
        events.add(balance);
    }

    @Override
    public void onPosition(Position position) {
        events.add(position);
    }

    List<Order> orders(String clientOrderId) {
        List<Order> out = new ArrayList<>();
        for (Object e : events) {
            if (e instanceof Order o && o.clientOrderId().equals(clientOrderId)) {
                out.add(o);
            }
        }
        return out;
    }

    List<OrderStatus> statuses(String clientOrderId) {
        return orders(clientOrderId).stream().map(Order::status).toList();
    }

    List<Fill> fills() {
        List<Fill> out = new ArrayList<>();
        for (Object e : events) {
            if (e instanceof Fill f) {
                out.add(f);
            }
        }
        return out;
    }

    List<Position> positions() {
        List<Position> out = new ArrayList<>();
        for (Object e : events) {
            if (e instanceof Position p) {
                out.add(p);
            }
        }
        return out;
    }

    Balance lastBalance(String wallet, String currency) {
        Balance last = null;
        for (Object e : events) {
            if (e instanceof Balance b && b.wallet().equals(wallet) && b.currency().equals(currency)) {
                last = b;
            }
        }
        return last;
    }
}
