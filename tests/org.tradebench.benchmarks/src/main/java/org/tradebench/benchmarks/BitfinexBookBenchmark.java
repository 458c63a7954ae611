package org.tradebench.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode + book apply of Bitfinex book traffic, one message per operation, so the score is
 * messages per second on the benchmark thread (one thread: messages per second per core) and
 * {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes allocated per message.
 *
 * <ul>
 * <li>{@link #tradebench}: {@link TradebenchBookPipeline}, the decoder into the checksummed book
 * state; every {@code cs} frame verified.</li>
 * <li>{@link #tradebenchWithCoreBook}: the same, also mirroring every level into core's
 * {@code OrderBook}.</li>
 * <li>{@link #baseline}: {@link NaiveBookPipeline}, a Gson tree parse and two {@code TreeMap}s,
 * doing the same checks.</li>
 * </ul>
 *
 * <p>The recording ({@link BitfinexBookRecording}) is generated at setup and replayed in a loop;
 * its first frame is the snapshot, so each pass starts from a fresh book. A checksum mismatch or a
 * sequence gap fails the trial at tear-down: a fast wrong answer does not count.
 *
 * <pre>
 * java -jar target/benchmarks.jar BitfinexBookBenchmark -t 1 -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BitfinexBookBenchmark {

    /** Frames in the recording. */
    @Param("100000")
    public int frames;

    /** The recording's seed. */
    @Param("20250127")
    public long seed;

    private String[] recording;
    private int next;
    private TradebenchBookPipeline tradebench;
    private TradebenchBookPipeline tradebenchWithCoreBook;
    private NaiveBookPipeline baseline;

    /** Generates the recording and decodes its preamble into fresh pipelines. */
    @Setup(Level.Trial)
    public void setUp() {
        BitfinexBookRecording r = BitfinexBookRecording.generate(seed, frames);
        recording = r.frames().toArray(String[]::new);
        tradebench = new TradebenchBookPipeline(false);
        tradebenchWithCoreBook = new TradebenchBookPipeline(true);
        baseline = new NaiveBookPipeline();
        for (String f : r.preamble()) {
            tradebench.decode(f);
            tradebenchWithCoreBook.decode(f);
            baseline.decode(f);
        }
        next = 0;
    }

    /** Fails the trial when a pipeline saw a checksum mismatch or a sequence gap. */
    @TearDown(Level.Trial)
    public void check() {
        check("tradebench", tradebench.checksumMismatches(), tradebench.sequenceGaps());
        check("tradebenchWithCoreBook", tradebenchWithCoreBook.checksumMismatches(),
                tradebenchWithCoreBook.sequenceGaps());
        check("baseline", baseline.checksumMismatches(), baseline.sequenceGaps());
    }

    private static void check(String name, long mismatches, long gaps) {
        if (mismatches != 0 || gaps != 0) {
            throw new IllegalStateException(name + ": " + mismatches + " checksum mismatches, " + gaps
                    + " sequence gaps: the benchmark measured a broken pipeline");
        }
    }

    private String nextFrame() {
        String frame = recording[next];
        if (++next == recording.length) {
            next = 0;
        }
        return frame;
    }

    /**
     * One message through the decoder into the book state.
     *
     * @return a value derived from the book
     */
    @Benchmark
    public long tradebench() {
        tradebench.decode(nextFrame());
        return tradebench.fingerprint();
    }

    /**
     * One message through the decoder into the book state and core's order book.
     *
     * @return a value derived from the book
     */
    @Benchmark
    public long tradebenchWithCoreBook() {
        tradebenchWithCoreBook.decode(nextFrame());
        return tradebenchWithCoreBook.fingerprint();
    }

    /**
     * One message through a Gson tree into two tree maps.
     *
     * @return a value derived from the book
     */
    @Benchmark
    public long baseline() {
        baseline.decode(nextFrame());
        return baseline.fingerprint();
    }
}
