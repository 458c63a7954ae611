package org.tradebench.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Prints the summary of a {@link BitfinexBookBenchmark} run from JMH's JSON result
 * ({@code -rf json -rff FILE}): messages per second per core for each pipeline, the ratio against
 * the baseline measured in the same run, bytes allocated per message, and the targets.
 *
 * <pre>
 * java -cp target/benchmarks.jar org.tradebench.benchmarks.BenchmarkSummary target/jmh-result.json
 * </pre>
 */
public final class BenchmarkSummary {

    /** Messages per second per core that the decode + apply path must reach. */
    public static final double TARGET_MESSAGES_PER_SECOND = 1_000_000;

    /** How many times the baseline's throughput it must reach. */
    public static final double TARGET_RATIO = 10;

    /** Bytes per message below which allocation counts as none (JMH's per-op accounting noise). */
    public static final double ZERO_ALLOCATION_BYTES = 1;

    /** One benchmark's result. */
    record Result(String name, int threads, double score, double error, double bytesPerOp, int frames, long seed) {
    }

    private BenchmarkSummary() {
    }

    /**
     * Prints the summary.
     *
     * @param args the JMH JSON result file
     * @throws IOException when the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BenchmarkSummary JMH-RESULT.json");
            System.exit(2);
        }
        List<Result> results;
        try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            results = parse(JsonParser.parseReader(r));
        }
        System.out.print(summary(results));
    }

    static List<Result> parse(JsonElement json) {
        List<Result> out = new ArrayList<>();
        for (JsonElement e : json.getAsJsonArray()) {
            JsonObject o = e.getAsJsonObject();
            String benchmark = o.get("benchmark").getAsString();
            String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            JsonObject primary = o.getAsJsonObject("primaryMetric");
            double bytes = Double.NaN;
            JsonObject secondary = o.getAsJsonObject("secondaryMetrics");
            if (secondary != null) {
                for (Map.Entry<String, JsonElement> m : secondary.entrySet()) {
                    if (m.getKey().endsWith("gc.alloc.rate.norm")) {
                        bytes = m.getValue().getAsJsonObject().get("score").getAsDouble();
                    }
                }
            }
            JsonObject params = o.getAsJsonObject("params");
            int frames = params != null && params.has("frames") ? params.get("frames").getAsInt()
                    : BitfinexBookRecording.DEFAULT_FRAMES;
            long seed = params != null && params.has("seed") ? params.get("seed").getAsLong()
                    : BitfinexBookRecording.DEFAULT_SEED;
            double error = primary.get("scoreError").isJsonPrimitive()
                    && primary.get("scoreError").getAsJsonPrimitive().isNumber() ? primary.get("scoreError").getAsDouble()
                            : Double.NaN;
            out.add(new Result(name, o.get("threads").getAsInt(), primary.get("score").getAsDouble(), error, bytes,
                    frames, seed));
        }
        return out;
    }

    static String summary(List<Result> results) {
        StringBuilder b = new StringBuilder();
        Result baseline = results.stream().filter(r -> r.name().equals("baseline")).findFirst().orElse(null);
        Result tradebench = results.stream().filter(r -> r.name().equals("tradebench")).findFirst().orElse(null);
        if (!results.isEmpty()) {
            Result first = results.get(0);
            b.append("Bitfinex book traffic, seed ").append(first.seed()).append(": ")
                    .append(BitfinexBookRecording.generate(first.seed(), first.frames()).composition()).append('\n');
            b.append("Threads per benchmark: ").append(first.threads())
                    .append(first.threads() == 1 ? " (so msgs/s is per core)" : " (msgs/s is for all threads)")
                    .append("; cores available: ").append(Runtime.getRuntime().availableProcessors()).append('\n');
        }
        b.append('\n').append(String.format(Locale.ROOT, "%-24s %16s %12s %12s %12s%n", "pipeline", "msgs/s/core",
                "± (99.9%)", "B/msg", "vs baseline"));
        for (Result r : results) {
            String ratio = baseline == null ? "-" : String.format(Locale.ROOT, "%.1fx", r.score() / baseline.score());
            b.append(String.format(Locale.ROOT, "%-24s %,16.0f %12s %12s %12s%n", r.name(), r.score(),
                    Double.isNaN(r.error()) ? "-" : String.format(Locale.ROOT, "%,.0f", r.error()),
                    Double.isNaN(r.bytesPerOp()) ? "(no -prof gc)" : String.format(Locale.ROOT, "%.3f", r.bytesPerOp()),
                    ratio));
        }
        if (tradebench != null) {
            b.append('\n').append("Targets for tradebench (decode + book apply):\n");
            b.append(verdict(tradebench.score() >= TARGET_MESSAGES_PER_SECOND, String.format(Locale.ROOT,
                    ">= %,.0f msgs/s on one core: %,.0f", TARGET_MESSAGES_PER_SECOND, tradebench.score())));
            if (baseline != null) {
                double ratio = tradebench.score() / baseline.score();
                b.append(verdict(ratio >= TARGET_RATIO, String.format(Locale.ROOT,
                        ">= %.0fx the baseline: %.1fx", TARGET_RATIO, ratio)));
            }
            if (!Double.isNaN(tradebench.bytesPerOp())) {
                b.append(verdict(tradebench.bytesPerOp() < ZERO_ALLOCATION_BYTES, String.format(Locale.ROOT,
                        "~0 B allocated per message: %.3f B/msg", tradebench.bytesPerOp())));
            }
        }
        return b.toString();
    }

    private static String verdict(boolean met, String what) {
        return "  " + (met ? "MET    " : "MISSED ") + what + "\n";
    }
}
