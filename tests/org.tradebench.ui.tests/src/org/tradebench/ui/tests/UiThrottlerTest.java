package org.tradebench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.testing.Ui;

class UiThrottlerTest {

    private Shell shell;

    @BeforeEach
    void open() {
        shell = Ui.shell("throttler", 200, 100);
    }

    @AfterEach
    void close() {
        if (!shell.isDisposed()) {
            shell.dispose();
        }
        Ui.flush();
    }

    @Test
    void coalescesTenThousandSchedulesFromAnotherThreadIntoFewRunsAndShowsTheLastValue() throws Exception {
        AtomicLong latest = new AtomicLong();
        List<Long> seen = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        UiThrottler throttler = new UiThrottler(shell, Duration.ofMillis(20), () -> {
            threads.add(Thread.currentThread());
            seen.add(latest.get());
        });
        Thread connector = new Thread(() -> {
            for (int i = 1; i <= 10_000; i++) {
                latest.set(i); // the model: latest state only
                throttler.schedule();
                if (i % 1_000 == 0) {
                    Thread.onSpinWait();
                }
            }
        }, "connector");
        long start = System.nanoTime();
        connector.start();
        Ui.spinUntil("the last value to be shown", () -> !connector.isAlive() && !throttler.isPending()
                && !seen.isEmpty() && seen.get(seen.size() - 1) == 10_000, Duration.ofSeconds(10), seen::toString);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(seen.size() >= 1);
        // at most one run per 20 ms interval, plus the first (immediate) and the trailing one
        assertTrue(seen.size() <= elapsedMillis / 20 + 2,
                seen.size() + " runs in " + elapsedMillis + " ms is more than one per 20 ms");
        assertTrue(seen.size() < 100, "10,000 schedules must coalesce, ran " + seen.size() + " times");
        for (Thread t : threads) {
            assertSame(Display.getCurrent().getThread(), t, "ran off the display thread");
        }
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "values went backwards: " + seen);
        }
        assertEquals(seen.size(), throttler.runs());
    }

    @Test
    void runsAtMostOncePerIntervalUnderSustainedLoad() {
        AtomicInteger runs = new AtomicInteger();
        UiThrottler throttler = new UiThrottler(shell, Duration.ofMillis(50), runs::incrementAndGet);
        long start = System.nanoTime();
        long end = start + Duration.ofMillis(500).toNanos();
        while (System.nanoTime() < end) {
            throttler.schedule();
            Ui.display().readAndDispatch();
        }
        Ui.spinFor(Duration.ofMillis(80));
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        assertTrue(runs.get() >= 5, "expected about 10 runs in 500 ms, got " + runs.get());
        assertTrue(runs.get() <= elapsed / 50 + 2, runs.get() + " runs in " + elapsed + " ms");
    }

    @Test
    void firstScheduleRunsPromptlyWhenIdle() {
        AtomicInteger runs = new AtomicInteger();
        UiThrottler throttler = new UiThrottler(shell, Duration.ofMillis(1000), runs::incrementAndGet);
        long start = System.nanoTime();
        throttler.schedule();
        Ui.spinUntil("one run", () -> runs.get() == 1, Duration.ofSeconds(2));
        assertTrue(System.nanoTime() - start < Duration.ofMillis(500).toNanos(),
                "an idle throttler must not wait a full interval before the first run");
    }

    @Test
    void stopsRunningOnceTheOwnerIsDisposed() {
        AtomicInteger runs = new AtomicInteger();
        UiThrottler throttler = new UiThrottler(shell, Duration.ofMillis(16), runs::incrementAndGet);
        throttler.schedule();
        shell.dispose();
        Ui.spinFor(Duration.ofMillis(100));
        throttler.schedule();
        Ui.spinFor(Duration.ofMillis(100));
        assertEquals(0, runs.get());
    }

    @Test
    void cancelDropsThePendingRunAndLaterSchedules() {
        AtomicInteger runs = new AtomicInteger();
        UiThrottler throttler = new UiThrottler(Ui.display(), Duration.ofMillis(16), runs::incrementAndGet);
        throttler.schedule();
        throttler.cancel();
        throttler.schedule();
        Ui.spinFor(Duration.ofMillis(100));
        assertEquals(0, runs.get());
        assertFalse(throttler.runs() > 0);
    }

    @Test
    void rejectsIntervalsOutsideOneFrameToOneSecond() {
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> new UiThrottler(shell, Duration.ofMillis(1), () -> {
                }));
        assertEquals("throttle interval must be 16 ms to 1000 ms, was 1 ms", tooShort.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UiThrottler(shell, Duration.ofSeconds(5), () -> {
        }));
    }
}
