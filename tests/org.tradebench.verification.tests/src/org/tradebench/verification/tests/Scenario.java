package org.tradebench.verification.tests;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.Quote;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.core.book.OrderBook;
import org.tradebench.verification.Thresholds;
import org.tradebench.verification.VerificationPlan;
import org.tradebench.verification.VerificationReport;
import org.tradebench.verification.Verifier;
import org.tradebench.verification.internal.Probe;

/**
 * A scripted ten-second run through a {@link Probe} on a test clock: a sound book updated every
 * 100 ms, a trade and a ticker every 500 ms, the connection live throughout, the ping 20 ms. A test
 * adds its fault with {@link #at(long, LongConsumer)} and judges the run with {@link #report()}.
 */
final class Scenario {

    static final InstrumentId BTC = new InstrumentId("fake", "BTC/USD");
    static final long T0 = 1_760_000_000_000L;
    static final long LENGTH = 10_000;

    final AtomicLong clock = new AtomicLong(T0);
    final Probe probe;
    final Thresholds thresholds;
    private final java.util.TreeMap<Long, List<LongConsumer>> faults = new java.util.TreeMap<>();
    boolean quietBook;
    long exchangeDelay = 5;
    long tradeIds;
    long reconnects;
    long errors;
    ConnectionState state = ConnectionState.LIVE;
    String cause = "";
    List<String> symbols = List.of("BTC/USD");
    List<VerificationReport.AccountState> accounts = List.of();

    Scenario() {
        this(Thresholds.defaults());
    }

    Scenario(Thresholds thresholds) {
        this.thresholds = thresholds;
        this.probe = new Probe(thresholds, clock::get);
    }

    Scenario at(long offsetMillis, LongConsumer fault) {
        faults.computeIfAbsent(offsetMillis, k -> new java.util.ArrayList<>()).add(fault);
        return this;
    }

    void health() {
        probe.health(new ConnectionHealth(state, cause, Instant.ofEpochMilli(clock.get()), Duration.ofMillis(20), 12,
                reconnects, errors));
    }

    void book(BookUpdate.Kind kind, String reason, OrderBook view) {
        long t = clock.get();
        probe.book(BTC).onBook(Updates.of(BTC, kind, t, t - exchangeDelay, t, reason, view));
    }

    void trade(String id, long exchangeTime) {
        probe.trades(BTC).onTrade(new Trade(BTC, id, Instant.ofEpochMilli(exchangeTime), Instant.ofEpochMilli(clock.get()),
                new BigDecimal("100.05"), new BigDecimal("0.5"), Side.BUY));
    }

    void ticker(String bid, String ask) {
        long t = clock.get();
        probe.ticker(BTC).onTicker(new Ticker(BTC, Instant.ofEpochMilli(t - exchangeDelay), Instant.ofEpochMilli(t),
                new Quote(new BigDecimal(bid), BigDecimal.ONE, new BigDecimal(ask), BigDecimal.ONE), new BigDecimal("100.05"),
                null));
    }

    static OrderBook sound() {
        return Updates.book(new double[] {100.00, 1, 99.99, 2}, new double[] {100.10, 1, 100.11, 3});
    }

    /** Runs the script and judges it. */
    VerificationReport report() {
        probe.start();
        health();
        book(BookUpdate.Kind.SNAPSHOT, null, sound());
        for (long t = 0; t <= LENGTH; t += 100) {
            clock.set(T0 + t);
            for (List<LongConsumer> due : faults.headMap(t, true).values()) {
                for (LongConsumer f : due) {
                    f.accept(t);
                }
            }
            faults.headMap(t, true).clear();
            if (t % 1000 == 0) {
                probe.ping(Duration.ofMillis(20));
            }
            if (!quietBook && t > 0) {
                book(BookUpdate.Kind.DELTA, null, sound());
            }
            if (t % 500 == 0) {
                trade(Long.toString(++tradeIds), clock.get() - exchangeDelay);
                ticker("100.00", "100.10");
            }
        }
        Probe.Measurements m = probe.measurements(T0 + LENGTH);
        VerificationPlan plan = new VerificationPlan("fake", symbols, Duration.ofMillis(LENGTH),
                VerificationPlan.Kind.STANDARD, VerificationPlan.DEFAULT_DEPTH, thresholds);
        return Verifier.assemble(plan, "fake", "Fake", "live", m, true, accounts.size(), List.of(), false, List.of(),
                accounts);
    }
}
