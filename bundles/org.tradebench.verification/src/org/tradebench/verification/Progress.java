package org.tradebench.verification;

import java.time.Duration;
import java.util.Locale;

/**
 * How a running verification is doing: for the command line's progress line and the workbench's
 * live counters, once a second.
 *
 * @param elapsed time measured so far
 * @param planned the plan's duration
 * @param messages messages received so far, every channel
 * @param lastSecond messages in the last complete second
 * @param state the connector's state ({@code live}, {@code reconnecting}, ...)
 * @param pingP99 the connector's ping p99 so far, ms; -1 before the first
 * @param exchangeP99 exchange-to-local latency p99 so far, ms; -1 before the first
 * @param resets book resets so far
 * @param violations book invariant violations so far
 * @param errors decode errors so far
 * @param reconnects reconnects so far
 */
public record Progress(Duration elapsed, Duration planned, long messages, long lastSecond, String state,
        double pingP99, double exchangeP99, long resets, long violations, long errors, long reconnects) {

    /**
     * The share done.
     *
     * @return 0 to 1
     */
    public double fraction() {
        return planned.isZero() ? 1 : Math.min(1, elapsed.toMillis() / (double) planned.toMillis());
    }

    /**
     * One line for people.
     *
     * @return for example {@code verify simulated: 12/60 s  live  1,240 msg/s  ping p99 3.1 ms  resets 0  errors 0}
     */
    public String line() {
        return String.format(Locale.ROOT, "%d/%d s  %s  %,d msg/s  %,d msgs  ping p99 %s  exchange p99 %s  resets %d"
                + "  violations %d  errors %d  reconnects %d", elapsed.toSeconds(), planned.toSeconds(), state,
                lastSecond, messages, ms(pingP99), ms(exchangeP99), resets, violations, errors, reconnects);
    }

    private static String ms(double v) {
        return v < 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", v);
    }
}
