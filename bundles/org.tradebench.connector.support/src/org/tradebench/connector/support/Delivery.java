package org.tradebench.connector.support;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The connector's delivery thread: it calls listeners and completes futures, so that neither the
 * network reader nor the connector's control thread ever waits for a view.
 *
 * <p>Producers (the reader, the control thread) put data into a {@link Mailbox} and
 * {@link #signal(Mailbox) signal} it; the delivery thread drains signalled mailboxes one at a time,
 * so callbacks of one subscription never overlap and arrive in order. Signalling allocates
 * nothing: a volatile flag per mailbox, and an unpark only when the delivery thread is asleep. The
 * thread spins briefly before it parks, so a busy stream does not pay a wake-up per message.
 *
 * <p>Every callback is timed; one over {@link #SLOW_CALLBACK_NANOS} counts as slow and shows in the
 * connection health with the subscription's name. The lag of the oldest undelivered message is
 * measured on demand ({@link #queueLagNanos()}).
 *
 * <p>An inline delivery ({@link #inline(String)}) drains a mailbox on the signalling thread at once:
 * decoders, replays and deterministic tests use it.
 *
 * <pre>{@code
 * Delivery delivery = Delivery.start("bitfinex");
 * delivery.register(subscription);          // a Mailbox
 * subscription.offer(trade);                // producer side, any thread
 * delivery.signal(subscription);            // the delivery thread calls the listener
 * delivery.complete(future, order);         // completes on the delivery thread
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Delivery implements AutoCloseable {

    /** A callback longer than this (5 ms) is slow. */
    public static final long SLOW_CALLBACK_NANOS = 5_000_000L;

    private static final System.Logger LOG = System.getLogger(Delivery.class.getName());
    /**
     * How long the delivery thread spins for more work before it parks. Spinning saves the wake-up
     * (some microseconds) when updates come in quick succession, but a spinning thread takes a core:
     * with few cores it takes it from the network reader, so there it does not spin at all
     * (property {@code tradebench.delivery.spinMicros} overrides).
     */
    private static final long SPIN_NANOS = Long.getLong("tradebench.delivery.spinMicros",
            Runtime.getRuntime().availableProcessors() > 4 ? 50 : 0) * 1_000L;

    private final String name;
    private final boolean inline;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Object registrationLock = new Object();
    private volatile Mailbox[] mailboxes = new Mailbox[0];
    private volatile boolean sleeping;
    private volatile boolean closed;

    private final AtomicLong slowCallbacks = new AtomicLong();
    private volatile String lastSlow = "";
    private volatile long maxCallbackNanos;

    private Delivery(String name, boolean inline) {
        this.name = Objects.requireNonNull(name, "name");
        this.inline = inline;
        if (inline) {
            this.thread = null;
        } else {
            Thread t = new Thread(this::loop, name + "-delivery");
            t.setDaemon(true);
            this.thread = t;
        }
    }

    /**
     * Starts a delivery thread named {@code <name>-delivery}.
     *
     * @param name the connector's short name
     * @return the running delivery
     */
    public static Delivery start(String name) {
        Delivery d = new Delivery(name, false);
        d.thread.start();
        return d;
    }

    /**
     * A delivery that runs every callback on the signalling thread, at once.
     *
     * @param name the connector's short name
     * @return the delivery
     */
    public static Delivery inline(String name) {
        return new Delivery(name, true);
    }

    /**
     * Whether callbacks run on the signalling thread.
     *
     * @return true for {@link #inline(String)}
     */
    public boolean isInline() {
        return inline;
    }

    /**
     * Whether the caller runs on the delivery thread.
     *
     * @return true on the delivery thread (always true for an inline delivery)
     */
    public boolean isDeliveryThread() {
        return inline || Thread.currentThread() == thread;
    }

    /**
     * Adds a mailbox to the ones this thread drains.
     *
     * @param mailbox the mailbox
     */
    public void register(Mailbox mailbox) {
        Objects.requireNonNull(mailbox, "mailbox");
        synchronized (registrationLock) {
            Mailbox[] now = mailboxes;
            for (Mailbox m : now) {
                if (m == mailbox) {
                    return;
                }
            }
            Mailbox[] next = Arrays.copyOf(now, now.length + 1);
            next[now.length] = mailbox;
            mailboxes = next;
        }
        mailbox.delivery = this;
    }

    /**
     * Stops draining a mailbox (after it delivered what it holds, when it is drained next).
     *
     * @param mailbox the mailbox
     */
    public void unregister(Mailbox mailbox) {
        synchronized (registrationLock) {
            Mailbox[] now = mailboxes;
            int at = -1;
            for (int i = 0; i < now.length; i++) {
                if (now[i] == mailbox) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return;
            }
            Mailbox[] next = new Mailbox[now.length - 1];
            System.arraycopy(now, 0, next, 0, at);
            System.arraycopy(now, at + 1, next, at, now.length - at - 1);
            mailboxes = next;
        }
    }

    /**
     * Says a mailbox has something to deliver. Any thread; allocation-free.
     *
     * @param mailbox a registered mailbox
     */
    public void signal(Mailbox mailbox) {
        if (inline) {
            mailbox.pending = false;
            drain(mailbox);
            return;
        }
        mailbox.pending = true;
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Runs a task on the delivery thread, after the tasks queued before it (for an inline delivery:
     * now).
     *
     * @param task the task
     */
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (inline) {
            runSafely(task);
            return;
        }
        if (closed) {
            return;
        }
        tasks.add(task);
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Completes a future on the delivery thread (after {@link #close()}, on the caller's thread:
     * a future must complete even when the connector is gone).
     *
     * @param <T> the value type
     * @param future the future
     * @param value the value
     */
    public <T> void complete(CompletableFuture<T> future, T value) {
        if (closed && !inline) {
            future.complete(value); // no delivery thread any more: every future still completes
            return;
        }
        execute(() -> future.complete(value));
    }

    /**
     * Completes a future exceptionally on the delivery thread (after {@link #close()}, on the
     * caller's thread).
     *
     * @param <T> the value type
     * @param future the future
     * @param failure the failure (its message is for people)
     */
    public <T> void fail(CompletableFuture<T> future, Throwable failure) {
        if (closed && !inline) {
            future.completeExceptionally(failure); // no delivery thread any more: every future still completes
            return;
        }
        execute(() -> future.completeExceptionally(failure));
    }

    /**
     * Callbacks that took longer than {@link #SLOW_CALLBACK_NANOS} so far.
     *
     * @return the count
     */
    public long slowCallbacks() {
        return slowCallbacks.get();
    }

    /**
     * The latest slow callback, for people.
     *
     * @return for example {@code "book BTC/USD listener took 12 ms"}, or empty
     */
    public String lastSlowCallback() {
        return lastSlow;
    }

    /**
     * The longest callback so far.
     *
     * @return nanoseconds
     */
    public long maxCallbackNanos() {
        return maxCallbackNanos;
    }

    /**
     * How long the oldest message still waiting for its listener has waited.
     *
     * @return nanoseconds, 0 when every listener is up to date
     */
    public long queueLagNanos() {
        long now = System.nanoTime();
        long worst = 0;
        for (Mailbox m : mailboxes) {
            long oldest = m.oldestUndeliveredNanos();
            if (oldest != 0) {
                worst = Math.max(worst, now - oldest);
            }
        }
        return worst;
    }

    /** Records one callback's duration (mailboxes call it around every listener call). */
    void timed(Mailbox mailbox, long nanos) {
        if (nanos > maxCallbackNanos) {
            maxCallbackNanos = nanos;
        }
        if (nanos > SLOW_CALLBACK_NANOS) {
            slowCallbacks.incrementAndGet();
            String what = mailbox.describe() + " listener took " + nanos / 1_000_000 + " ms";
            lastSlow = what;
            LOG.log(Level.DEBUG, () -> name + ": slow " + what);
        }
    }

    /**
     * Stops the thread after it delivered what is queued now (waits up to a second for that,
     * unless called on the delivery thread itself).
     */
    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            LockSupport.unpark(thread);
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    // ---------------------------------------------------------------- the delivery thread

    private void loop() {
        long idleSince = 0;
        while (!closed) {
            boolean worked = runOnce();
            if (worked) {
                idleSince = 0;
                continue;
            }
            long now = System.nanoTime();
            if (idleSince == 0) {
                idleSince = now;
            }
            if (now - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
                continue;
            }
            sleeping = true;
            if (!hasWork()) {
                LockSupport.park(this);
            }
            sleeping = false;
            idleSince = 0;
        }
        runOnce(); // what was queued before close
        tasks.clear();
    }

    private boolean runOnce() {
        boolean worked = false;
        Runnable task;
        while ((task = tasks.poll()) != null) {
            runSafely(task);
            worked = true;
        }
        Mailbox[] all = mailboxes;
        for (Mailbox m : all) {
            if (m.pending) {
                m.pending = false;
                drain(m);
                worked = true;
            }
        }
        return worked;
    }

    private boolean hasWork() {
        if (!tasks.isEmpty() || closed) {
            return true;
        }
        for (Mailbox m : mailboxes) {
            if (m.pending) {
                return true;
            }
        }
        return false;
    }

    private void drain(Mailbox m) {
        try {
            m.drain();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + ": delivering " + m.describe() + " failed; it carries on", e);
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + ": a delivery task failed; delivery carries on", e);
        }
    }

    @Override
    public String toString() {
        return "Delivery[" + name + (inline ? ", inline" : "") + ", " + mailboxes.length + " mailboxes]";
    }
}
