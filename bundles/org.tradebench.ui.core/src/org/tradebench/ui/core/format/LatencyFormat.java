package org.tradebench.ui.core.format;

import java.time.Duration;

/**
 * Latencies (ping/pong round trips, delays) as text with a unit that keeps two or three digits.
 *
 * <pre>{@code
 * LatencyFormat.format(Duration.ofNanos(850_000));   // "850 µs"
 * LatencyFormat.format(Duration.ofNanos(4_200_000)); // "4.2 ms"
 * LatencyFormat.format(Duration.ofMillis(42));       // "42 ms"
 * LatencyFormat.format(Duration.ofMillis(4200));     // "4.2 s"
 * LatencyFormat.format(null);                        // "–" (not measured yet)
 * }</pre>
 *
 * <p>Rules: below 1 ms in microseconds; below 10 ms in milliseconds with one decimal
 * ({@code "4.2 ms"}); below 1 s in whole milliseconds; then seconds with one decimal. Stateless;
 * safe on any thread.
 */
public final class LatencyFormat {

    private LatencyFormat() {
    }

    /**
     * Formats a latency.
     *
     * @param latency the latency, nullable (not measured)
     * @return for example {@code "42 ms"}, or {@link PriceFormat#MISSING}
     */
    public static String format(Duration latency) {
        if (latency == null || latency.isNegative()) {
            return PriceFormat.MISSING;
        }
        long nanos = latency.compareTo(Duration.ofDays(1)) > 0 ? Long.MAX_VALUE : latency.toNanos();
        if (nanos < 1_000_000) {
            return (nanos / 1_000) + " \u00b5s";
        }
        if (nanos < 10_000_000) {
            return DecimalText.fixed(Math.round(nanos / 100_000.0), 1, false) + " ms";
        }
        if (nanos < 999_500_000) {
            return Math.round(nanos / 1_000_000.0) + " ms";
        }
        return DecimalText.fixed(Math.round(nanos / 100_000_000.0), 1, true) + " s";
    }
}
