package org.tradebench.connector.support.stream;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.StreamListener;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.Mailbox;

/**
 * One listener's subscription to a {@link SharedStream}: the handle the caller gets, and the
 * mailbox the delivery thread drains for it.
 *
 * <p>What every subscription kind shares lives here: the listener, its data health (state and cause
 * come from the stream, counters are the subscription's own), health changes pushed to the listener
 * before the data that follows them, callbacks timed and guarded (a listener that throws is logged
 * and keeps its subscription), and closing: once {@link #close()} has returned, no new callback
 * starts (a callback already running on the delivery thread finishes first, unless close is called
 * from inside it).
 *
 * @param <L> the listener type
 */
public abstract class StreamSubscription<L> extends Mailbox implements Subscription {

    private static final System.Logger LOG = System.getLogger(StreamSubscription.class.getName());
    private static final long LOG_EVERY = 1000;

    /** The listener. */
    protected final L listener;
    private final ConnectorRuntime runtime;
    private final String description;
    private volatile SharedStream<?> stream;
    private volatile boolean active = true;
    private volatile boolean healthDirty;
    private volatile boolean ending;

    // health as pushed: state and cause from the stream (written under the runtime lock)
    private volatile DataState state = DataState.PENDING;
    private volatile String cause = "";
    private volatile Instant since = Instant.now();
    private volatile long messages;
    private volatile long resets;
    private volatile long lastMessageMillis;
    private long failures;

    /**
     * Creates a subscription; {@link SharedStream#attach} connects it to its stream.
     *
     * @param runtime the connector's runtime
     * @param listener the listener
     * @param description what it streams, for health and logs: {@code "book BTC/USD"}
     */
    protected StreamSubscription(ConnectorRuntime runtime, L listener, String description) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.description = Objects.requireNonNull(description, "description");
    }

    /**
     * The connector's runtime.
     *
     * @return the runtime
     */
    protected final ConnectorRuntime runtime() {
        return runtime;
    }

    /** Connects to the stream (under the runtime lock). */
    final void bind(SharedStream<?> owner) {
        stream = owner;
    }

    @Override
    protected final String describe() {
        return description;
    }

    @Override
    public final boolean isActive() {
        return active;
    }

    @Override
    public final DataHealth health() {
        long last = lastMessageMillis;
        // A stream that could not be served stays FAILED with its cause; any other ended one is CLOSED.
        DataState shown = active || state == DataState.FAILED ? state : DataState.CLOSED;
        return new DataHealth(shown, last == 0 ? null : Instant.ofEpochMilli(last), messages, resets, cause, since);
    }

    /**
     * Takes the stream's state (runtime lock held); the listener hears it before the next data.
     *
     * @param newState the state
     * @param newCause why
     * @param newSince since when
     */
    final void stateChanged(DataState newState, String newCause, Instant newSince) {
        if (newState == state && newCause.equals(cause)) {
            return;
        }
        state = newState;
        cause = newCause;
        since = newSince;
        healthDirty = true;
        signal();
    }

    /** Counts a book reset delivered to this subscription. Delivery thread. */
    protected final void countReset() {
        resets++;
    }

    /**
     * Pushes a pending health change to the listener. Call at the start of {@link #drain()}.
     *
     * @return false when the stream ended: the final health was delivered and nothing more will be
     */
    protected final boolean deliverHealth() {
        if (healthDirty) {
            healthDirty = false;
            if (listener instanceof StreamListener) {
                call(health(), HEALTH);
            }
        }
        if (ending) {
            active = false;
            runtime.delivery().unregister(this);
            // An ended stream has no subscriptions left; a subscription that ended on its own (an
            // event queue over its hard limit) leaves its stream, so that the last one to leave
            // still unsubscribes on the exchange.
            SharedStream<?> s = stream;
            if (s != null) {
                runtime.execute(() -> s.detach(this));
            }
            return false;
        }
        return true;
    }

    private static final Call<Object, DataHealth> HEALTH = (l, h) -> ((StreamListener) l).onHealth(h);

    /**
     * Calls the listener with one value, unless closed; counts it, times it, and logs (never
     * rethrows) what it throws. Delivery thread.
     *
     * @param <V> the value type
     * @param value the value
     * @param call how to call the listener (a constant, so nothing is allocated per call)
     * @return false when the subscription is closed
     */
    protected final <V> boolean deliver(V value, Call<? super L, V> call) {
        boolean delivered = call(value, call);
        if (delivered) {
            messages++;
            lastMessageMillis = System.currentTimeMillis();
        }
        return delivered;
    }

    @SuppressWarnings("unchecked")
    private <V> boolean call(V value, Call<? super L, V> call) {
        synchronized (this) {
            if (!active) {
                return false;
            }
            long start = System.nanoTime();
            try {
                ((Call<L, V>) call).call(listener, value);
            } catch (RuntimeException e) {
                failures++;
                if (failures == 1) {
                    LOG.log(Level.WARNING, "a listener of " + description + " threw; it keeps its subscription", e);
                } else if (failures % LOG_EVERY == 0) {
                    LOG.log(Level.WARNING, "a listener of " + description + " has thrown " + failures
                            + " times, latest: " + e);
                }
            } finally {
                timed(start);
            }
            return true;
        }
    }

    /**
     * Stops the callbacks. Any thread except one holding the runtime lock (connectors end
     * subscriptions with {@link SharedStream#end}). Never throws.
     */
    @Override
    public final void close() {
        synchronized (this) {
            if (!active) {
                return;
            }
            active = false;
        }
        SharedStream<?> s = stream;
        runtime.execute(() -> {
            if (s != null) {
                s.detach(this);
            }
            runtime.delivery().unregister(this);
        });
    }

    /**
     * Ends the subscription from inside the connector (runtime lock held, no waiting): the listener
     * hears the final health, then nothing more.
     */
    final void endAfterHealth() {
        // The final state reached this subscription through stateChanged (which marked the health
        // dirty unless the listener had heard that very state already): marking it dirty again here
        // made a drain that ran in between deliver the final health twice.
        ending = true;
        signal();
    }

    /** Called when the subscription joined its stream (runtime lock held): deliver what it missed. */
    protected void joined() {
    }

    /**
     * How a subscription calls its listener with one value. Implementations are constants
     * ({@code TickerListener::onTicker}), so calling allocates nothing.
     *
     * @param <L> the listener type
     * @param <V> the value type
     */
    @FunctionalInterface
    public interface Call<L, V> {
        /**
         * Calls the listener.
         *
         * @param listener the listener
         * @param value the value
         */
        void call(L listener, V value);
    }

    @Override
    public String toString() {
        return description + (active ? "" : " (closed)");
    }
}
