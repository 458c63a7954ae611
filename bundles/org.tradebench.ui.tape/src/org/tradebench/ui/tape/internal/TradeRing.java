package org.tradebench.ui.tape.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.tradebench.api.market.Trade;

/**
 * The latest trades of one stream, at most {@link #capacity()}: the oldest is overwritten when a
 * new one arrives. The connector's delivery thread adds, the display thread copies; the lock is
 * held only for an array write or a copy of at most {@code capacity} references.
 *
 * <pre>{@code
 * TradeRing ring = new TradeRing(500);
 * ring.add(trade);                       // delivery thread
 * List<Trade> newestFirst = ring.newestFirst();   // display thread
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TradeRing {

    /** The ring size the view uses. */
    public static final int DEFAULT_CAPACITY = 500;

    private final Trade[] slots;
    private int next;
    private int size;
    private long added;

    /**
     * An empty ring.
     *
     * @param capacity the most trades kept, &gt; 0
     */
    public TradeRing(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        slots = new Trade[capacity];
    }

    /**
     * Records a trade, dropping the oldest when full.
     *
     * @param trade the trade
     */
    public synchronized void add(Trade trade) {
        slots[next] = Objects.requireNonNull(trade, "trade");
        next = (next + 1) % slots.length;
        size = Math.min(size + 1, slots.length);
        added++;
    }

    /** Forgets every trade (another instrument is shown). */
    public synchronized void clear() {
        java.util.Arrays.fill(slots, null);
        next = 0;
        size = 0;
        added = 0;
    }

    /**
     * The trades kept, newest first.
     *
     * @return an immutable copy
     */
    public synchronized List<Trade> newestFirst() {
        List<Trade> copy = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            copy.add(slots[Math.floorMod(next - i, slots.length)]);
        }
        return List.copyOf(copy);
    }

    /**
     * How many trades were added since creation or the last {@link #clear()}, dropped ones
     * included.
     *
     * @return the count
     */
    public synchronized long added() {
        return added;
    }

    /**
     * The most trades kept.
     *
     * @return the capacity
     */
    public int capacity() {
        return slots.length;
    }
}
