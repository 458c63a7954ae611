package org.tradebench.connector.simulated.internal;

/**
 * A small, fast, seeded random generator (SplitMix64) whose output is fixed by its algorithm, not
 * by the JDK: the same seed gives the same synthetic market on every Java version.
 *
 * <p>Uses {@link StrictMath} so results do not depend on the platform. Not thread-safe; each owner
 * keeps its own instance.
 */
final class SeededRandom {

    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    SeededRandom(long seed) {
        this.state = seed;
    }

    /**
     * Mixes several values into one seed, so independent streams (per instrument, per candle
     * interval) can be derived from the venue seed without sharing state.
     */
    static long mix(long... values) {
        long h = 0x9E3779B97F4A7C15L;
        for (long v : values) {
            h = scramble(h ^ v);
        }
        return h;
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return scramble(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) % bound);
    }

    /** Standard normal, by the polar Box-Muller method. */
    double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * m;
        hasSpare = true;
        return u * m;
    }

    /** Exponentially distributed with the given mean. */
    double nextExponential(double mean) {
        return -StrictMath.log(1 - nextDouble()) * mean;
    }

    private static long scramble(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
