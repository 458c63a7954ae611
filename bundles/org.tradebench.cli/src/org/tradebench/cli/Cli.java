package org.tradebench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.ConnectorSetting;
import org.tradebench.cli.args.Options;
import org.tradebench.cli.args.UsageException;
import org.tradebench.install.FeatureInstaller;
import org.tradebench.cli.decode.DecodeCommand;
import org.tradebench.cli.install.InstallCommand;
import org.tradebench.cli.decode.ReplayCommand;
import org.tradebench.cli.live.LiveRequest;
import org.tradebench.cli.live.RecordCommand;
import org.tradebench.cli.live.StopSignal;
import org.tradebench.cli.live.StreamCommand;
import org.tradebench.cli.recording.RecordingReader;

/**
 * Parses {@code tradebench <command> [options]} and runs the command against the installed
 * connectors. Pure: providers and streams in, exit status out, so tests call it without OSGi.
 *
 * <pre>{@code
 * int status = Cli.run(new String[] {"decode", "--exchange", "simulated"}, providers, System.in, System.out, System.err);
 * }</pre>
 *
 * <p>Exit status: 0 done; 1 input, file, connector or output failed; 2 usage error (a one-line
 * reason and the usage on standard error). Options take their value as the next argument or after
 * {@code =} ({@code --exchange=simulated}). Runs on the calling thread.
 */
public final class Cli {

    /** The usage text; {@code %s} is the list of installed exchanges. */
    public static final String USAGE = """
            usage: tradebench <command> [options]

            commands:
              decode --exchange ID [--market M]
                  raw exchange frames on standard input, one per line, exactly as received
                  (subscribe acknowledgements included) -> normalised events as JSON lines
              replay --exchange ID --file F [--speed 1|10|max] [--market M]
                  a recording made by record -> the same events, paced like the recording (1),
                  ten times faster (10) or at once (max, the default), then the final state of
                  every book
              record --exchange ID --symbols S[,S..] [--book DEPTH] [--trades] [--ticker]
                     --duration D --out F [--market M] [--set KEY=VALUE ..]
                  connects and writes every raw frame with its receive time to F (gzip) until D
                  has passed or Ctrl-C
              stream --exchange ID --symbols S[,S..] [--book DEPTH] [--trades] [--ticker]
                     [--duration D] [--summary] [--set KEY=VALUE ..] [--market M]
                  connects and prints live events as JSON lines until D has passed or Ctrl-C;
                  --summary then prints the final state of every book and a status line per
                  session with its message rate
              verify --exchange ID[,ID..] [--symbols S[,S..]] [--duration 60s] [--plan standard|chaos]
                     [--report out.html] [--json out.json] [--replay FILE] [--market M] [--book DEPTH]
                     [--threshold KEY=VALUE ..] [--set KEY=VALUE ..]
                  the verification tool: measures connection stability, data quality, latency,
                  throughput and errors for D (or over a recording with --replay), prints a
                  progress line each second and the verdict of every check; several exchanges
                  run side by side, a report each (out-ID.html); exit 0 pass or warn, 1 fail
                  (thresholds: docs/verification.md)
              install --repository URL --feature ID[,ID..] [--trust-certificate FILE]
                  installs exchange connectors or views from an update site (a file: or http(s): URL,
                  or a directory) into this installation; every jar must be signed by a trusted
                  publisher (this Tradebench's, or one trusted with --trust-certificate)
              uninstall --feature ID[,ID..]
                  removes features installed that way
              list-installed
                  the installed features and the exchanges they register
              list-available --repository URL
                  what an update site offers, by category
              help
                  this text, with each installed exchange's markets and settings

            symbols are unified (BTC/USD, ETH/USDT, BTC/USDT:USDT); without --book, --trades or
            --ticker, record and stream take all three (book depth 25); durations: 30s, 5m, 1h;
            --set overrides a connector setting (help lists them), e.g. --set ws.url=ws://127.0.0.1:8080/ws
            exchanges: %s
            formats: docs/cli.md (events, recording files)
            """;

    private static final Set<String> NONE = Set.of();
    private static final Set<String> RECORD_FLAGS = Set.of("trades", "ticker");
    private static final Set<String> STREAM_FLAGS = Set.of("trades", "ticker", "summary");
    private static final Set<String> SET = Set.of("set");

    private Cli() {
    }

    /**
     * Runs a command line with the real clock and Ctrl-C handling.
     *
     * @param args the arguments after the launcher's own, the command first
     * @param providers the installed connectors
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @return the exit status
     */
    public static int run(String[] args, Providers providers, InputStream in, PrintStream out, PrintStream err) {
        return run(args, providers, in, out, err, Timing.system());
    }

    /**
     * Runs a command line with the real clock, Ctrl-C handling and the install commands.
     *
     * @param args the arguments after the launcher's own, the command first
     * @param providers the installed connectors
     * @param installer the running installation's installer, for {@code install},
     *        {@code uninstall}, {@code list-installed} and {@code list-available}
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @return the exit status
     */
    public static int run(String[] args, Providers providers, FeatureInstaller installer, InputStream in,
            PrintStream out, PrintStream err) {
        if (args != null && args.length > 0 && InstallCommand.handles(args[0])) {
            try {
                return new InstallCommand(Objects.requireNonNull(installer, "installer"), providers, out, err).run(args);
            } catch (UsageException e) {
                return usage(err, providers, e.getMessage());
            }
        }
        return run(args, providers, in, out, err, Timing.system());
    }

    /**
     * Runs a command line.
     *
     * @param args the arguments after the launcher's own, the command first
     * @param providers the installed connectors
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @param timing the replay clock and what ends a live command
     * @return the exit status
     */
    public static int run(String[] args, Providers providers, InputStream in, PrintStream out, PrintStream err,
            Timing timing) {
        Objects.requireNonNull(providers, "providers");
        Objects.requireNonNull(timing, "timing");
        if (args == null || args.length == 0) {
            return usage(err, providers, null);
        }
        try {
            return switch (args[0]) {
                case "decode" -> decode(args, providers, in, out, err);
                case "replay" -> replay(args, providers, out, err, timing);
                case "record" -> live(args, providers, out, err, timing, true);
                case "stream" -> live(args, providers, out, err, timing, false);
                case "verify" -> verify(args, providers, out, err, timing);
                case "help", "--help", "-h" -> {
                    // Asked for: the usage is the answer, not an error.
                    out.print(usageText(providers));
                    out.print(exchangeDetails(providers));
                    out.flush();
                    yield 0;
                }
                default -> throw new UsageException(InstallCommand.handles(args[0])
                        ? "'" + args[0] + "' changes a Tradebench installation: run it from the product's tradebench"
                                + " launcher"
                        : "unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            return usage(err, providers, e.getMessage());
        }
    }

    private static int decode(String[] args, Providers providers, InputStream in, PrintStream out, PrintStream err)
            throws UsageException {
        Options o = Options.parse(args, "decode", Set.of("exchange", "market"), NONE, NONE);
        ConnectorProvider provider = provider(providers, o.value("exchange"));
        return new DecodeCommand(provider, market(provider, o.value("market"))).run(in, out, err);
    }

    private static int replay(String[] args, Providers providers, PrintStream out, PrintStream err, Timing timing)
            throws UsageException {
        Options o = Options.parse(args, "replay", Set.of("exchange", "market", "file", "speed"), NONE, NONE);
        String file = o.required("file", "replay", "F");
        double speed = Options.speed(o.value("speed"));
        ConnectorProvider provider = provider(providers, o.value("exchange"));
        RecordingReader recording;
        try {
            recording = RecordingReader.open(path(file, "--file"));
        } catch (NoSuchFileException e) {
            err.println("tradebench replay: no such file: " + file);
            return 1;
        } catch (IOException e) {
            err.println("tradebench replay: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        try {
            String recorded = recording.header().exchange();
            if (recorded != null && !recorded.equals(provider.exchangeId())) {
                throw new UsageException(file + " is a recording of " + recorded + ", not " + provider.exchangeId());
            }
            String market = o.value("market");
            String recordedMarket = recording.header().market();
            if (market != null && recordedMarket != null && !market.equals(recordedMarket)) {
                throw new UsageException(file + " is a recording of the " + recordedMarket + " market, not " + market);
            }
            market = market(provider, market != null ? market : recordedMarket);
            return new ReplayCommand(provider, market, recording, file, speed, timing.pacer()).run(out, err);
        } finally {
            try {
                recording.close();
            } catch (IOException e) {
                // read to the end or given up on: nothing is lost
            }
        }
    }

    private static int live(String[] args, Providers providers, PrintStream out, PrintStream err, Timing timing,
            boolean record) throws UsageException {
        String command = record ? "record" : "stream";
        Set<String> valued = record ? Set.of("exchange", "market", "symbols", "book", "duration", "out")
                : Set.of("exchange", "market", "symbols", "book", "duration");
        Set<String> flags = record ? RECORD_FLAGS : STREAM_FLAGS;
        Options o = Options.parse(args, command, valued, flags, SET);
        ConnectorProvider provider = provider(providers, o.value("exchange"));
        String market = market(provider, o.value("market"));
        List<String> symbols = symbols(provider, o.required("symbols", command, "S[,S..]"));
        boolean book = o.value("book") != null;
        boolean all = !book && !o.flag("trades") && !o.flag("ticker");
        int depth = book ? Options.depth(o.value("book")) : all ? LiveRequest.DEFAULT_DEPTH : 0;
        String duration = record ? o.required("duration", command, "D") : o.value("duration");
        String file = record ? o.required("out", command, "F") : null;
        Map<String, String> settings = Options.settings(o.values("set"));
        LiveRequest request = new LiveRequest(provider.exchangeId(), market, symbols, depth, all || o.flag("trades"),
                all || o.flag("ticker"), duration == null ? null : Options.duration(duration), o.flag("summary"), settings,
                file == null ? null : path(file, "--out"));
        StopSignal stop = timing.stops().get();
        try {
            return record ? new RecordCommand(provider, request, stop, timing.instrumentWait()).run(err)
                    : new StreamCommand(provider, request, stop, timing.instrumentWait()).run(out, err);
        } finally {
            stop.finished();
        }
    }

    private static int verify(String[] args, Providers providers, PrintStream out, PrintStream err, Timing timing)
            throws UsageException {
        Options o = Options.parse(args, "verify", Set.of("exchange", "market", "symbols", "duration", "plan", "report",
                "json", "replay", "book"), NONE, Set.of("set", "threshold"));
        List<ConnectorProvider> chosen = new ArrayList<>();
        for (String id : (o.value("exchange") == null ? "" : o.value("exchange")).split(",", -1)) {
            ConnectorProvider p = provider(providers, o.value("exchange") == null ? null : id.strip());
            if (!chosen.contains(p)) {
                chosen.add(p);
            }
        }
        ConnectorProvider provider = chosen.get(0);
        if (chosen.size() > 1 && (o.value("replay") != null || o.value("market") != null)) {
            throw new UsageException("--replay and --market take one exchange, not " + o.value("exchange"));
        }
        String market = o.value("market") == null ? null : market(provider, o.value("market"));
        List<String> symbols = o.value("symbols") == null ? List.of() : symbols(provider, o.value("symbols"));
        java.time.Duration duration = o.value("duration") == null ? java.time.Duration.ofSeconds(60)
                : Options.duration(o.value("duration"));
        if (duration.compareTo(java.time.Duration.ofSeconds(1)) < 0) {
            throw new UsageException("--duration must be at least 1s, was " + o.value("duration"));
        }
        String plan = o.value("plan") == null ? "standard" : o.value("plan");
        org.tradebench.verification.VerificationPlan.Kind kind = java.util.Arrays
                .stream(org.tradebench.verification.VerificationPlan.Kind.values()).filter(k -> k.wireName().equals(plan))
                .findFirst().orElseThrow(() -> new UsageException("--plan '" + plan + "' is not a plan (plans: "
                        + String.join(", ", java.util.Arrays.stream(org.tradebench.verification.VerificationPlan.Kind.values())
                                .map(org.tradebench.verification.VerificationPlan.Kind::wireName).toList())
                        + ")"));
        if (kind == org.tradebench.verification.VerificationPlan.Kind.CHAOS) {
            throw new UsageException("--plan chaos injects faults into a connector's loopback simulator, which the product"
                    + " does not carry: run it from the connector's tests (the conformance kit's ChaosPlanConformance,"
                    + " docs/verification.md)");
        }
        java.util.Map<String, String> changes = new java.util.LinkedHashMap<>();
        for (String pair : o.values("threshold")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--threshold takes KEY=VALUE, was '" + pair + "' (keys: "
                        + String.join(", ", org.tradebench.verification.Thresholds.defaults().asMap().keySet()) + ")");
            }
            changes.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        org.tradebench.verification.Thresholds thresholds;
        try {
            thresholds = org.tradebench.verification.Thresholds.defaults().with(changes);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--threshold " + e.getMessage());
        }
        int depth = o.value("book") == null ? org.tradebench.verification.VerificationPlan.DEFAULT_DEPTH
                : Options.depth(o.value("book"));
        java.nio.file.Path replay = o.value("replay") == null ? null : path(o.value("replay"), "--replay");
        java.nio.file.Path html = o.value("report") == null ? null : path(o.value("report"), "--report");
        java.nio.file.Path json = o.value("json") == null ? null : path(o.value("json"), "--json");
        org.tradebench.cli.verify.VerifyCommand.Request request = new org.tradebench.cli.verify.VerifyCommand.Request(market,
                symbols, duration, kind, depth, thresholds, Options.settings(o.values("set")), html, json, replay);
        StopSignal stop = timing.stops().get();
        try {
            if (chosen.size() == 1) {
                return new org.tradebench.cli.verify.VerifyCommand(provider, request, stop).run(out, err);
            }
            return org.tradebench.cli.verify.VerifyCommand.runAll(chosen, request, stop, out, err);
        } finally {
            stop.finished();
        }
    }

    private static Path path(String file, String option) throws UsageException {
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new UsageException(option + " '" + file + "' is not a file name: " + e.getReason());
        }
    }

    private static ConnectorProvider provider(Providers providers, String exchange) throws UsageException {
        if (exchange == null) {
            throw new UsageException("--exchange ID is required (installed: " + installed(providers) + ")");
        }
        return providers.find(exchange).orElseThrow(
                () -> new UsageException("unsupported exchange '" + exchange + "' (installed: " + installed(providers) + ")"));
    }

    private static String market(ConnectorProvider provider, String market) throws UsageException {
        List<String> markets = provider.markets();
        if (market == null) {
            return markets.get(0);
        }
        if (!markets.contains(market)) {
            throw new UsageException(provider.exchangeId() + " has no market '" + market + "' (markets: "
                    + String.join(", ", markets) + ")");
        }
        return market;
    }

    private static List<String> symbols(ConnectorProvider provider, String text) throws UsageException {
        Set<String> symbols = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String symbol = part.strip();
            if (symbol.isEmpty()) {
                throw new UsageException("--symbols takes unified symbols separated by commas, was '" + text + "'");
            }
            try {
                new InstrumentId(provider.exchangeId(), symbol);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--symbols: '" + symbol
                        + "' is not a unified symbol (BASE/QUOTE or BASE/QUOTE:SETTLE, e.g. BTC/USD, BTC/USDT:USDT)");
            }
            symbols.add(symbol);
        }
        return new ArrayList<>(symbols);
    }

    private static int usage(PrintStream err, Providers providers, String problem) {
        if (problem != null) {
            err.println("tradebench: " + problem);
            err.println();
        }
        err.print(usageText(providers));
        err.flush();
        return 2;
    }

    private static String usageText(Providers providers) {
        List<ConnectorProvider> all = providers.all();
        return USAGE.formatted(all.isEmpty() ? "none installed (install an exchange feature)" : installed(providers));
    }

    private static String installed(Providers providers) {
        List<String> ids = providers.all().stream().map(ConnectorProvider::exchangeId).toList();
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    /** Each exchange's name, markets and settings, for {@code help}. */
    private static String exchangeDetails(Providers providers) {
        StringBuilder text = new StringBuilder();
        for (ConnectorProvider p : providers.all()) {
            text.append('\n').append(p.exchangeId()).append(" (").append(p.displayName()).append("): markets ")
                    .append(String.join(", ", p.markets())).append('\n');
            List<ConnectorSetting> settings = p.settings();
            if (!settings.isEmpty()) {
                text.append("  settings (--set KEY=VALUE), with their defaults:\n");
            }
            for (ConnectorSetting s : settings) {
                text.append("    ").append(s.name()).append('=').append(s.defaultValue()).append('\n')
                        .append("        ").append(s.description()).append('\n');
            }
        }
        return text.toString();
    }
}
