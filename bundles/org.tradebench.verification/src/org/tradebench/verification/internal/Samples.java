package org.tradebench.verification.internal;

import java.util.Arrays;

import org.tradebench.verification.VerificationReport.LatencyStats;

/**
 * Latency samples in nanoseconds: a growable array, sorted once for the percentiles. Adding
 * allocates only when the array doubles. Not thread-safe (the probe holds its lock).
 */
final class Samples {

    private long[] values = new long[1024];
    private int count;
    private boolean sorted = true;

    void add(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[count++] = Math.max(0, nanos);
        sorted = false;
    }

    int count() {
        return count;
    }

    void clear() {
        count = 0;
        sorted = true;
    }

    /** Percentile by nearest rank, in nanoseconds; 0 without samples. */
    long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        sort();
        int rank = (int) Math.ceil(p / 100.0 * count);
        return values[Math.min(count, Math.max(1, rank)) - 1];
    }

    long max() {
        if (count == 0) {
            return 0;
        }
        sort();
        return values[count - 1];
    }

    long[] copy() {
        return Arrays.copyOf(values, count);
    }

    LatencyStats stats() {
        if (count == 0) {
            return LatencyStats.NONE;
        }
        return new LatencyStats(count, millis(percentile(50)), millis(percentile(90)), millis(percentile(99)),
                millis(max()));
    }

    static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0; // microsecond resolution
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(values, 0, count);
            sorted = true;
        }
    }
}
