package org.tradebench.connector.simulated.internal;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiConsumer;

import org.tradebench.api.Subscription;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;

/**
 * One listener's subscription to a venue stream, and the handle returned to the caller.
 *
 * <p>{@link #close()} may be called from any thread: it only clears a volatile flag, which the
 * venue thread checks before every callback and uses to drop the subscription lazily. So no new
 * callback starts once {@code close()} has returned, and closing needs no hop to the venue
 * thread. A listener that throws is logged and keeps its subscription (a view's bug must not kill
 * the stream of every other view).
 *
 * <pre>{@code
 * VenueSubscription<TradeListener> sub = venue.subscribeTrades(btc, trades::add);
 * sub.health().messages();
 * sub.close();
 * }</pre>
 *
 * @param <L> the listener type
 */
public final class VenueSubscription<L> implements Subscription {

    private static final System.Logger LOG = System.getLogger(VenueSubscription.class.getName());
    // After the first failure with its stack trace, one line per this many failures is enough.
    private static final long LOG_EVERY = 1000;

    private final L listener;
    private final String stream;
    private volatile boolean active = true;
    // Written by the venue thread only; volatile so health() reads from other threads are fresh.
    private volatile long messages;
    private volatile Instant lastMessage;
    private long failures;

    /**
     * Creates an active subscription, not yet registered with the venue.
     *
     * @param listener the listener
     * @param stream what it subscribes to, for log messages
     */
    public VenueSubscription(L listener, String stream) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.stream = stream;
    }

    /**
     * Calls the listener with one event unless closed. Runs on the venue thread.
     *
     * @return false when the subscription is closed (the caller may drop it)
     */
    <E> boolean deliver(BiConsumer<? super L, E> call, E event, Instant time) {
        if (!active) {
            return false;
        }
        try {
            call.accept(listener, event);
        } catch (RuntimeException e) {
            failures++;
            if (failures == 1) {
                LOG.log(Level.WARNING, "listener of " + stream + " threw; it keeps its subscription", e);
            } else if (failures % LOG_EVERY == 0) {
                LOG.log(Level.WARNING, "listener of " + stream + " has thrown " + failures + " times, latest: " + e);
            }
        }
        messages++;
        lastMessage = time;
        return true;
    }

    /** The stream this subscription belongs to, for log messages. */
    String stream() {
        return stream;
    }

    /** How many times the listener threw. */
    long failures() {
        return failures;
    }

    @Override
    public DataHealth health() {
        if (!active) {
            return new DataHealth(DataState.CLOSED, lastMessage, messages, 0);
        }
        Instant last = lastMessage;
        return new DataHealth(last == null ? DataState.PENDING : DataState.LIVE, last, messages, 0);
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public void close() {
        active = false;
    }

    @Override
    public String toString() {
        return "subscription to " + stream + (active ? "" : " (closed)");
    }
}
