package org.tradebench.connector.bitfinex.internal;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

import org.tradebench.api.Subscription;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;

/**
 * One listener's subscription to a shared stream, and the handle the caller gets. Callbacks go
 * through {@link #deliver(Consumer)} on the connector thread; a listener that throws is logged (with
 * the stream name, never with account data) and keeps its subscription.
 *
 * <pre>{@code
 * StreamHandle<TickerListener> h = new StreamHandle<>(listener, "ticker tBTCUSD", () -> thread.execute(() -> topic.remove(h)));
 * h.deliver(l -> l.onTicker(ticker));
 * }</pre>
 *
 * <p>{@link #close()} and {@link #health()} may be called from any thread; the rest runs on the
 * connector thread. Once {@code close()} returned no new callback starts.
 *
 * @param <L> the listener type
 */
public final class StreamHandle<L> implements Subscription {

    private static final System.Logger LOG = System.getLogger(StreamHandle.class.getName());
    private static final long LOG_EVERY = 1000;

    private final L listener;
    private final String stream;
    private volatile Runnable onClose;
    private volatile boolean active = true;
    private volatile DataState state = DataState.PENDING;
    private volatile long messages;
    private volatile long resets;
    private volatile Instant lastMessage;
    private long failures;

    /**
     * Creates an active handle.
     *
     * @param listener the listener
     * @param stream what it streams, for log messages
     */
    public StreamHandle(L listener, String stream) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.stream = Objects.requireNonNull(stream, "stream");
    }

    /**
     * Sets what closing does (unsubscribing from the shared stream).
     *
     * @param action runs once, on the closing thread; must only hand work to the connector thread
     */
    public void onClose(Runnable action) {
        this.onClose = action;
    }

    /**
     * Calls the listener unless closed. Connector thread.
     *
     * @param call the callback
     */
    public void deliver(Consumer<L> call) {
        if (!active) {
            return;
        }
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            failures++;
            if (failures == 1) {
                LOG.log(Level.WARNING, "a listener of Bitfinex " + stream + " threw; it keeps its subscription", e);
            } else if (failures % LOG_EVERY == 0) {
                LOG.log(Level.WARNING, "a listener of Bitfinex " + stream + " has thrown " + failures
                        + " times, latest: " + e);
            }
        }
        messages++;
        lastMessage = Instant.now();
    }

    /**
     * Sets the data state. Connector thread.
     *
     * @param newState the state
     */
    public void state(DataState newState) {
        state = newState;
    }

    /** Counts a book reset. Connector thread. */
    public void countReset() {
        resets++;
    }

    /** The listener (for tests and diagnostics). */
    public L listener() {
        return listener;
    }

    /** What it streams. */
    public String stream() {
        return stream;
    }

    @Override
    public DataHealth health() {
        return new DataHealth(active ? state : DataState.CLOSED, lastMessage, messages, resets);
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public void close() {
        if (!active) {
            return;
        }
        active = false;
        Runnable r = onClose;
        if (r != null) {
            r.run();
        }
    }

    @Override
    public String toString() {
        return "Bitfinex " + stream + (active ? "" : " (closed)");
    }
}
