package org.tradebench.connector.support.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Weights per window, slowing down before the limit, and the back-off of a 429 or 418. */
class RateLimitTrackerTest {

    private static final long MINUTE = 60_000;
    // 17:40:00 UTC on a day: windows align to the minute
    private static final long T0 = Instant.parse("2026-12-04T17:40:00Z").toEpochMilli();

    @Test
    void requestsWaitForTheNextWindowBeforeTheLimit() {
        RateLimitTracker t = new RateLimitTracker();
        t.define("REQUEST_WEIGHT", 6000, Duration.ofMinutes(1));
        assertEquals(0, t.delayMillis("REQUEST_WEIGHT", 10, T0 + 1000));
        t.spend("REQUEST_WEIGHT", 10, T0 + 1000);
        assertEquals(10, t.used("REQUEST_WEIGHT", T0 + 1000));
        // the exchange's header replaces the local count
        t.report("REQUEST_WEIGHT", 5395, T0 + 2000);
        assertEquals(0, t.delayMillis("REQUEST_WEIGHT", 5, T0 + 2000), "5400 is 90 %: still fine");
        assertEquals(MINUTE - 2000, t.delayMillis("REQUEST_WEIGHT", 6, T0 + 2000), "over 90 %: wait for the next minute");
        t.report("REQUEST_WEIGHT", 5500, T0 + 3000);
        assertEquals("slowing down: REQUEST_WEIGHT 5500 of 6000 per 60 s", t.describe(T0 + 3000, ZoneOffset.UTC));
        // the next window starts empty
        assertEquals(0, t.delayMillis("REQUEST_WEIGHT", 6, T0 + MINUTE));
        assertNull(t.describe(T0 + MINUTE, ZoneOffset.UTC));
        assertEquals(0, t.delayMillis("UNDEFINED", 1_000_000, T0));
    }

    @Test
    void aRefusalBlocksUntilRetryAfterAndSaysSo() {
        RateLimitTracker t = new RateLimitTracker();
        t.define("ORDERS", 100, Duration.ofSeconds(10));
        t.refused(429, 7, T0);
        assertEquals(7000, t.delayMillis("ORDERS", 1, T0));
        assertEquals("rate limited until 17:40:07 (429)", t.describe(T0, ZoneOffset.UTC));
        t.refused(418, 120, T0 + 1000);
        assertEquals("rate limited until 17:42:01 (418)", t.describe(T0 + 1000, ZoneOffset.UTC));
        // a shorter later one does not shorten the ban
        t.refused(429, 1, T0 + 2000);
        assertEquals(Instant.parse("2026-12-04T17:42:01Z"), t.blockedUntil(T0 + 2000));
        assertNull(t.blockedUntil(T0 + 121_000));
        assertNull(t.describe(T0 + 121_000, ZoneOffset.UTC));
        // no Retry-After: a minute for 429
        t.refused(429, -1, T0 + 200_000);
        assertEquals(60_000, t.delayMillis("ORDERS", 1, T0 + 200_000));
    }

    @Test
    void absurdLimitsAreRefused() {
        RateLimitTracker t = new RateLimitTracker();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.define("ORDERS", 0, Duration.ofSeconds(10)));
        assertEquals("rate limit ORDERS: 0 per PT10S", e.getMessage());
    }
}
