package org.tradebench.cli.live;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * When a live command ({@code record}, {@code stream}) ends: after its duration, or when the user
 * interrupts it (Ctrl-C). The command then closes its connector and prints its summary, and says
 * {@link #finished()} so that a shutdown waiting for it may go on.
 *
 * <pre>{@code
 * StopSignal stop = StopSignal.onShutdown(Duration.ofSeconds(10));
 * try {
 *     boolean interrupted = stop.await(Duration.ofMinutes(5));   // null: until interrupted
 *     closeAndSummarise();
 * } finally {
 *     stop.finished();
 * }
 * }</pre>
 *
 * <p>Implemented by this bundle and by tests (which end a run when their fake connector has
 * delivered its script). {@link #await} is called by the command's thread; {@link #finished()}
 * once, at the end.
 */
public interface StopSignal {

    /**
     * Waits for the end of the run.
     *
     * @param limit how long at most, or null for no limit
     * @return true when the user asked to stop, false when the limit passed
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean await(Duration limit) throws InterruptedException;

    /** The command has closed everything and printed what it prints at the end. */
    void finished();

    /**
     * A signal raised by the JVM's shutdown (Ctrl-C, SIGTERM): a shutdown hook stops the run and
     * waits up to {@code grace} for the command to finish, so that its summary is printed and its
     * file completed before the process ends. The hook is registered now and removed by
     * {@link #finished()}.
     *
     * @param grace how long a shutdown waits for the command
     * @return the signal
     */
    static StopSignal onShutdown(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tradebench-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return new StopSignal() {
            @Override
            public boolean await(Duration limit) throws InterruptedException {
                if (limit == null) {
                    stop.await();
                    return true;
                }
                return stop.await(limit.toNanos(), TimeUnit.NANOSECONDS);
            }

            @Override
            public void finished() {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the shutdown is under way: the hook sees done and returns
                }
            }
        };
    }
}
