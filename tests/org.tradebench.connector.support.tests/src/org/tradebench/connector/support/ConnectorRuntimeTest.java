package org.tradebench.connector.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime's threads and lock: control tasks run one at a time, in order, on
 * {@code <name>-connector} holding the lock; timers too; {@link ConnectorRuntime#call} waits for
 * its answer; a failing task is logged and the thread carries on; closing stops both threads after
 * the delivery thread delivered what was queued; the inline runtime does everything on the caller.
 */
class ConnectorRuntimeTest {

    private final ConnectorRuntime runtime = ConnectorRuntime.start("rttest");

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void controlAndDeliveryThreadsAreNamedAfterTheConnector() {
        AtomicReference<String> control = new AtomicReference<>();
        AtomicReference<String> delivery = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(2);
        runtime.execute(() -> {
            control.set(Thread.currentThread().getName());
            done.countDown();
        });
        runtime.delivery().execute(() -> {
            delivery.set(Thread.currentThread().getName());
            done.countDown();
        });
        Await.latch(done, "both threads");
        assertEquals("rttest-connector", control.get());
        assertEquals("rttest-delivery", delivery.get());
        assertEquals("rttest", runtime.name());
        assertFalse(runtime.isInline());
        assertEquals("ConnectorRuntime[rttest]", runtime.toString());
    }

    @Test
    void executeRunsTasksInOrderOnTheControlThreadHoldingTheLock() {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 1_000; i++) {
            int n = i;
            runtime.execute(() -> {
                if (!Thread.holdsLock(runtime.lock())) {
                    problems.add("task " + n + " ran without the lock");
                }
                if (!runtime.isControlThread()) {
                    problems.add("task " + n + " ran on " + Thread.currentThread().getName());
                }
                order.add(n);
            });
        }
        runtime.call(() -> null);
        assertEquals(List.of(), problems);
        assertEquals(1_000, order.size());
        for (int i = 0; i < 1_000; i++) {
            assertEquals(i, order.get(i));
        }
        assertFalse(runtime.isControlThread(), "the test thread is not the control thread");
    }

    @Test
    void scheduledAndRepeatingTasksRunOnTheControlThreadHoldingTheLock() {
        CountDownLatch once = new CountDownLatch(1);
        AtomicReference<String> onceThread = new AtomicReference<>();
        AtomicInteger locked = new AtomicInteger();
        ScheduledFuture<?> single = runtime.schedule(Duration.ofMillis(5), () -> {
            onceThread.set(Thread.currentThread().getName());
            if (Thread.holdsLock(runtime.lock())) {
                locked.incrementAndGet();
            }
            once.countDown();
        });
        CountDownLatch thrice = new CountDownLatch(3);
        ScheduledFuture<?> repeating = runtime.every(Duration.ofMillis(2), () -> {
            if (Thread.holdsLock(runtime.lock()) && runtime.isControlThread()) {
                locked.incrementAndGet();
            }
            thrice.countDown();
        });
        Await.latch(once, "the scheduled task");
        Await.latch(thrice, "three runs of the repeating task");
        repeating.cancel(false);
        assertEquals("rttest-connector", onceThread.get());
        assertTrue(single.isDone());
        assertTrue(locked.get() >= 4, "every run held the lock on the control thread: " + locked.get());
    }

    @Test
    void callReturnsTheResultAndRethrowsWhatTheTaskThrew() {
        assertEquals("rttest-connector", runtime.call(() -> Thread.currentThread().getName()));
        assertTrue(runtime.call(() -> Thread.holdsLock(runtime.lock())));

        IllegalArgumentException unchecked = assertThrows(IllegalArgumentException.class,
                () -> runtime.call(() -> {
                    throw new IllegalArgumentException("bad request");
                }));
        assertEquals("bad request", unchecked.getMessage());

        IllegalStateException checked = assertThrows(IllegalStateException.class, () -> runtime.call(() -> {
            throw new IOException("socket gone");
        }));
        assertEquals("socket gone", checked.getCause().getMessage());
    }

    @Test
    void callFromTheControlThreadRunsAtOnceInsteadOfWaitingForItself() {
        assertEquals("inner", runtime.call(() -> runtime.call(() -> "inner")));
    }

    @Test
    void aFailingTaskIsLoggedAndTheControlThreadCarriesOn() {
        try (LogCapture log = LogCapture.of(ConnectorRuntime.class)) {
            runtime.execute(() -> {
                throw new IllegalStateException("decoder bug");
            });
            assertEquals("still here", runtime.call(() -> "still here"));
            List<String> lines = log.lines();
            assertEquals(1, lines.size(), lines.toString());
            assertEquals("WARNING a rttest connector task failed; the connector carries on"
                    + " | java.lang.IllegalStateException: decoder bug", lines.get(0));
        }
    }

    @Test
    void closeDeliversWhatWasQueuedAndStopsBothThreads() {
        AtomicReference<Thread> control = new AtomicReference<>();
        AtomicReference<Thread> delivery = new AtomicReference<>();
        runtime.call(() -> {
            control.set(Thread.currentThread());
            return null;
        });
        CountDownLatch hold = new CountDownLatch(1);
        List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());
        runtime.delivery().execute(() -> {
            delivery.set(Thread.currentThread());
            Await.latch(hold, "the test to queue more");
        });
        for (int i = 0; i < 100; i++) {
            int n = i;
            runtime.delivery().execute(() -> delivered.add(n));
        }
        CompletableFuture<String> future = new CompletableFuture<>();
        runtime.delivery().complete(future, "closing state");
        Await.until(() -> delivery.get() != null, () -> "the delivery thread to start the first task");
        hold.countDown();

        runtime.close();

        Await.until(() -> !control.get().isAlive(), () -> "the control thread to end");
        assertFalse(delivery.get().isAlive(), "delivery thread stopped");
        assertEquals(100, delivered.size(), "what was queued before close was delivered");
        assertEquals("closing state", future.getNow(null));

        AtomicInteger after = new AtomicInteger();
        runtime.execute(after::incrementAndGet);
        runtime.delivery().execute(after::incrementAndGet);
        assertNull(runtime.schedule(Duration.ZERO, after::incrementAndGet));
        assertNull(runtime.every(Duration.ofMillis(1), after::incrementAndGet));
        assertEquals(0, after.get(), "nothing runs after close");
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> runtime.call(() -> 1));
        assertEquals("the rttest connector is closed", closed.getMessage());
    }

    @Test
    void inlineRuntimeRunsTasksOnTheCallerUnderTheLockAndNeverFiresTimers() {
        try (ConnectorRuntime inline = ConnectorRuntime.inline("replay")) {
            assertTrue(inline.isInline());
            assertTrue(inline.isControlThread());
            assertTrue(inline.delivery().isInline());
            assertTrue(inline.delivery().isDeliveryThread());
            assertEquals("ConnectorRuntime[replay, inline]", inline.toString());

            Thread caller = Thread.currentThread();
            List<String> ran = new ArrayList<>();
            inline.execute(() -> ran.add("execute on caller=" + (Thread.currentThread() == caller) + " locked="
                    + Thread.holdsLock(inline.lock())));
            assertEquals(List.of("execute on caller=true locked=true"), ran, "ran before execute returned");

            assertNull(inline.schedule(Duration.ZERO, () -> ran.add("timer")));
            assertNull(inline.every(Duration.ofMillis(1), () -> ran.add("timer")));
            assertEquals(42, inline.call(() -> 42));

            CompletableFuture<String> f = new CompletableFuture<>();
            inline.delivery().complete(f, "now");
            assertEquals("now", f.getNow(null), "an inline delivery completes at once");
            inline.delivery().execute(() -> ran.add("delivery"));
            assertEquals(List.of("execute on caller=true locked=true", "delivery"), ran);
        }
    }

    @Test
    void lockIsOneObjectForTheRuntimesLife() {
        assertSame(runtime.lock(), runtime.lock());
        assertSame(runtime.lock(), runtime.call(runtime::lock));
    }
}
