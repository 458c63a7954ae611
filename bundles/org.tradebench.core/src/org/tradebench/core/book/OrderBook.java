package org.tradebench.core.book;

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
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;

/**
 * The product's one order book: an aggregated (price level) or per-order book held in primitive
 * arrays of scaled {@code long} units (see {@link ScaledDecimal}), read best level first.
 *
 * <p>Each level is one record of {@value #STRIDE} longs (price, size, order id, order count and a
 * tag the owner may use, for example where a level's wire text lives for a checksum) in one array.
 * The records are stored worst level first, so the best levels sit at the end of the array: most
 * updates land near the top of the book, and an insert or a removal there moves only the few
 * records above it. A lookup walks a few levels down from the best and then searches binary.
 * Nothing allocates once the array has grown to the book's size.
 *
 * <pre>{@code
 * OrderBook book = new OrderBook(spec.priceScale(), spec.sizeScale());
 * int at = book.set(Side.BUY, ScaledDecimal.parseUnits(json, s, e, 2), sizeUnits);  // best-first index
 * book.setTag(Side.BUY, at, wireTextLocation);
 * book.updateSequence(sequence);
 * long spread = book.spread();                            // price units, -1 when a side is empty
 *
 * OrderBook raw = OrderBook.perOrder(8, 8);               // Bitfinex R0: levels are orders
 * raw.setOrder(Side.SELL, 5_012_345_678L, priceUnits, sizeUnits);
 * }</pre>
 *
 * <p>Per-order books order the orders at one price by order id, ascending (as Bitfinex does), and
 * find an order by id through an open-addressing map, so removals that name only the id cost no
 * scan.
 *
 * <p>Not thread-safe: one thread owns a book. Hand other threads a {@link #toSnapshot} or copy
 * levels with {@link #copyTop} or {@link #copyFrom}.
 *
 * <p>The invariants (not crossed, sorted, sizes &gt; 0, sequence increasing) are checked on demand
 * by {@link #violations()} and {@link #checkInvariants()}: {@link #set} keeps sorting and sizes
 * correct by construction, while crossing and sequence order depend on the exchange's data, which
 * is exactly what the checks are for.
 */
public final class OrderBook implements OrderBookView {

    /** The value of {@link #sequence()} before any sequence was recorded. */
    public static final long NO_SEQUENCE = Long.MIN_VALUE;

    /** Longs per level record. */
    static final int STRIDE = 5;
    private static final int PRICE = 0;
    private static final int SIZE = 1;
    private static final int ID = 2;
    private static final int COUNT = 3;
    private static final int TAG = 4;

    /** Levels walked down from the best before a binary search. */
    private static final int LINEAR = 16;

    private static final int DEFAULT_CAPACITY = 64;

    private final int priceScale;
    private final int sizeScale;
    private final boolean perOrder;
    private final Ladder bids;
    private final Ladder asks;
    /** Per-order books: order id to its price, negated for an ask (see located()). */
    private final LongLongMap orderPrices;

    private long sequence = NO_SEQUENCE;
    // Sequence problems are remembered as primitives so updateSequence stays allocation-free; the
    // message is built only when someone asks for violations().
    private long sequenceViolations;
    private long firstBadPrevious;
    private long firstBadSequence;

    private long previousPrice;
    private long previousSize;

    // Scratch space for apply(): levels are converted first and applied only when all of them
    // converted, so a bad level leaves the book untouched. Grows, never shrinks.
    private long[] scratch = new long[4 * DEFAULT_CAPACITY];

    /**
     * Creates an empty aggregated book.
     *
     * @param priceScale decimal places of prices, 0 to {@value ScaledDecimal#MAX_SCALE}; usually
     *        {@code InstrumentSpec.priceScale()}
     * @param sizeScale decimal places of sizes, 0 to {@value ScaledDecimal#MAX_SCALE}; usually
     *        {@code InstrumentSpec.sizeScale()}
     */
    public OrderBook(int priceScale, int sizeScale) {
        this(priceScale, sizeScale, DEFAULT_CAPACITY, false);
    }

    /**
     * Creates an empty aggregated book with room for {@code initialCapacity} levels per side
     * before growing.
     *
     * @param priceScale decimal places of prices
     * @param sizeScale decimal places of sizes
     * @param initialCapacity levels per side, at least 1
     */
    public OrderBook(int priceScale, int sizeScale, int initialCapacity) {
        this(priceScale, sizeScale, initialCapacity, false);
    }

    /**
     * Creates an empty book.
     *
     * @param priceScale decimal places of prices
     * @param sizeScale decimal places of sizes
     * @param initialCapacity levels per side, at least 1
     * @param perOrder true for a per-order (raw) book
     */
    public OrderBook(int priceScale, int sizeScale, int initialCapacity, boolean perOrder) {
        ScaledDecimal.unitsPerWhole(priceScale); // validates the range
        ScaledDecimal.unitsPerWhole(sizeScale);
        if (initialCapacity < 1) {
            throw new IllegalArgumentException("initial capacity must be >= 1, was " + initialCapacity);
        }
        this.priceScale = priceScale;
        this.sizeScale = sizeScale;
        this.perOrder = perOrder;
        this.bids = new Ladder(true, initialCapacity);
        this.asks = new Ladder(false, initialCapacity);
        this.orderPrices = perOrder ? new LongLongMap(2 * initialCapacity) : null;
    }

    /**
     * Creates an empty per-order (raw) book.
     *
     * @param priceScale decimal places of prices
     * @param sizeScale decimal places of sizes
     * @return the book
     */
    public static OrderBook perOrder(int priceScale, int sizeScale) {
        return new OrderBook(priceScale, sizeScale, DEFAULT_CAPACITY, true);
    }

    @Override
    public int priceScale() {
        return priceScale;
    }

    @Override
    public int sizeScale() {
        return sizeScale;
    }

    @Override
    public boolean perOrder() {
        return perOrder;
    }

    /** Removes every level and forgets the sequence (and any sequence violation). */
    public void clear() {
        bids.count = 0;
        asks.count = 0;
        if (orderPrices != null) {
            orderPrices.clear();
        }
        sequence = NO_SEQUENCE;
        sequenceViolations = 0;
    }

    /**
     * Sets the size of a level of an aggregated book; a size of 0 removes it (nothing happens when
     * it is absent). Allocation-free unless the side outgrows its array.
     *
     * @param side {@link Side#BUY} for bids, {@link Side#SELL} for asks
     * @param price price units, &gt; 0
     * @param size size units, &gt;= 0
     * @return the level's index (0 = best) after the change, or -1 when it was removed or was
     *         absent and the size is 0
     * @throws IllegalArgumentException when price &lt;= 0 or size &lt; 0, or on a per-order book
     */
    public int set(Side side, long price, long size) {
        return set(side, price, size, -1);
    }

    /**
     * Sets the size and order count of a level of an aggregated book; a size of 0 removes it.
     *
     * @param side the side
     * @param price price units, &gt; 0
     * @param size size units, &gt;= 0
     * @param orderCount orders at the level, or -1 when unknown
     * @return the level's index (0 = best) after the change, or -1 when removed or absent
     */
    public int set(Side side, long price, long size, int orderCount) {
        if (perOrder) {
            throw new IllegalArgumentException("a per-order book sets orders (setOrder), not levels");
        }
        checkLevel(price, size);
        return ladder(side).put(price, 0, size, orderCount);
    }

    /**
     * Sets an order of a per-order book: adds it, moves it to a new price (or side), changes its
     * size, or removes it when {@code size} is 0 (the price and side are then ignored: a removal is
     * found by id).
     *
     * @param side the side
     * @param orderId the exchange's order id
     * @param price price units, &gt; 0 unless removing
     * @param size size units, &gt;= 0
     * @return the order's index (0 = best) after the change, or -1 when removed or absent
     */
    public int setOrder(Side side, long orderId, long price, long size) {
        if (!perOrder) {
            throw new IllegalArgumentException("an aggregated book sets levels (set), not orders");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size + " units ("
                    + ScaledDecimal.fromUnits(size, sizeScale).toPlainString() + ")");
        }
        Ladder l = ladder(side);
        long known = orderPrices.get(orderId);
        // Where the order rests now: the map holds the price signed by side (see located()).
        Ladder from = known == LongLongMap.ABSENT ? null : known > 0 ? bids : asks;
        long knownPrice = Math.abs(known);
        if (size == 0) {
            previousPrice = 0;
            previousSize = 0;
            if (from == null) {
                return -1;
            }
            // A removal names the id only: the side it names does not matter.
            int at = from.find(knownPrice, orderId);
            if (at >= 0) {
                previousPrice = knownPrice;
                previousSize = from.data[at * STRIDE + SIZE];
                from.removeAt(at);
            }
            orderPrices.remove(orderId);
            return -1;
        }
        checkLevel(price, size);
        orderPrices.put(orderId, located(side, price));
        if (from != null && (from != l || knownPrice != price)) {
            // moved to another price or side: out of its old place first
            int at = from.find(knownPrice, orderId);
            long oldSize = 0;
            if (at >= 0) {
                oldSize = from.data[at * STRIDE + SIZE];
                from.removeAt(at);
            }
            int index = l.put(price, orderId, size, -1);
            previousPrice = knownPrice;
            previousSize = oldSize;
            return index;
        }
        return l.put(price, orderId, size, -1);
    }

    /**
     * What the order map keeps for an order: its price, negated for an ask (prices are &gt; 0), so
     * one look-up tells both where the order rests.
     */
    private static long located(Side side, long price) {
        return side == Side.BUY ? price : -price;
    }

    /**
     * The price the level or order touched by the last {@link #set} or {@link #setOrder} had
     * before it: what a per-order removal (which names only the id) removed.
     *
     * @return price units, or 0 when the level or order is new
     */
    public long previousPrice() {
        return previousPrice;
    }

    /**
     * The size the level or order touched by the last {@link #set} or {@link #setOrder} had
     * before it.
     *
     * @return size units, or 0 when it is new
     */
    public long previousSize() {
        return previousSize;
    }

    private void checkLevel(long price, long size) {
        if (price <= 0) {
            throw new IllegalArgumentException("price must be > 0, was " + price + " units ("
                    + ScaledDecimal.fromUnits(price, priceScale).toPlainString() + ")");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size + " units ("
                    + ScaledDecimal.fromUnits(size, sizeScale).toPlainString() + ")");
        }
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
     * @throws IllegalArgumentException when a level of a per-order book has no numeric order id
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
        int needed = 4 * (bidLevels.size() + askLevels.size());
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
        scratch[at + 2] = level.orderCount();
        if (perOrder) {
            try {
                scratch[at + 3] = Long.parseLong(Objects.requireNonNull(level.orderId(), "order id"));
            } catch (NumberFormatException | NullPointerException e) {
                throw new IllegalArgumentException(sideName + " level " + index
                        + " of a per-order book needs a numeric order id, was " + level.orderId());
            }
        }
        return at + 4;
    }

    private static ArithmeticException levelError(String sideName, int index, String what, ArithmeticException e) {
        ArithmeticException wrapped = new ArithmeticException(sideName + " level " + index + ": " + what + " "
                + e.getMessage());
        wrapped.initCause(e);
        return wrapped;
    }

    private void setConverted(int bidCount, int askCount) {
        int at = 0;
        for (int i = 0; i < bidCount + askCount; i++, at += 4) {
            Side side = i < bidCount ? Side.BUY : Side.SELL;
            if (perOrder) {
                setOrder(side, scratch[at + 3], scratch[at], scratch[at + 1]);
            } else {
                set(side, scratch[at], scratch[at + 1], (int) scratch[at + 2]);
            }
        }
    }

    /**
     * Makes this book a copy of another (levels, counts, ids and sequence; tags are zero).
     * Allocation-free once this book's arrays are large enough.
     *
     * @param other the book to copy; same kind (aggregated or per-order)
     * @throws IllegalArgumentException when the kinds or scales differ
     */
    public void copyFrom(OrderBookView other) {
        if (other.perOrder() != perOrder || other.priceScale() != priceScale || other.sizeScale() != sizeScale) {
            throw new IllegalArgumentException("cannot copy " + kind(other.perOrder()) + " book at scales "
                    + other.priceScale() + "/" + other.sizeScale() + " into " + kind(perOrder) + " book at scales "
                    + priceScale + "/" + sizeScale);
        }
        if (other == this) {
            return; // clearing first would empty the source too
        }
        clear();
        bids.copyFrom(other, Side.BUY);
        asks.copyFrom(other, Side.SELL);
        sequence = other.sequence();
    }

    /**
     * Copies a book that another thread may be changing at the same time, for a reader that
     * detects torn copies itself (a sequence lock around the writer): it never throws and never
     * allocates for a torn read (the result is then garbage the caller discards and copies again),
     * and allocates nothing once this book has grown to the other's size. Tags are copied too.
     *
     * @param other a book of the same kind and scales
     * @return false when the other book was seen mid-change in a way this copy noticed (copy again);
     *         true does not prove the copy consistent: the caller's check does
     * @throws IllegalArgumentException when the books differ in kind or scales
     */
    public boolean copyFromRacy(OrderBook other) {
        if (other.perOrder != perOrder || other.priceScale != priceScale || other.sizeScale != sizeScale) {
            throw new IllegalArgumentException("cannot copy " + kind(other.perOrder) + " book at scales "
                    + other.priceScale + "/" + other.sizeScale + " into " + kind(perOrder) + " book at scales "
                    + priceScale + "/" + sizeScale);
        }
        if (other == this) {
            return true;
        }
        if (orderPrices != null) {
            orderPrices.clear();
        }
        boolean ok = bids.copyRaw(other.bids) & asks.copyRaw(other.asks);
        sequence = other.sequence;
        return ok;
    }

    private static String kind(boolean perOrderBook) {
        return perOrderBook ? "a per-order" : "an aggregated";
    }

    @Override
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

    @Override
    public boolean isEmpty() {
        return bids.count == 0 && asks.count == 0;
    }

    @Override
    public int levels(Side side) {
        return ladder(side).count;
    }

    @Override
    public long price(Side side, int index) {
        return ladder(side).field(index, PRICE);
    }

    @Override
    public long size(Side side, int index) {
        return ladder(side).field(index, SIZE);
    }

    @Override
    public int orderCount(Side side, int index) {
        return (int) ladder(side).field(index, COUNT);
    }

    @Override
    public long orderId(Side side, int index) {
        return ladder(side).field(index, ID);
    }

    /**
     * The owner's tag of a level (0 until set).
     *
     * @param side the side
     * @param index 0 for the best level
     * @return the tag
     */
    public long tag(Side side, int index) {
        return ladder(side).field(index, TAG);
    }

    /**
     * Sets the owner's tag of a level; it moves with the level until the level is removed.
     *
     * @param side the side
     * @param index 0 for the best level
     * @param tag the tag
     */
    public void setTag(Side side, int index, long tag) {
        Ladder l = ladder(side);
        l.data[l.storage(index) * STRIDE + TAG] = tag;
    }

    /**
     * The highest bid.
     *
     * @return price units, or 0 when there is no bid
     */
    public long bestBid() {
        return bids.count == 0 ? 0 : bids.top(PRICE);
    }

    /**
     * The lowest ask.
     *
     * @return price units, or 0 when there is no ask
     */
    public long bestAsk() {
        return asks.count == 0 ? 0 : asks.top(PRICE);
    }

    /**
     * The size at the highest bid.
     *
     * @return size units, or 0 when there is no bid
     */
    public long bestBidSize() {
        return bids.count == 0 ? 0 : bids.top(SIZE);
    }

    /**
     * The size at the lowest ask.
     *
     * @return size units, or 0 when there is no ask
     */
    public long bestAskSize() {
        return asks.count == 0 ? 0 : asks.top(SIZE);
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
        return asks.top(PRICE) - bids.top(PRICE);
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
            sum = Math.addExact(sum, l.field(i, SIZE));
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
        bids.truncate(maxLevelsPerSide);
        asks.truncate(maxLevelsPerSide);
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
        for (int i = 0; i < count; i++) {
            int base = l.storage(i) * STRIDE;
            prices[i] = l.data[base + PRICE];
            sizes[i] = l.data[base + SIZE];
        }
        return count;
    }

    /**
     * Checks the invariants: not crossed (best bid &lt; best ask), each side strictly sorted (bids
     * descending, asks ascending; per-order books by price, then order id), every size &gt; 0, and
     * sequence numbers increasing since the last {@link #clear()}.
     *
     * @return one message per broken invariant saying what and where; empty when the book is sound
     */
    public List<String> violations() {
        List<String> out = new ArrayList<>(2);
        if (bids.count > 0 && asks.count > 0 && bids.top(PRICE) >= asks.top(PRICE)) {
            out.add("crossed book: best bid " + decimalPrice(bids.top(PRICE)) + " >= best ask "
                    + decimalPrice(asks.top(PRICE)));
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

    @Override
    public BookSnapshot toSnapshot(InstrumentId id, int depth, Instant time, Instant received) {
        return OrderBookView.super.toSnapshot(id, depth, time, received);
    }

    @Override
    public String toString() {
        return "OrderBook[" + (perOrder ? "per-order, " : "") + "bids=" + bids.count + ", asks=" + asks.count
                + ", bestBid=" + (bids.count == 0 ? "-" : decimalPrice(bids.top(PRICE))) + ", bestAsk="
                + (asks.count == 0 ? "-" : decimalPrice(asks.top(PRICE))) + ", sequence="
                + (sequence == NO_SEQUENCE ? "none" : Long.toString(sequence)) + "]";
    }

    /**
     * Test seam: writes a level slot directly, bypassing ordering and validation, so tests can
     * prove that {@link #violations()} notices corrupt state.
     */
    void overwriteLevel(Side side, int index, long price, long size) {
        Ladder l = ladder(side);
        int base = l.storage(index) * STRIDE;
        l.data[base + PRICE] = price;
        l.data[base + SIZE] = size;
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

    /**
     * One side: level records stored worst first (the best level is the last record), so inserts
     * and removals near the top move little.
     */
    private final class Ladder {

        private final boolean bidSide;
        long[] data;
        int count;

        Ladder(boolean bidSide, int capacity) {
            this.bidSide = bidSide;
            this.data = new long[capacity * STRIDE];
        }

        /** The storage slot of best-first index {@code index}. */
        int storage(int index) {
            return count - 1 - Objects.checkIndex(index, count);
        }

        long field(int index, int field) {
            return data[storage(index) * STRIDE + field];
        }

        long top(int field) {
            return data[(count - 1) * STRIDE + field];
        }

        /** Whether (p1, id1) ranks better than (p2, id2). */
        private boolean better(long p1, long id1, long p2, long id2) {
            if (p1 != p2) {
                return bidSide ? p1 > p2 : p1 < p2;
            }
            return id1 < id2;
        }

        /**
         * The storage slot of (price, id), or -(insertion slot) - 1. Walks down from the best a few
         * records, then searches binary below.
         */
        int find(long price, long id) {
            int s = count - 1;
            int stop = Math.max(-1, count - 1 - LINEAR);
            while (s > stop) {
                int base = s * STRIDE;
                long p = data[base + PRICE];
                long i = data[base + ID];
                if (p == price && i == id) {
                    return s;
                }
                if (!better(p, i, price, id)) {
                    return -(s + 1) - 1; // (price, id) ranks above slot s: insert right after it
                }
                s--;
            }
            // every record from stop+1 up ranks better; search [0, stop]
            int lo = 0;
            int hi = stop;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int base = mid * STRIDE;
                long p = data[base + PRICE];
                long i = data[base + ID];
                if (p == price && i == id) {
                    return mid;
                }
                if (better(p, i, price, id)) {
                    hi = mid - 1;
                } else {
                    lo = mid + 1;
                }
            }
            return -lo - 1;
        }

        /** Sets a level/order; returns its best-first index or -1 when removed/absent. */
        int put(long price, long id, long size, int orderCount) {
            int s = find(price, id);
            if (s >= 0) {
                int base = s * STRIDE;
                previousPrice = price;
                previousSize = data[base + SIZE];
                if (size == 0) {
                    removeAt(s);
                    return -1;
                }
                data[base + SIZE] = size;
                data[base + COUNT] = orderCount;
                return count - 1 - s;
            }
            previousPrice = 0;
            previousSize = 0;
            if (size == 0) {
                // Exchanges routinely send removals for levels beyond the depth we keep.
                return -1;
            }
            int insert = -s - 1;
            if ((count + 1) * STRIDE > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            System.arraycopy(data, insert * STRIDE, data, (insert + 1) * STRIDE, (count - insert) * STRIDE);
            int base = insert * STRIDE;
            data[base + PRICE] = price;
            data[base + SIZE] = size;
            data[base + ID] = id;
            data[base + COUNT] = orderCount;
            data[base + TAG] = 0;
            count++;
            return count - 1 - insert;
        }

        void removeAt(int s) {
            System.arraycopy(data, (s + 1) * STRIDE, data, s * STRIDE, (count - s - 1) * STRIDE);
            count--;
        }

        void truncate(int keep) {
            if (count <= keep) {
                return;
            }
            int drop = count - keep;
            if (orderPrices != null) {
                for (int s = 0; s < drop; s++) {
                    orderPrices.remove(data[s * STRIDE + ID]);
                }
            }
            System.arraycopy(data, drop * STRIDE, data, 0, keep * STRIDE);
            count = keep;
        }

        void copyFrom(OrderBookView other, Side side) {
            int n = other.levels(side);
            if (n * STRIDE > data.length) {
                data = new long[Math.max(n * STRIDE, 2 * data.length)];
            }
            for (int i = 0; i < n; i++) {
                int base = (n - 1 - i) * STRIDE;
                data[base + PRICE] = other.price(side, i);
                data[base + SIZE] = other.size(side, i);
                data[base + ID] = other.orderId(side, i);
                data[base + COUNT] = other.orderCount(side, i);
                data[base + TAG] = 0;
                if (orderPrices != null) {
                    orderPrices.put(data[base + ID], located(side, data[base + PRICE]));
                }
            }
            count = n;
        }

        /** Copies another ladder's storage as is; false (and an empty ladder) when it looks torn. */
        boolean copyRaw(Ladder other) {
            long[] source = other.data; // one read: a concurrent growth replaces the array, not its contents
            int n = other.count;
            if (n < 0 || (long) n * STRIDE > source.length) {
                count = 0;
                return false;
            }
            if (n * STRIDE > data.length) {
                data = new long[Math.max(n * STRIDE, 2 * data.length)];
            }
            System.arraycopy(source, 0, data, 0, n * STRIDE);
            count = n;
            if (orderPrices != null) {
                for (int i = 0; i < n; i++) {
                    int base = i * STRIDE;
                    orderPrices.put(data[base + ID], located(bidSide ? Side.BUY : Side.SELL, data[base + PRICE]));
                }
            }
            return true;
        }

        void check(String name, List<String> out) {
            for (int i = 0; i < count; i++) {
                if (field(i, PRICE) <= 0) {
                    out.add(name + " level " + i + " has price " + field(i, PRICE) + " units (must be > 0)");
                    break;
                }
            }
            for (int i = 1; i < count; i++) {
                long p = field(i, PRICE);
                long prev = field(i - 1, PRICE);
                boolean ordered = better(prev, field(i - 1, ID), p, field(i, ID));
                if (!ordered || (!perOrder && p == prev)) {
                    out.add(name + "s not sorted " + (bidSide ? "descending" : "ascending") + " at level " + i
                            + ": " + decimalPrice(p) + " after " + decimalPrice(prev));
                    break;
                }
            }
            for (int i = 0; i < count; i++) {
                if (field(i, SIZE) <= 0) {
                    out.add(name + " level " + i + " at price " + decimalPrice(field(i, PRICE)) + " has size "
                            + decimalSize(field(i, SIZE)) + " (must be > 0)");
                    break;
                }
            }
        }
    }
}
