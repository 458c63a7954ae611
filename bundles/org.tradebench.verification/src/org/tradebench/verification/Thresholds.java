package org.tradebench.verification;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where each check turns from pass to warn and from warn to fail. {@link #defaults()} suits a
 * trader's desktop on a home connection; {@link #with(String, String)} changes one by its key (the
 * {@code --threshold KEY=VALUE} option and the workbench's plan page use the same keys).
 *
 * @param pingWarn ping round trip p99 above which the check warns
 * @param pingFail ping round trip p99 above which it fails
 * @param exchangeWarn exchange timestamp to local receive p99 above which it warns (includes the
 *        clock offset between the exchange and this machine)
 * @param exchangeFail the same, failing
 * @param processingWarn frame received to listener called p99 above which it warns
 * @param processingFail the same, failing
 * @param staleAfter silence of a subscribed book longer than this counts as a stale period
 * @param recoveryFail a session that takes longer than this to be live again fails the stability check
 * @param liveWarnPercent market data live less than this share of the run (percent) warns
 * @param liveFailPercent live less than this share fails
 * @param resetsFail book resets (gaps, checksum failures) per run from which the check fails even
 *        when each one recovered
 * @param decodeErrorsFail decode errors per run from which the check fails (one warns)
 * @param orderWarn order round trip (placed to acknowledged) p99 above which the check warns
 * @param orderFail the same, failing
 */
public record Thresholds(Duration pingWarn, Duration pingFail, Duration exchangeWarn, Duration exchangeFail,
        Duration processingWarn, Duration processingFail, Duration staleAfter, Duration recoveryFail,
        double liveWarnPercent, double liveFailPercent, int resetsFail, int decodeErrorsFail, Duration orderWarn,
        Duration orderFail) {

    /** Validates. */
    public Thresholds {
        requirePair("latency.ping", pingWarn, pingFail);
        requirePair("latency.exchange", exchangeWarn, exchangeFail);
        requirePair("latency.processing", processingWarn, processingFail);
        requirePair("latency.order", orderWarn, orderFail);
        requirePositive("stale.after", staleAfter);
        requirePositive("recovery.fail", recoveryFail);
        if (!(liveFailPercent >= 0 && liveFailPercent <= liveWarnPercent && liveWarnPercent <= 100)) {
            throw new IllegalArgumentException("live.fail (" + liveFailPercent + ") <= live.warn (" + liveWarnPercent
                    + ") <= 100 expected");
        }
        if (resetsFail < 1 || decodeErrorsFail < 1) {
            throw new IllegalArgumentException("resets.fail and errors.decode.fail must be >= 1");
        }
    }

    /**
     * The defaults.
     *
     * @return ping 250 ms / 1 s, exchange-to-local 500 ms / 2 s, processing 10 ms / 100 ms, stale
     *         after 5 s, recovery within 10 s, live 99 % / 95 %, 10 resets, 10 decode errors, order round
     *         trip 500 ms / 2 s
     */
    public static Thresholds defaults() {
        return new Thresholds(Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofMillis(500),
                Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 99, 95, 10, 10, Duration.ofMillis(500), Duration.ofSeconds(2));
    }

    /**
     * Every key with its current value, in the order of the documentation.
     *
     * @return key to value text, for example {@code latency.ping.fail=1s}
     */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("latency.ping.warn", text(pingWarn));
        m.put("latency.ping.fail", text(pingFail));
        m.put("latency.exchange.warn", text(exchangeWarn));
        m.put("latency.exchange.fail", text(exchangeFail));
        m.put("latency.processing.warn", text(processingWarn));
        m.put("latency.processing.fail", text(processingFail));
        m.put("stale.after", text(staleAfter));
        m.put("recovery.fail", text(recoveryFail));
        m.put("live.warn", number(liveWarnPercent));
        m.put("live.fail", number(liveFailPercent));
        m.put("resets.fail", Integer.toString(resetsFail));
        m.put("errors.decode.fail", Integer.toString(decodeErrorsFail));
        m.put("latency.order.warn", text(orderWarn));
        m.put("latency.order.fail", text(orderFail));
        return m;
    }

    /**
     * A copy with one threshold changed.
     *
     * @param key one of {@link #asMap()}'s keys
     * @param value a duration ({@code 500ms}, {@code 2s}, {@code 1m}), a percentage or a count
     * @return the copy
     * @throws IllegalArgumentException naming the key and what it takes, when either is wrong
     */
    public Thresholds with(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<String, String> one = new LinkedHashMap<>();
        one.put(key, value);
        return with(one);
    }

    /**
     * A copy with several thresholds changed at once (a warning and its failure can then move past
     * each other's old values).
     *
     * @param changes key to value, as for {@link #with(String, String)}
     * @return the copy
     * @throws IllegalArgumentException naming the key and what it takes, or the pair that does not fit
     */
    public Thresholds with(Map<String, String> changes) {
        Map<String, String> m = asMap();
        for (Map.Entry<String, String> e : changes.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (!m.containsKey(key)) {
                throw new IllegalArgumentException("unknown threshold '" + key + "' (known: "
                        + String.join(", ", m.keySet()) + ")");
            }
            String normalized;
            if (key.startsWith("live.")) {
                normalized = number(percent(key, value));
            } else if (key.equals("resets.fail") || key.equals("errors.decode.fail")) {
                normalized = Integer.toString(count(key, value));
            } else {
                normalized = text(parseDuration(key, value));
            }
            m.put(key, normalized);
        }
        return new Thresholds(parseDuration("", m.get("latency.ping.warn")), parseDuration("", m.get("latency.ping.fail")),
                parseDuration("", m.get("latency.exchange.warn")), parseDuration("", m.get("latency.exchange.fail")),
                parseDuration("", m.get("latency.processing.warn")), parseDuration("", m.get("latency.processing.fail")),
                parseDuration("", m.get("stale.after")), parseDuration("", m.get("recovery.fail")),
                Double.parseDouble(m.get("live.warn")), Double.parseDouble(m.get("live.fail")),
                Integer.parseInt(m.get("resets.fail")), Integer.parseInt(m.get("errors.decode.fail")),
                parseDuration("", m.get("latency.order.warn")), parseDuration("", m.get("latency.order.fail")));
    }

    /**
     * Reads a duration written as a whole number with a unit: {@code 250ms}, {@code 5s}, {@code 2m},
     * {@code 1h}.
     *
     * @param what the option or key, for the message
     * @param text the text
     * @return the duration, &gt; 0
     * @throws IllegalArgumentException saying what was expected
     */
    public static Duration parseDuration(String what, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int unit = 0;
        while (unit < t.length() && Character.isDigit(t.charAt(unit))) {
            unit++;
        }
        if (unit == 0 || unit > 12) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a duration (like 500ms, 30s, 5m, 1h)");
        }
        long n = Long.parseLong(t.substring(0, unit));
        Duration d = switch (t.substring(unit)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException(
                    what + ": '" + text + "' is not a duration (like 500ms, 30s, 5m, 1h)");
        };
        if (d.isZero()) {
            throw new IllegalArgumentException(what + ": the duration must be more than zero, was '" + text + "'");
        }
        return d;
    }

    /**
     * A duration as the user would write it.
     *
     * @param d the duration
     * @return for example {@code 250ms}, {@code 5s}, {@code 2m}
     */
    public static String text(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms >= 60_000) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static double percent(String key, String value) {
        try {
            double p = Double.parseDouble(value.strip().replace("%", ""));
            if (p >= 0 && p <= 100) {
                return p;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(key + ": '" + value + "' is not a percentage from 0 to 100");
    }

    private static int count(String key, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(key + ": '" + value + "' is not a whole number >= 1");
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static void requirePair(String key, Duration warn, Duration fail) {
        requirePositive(key + ".warn", warn);
        requirePositive(key + ".fail", fail);
        if (warn.compareTo(fail) > 0) {
            throw new IllegalArgumentException(key + ".warn (" + text(warn) + ") must not exceed " + key + ".fail ("
                    + text(fail) + ")");
        }
    }

    private static void requirePositive(String key, Duration d) {
        Objects.requireNonNull(d, key);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be more than zero");
        }
    }
}
