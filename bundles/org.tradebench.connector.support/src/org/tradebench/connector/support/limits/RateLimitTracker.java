package org.tradebench.connector.support.limits;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Request weights and order counts per fixed window, as an exchange counts them, with the back-off
 * a refusal imposes. A connector {@linkplain #define defines} the limits the exchange publishes
 * (Binance: {@code exchangeInfo.rateLimits}), {@linkplain #spend spends} before each request and
 * {@linkplain #report reports} what the exchange says was used (a {@code X-MBX-USED-WEIGHT-1M}
 * header, a WebSocket API answer's {@code rateLimits}); {@link #delayMillis} says how long to wait so
 * the request stays under a fraction of the limit ({@link #SLOW_DOWN_AT}), and after an HTTP 429 or
 * 418 {@link #refused} blocks every request until the {@code Retry-After}.
 *
 * <pre>{@code
 * RateLimitTracker limits = new RateLimitTracker();
 * limits.define("REQUEST_WEIGHT", 6000, Duration.ofMinutes(1));
 * long wait = limits.delayMillis("REQUEST_WEIGHT", 2, now);    // 0: go
 * limits.spend("REQUEST_WEIGHT", 2, now);
 * limits.report("REQUEST_WEIGHT", Long.parseLong(header("X-MBX-USED-WEIGHT-1M")), now);
 * limits.refused(429, 7, now);                                   // Retry-After: 7
 * String state = limits.describe(now, ZoneId.systemDefault()); // "rate limited until 17:42:07 (429)"
 * }</pre>
 *
 * <p>Windows are aligned to the epoch (a one-minute window is a calendar minute), as Binance counts.
 * Thread-safe.
 */
public final class RateLimitTracker {

    /** The fraction of a limit above which requests wait for the next window: {@value}. */
    public static final double SLOW_DOWN_AT = 0.9;

    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Map<String, Window> windows = new LinkedHashMap<>();
    private long blockedUntil;
    private int blockedStatus;

    private static final class Window {
        final long limit;
        final long millis;
        long start;
        long used;

        Window(long limit, long millis) {
            this.limit = limit;
            this.millis = millis;
        }

        void roll(long now) {
            long s = now - Math.floorMod(now, millis);
            if (s != start) {
                start = s;
                used = 0;
            }
        }
    }

    /**
     * Defines (or redefines) a limit.
     *
     * @param name for example {@code REQUEST_WEIGHT}, {@code ORDERS}
     * @param limit the most the exchange allows per window, positive
     * @param window the window, at least a millisecond
     */
    public synchronized void define(String name, long limit, Duration window) {
        Objects.requireNonNull(name, "name");
        if (limit <= 0 || window.toMillis() <= 0) {
            throw new IllegalArgumentException("rate limit " + name + ": " + limit + " per " + window);
        }
        windows.put(name, new Window(limit, window.toMillis()));
    }

    /**
     * Whether a limit is defined.
     *
     * @param name its name
     * @return true when {@link #define}d
     */
    public synchronized boolean defines(String name) {
        return windows.containsKey(name);
    }

    /**
     * Counts a request against a limit (an undefined name is ignored).
     *
     * @param name the limit
     * @param weight its weight
     * @param nowMillis the time
     */
    public synchronized void spend(String name, long weight, long nowMillis) {
        Window w = windows.get(name);
        if (w != null) {
            w.roll(nowMillis);
            w.used += weight;
        }
    }

    /**
     * What the exchange says was used in the current window; it replaces the local count.
     *
     * @param name the limit
     * @param used the count the exchange reported
     * @param nowMillis the time of the answer
     */
    public synchronized void report(String name, long used, long nowMillis) {
        Window w = windows.get(name);
        if (w != null) {
            w.roll(nowMillis);
            w.used = Math.max(0, used);
        }
    }

    /**
     * How long a request of this weight has to wait: until a refusal's {@code Retry-After} has
     * passed, and until the next window when it would take the count over {@link #SLOW_DOWN_AT} of
     * the limit.
     *
     * @param name the limit
     * @param weight the request's weight
     * @param nowMillis the time
     * @return milliseconds to wait, 0 to go now
     */
    public synchronized long delayMillis(String name, long weight, long nowMillis) {
        long wait = Math.max(0, blockedUntil - nowMillis);
        Window w = windows.get(name);
        if (w != null) {
            w.roll(nowMillis);
            if (w.used + weight > (long) (w.limit * SLOW_DOWN_AT) && w.used > 0) {
                wait = Math.max(wait, w.start + w.millis - nowMillis);
            }
        }
        return wait;
    }

    /**
     * The exchange refused for rate (HTTP 429 or 418, or the same code in a WebSocket answer):
     * nothing is sent until the {@code Retry-After} has passed.
     *
     * @param status 429 (slow down) or 418 (banned)
     * @param retryAfterSeconds the {@code Retry-After}, or a negative number when absent (then 60 s
     *        for a 429, 5 minutes for a 418)
     * @param nowMillis the time
     */
    public synchronized void refused(int status, long retryAfterSeconds, long nowMillis) {
        long seconds = retryAfterSeconds >= 0 ? retryAfterSeconds : status == 418 ? 300 : 60;
        long until = nowMillis + seconds * 1000;
        if (until > blockedUntil) {
            blockedUntil = until;
            blockedStatus = status;
        }
    }

    /**
     * Until when every request waits.
     *
     * @param nowMillis the time
     * @return the instant, or null when nothing blocks
     */
    public synchronized Instant blockedUntil(long nowMillis) {
        return blockedUntil > nowMillis ? Instant.ofEpochMilli(blockedUntil) : null;
    }

    /**
     * The count in the current window.
     *
     * @param name the limit
     * @param nowMillis the time
     * @return the used count, 0 for an undefined limit
     */
    public synchronized long used(String name, long nowMillis) {
        Window w = windows.get(name);
        if (w == null) {
            return 0;
        }
        w.roll(nowMillis);
        return w.used;
    }

    /**
     * The state for health: a refusal's block, else the first limit over {@link #SLOW_DOWN_AT}.
     *
     * @param nowMillis the time
     * @param zone the zone the time of day is shown in
     * @return for example "rate limited until 17:42:07 (418)" or
     *         "slowing down: REQUEST_WEIGHT 5500 of 6000 per 60 s", or null when nothing limits
     */
    public synchronized String describe(long nowMillis, ZoneId zone) {
        if (blockedUntil > nowMillis) {
            return "rate limited until " + HMS.format(Instant.ofEpochMilli(blockedUntil).atZone(zone)) + " ("
                    + blockedStatus + ")";
        }
        for (Map.Entry<String, Window> e : windows.entrySet()) {
            Window w = e.getValue();
            w.roll(nowMillis);
            if (w.used > (long) (w.limit * SLOW_DOWN_AT)) {
                return "slowing down: " + e.getKey() + " " + w.used + " of " + w.limit + " per " + w.millis / 1000
                        + " s";
            }
        }
        return null;
    }

    /**
     * The share of the tightest limit in use: the largest used/limit over the defined windows; above
     * 1 while a refusal blocks.
     *
     * @param nowMillis the time
     * @return 0 to 1 (more while blocked); 0 without limits
     */
    public synchronized double usedShare(long nowMillis) {
        if (blockedUntil > nowMillis) {
            return 1.01;
        }
        double max = 0;
        for (Window w : windows.values()) {
            w.roll(nowMillis);
            if (w.limit > 0) {
                max = Math.max(max, w.used / (double) w.limit);
            }
        }
        return max;
    }

    /**
     * Every limit's use in words.
     *
     * @param nowMillis the time
     * @return for example "REQUEST_WEIGHT 120 of 6000 per 60 s, ORDERS 2 of 100 per 10 s"
     */
    public synchronized String summary(long nowMillis) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Window> e : windows.entrySet()) {
            Window w = e.getValue();
            w.roll(nowMillis);
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(e.getKey()).append(' ').append(w.used).append(" of ").append(w.limit).append(" per ")
                    .append(w.millis / 1000).append(" s");
        }
        if (blockedUntil > nowMillis) {
            b.append(b.length() > 0 ? "; " : "").append("refused (").append(blockedStatus).append(") until ")
                    .append(Instant.ofEpochMilli(blockedUntil));
        }
        return b.toString();
    }
}
