package org.tradebench.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code permits} per {@code period} on average, bursts of up to {@code burst}.
 * Thread-safe. Used per REST endpoint and for WebSocket connection attempts, so that the client
 * stays inside an exchange's limits before the exchange starts answering 429 or blocking the IP.
 *
 * <pre>{@code
 * RateLimiter connects = RateLimiter.of("bitfinex ws connects", 20, Duration.ofMinutes(1));
 * if (connects.tryAcquire()) { connect(); }
 * else { timer.schedule(this::connect, connects.timeUntilNextPermit().toNanos(), NANOSECONDS); }
 *
 * long wait = restLimiter.reserve(Duration.ofSeconds(5));   // a scheduler's way: book now, send later
 * if (wait >= 0) { timer.schedule(send, wait, NANOSECONDS); }
 * }</pre>
 *
 * <p>The arithmetic is exact integer arithmetic on nanoseconds: the bucket holds credit in units
 * where one permit costs {@code period} nanoseconds and each elapsed nanosecond adds
 * {@code permits} units. So 20 per minute gives exactly one permit every 3 s, with no drift from
 * rounding. The bucket starts full. A {@link #reserve reservation} may take credit the bucket does
 * not have yet; later callers then queue behind it.
 */
public final class RateLimiter {

    private static final RateLimiter UNLIMITED = new RateLimiter("unlimited", Integer.MAX_VALUE,
            Duration.ofNanos(1), Integer.MAX_VALUE, System::nanoTime, true);

    private final String name;
    private final long permits;
    private final long periodNanos;
    private final long capacity;
    private final LongSupplier clock;
    private final boolean unlimited;

    // Guarded by this.
    private long credit;
    private long last;

    /**
     * Creates a full bucket on an explicit clock (tests pass a fake one).
     *
     * @param name what it limits, for messages (for example {@code "GET /v2/book"})
     * @param permits permits per period, &gt;= 1
     * @param period the period, &gt; 0
     * @param burst the most permits available at once, &gt;= 1
     * @param nanoClock a monotonic clock in nanoseconds, like {@link System#nanoTime()}
     */
    public RateLimiter(String name, int permits, Duration period, int burst, LongSupplier nanoClock) {
        this(name, permits, period, burst, nanoClock, false);
    }

    private RateLimiter(String name, int permits, Duration period, int burst, LongSupplier nanoClock,
            boolean unlimited) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(period, "period");
        this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
        if (permits < 1 || burst < 1) {
            throw new IllegalArgumentException(name + ": permits and burst must be >= 1, were " + permits + " and "
                    + burst);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(name + ": period must be > 0, was " + period);
        }
        this.unlimited = unlimited;
        this.permits = permits;
        this.periodNanos = period.toNanos();
        if (!unlimited && burst > Long.MAX_VALUE / 4 / periodNanos) {
            throw new IllegalArgumentException(name + ": burst " + burst + " over " + period + " is too large");
        }
        this.capacity = unlimited ? Long.MAX_VALUE : burst * periodNanos;
        this.credit = capacity;
        this.last = nanoClock.getAsLong();
    }

    /**
     * A full bucket of {@code permits} per {@code period}, with a burst of the same size, on
     * {@link System#nanoTime()}.
     *
     * @param name what it limits, for messages
     * @param permits permits per period
     * @param period the period
     * @return the limiter
     */
    public static RateLimiter of(String name, int permits, Duration period) {
        return new RateLimiter(name, permits, period, permits, System::nanoTime);
    }

    /**
     * A limiter that always grants at once.
     *
     * @return the shared unlimited limiter
     */
    public static RateLimiter unlimited() {
        return UNLIMITED;
    }

    /** What it limits. */
    public String name() {
        return name;
    }

    /**
     * Takes a permit if one is available now.
     *
     * @return true when taken
     */
    public boolean tryAcquire() {
        if (unlimited) {
            return true;
        }
        synchronized (this) {
            refill();
            if (credit >= periodNanos) {
                credit -= periodNanos;
                return true;
            }
            return false;
        }
    }

    /**
     * Books a permit now that becomes usable after the returned wait, unless that wait would exceed
     * {@code maxWait}. Schedulers use it to send later without blocking a thread.
     *
     * @param maxWait the longest acceptable wait
     * @return the wait in nanoseconds (0 when a permit is available now), or -1 when the wait would
     *         exceed {@code maxWait} (nothing is booked then)
     */
    public long reserve(Duration maxWait) {
        if (unlimited) {
            return 0;
        }
        long max = maxWait.isNegative() ? 0 : saturatedNanos(maxWait);
        synchronized (this) {
            refill();
            long wait = waitNanos();
            if (wait > max) {
                return -1;
            }
            credit -= periodNanos;
            return wait;
        }
    }

    /**
     * How long until {@link #tryAcquire()} would succeed.
     *
     * @return zero when a permit is available now
     */
    public Duration timeUntilNextPermit() {
        if (unlimited) {
            return Duration.ZERO;
        }
        synchronized (this) {
            refill();
            return Duration.ofNanos(waitNanos());
        }
    }

    /**
     * Takes a permit, sleeping until one is available.
     *
     * @throws InterruptedException when interrupted while waiting (the permit stays booked)
     */
    public void acquire() throws InterruptedException {
        long wait = reserve(Duration.ofNanos(Long.MAX_VALUE));
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /**
     * Takes a permit, sleeping up to {@code timeout} for it.
     *
     * @param timeout the longest wait
     * @return false, without waiting or booking, when no permit would come within the timeout
     * @throws InterruptedException when interrupted while waiting (the permit stays booked)
     */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        long wait = reserve(timeout);
        if (wait < 0) {
            return false;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        return true;
    }

    /** The permits available now (rounded down; negative while reservations are outstanding). */
    public synchronized long availablePermits() {
        if (unlimited) {
            return Long.MAX_VALUE;
        }
        refill();
        return Math.floorDiv(credit, periodNanos);
    }

    private void refill() {
        long now = clock.getAsLong();
        long elapsed = now - last;
        last = now;
        if (elapsed <= 0) {
            return;
        }
        long missing = capacity - credit;
        // elapsed * permits may overflow for long idle times; anything past "full" is irrelevant.
        if (elapsed >= missing / permits + 1) {
            credit = capacity;
        } else {
            credit += elapsed * permits;
        }
    }

    private long waitNanos() {
        if (credit >= periodNanos) {
            return 0;
        }
        long missing = periodNanos - credit;
        return (missing + permits - 1) / permits;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return unlimited ? "RateLimiter[unlimited]"
                : "RateLimiter[" + name + ": " + permits + " per " + Duration.ofNanos(periodNanos) + ", burst "
                        + capacity / periodNanos + "]";
    }
}
