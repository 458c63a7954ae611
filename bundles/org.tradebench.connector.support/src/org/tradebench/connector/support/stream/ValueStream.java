package org.tradebench.connector.support.stream;

import org.tradebench.connector.support.ConnectorRuntime;

/**
 * A shared stream of values where only the latest matters (a ticker, a mark price): every
 * subscription conflates, and a newcomer gets the latest value at once.
 *
 * <pre>{@code
 * ValueStream<TickerListener, Ticker> tickers = new ValueStream<>(runtime, "ticker BTC/USD", owner);
 * Subscription s = tickers.attach(tickers.subscription(listener, TickerListener::onTicker));
 * tickers.publish(ticker, receivedNanos);          // producer, runtime lock held
 * }</pre>
 *
 * @param <L> the listener type
 * @param <T> the value type
 */
public final class ValueStream<L, T> extends SharedStream<ValueSubscription<L, T>> {

    private T latest;

    /**
     * Creates a stream.
     *
     * @param runtime the runtime
     * @param description what it is
     * @param owner subscribes and unsubscribes on the exchange
     */
    public ValueStream(ConnectorRuntime runtime, String description, Owner owner) {
        super(runtime, description, owner);
    }

    /**
     * A new subscription for this stream (attach it).
     *
     * @param listener the listener
     * @param call how the listener takes a value
     * @return the subscription
     */
    public ValueSubscription<L, T> subscription(L listener, StreamSubscription.Call<? super L, T> call) {
        return new ValueSubscription<>(runtime, this, listener, call);
    }

    /**
     * The latest value, or null before the first.
     *
     * @return the value
     */
    public T latest() {
        return latest;
    }

    /**
     * Publishes a value to every subscription (runtime lock held).
     *
     * @param value the value
     * @param receivedNanos when the frame carrying it arrived ({@link System#nanoTime()})
     */
    @SuppressWarnings("unchecked")
    public void publish(T value, long receivedNanos) {
        latest = value;
        for (StreamSubscription<?> s : subscribers()) {
            ((ValueSubscription<L, T>) s).offer(value, receivedNanos);
        }
    }

    /** Forgets the latest value (it is void after a loss). Runtime lock held. */
    public void clear() {
        latest = null;
    }
}
