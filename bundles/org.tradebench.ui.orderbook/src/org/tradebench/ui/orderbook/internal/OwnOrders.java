package org.tradebench.ui.orderbook.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.TradingListener;

/**
 * The trader's own working orders on the instrument of the book, as the trading accounts stream
 * them, for the ladder to mark at their levels. An order leaves when it is no longer working
 * (filled, cancelled, rejected).
 *
 * <p>Thread-safe: {@link #onOrder} runs on the accounts' threads; {@link #marks()} is read by the
 * paint on the display thread (an immutable list, replaced on every change).
 */
public final class OwnOrders implements TradingListener {

    /**
     * One working order: its side, its limit price and what is left of it.
     *
     * @param side buy or sell
     * @param price the limit price
     * @param remaining quantity not yet filled
     */
    public record Mark(Side side, BigDecimal price, BigDecimal remaining) {
    }

    private final InstrumentId instrument;
    private final Runnable changed;
    private final Map<String, Order> working = new ConcurrentHashMap<>();
    private volatile List<Mark> marks = List.of();

    /**
     * Follows one instrument's orders.
     *
     * @param instrument the book's instrument
     * @param changed told (on any thread) when the marks changed
     */
    public OwnOrders(InstrumentId instrument, Runnable changed) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.changed = Objects.requireNonNull(changed, "changed");
    }

    @Override
    public void onOrder(Order order) {
        if (!instrument.equals(order.request().instrument())) {
            return;
        }
        String key = order.accountId() + "/" + order.clientOrderId();
        // only a resting limit order has a level; a stop waits off the book until it triggers
        boolean rests = order.status().isWorking() && order.request().price() != null
                && order.request().type() == org.tradebench.api.trading.OrderType.LIMIT;
        Order before = rests ? working.put(key, order) : working.remove(key);
        if (rests || before != null) {
            rebuild();
            changed.run();
        }
    }

    private synchronized void rebuild() {
        List<Mark> out = new ArrayList<>(working.size());
        for (Order o : working.values()) {
            BigDecimal filled = o.filledQuantity() == null ? BigDecimal.ZERO : o.filledQuantity();
            BigDecimal left = o.request().quantity().subtract(filled);
            if (left.signum() > 0) {
                out.add(new Mark(o.request().side(), o.request().price(), left));
            }
        }
        marks = List.copyOf(out);
    }

    /**
     * The working orders now.
     *
     * @return an immutable list
     */
    public List<Mark> marks() {
        return marks;
    }
}
