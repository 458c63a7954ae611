package org.tradebench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.tradebench.api.market.Side;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookState;
import org.tradebench.core.book.OrderBook;
import org.tradebench.core.book.ScaledDecimal;

import com.google.gson.JsonParser;

/**
 * What {@code ./mvnw verify} checks of the benchmark module, in seconds: the recording is
 * deterministic and right, both pipelines reach the same book and verify every checksum, the
 * tradebench path allocates nothing per message, and every JMH benchmark runs (a smoke run, not a
 * measurement: run-benchmarks.sh measures).
 */
class BitfinexBookBenchmarkTest {

    private static final BitfinexBookRecording RECORDING = BitfinexBookRecording.generate(
            BitfinexBookRecording.DEFAULT_SEED, 20_000);

    @Test
    void theSameSeedGivesTheSameRecordingAndADifferentSeedAnother() {
        BitfinexBookRecording again = BitfinexBookRecording.generate(BitfinexBookRecording.DEFAULT_SEED, 20_000);
        assertEquals(RECORDING.frames(), again.frames());
        assertEquals(RECORDING.preamble(), again.preamble());
        assertNotEquals(RECORDING.frames(), BitfinexBookRecording.generate(1, 20_000).frames());
    }

    @Test
    void theRecordingHasEveryKindOfBookMessage() {
        BitfinexBookRecording.Composition c = RECORDING.composition();
        assertEquals(20_000, RECORDING.frames().size());
        assertEquals(20_000, c.total());
        assertEquals(1, c.snapshots());
        assertTrue(c.updates() > 15_000, c.toString());
        assertTrue(c.removals() > 1_000, c.toString());
        assertTrue(c.checksums() > 2_000, c.toString());
        assertTrue(c.heartbeats() > 10, c.toString());
        assertTrue(RECORDING.frames().get(0).startsWith("[17,[[103949,"), RECORDING.frames().get(0));
        assertTrue(RECORDING.frames().stream().anyMatch(f -> f.matches("\\[17,\\[\\d+,\\d+,-?\\d(\\.\\d+)?e-\\d\\],.*")),
                "some amounts below 1e-6 have exponential wire text");
        assertEquals(BitfinexBookRecording.DEPTH, RECORDING.finalBids().size());
        assertEquals(BitfinexBookRecording.DEPTH, RECORDING.finalAsks().size());
    }

    @Test
    void bothPipelinesVerifyEveryChecksumAndEndWithTheRecordedBook() {
        TradebenchBookPipeline tradebench = new TradebenchBookPipeline(true);
        NaiveBookPipeline baseline = new NaiveBookPipeline();
        for (String f : RECORDING.preamble()) {
            tradebench.decode(f);
            baseline.decode(f);
        }
        for (String f : RECORDING.frames()) {
            tradebench.decode(f);
            baseline.decode(f);
        }
        int checksums = RECORDING.composition().checksums();
        assertEquals(0, tradebench.checksumMismatches());
        assertEquals(checksums, tradebench.checksumsVerified());
        assertEquals(0, tradebench.sequenceGaps());
        assertEquals(0, baseline.checksumMismatches());
        assertEquals(checksums, baseline.checksumsVerified());
        assertEquals(0, baseline.sequenceGaps());

        assertSide(RECORDING.finalBids(), tradebench, baseline.bids(), Side.BUY);
        assertSide(RECORDING.finalAsks(), tradebench, baseline.asks(), Side.SELL);
        assertTrue(tradebench.coreBook().violations().isEmpty(), tradebench.coreBook().violations().toString());
    }

    private static void assertSide(List<BitfinexBookRecording.Level> expected, TradebenchBookPipeline tradebench,
            Map<BigDecimal, BigDecimal> baseline, Side side) {
        BitfinexBookState book = tradebench.book();
        OrderBook core = tradebench.coreBook();
        assertEquals(expected.size(), book.levels(side));
        assertEquals(expected.size(), core.levels(side));
        assertEquals(expected.size(), baseline.size());
        List<BigDecimal> baselinePrices = new ArrayList<>(baseline.keySet());
        for (int i = 0; i < expected.size(); i++) {
            BitfinexBookRecording.Level level = expected.get(i);
            String where = side + " level " + i;
            assertEquals(0, level.price().compareTo(book.priceDecimal(side, i)), where);
            assertEquals(0, level.amount().abs().compareTo(book.quantityDecimal(side, i)), where);
            assertEquals(level.count(), book.count(side, i), where);
            assertEquals(0, level.price().compareTo(ScaledDecimal.fromUnits(core.price(side, i), core.priceScale())), where);
            assertEquals(0, level.amount().abs().compareTo(ScaledDecimal.fromUnits(core.size(side, i), core.sizeScale())),
                    where);
            assertEquals(0, level.price().compareTo(baselinePrices.get(i)), where);
            assertEquals(0, level.amount().compareTo(baseline.get(baselinePrices.get(i))), where);
        }
    }

    @Test
    void decodingAndApplyingAllocatesNothingPerMessageOnceWarm() {
        for (boolean withCoreBook : new boolean[] {false, true}) {
            TradebenchBookPipeline pipeline = new TradebenchBookPipeline(withCoreBook);
            RECORDING.preamble().forEach(pipeline::decode);
            String[] frames = RECORDING.frames().toArray(String[]::new);
            for (int pass = 0; pass < 3; pass++) { // also replays the loop: frame 0 is the snapshot again
                for (String f : frames) {
                    pipeline.decode(f);
                }
            }
            // Reading the counter allocates a little itself (792 bytes on JDK 25 before it is
            // compiled): measure that and allow 1 KB in all. One allocation per message, however
            // small, would be at least 16 bytes x 20,000 messages.
            allocatedBytes();
            long start = allocatedBytes();
            long overhead = allocatedBytes() - start;
            long before = allocatedBytes();
            for (String f : frames) {
                pipeline.decode(f);
            }
            long allocated = allocatedBytes() - before - overhead;
            assertEquals(0, pipeline.checksumMismatches());
            assertEquals(0, pipeline.sequenceGaps());
            assertTrue(allocated < 1024, (withCoreBook ? "with" : "without") + " the core book: " + allocated
                    + " bytes allocated for " + frames.length + " messages");
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void everyBenchmarkRunsAndTheSummaryReadsJmhResults(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("jmh-result.json");
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(BitfinexBookBenchmark.class.getName() + "\\.")
                .param("frames", "5000")
                .forks(0)
                .threads(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .build()).run();
        assertEquals(3, results.size());
        for (RunResult r : results) {
            assertTrue(r.getPrimaryResult().getScore() > 0, r.getParams().getBenchmark());
        }
        List<BenchmarkSummary.Result> parsed = BenchmarkSummary.parse(JsonParser.parseString(Files.readString(json)));
        assertEquals(List.of("baseline", "tradebench", "tradebenchWithCoreBook"),
                parsed.stream().map(BenchmarkSummary.Result::name).sorted().toList());
        String summary = BenchmarkSummary.summary(parsed);
        assertTrue(summary.contains("5000 frames: 1 snapshot"), summary);
        assertTrue(summary.matches("(?s).*tradebench +[\\d,]+ +[\\d,-]+ +\\d+\\.\\d{3} +\\d+\\.\\dx.*"), summary);
        assertTrue(summary.contains("Targets for tradebench"), summary);
    }
}
