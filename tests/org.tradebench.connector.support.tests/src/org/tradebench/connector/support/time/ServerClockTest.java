package org.tradebench.connector.support.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The server clock: the offset from the sample with the shortest round trip, and the skew named. */
class ServerClockTest {

    @Test
    void theOffsetComesFromTheShortestRoundTrip() {
        AtomicLong now = new AtomicLong(1_000_000);
        ServerClock clock = new ServerClock(now::get);
        assertFalse(clock.synced());
        assertEquals(1_000_000, clock.serverMillis());
        // a slow sample: the answer's time could be anywhere in 400 ms
        clock.sample(1_000_000, 1_003_500, 1_000_400);
        assertEquals(3_300, clock.offsetMillis());
        // a fast one wins
        clock.sample(1_001_000, 1_004_012, 1_001_020);
        assertEquals(3_002, clock.offsetMillis());
        assertEquals(20, clock.roundTripMillis());
        // a later slow one does not replace it
        clock.sample(1_002_000, 1_009_000, 1_002_900);
        assertEquals(3_002, clock.offsetMillis());
        now.set(2_000_000);
        assertEquals(2_003_002, clock.serverMillis());
        assertTrue(clock.synced());
    }

    @Test
    void oldSamplesLeaveTheWindow() {
        ServerClock clock = new ServerClock(() -> 0);
        clock.sample(0, 500, 2);
        for (int i = 0; i < ServerClock.WINDOW; i++) {
            clock.sample(10, -1000 + 15, 20);
        }
        assertEquals(-1000, clock.offsetMillis(), "the 2 ms sample aged out");
    }

    @Test
    void theSkewIsNamedWithItsDirectionAndTheWindow() {
        ServerClock clock = new ServerClock(() -> 0);
        clock.sample(0, 2_360, 20);
        assertEquals("the local clock is 2.350 s behind the exchange's (allowed window 5 s)",
                clock.describeSkew(Duration.ofSeconds(5)));
        clock.sample(100, 100 - 7_000 + 5, 110);
        assertEquals("the local clock is 7.000 s ahead of the exchange's (allowed window 500 ms)",
                clock.describeSkew(Duration.ofMillis(500)));
        assertThrows(IllegalArgumentException.class, () -> clock.sample(10, 0, 5));
    }
}
