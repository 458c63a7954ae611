package org.tradebench.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before reconnect attempt {@code n}: exponential back-off with jitter.
 *
 * <p>The base delay of attempt {@code n} (1-based) is {@code initial × multiplier^(n-1)}, capped at
 * {@code max}. The jitter spreads it uniformly over {@code base × [1 - jitter, 1 + jitter]} (capped
 * at {@code max} again), so that many clients dropped at the same moment (a server restart) do not
 * come back in lock-step and trip the exchange's connection limit together.
 *
 * <pre>{@code
 * ReconnectPolicy policy = new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.2);
 * policy.baseDelay(3);                        // 2 s
 * policy.delay(3, new SplittableRandom(7));   // somewhere in 1.6 s .. 2.4 s, the same for the same seed
 * }</pre>
 *
 * @param initial the base delay of the first attempt, &gt; 0
 * @param max the largest delay ever returned, &gt;= initial
 * @param multiplier growth per attempt, &gt;= 1
 * @param jitter relative spread in [0, 1]; 0 gives exactly the base delays
 */
public record ReconnectPolicy(Duration initial, Duration max, double multiplier, double jitter) {

    /** 0.5 s doubling up to 30 s, ±20 % jitter. */
    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(30),
            2.0, 0.2);

    /** Validates. */
    public ReconnectPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial reconnect delay must be > 0, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max reconnect delay " + max + " is below the initial " + initial);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("reconnect multiplier must be >= 1, was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("reconnect jitter must be in [0, 1], was " + jitter);
        }
    }

    /**
     * The delay before attempt {@code attempt} without jitter.
     *
     * @param attempt 1 for the first reconnect after a loss, 2 for the next, ...
     * @return {@code min(max, initial × multiplier^(attempt-1))}
     */
    public Duration baseDelay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        double nanos = initial.toNanos() * Math.pow(multiplier, attempt - 1);
        long maxNanos = max.toNanos();
        return Duration.ofNanos(nanos >= maxNanos ? maxNanos : (long) nanos);
    }

    /**
     * The delay before attempt {@code attempt}, with jitter drawn from {@code random} (one
     * {@code nextDouble()} per call, so a seeded generator gives a reproducible sequence).
     *
     * @param attempt 1-based attempt number
     * @param random the source of jitter
     * @return {@code min(max, base × (1 + jitter × (2u − 1)))} for {@code u = random.nextDouble()}
     */
    public Duration delay(int attempt, RandomGenerator random) {
        long base = baseDelay(attempt).toNanos();
        double u = random.nextDouble();
        double factor = 1.0 + jitter * (2.0 * u - 1.0);
        long nanos = Math.round(base * factor);
        return Duration.ofNanos(Math.max(0, Math.min(max.toNanos(), nanos)));
    }
}
