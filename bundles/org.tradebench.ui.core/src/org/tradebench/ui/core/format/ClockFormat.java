package org.tradebench.ui.core.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Times of day as a trader's clock shows them: {@code HH:mm:ss.SSS}, 24-hour, in a given zone
 * (the machine's by default).
 *
 * <pre>{@code
 * label.setText("updated " + ClockFormat.format(snapshot.received()));   // "updated 14:03:07.125"
 * }</pre>
 *
 * <p>Stateless; safe on any thread.
 */
public final class ClockFormat {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private ClockFormat() {
    }

    /**
     * Formats an instant in the system time zone.
     *
     * @param time the instant, nullable
     * @return for example {@code "14:03:07.125"}, or {@link PriceFormat#MISSING}
     */
    public static String format(Instant time) {
        return format(time, ZoneId.systemDefault());
    }

    /**
     * Formats an instant in a time zone.
     *
     * @param time the instant, nullable
     * @param zone the zone
     * @return for example {@code "14:03:07.125"}, or {@link PriceFormat#MISSING}
     */
    public static String format(Instant time, ZoneId zone) {
        return time == null ? PriceFormat.MISSING : CLOCK.format(time.atZone(zone));
    }
}
