package org.tradebench.connector.support.stream;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.tradebench.api.health.DataState;
import org.tradebench.connector.support.ConnectorRuntime;

/**
 * A subscription that queues every event (trades, liquidations, candles, orders, fills, balances,
 * positions): nothing is ever dropped for a slow listener. How far behind a listener is shows in
 * the queue lag; a listener that stops taking events altogether is cut off at
 * {@link #HARD_LIMIT} queued events with a FAILED state that says so, rather than exhausting memory
 * unseen.
 *
 * @param <L> the listener type
 * @param <T> the event type
 */
public final class EventSubscription<L, T> extends StreamSubscription<L> {

    /** Queued events at which the subscription fails. */
    public static final int HARD_LIMIT = 1_000_000;

    private final Call<? super L, T> call;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private volatile long undeliveredSince;
    private volatile boolean overflowed;

    /**
     * Creates a subscription; attach it with {@link EventStream#attach}.
     *
     * @param runtime the runtime
     * @param stream the stream
     * @param listener the listener
     * @param call how the listener takes an event
     */
    public EventSubscription(ConnectorRuntime runtime, EventStream<L, T> stream, L listener, Call<? super L, T> call) {
        super(runtime, listener, stream.description());
        this.call = call;
    }

    /** Queues an event (any thread). */
    void offer(Object event, long receivedNanos) {
        if (overflowed) {
            return;
        }
        if (size.incrementAndGet() > HARD_LIMIT) {
            overflowed = true;
            queue.clear();
            stateChanged(DataState.FAILED, "listener too slow: " + HARD_LIMIT
                    + " events were waiting for it; subscription ended", java.time.Instant.now());
            endAfterHealth();
            return;
        }
        queue.add(event);
        if (undeliveredSince == 0) {
            undeliveredSince = receivedNanos;
        }
        signal();
    }

    /**
     * Events waiting for the listener.
     *
     * @return the count
     */
    public int queued() {
        return size.get();
    }

    @Override
    protected long oldestUndeliveredNanos() {
        return undeliveredSince;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected void drain() {
        if (!deliverHealth()) {
            return;
        }
        undeliveredSince = 0;
        Object e;
        while ((e = queue.poll()) != null) {
            size.decrementAndGet();
            if (!deliver((T) e, call)) {
                queue.clear();
                size.set(0);
                return;
            }
        }
    }
}
