package org.tradebench.api.market;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A candle interval. Buckets are aligned to the Unix epoch: a 5-minute candle starts at a multiple
 * of 300 seconds since 1970-01-01T00:00Z (1D candles start at midnight UTC).
 *
 * <pre>{@code
 * CandleInterval m5 = CandleInterval.parse("5m");
 * Instant start = m5.bucketStart(Instant.parse("2025-01-27T10:17:30Z")); // 10:15:00Z
 * }</pre>
 *
 * @param duration the length of one candle, a whole number of seconds, at least one second
 */
public record CandleInterval(Duration duration) {

    /** One second. */
    public static final CandleInterval S1 = new CandleInterval(Duration.ofSeconds(1));
    /** Five seconds. */
    public static final CandleInterval S5 = new CandleInterval(Duration.ofSeconds(5));
    /** Fifteen seconds. */
    public static final CandleInterval S15 = new CandleInterval(Duration.ofSeconds(15));
    /** One minute. */
    public static final CandleInterval M1 = new CandleInterval(Duration.ofMinutes(1));
    /** Five minutes. */
    public static final CandleInterval M5 = new CandleInterval(Duration.ofMinutes(5));
    /** Fifteen minutes. */
    public static final CandleInterval M15 = new CandleInterval(Duration.ofMinutes(15));
    /** One hour. */
    public static final CandleInterval H1 = new CandleInterval(Duration.ofHours(1));
    /** One day. */
    public static final CandleInterval D1 = new CandleInterval(Duration.ofDays(1));

    /** Validates. */
    public CandleInterval {
        Objects.requireNonNull(duration, "duration");
        if (duration.toMillis() < 1000 || duration.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("candle interval must be a whole number of seconds >= 1s: " + duration);
        }
    }

    /**
     * Parses {@code 1s 5s 15s 1m 5m 15m 30m 1h 3h 4h 6h 12h 1D 1W}: a number and a unit
     * ({@code s}, {@code m}, {@code h}, {@code D} or {@code d}, {@code W} or {@code w}).
     *
     * @param text the text
     * @return the interval
     * @throws IllegalArgumentException on anything else, naming the text
     */
    public static CandleInterval parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() < 2) {
            throw new IllegalArgumentException("not a candle interval: '" + text + "' (expected e.g. 1m, 5m, 1h, 1D)");
        }
        char unit = text.charAt(text.length() - 1);
        long n;
        try {
            n = Long.parseLong(text.substring(0, text.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a candle interval: '" + text + "' (expected e.g. 1m, 5m, 1h, 1D)");
        }
        if (n <= 0) {
            throw new IllegalArgumentException("candle interval must be positive: '" + text + "'");
        }
        return switch (unit) {
            case 's' -> new CandleInterval(Duration.ofSeconds(n));
            case 'm' -> new CandleInterval(Duration.ofMinutes(n));
            case 'h', 'H' -> new CandleInterval(Duration.ofHours(n));
            case 'd', 'D' -> new CandleInterval(Duration.ofDays(n));
            case 'w', 'W' -> new CandleInterval(Duration.ofDays(7 * n));
            default -> throw new IllegalArgumentException("unknown candle interval unit in '" + text + "' (use s, m, h, D, W)");
        };
    }

    /**
     * The interval length in milliseconds.
     *
     * @return milliseconds
     */
    public long millis() {
        return duration.toMillis();
    }

    /**
     * The start of the bucket holding {@code time}.
     *
     * @param time a point in time
     * @return the aligned bucket start
     */
    public Instant bucketStart(Instant time) {
        return Instant.ofEpochMilli(bucketStartMillis(time.toEpochMilli()));
    }

    /**
     * The start of the bucket holding {@code epochMillis}, in epoch milliseconds.
     *
     * @param epochMillis a point in time
     * @return the aligned bucket start
     */
    public long bucketStartMillis(long epochMillis) {
        return Math.floorDiv(epochMillis, millis()) * millis();
    }

    /**
     * The short form used in JSON output and by {@link #parse(String)}.
     *
     * @return for example {@code "1m"}, {@code "1h"}, {@code "1D"}
     */
    public String label() {
        long s = duration.toSeconds();
        if (s % (7 * 86400) == 0) {
            return (s / (7 * 86400)) + "W";
        }
        if (s % 86400 == 0) {
            return (s / 86400) + "D";
        }
        if (s % 3600 == 0) {
            return (s / 3600) + "h";
        }
        if (s % 60 == 0) {
            return (s / 60) + "m";
        }
        return s + "s";
    }

    @Override
    public String toString() {
        return label();
    }
}
