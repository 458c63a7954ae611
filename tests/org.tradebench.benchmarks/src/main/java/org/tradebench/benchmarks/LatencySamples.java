package org.tradebench.benchmarks;

import java.util.Arrays;

/**
 * Per-callback timestamps recorded on a client's hot path without allocating: which recorded frame
 * a callback was for, when the callback ran, and when the transport had received the bytes, in
 * preallocated arrays (samples past the capacity are dropped and counted). Latencies are computed
 * after the run.
 *
 * <pre>{@code
 * LatencySamples s = new LatencySamples(recording.commits());
 * // in the listener:
 * s.add(BitfinexBookRecording.frameOf(update.timeMillis()), System.nanoTime(), update.receivedNanoTime());
 * // after the run:
 * LatencySamples.Percentiles p = s.percentiles(i -> s.callNanos(i) - s.receivedNanos(i), fromFrame);
 * }</pre>
 *
 * <p>One writer thread; read after the writer is done (a happens-before edge, such as the end
 * latch of {@link BookClient}, is needed).
 */
public final class LatencySamples {

    private final int[] frames;
    private final long[] callNanos;
    private final long[] receivedNanos;
    private int size;
    private long dropped;

    /**
     * @param capacity samples kept
     */
    public LatencySamples(int capacity) {
        frames = new int[capacity];
        callNanos = new long[capacity];
        receivedNanos = new long[capacity];
    }

    /**
     * Records one callback. Allocation-free.
     *
     * @param frame the recorded frame it was for
     * @param call when the callback ran
     * @param received when the transport received the frame (0 when unknown)
     */
    public void add(int frame, long call, long received) {
        int i = size;
        if (i == frames.length) {
            dropped++;
            return;
        }
        frames[i] = frame;
        callNanos[i] = call;
        receivedNanos[i] = received;
        size = i + 1;
    }

    /** Samples recorded. */
    public int size() {
        return size;
    }

    /** Samples dropped for want of room. */
    public long dropped() {
        return dropped;
    }

    /** The frame of sample {@code i}. */
    public int frame(int i) {
        return frames[i];
    }

    /** The callback time of sample {@code i}. */
    public long callNanos(int i) {
        return callNanos[i];
    }

    /** The receive time of sample {@code i}. */
    public long receivedNanos(int i) {
        return receivedNanos[i];
    }

    /** A latency of sample {@code i}, in nanoseconds. */
    @FunctionalInterface
    public interface Measure {
        /**
         * @param i the sample
         * @return nanoseconds
         */
        long nanos(int i);
    }

    /**
     * Percentiles of a latency over the samples for frames at or after {@code fromFrame}.
     *
     * @param measure the latency of one sample
     * @param fromFrame the first frame counted (earlier ones are warm-up)
     * @return the percentiles
     */
    public Percentiles percentiles(Measure measure, int fromFrame) {
        long[] values = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (frames[i] >= fromFrame) {
                values[n++] = measure.nanos(i);
            }
        }
        return Percentiles.of(Arrays.copyOf(values, n));
    }

    /**
     * Latency percentiles.
     *
     * @param count samples
     * @param p50 median, ns
     * @param p99 99th percentile, ns
     * @param p999 99.9th percentile, ns
     * @param max maximum, ns
     */
    public record Percentiles(int count, long p50, long p99, long p999, long max) {

        /**
         * Percentiles of some values (nearest rank).
         *
         * @param values nanoseconds (sorted in place)
         * @return the percentiles; all 0 when there are none
         */
        public static Percentiles of(long[] values) {
            if (values.length == 0) {
                return new Percentiles(0, 0, 0, 0, 0);
            }
            Arrays.sort(values);
            return new Percentiles(values.length, rank(values, 0.50), rank(values, 0.99), rank(values, 0.999),
                    values[values.length - 1]);
        }

        private static long rank(long[] sorted, double p) {
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        @Override
        public String toString() {
            return String.format("p50 %s, p99 %s, p99.9 %s, max %s (%,d samples)", micros(p50), micros(p99),
                    micros(p999), micros(max), count);
        }

        /**
         * Nanoseconds as microseconds for people.
         *
         * @param nanos nanoseconds
         * @return for example {@code "12.3 µs"}
         */
        public static String micros(long nanos) {
            return String.format("%.1f µs", nanos / 1000.0);
        }
    }
}
