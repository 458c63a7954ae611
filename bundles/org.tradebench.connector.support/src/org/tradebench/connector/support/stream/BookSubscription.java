package org.tradebench.connector.support.stream;

import java.lang.invoke.VarHandle;
import java.util.Arrays;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.core.book.OrderBook;

/**
 * One listener's subscription to a {@link BookStream}, and the {@link BookUpdate} it hands to the
 * listener (this object itself: a view valid during the callback).
 *
 * <p>It keeps its own copy of the book. When drained, it copies the stream's published book (a
 * sequence lock: no runtime lock is taken, the producer never waits for it), compares it with its
 * copy (a merge of two sorted sides, best first), records the differing levels as the delta, keeps
 * the new book as its copy and calls the listener.
 * Nothing is allocated per update once the arrays have grown to the book's size. A reset of the
 * stream becomes one RESET update (when the listener had seen the old book), then a SNAPSHOT once
 * the stream is valid again.
 *
 * <p>Sequence numbers are this subscription's own and increase by one per update.
 */
public final class BookSubscription extends StreamSubscription<BookListener> implements BookUpdate {

    private static final Call<BookListener, BookUpdate> ON_BOOK = BookListener::onBook;

    private final BookStream stream;
    private OrderBook copy;
    private OrderBook latest;
    private final OrderBook empty;

    // Delivery thread (read under the runtime lock where noted).
    private long seenEpoch;
    private long seenVersion;
    private boolean delivered;
    private long sequence;
    private volatile long undeliveredSince;

    // The update being delivered.
    private Kind kind = Kind.SNAPSHOT;
    private long updateTimeMillis;
    private long updateReceivedMillis;
    private long updateReceivedNanos;
    private String reason;
    private final Changes bidChanges = new Changes();
    private final Changes askChanges = new Changes();

    /**
     * Creates a subscription; attach it with {@link BookStream#attach}.
     *
     * @param runtime the runtime
     * @param stream the stream
     * @param listener the listener
     */
    public BookSubscription(ConnectorRuntime runtime, BookStream stream, BookListener listener) {
        super(runtime, listener, stream.description());
        this.stream = stream;
        OrderBook m = stream.book();
        this.copy = new OrderBook(m.priceScale(), m.sizeScale(), 64, m.perOrder());
        this.latest = new OrderBook(m.priceScale(), m.sizeScale(), 64, m.perOrder());
        this.empty = new OrderBook(m.priceScale(), m.sizeScale(), 1, m.perOrder());
    }

    /** The stream changed (runtime lock held, producer thread). Allocation-free. */
    void changed(long receivedNanos) {
        if (undeliveredSince == 0) {
            undeliveredSince = receivedNanos;
        }
        signal();
    }

    @Override
    protected void joined() {
        stream.publish(); // nothing is published while a stream has no subscription
        changed(System.nanoTime());
    }

    @Override
    protected long oldestUndeliveredNanos() {
        return undeliveredSince;
    }

    @Override
    protected void drain() {
        if (!deliverHealth()) {
            return;
        }
        boolean resetFirst = false;
        String resetReason = null;
        Kind next = null;
        undeliveredSince = 0;
        // Read the stream's published state without the runtime lock (a sequence lock: copy, then
        // check that the producer did not write meanwhile; else copy again).
        long epoch;
        boolean valid;
        long version;
        String publishedReason;
        boolean haveBook;
        for (;;) {
            long before = stream.publishedSequence();
            if ((before & 1) != 0) {
                Thread.onSpinWait(); // the producer is writing: a copy of one book, well under a microsecond
                continue;
            }
            epoch = stream.pubEpoch;
            valid = stream.pubValid;
            version = stream.pubVersion;
            publishedReason = stream.pubResetReason;
            updateTimeMillis = stream.pubTimeMillis;
            updateReceivedMillis = stream.pubReceivedMillis;
            updateReceivedNanos = stream.pubReceivedNanos;
            haveBook = valid && (epoch != seenEpoch || !delivered || version != seenVersion);
            // a copy torn by the producer writing meanwhile fails the sequence check below and is redone
            boolean torn = haveBook && !latest.copyFromRacy(stream.published());
            VarHandle.loadLoadFence();
            if (!torn && stream.publishedSequence() == before) {
                break;
            }
        }
        if (epoch != seenEpoch) {
            resetFirst = delivered;
            resetReason = publishedReason;
            seenEpoch = epoch;
            delivered = false;
            copy.clear();
        }
        if (valid && !stream.isEnded() && haveBook) {
            if (!delivered) {
                swap();
                next = Kind.SNAPSHOT;
            } else if (seenVersion != version) {
                bidChanges.diff(copy, latest, Side.BUY);
                askChanges.diff(copy, latest, Side.SELL);
                swap();
                if (bidChanges.count + askChanges.count > 0) {
                    next = Kind.DELTA;
                }
            }
        }
        if (valid) {
            seenVersion = version;
        }
        if (resetFirst) {
            kind = Kind.RESET;
            reason = resetReason;
            sequence++;
            countReset();
            deliver(this, ON_BOOK);
        }
        if (next != null) {
            kind = next;
            reason = null;
            sequence++;
            delivered = true;
            deliver(this, ON_BOOK);
        }
    }

    /** The latest book becomes this subscription's copy (the old copy is reused for the next read). */
    private void swap() {
        OrderBook t = copy;
        copy = latest;
        latest = t;
    }

    // ---------------------------------------------------------------- BookUpdate

    @Override
    public InstrumentId instrument() {
        return stream.instrument();
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public long sequence() {
        return sequence;
    }

    @Override
    public long timeMillis() {
        return kind == Kind.RESET ? System.currentTimeMillis() : updateTimeMillis;
    }

    @Override
    public long receivedMillis() {
        return kind == Kind.RESET ? System.currentTimeMillis() : updateReceivedMillis;
    }

    @Override
    public long receivedNanoTime() {
        return updateReceivedNanos;
    }

    @Override
    public String resetReason() {
        return reason;
    }

    @Override
    public int changes(Side side) {
        return switch (kind) {
            case RESET -> 0;
            case SNAPSHOT -> copy.levels(side);
            case DELTA -> changes(side, false).count;
        };
    }

    @Override
    public long changePrice(Side side, int index) {
        return kind == Kind.SNAPSHOT ? copy.price(side, index) : changes(side, true).price(index);
    }

    @Override
    public long changeSize(Side side, int index) {
        return kind == Kind.SNAPSHOT ? copy.size(side, index) : changes(side, true).size(index);
    }

    @Override
    public int changeOrderCount(Side side, int index) {
        return kind == Kind.SNAPSHOT ? copy.orderCount(side, index) : changes(side, true).orderCount(index);
    }

    @Override
    public long changeOrderId(Side side, int index) {
        return kind == Kind.SNAPSHOT ? copy.orderId(side, index) : changes(side, true).orderId(index);
    }

    @Override
    public OrderBookView book() {
        return kind == Kind.RESET ? empty : copy;
    }

    private Changes changes(Side side, boolean forIndex) {
        if (forIndex && kind == Kind.RESET) {
            throw new IndexOutOfBoundsException("a reset has no levels");
        }
        return side == Side.BUY ? bidChanges : askChanges;
    }

    /** The changed levels of one side, as parallel primitive arrays. */
    private static final class Changes {
        long[] prices = new long[64];
        long[] sizes = new long[64];
        long[] ids = new long[64];
        int[] counts = new int[64];
        int count;

        long price(int i) {
            return prices[java.util.Objects.checkIndex(i, count)];
        }

        long size(int i) {
            return sizes[java.util.Objects.checkIndex(i, count)];
        }

        long orderId(int i) {
            return ids[java.util.Objects.checkIndex(i, count)];
        }

        int orderCount(int i) {
            return counts[java.util.Objects.checkIndex(i, count)];
        }

        private void add(long price, long size, long id, int orderCount) {
            if (count == prices.length) {
                int n = count * 2;
                prices = Arrays.copyOf(prices, n);
                sizes = Arrays.copyOf(sizes, n);
                ids = Arrays.copyOf(ids, n);
                counts = Arrays.copyOf(counts, n);
            }
            prices[count] = price;
            sizes[count] = size;
            ids[count] = id;
            counts[count] = orderCount;
            count++;
        }

        /** The levels of {@code side} that differ between {@code before} and {@code after}. */
        void diff(OrderBook before, OrderBook after, Side side) {
            count = 0;
            if (before.perOrder()) {
                // An order that moved is two changes: gone from its old price, new at its new one.
                // A listener applies changes in order and a per-order removal names the order id
                // (OrderBook.setOrder ignores its price), so every removal must come before the
                // additions: a removal after the move would remove the order from its new place.
                merge(before, after, side, true, false);
                merge(before, after, side, false, true);
            } else {
                merge(before, after, side, true, true);
            }
        }

        /** One merge of the two sides, recording the removals, the rest, or both. */
        private void merge(OrderBook before, OrderBook after, Side side, boolean removals, boolean others) {
            boolean bids = side == Side.BUY;
            int n = before.levels(side);
            int m = after.levels(side);
            int i = 0;
            int j = 0;
            while (i < n || j < m) {
                if (j >= m) {
                    if (removals) {
                        add(before.price(side, i), 0, before.orderId(side, i), 0);
                    }
                    i++;
                    continue;
                }
                if (i >= n) {
                    if (others) {
                        add(after.price(side, j), after.size(side, j), after.orderId(side, j),
                                after.orderCount(side, j));
                    }
                    j++;
                    continue;
                }
                long p0 = before.price(side, i);
                long p1 = after.price(side, j);
                long id0 = before.orderId(side, i);
                long id1 = after.orderId(side, j);
                if (p0 == p1 && id0 == id1) {
                    long s1 = after.size(side, j);
                    int c1 = after.orderCount(side, j);
                    if (others && (before.size(side, i) != s1 || before.orderCount(side, i) != c1)) {
                        add(p1, s1, id1, c1);
                    }
                    i++;
                    j++;
                } else if (ranksAbove(bids, p0, id0, p1, id1)) {
                    if (removals) {
                        add(p0, 0, id0, 0); // gone from the book
                    }
                    i++;
                } else {
                    if (others) {
                        add(p1, after.size(side, j), id1, after.orderCount(side, j)); // new in the book
                    }
                    j++;
                }
            }
        }

        private static boolean ranksAbove(boolean bids, long p0, long id0, long p1, long id1) {
            if (p0 != p1) {
                return bids ? p0 > p1 : p0 < p1;
            }
            return id0 < id1;
        }
    }
}
