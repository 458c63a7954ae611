package org.tradebench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    private static final ReconnectPolicy POLICY = new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(1),
            2.0, 0.25);

    @Test
    void baseDelaysDoubleUpToTheMaximum() {
        assertEquals(Duration.ofMillis(100), POLICY.baseDelay(1));
        assertEquals(Duration.ofMillis(200), POLICY.baseDelay(2));
        assertEquals(Duration.ofMillis(400), POLICY.baseDelay(3));
        assertEquals(Duration.ofMillis(800), POLICY.baseDelay(4));
        assertEquals(Duration.ofSeconds(1), POLICY.baseDelay(5));
        assertEquals(Duration.ofSeconds(1), POLICY.baseDelay(500));
    }

    @Test
    void jitterIsTheSeededUniformSpreadAroundTheBase() {
        SplittableRandom random = new SplittableRandom(7);
        SplittableRandom reference = new SplittableRandom(7);
        for (int attempt = 1; attempt <= 8; attempt++) {
            long base = POLICY.baseDelay(attempt).toNanos();
            double u = reference.nextDouble();
            long expected = Math.min(Duration.ofSeconds(1).toNanos(), Math.round(base * (1 + 0.25 * (2 * u - 1))));
            Duration d = POLICY.delay(attempt, random);
            assertEquals(expected, d.toNanos(), "attempt " + attempt);
            assertTrue(d.toNanos() >= base * 0.75 - 1 && d.toNanos() <= Math.min(base * 1.25 + 1, 1e9), d.toString());
        }
    }

    @Test
    void sameSeedGivesTheSameSequence() {
        SplittableRandom a = new SplittableRandom(99);
        SplittableRandom b = new SplittableRandom(99);
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertEquals(POLICY.delay(attempt, a), POLICY.delay(attempt, b));
        }
    }

    @Test
    void zeroJitterGivesExactlyTheBase() {
        ReconnectPolicy exact = new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 3.0, 0);
        SplittableRandom random = new SplittableRandom(1);
        assertEquals(Duration.ofMillis(500), exact.delay(1, random));
        assertEquals(Duration.ofMillis(1500), exact.delay(2, random));
        assertEquals(Duration.ofMillis(4500), exact.delay(3, random));
        assertEquals(Duration.ofSeconds(30), exact.delay(10, random));
    }

    @Test
    void invalidPoliciesAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(Duration.ZERO, Duration.ofSeconds(1), 2, 0.1));
        assertTrue(e.getMessage().contains("PT0S"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0.1));
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0.1));
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1.5));
        assertThrows(IllegalArgumentException.class, () -> POLICY.baseDelay(0));
    }
}
