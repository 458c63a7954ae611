package org.tradebench.connector.support.stream;

import org.tradebench.connector.support.ConnectorRuntime;

/**
 * A shared stream where every event counts (trades, liquidations, candles, account events): each
 * subscription queues every event for its listener.
 *
 * <pre>{@code
 * EventStream<TradeListener, Trade> trades = new EventStream<>(runtime, "trades BTC/USD", owner);
 * Subscription s = trades.attach(trades.subscription(listener, TradeListener::onTrade));
 * trades.publish(trade, receivedNanos);            // producer, runtime lock held
 * }</pre>
 *
 * @param <L> the listener type
 * @param <T> the event type
 */
public final class EventStream<L, T> extends SharedStream<EventSubscription<L, T>> {

    /**
     * Creates a stream.
     *
     * @param runtime the runtime
     * @param description what it is
     * @param owner subscribes and unsubscribes on the exchange
     */
    public EventStream(ConnectorRuntime runtime, String description, Owner owner) {
        super(runtime, description, owner);
    }

    /**
     * A new subscription for this stream (attach it).
     *
     * @param listener the listener
     * @param call how the listener takes an event
     * @return the subscription
     */
    public EventSubscription<L, T> subscription(L listener, StreamSubscription.Call<? super L, T> call) {
        return new EventSubscription<>(runtime, this, listener, call);
    }

    /**
     * Queues an event for every subscription (runtime lock held).
     *
     * @param event the event
     * @param receivedNanos when the frame carrying it arrived ({@link System#nanoTime()})
     */
    public void publish(T event, long receivedNanos) {
        for (StreamSubscription<?> s : subscribers()) {
            ((EventSubscription<?, ?>) s).offer(event, receivedNanos);
        }
    }

    /**
     * Queues an event for one subscription only (the current state a newcomer gets first).
     *
     * @param subscription the subscription
     * @param event the event
     */
    public void publishTo(EventSubscription<L, T> subscription, T event) {
        subscription.offer(event, System.nanoTime());
    }
}
