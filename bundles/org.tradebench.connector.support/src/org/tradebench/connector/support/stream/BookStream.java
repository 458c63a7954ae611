package org.tradebench.connector.support.stream;

import java.lang.invoke.VarHandle;
import java.util.Objects;

import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.book.BookTarget;
import org.tradebench.core.book.OrderBook;

/**
 * One exchange order book shared by its subscriptions: the master {@link OrderBook} a synchroniser
 * keeps equal to the exchange's, and what the subscriptions need to follow it.
 *
 * <p>The producer (the socket's reader, under the runtime lock) applies verified changes to the
 * master book and calls {@link #committed}; a loss calls {@link #reset}. Nothing is queued per
 * change: each {@link BookSubscription} keeps its own copy of the book and, when the delivery thread
 * drains it, takes the difference between its copy and the master as one delta. A listener that
 * keeps up sees every committed change as its own delta; a slow one sees the changes merged
 * (conflated to the latest state), never a skipped change and never an unbounded queue. A reset
 * (gap, checksum mismatch, reconnect) reaches every subscription that had seen the old book as one
 * reset with the reason, followed by a fresh snapshot once the book is valid again.
 *
 * <pre>{@code
 * BookStream book = new BookStream(runtime, "book BTC/USD", owner, btc, new OrderBook(8, 8));
 * SpotDepthSync sync = new SpotDepthSync(book, snapshots);   // a BookTarget
 * // reader thread, lock held: sync.beginDiff(...); sync.level(...); sync.endDiff();  -> committed()
 * }</pre>
 *
 * <p>Threading: every method runs with the runtime lock held. Subscriptions read the book without
 * the lock: each commit publishes a copy under a sequence lock, which the delivery thread copies.
 */
public final class BookStream extends SharedStream<BookSubscription> implements BookTarget {

    private final InstrumentId instrument;
    private final OrderBook master;

    // The producer's state (runtime lock).
    long epoch;
    boolean valid;
    long version;
    String resetReason = "";
    long timeMillis;
    long receivedMillis;
    long receivedNanos;
    private long commits;
    private long resets;

    // What subscriptions read, without the lock: a copy of the master and the state above, written
    // by the producer as a sequence lock (pubSeq odd while it writes). Readers on the delivery thread
    // copy it and retry when pubSeq moved meanwhile, so the reader never waits for the lock and the
    // producer never waits for a reader.
    private final OrderBook published;
    private volatile long pubSeq;
    long pubEpoch;
    boolean pubValid;
    long pubVersion;
    String pubResetReason = "";
    long pubTimeMillis;
    long pubReceivedMillis;
    long pubReceivedNanos;

    /**
     * Creates a stream.
     *
     * @param runtime the runtime
     * @param description what it is: {@code "book tBTCUSD P0 25"}
     * @param owner subscribes and unsubscribes on the exchange
     * @param instrument the instrument
     * @param master the master book (aggregated or per-order, at the scales the decoder parses)
     */
    public BookStream(ConnectorRuntime runtime, String description, Owner owner, InstrumentId instrument,
            OrderBook master) {
        super(runtime, description, owner);
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.master = Objects.requireNonNull(master, "master");
        this.published = new OrderBook(master.priceScale(), master.sizeScale(), 64, master.perOrder());
    }

    /**
     * Publishes the current state for the subscriptions (runtime lock held, producer). Skipped
     * while nobody subscribes; a newcomer publishes when it joins.
     */
    void publish() {
        if (subscriberCount() == 0) {
            return;
        }
        long s = pubSeq;
        pubSeq = s + 1; // odd: writing
        VarHandle.storeStoreFence();
        if (valid) {
            published.copyFromRacy(master); // exact here (lock held): the raw array copy is the fast one
        } else {
            published.clear();
        }
        pubEpoch = epoch;
        pubValid = valid;
        pubVersion = version;
        pubResetReason = resetReason;
        pubTimeMillis = timeMillis;
        pubReceivedMillis = receivedMillis;
        pubReceivedNanos = receivedNanos;
        pubSeq = s + 2; // even: a consistent state (the volatile write publishes the fields above)
    }

    /** The sequence word of the published state (delivery thread). */
    long publishedSequence() {
        return pubSeq;
    }

    /** The published copy of the master (read only between two equal {@link #publishedSequence()} reads). */
    OrderBook published() {
        return published;
    }

    /**
     * The instrument.
     *
     * @return the id
     */
    public InstrumentId instrument() {
        return instrument;
    }

    @Override
    public OrderBook book() {
        return master;
    }

    /**
     * Whether the master book is valid (a snapshot was applied and nothing was lost since).
     *
     * @return true when valid
     */
    public boolean isValid() {
        return valid;
    }

    /**
     * Commits so far.
     *
     * @return the count
     */
    public long commits() {
        return commits;
    }

    /**
     * Resets so far.
     *
     * @return the count
     */
    public long resets() {
        return resets;
    }

    @Override
    public void committed(long exchangeTimeMillis, long received, long nanos) {
        valid = true;
        version++;
        commits++;
        timeMillis = exchangeTimeMillis;
        receivedMillis = received;
        receivedNanos = nanos;
        DataState s = state();
        if (s == DataState.PENDING || s == DataState.RESYNCING || s == DataState.STALE) {
            state(DataState.LIVE, "");
        }
        publish();
        for (StreamSubscription<?> sub : subscribers()) {
            ((BookSubscription) sub).changed(nanos);
        }
    }

    @Override
    public void reset(String reason) {
        Objects.requireNonNull(reason, "reason");
        master.clear();
        boolean wasValid = valid;
        valid = false;
        resets++;
        if (wasValid || version > 0) {
            epoch++;
            resetReason = reason;
        }
        DataState s = state();
        if (s == DataState.LIVE || s == DataState.PENDING) {
            state(DataState.RESYNCING, reason);
        }
        publish();
        long now = System.nanoTime();
        for (StreamSubscription<?> sub : subscribers()) {
            ((BookSubscription) sub).changed(now);
        }
    }
}
