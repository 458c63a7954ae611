package org.tradebench.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tradebench.cli.decode.DecodeCommand;
import org.tradebench.cli.decode.ExchangeDecoder;
import org.tradebench.cli.decode.Pacer;
import org.tradebench.cli.decode.ReplayCommand;

/**
 * Parses {@code tradebench <command> [options]} and runs the command. Pure: streams in, exit status
 * out, so tests call it without OSGi.
 *
 * <pre>{@code
 * int status = Cli.run(new String[] {"decode", "--exchange", "bitfinex"}, System.in, System.out, System.err);
 * }</pre>
 *
 * <p>Exit status: 0 done; 1 input, file or output failed; 2 usage error (the usage goes to standard
 * error). Options take their value as the next argument or after {@code =}
 * ({@code --exchange=bitfinex}).
 */
public final class Cli {

    /** The usage text. */
    public static final String USAGE = """
            usage: tradebench <command> [options]

            commands:
              decode --exchange ID
                  raw exchange WebSocket messages on standard input, one per line, exactly as
                  received (subscribe acknowledgements included) -> normalised events as JSON lines
              replay --exchange ID --file FILE [--speed 1|10|max]
                  a recording (lines '<epoch millis> <frame>') -> the same events, paced like the
                  recording (1), ten times faster (10) or at once (max, the default), then a final
                  snapshot of every book
              help
                  this text

            exchanges: %s
            formats: docs/cli.md (events, recording files)
            """;

    private static final Set<String> DECODE_OPTIONS = Set.of("exchange", "market");
    private static final Set<String> REPLAY_OPTIONS = Set.of("exchange", "market", "file", "speed");

    private Cli() {
    }

    /**
     * Runs a command line.
     *
     * @param args the arguments after the launcher's own
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @return the exit status
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args == null || args.length == 0) {
            return usage(err, null);
        }
        String command = args[0];
        Map<String, String> options;
        try {
            switch (command) {
                case "decode" -> {
                    options = options(args, DECODE_OPTIONS);
                    String exchange = exchange(options);
                    return new DecodeCommand(exchange).run(in, out, err);
                }
                case "replay" -> {
                    options = options(args, REPLAY_OPTIONS);
                    String exchange = exchange(options);
                    String file = options.get("file");
                    if (file == null) {
                        throw new UsageException("replay needs --file FILE");
                    }
                    return new ReplayCommand(exchange, Path.of(file), speed(options.get("speed")), Pacer.system())
                            .run(out, err);
                }
                case "help", "--help", "-h" -> {
                    // Asked for: the usage is the answer, not an error.
                    out.print(usageText());
                    return 0;
                }
                default -> throw new UsageException("unknown command '" + command + "'");
            }
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        }
    }

    private static int usage(PrintStream err, String problem) {
        if (problem != null) {
            err.println("tradebench: " + problem);
            err.println();
        }
        err.print(usageText());
        return 2;
    }

    private static String usageText() {
        List<String> exchanges = ExchangeDecoder.supported();
        return USAGE.formatted(exchanges.isEmpty() ? "none installed (install an exchange feature)" : String.join(", ", exchanges));
    }

    private static Map<String, String> options(String[] args, Set<String> allowed) throws UsageException {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
            if (!allowed.contains(name)) {
                throw new UsageException("unknown option --" + name + " for " + args[0]);
            }
            if (options.put(name, value) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }
        return options;
    }

    private static String exchange(Map<String, String> options) throws UsageException {
        String exchange = options.get("exchange");
        if (exchange == null) {
            throw new UsageException("--exchange ID is required (one of " + String.join(", ", ExchangeDecoder.supported()) + ")");
        }
        if (!ExchangeDecoder.supported().contains(exchange)) {
            throw new UsageException("unsupported exchange '" + exchange + "' (installed: "
                    + (ExchangeDecoder.supported().isEmpty() ? "none" : String.join(", ", ExchangeDecoder.supported())) + ")");
        }
        String market = options.get("market");
        if (market != null && !List.of("spot").contains(market)) {
            throw new UsageException(exchange + " has one market: drop --market " + market);
        }
        return exchange;
    }

    private static double speed(String text) throws UsageException {
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

    /** A command line that does not parse. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
