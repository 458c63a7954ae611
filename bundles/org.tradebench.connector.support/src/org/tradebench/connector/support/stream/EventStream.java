package org.tradebench.connector.support.stream;

import java.util.Objects;

import org.tradebench.api.Subscription;
import org.tradebench.api.health.DataState;
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

    /**
     * A subscription to something the connector cannot serve (an instrument the exchange does not
     * list, a channel it does not publish): the listener hears {@link DataState#FAILED} with the
     * cause at once, on the delivery thread, and nothing else. The caller need not hold the lock.
     *
     * <pre>{@code
     * if (!catalog.lists(id)) {
     *     return EventStream.failed(runtime, "trades " + id.symbol(), "Example lists no " + id.symbol(), listener);
     * }
     * }</pre>
     *
     * @param runtime the connector's runtime
     * @param description what was asked for
     * @param cause why it cannot be served, for the user
     * @param listener the listener (it hears only the state)
     * @return the subscription (closing it does nothing more)
     */
    public static Subscription failed(ConnectorRuntime runtime, String description, String cause, Object listener) {
        Objects.requireNonNull(listener, "listener");
        EventStream<Object, Object> s = new EventStream<>(runtime, description, Owner.NONE);
        synchronized (runtime.lock()) {
            s.end(DataState.FAILED, cause);
        }
        return s.attach(s.subscription(listener, (l, e) -> {
        }));
    }
}
