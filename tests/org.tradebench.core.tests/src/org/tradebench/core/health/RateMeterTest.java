package org.tradebench.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.tradebench.core.tests.AllocationMeter;

class RateMeterTest {

    private static final long SECOND = 1_000_000_000L;
    /** An arbitrary nanoTime origin, negative like nanoTime can be. */
    private static final long T0 = -7_123_456_789L;

    @Test
    void nothingMarkedIsZero() {
        RateMeter meter = new RateMeter(Duration.ofSeconds(10));
        assertEquals(0.0, meter.perSecond(T0));
        assertEquals(0, meter.total());
    }

    @Test
    void aSteadyRateIsMeasuredOverTheWindow() {
        RateMeter meter = new RateMeter(Duration.ofSeconds(10));
        // 100 per second for 30 seconds, evenly spaced, read now and then at odd moments once the
        // window has filled.
        int reads = 0;
        for (int i = 0; i < 3_000; i++) {
            long now = T0 + i * (SECOND / 100);
            meter.mark(now);
            if (i > 1_100 && i % 37 == 0) {
                assertEquals(100.0, meter.perSecond(now), 1.5, "at mark " + i);
                reads++;
            }
        }
        assertEquals(52, reads);
        assertEquals(3_000, meter.total());
    }

    @Test
    void theRateFallsToZeroAfterAQuietWindow() {
        RateMeter meter = new RateMeter(Duration.ofSeconds(5));
        for (int i = 0; i < 500; i++) {
            meter.mark(T0 + i * (SECOND / 100));
        }
        long end = T0 + 5 * SECOND;
        assertEquals(100.0, meter.perSecond(end), 2.0);
        assertEquals(50.0, meter.perSecond(end + 5 * SECOND / 2), 6.0, "half the window has been quiet");
        assertEquals(0.0, meter.perSecond(end + 6 * SECOND));
    }

    @Test
    void aBurstIsAveragedOverTheWindow() {
        RateMeter meter = new RateMeter(Duration.ofSeconds(10));
        for (int i = 0; i < 1_000; i++) {
            meter.mark(T0 + 20 * SECOND);
        }
        // 1000 messages in one instant, read 9 s later: still within the 10 s window.
        assertEquals(100.0, meter.perSecond(T0 + 29 * SECOND), 5.0);
    }

    @Test
    void marksOlderThanTheWindowAreIgnored() {
        RateMeter meter = new RateMeter(Duration.ofSeconds(1));
        meter.mark(T0 + 10 * SECOND);
        meter.mark(T0 + 5 * SECOND);
        assertEquals(1.0, meter.perSecond(T0 + 10 * SECOND + SECOND / 2), 0.1);
        assertEquals(2, meter.total(), "total counts every mark");
    }

    @Test
    void theWindowIsWholeSlots() {
        assertEquals(Duration.ofSeconds(5), new RateMeter(Duration.ofSeconds(5)).window());
        assertEquals(Duration.ofNanos(20), new RateMeter(Duration.ofNanos(39)).window());
        assertThrows(IllegalArgumentException.class, () -> new RateMeter(Duration.ofNanos(19)));
        assertThrows(IllegalArgumentException.class, () -> new RateMeter(Duration.ZERO));
    }

    @Test
    void marksFromManyThreadsAreAllCounted() throws Exception {
        RateMeter meter = new RateMeter(Duration.ofSeconds(60));
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 50_000; i++) {
                    meter.mark();
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(200_000, meter.total());
        double rate = meter.perSecond();
        assertTrue(rate > 0, "rate " + rate);
    }

    @Test
    void markingAllocatesNothing() {
        AllocationMeter allocations = new AllocationMeter();
        assumeTrue(allocations.isSupported(), "per-thread allocation not measurable");
        RateMeter meter = new RateMeter(Duration.ofSeconds(1));
        Runnable marks = () -> {
            for (int i = 0; i < 200_000; i++) {
                meter.mark(T0 + i * 100_000L);
            }
        };
        marks.run();
        long bytes = allocations.measure(marks);
        assertEquals(0, bytes / 1024, "200,000 marks allocated " + bytes + " bytes");
    }
}
