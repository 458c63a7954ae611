package org.tradebench.connector.support.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tradebench.api.health.DataHealth;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;

/**
 * A book listener that checks the book stream contract on every update, and records a problem
 * (never throws: a listener's exception would only be logged) when it is broken:
 *
 * <ul>
 * <li>callbacks on the delivery thread, one at a time; sequence numbers up by one each time;</li>
 * <li>a SNAPSHOT first, DELTAs after it, a RESET only after a book was delivered, then a SNAPSHOT;</li>
 * <li>a RESET has no levels, an empty book and a reason; a SNAPSHOT's levels are its book's;</li>
 * <li>a DELTA changes something, and its changes, applied in order to the book the listener had,
 * give exactly {@link BookUpdate#book()}: its own book ({@link #mine}) is only ever built from the
 * changes, so a skipped change would show.</li>
 * </ul>
 */
class BookChecker implements BookListener {

    final OrderBook mine;
    private final InstrumentId instrument;
    private final String deliveryThread;
    private final List<String> problems = new ArrayList<>();
    private final List<String> kinds = new ArrayList<>();
    private final List<String> health = new ArrayList<>();
    private boolean inside;
    private long lastSequence;
    private BookUpdate.Kind lastKind;
    private volatile int updates;
    private volatile int snapshots;
    private volatile int deltas;
    private volatile int resets;
    volatile String lastResetReason;
    volatile int lastChanges;
    /** Runs after the checks of each update (slow listeners, latches). */
    volatile Consumer<BookUpdate> after = u -> {
    };
    /** Whether to record each update's kind and change count in {@link #kinds()}. */
    volatile boolean recordKinds = true;

    BookChecker(String runtimeName, InstrumentId instrument, int priceScale, int sizeScale, boolean perOrder) {
        this.deliveryThread = runtimeName + "-delivery";
        this.instrument = instrument;
        this.mine = new OrderBook(priceScale, sizeScale, 64, perOrder);
    }

    @Override
    public void onBook(BookUpdate u) {
        synchronized (this) {
            if (inside) {
                problems.add("two callbacks at once");
            }
            inside = true;
            check(u);
            inside = false;
        }
        after.accept(u);
        updates++; // counted once the whole callback is over: tests wait on it
    }

    @Override
    public synchronized void onHealth(DataHealth h) {
        health.add(h.state().wireName() + (h.cause().isEmpty() ? "" : ": " + h.cause()));
    }

    private void check(BookUpdate u) {
        if (!Thread.currentThread().getName().equals(deliveryThread)) {
            problems.add("update on " + Thread.currentThread().getName());
        }
        if (!instrument.equals(u.instrument())) {
            problems.add("instrument " + u.instrument());
        }
        if (u.sequence() != lastSequence + 1) {
            problems.add("sequence " + u.sequence() + " after " + lastSequence);
        }
        lastSequence = u.sequence();
        OrderBookView book = u.book();
        int changes = u.changes(Side.BUY) + u.changes(Side.SELL);
        lastChanges = changes;
        if (recordKinds) {
            kinds.add(u.kind() + (u.kind() == BookUpdate.Kind.RESET ? " " + u.resetReason() : " " + changes));
        }
        switch (u.kind()) {
            case RESET -> {
                resets++;
                lastResetReason = u.resetReason();
                if (lastKind == null || lastKind == BookUpdate.Kind.RESET) {
                    problems.add("reset at " + u.sequence() + " without a book before it");
                }
                if (changes != 0 || !book.isEmpty() || u.resetReason() == null) {
                    problems.add("reset at " + u.sequence() + " with levels, a book or no reason");
                }
                mine.clear();
            }
            case SNAPSHOT -> {
                snapshots++;
                if (lastKind == BookUpdate.Kind.SNAPSHOT || lastKind == BookUpdate.Kind.DELTA) {
                    problems.add("snapshot at " + u.sequence() + " without a reset before it");
                }
                if (u.resetReason() != null) {
                    problems.add("snapshot with a reset reason");
                }
                for (Side side : Side.values()) {
                    if (u.changes(side) != book.levels(side)) {
                        problems.add("snapshot at " + u.sequence() + ": " + u.changes(side) + " " + side
                                + " levels, its book has " + book.levels(side));
                    }
                }
                mine.clear();
                apply(u);
            }
            case DELTA -> {
                deltas++;
                if (lastKind != BookUpdate.Kind.SNAPSHOT && lastKind != BookUpdate.Kind.DELTA) {
                    problems.add("delta at " + u.sequence() + " without a snapshot before it");
                }
                if (changes == 0) {
                    problems.add("empty delta at " + u.sequence());
                }
                apply(u);
            }
        }
        lastKind = u.kind();
        String diff = difference(mine, book);
        if (diff != null) {
            problems.add(u.kind() + " at " + u.sequence() + ": the changes applied to the previous book do not"
                    + " give the update's book: " + diff);
            mine.copyFrom(book); // report each break once
        }
    }

    /** Applies the update's changes in the order given, as a listener keeping its own book would. */
    private void apply(BookUpdate u) {
        for (Side side : Side.values()) {
            for (int i = 0; i < u.changes(side); i++) {
                if (mine.perOrder()) {
                    mine.setOrder(side, u.changeOrderId(side, i), u.changePrice(side, i), u.changeSize(side, i));
                } else {
                    mine.set(side, u.changePrice(side, i), u.changeSize(side, i), u.changeOrderCount(side, i));
                }
            }
        }
    }

    /** Where two books differ, or null when they are equal level for level. */
    static String difference(OrderBookView a, OrderBookView b) {
        for (Side side : Side.values()) {
            if (a.levels(side) != b.levels(side)) {
                return side + " has " + a.levels(side) + " levels, expected " + b.levels(side) + " (" + render(a)
                        + " vs " + render(b) + ")";
            }
            for (int i = 0; i < a.levels(side); i++) {
                if (a.price(side, i) != b.price(side, i) || a.size(side, i) != b.size(side, i)
                        || a.orderId(side, i) != b.orderId(side, i) || a.orderCount(side, i) != b.orderCount(side, i)) {
                    return side + " level " + i + " is " + level(a, side, i) + ", expected " + level(b, side, i);
                }
            }
        }
        return null;
    }

    private static String level(OrderBookView book, Side side, int i) {
        return book.price(side, i) + "x" + book.size(side, i) + (book.perOrder() ? " #" + book.orderId(side, i)
                : " (" + book.orderCount(side, i) + ")");
    }

    /** The book as {@code "b100x5 b99x3 | a101x7"}. */
    static String render(OrderBookView book) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < book.levels(Side.BUY); i++) {
            s.append('b').append(level(book, Side.BUY, i)).append(' ');
        }
        s.append('|');
        for (int i = 0; i < book.levels(Side.SELL); i++) {
            s.append(" a").append(level(book, Side.SELL, i));
        }
        return s.toString();
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    synchronized List<String> kinds() {
        return List.copyOf(kinds);
    }

    synchronized List<String> health() {
        return List.copyOf(health);
    }

    int updates() {
        return updates;
    }

    int snapshots() {
        return snapshots;
    }

    int deltas() {
        return deltas;
    }

    int resets() {
        return resets;
    }

    synchronized long lastSequence() {
        return lastSequence;
    }
}
