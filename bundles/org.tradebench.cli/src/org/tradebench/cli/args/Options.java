package org.tradebench.cli.args;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of one command: {@code --name value} or {@code --name=value} for options with a
 * value, {@code --name} for flags, and options that may be repeated ({@code --set K=V --set K2=V2}).
 * Also the parsers of the values the commands share (durations, speeds, depths, settings).
 *
 * <pre>{@code
 * Options o = Options.parse(args, "stream", Set.of("exchange", "symbols", "duration"), Set.of("summary"), Set.of("set"));
 * String exchange = o.value("exchange");                  // null when not given
 * Duration d = Options.duration(o.value("duration"));    // "30s" -> PT30S
 * Map<String, String> settings = Options.settings(o.values("set"));
 * }</pre>
 *
 * <p>Immutable after parsing.
 */
public final class Options {

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

    private final Map<String, String> values;
    private final Set<String> flags;
    private final Map<String, List<String>> repeated;

    private Options(Map<String, String> values, Set<String> flags, Map<String, List<String>> repeated) {
        this.values = values;
        this.flags = flags;
        this.repeated = repeated;
    }

    /**
     * Parses the arguments after the command word ({@code args[0]}).
     *
     * @param args the whole command line, command first
     * @param command the command, for messages
     * @param valued options that take a value, once
     * @param flagNames options without a value
     * @param repeatable options that take a value and may be repeated
     * @return the options
     * @throws UsageException for an unknown option, a missing value, a value given to a flag, an
     *         option given twice, or a word that is not an option
     */
    public static Options parse(String[] args, String command, Set<String> valued, Set<String> flagNames,
            Set<String> repeatable) throws UsageException {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        Map<String, List<String>> repeated = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagNames.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                if (!flags.add(name)) {
                    throw new UsageException("--" + name + " given twice");
                }
                continue;
            }
            if (!valued.contains(name) && !repeatable.contains(name)) {
                throw new UsageException("unknown option --" + name + " for " + command);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (repeatable.contains(name)) {
                repeated.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } else if (values.put(name, value) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }
        return new Options(values, flags, repeated);
    }

    /**
     * An option's value.
     *
     * @param name the option without {@code --}
     * @return the value, or null when not given
     */
    public String value(String name) {
        return values.get(name);
    }

    /**
     * An option's value that must be given.
     *
     * @param name the option
     * @param command the command, for the message
     * @param what what the value is, for the message ({@code "FILE"})
     * @return the value
     * @throws UsageException when not given
     */
    public String required(String name, String command, String what) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException(command + " needs --" + name + " " + what);
        }
        return value;
    }

    /**
     * Whether a flag was given.
     *
     * @param name the flag without {@code --}
     * @return true when given
     */
    public boolean flag(String name) {
        return flags.contains(name);
    }

    /**
     * The values of a repeatable option, in order.
     *
     * @param name the option
     * @return the values, empty when not given
     */
    public List<String> values(String name) {
        return List.copyOf(repeated.getOrDefault(name, List.of()));
    }

    /**
     * Parses a duration: a whole number and a unit, {@code ms}, {@code s}, {@code m} or {@code h}.
     *
     * @param text for example {@code "30s"}, {@code "5m"}, {@code "1h"}
     * @return the duration, &gt; 0
     * @throws UsageException for anything else
     */
    public static Duration duration(String text) throws UsageException {
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
            if (!d.isZero()) {
                return d;
            }
        }
        throw new UsageException("--duration must be a positive number and a unit (ms, s, m, h), like 30s, 5m or 1h; was '"
                + text + "'");
    }

    /**
     * Parses a replay speed.
     *
     * @param text {@code max}, or a positive number of times faster than recorded; null for max
     * @return the speed, or 0 for as fast as possible
     * @throws UsageException for anything else
     */
    public static double speed(String text) throws UsageException {
        if (text == null || text.equals("max")) {
            return 0;
        }
        try {
            double speed = Double.parseDouble(text);
            if (speed > 0 && !Double.isInfinite(speed)) {
                return speed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--speed must be a positive number (1, 10) or max, was '" + text + "'");
    }

    /**
     * Parses a book depth.
     *
     * @param text levels per side
     * @return 1 to 10000
     * @throws UsageException for anything else
     */
    public static int depth(String text) throws UsageException {
        try {
            int depth = Integer.parseInt(text);
            if (depth >= 1 && depth <= 10_000) {
                return depth;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--book takes the levels per side, 1 to 10000; was '" + text + "'");
    }

    /**
     * Parses {@code --set KEY=VALUE} values.
     *
     * @param pairs the values, in order
     * @return the settings by key, in order
     * @throws UsageException for a value without {@code =} or with an empty key, or a key given twice
     */
    public static Map<String, String> settings(List<String> pairs) throws UsageException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--set takes KEY=VALUE, was '" + pair + "'");
            }
            String key = pair.substring(0, eq);
            if (settings.put(key, pair.substring(eq + 1)) != null) {
                throw new UsageException("--set " + key + " given twice");
            }
        }
        return settings;
    }
}
