package org.tradebench.connector.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting in tests without sleeping as an assertion: a condition is polled until it holds or a
 * generous deadline passes (the deadline only stops a broken test from hanging; nothing asserts
 * how fast anything was).
 */
public final class Await {

    /** Long enough for a loaded build machine; a passing test never waits for it. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Await() {
    }

    /**
     * Waits until a condition holds.
     *
     * @param condition the condition
     * @param what what is awaited, for the failure message
     */
    public static void until(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + TIMEOUT.toSeconds() + " s: " + what.get());
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * Waits for a latch.
     *
     * @param latch the latch
     * @param what what is awaited
     */
    public static void latch(CountDownLatch latch, String what) {
        try {
            if (!latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("not within " + TIMEOUT.toSeconds() + " s: " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted waiting for " + what);
        }
    }

    /**
     * Waits until a thread is blocked or waiting (for example on a monitor a callback holds).
     *
     * @param thread the thread
     */
    public static void blocked(Thread thread) {
        until(() -> {
            Thread.State s = thread.getState();
            return s == Thread.State.BLOCKED || s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
        }, () -> thread.getName() + " blocked, is " + thread.getState());
    }

    /**
     * Waits until everything queued on the runtime's control thread ran, and then until the
     * delivery thread drained every mailbox signalled and ran every task queued by then.
     *
     * @param runtime the runtime (not inline)
     */
    public static void quiet(ConnectorRuntime runtime) {
        runtime.call(() -> null);
        delivered(runtime.delivery());
    }

    /**
     * {@link #quiet} twice: for callbacks that queue control tasks (subscribe, close) which in
     * turn signal the delivery thread.
     *
     * @param runtime the runtime (not inline)
     */
    public static void settled(ConnectorRuntime runtime) {
        quiet(runtime);
        quiet(runtime);
    }

    /**
     * Waits until the delivery thread drained every mailbox signalled and ran every task queued
     * before this call. A barrier mailbox drains three times (signalling itself again twice): the
     * round of its second drain starts after the call, so whatever was pending then was drained in
     * that round, which is over when the third drain runs.
     *
     * @param delivery the delivery (not inline)
     */
    public static void delivered(Delivery delivery) {
        CountDownLatch done = new CountDownLatch(1);
        Mailbox barrier = new Mailbox() {
            private int drains;

            @Override
            protected void drain() {
                if (++drains < 3) {
                    signal();
                } else {
                    done.countDown();
                }
            }

            @Override
            protected long oldestUndeliveredNanos() {
                return 0;
            }

            @Override
            protected String describe() {
                return "test barrier";
            }
        };
        delivery.register(barrier);
        delivery.signal(barrier);
        latch(done, "the delivery thread to drain what was signalled");
        delivery.unregister(barrier);
    }
}
