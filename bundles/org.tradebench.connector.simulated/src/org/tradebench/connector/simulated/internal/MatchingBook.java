package org.tradebench.connector.simulated.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.TreeMap;

import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;

/**
 * The per-order book of one instrument: price levels holding FIFO queues of resting orders (price-
 * time priority), shared by the synthetic participants and the user's orders, plus the aggregated
 * level book that market data publishes (a core {@link OrderBook} kept in step with every change,
 * with the number of orders at each level).
 *
 * <p>Prices and sizes are in units of the instrument's price and size scale. Owned by the venue's
 * thread (under the runtime lock); not thread-safe.
 */
final class MatchingBook {

    private final TreeMap<Long, PriceLevel> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<Long, PriceLevel> asks = new TreeMap<>();
    // Participant orders per side, for picking one at random to cancel in O(1).
    private final ArrayList<RestingOrder> participantBids = new ArrayList<>();
    private final ArrayList<RestingOrder> participantAsks = new ArrayList<>();
    private final OrderBook aggregated;
    private boolean changed;

    MatchingBook(int priceScale, int sizeScale) {
        this.aggregated = new OrderBook(priceScale, sizeScale);
    }

    /** Appends an order at the back of its price level's queue. */
    RestingOrder add(Side side, long price, long size, UserOrder owner) {
        if (price <= 0 || size <= 0) {
            throw new IllegalArgumentException("resting order needs price > 0 and size > 0, was " + price + " x " + size);
        }
        TreeMap<Long, PriceLevel> book = side(side);
        PriceLevel level = book.get(price);
        if (level == null) {
            level = new PriceLevel(side, price);
            book.put(price, level);
        }
        RestingOrder order = new RestingOrder(level, size, owner);
        level.append(order);
        if (owner == null) {
            ArrayList<RestingOrder> pool = pool(side);
            order.poolIndex = pool.size();
            pool.add(order);
        }
        levelChanged(level);
        return order;
    }

    /** Takes {@code quantity} from a resting order (a fill); removes it when nothing is left. */
    void reduce(RestingOrder order, long quantity) {
        if (quantity <= 0 || quantity > order.remaining) {
            throw new IllegalArgumentException("cannot take " + quantity + " from an order of " + order.remaining);
        }
        order.remaining -= quantity;
        order.level.total -= quantity;
        if (order.remaining == 0) {
            unlink(order);
        } else {
            levelChanged(order.level);
        }
    }

    /**
     * Gives a resting order a smaller remaining quantity where it stands: it keeps its place in the
     * queue (an amend that only reduces the quantity keeps time priority).
     */
    void shrink(RestingOrder order, long newRemaining) {
        if (newRemaining <= 0 || newRemaining >= order.remaining) {
            throw new IllegalArgumentException("an order of " + order.remaining + " cannot shrink to " + newRemaining);
        }
        order.level.total -= order.remaining - newRemaining;
        order.remaining = newRemaining;
        levelChanged(order.level);
    }

    /** Removes a resting order (cancel). Removing twice does nothing. */
    void remove(RestingOrder order) {
        if (order.removed) {
            return;
        }
        order.level.total -= order.remaining;
        unlink(order);
    }

    private void unlink(RestingOrder order) {
        PriceLevel level = order.level;
        level.unlink(order);
        order.removed = true;
        if (order.user == null) {
            ArrayList<RestingOrder> pool = pool(level.side);
            RestingOrder last = pool.remove(pool.size() - 1);
            if (last != order) {
                pool.set(order.poolIndex, last);
                last.poolIndex = order.poolIndex;
            }
        }
        if (level.head == null) {
            side(level.side).remove(level.price);
        }
        levelChanged(level);
    }

    private void levelChanged(PriceLevel level) {
        aggregated.set(level.side, level.price, level.head == null ? 0 : level.total, level.orders);
        changed = true;
    }

    /** The best level of a side, or null when the side is empty. */
    PriceLevel best(Side side) {
        var entry = side(side).firstEntry();
        return entry == null ? null : entry.getValue();
    }

    /** The levels of a side, best first. */
    Collection<PriceLevel> levels(Side side) {
        return side(side).values();
    }

    int participantCount(Side side) {
        return pool(side).size();
    }

    RestingOrder participant(Side side, int index) {
        return pool(side).get(index);
    }

    /** The aggregated book, for reading only: the venue publishes it and tests compare with it. */
    OrderBook aggregated() {
        return aggregated;
    }

    /** Whether the book changed since the last call, clearing the flag. */
    boolean takeChanged() {
        boolean c = changed;
        changed = false;
        return c;
    }

    private TreeMap<Long, PriceLevel> side(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    private ArrayList<RestingOrder> pool(Side side) {
        return side == Side.BUY ? participantBids : participantAsks;
    }

    /** One price with its queue of orders, oldest (first to fill) at the head. */
    static final class PriceLevel {
        final Side side;
        final long price;
        long total;
        int orders;
        RestingOrder head;
        RestingOrder tail;

        PriceLevel(Side side, long price) {
            this.side = side;
            this.price = price;
        }

        void append(RestingOrder order) {
            order.prev = tail;
            if (tail == null) {
                head = order;
            } else {
                tail.next = order;
            }
            tail = order;
            total += order.remaining;
            orders++;
        }

        void unlink(RestingOrder order) {
            if (order.prev == null) {
                head = order.next;
            } else {
                order.prev.next = order.next;
            }
            if (order.next == null) {
                tail = order.prev;
            } else {
                order.next.prev = order.prev;
            }
            order.prev = null;
            order.next = null;
            orders--;
        }
    }

    /** One resting order: a synthetic participant's ({@code user == null}) or the user's. */
    static final class RestingOrder {
        final PriceLevel level;
        final UserOrder user;
        long remaining;
        RestingOrder prev;
        RestingOrder next;
        int poolIndex = -1;
        boolean removed;

        RestingOrder(PriceLevel level, long remaining, UserOrder user) {
            this.level = level;
            this.remaining = remaining;
            this.user = user;
        }

        long price() {
            return level.price;
        }

        Side side() {
            return level.side;
        }
    }
}
