package org.tradebench.connector.support.stream;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.tradebench.api.health.DataState;
import org.tradebench.connector.support.ConnectorRuntime;

/**
 * One exchange stream (a channel, a topic) shared by every subscription that asked for it: two
 * views on one book are one exchange subscription. Reference counted: the {@link Owner} hears when
 * the first subscription arrives (subscribe on the exchange) and when the last one leaves
 * (unsubscribe).
 *
 * <p>The stream's data state (pending, live, stale, resynchronising, REST fallback, failed with the
 * exchange's text) is pushed to every subscription's listener.
 *
 * <pre>{@code
 * BookStream stream = registry.stream(key, () -> new BookStream(runtime, "book BTC/USD", id, owner, ...));
 * return stream.attach(new BookSubscription(runtime, stream, listener));   // any thread
 * // connector, under the lock:
 * stream.state(DataState.FAILED, "Bitfinex: unknown pair (10001)");
 * }</pre>
 *
 * <p>Subscribers change under the runtime lock; producers read the subscriber array without a lock.
 *
 * @param <S> the subscription type
 */
public abstract class SharedStream<S extends StreamSubscription<?>> {

    /** What the connector does when a stream gains its first or loses its last subscription. */
    public interface Owner {
        /**
         * The owner of a stream that needs nothing on the exchange when its first subscriber
         * arrives or its last one leaves (the instrument list, health, a stream that failed at
         * once).
         */
        Owner NONE = new Owner() {
            @Override
            public void firstSubscriber(SharedStream<?> stream) {
            }

            @Override
            public void lastSubscriberLeft(SharedStream<?> stream) {
            }

            @Override
            public String toString() {
                return "Owner.NONE";
            }
        };

        /**
         * The first subscription arrived: subscribe on the exchange. Runtime lock held.
         *
         * @param stream the stream
         */
        void firstSubscriber(SharedStream<?> stream);

        /**
         * The last subscription left: unsubscribe on the exchange and forget the stream. Runtime
         * lock held.
         *
         * @param stream the stream
         */
        void lastSubscriberLeft(SharedStream<?> stream);
    }

    /** The connector's runtime. */
    protected final ConnectorRuntime runtime;
    private final String description;
    private final Owner owner;
    private volatile StreamSubscription<?>[] subscribers = new StreamSubscription<?>[0];
    private DataState state = DataState.PENDING;
    private String cause = "";
    private Instant since = Instant.now();
    private boolean ended;
    private Consumer<? super S> onJoin;

    /**
     * Creates a stream with no subscriptions.
     *
     * @param runtime the runtime
     * @param description what it is, for health and logs
     * @param owner hears about the first and the last subscription
     */
    protected SharedStream(ConnectorRuntime runtime, String description, Owner owner) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.description = Objects.requireNonNull(description, "description");
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /**
     * What this stream is.
     *
     * @return for example {@code "book tBTCUSD P0 25"}
     */
    public final String description() {
        return description;
    }

    /**
     * Adds a subscription (on the control thread; returns at once). The subscription hears the
     * stream's state and, where the stream has one, its current value.
     *
     * @param <T> the subscription's type
     * @param subscription the new subscription
     * @return the subscription
     */
    public final <T extends S> T attach(T subscription) {
        subscription.bind(this);
        runtime.execute(() -> {
            if (!subscription.isActive()) {
                return;
            }
            runtime.delivery().register(subscription);
            if (ended) {
                subscription.stateChanged(state, cause, since);
                subscription.endAfterHealth();
                return;
            }
            StreamSubscription<?>[] now = subscribers;
            StreamSubscription<?>[] next = Arrays.copyOf(now, now.length + 1);
            next[now.length] = subscription;
            subscribers = next;
            subscription.stateChanged(state, cause, since);
            subscription.joined();
            if (onJoin != null) {
                onJoin.accept(subscription);
            }
            if (now.length == 0) {
                owner.firstSubscriber(this);
            }
        });
        return subscription;
    }

    /** Removes a subscription (runtime lock held). */
    final void detach(StreamSubscription<?> subscription) {
        StreamSubscription<?>[] now = subscribers;
        int at = -1;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == subscription) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            return;
        }
        StreamSubscription<?>[] next = new StreamSubscription<?>[now.length - 1];
        System.arraycopy(now, 0, next, 0, at);
        System.arraycopy(now, at + 1, next, at, now.length - at - 1);
        subscribers = next;
        if (next.length == 0 && !ended) {
            owner.lastSubscriberLeft(this);
        }
    }

    /**
     * The subscriptions now (for producers: read without a lock, never modified). Each element is
     * an {@code S}: cast the elements, not the array (its runtime type is
     * {@code StreamSubscription[]}, so a cast to {@code S[]} at the caller fails).
     *
     * @return the array; do not modify
     */
    protected final StreamSubscription<?>[] subscribers() {
        return subscribers;
    }

    /**
     * The subscriptions now, as a list (a copy; for producers that treat subscriptions one by one,
     * such as candle history for a newcomer).
     *
     * @return the subscriptions
     */
    @SuppressWarnings("unchecked")
    public final List<S> subscriptionList() {
        return (List<S>) List.of(subscribers);
    }

    /**
     * Sets what the connector does for each subscription that joins (runtime lock held; after the
     * subscription heard the stream's state and got the current value where the stream has one).
     *
     * @param action the action, or null for none
     */
    public final void onJoin(Consumer<? super S> action) {
        onJoin = action;
    }

    /**
     * How many subscriptions share this stream.
     *
     * @return the count
     */
    public final int subscriberCount() {
        return subscribers.length;
    }

    /**
     * The stream's data state.
     *
     * @return the state
     */
    public final DataState state() {
        return state;
    }

    /**
     * The cause of the current state.
     *
     * @return the cause, empty when nothing to say
     */
    public final String cause() {
        return cause;
    }

    /**
     * Sets the data state and pushes it to every subscription's listener (runtime lock held).
     *
     * @param newState the state
     * @param newCause why, for people (empty when nothing to say)
     */
    public final void state(DataState newState, String newCause) {
        Objects.requireNonNull(newState, "newState");
        Objects.requireNonNull(newCause, "newCause");
        if (ended || (newState == state && newCause.equals(cause))) {
            return;
        }
        state = newState;
        cause = newCause;
        since = Instant.now();
        for (StreamSubscription<?> s : subscribers) {
            s.stateChanged(newState, newCause, since);
        }
    }

    /**
     * Ends the stream for good (the exchange refused it, the connector closed): every subscription
     * hears the final state and gets no more callbacks; later subscriptions hear it at once. Runtime
     * lock held.
     *
     * @param finalState FAILED or CLOSED
     * @param finalCause why
     */
    public final void end(DataState finalState, String finalCause) {
        if (!finalState.isFinal()) {
            throw new IllegalArgumentException("a stream ends FAILED or CLOSED, not " + finalState);
        }
        state(finalState, finalCause);
        ended = true;
        for (StreamSubscription<?> s : subscribers) {
            s.endAfterHealth();
        }
        subscribers = new StreamSubscription<?>[0];
    }

    /**
     * Whether {@link #end} was called.
     *
     * @return true once ended
     */
    public final boolean isEnded() {
        return ended;
    }

    @Override
    public String toString() {
        return description + " (" + subscribers.length + " subscriptions, " + state.wireName() + ")";
    }
}
