package org.tradebench.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tradebench.benchmarks.BlastServer.Pacing;
import org.tradebench.benchmarks.BookClient.Verification;
import org.tradebench.benchmarks.LatencySamples.Percentiles;

/**
 * The end-to-end hot-path benchmark: a {@link BlastServer} on loopback streams a recorded Bitfinex
 * book (with checksums) or, with {@code --exchange binance}, a recorded Binance diff-depth stream
 * (with its REST snapshot) to each client in turn, in the same JVM and the same run:
 *
 * <ul>
 * <li><b>tradebench</b> ({@link TradebenchClient}, {@link BinanceTradebenchClient}): the connector to a
 * no-op book listener;</li>
 * <li><b>string</b> ({@link StringClient}): Jetty's standard WebSocket API, each message received as
 * a {@code String} and dropped;</li>
 * <li><b>ceiling</b> ({@link FrameCountingClient}): Jetty's websocket-core, frames counted: the
 * transport ceiling;</li>
 * <li><b>naive</b> ({@link NaiveClient}): Jetty's {@code String}s into a Gson tree and a
 * {@code TreeMap<BigDecimal, ...>} book with checksums (Binance: with the update-id rules).</li>
 * </ul>
 *
 * <p>With {@code --exchange binance} the run ends with the order benchmark
 * ({@link OrderEntryBenchmark}): the connector's order call to the frame written, against a plain
 * String + HMAC + Jetty client baseline.
 *
 * <p>Throughput runs blast the recording as fast as the socket takes; rounds interleave the clients
 * (the first rounds warm the JIT and are not counted) and the median run is reported with the
 * ratios tradebench / string and tradebench / ceiling. Each run also records the garbage
 * collections during it and the bytes each of the client's threads allocated between 20 % and 80 %
 * of the stream (steady state), per message. Latency runs pace the stream at a fixed rate and
 * report, per book update the listener hears, the time from the transport's receive stamp to the
 * listener ({@code frame → listener}) and from the server's write of the frame
 * ({@code send → listener}); the ceiling client gives the transport's own share (send → frame
 * handler).
 *
 * <pre>
 * java -cp benchmarks.jar org.tradebench.benchmarks.EndToEndBenchmark [--exchange bitfinex|binance]
 *      [--frames 1000000] [--rounds 3] [--warmup 1] [--paced-rate 50000] [--paced-seconds 10]
 *      [--paced-rounds 3] [--clients tradebench,string,ceiling,naive] [--orders 5000] [--seed S] [--report FILE]
 * </pre>
 *
 * <p>A run whose client got anything wrong (a checksum, the final book, a reset) makes the
 * benchmark exit with status 1: a fast wrong answer does not count. Not thread-safe: one benchmark
 * per JVM.
 */
public final class EndToEndBenchmark {

    /** The clients, in the order they run within a round. */
    public static final List<String> CLIENTS = List.of("tradebench", "string", "ceiling", "naive");

    /** The allocation window: from this share of the stream ... */
    static final double WINDOW_FROM = 0.2;
    /** ... to this one. */
    static final double WINDOW_TO = 0.8;
    /** Latency samples of frames before this share of a paced stream are warm-up. */
    static final double LATENCY_SKIP = 0.1;

    private EndToEndBenchmark() {
    }

    /**
     * What to run.
     *
     * @param frames frames per throughput run
     * @param warmupRounds rounds run first and not counted
     * @param rounds measured rounds (each client once per round)
     * @param pacedRate messages per second of the latency runs
     * @param pacedSeconds length of a latency run
     * @param pacedRounds latency runs of the connector
     * @param clients which clients
     * @param seed the recording's seed
     * @param report a file to write the output to as well, or null
     * @param exchange whose stream (and, for Binance, order entry)
     * @param orders measured orders of the order benchmark (Binance; 0: none)
     */
    public record Options(int frames, int warmupRounds, int rounds, int pacedRate, int pacedSeconds, int pacedRounds,
            List<String> clients, long seed, Path report, Recording.Exchange exchange, int orders) {

        /** Validates. */
        public Options {
            if (frames < 1000) {
                throw new IllegalArgumentException("--frames must be >= 1000, was " + frames);
            }
            if (warmupRounds < 0 || rounds < 1 || pacedRounds < 0 || pacedRate < 1 || pacedSeconds < 1) {
                throw new IllegalArgumentException("rounds must be >= 1, warm-up and paced rounds >= 0, the paced rate"
                        + " and length >= 1");
            }
            clients = List.copyOf(clients);
            Objects.requireNonNull(exchange, "exchange");
            if (orders < 0) {
                throw new IllegalArgumentException("--orders must be >= 0, was " + orders);
            }
            for (String c : clients) {
                if (!CLIENTS.contains(c)) {
                    throw new IllegalArgumentException("unknown client '" + c + "' (known: " + CLIENTS + ")");
                }
            }
        }

        /** The published configuration. */
        public static Options defaults() {
            return new Options(1_000_000, 1, 3, 50_000, 10, 3, CLIENTS, BitfinexBookRecording.DEFAULT_SEED, null,
                    Recording.Exchange.BITFINEX, 5_000);
        }

        /**
         * Frames per throughput run when {@code --frames} is not given: Bitfinex 1,000,000 (44 MB),
         * Binance 400,000 (about 100 MB: a diff is five times a Bitfinex update).
         *
         * @param exchange the exchange
         * @return frames
         */
        public static int defaultFrames(Recording.Exchange exchange) {
            return exchange == Recording.Exchange.BINANCE ? 400_000 : 1_000_000;
        }

        /**
         * Reads command-line options over the defaults.
         *
         * @param args the arguments
         * @return the options
         */
        public static Options parse(String... args) {
            Options o = defaults();
            int frames = -1;
            Recording.Exchange exchange = o.exchange;
            int orders = o.orders;
            int warmup = o.warmupRounds;
            int rounds = o.rounds;
            int rate = o.pacedRate;
            int seconds = o.pacedSeconds;
            int pacedRounds = o.pacedRounds;
            List<String> clients = o.clients;
            long seed = o.seed;
            Path report = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--frames" -> frames = Integer.parseInt(v.replace("_", ""));
                    case "--warmup" -> warmup = Integer.parseInt(v);
                    case "--rounds" -> rounds = Integer.parseInt(v);
                    case "--paced-rate" -> rate = Integer.parseInt(v.replace("_", ""));
                    case "--paced-seconds" -> seconds = Integer.parseInt(v);
                    case "--paced-rounds" -> pacedRounds = Integer.parseInt(v);
                    case "--clients" -> clients = List.of(v.split(","));
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--report" -> report = Path.of(v);
                    case "--exchange" -> exchange = Recording.Exchange.of(v);
                    case "--orders" -> orders = Integer.parseInt(v.replace("_", ""));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            return new Options(frames < 0 ? defaultFrames(exchange) : frames, warmup, rounds, rate, seconds,
                    pacedRounds, clients, seed, report, exchange, orders);
        }
    }

    /**
     * Garbage collections so far (all collectors of the JVM: young and old pauses, concurrent cycles).
     *
     * @param count collections
     * @param millis their accumulated time as the JVM reports it
     */
    public record GcCount(long count, long millis) {

        /** The counters now. */
        public static GcCount now() {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            return new GcCount(count, millis);
        }

        /**
         * The collections since an earlier reading.
         *
         * @param earlier the earlier reading
         * @return the difference
         */
        public GcCount minus(GcCount earlier) {
            return new GcCount(count - earlier.count, millis - earlier.millis);
        }
    }

    /**
     * What a client's threads allocated and computed over a window of the stream (steady state).
     *
     * @param frames data frames processed in the window
     * @param nanos the window's wall-clock length
     * @param threads each thread's bytes and CPU time
     */
    public record Window(long frames, long nanos, List<ThreadCounters.Use> threads) {

        /** Validates. */
        public Window {
            threads = List.copyOf(threads);
        }

        /** Bytes of all threads. */
        public long totalBytes() {
            return threads.stream().mapToLong(ThreadCounters.Use::bytes).sum();
        }

        /** Bytes per message over all threads. */
        public double bytesPerMessage() {
            return frames == 0 ? 0 : (double) totalBytes() / frames;
        }

        /** CPU nanoseconds per message over all threads (-1 when unknown). */
        public double cpuNanosPerMessage() {
            if (frames == 0 || threads.stream().anyMatch(u -> u.cpuNanos() < 0)) {
                return -1;
            }
            return (double) threads.stream().mapToLong(ThreadCounters.Use::cpuNanos).sum() / frames;
        }
    }

    /**
     * One client's run.
     *
     * @param client the client's name
     * @param pacing blast or paced
     * @param frames data frames streamed
     * @param elapsedNanos from the server's first write to the client's processing of the last frame
     * @param gc collections during the run
     * @param window the steady-state window (null when the run was too short to take one)
     * @param verification what the client verified (null for clients that only receive)
     * @param updates callbacks of the connector's listener (0 for the others)
     * @param frameToListener paced tradebench runs: transport receive stamp to listener, else null
     * @param sendToListener paced runs: server write to listener (ceiling: to frame handler), else null
     */
    public record RunResult(String client, Pacing pacing, int frames, long elapsedNanos, GcCount gc,
            Window window, Verification verification, long updates, Percentiles frameToListener,
            Percentiles sendToListener) {

        /** Messages per second over the run. */
        public double messagesPerSecond() {
            return frames * 1e9 / elapsedNanos;
        }

        /** Whether the client's checks (if any) passed. */
        public boolean ok() {
            return verification == null || verification.ok();
        }
    }

    /**
     * Makes a client.
     *
     * @param name one of {@link #CLIENTS}
     * @param recording what it will receive
     * @return a new client
     */
    public static BookClient client(String name, Recording recording) {
        return switch (name) {
            case "tradebench" -> recording instanceof BinanceDepthRecording b ? new BinanceTradebenchClient(b)
                    : new TradebenchClient((BitfinexBookRecording) recording);
            case "string" -> new StringClient(recording);
            case "ceiling" -> new FrameCountingClient(recording);
            case "naive" -> new NaiveClient(recording);
            default -> throw new IllegalArgumentException("unknown client '" + name + "' (known: " + CLIENTS + ")");
        };
    }

    /**
     * Runs one client over one streaming of a recording and closes it.
     *
     * @param server the server
     * @param client a new client for {@code recording}
     * @param recording what the server streams
     * @param pacing blast or a rate
     * @param timeout the longest the run may take
     * @return the result
     * @throws Exception when the client cannot connect, fails or does not finish in time
     */
    public static RunResult run(BlastServer server, BookClient client, Recording recording, Pacing pacing,
            Duration timeout) throws Exception {
        try (client) {
            int n = recording.frameCount();
            // the frames written before the handshake completes are not timed (Binance's prelude)
            int timed = n - recording.firstTimedFrame();
            long windowFrom = (long) (n * WINDOW_FROM);
            long windowTo = (long) (n * WINDOW_TO);
            String[] threads = client.threadPrefixes();
            GcCount gcBefore = GcCount.now();
            BlastServer.Stream stream = server.expect(recording, pacing);
            client.start(server);
            long deadline = System.nanoTime() + timeout.toNanos();
            ThreadCounters.Sample first = null;
            ThreadCounters.Sample last = null;
            long firstProgress = 0;
            long lastProgress = 0;
            long firstNanos = 0;
            long lastNanos = 0;
            // Samples the thread counters as the client passes 20 % and 80 % of the stream; polling
            // every 0.2 ms costs about 1 % of a core and misses the mark by at most 0.2 ms of frames.
            while (!client.ended() && last == null && System.nanoTime() < deadline) {
                long p = client.progress();
                if (first == null && p >= windowFrom) {
                    firstProgress = p;
                    firstNanos = System.nanoTime();
                    first = ThreadCounters.sample(threads);
                } else if (first != null && p >= windowTo) {
                    lastProgress = p;
                    lastNanos = System.nanoTime();
                    last = ThreadCounters.sample(threads);
                } else {
                    LockSupport.parkNanos(200_000);
                }
            }
            long end = client.awaitEnd(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (first != null && last == null) {
                // The stream ended before this thread saw 80 % (a busy machine can keep it off the
                // CPU that long): the window closes at the end instead, the client still running.
                lastProgress = client.progress();
                lastNanos = System.nanoTime();
                last = ThreadCounters.sample(threads);
            }
            if (!stream.awaitDone(Duration.ofSeconds(10))) {
                throw new IllegalStateException("the server did not finish writing after " + client.name() + " ended");
            }
            if (stream.failure() != null) {
                throw new IllegalStateException("the server's stream to " + client.name() + " failed", stream.failure());
            }
            GcCount gc = GcCount.now().minus(gcBefore);
            Window window = first == null || last == null ? null
                    : new Window(lastProgress - firstProgress, lastNanos - firstNanos, last.minus(first));
            Verification verification = client.verification();
            long updates = 0;
            Percentiles frameToListener = null;
            Percentiles sendToListener = null;
            int skip = (int) (n * LATENCY_SKIP);
            if (client instanceof ConnectorClient t) {
                updates = t.updates();
                if (!pacing.isBlast()) {
                    LatencySamples s = t.samples();
                    frameToListener = s.percentiles(i -> s.callNanos(i) - s.receivedNanos(i), skip);
                    sendToListener = s.percentiles(i -> s.callNanos(i) - stream.sendNanos(s.frame(i)), skip);
                }
            } else if (client instanceof FrameCountingClient c && !pacing.isBlast()) {
                LatencySamples s = c.samples();
                sendToListener = s.percentiles(i -> s.callNanos(i) - stream.sendNanos(s.frame(i)), skip);
            }
            return new RunResult(client.name(), pacing, timed, end - stream.startNanos(), gc, window, verification,
                    updates, frameToListener, sendToListener);
        }
    }

    /**
     * Runs the benchmark and prints the figures.
     *
     * @param args see {@link Options#parse}
     * @throws Exception when a run cannot be made
     */
    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("EndToEndBenchmark: " + e.getMessage());
            System.err.println("usage: EndToEndBenchmark [--exchange bitfinex|binance] [--frames N] [--warmup R]"
                    + " [--rounds R] [--paced-rate N] [--paced-seconds S] [--paced-rounds R] [--clients a,b,c]"
                    + " [--orders N] [--seed S] [--report FILE]");
            System.exit(2);
            return;
        }
        quietLogs();
        Report out = new Report();
        boolean ok = run(options, out);
        if (options.report() != null) {
            Files.writeString(options.report(), out.text());
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * Runs the whole benchmark.
     *
     * @param o what to run
     * @param out where the figures go
     * @return whether every client verified everything
     * @throws Exception when a run cannot be made
     */
    public static boolean run(Options o, Report out) throws Exception {
        out.line("Tradebench end-to-end benchmark (" + o.exchange().id() + "), " + ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        out.line(environment());
        long t0 = System.nanoTime();
        Recording blast = recording(o.exchange(), o.seed(), o.frames());
        int pacedFrames = (int) Math.min(Integer.MAX_VALUE - 16, (long) o.pacedRate() * o.pacedSeconds());
        Recording paced = o.pacedRounds() == 0 ? blast : recording(o.exchange(), o.seed(), Math.max(16, pacedFrames));
        out.line(String.format("Recording (seed %d, made in %.1f s): %s; %,d bytes on the wire; %,d commits",
                o.seed(), (System.nanoTime() - t0) / 1e9, blast.describe(), blast.wire().length, blast.commits()));
        List<RunResult> measured = new ArrayList<>();
        List<RunResult> latency = new ArrayList<>();
        boolean ok = true;
        try (BlastServer server = new BlastServer(blast)) {
            int total = o.warmupRounds() + o.rounds();
            for (int round = 0; round < total; round++) {
                boolean warmup = round < o.warmupRounds();
                for (String name : o.clients()) {
                    RunResult r = run(server, client(name, blast), blast, Pacing.blast(), timeout(blast, name));
                    ok &= r.ok();
                    out.line(String.format("round %d/%d%s %-10s %s", round + 1, total, warmup ? " (warm-up)" : "",
                            name, describe(r)));
                    if (!warmup) {
                        measured.add(r);
                    }
                }
            }
            Pacing pacing = Pacing.rate(o.pacedRate());
            for (int i = 0; i < o.pacedRounds(); i++) {
                for (String name : List.of("tradebench", "ceiling")) {
                    if (!o.clients().contains(name) || (name.equals("ceiling") && i > 0)) {
                        continue;
                    }
                    RunResult r = run(server, client(name, paced), paced, pacing,
                            Duration.ofSeconds(o.pacedSeconds() * 3L + 30));
                    ok &= r.ok();
                    out.line(String.format("paced %d/%d %-10s %s", i + 1, o.pacedRounds(), name, describe(r)));
                    latency.add(r);
                }
            }
            summary(o, blast, paced, measured, latency, ok, out);
            if (o.exchange() == Recording.Exchange.BINANCE && o.orders() > 0) {
                ok &= OrderEntryBenchmark.run(server, o.orders(), out);
            }
        }
        out.line("");
        out.line(ok ? "Every run verified what its client checks." : "SOME RUNS WERE WRONG (see above).");
        return ok;
    }

    /**
     * Generates a recording.
     *
     * @param exchange whose
     * @param seed the seed
     * @param frames data frames
     * @return the recording
     */
    public static Recording recording(Recording.Exchange exchange, long seed, int frames) {
        return exchange == Recording.Exchange.BINANCE ? BinanceDepthRecording.generate(seed, frames)
                : BitfinexBookRecording.generate(seed, frames);
    }

    private static Duration timeout(Recording r, String client) {
        // generous: the naive client reads about 10^5 frames a second on a small machine
        return Duration.ofSeconds(60 + r.frameCount() / (client.equals("naive") ? 10_000 : 50_000));
    }

    private static String describe(RunResult r) {
        StringBuilder b = new StringBuilder();
        if (r.pacing().isBlast()) {
            b.append(String.format("%,12.0f msgs/s", r.messagesPerSecond()));
        } else {
            b.append(r.pacing());
        }
        b.append(String.format(", %d GCs (%d ms)", r.gc().count(), r.gc().millis()));
        if (r.window() != null) {
            b.append(String.format(", %.2f B/msg, %.0f ns CPU/msg", r.window().bytesPerMessage(),
                    r.window().cpuNanosPerMessage()));
        }
        if (r.frameToListener() != null) {
            b.append(", frame→listener ").append(r.frameToListener());
        }
        if (r.sendToListener() != null) {
            b.append(r.client().equals("ceiling") ? ", send→frame " : ", send→listener ").append(r.sendToListener());
        }
        if (r.verification() != null) {
            b.append(r.verification().ok() ? ", ok: " : ", WRONG: ").append(r.verification());
        }
        return b.toString();
    }

    private static void summary(Options o, Recording blast, Recording paced,
            List<RunResult> measured, List<RunResult> latency, boolean ok, Report out) {
        out.line("");
        out.line(String.format("=== Throughput (%s): blast over loopback, %,d frames per run, median of %d runs ===",
                o.exchange().id(), blast.frameCount() - blast.firstTimedFrame(), o.rounds()));
        Map<String, Double> median = new LinkedHashMap<>();
        for (String name : o.clients()) {
            List<RunResult> runs = measured.stream().filter(r -> r.client().equals(name)).toList();
            double[] rates = runs.stream().mapToDouble(RunResult::messagesPerSecond).sorted().toArray();
            median.put(name, median(rates));
        }
        Double string = median.get("string");
        Double ceiling = median.get("ceiling");
        out.line(String.format("%-11s %13s  %-38s %9s %10s %8s %9s %9s", "client", "msgs/s", "runs", "vs string",
                "vs ceiling", "GCs/run", "B/msg", "CPU ns/msg"));
        for (String name : o.clients()) {
            List<RunResult> runs = measured.stream().filter(r -> r.client().equals(name)).toList();
            double m = median.get(name);
            String each = String.join(" ", runs.stream().map(r -> String.format("%,.0f", r.messagesPerSecond())).toList());
            double gcs = runs.stream().mapToLong(r -> r.gc().count()).average().orElse(0);
            double bpm = median(runs.stream().filter(r -> r.window() != null)
                    .mapToDouble(r -> r.window().bytesPerMessage()).sorted().toArray());
            double cpu = median(runs.stream().filter(r -> r.window() != null)
                    .mapToDouble(r -> r.window().cpuNanosPerMessage()).sorted().toArray());
            out.line(String.format("%-11s %,13.0f  %-38s %9s %10s %8.1f %9s %9s", name, m, each,
                    string == null ? "" : String.format("%.2f×", m / string),
                    ceiling == null ? "" : String.format("%.0f %%", 100 * m / ceiling), gcs,
                    Double.isNaN(bpm) ? "-" : String.format("%.2f", bpm),
                    Double.isNaN(cpu) ? "-" : String.format("%.0f", cpu)));
        }
        out.line("(B/msg and CPU ns/msg: all of the client's threads, between " + (int) (100 * WINDOW_FROM) + " % and "
                + (int) (100 * WINDOW_TO) + " % of the stream, median run; the server's threads are not counted)");
        Double tradebench = median.get("tradebench");
        if (tradebench != null && string != null) {
            double ratio = tradebench / string;
            out.line(String.format("Target tradebench ≥ 5× string: %s (%.2f×)", ratio >= 5 ? "met" : "NOT met", ratio));
        }
        if (tradebench != null && ceiling != null) {
            double share = tradebench / ceiling;
            out.line(String.format("Target tradebench ≥ 70 %% of the ceiling: %s (%.0f %%)", share >= 0.7 ? "met"
                    : "NOT met", 100 * share));
        }
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (String name : o.clients()) {
            cpu.put(name, median(measured.stream().filter(r -> r.client().equals(name) && r.window() != null)
                    .mapToDouble(r -> r.window().cpuNanosPerMessage()).sorted().toArray()));
        }
        Double ourCpu = cpu.get("tradebench");
        if (ourCpu != null && !Double.isNaN(ourCpu)) {
            // CPU time per message does not depend on how busy the machine is the way msgs/s does.
            StringBuilder b = new StringBuilder(String.format("CPU per message (all client threads): tradebench %.0f ns",
                    ourCpu));
            for (String name : List.of("string", "ceiling", "naive")) {
                Double c = cpu.get(name);
                if (c != null && !Double.isNaN(c)) {
                    b.append(String.format("; %s %.0f ns (tradebench/%s per CPU second %.2f×)", name, c, name,
                            c / ourCpu));
                }
            }
            out.line(b.toString());
        }
        for (String name : o.clients()) {
            measured.stream().filter(r -> r.client().equals(name) && r.verification() != null).reduce((a, b) -> b)
                    .ifPresent(r -> out.line(name + ", last run: " + r.verification()));
        }
        if (!latency.isEmpty()) {
            out.line("");
            out.line(String.format("=== Latency (%s): paced %s, %,d frames per run, first %.0f %% of each run skipped ===",
                    o.exchange().id(), latency.get(0).pacing(), paced.frameCount(), 100 * LATENCY_SKIP));
            for (RunResult r : latency) {
                if (r.client().equals("tradebench")) {
                    out.line(String.format("tradebench frame→listener %s%n           send→listener  %s%n"
                            + "           %,d updates for %,d commits, %d GCs (%d ms)", r.frameToListener(),
                            r.sendToListener(), r.updates(), paced.commits(), r.gc().count(), r.gc().millis()));
                } else {
                    out.line(String.format("ceiling    send→frame     %s, %d GCs", r.sendToListener(), r.gc().count()));
                }
            }
            List<RunResult> ours = latency.stream().filter(r -> r.client().equals("tradebench")).toList();
            if (!ours.isEmpty()) {
                long p99 = (long) median(ours.stream().mapToDouble(r -> r.frameToListener().p99()).sorted().toArray());
                out.line(String.format("Target frame→listener p99 < 100 µs: %s (median p99 of %d runs %s)",
                        p99 < 100_000 ? "met" : "NOT met", ours.size(), Percentiles.micros(p99)));
            }
        }
        out.line("");
        out.line("=== Allocation and CPU per thread, steady state (" + (int) (100 * WINDOW_FROM) + "-"
                + (int) (100 * WINDOW_TO) + " % of the stream), last run of each client ===");
        for (String name : o.clients()) {
            measured.stream().filter(r -> r.client().equals(name) && r.window() != null).reduce((x, y) -> y)
                    .ifPresent(r -> threads(r, out));
        }
        latency.stream().filter(r -> r.client().equals("tradebench") && r.window() != null).reduce((x, y) -> y)
                .ifPresent(r -> threads(r, out));
    }

    private static void threads(RunResult r, Report out) {
        Window w = r.window();
        out.line(String.format("%s, %s run, %,d frames in %.0f ms: %,d bytes = %.3f B/msg, %.0f ns CPU/msg", r.client(),
                r.pacing(), w.frames(), w.nanos() / 1e6, w.totalBytes(), w.bytesPerMessage(), w.cpuNanosPerMessage()));
        w.threads().stream().sorted(Comparator.comparingLong(ThreadCounters.Use::cpuNanos).reversed())
                .filter(u -> u.bytes() > 0 || u.cpuNanos() > 0)
                .forEach(u -> out.line(String.format("    %-28s %,14d B %10.3f B/msg %8.0f ns CPU/msg %5.0f %% busy",
                        u.name(), u.bytes(), (double) u.bytes() / w.frames(), (double) u.cpuNanos() / w.frames(),
                        100.0 * u.cpuNanos() / w.nanos())));
    }

    private static double median(double[] sorted) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    static String environment() {
        Runtime rt = Runtime.getRuntime();
        String gcs = String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList());
        String load = "";
        try {
            load = ", load average " + Files.readString(Path.of("/proc/loadavg")).strip().replaceAll("^(\\S+ \\S+ \\S+).*",
                    "$1");
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux
        }
        return String.format("JDK %s (%s, %s), %d cores%s, heap %d MiB, GC %s, %s", Runtime.version(),
                System.getProperty("java.vendor"), System.getProperty("java.vm.name"), rt.availableProcessors(), load,
                rt.maxMemory() >> 20, gcs, cpu());
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.replaceAll("^model name\\s*:\\s*", "")).orElse("cpu unknown");
        } catch (java.io.IOException | RuntimeException e) {
            return "cpu unknown";
        }
    }

    /** The connector logs connects and warnings through System.Logger (JUL here): warnings only. */
    private static void quietLogs() {
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        Arrays.stream(root.getHandlers()).forEach(h -> h.setLevel(Level.WARNING));
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    /** Lines printed as they come and kept for the report file. */
    public static final class Report {
        private final StringBuilder text = new StringBuilder();
        private final boolean print;

        /** A report that also prints. */
        public Report() {
            this(true);
        }

        /**
         * @param print whether lines are printed as they come
         */
        public Report(boolean print) {
            this.print = print;
        }

        /**
         * Adds a line.
         *
         * @param line the line
         */
        public synchronized void line(String line) {
            Objects.requireNonNull(line, "line");
            text.append(line).append('\n');
            if (print) {
                System.out.println(line);
                System.out.flush();
            }
        }

        /** Everything so far. */
        public synchronized String text() {
            return text.toString();
        }
    }
}
