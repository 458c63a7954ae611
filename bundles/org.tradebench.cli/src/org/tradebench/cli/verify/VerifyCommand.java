package org.tradebench.cli.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.api.spi.StreamDecoder;
import org.tradebench.cli.args.UsageException;
import org.tradebench.cli.live.StopSignal;
import org.tradebench.cli.recording.RecordingReader;
import org.tradebench.verification.CheckResult;
import org.tradebench.verification.ReportHtml;
import org.tradebench.verification.ReportJson;
import org.tradebench.verification.Thresholds;
import org.tradebench.verification.VerificationPlan;
import org.tradebench.verification.VerificationReport;
import org.tradebench.verification.Verifier;
import org.tradebench.verification.internal.Probe;

/**
 * {@code tradebench verify --exchange ID [--symbols S[,S..]] [--duration 60s] [--plan standard]
 * [--report out.html] [--json out.json] [--replay FILE] [--threshold KEY=VALUE ..] [--set KEY=VALUE ..]}:
 * runs the verification engine against a connector of its own (or over a recording), prints a
 * progress line each second on standard error and the verdict table on standard output, and writes
 * the reports.
 *
 * <p>Exit status: 0 when the verdict is pass or warn, 1 when it is fail (or the connector, the
 * recording or a report file failed), 2 for a usage error (the caller maps {@link UsageException}).
 */
public final class VerifyCommand {

    /** What the command was asked. */
    public record Request(String market, List<String> symbols, Duration duration, VerificationPlan.Kind kind, int depth,
            Thresholds thresholds, Map<String, String> settings, Path html, Path json, Path replay) {
    }

    private final ConnectorProvider provider;
    private final Request request;
    private final StopSignal stop;

    /**
     * Creates the command.
     *
     * @param provider the exchange's connector provider
     * @param request what to do
     * @param stop ends a live run early (Ctrl-C)
     */
    public VerifyCommand(ConnectorProvider provider, Request request, StopSignal stop) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.request = Objects.requireNonNull(request, "request");
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    /**
     * Runs the verification.
     *
     * @param out the verdict table
     * @param err progress lines and messages
     * @return 0 pass or warn, 1 fail
     * @throws UsageException when the connector refuses a setting or a symbol is unknown
     */
    public int run(PrintStream out, PrintStream err) throws UsageException {
        VerificationReport report;
        if (request.replay() != null) {
            report = replay(err);
            if (report == null) {
                return 1;
            }
        } else {
            report = live(err);
            if (report == null) {
                return 1;
            }
        }
        print(report, out);
        int status = report.verdict() == org.tradebench.verification.Verdict.FAIL ? 1 : 0;
        try {
            if (request.html() != null) {
                ReportHtml.write(report, request.html());
                err.println("tradebench verify: report written to " + request.html());
            }
            if (request.json() != null) {
                ReportJson.write(report, request.json());
                err.println("tradebench verify: JSON written to " + request.json());
            }
        } catch (IOException e) {
            err.println("tradebench verify: cannot write the report: " + e.getMessage());
            return 1;
        }
        return status;
    }

    /**
     * Runs the same request against several exchanges side by side, each with its own connector and
     * its own reports ({@code out.html} becomes {@code out-<exchange>.html}), then prints each verdict
     * table in order and an overall line.
     *
     * @param providers the exchanges
     * @param request the request (without a replay)
     * @param stop ends every run early
     * @param out the verdict tables
     * @param err progress lines, prefixed with each exchange
     * @return 0 when no verdict is fail, else 1
     * @throws UsageException when a connector refuses a setting or a symbol
     */
    public static int runAll(List<ConnectorProvider> providers, Request request, StopSignal stop, PrintStream out,
            PrintStream err) throws UsageException {
        List<java.io.ByteArrayOutputStream> outputs = new java.util.ArrayList<>();
        List<java.util.concurrent.CompletableFuture<Integer>> runs = new java.util.ArrayList<>();
        for (ConnectorProvider p : providers) {
            Request own = new Request(request.market(), request.symbols(), request.duration(), request.kind(),
                    request.depth(), request.thresholds(), request.settings(), suffixed(request.html(), p.exchangeId()),
                    suffixed(request.json(), p.exchangeId()), null);
            java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
            outputs.add(buffer);
            PrintStream mine = new PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8);
            runs.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new VerifyCommand(p, own, stop).run(mine, err);
                } catch (UsageException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }));
        }
        int status = 0;
        List<String> verdicts = new java.util.ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            int s;
            try {
                s = runs.get(i).join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof UsageException u) {
                    throw new UsageException(providers.get(i).exchangeId() + ": " + u.getMessage());
                }
                throw e;
            }
            status = Math.max(status, s);
            String text = outputs.get(i).toString(java.nio.charset.StandardCharsets.UTF_8);
            out.print(text);
            String first = text.lines().findFirst().orElse("");
            String verdict = first.startsWith("verification of ") && first.contains("): ")
                    ? first.substring(first.lastIndexOf("): ") + 3) : (s == 0 ? "PASS" : "FAIL");
            verdicts.add(providers.get(i).exchangeId() + " " + verdict);
        }
        out.println("overall: " + (status == 0 ? "PASS" : "FAIL") + " (" + String.join(", ", verdicts) + ")");
        out.flush();
        return status;
    }

    private static Path suffixed(Path file, String exchange) {
        if (file == null) {
            return null;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String renamed = dot > 0 ? name.substring(0, dot) + "-" + exchange + name.substring(dot) : name + "-" + exchange;
        return file.resolveSibling(renamed);
    }

    private VerificationReport live(PrintStream err) throws UsageException {
        String exchange = provider.exchangeId();
        OpenConnector open;
        List<String> symbols = request.symbols();
        // without --symbols the connector's instruments decide, once it is open
        VerificationPlan plan = new VerificationPlan(exchange, symbols.isEmpty() ? List.of("BTC/USD") : symbols,
                request.duration(), request.kind(), request.depth(), request.thresholds());
        Verifier verifier = new Verifier(plan);
        try {
            open = provider.open(request.settings(), verifier.frameTap());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() == null ? "the " + exchange + " connector refused its settings"
                    : e.getMessage());
        } catch (RuntimeException e) {
            err.println("tradebench verify: cannot open the " + exchange + " connector: " + e.getMessage());
            return null;
        }
        try (open) {
            ExchangeConnector connector = open.connector();
            if (symbols.isEmpty()) {
                symbols = List.of(defaultSymbol(connector));
                verifier = verifier.withSymbols(symbols);
                err.println("tradebench verify: no --symbols given, verifying " + symbols.get(0));
            }
            AtomicBoolean stopped = new AtomicBoolean();
            Thread waiter = new Thread(() -> {
                try {
                    if (stop.await(null)) {
                        stopped.set(true);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "tradebench-verify-stop");
            waiter.setDaemon(true);
            waiter.start();
            err.println("tradebench verify: " + exchange + " " + String.join(",", symbols) + " for "
                    + Thresholds.text(request.duration()) + " (plan " + request.kind().wireName() + ")");
            VerificationReport r = verifier.run(connector, p -> err.println("verify " + exchange + ": " + p.line()),
                    stopped::get);
            waiter.interrupt();
            return r;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("tradebench verify: interrupted");
            return null;
        }
    }

    private static String defaultSymbol(ExchangeConnector c) throws InterruptedException {
        long deadline = System.nanoTime() + Verifier.INSTRUMENT_WAIT.toNanos();
        List<Instrument> list = c.instruments();
        while (list.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            list = c.instruments();
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("the " + c.id() + " connector listed no instruments; give --symbols");
        }
        return list.stream().map(i -> i.id().symbol()).filter(s -> s.startsWith("BTC/")).findFirst()
                .orElse(list.get(0).id().symbol());
    }

    private VerificationReport replay(PrintStream err) throws UsageException {
        String exchange = provider.exchangeId();
        RecordingReader recording;
        try {
            recording = RecordingReader.open(request.replay());
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("tradebench verify: no such file: " + request.replay());
            return null;
        } catch (IOException e) {
            err.println("tradebench verify: cannot read " + request.replay() + ": " + e.getMessage());
            return null;
        }
        try (recording) {
            String recorded = recording.header().exchange();
            if (recorded != null && !recorded.equals(exchange)) {
                throw new UsageException(request.replay() + " is a recording of " + recorded + ", not " + exchange);
            }
            String market = request.market() != null ? request.market()
                    : recording.header().market() != null ? recording.header().market() : provider.markets().get(0);
            AtomicLong now = new AtomicLong(-1);
            Probe probe = new Probe(request.thresholds(), now::get);
            StreamDecoder decoder = provider.decoder(market, probe.decoded());
            long first = -1;
            long frames = 0;
            RecordingReader.Entry entry;
            while ((entry = recording.next()) != null) {
                if (entry instanceof RecordingReader.Bad bad) {
                    probe.decodeError(bad.message());
                    continue;
                }
                RecordingReader.Frame f = (RecordingReader.Frame) entry;
                now.set(f.receivedMillis());
                if (first < 0) {
                    first = f.receivedMillis();
                    probe.start();
                }
                frames++;
                try {
                    decoder.decode(f.session(), f.frame(), 0, f.frame().length, f.receivedMillis());
                } catch (IllegalArgumentException e) {
                    probe.decodeError(e.getMessage());
                }
            }
            decoder.flush();
            long end = Math.max(now.get(), first + 1000);
            if (first < 0) {
                err.println("tradebench verify: " + request.replay() + " holds no frame");
                return null;
            }
            List<String> symbols = request.symbols().isEmpty() ? probe.symbols() : request.symbols();
            if (symbols.isEmpty()) {
                err.println("tradebench verify: " + request.replay() + " holds no market data event");
                return null;
            }
            Duration span = Duration.ofMillis(end - first);
            VerificationPlan plan = new VerificationPlan(exchange, symbols, span, request.kind(), request.depth(),
                    request.thresholds());
            Probe.Measurements m = probe.measurements(end);
            List<String> notes = new java.util.ArrayList<>();
            notes.add(String.format(Locale.ROOT, "replay of %s: %,d frames, %s of recorded traffic", request.replay(),
                    frames, Thresholds.text(Duration.ofSeconds(Math.max(1, span.toSeconds())))));
            if (recording.truncated()) {
                notes.add("the recording ends early (the recorder did not finish it)");
            }
            return Verifier.assemble(plan, exchange, provider.displayName(), "replay", m, false, 0, notes, false);
        } catch (IOException e) {
            err.println("tradebench verify: cannot read " + request.replay() + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * Prints the verdict table.
     *
     * @param r the report
     * @param out where to
     */
    static void print(VerificationReport r, PrintStream out) {
        out.printf(Locale.ROOT, "verification of %s (%s, plan %s): %s%n", r.exchangeName(), r.mode(),
                r.plan().kind().wireName(), r.verdict().wireName().toUpperCase(Locale.ROOT));
        int width = r.checks().stream().mapToInt(c -> c.title().length()).max().orElse(10);
        for (CheckResult c : r.checks()) {
            out.printf(Locale.ROOT, "  %-4s  %-" + width + "s  %s%n", c.verdict().wireName().toUpperCase(Locale.ROOT),
                    c.title(), c.reason());
        }
        for (String n : r.notes()) {
            out.println("  note: " + n);
        }
        out.flush();
    }
}
