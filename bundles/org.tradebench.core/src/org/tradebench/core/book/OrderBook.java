package org.tradebench.core.book;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookLevel;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.Side;

/**
 * An aggregated (L2) order book held in sorted primitive arrays: prices and sizes are scaled
 * {@code long} units (see {@link ScaledDecimal}), bids descending and asks ascending, so index 0 is
 * always the best level.
 *
 * <p>Updating a level is a binary search plus at most one {@link System#arraycopy} and allocates
 * nothing; arrays only grow (by doubling) when a side holds more levels than ever before. This is
 * what lets a connector apply every delta of a busy market on its socket thread.
 *
 * <pre>{@code
 * OrderBook book = new OrderBook(spec.priceScale(), spec.sizeScale());
 * book.apply(snapshot);                                   // from BookEvent records
 * book.set(Side.BUY, ScaledDecimal.parseUnits(json, s, e, 1), sizeUnits); // or straight from a decoder
 * book.updateSequence(sequence);
 * long spread = book.spread();                            // price units, -1 when a side is empty
 * if (!book.violations().isEmpty()) { ... resync ... }
 * }</pre>
 *
 * <p>Not thread-safe: one thread owns a book (the connector thread applying its stream). Hand
 * other threads a {@link #toSnapshot} or copy levels with {@link #copyTop}.
 *
 * <p>The invariants (not crossed, sorted, sizes &gt; 0, sequence increasing) are checked on demand
 * by {@link #violations()} and {@link #checkInvariants()}, not on every update: {@link #set} keeps
 * sorting and sizes correct by construction, while crossing and sequence order depend on the
 * exchange's data, which is exactly what the checks are for.
 */
public final class OrderBook {

    /** The value of {@link #sequence()} before any sequence was recorded. */
    public static final long NO_SEQUENCE = Long.MIN_VALUE;

    private static final int DEFAULT_CAPACITY = 64;

    private final int priceScale;
    private final int sizeScale;
    private final Ladder bids;
    private final Ladder asks;

    private long sequence = NO_SEQUENCE;
    // Sequence problems are remembered as primitives so updateSequence stays allocation-free; the
    // message is built only when someone asks for violations().
    private long sequenceViolations;
    private long firstBadPrevious;
    private long firstBadSequence;

    // Scratch space for apply(): levels are converted first and applied only when all of them
    // converted, so a bad level leaves the book untouched. Grows like the ladders, never shrinks.
    private long[] scratch = new long[4 * DEFAULT_CAPACITY];

    /**
     * Creates an empty book.
     *
     * @param priceScale decimal places of prices, 0 to {@value ScaledDecimal#MAX_SCALE}; usually
     *        {@code InstrumentSpec.priceScale()}
     * @param sizeScale decimal places of sizes, 0 to {@value ScaledDecimal#MAX_SCALE}; usually
     *        {@code InstrumentSpec.sizeScale()}
     */
    public OrderBook(int priceScale, int sizeScale) {
        this(priceScale, sizeScale, DEFAULT_CAPACITY);
    }

    /**
     * Creates an empty book with room for {@code initialCapacity} levels per side before growing.
     *
     * @param priceScale decimal places of prices
     * @param sizeScale decimal places of sizes
     * @param initialCapacity levels per side, at least 1
     */
    public OrderBook(int priceScale, int sizeScale, int initialCapacity) {
        ScaledDecimal.unitsPerWhole(priceScale); // validates the range
        ScaledDecimal.unitsPerWhole(sizeScale);
        if (initialCapacity < 1) {
            throw new IllegalArgumentException("initial capacity must be >= 1, was " + initialCapacity);
        }
        this.priceScale = priceScale;
        this.sizeScale = sizeScale;
        this.bids = new Ladder(true, initialCapacity);
        this.asks = new Ladder(false, initialCapacity);
    }

    /**
     * Decimal places of prices.
     *
     * @return the price scale
     */
    public int priceScale() {
        return priceScale;
    }

    /**
     * Decimal places of sizes.
     *
     * @return the size scale
     */
    public int sizeScale() {
        return sizeScale;
    }

    /** Removes every level and forgets the sequence (and any sequence violation). */
    public void clear() {
        bids.count = 0;
        asks.count = 0;
        sequence = NO_SEQUENCE;
        sequenceViolations = 0;
    }

    /**
     * Sets the size of a level; a size of 0 removes it (nothing happens when it is absent).
     * Allocation-free unless the side outgrows its arrays.
     *
     * @param side {@link Side#BUY} for bids, {@link Side#SELL} for asks
     * @param price price units, &gt; 0
     * @param size size units, &gt;= 0
     * @throws IllegalArgumentException when price &lt;= 0 or size &lt; 0
     */
    public void set(Side side, long price, long size) {
        if (price <= 0) {
            throw new IllegalArgumentException("price must be > 0, was " + price + " units ("
                    + ScaledDecimal.fromUnits(price, priceScale).toPlainString() + ")");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size + " units ("
                    + ScaledDecimal.fromUnits(size, sizeScale).toPlainString() + ")");
        }
        ladder(side).set(price, size);
    }

    /**
     * Applies an API book event: a snapshot replaces the book and sets the sequence, a delta sets
     * each level and records the sequence, a reset clears the book.
     *
     * <p>All levels are converted before any is applied, so when a conversion fails the book is
     * unchanged.
     *
     * @param event the event
     * @throws ArithmeticException when a price or size has more decimals than this book's scale or
     *         does not fit; the message names the side, the level and the value
     */
    public void apply(BookEvent event) {
        Objects.requireNonNull(event, "event");
        switch (event) {
            case BookSnapshot s -> {
                convert(s.bids(), s.asks());
                clear();
                setConverted(s.bids().size(), s.asks().size());
                updateSequence(s.sequence());
            }
            case BookDelta d -> {
                convert(d.bids(), d.asks());
                setConverted(d.bids().size(), d.asks().size());
                updateSequence(d.sequence());
            }
            case BookReset r -> clear();
        }
    }

    private void convert(List<BookLevel> bidLevels, List<BookLevel> askLevels) {
        int needed = 2 * (bidLevels.size() + askLevels.size());
        if (scratch.length < needed) {
            scratch = new long[Math.max(needed, 2 * scratch.length)];
        }
        int at = 0;
        for (int i = 0; i < bidLevels.size(); i++) {
            at = convertLevel(bidLevels.get(i), "bid", i, at);
        }
        for (int i = 0; i < askLevels.size(); i++) {
            at = convertLevel(askLevels.get(i), "ask", i, at);
        }
    }

    private int convertLevel(BookLevel level, String sideName, int index, int at) {
        try {
            scratch[at] = ScaledDecimal.toUnits(level.price(), priceScale);
        } catch (ArithmeticException e) {
            throw levelError(sideName, index, "price", e);
        }
        try {
            scratch[at + 1] = ScaledDecimal.toUnits(level.quantity(), sizeScale);
        } catch (ArithmeticException e) {
            throw levelError(sideName, index, "size", e);
        }
        return at + 2;
    }

    private static ArithmeticException levelError(String sideName, int index, String what, ArithmeticException e) {
        ArithmeticException wrapped = new ArithmeticException(sideName + " level " + index + ": " + what + " "
                + e.getMessage());
        wrapped.initCause(e);
        return wrapped;
    }

    private void setConverted(int bidCount, int askCount) {
        int at = 0;
        for (int i = 0; i < bidCount; i++, at += 2) {
            bids.set(scratch[at], scratch[at + 1]);
        }
        for (int i = 0; i < askCount; i++, at += 2) {
            asks.set(scratch[at], scratch[at + 1]);
        }
    }

    /**
     * The last recorded sequence number.
     *
     * @return the sequence, or {@link #NO_SEQUENCE} after {@link #clear()} or before the first
     */
    public long sequence() {
        return sequence;
    }

    /**
     * Records a sequence number. A number not greater than the previous one is kept as an
     * invariant violation (reported by {@link #violations()} until {@link #clear()}); the new
     * number is recorded either way.
     *
     * @param seq the sequence number of the update just applied
     */
    public void updateSequence(long seq) {
        if (sequence != NO_SEQUENCE && seq <= sequence) {
            if (sequenceViolations == 0) {
                firstBadPrevious = sequence;
                firstBadSequence = seq;
            }
            sequenceViolations++;
        }
        sequence = seq;
    }

    /**
     * Whether no level is held on either side.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return bids.count == 0 && asks.count == 0;
    }

    /**
     * The number of levels on a side.
     *
     * @param side {@link Side#BUY} for bids, {@link Side#SELL} for asks
     * @return the level count
     */
    public int levels(Side side) {
        return ladder(side).count;
    }

    /**
     * The price of a level.
     *
     * @param side the side
     * @param index 0 for the best level
     * @return price units
     * @throws IndexOutOfBoundsException when {@code index >= levels(side)}
     */
    public long price(Side side, int index) {
        Ladder l = ladder(side);
        return l.prices[Objects.checkIndex(index, l.count)];
    }

    /**
     * The size of a level.
     *
     * @param side the side
     * @param index 0 for the best level
     * @return size units
     * @throws IndexOutOfBoundsException when {@code index >= levels(side)}
     */
    public long size(Side side, int index) {
        Ladder l = ladder(side);
        return l.sizes[Objects.checkIndex(index, l.count)];
    }

    /**
     * The highest bid.
     *
     * @return price units, or 0 when there is no bid
     */
    public long bestBid() {
        return bids.count == 0 ? 0 : bids.prices[0];
    }

    /**
     * The lowest ask.
     *
     * @return price units, or 0 when there is no ask
     */
    public long bestAsk() {
        return asks.count == 0 ? 0 : asks.prices[0];
    }

    /**
     * The size at the highest bid.
     *
     * @return size units, or 0 when there is no bid
     */
    public long bestBidSize() {
        return bids.count == 0 ? 0 : bids.sizes[0];
    }

    /**
     * The size at the lowest ask.
     *
     * @return size units, or 0 when there is no ask
     */
    public long bestAskSize() {
        return asks.count == 0 ? 0 : asks.sizes[0];
    }

    /**
     * Best ask minus best bid. Zero or negative means the book is locked or crossed (a violation).
     *
     * @return price units, or -1 when a side is empty
     */
    public long spread() {
        if (bids.count == 0 || asks.count == 0) {
            return -1;
        }
        return asks.prices[0] - bids.prices[0];
    }

    /**
     * The total size of the best {@code levels} levels of a side (all of them when fewer exist).
     *
     * @param side the side
     * @param levels how many levels from the best, &gt;= 0
     * @return size units
     * @throws ArithmeticException when the sum overflows a {@code long}
     */
    public long cumulativeSize(Side side, int levels) {
        if (levels < 0) {
            throw new IllegalArgumentException("levels must be >= 0, was " + levels);
        }
        Ladder l = ladder(side);
        int n = Math.min(levels, l.count);
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum = Math.addExact(sum, l.sizes[i]);
        }
        return sum;
    }

    /**
     * Drops every level beyond the best {@code maxLevelsPerSide} on each side, for exchanges that
     * send a fixed-depth book and stop updating levels that fell out of it.
     *
     * @param maxLevelsPerSide levels to keep per side, &gt;= 0
     */
    public void truncate(int maxLevelsPerSide) {
        if (maxLevelsPerSide < 0) {
            throw new IllegalArgumentException("maxLevelsPerSide must be >= 0, was " + maxLevelsPerSide);
        }
        bids.count = Math.min(bids.count, maxLevelsPerSide);
        asks.count = Math.min(asks.count, maxLevelsPerSide);
    }

    /**
     * Copies the best levels of a side into caller-owned arrays (for a view model that must not
     * share this book across threads).
     *
     * @param side the side
     * @param n at most this many levels
     * @param prices receives price units, best first
     * @param sizes receives size units, best first
     * @return the number of levels copied: the smallest of {@code n}, {@code levels(side)} and the
     *         two array lengths
     */
    public int copyTop(Side side, int n, long[] prices, long[] sizes) {
        Ladder l = ladder(side);
        int count = Math.min(Math.min(Math.max(n, 0), l.count), Math.min(prices.length, sizes.length));
        System.arraycopy(l.prices, 0, prices, 0, count);
        System.arraycopy(l.sizes, 0, sizes, 0, count);
        return count;
    }

    /**
     * Checks the invariants: not crossed (best bid &lt; best ask), each side strictly sorted (bids
     * descending, asks ascending), every size &gt; 0, and sequence numbers increasing since the
     * last {@link #clear()}.
     *
     * @return one message per broken invariant saying what and where; empty when the book is sound
     */
    public List<String> violations() {
        List<String> out = new ArrayList<>(2);
        if (bids.count > 0 && asks.count > 0 && bids.prices[0] >= asks.prices[0]) {
            out.add("crossed book: best bid " + decimalPrice(bids.prices[0]) + " >= best ask "
                    + decimalPrice(asks.prices[0]));
        }
        bids.check("bid", out);
        asks.check("ask", out);
        if (sequenceViolations > 0) {
            out.add("sequence not increasing: " + firstBadSequence + " after " + firstBadPrevious
                    + (sequenceViolations > 1 ? " (and " + (sequenceViolations - 1) + " more)" : ""));
        }
        return out;
    }

    /**
     * Throws when any invariant is broken.
     *
     * @throws IllegalStateException listing every violation, see {@link #violations()}
     */
    public void checkInvariants() {
        List<String> v = violations();
        if (!v.isEmpty()) {
            throw new IllegalStateException("order book invariants broken: " + String.join("; ", v));
        }
    }

    /**
     * The best levels as an immutable API snapshot.
     *
     * @param id the instrument
     * @param depth at most this many levels per side
     * @param time exchange time of the latest update
     * @param received local receive time of the latest update
     * @return the snapshot, with {@link #sequence()} as its sequence
     */
    public BookSnapshot toSnapshot(InstrumentId id, int depth, Instant time, Instant received) {
        return new BookSnapshot(id, sequence, time, received, bids.toLevels(depth), asks.toLevels(depth));
    }

    @Override
    public String toString() {
        return "OrderBook[bids=" + bids.count + ", asks=" + asks.count + ", bestBid="
                + (bids.count == 0 ? "-" : decimalPrice(bids.prices[0])) + ", bestAsk="
                + (asks.count == 0 ? "-" : decimalPrice(asks.prices[0])) + ", sequence="
                + (sequence == NO_SEQUENCE ? "none" : Long.toString(sequence)) + "]";
    }

    /**
     * Test seam: writes a level slot directly, bypassing ordering and validation, so tests can
     * prove that {@link #violations()} notices corrupt state.
     */
    void overwriteLevel(Side side, int index, long price, long size) {
        Ladder l = ladder(side);
        Objects.checkIndex(index, l.count);
        l.prices[index] = price;
        l.sizes[index] = size;
    }

    private Ladder ladder(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    private String decimalPrice(long units) {
        return ScaledDecimal.fromUnits(units, priceScale).toPlainString();
    }

    private String decimalSize(long units) {
        return ScaledDecimal.fromUnits(units, sizeScale).toPlainString();
    }

    /** One side: parallel price/size arrays, best first. */
    private final class Ladder {

        private final boolean descending;
        long[] prices;
        long[] sizes;
        int count;

        Ladder(boolean descending, int capacity) {
            this.descending = descending;
            this.prices = new long[capacity];
            this.sizes = new long[capacity];
        }

        void set(long price, long size) {
            int index = find(price);
            if (index >= 0) {
                if (size == 0) {
                    int tail = count - index - 1;
                    System.arraycopy(prices, index + 1, prices, index, tail);
                    System.arraycopy(sizes, index + 1, sizes, index, tail);
                    count--;
                } else {
                    sizes[index] = size;
                }
                return;
            }
            if (size == 0) {
                // Exchanges routinely send removals for levels beyond the depth we keep.
                return;
            }
            int insert = -index - 1;
            if (count == prices.length) {
                grow();
            }
            int tail = count - insert;
            System.arraycopy(prices, insert, prices, insert + 1, tail);
            System.arraycopy(sizes, insert, sizes, insert + 1, tail);
            prices[insert] = price;
            sizes[insert] = size;
            count++;
        }

        /** Binary search in best-first order; returns the index or -(insertion point) - 1. */
        private int find(long price) {
            int lo = 0;
            int hi = count - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long p = prices[mid];
                if (p == price) {
                    return mid;
                }
                boolean midIsBetter = descending ? p > price : p < price;
                if (midIsBetter) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return -(lo + 1);
        }

        private void grow() {
            int capacity = prices.length * 2;
            prices = Arrays.copyOf(prices, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
        }

        void check(String name, List<String> out) {
            for (int i = 0; i < count; i++) {
                if (prices[i] <= 0) {
                    out.add(name + " level " + i + " has price " + prices[i] + " units (must be > 0)");
                    break;
                }
            }
            for (int i = 1; i < count; i++) {
                boolean ordered = descending ? prices[i] < prices[i - 1] : prices[i] > prices[i - 1];
                if (!ordered) {
                    out.add(name + "s not sorted " + (descending ? "descending" : "ascending") + " at level " + i
                            + ": " + decimalPrice(prices[i]) + " after " + decimalPrice(prices[i - 1]));
                    break;
                }
            }
            for (int i = 0; i < count; i++) {
                if (sizes[i] <= 0) {
                    out.add(name + " level " + i + " at price " + decimalPrice(prices[i]) + " has size "
                            + decimalSize(sizes[i]) + " (must be > 0)");
                    break;
                }
            }
        }

        List<BookLevel> toLevels(int depth) {
            int n = Math.min(Math.max(depth, 0), count);
            List<BookLevel> levels = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                BigDecimal p = ScaledDecimal.fromUnits(prices[i], priceScale);
                BigDecimal s = ScaledDecimal.fromUnits(sizes[i], sizeScale);
                levels.add(new BookLevel(p, s));
            }
            return levels;
        }
    }
}
