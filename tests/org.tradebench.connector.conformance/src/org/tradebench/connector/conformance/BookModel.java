package org.tradebench.connector.conformance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.tradebench.api.health.DataHealth;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;

/**
 * What a view builds from a book subscription, from the changes alone, checked against the
 * stream's rules on every update:
 * <ul>
 * <li>nothing but a reset before the first snapshot, and no delta after a reset until a snapshot;</li>
 * <li>sequence numbers strictly increasing;</li>
 * <li>the changes of each update, applied to the book before it, give exactly the book the update
 * shows ({@link BookUpdate#book()}): same levels (or orders), sizes and order counts;</li>
 * <li>that book sorted best first on both sides, sizes &gt; 0, the sides not crossed;</li>
 * <li>a reset shows an empty book and has a reason;</li>
 * <li>callbacks one at a time, never on the thread that subscribed.</li>
 * </ul>
 * Broken rules are collected in {@link #violations()} (the first 50).
 *
 * <pre>{@code
 * BookModel model = new BookModel();
 * md.subscribeBook(new BookRequest(btc, 25), model);
 * Await.until(model::valid, () -> "a snapshot: " + model);
 * assertEquals(List.of(), model.violations());
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class BookModel implements BookListener {

    /** A level or order as the model holds it, in the book's units. */
    private record Entry(long price, long size, int count) {
    }

    private final Map<Long, Entry> bids = new HashMap<>();
    private final Map<Long, Entry> asks = new HashMap<>();
    private final List<String> kinds = new ArrayList<>();
    private final List<String> resets = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<DataHealth> health = new ArrayList<>();
    private final Set<String> threads = new LinkedHashSet<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Thread forbidden;
    private boolean valid;
    private boolean perOrder;
    private int priceScale;
    private int sizeScale;
    private long lastSequence = Long.MIN_VALUE;
    private int snapshots;
    private int deltas;
    private long lastReceivedNanos;

    /**
     * Marks the thread that subscribes: a callback on it breaks the contract.
     *
     * @param thread the subscribing thread
     * @return this
     */
    public BookModel forbidThread(Thread thread) {
        this.forbidden = thread;
        return this;
    }

    @Override
    public void onBook(BookUpdate u) {
        if (inFlight.incrementAndGet() != 1) {
            violate("two callbacks at once");
        }
        try {
            synchronized (this) {
                apply(u);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public synchronized void onHealth(DataHealth h) {
        health.add(h);
    }

    private void apply(BookUpdate u) {
        threads.add(Thread.currentThread().getName());
        if (Thread.currentThread() == forbidden) {
            violate("a callback on the subscribing thread");
        }
        if (u.sequence() <= lastSequence) {
            violate("sequence " + u.sequence() + " after " + lastSequence);
        }
        lastSequence = u.sequence();
        lastReceivedNanos = u.receivedNanoTime();
        OrderBookView book = u.book();
        switch (u.kind()) {
            case SNAPSHOT -> {
                kinds.add("snapshot");
                snapshots++;
                bids.clear();
                asks.clear();
                perOrder = book.perOrder();
                priceScale = book.priceScale();
                sizeScale = book.sizeScale();
                change(u, Side.BUY, bids);
                change(u, Side.SELL, asks);
                valid = true;
                check(book, "snapshot " + u.sequence());
            }
            case DELTA -> {
                kinds.add("delta");
                deltas++;
                if (!valid) {
                    violate("a delta (sequence " + u.sequence() + ") without a snapshot since the start or the last reset");
                    return;
                }
                change(u, Side.BUY, bids);
                change(u, Side.SELL, asks);
                check(book, "delta " + u.sequence());
            }
            case RESET -> {
                String reason = u.resetReason();
                kinds.add("reset:" + reason);
                resets.add(reason);
                if (reason == null || reason.isBlank()) {
                    violate("a reset without a reason");
                }
                if (book.levels(Side.BUY) != 0 || book.levels(Side.SELL) != 0) {
                    violate("a reset whose book is not empty");
                }
                valid = false;
                bids.clear();
                asks.clear();
            }
        }
    }

    private void change(BookUpdate u, Side side, Map<Long, Entry> levels) {
        for (int i = 0; i < u.changes(side); i++) {
            long key = perOrder ? u.changeOrderId(side, i) : u.changePrice(side, i);
            long size = u.changeSize(side, i);
            if (size < 0) {
                violate("a negative size " + size + " in " + u.kind());
            }
            if (size == 0) {
                if (u.kind() == BookUpdate.Kind.SNAPSHOT) {
                    violate("a snapshot level with size 0");
                }
                levels.remove(key);
            } else {
                levels.put(key, new Entry(u.changePrice(side, i), size, u.changeOrderCount(side, i)));
            }
        }
    }

    private void check(OrderBookView book, String where) {
        checkSide(book, Side.BUY, bids, where);
        checkSide(book, Side.SELL, asks, where);
        if (book.levels(Side.BUY) > 0 && book.levels(Side.SELL) > 0
                && book.price(Side.BUY, 0) >= book.price(Side.SELL, 0)) {
            violate(where + ": crossed, best bid " + book.price(Side.BUY, 0) + " >= best ask " + book.price(Side.SELL, 0));
        }
    }

    private void checkSide(OrderBookView book, Side side, Map<Long, Entry> model, String where) {
        int n = book.levels(side);
        if (n != model.size()) {
            violate(where + ": the book shows " + n + " " + side + " levels, its changes give " + model.size());
            return;
        }
        for (int i = 0; i < n; i++) {
            long price = book.price(side, i);
            long size = book.size(side, i);
            long key = perOrder ? book.orderId(side, i) : price;
            Entry e = model.get(key);
            if (e == null || e.price() != price || e.size() != size
                    || (!perOrder && e.count() != book.orderCount(side, i))) {
                violate(where + ": " + side + " " + i + " shows price " + price + " size " + size + " count "
                        + book.orderCount(side, i) + (perOrder ? " order " + key : "") + ", its changes give " + e);
                return;
            }
            if (size <= 0) {
                violate(where + ": " + side + " " + i + " has size " + size);
            }
            if (i > 0) {
                long previous = book.price(side, i - 1);
                boolean ordered = side == Side.BUY ? previous > price || (perOrder && previous == price)
                        : previous < price || (perOrder && previous == price);
                if (!ordered) {
                    violate(where + ": " + side + " not sorted best first at " + i + " (" + previous + " then " + price + ")");
                }
            }
        }
    }

    private void violate(String what) {
        synchronized (violations) {
            if (violations.size() < 50) {
                violations.add(what);
            }
        }
    }

    /**
     * The difference from the simulator's book, over the top {@code depth} levels of each side.
     *
     * @param reference the simulator's book
     * @param depth how many levels (or orders) per side to compare
     * @return null when equal, else the first difference
     */
    public synchronized String differenceFrom(ReferenceBook reference, int depth) {
        if (!valid) {
            return "no valid book (last events " + tail() + ")";
        }
        String d = compare("bid", sorted(bids, true), reference.bids(), depth);
        return d != null ? d : compare("ask", sorted(asks, false), reference.asks(), depth);
    }

    private List<Map.Entry<Long, Entry>> sorted(Map<Long, Entry> side, boolean bid) {
        Comparator<Map.Entry<Long, Entry>> byPrice = Comparator.comparingLong(e -> e.getValue().price());
        if (bid) {
            byPrice = byPrice.reversed();
        }
        List<Map.Entry<Long, Entry>> out = new ArrayList<>(side.entrySet());
        out.sort(byPrice.thenComparingLong(Map.Entry::getKey));
        return out;
    }

    private String compare(String side, List<Map.Entry<Long, Entry>> mine, List<ReferenceBook.Level> theirs,
            int depth) {
        int n = Math.min(depth, theirs.size());
        if (mine.size() < n) {
            return side + "s: " + mine.size() + " levels, the simulator has " + theirs.size();
        }
        for (int i = 0; i < n; i++) {
            Entry m = mine.get(i).getValue();
            ReferenceBook.Level t = theirs.get(i);
            BigDecimal price = BigDecimal.valueOf(m.price(), priceScale);
            BigDecimal size = BigDecimal.valueOf(m.size(), sizeScale);
            boolean same = price.compareTo(t.price()) == 0 && size.compareTo(t.size()) == 0
                    && (!perOrder || mine.get(i).getKey() == t.orderId());
            if (!same) {
                return side + " " + i + ": mine " + price.toPlainString() + " x " + size.toPlainString()
                        + (perOrder ? " order " + mine.get(i).getKey() : "") + ", the simulator's " + t;
            }
        }
        return null;
    }

    /**
     * The best price of a side.
     *
     * @param side the side
     * @return the best bid or ask
     * @throws AssertionError when the side is empty
     */
    public synchronized BigDecimal best(Side side) {
        List<Map.Entry<Long, Entry>> levels = sorted(side == Side.BUY ? bids : asks, side == Side.BUY);
        if (levels.isEmpty()) {
            throw new AssertionError("the " + side + " side is empty: " + this);
        }
        return BigDecimal.valueOf(levels.get(0).getValue().price(), priceScale);
    }

    /**
     * The size at the best price of a side (summed over its orders in a per-order book).
     *
     * @param side the side
     * @param level 0 for the best price
     * @return the size at that price
     */
    public synchronized BigDecimal size(Side side, int level) {
        List<Map.Entry<Long, Entry>> levels = sorted(side == Side.BUY ? bids : asks, side == Side.BUY);
        long price = Long.MIN_VALUE;
        int seenPrices = -1;
        long sum = 0;
        for (Map.Entry<Long, Entry> e : levels) {
            if (e.getValue().price() != price) {
                price = e.getValue().price();
                seenPrices++;
            }
            if (seenPrices == level) {
                sum += e.getValue().size();
            } else if (seenPrices > level) {
                break;
            }
        }
        return BigDecimal.valueOf(sum, sizeScale);
    }

    /**
     * The top levels of a side as {@code price x size} text, best first (for messages and the
     * decoder comparison).
     *
     * @param side the side
     * @param depth how many
     * @return the levels
     */
    public synchronized List<String> top(Side side, int depth) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<Long, Entry> e : sorted(side == Side.BUY ? bids : asks, side == Side.BUY)) {
            if (out.size() == depth) {
                break;
            }
            out.add(BigDecimal.valueOf(e.getValue().price(), priceScale).stripTrailingZeros().toPlainString() + " x "
                    + BigDecimal.valueOf(e.getValue().size(), sizeScale).stripTrailingZeros().toPlainString()
                    + (perOrder ? " #" + e.getKey() : ""));
        }
        return out;
    }

    /**
     * The top levels of a book view as {@link #top} writes them.
     *
     * @param book the book
     * @param side the side
     * @param depth how many
     * @return the levels
     */
    public static List<String> top(OrderBookView book, Side side, int depth) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(depth, book.levels(side)); i++) {
            out.add(BigDecimal.valueOf(book.price(side, i), book.priceScale()).stripTrailingZeros().toPlainString()
                    + " x " + BigDecimal.valueOf(book.size(side, i), book.sizeScale()).stripTrailingZeros().toPlainString()
                    + (book.perOrder() ? " #" + book.orderId(side, i) : ""));
        }
        return out;
    }

    /** @return whether the last snapshot stands (no reset since) */
    public synchronized boolean valid() {
        return valid;
    }

    /** @return snapshots received */
    public synchronized int snapshots() {
        return snapshots;
    }

    /** @return deltas received */
    public synchronized int deltas() {
        return deltas;
    }

    /** @return updates received */
    public synchronized int updates() {
        return kinds.size();
    }

    /** @return every update's kind in order: {@code snapshot}, {@code delta}, {@code reset:REASON} */
    public synchronized List<String> kinds() {
        return List.copyOf(kinds);
    }

    /** @return the reset reasons in order */
    public synchronized List<String> resets() {
        return List.copyOf(resets);
    }

    /** @return the health pushed to the listener, in order */
    public synchronized List<DataHealth> health() {
        return List.copyOf(health);
    }

    /** @return the names of the threads callbacks ran on */
    public synchronized Set<String> threads() {
        return Set.copyOf(threads);
    }

    /** @return the {@link System#nanoTime()} receive stamp of the last update */
    public synchronized long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    /** @return the rules broken so far (at most 50) */
    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /**
     * Whether a reset with this reason was followed by a snapshot.
     *
     * @param reason the reset reason, or null for any
     * @return true when such a reset came and a snapshot after it
     */
    public synchronized boolean recoveredFrom(String reason) {
        for (int i = 0; i < kinds.size(); i++) {
            String k = kinds.get(i);
            if (k.startsWith("reset:") && (reason == null || k.equals("reset:" + reason))) {
                for (int j = i + 1; j < kinds.size(); j++) {
                    if (kinds.get(j).equals("snapshot")) {
                        return true;
                    }
                    if (kinds.get(j).equals("delta")) {
                        return false;
                    }
                }
            }
        }
        return false;
    }

    private String tail() {
        return kinds.subList(Math.max(0, kinds.size() - 8), kinds.size()).toString();
    }

    @Override
    public synchronized String toString() {
        return "BookModel[" + (valid ? "valid" : "not valid") + ", " + bids.size() + " bids, " + asks.size()
                + " asks, " + snapshots + " snapshots, " + deltas + " deltas, resets " + resets + ", last "
                + tail() + "]";
    }
}
