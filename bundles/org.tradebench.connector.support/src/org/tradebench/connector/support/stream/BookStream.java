package org.tradebench.connector.support.stream;

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
 * <p>Threading: every method runs with the runtime lock held.
 */
public final class BookStream extends SharedStream<BookSubscription> implements BookTarget {

    private final InstrumentId instrument;
    private final OrderBook master;

    // Published state, read by subscriptions under the runtime lock.
    long epoch;
    boolean valid;
    long version;
    String resetReason = "";
    long timeMillis;
    long receivedMillis;
    long receivedNanos;
    private long commits;
    private long resets;

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
        long now = System.nanoTime();
        for (StreamSubscription<?> sub : subscribers()) {
            ((BookSubscription) sub).changed(now);
        }
    }
}
