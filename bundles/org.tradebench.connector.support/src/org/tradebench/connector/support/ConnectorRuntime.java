package org.tradebench.connector.support;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The threads and the lock of one connector.
 *
 * <ul>
 * <li>The <b>lock</b> ({@link #lock()}) guards the connector's mutable state: protocol state,
 * channel tables, books, subscriptions, orders, health facts. Frames are processed on the network
 * reader that received them, holding the lock for as long as one frame takes (no queue between the
 * socket and the decoder, so nothing piles up unseen and the receive time is the arrival time);
 * every control task runs holding it too.</li>
 * <li>The <b>control thread</b> ({@code <name>-connector}, {@link #execute}, {@link #schedule},
 * {@link #every}) runs what is not a frame: subscribe and unsubscribe requests from the API, socket
 * life-cycle events, timers, REST answers.</li>
 * <li>The <b>delivery thread</b> ({@link #delivery()}) calls listeners and completes futures, so
 * neither the reader nor the control thread waits for a view.</li>
 * </ul>
 *
 * <pre>{@code
 * ConnectorRuntime rt = ConnectorRuntime.start("bitfinex");
 * rt.execute(() -> topics.subscribe(request));         // control thread, under the lock
 * // on a Jetty reader thread, for each frame:
 * synchronized (rt.lock()) {
 *     decoder.decode(buffer, offset, length, receivedNanos);
 * }
 * rt.every(Duration.ofSeconds(1), health::tick);
 * }</pre>
 *
 * <p>An inline runtime ({@link #inline(String)}) has no threads: {@link #execute} runs the task at
 * once on the caller, timers never fire, delivery is inline. Stream decoders and replays run the
 * connector's live code on it, one frame at a time on the caller's thread.
 *
 * <p>Thread-safe. A task that throws is logged; the thread carries on.
 */
public final class ConnectorRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConnectorRuntime.class.getName());

    private final String name;
    private final Object lock = new Object();
    private final ScheduledThreadPoolExecutor control;
    private final Delivery delivery;
    private volatile Thread controlThread;

    private ConnectorRuntime(String name, boolean inline) {
        this.name = Objects.requireNonNull(name, "name");
        if (inline) {
            this.control = null;
            this.delivery = Delivery.inline(name);
        } else {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, name + "-connector");
                t.setDaemon(true);
                controlThread = t;
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            this.control = executor;
            this.delivery = Delivery.start(name);
        }
    }

    /**
     * Starts a runtime with a control thread and a delivery thread.
     *
     * @param name the connector's short name, for thread names: {@code bitfinex}
     * @return the runtime
     */
    public static ConnectorRuntime start(String name) {
        return new ConnectorRuntime(name, false);
    }

    /**
     * A runtime without threads: tasks run at once on the caller, timers never fire, listeners are
     * called on the caller.
     *
     * @param name the connector's short name
     * @return the runtime
     */
    public static ConnectorRuntime inline(String name) {
        return new ConnectorRuntime(name, true);
    }

    /**
     * The connector's name.
     *
     * @return for example {@code bitfinex}
     */
    public String name() {
        return name;
    }

    /**
     * The lock that guards the connector's state.
     *
     * @return the lock object (use {@code synchronized})
     */
    public Object lock() {
        return lock;
    }

    /**
     * Whether this runtime runs everything on the caller.
     *
     * @return true for {@link #inline(String)}
     */
    public boolean isInline() {
        return control == null;
    }

    /**
     * The delivery thread.
     *
     * @return the delivery
     */
    public Delivery delivery() {
        return delivery;
    }

    /**
     * Whether the caller is the control thread (for an inline runtime: always).
     *
     * @return true on the control thread
     */
    public boolean isControlThread() {
        return control == null || Thread.currentThread() == controlThread;
    }

    /**
     * Runs a task on the control thread under the lock, after everything queued before it.
     *
     * @param task the task
     */
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (control == null) {
            locked(task);
            return;
        }
        try {
            control.execute(() -> locked(task));
        } catch (RejectedExecutionException e) {
            // closed: nothing to do
        }
    }

    /**
     * Runs a task once after a delay, on the control thread under the lock.
     *
     * @param delay the delay
     * @param task the task
     * @return its future, or null when closed or inline
     */
    public ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        if (control == null) {
            return null;
        }
        try {
            return control.schedule(() -> locked(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /**
     * Runs a task repeatedly, on the control thread under the lock.
     *
     * @param period the period
     * @param task the task
     * @return its future, or null when closed or inline
     */
    public ScheduledFuture<?> every(Duration period, Runnable task) {
        if (control == null) {
            return null;
        }
        try {
            long p = Math.max(1_000_000, period.toNanos());
            return control.scheduleAtFixedRate(() -> locked(task), p, p, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /**
     * Runs a task on the control thread under the lock and waits for its result (tests and
     * diagnostics; never from the control or the delivery thread).
     *
     * @param <T> result type
     * @param task the task
     * @return its result
     * @throws IllegalStateException when the runtime is closed, the task failed or took over 10 s
     */
    public <T> T call(Callable<T> task) {
        if (control == null || isControlThread()) {
            synchronized (lock) {
                try {
                    return task.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        Future<T> f;
        try {
            f = control.submit(() -> {
                synchronized (lock) {
                    return task.call();
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the " + name + " connector is closed", e);
        }
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the " + name + " connector thread did not answer within 10 s");
        }
    }

    private void locked(Runnable task) {
        synchronized (lock) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a " + name + " connector task failed; the connector carries on", e);
            }
        }
    }

    /**
     * Stops both threads: the control thread finishes the task it runs (queued ones are dropped),
     * the delivery thread delivers what is queued (closing states included) first.
     */
    @Override
    public void close() {
        if (control != null) {
            control.shutdownNow();
            if (!isControlThread()) {
                try {
                    control.awaitTermination(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        delivery.close();
    }

    @Override
    public String toString() {
        return "ConnectorRuntime[" + name + (control == null ? ", inline" : "") + "]";
    }
}
