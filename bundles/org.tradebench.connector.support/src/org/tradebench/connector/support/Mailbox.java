package org.tradebench.connector.support;

/**
 * Something the {@link Delivery} thread drains: one subscription's undelivered data. Producers
 * fill it (any thread) and call {@link Delivery#signal(Mailbox)}; the delivery thread calls
 * {@link #drain()}, never two drains of one mailbox at once.
 *
 * <p>Subclasses time each listener call with {@link #timed(long)} so slow listeners show in the
 * health.
 */
public abstract class Mailbox {

    /** Set by producers, cleared by the delivery thread before it drains. */
    volatile boolean pending;

    /** The delivery that drains this mailbox, once registered. */
    volatile Delivery delivery;

    /** Creates a mailbox; register it with a {@link Delivery}. */
    protected Mailbox() {
    }

    /** Delivers what is waiting. Delivery thread only. */
    protected abstract void drain();

    /**
     * When the oldest undelivered message arrived.
     *
     * @return a {@link System#nanoTime()} value, or 0 when nothing waits
     */
    protected abstract long oldestUndeliveredNanos();

    /**
     * What this mailbox carries, for health and log messages.
     *
     * @return for example {@code "book BTC/USD"}
     */
    protected abstract String describe();

    /**
     * Asks the delivery thread to drain this mailbox. Any thread; allocation-free.
     */
    protected final void signal() {
        Delivery d = delivery;
        if (d != null) {
            d.signal(this);
        }
    }

    /**
     * Records how long a listener call took (call it after each one).
     *
     * @param startNanos {@link System#nanoTime()} taken before the call
     */
    protected final void timed(long startNanos) {
        Delivery d = delivery;
        if (d != null) {
            d.timed(this, System.nanoTime() - startNanos);
        }
    }
}
