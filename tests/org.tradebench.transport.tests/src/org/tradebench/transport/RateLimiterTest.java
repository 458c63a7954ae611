package org.tradebench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private RateLimiter limiter(int permits, Duration period, int burst) {
        return new RateLimiter("test", permits, period, burst, clock::get);
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    @Test
    void twentyPerMinuteAllowsABurstOfTwentyThenOneEveryThreeSeconds() {
        RateLimiter l = limiter(20, Duration.ofMinutes(1), 20);
        for (int i = 0; i < 20; i++) {
            assertTrue(l.tryAcquire(), "permit " + (i + 1));
        }
        assertFalse(l.tryAcquire());
        assertEquals(Duration.ofSeconds(3), l.timeUntilNextPermit());
        advance(Duration.ofMillis(2999));
        assertFalse(l.tryAcquire());
        assertEquals(Duration.ofMillis(1), l.timeUntilNextPermit());
        advance(Duration.ofMillis(1));
        assertTrue(l.tryAcquire());
        assertFalse(l.tryAcquire());
    }

    @Test
    void reservationsQueueBehindEachOther() {
        RateLimiter l = limiter(20, Duration.ofMinutes(1), 1);
        assertEquals(0, l.reserve(Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(3).toNanos(), l.reserve(Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(6).toNanos(), l.reserve(Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(9).toNanos(), l.reserve(Duration.ofSeconds(10)));
        // The next one would wait 12 s: refused, and nothing is booked.
        assertEquals(-1, l.reserve(Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(12), l.timeUntilNextPermit());
        assertEquals(-3, l.availablePermits());
        advance(Duration.ofSeconds(12));
        assertTrue(l.tryAcquire());
    }

    @Test
    void idleTimeRefillsOnlyUpToTheBurst() {
        RateLimiter l = limiter(10, Duration.ofSeconds(1), 5);
        for (int i = 0; i < 5; i++) {
            assertTrue(l.tryAcquire());
        }
        assertFalse(l.tryAcquire());
        advance(Duration.ofDays(365));
        assertEquals(5, l.availablePermits());
        advance(Duration.ofMillis(100));
        assertEquals(5, l.availablePermits());
    }

    @Test
    void periodsThatDoNotDivideEvenlyStayExact() {
        RateLimiter l = limiter(3, Duration.ofSeconds(1), 2); // one permit every 333.33 ms
        assertTrue(l.tryAcquire());
        assertTrue(l.tryAcquire());
        assertEquals(333_333_334, l.timeUntilNextPermit().toNanos()); // rounded up, never early
        int granted = 0;
        for (int ms = 1; ms <= 10_000; ms++) { // polled every millisecond for 10 s: exactly 30, no drift
            advance(Duration.ofMillis(1));
            if (l.tryAcquire()) {
                granted++;
            }
        }
        assertEquals(30, granted);
        assertFalse(l.tryAcquire());
    }

    @Test
    void unlimitedAlwaysGrants() {
        RateLimiter u = RateLimiter.unlimited();
        for (int i = 0; i < 1000; i++) {
            assertTrue(u.tryAcquire());
        }
        assertEquals(Duration.ZERO, u.timeUntilNextPermit());
        assertEquals(0, u.reserve(Duration.ZERO));
    }

    @Test
    void concurrentCallersNeverGetMoreThanTheBurst() throws Exception {
        RateLimiter l = limiter(100, Duration.ofHours(1), 100);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 1000; i++) {
                    if (l.tryAcquire()) {
                        granted.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(100, granted.get());
    }

    @Test
    void acquireSleepsUntilThePermitIsDue() throws Exception {
        RateLimiter real = RateLimiter.of("real", 1, Duration.ofMillis(200));
        assertTrue(real.tryAcquire());
        long start = System.nanoTime();
        real.acquire();
        long waited = System.nanoTime() - start;
        assertTrue(waited >= Duration.ofMillis(190).toNanos(), "waited " + waited + " ns");
        assertFalse(real.tryAcquire(Duration.ofMillis(50)));
    }
}
