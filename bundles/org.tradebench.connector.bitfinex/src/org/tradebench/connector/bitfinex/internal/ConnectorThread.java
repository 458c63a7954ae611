package org.tradebench.connector.bitfinex.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The connector's own thread ({@code bitfinex-connector}): every piece of mutable connector state
 * (decoders, books, subscriptions, orders, health) is confined to it, and every API callback runs
 * on it. Jetty and timer threads only hand work over with {@link #execute(Runnable)}; FIFO order
 * keeps frames of one socket in order.
 *
 * <pre>{@code
 * ConnectorThread thread = new ConnectorThread("bitfinex-connector");
 * thread.execute(() -> decoder.decode(frame));
 * thread.every(Duration.ofSeconds(1), this::checkStaleness);
 * }</pre>
 *
 * <p>Thread-safe. A task that throws is logged; the thread carries on.
 */
public final class ConnectorThread implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConnectorThread.class.getName());

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    /**
     * Starts the thread.
     *
     * @param name the thread name
     */
    public ConnectorThread(String name) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Whether the caller runs on this thread. */
    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs a task on the thread, after everything queued before it.
     *
     * @param task the task
     */
    public void execute(Runnable task) {
        try {
            executor.execute(() -> safely(task));
        } catch (RejectedExecutionException e) {
            // closed: nothing to do
        }
    }

    /**
     * Runs a task once after a delay.
     *
     * @param delay the delay
     * @param task the task
     * @return its future, or null when closed
     */
    public ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        try {
            return executor.schedule(() -> safely(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /**
     * Runs a task repeatedly.
     *
     * @param period the period
     * @param task the task
     * @return its future, or null when closed
     */
    public ScheduledFuture<?> every(Duration period, Runnable task) {
        try {
            long p = Math.max(1_000_000, period.toNanos());
            return executor.scheduleAtFixedRate(() -> safely(task), p, p, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /**
     * Runs a task on the thread and waits for its result (tests and diagnostics; never from the
     * thread itself).
     *
     * @param <T> result type
     * @param task the task
     * @return its result
     * @throws IllegalStateException when the thread is closed, the task failed or took over 10 s
     */
    public <T> T call(Callable<T> task) {
        if (isCurrent()) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Future<T> f;
        try {
            f = executor.submit(task);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the Bitfinex connector is closed", e);
        }
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Bitfinex connector thread did not answer within 10 s");
        }
    }

    private static void safely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a Bitfinex connector task failed; the connector carries on", e);
        }
    }

    /** Stops the thread; queued tasks are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
