package org.tradebench.verification;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to verify: one connector, some of its instruments, for a while, judged against thresholds.
 * Every stream the connector offers for each instrument is subscribed: the book (to
 * {@link #bookDepth()} levels), trades, the ticker and one-minute candles.
 *
 * @param exchangeId the connector, for example {@code "simulated"} or {@code "binance-usdm"}
 * @param symbols unified symbols, at least one (a symbol given twice counts once)
 * @param duration how long to measure, at least one second
 * @param kind the plan
 * @param bookDepth levels per side of the book subscription
 * @param thresholds where checks warn and fail
 */
public record VerificationPlan(String exchangeId, List<String> symbols, Duration duration, Kind kind, int bookDepth,
        Thresholds thresholds) {

    /** The plans. */
    public enum Kind {
        /** Connect, subscribe and measure without interfering. */
        STANDARD("standard"),
        /**
         * Inject every fault a {@link ChaosDriver} offers into the connector's loopback simulator, one
         * after the other, and measure whether and how fast the connector recovers.
         */
        CHAOS("chaos");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /**
         * The name on the command line and in reports.
         *
         * @return for example {@code "standard"}
         */
        public String wireName() {
            return wireName;
        }
    }

    /** Book depth when none is given. */
    public static final int DEFAULT_DEPTH = 25;

    /** Validates and copies. */
    public VerificationPlan {
        Objects.requireNonNull(exchangeId, "exchangeId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(thresholds, "thresholds");
        symbols = List.copyOf(new java.util.LinkedHashSet<>(symbols)); // each instrument once
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one symbol");
        }
        if (duration == null || duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a plan runs for at least 1 s, was " + duration);
        }
        if (bookDepth < 1) {
            throw new IllegalArgumentException("book depth must be >= 1, was " + bookDepth);
        }
    }

    /**
     * The standard plan with the default depth and thresholds.
     *
     * @param exchangeId the connector
     * @param symbols unified symbols
     * @param duration how long
     * @return the plan
     */
    public static VerificationPlan standard(String exchangeId, List<String> symbols, Duration duration) {
        return new VerificationPlan(exchangeId, symbols, duration, Kind.STANDARD, DEFAULT_DEPTH, Thresholds.defaults());
    }

    /**
     * The chaos plan with the default depth and thresholds.
     *
     * @param exchangeId the connector
     * @param symbols unified symbols
     * @param warmUp how long to measure before the first fault (the faults then take what they take)
     * @return the plan
     */
    public static VerificationPlan chaos(String exchangeId, List<String> symbols, Duration warmUp) {
        return new VerificationPlan(exchangeId, symbols, warmUp, Kind.CHAOS, DEFAULT_DEPTH, Thresholds.defaults());
    }
}
