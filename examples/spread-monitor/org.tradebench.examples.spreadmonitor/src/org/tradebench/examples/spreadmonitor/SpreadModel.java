package org.tradebench.examples.spreadmonitor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.market.Quote;

/**
 * The state of one spread: each side's latest quote and stream health, and the history of the two
 * spreads. Written by the connectors' delivery threads (one per side), read by the UI thread: all
 * methods are synchronized and cheap, so neither side waits long.
 *
 * <p>A spread is only computed from two quotes that are both current: a side whose stream is not
 * live (stale, resyncing, failed, on REST polling) or has no two-sided quote makes {@link #spread()}
 * empty and {@link #why()} says which side and why. The history keeps one sample per
 * {@link #SAMPLE_EVERY} for {@link #HISTORY}; a gap in it means the spread was not valid then.
 */
public final class SpreadModel {

    /** One sample of the history every this long at most. */
    public static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
    /** How far back the history goes. */
    public static final Duration HISTORY = Duration.ofMinutes(10);

    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    /** The two spreads at one moment. */
    public record Spread(Instant time, BigDecimal aBidMinusBAsk, BigDecimal bBidMinusAAsk, BigDecimal mid) {

        /**
         * @param spread one of the two spreads
         * @return it in basis points of the mid
         */
        public BigDecimal bps(BigDecimal spread) {
            return spread.multiply(TEN_THOUSAND).divide(mid, MC).setScale(1, RoundingMode.HALF_EVEN);
        }

        /** @return the better of the two: what crossing between the venues would earn (negative: it costs) */
        public BigDecimal best() {
            return aBidMinusBAsk.max(bBidMinusAAsk);
        }
    }

    /** One side: its name for messages, its latest quote and health. */
    private static final class Side {
        final String label;
        Quote quote;
        DataState state = DataState.PENDING;
        String cause = "";

        Side(String label) {
            this.label = label;
        }

        String problem() {
            if (state != DataState.LIVE) {
                return label + " is " + state.wireName() + (cause.isBlank() ? "" : ": " + cause);
            }
            if (quote == null || quote.bid() == null || quote.ask() == null) {
                return label + " has no bid and ask yet";
            }
            return null;
        }
    }

    private final Side a;
    private final Side b;
    private final List<Spread> history = new ArrayList<>();
    private Instant lastSample = Instant.MIN;
    private long version;

    /**
     * @param labelA how side A is named in messages, e.g. "Bitfinex BTC/USD"
     * @param labelB how side B is named
     */
    public SpreadModel(String labelA, String labelB) {
        this.a = new Side(labelA);
        this.b = new Side(labelB);
    }

    /**
     * A new quote of side A or B.
     *
     * @param sideA true for side A
     * @param quote the quote (may be one-sided)
     * @param time when it was received
     */
    public synchronized void quote(boolean sideA, Quote quote, Instant time) {
        Side s = side(sideA);
        s.quote = quote;
        if (s.state == DataState.PENDING) {
            s.state = DataState.LIVE; // a tick shows the stream delivers; later health changes still count
        }
        version++;
        sample(time);
    }

    /**
     * A side's stream health changed.
     *
     * @param sideA true for side A
     * @param health the stream's health
     */
    public synchronized void health(boolean sideA, DataHealth health) {
        Side s = side(sideA);
        s.state = health.state();
        s.cause = health.cause();
        version++;
    }

    /** @return the two spreads now, or empty when either side is not current */
    public synchronized Optional<Spread> spread() {
        return Optional.ofNullable(compute(Instant.now()));
    }

    /** @return why there is no spread now ("" when there is one) */
    public synchronized String why() {
        String pa = a.problem();
        String pb = b.problem();
        if (pa == null && pb == null) {
            return "";
        }
        return pa == null ? pb : pb == null ? pa : pa + "; " + pb;
    }

    /**
     * @param sideA true for side A
     * @return that side's latest quote, if any (shown even when stale, flagged by {@link #why()})
     */
    public synchronized Optional<Quote> quoteOf(boolean sideA) {
        return Optional.ofNullable(side(sideA).quote);
    }

    /**
     * @param sideA true for side A
     * @return that side's stream state
     */
    public synchronized DataState stateOf(boolean sideA) {
        return side(sideA).state;
    }

    /** @return the history, oldest first */
    public synchronized List<Spread> history() {
        return List.copyOf(history);
    }

    /** @return a number that changes with every change, so a repaint can skip when nothing changed */
    public synchronized long version() {
        return version;
    }

    private Side side(boolean sideA) {
        return sideA ? a : b;
    }

    private Spread compute(Instant time) {
        if (a.problem() != null || b.problem() != null) {
            return null;
        }
        BigDecimal midA = a.quote.bid().add(a.quote.ask()).divide(BigDecimal.TWO, MC);
        BigDecimal midB = b.quote.bid().add(b.quote.ask()).divide(BigDecimal.TWO, MC);
        BigDecimal mid = midA.add(midB).divide(BigDecimal.TWO, MC);
        if (mid.signum() <= 0) {
            return null;
        }
        return new Spread(time, a.quote.bid().subtract(b.quote.ask()), b.quote.bid().subtract(a.quote.ask()), mid);
    }

    private void sample(Instant time) {
        if (Duration.between(lastSample, time).compareTo(SAMPLE_EVERY) < 0) {
            return;
        }
        Spread s = compute(time);
        if (s == null) {
            return;
        }
        lastSample = time;
        history.add(s);
        Instant oldest = time.minus(HISTORY);
        int drop = 0;
        while (drop < history.size() && history.get(drop).time().isBefore(oldest)) {
            drop++;
        }
        if (drop > 0) {
            history.subList(0, drop).clear();
        }
    }
}
