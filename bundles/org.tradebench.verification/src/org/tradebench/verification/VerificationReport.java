package org.tradebench.verification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of a verification: each check's verdict and reason, the overall verdict, and the
 * measurements behind them (the JSON report holds all of it; docs/verification-report.md describes
 * each field).
 *
 * @param exchangeId the connector
 * @param exchangeName its name for people
 * @param mode {@code "live"} (a connection) or {@code "replay"} (a recording)
 * @param plan what was asked
 * @param started when measuring started
 * @param ended when it ended
 * @param cancelled whether the user stopped it before the plan's duration
 * @param verdict the worst verdict of the checks
 * @param checks every check, in report order
 * @param stability connection stability
 * @param quality data quality per instrument
 * @param latency latency distributions and their course over time
 * @param throughput messages per second
 * @param errors decode errors, failed streams, rate-limit answers
 * @param chaos the faults injected by the chaos plan and how the connector recovered (empty otherwise)
 * @param accounts what each trading account said about its key and limits at the end (empty without keys)
 * @param notes remarks for people (what was not measured and why)
 */
public record VerificationReport(String exchangeId, String exchangeName, String mode, VerificationPlan plan,
        Instant started, Instant ended, boolean cancelled, Verdict verdict, List<CheckResult> checks,
        Stability stability, Quality quality, Latency latency, Throughput throughput, Errors errors,
        List<ChaosResult> chaos, List<AccountState> accounts, List<String> notes) {

    /** The report format's version, in the JSON as {@code "schema"}. */
    public static final String SCHEMA = "tradebench-verification/1";

    /** Validates and copies. */
    public VerificationReport {
        Objects.requireNonNull(exchangeId, "exchangeId");
        Objects.requireNonNull(plan, "plan");
        checks = List.copyOf(checks);
        chaos = List.copyOf(chaos);
        accounts = List.copyOf(accounts);
        notes = List.copyOf(notes);
    }

    /**
     * How long it measured.
     *
     * @return ended - started
     */
    public Duration measured() {
        return Duration.between(started, ended);
    }

    /**
     * A check by id.
     *
     * @param id for example {@code "latency.ping"}
     * @return the check, or null
     */
    public CheckResult check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * What a trading account said about its key and limits.
     *
     * @param account the account id ({@code spot}, {@code usdm}, {@code main})
     * @param clockOffsetMillis the exchange's clock minus this machine's as the connector measured
     *        it; null when it does not sync
     * @param withdrawalsEnabled whether the key may withdraw; null when unknown
     * @param permissions the key's permissions; empty when unknown
     * @param rateLimitUsed the share of the tightest request limit in use; null when unknown
     * @param rateLimit the limits in words
     * @param problem why the account could not answer; empty when it did
     */
    public record AccountState(String account, Long clockOffsetMillis, Boolean withdrawalsEnabled,
            List<String> permissions, Double rateLimitUsed, String rateLimit, String problem) {
        /** Copies. */
        public AccountState {
            permissions = List.copyOf(permissions);
        }
    }

    /**
     * One fault of the chaos plan.
     *
     * @param fault the fault's wire name ({@code connection-drop}, ...)
     * @param injected when it was injected
     * @param effect what the connector was seen doing ("1 book reset"); empty when nothing was seen
     * @param effectMillis from the injection to the effect; -1 when none was seen
     * @param recoveredMillis from the injection until the connector had recovered (its sessions live
     *        again, every book re-snapshotted and updating); -1 when it had not within the limit
     * @param problem why it failed, in words; empty when it recovered
     */
    public record ChaosResult(String fault, Instant injected, String effect, long effectMillis, long recoveredMillis,
            String problem) {
    }

    /**
     * Connection stability.
     *
     * @param reconnects reconnects of all sessions during the run
     * @param recoveries each time a session left the live state, and how long it took to come back
     * @param sessions per session, the time spent in each state
     * @param timeline the health timeline: one span per session and state
     */
    public record Stability(long reconnects, List<Recovery> recoveries, List<SessionTime> sessions,
            List<HealthSpan> timeline) {
        /** Copies. */
        public Stability {
            recoveries = List.copyOf(recoveries);
            sessions = List.copyOf(sessions);
            timeline = List.copyOf(timeline);
        }
    }

    /**
     * A session that left the live state.
     *
     * @param session the session
     * @param lost when
     * @param state the state it went to
     * @param cause why, as the connector said
     * @param took how long until it was live again; null when it was not by the end
     */
    public record Recovery(String session, Instant lost, String state, String cause, Duration took) {
    }

    /**
     * A session's time per state.
     *
     * @param session the session
     * @param millisByState milliseconds per state wire name ({@code live}, {@code reconnecting}, ...)
     * @param livePercent the share of the run spent live
     */
    public record SessionTime(String session, Map<String, Long> millisByState, double livePercent) {
        /** Copies. */
        public SessionTime {
            millisByState = Map.copyOf(millisByState);
        }
    }

    /**
     * One state of one session, from when to when.
     *
     * @param session the session
     * @param state the state's wire name
     * @param cause the cause given with it
     * @param from start
     * @param to end
     */
    public record HealthSpan(String session, String state, String cause, Instant from, Instant to) {
    }

    /**
     * Data quality.
     *
     * @param instruments one entry per instrument verified
     */
    public record Quality(List<InstrumentQuality> instruments) {
        /** Copies. */
        public Quality {
            instruments = List.copyOf(instruments);
        }
    }

    /**
     * Data quality of one instrument.
     *
     * @param symbol the unified symbol
     * @param bookUpdates book updates received (snapshots and deltas)
     * @param resetsByReason book resets by reason ({@code sequence gap}, {@code checksum mismatch},
     *        {@code reconnect}, ...)
     * @param resetRecoveryMillis for each reset, milliseconds until the next snapshot (-1: none came)
     * @param invariantViolations updates after which the book broke an invariant (crossed, unsorted,
     *        non-positive size)
     * @param firstViolation the first violation, in words; empty when none
     * @param checksumsOk checksums compared and matching (replay, where the decoder reports them)
     * @param checksumsFailed checksums compared and not matching
     * @param stalePeriods silences of the book longer than the threshold
     * @param longestSilenceMillis the longest silence of the book
     * @param connectorStale times the connector itself declared a stream stale
     * @param trades trades received
     * @param duplicateTrades trades whose id was seen before
     * @param outOfOrderTrades trades older than the one before by more than a second
     * @param tickers tickers received
     * @param tickerChecks tickers compared with the book's best bid and ask
     * @param tickerMismatches tickers whose bid or ask crossed the book's other side
     * @param firstTickerMismatch the first mismatch in words; empty when none
     * @param candlesCompared exchange candles compared with candles rebuilt from the trades
     * @param candleMismatches of those, how many differed
     * @param firstCandleMismatch the first difference in words; empty when none
     */
    public record InstrumentQuality(String symbol, long bookUpdates, Map<String, Long> resetsByReason,
            List<Long> resetRecoveryMillis, long invariantViolations, String firstViolation, long checksumsOk,
            long checksumsFailed, long stalePeriods, long longestSilenceMillis, long connectorStale, long trades,
            long duplicateTrades, long outOfOrderTrades, long tickers, long tickerChecks, long tickerMismatches,
            String firstTickerMismatch, long candlesCompared, long candleMismatches, String firstCandleMismatch) {
        /** Copies. */
        public InstrumentQuality {
            resetsByReason = Map.copyOf(resetsByReason);
            resetRecoveryMillis = List.copyOf(resetRecoveryMillis);
        }

        /**
         * Resets for a gap or a checksum failure: the ones that mean data was lost or wrong.
         *
         * @return their count
         */
        public long dataResets() {
            return resetsByReason.getOrDefault("sequence gap", 0L) + resetsByReason.getOrDefault("checksum mismatch", 0L);
        }
    }

    /**
     * Latency.
     *
     * @param ping the connector's measured ping round trip (sampled each second)
     * @param exchangeToLocal exchange timestamp to local receive, for events that carry one
     * @param processing frame received to listener called, for book updates
     * @param order order round trip: placed through the order gateway to acknowledged
     * @param cancel cancel round trip: cancel called to acknowledged
     * @param histogram exchange-to-local latency counts per bucket
     * @param perSecond exchange-to-local p50 and p99 per second of the run
     */
    public record Latency(LatencyStats ping, LatencyStats exchangeToLocal, LatencyStats processing, LatencyStats order,
            LatencyStats cancel, List<Bucket> histogram, List<SecondLatency> perSecond) {
        /** Copies. */
        public Latency {
            histogram = List.copyOf(histogram);
            perSecond = List.copyOf(perSecond);
        }
    }

    /**
     * A latency distribution in milliseconds.
     *
     * @param count samples
     * @param p50 median
     * @param p90 90th percentile
     * @param p99 99th percentile
     * @param max maximum
     */
    public record LatencyStats(long count, double p50, double p90, double p99, double max) {
        /** No samples. */
        public static final LatencyStats NONE = new LatencyStats(0, 0, 0, 0, 0);
    }

    /**
     * A histogram bucket.
     *
     * @param upToMillis the bucket's upper bound (inclusive), in milliseconds
     * @param count samples in it
     */
    public record Bucket(double upToMillis, long count) {
    }

    /**
     * Percentiles of one second.
     *
     * @param second seconds since the start
     * @param p50 median, ms
     * @param p99 99th percentile, ms
     */
    public record SecondLatency(long second, double p50, double p99) {
    }

    /**
     * Throughput.
     *
     * @param total messages of every channel
     * @param average messages per second over the run
     * @param peak the busiest second
     * @param channels per channel ({@code book}, {@code trades}, {@code ticker}, {@code candles})
     * @param connections per connection, from the raw frames (live runs with a frame tap)
     * @param perSecond messages of every channel per second of the run
     */
    public record Throughput(long total, double average, long peak, Map<String, Rate> channels,
            Map<String, Rate> connections, List<Long> perSecond) {
        /** Copies. */
        public Throughput {
            channels = Map.copyOf(channels);
            connections = Map.copyOf(connections);
            perSecond = List.copyOf(perSecond);
        }
    }

    /**
     * One channel's rate.
     *
     * @param total messages
     * @param average per second over the run
     * @param peak the busiest second
     */
    public record Rate(long total, double average, long peak) {
    }

    /**
     * Errors.
     *
     * @param decodeErrors frames the connector could not decode (its health's error count during the
     *        run, or the decoder's refusals in a replay)
     * @param streamFailures streams that failed (the exchange refused them)
     * @param failures what failed, in words
     * @param rateLimited times a session reported a rate-limit answer (429, 418, "rate limit")
     * @param rateLimitCauses their causes
     * @param orderFailures order round trips that failed, in words
     */
    public record Errors(long decodeErrors, long streamFailures, List<String> failures, long rateLimited,
            List<String> rateLimitCauses, List<String> orderFailures) {
        /** Copies. */
        public Errors {
            failures = List.copyOf(failures);
            rateLimitCauses = List.copyOf(rateLimitCauses);
            orderFailures = List.copyOf(orderFailures);
        }
    }
}
