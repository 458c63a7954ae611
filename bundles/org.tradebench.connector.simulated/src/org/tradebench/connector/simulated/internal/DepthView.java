package org.tradebench.connector.simulated.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tradebench.api.market.BookLevel;
import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;

/**
 * The top {@code depth} levels of a book as last published to the subscribers of that depth.
 * {@link #diff} compares them with the book now and returns the changed levels, so a subscriber
 * that applies the snapshot and every delta holds exactly the book's top {@code depth} levels:
 * a level pushed below the depth is sent as a removal, a level moving up into it as an addition.
 *
 * <p>Owned by the venue thread.
 */
final class DepthView {

    private final int depth;
    private long[] bidPrices;
    private long[] bidSizes;
    private long[] askPrices;
    private long[] askSizes;
    private int bidCount;
    private int askCount;
    // Scratch arrays swapped with the published ones after each diff, so diffs allocate no arrays.
    private long[] scratchPrices;
    private long[] scratchSizes;

    DepthView(int depth, OrderBook book) {
        this.depth = depth;
        int n = Math.max(1, Math.min(depth, 256));
        bidPrices = new long[n];
        bidSizes = new long[n];
        askPrices = new long[n];
        askSizes = new long[n];
        scratchPrices = new long[n];
        scratchSizes = new long[n];
        ensure(book);
        bidCount = book.copyTop(Side.BUY, depth, bidPrices, bidSizes);
        askCount = book.copyTop(Side.SELL, depth, askPrices, askSizes);
    }

    int depth() {
        return depth;
    }

    /** The published levels of a side, best first, as API values. */
    List<BookLevel> levels(Side side, Sink.Factory factory) {
        long[] prices = side == Side.BUY ? bidPrices : askPrices;
        long[] sizes = side == Side.BUY ? bidSizes : askSizes;
        int count = side == Side.BUY ? bidCount : askCount;
        List<BookLevel> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(factory.level(prices[i], sizes[i]));
        }
        return out;
    }

    /** Receives a changed level: its price and new size (0 removes it). */
    interface Sink {
        void level(Side side, long price, long size);

        /** Turns price and size units into an API level. */
        interface Factory {
            BookLevel level(long price, long size);
        }
    }

    /**
     * Compares the published levels with the book, reports each change to {@code sink} and makes
     * the book's levels the published ones.
     *
     * @return whether anything changed
     */
    boolean diff(OrderBook book, Sink sink) {
        ensure(book);
        int n = book.copyTop(Side.BUY, depth, scratchPrices, scratchSizes);
        boolean changed = merge(Side.BUY, bidPrices, bidSizes, bidCount, scratchPrices, scratchSizes, n, sink);
        long[] p = bidPrices;
        long[] s = bidSizes;
        bidPrices = scratchPrices;
        bidSizes = scratchSizes;
        bidCount = n;
        n = book.copyTop(Side.SELL, depth, p, s);
        changed |= merge(Side.SELL, askPrices, askSizes, askCount, p, s, n, sink);
        scratchPrices = askPrices;
        scratchSizes = askSizes;
        askPrices = p;
        askSizes = s;
        askCount = n;
        return changed;
    }

    /** Walks two price-sorted lists (best first) and reports the differences. */
    private static boolean merge(Side side, long[] oldPrices, long[] oldSizes, int oldCount, long[] newPrices,
            long[] newSizes, int newCount, Sink sink) {
        // For bids "better" is higher, for asks lower; flipping the sign lets one loop do both.
        long sign = side == Side.BUY ? 1 : -1;
        boolean changed = false;
        int i = 0;
        int j = 0;
        while (i < oldCount || j < newCount) {
            if (j >= newCount || (i < oldCount && sign * oldPrices[i] > sign * newPrices[j])) {
                sink.level(side, oldPrices[i], 0);
                i++;
                changed = true;
            } else if (i >= oldCount || sign * newPrices[j] > sign * oldPrices[i]) {
                sink.level(side, newPrices[j], newSizes[j]);
                j++;
                changed = true;
            } else {
                if (oldSizes[i] != newSizes[j]) {
                    sink.level(side, newPrices[j], newSizes[j]);
                    changed = true;
                }
                i++;
                j++;
            }
        }
        return changed;
    }

    /** Grows the arrays when the book has more levels than they hold (up to the depth). */
    private void ensure(OrderBook book) {
        int need = Math.min(depth, Math.max(book.levels(Side.BUY), book.levels(Side.SELL)));
        if (need <= bidPrices.length && need <= askPrices.length && need <= scratchPrices.length) {
            return;
        }
        int n = Math.min(Math.max(need, bidPrices.length * 2), depth);
        bidPrices = Arrays.copyOf(bidPrices, n);
        bidSizes = Arrays.copyOf(bidSizes, n);
        askPrices = Arrays.copyOf(askPrices, n);
        askSizes = Arrays.copyOf(askSizes, n);
        scratchPrices = Arrays.copyOf(scratchPrices, n);
        scratchSizes = Arrays.copyOf(scratchSizes, n);
    }
}
