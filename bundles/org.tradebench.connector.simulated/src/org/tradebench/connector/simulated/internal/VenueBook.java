package org.tradebench.connector.simulated.internal;

import java.util.Arrays;

import org.tradebench.api.market.Side;
import org.tradebench.connector.support.stream.BookStream;
import org.tradebench.core.book.OrderBook;

/**
 * One book the venue publishes: the top {@code depth} levels per side of an instrument's book,
 * ungrouped or grouped by a price increment, kept in the master book of a toolkit
 * {@link BookStream} that every subscription to that book shares.
 *
 * <p>After each action that changed the venue's book, {@link #publish} recomputes the levels and,
 * when they differ from the master, rebuilds the master and commits it: each subscription then
 * receives the difference as a delta on the delivery thread (merged for a listener that is behind).
 * A change deeper than the depth commits nothing.
 *
 * <p>Grouping: bids fall into the bucket at or below their price, asks into the bucket at or above
 * it (a multiple of the increment), so a grouped book is never crossed when the book is not; sizes
 * and order counts add up. A bid below the first bucket (a price smaller than the increment) is
 * left out.
 *
 * <pre>{@code
 * VenueBook top25 = new VenueBook(market, 25, 0, stream);
 * top25.publish(market.book.aggregated(), venueMillis);   // after an action, runtime lock held
 * }</pre>
 *
 * <p>Owned by the venue's thread (under the runtime lock); allocation-free once its arrays have
 * grown to the book's size.
 */
final class VenueBook {

    final InstrumentState market;
    final int depth;
    /** The grouping increment in price units, 0 for none. */
    final long increment;
    final BookStream stream;
    private final Levels bids = new Levels();
    private final Levels asks = new Levels();

    VenueBook(InstrumentState market, int depth, long increment, BookStream stream) {
        if (depth < 1 || increment < 0) {
            throw new IllegalArgumentException("book depth must be >= 1 and increment >= 0, was " + depth + ", "
                    + increment);
        }
        this.market = market;
        this.depth = depth;
        this.increment = increment;
        this.stream = stream;
    }

    /**
     * Brings the master up to date with the venue's book and commits it when it changed.
     *
     * @param source the venue's aggregated book
     * @param timeMillis venue time of the change, epoch milliseconds
     * @return whether a change was committed
     */
    boolean publish(OrderBook source, long timeMillis) {
        if (!refresh(source) && stream.isValid()) {
            return false;
        }
        stream.committed(timeMillis, timeMillis, System.nanoTime());
        return true;
    }

    /** Rebuilds the master when the published levels differ from it; returns whether they did. */
    boolean refresh(OrderBook source) {
        bids.collect(source, Side.BUY, depth, increment);
        asks.collect(source, Side.SELL, depth, increment);
        OrderBook master = stream.book();
        if (bids.sameAs(master, Side.BUY) && asks.sameAs(master, Side.SELL)) {
            return false;
        }
        master.clear();
        bids.writeTo(master, Side.BUY);
        asks.writeTo(master, Side.SELL);
        return true;
    }

    /** The levels one side should have, best first, as parallel arrays. */
    private static final class Levels {
        long[] prices = new long[16];
        long[] sizes = new long[16];
        int[] counts = new int[16];
        int count;

        void collect(OrderBook source, Side side, int depth, long increment) {
            count = 0;
            int n = source.levels(side);
            if (increment == 0) {
                int m = Math.min(depth, n);
                ensure(m);
                for (int i = 0; i < m; i++) {
                    prices[i] = source.price(side, i);
                    sizes[i] = source.size(side, i);
                    counts[i] = source.orderCount(side, i);
                }
                count = m;
                return;
            }
            boolean bid = side == Side.BUY;
            for (int i = 0; i < n; i++) {
                long p = source.price(side, i);
                long bucket = bid ? Math.floorDiv(p, increment) * increment : -Math.floorDiv(-p, increment) * increment;
                if (bucket <= 0) {
                    break; // bids below the first bucket: every later bid is lower still
                }
                if (count == 0 || prices[count - 1] != bucket) {
                    if (count == depth) {
                        break;
                    }
                    ensure(count + 1);
                    prices[count] = bucket;
                    sizes[count] = 0;
                    counts[count] = 0;
                    count++;
                }
                sizes[count - 1] += source.size(side, i);
                int c = source.orderCount(side, i);
                counts[count - 1] = c < 0 || counts[count - 1] < 0 ? -1 : counts[count - 1] + c;
            }
        }

        boolean sameAs(OrderBook master, Side side) {
            if (master.levels(side) != count) {
                return false;
            }
            for (int i = 0; i < count; i++) {
                if (master.price(side, i) != prices[i] || master.size(side, i) != sizes[i]
                        || master.orderCount(side, i) != counts[i]) {
                    return false;
                }
            }
            return true;
        }

        void writeTo(OrderBook master, Side side) {
            // Worst level first: each one then ranks above every level already in the book, so the
            // book appends it instead of shifting the others.
            for (int i = count - 1; i >= 0; i--) {
                master.set(side, prices[i], sizes[i], counts[i]);
            }
        }

        private void ensure(int n) {
            if (n > prices.length) {
                int size = Math.max(n, prices.length * 2);
                prices = Arrays.copyOf(prices, size);
                sizes = Arrays.copyOf(sizes, size);
                counts = Arrays.copyOf(counts, size);
            }
        }
    }
}
