package org.tradebench.connector.support.stream;

import java.util.concurrent.atomic.AtomicReference;

import org.tradebench.connector.support.ConnectorRuntime;

/**
 * A subscription that conflates to the latest value (tickers, mark prices, connection health): a
 * listener that falls behind skips intermediate values, never the latest one.
 *
 * @param <L> the listener type
 * @param <T> the value type
 */
public final class ValueSubscription<L, T> extends StreamSubscription<L> {

    private final Call<? super L, T> call;
    private final AtomicReference<T> latest = new AtomicReference<>();
    private volatile long undeliveredSince;
    private final ValueStream<L, T> stream;

    /**
     * Creates a subscription; attach it with {@link ValueStream#attach}.
     *
     * @param runtime the runtime
     * @param stream the stream
     * @param listener the listener
     * @param call how the listener takes a value, a constant such as {@code TickerListener::onTicker}
     */
    public ValueSubscription(ConnectorRuntime runtime, ValueStream<L, T> stream, L listener, Call<? super L, T> call) {
        super(runtime, listener, stream.description());
        this.stream = stream;
        this.call = call;
    }

    /** A new value (any thread). */
    void offer(T value, long receivedNanos) {
        latest.set(value);
        if (undeliveredSince == 0) {
            undeliveredSince = receivedNanos;
        }
        signal();
    }

    @Override
    protected void joined() {
        T current = stream.latest();
        if (current != null) {
            offer(current, System.nanoTime());
        }
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
        undeliveredSince = 0;
        T value = latest.getAndSet(null);
        if (value != null) {
            deliver(value, call);
        }
    }
}
