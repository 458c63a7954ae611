package org.tradebench.connector.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes, then fails with what was seen. */
public final class Await {

    /** How long the kit waits for anything by default. */
    public static final Duration DEFAULT = Duration.ofSeconds(15);

    private Await() {
    }

    /**
     * Waits up to {@link #DEFAULT}.
     *
     * @param condition what must become true
     * @param what what was awaited and what was seen, for the failure message
     */
    public static void until(BooleanSupplier condition, Supplier<String> what) {
        until(DEFAULT, condition, what);
    }

    /**
     * Waits.
     *
     * @param timeout how long at most
     * @param condition what must become true
     * @param what what was awaited and what was seen, for the failure message
     */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + timeout.toMillis() + " ms for: " + what.get());
            }
            sleep(10);
        }
    }

    /**
     * Sleeps, keeping the interrupt.
     *
     * @param millis how long
     */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
