package org.tradebench.verification.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.verification.CheckResult;
import org.tradebench.verification.Thresholds;
import org.tradebench.verification.Verdict;
import org.tradebench.verification.VerificationReport;

/**
 * Each fault shows up in its metric and flips its check, and only that one: a scripted ten-second
 * run ({@link Scenario}) is clean, then each test injects one fault.
 */
class ChecksTest {

    /** What the scripted run cannot judge: no account stream, no order, no keys, too short for candles. */
    private static final java.util.Set<String> NOT_JUDGED_HERE = java.util.Set.of("account.permissions",
            "account.stream", "latency.order", "quality.candles-vs-trades", "account.rate-limit");

    private static CheckResult check(VerificationReport r, String id) {
        CheckResult c = r.check(id);
        assertTrue(c != null, "no check " + id);
        return c;
    }

    private static void assertOnly(VerificationReport r, String id, Verdict verdict, String... reasonParts) {
        CheckResult c = check(r, id);
        assertEquals(verdict, c.verdict(), c.toString());
        for (String part : reasonParts) {
            assertTrue(c.reason().contains(part), "'" + part + "' in: " + c.reason());
        }
        for (CheckResult other : r.checks()) {
            if (!other.id().equals(id) && !NOT_JUDGED_HERE.contains(other.id())
                    && !(id.startsWith("stability.") && other.id().startsWith("stability."))) {
                assertEquals(Verdict.PASS, other.verdict(), "only " + id + " changes: " + other);
            }
        }
    }

    @Test
    void aCleanRunPassesEveryCheckItCanJudge() {
        VerificationReport r = new Scenario().report();
        assertEquals(Verdict.PASS, r.verdict(), r.checks().toString());
        for (CheckResult c : r.checks()) {
            if (NOT_JUDGED_HERE.contains(c.id())) {
                assertEquals(Verdict.SKIP, c.verdict(), c.toString());
            } else {
                assertEquals(Verdict.PASS, c.verdict(), c.toString());
            }
        }
        VerificationReport.InstrumentQuality q = r.quality().instruments().get(0);
        assertEquals(101, q.bookUpdates(), "the snapshot and 100 deltas");
        assertEquals(21, q.trades());
        assertEquals(21, q.tickerChecks());
        assertEquals(21 + 21 + 101, r.throughput().total());
        assertEquals(11, r.latency().ping().count());
        assertEquals(20.0, r.latency().ping().p99());
        assertEquals(5.0, r.latency().exchangeToLocal().p99(), "exchange 5 ms behind");
        assertTrue(r.latency().processing().p50() > 0, "frame to listener measured");
        assertEquals(100.0, r.stability().sessions().get(0).livePercent());
        assertTrue(check(r, "latency.ping").reason().contains("p99 20 ms"), check(r, "latency.ping").reason());
    }

    @Test
    void aDropThatRecoversWarnsAndCountsItsTimeAndLiveShare() {
        Scenario s = new Scenario();
        s.at(2000, t -> {
            s.state = ConnectionState.RECONNECTING;
            s.cause = "connection closed (1006)";
            s.health();
        }).at(2300, t -> {
            s.state = ConnectionState.LIVE;
            s.cause = "";
            s.reconnects = 1;
            s.health();
        });
        VerificationReport r = s.report();
        assertOnly(r, "stability.recovery", Verdict.WARN, "1 drop in 10.0 s (1 reconnects), all recovered in < 1 s");
        assertEquals(300, r.stability().recoveries().get(0).took().toMillis());
        assertEquals("connection closed (1006)", r.stability().recoveries().get(0).cause());
        assertEquals(Verdict.WARN, check(r, "stability.live").verdict(), "97 % live: below 99");
        assertTrue(check(r, "stability.live").reason().contains("live 97.0 %"), check(r, "stability.live").reason());
        assertEquals(1, r.stability().reconnects());
        assertEquals(3, r.stability().timeline().size(), "live, reconnecting, live");
    }

    @Test
    void aSessionStillDownAtTheEndFails() {
        Scenario s = new Scenario();
        s.at(9000, t -> {
            s.state = ConnectionState.FAILED;
            s.cause = "HTTP 503 from the exchange";
            s.health();
        });
        VerificationReport r = s.report();
        assertEquals(Verdict.FAIL, check(r, "stability.recovery").verdict());
        assertTrue(check(r, "stability.recovery").reason().contains("still failed at the end (HTTP 503 from the exchange)"),
                check(r, "stability.recovery").reason());
        assertEquals(Verdict.FAIL, check(r, "stability.live").verdict(), "90 % live: below 95");
        assertEquals(Verdict.FAIL, r.verdict());
    }

    @Test
    void aCrossedBookFailsTheInvariantCheckWithWhereAndWhat() {
        Scenario s = new Scenario();
        s.at(4000, t -> s.book(BookUpdate.Kind.DELTA, null,
                Updates.book(new double[] {100.20, 1}, new double[] {100.10, 1})));
        VerificationReport r = s.report();
        assertOnly(r, "quality.book-invariants", Verdict.FAIL, "1 of 102 updates", "crossed book: best bid 100.2 >= best ask 100.1");
    }

    @Test
    void aGapThatResyncsWarnsWithItsRecoveryTime() {
        Scenario s = new Scenario();
        s.at(3000, t -> s.book(BookUpdate.Kind.RESET, BookReset.SEQUENCE_GAP, Updates.book(new double[0], new double[0])));
        s.at(3200, t -> s.book(BookUpdate.Kind.SNAPSHOT, null, Scenario.sound()));
        VerificationReport r = s.report();
        assertOnly(r, "quality.book-sync", Verdict.WARN, "1 sequence gap in 10.0 s, all recovered in < 1 s");
        assertEquals(java.util.List.of(200L), r.quality().instruments().get(0).resetRecoveryMillis());
    }

    @Test
    void aChecksumFailureWithoutAFreshSnapshotFails() {
        Scenario s = new Scenario();
        s.at(9900, t -> s.book(BookUpdate.Kind.RESET, BookReset.CHECKSUM_MISMATCH, Updates.book(new double[0], new double[0])));
        VerificationReport r = s.report();
        assertEquals(Verdict.FAIL, check(r, "quality.book-sync").verdict());
        assertTrue(check(r, "quality.book-sync").reason().contains("1 checksum failure in 10.0 s; 1 reset was not followed by a fresh snapshot"),
                check(r, "quality.book-sync").reason());
    }

    @Test
    void tenGapsFailEvenWhenEachRecovered() {
        Scenario s = new Scenario(Thresholds.defaults().with("resets.fail", "3"));
        for (long t = 1000; t <= 3000; t += 1000) {
            s.at(t, x -> s.book(BookUpdate.Kind.RESET, BookReset.SEQUENCE_GAP, Updates.book(new double[0], new double[0])));
            s.at(t + 100, x -> s.book(BookUpdate.Kind.SNAPSHOT, null, Scenario.sound()));
        }
        VerificationReport r = s.report();
        assertOnly(r, "quality.book-sync", Verdict.FAIL, "3 sequence gaps", "(3 >= 3)");
    }

    @Test
    void aSilentBookIsAStalePeriod() {
        Scenario s = new Scenario();
        s.at(2000, t -> s.quietBook = true).at(8000, t -> s.quietBook = false);
        VerificationReport r = s.report();
        assertOnly(r, "quality.stale", Verdict.WARN, "1 stale period", "longest silence 6.1 s > 5s");
    }

    @Test
    void aDuplicateTradeFailsAndAnOldOneWarns() {
        Scenario dup = new Scenario();
        dup.at(5000, t -> dup.trade("3", dup.clock.get()));
        assertOnly(dup.report(), "quality.trades", Verdict.FAIL, "1 duplicate trade of 22");

        Scenario old = new Scenario();
        old.at(5000, t -> old.trade("late-1", old.clock.get() - 3000));
        VerificationReport r = old.report();
        assertEquals(Verdict.WARN, check(r, "quality.trades").verdict(), check(r, "quality.trades").toString());
        assertEquals(1, r.quality().instruments().get(0).outOfOrderTrades());
    }

    @Test
    void aTickerCrossingTheBookIsAMismatch() {
        Scenario s = new Scenario();
        s.at(6000, t -> s.ticker("100.10", "100.20"));
        VerificationReport r = s.report();
        assertOnly(r, "quality.ticker-vs-book", Verdict.FAIL, "1 of 22 tickers crossed the book's other side",
                "ticker bid 100.1 / ask 100.2 against the book's 100.00 / 100.10");
    }

    @Test
    void exchangeLatencyBeyondTheThresholdsWarnsThenFails() {
        Scenario slow = new Scenario();
        slow.exchangeDelay = 800;
        assertOnly(slow.report(), "latency.exchange", Verdict.WARN, "p99 latency 800 ms > 500ms");
        Scenario slower = new Scenario(Thresholds.defaults().with("latency.exchange.fail", "700ms"));
        slower.exchangeDelay = 800;
        assertOnly(slower.report(), "latency.exchange", Verdict.FAIL, "p99 latency 800 ms > 700ms");
    }

    @Test
    void decodeErrorsRateLimitsAndFailedStreamsAreCounted() {
        Scenario s = new Scenario();
        s.at(1000, t -> {
            s.errors = 2;
            s.cause = "HTTP 429 Too Many Requests, retry after 3 s";
            s.health();
        });
        s.at(1500, t -> s.probe.trades(Scenario.BTC).onHealth(new DataHealth(DataState.FAILED, Instant.ofEpochMilli(s.clock.get()),
                0, 0, "the exchange refused the trades channel: symbol invalid", Instant.ofEpochMilli(s.clock.get()))));
        VerificationReport r = s.report();
        assertEquals(Verdict.WARN, check(r, "errors.decode").verdict());
        assertEquals("2 in 10.0 s", check(r, "errors.decode").reason());
        assertEquals(Verdict.WARN, check(r, "errors.rate-limit").verdict());
        assertTrue(check(r, "errors.rate-limit").reason().contains("HTTP 429 Too Many Requests"));
        assertEquals(Verdict.FAIL, check(r, "errors.streams").verdict());
        assertTrue(check(r, "errors.streams").reason().contains("BTC/USD trades failed: the exchange refused the trades channel"),
                check(r, "errors.streams").reason());
    }

    @Test
    void noDataAtAllFails() {
        Scenario s = new Scenario();
        s.quietBook = true;
        VerificationReport r = s.report();
        assertEquals(Verdict.PASS, check(r, "throughput.data").verdict(), "the snapshot arrived");
        Scenario none = new Scenario();
        none.probe.start();
        VerificationReport empty = org.tradebench.verification.Verifier.assemble(
                org.tradebench.verification.VerificationPlan.standard("fake", java.util.List.of("BTC/USD"),
                        java.time.Duration.ofSeconds(10)),
                "fake", "Fake", "live", none.probe.measurements(Scenario.T0 + 10_000), true, 0, java.util.List.of(), false);
        assertEquals(Verdict.FAIL, check(empty, "throughput.data").verdict());
        assertEquals("no message in 10.0 s", check(empty, "throughput.data").reason());
        assertEquals(Verdict.FAIL, empty.verdict());
    }

    @Test
    void chaosChecksJudgeEachFaultAndStopJudgingWhatTheFaultsDisturb() {
        Scenario s = new Scenario();
        s.at(2000, t -> {
            s.state = ConnectionState.RECONNECTING;
            s.health();
        }).at(2300, t -> {
            s.state = ConnectionState.LIVE;
            s.health();
        });
        VerificationReport standard = s.report();
        Instant at = Instant.ofEpochMilli(Scenario.T0 + 2000);
        java.util.List<VerificationReport.ChaosResult> chaos = java.util.List.of(
                new VerificationReport.ChaosResult("connection-drop", at, "a session left the live state", 35, 400, ""),
                new VerificationReport.ChaosResult("silence", at, "stale declared", 1200, 12_500, ""),
                new VerificationReport.ChaosResult("sequence-gap", at, "", -1, -1,
                        "the connector did not show a book reset within 20 s"));
        java.util.List<CheckResult> checks = org.tradebench.verification.internal.Checks.chaos(standard.checks(), chaos,
                Thresholds.defaults());
        CheckResult drop = checks.get(0);
        assertEquals("chaos.connection-drop", drop.id());
        assertEquals(Verdict.PASS, drop.verdict());
        assertEquals("a session left the live state after 35 ms, recovered in 400 ms", drop.reason());
        assertEquals(Verdict.WARN, checks.get(1).verdict(), "slower than recovery.fail: " + checks.get(1));
        assertEquals(Verdict.FAIL, checks.get(2).verdict());
        assertEquals("the connector did not show a book reset within 20 s", checks.get(2).reason());
        CheckResult recovery = checks.stream().filter(c -> c.id().equals("stability.recovery")).findFirst().orElseThrow();
        assertEquals(Verdict.SKIP, recovery.verdict());
        assertTrue(recovery.reason().startsWith("not judged under injected faults (was warn): 1 drop in 10.0 s"),
                recovery.reason());
        CheckResult invariants = checks.stream().filter(c -> c.id().equals("quality.book-invariants")).findFirst()
                .orElseThrow();
        assertEquals(Verdict.PASS, invariants.verdict(), "a sound book is still required");
    }

    @Test
    void anInstrumentOfThePlanThatDeliversNothingFails() {
        Scenario s = new Scenario();
        s.symbols = java.util.List.of("BTC/USD", "ETH/USD", "BTC/USD");
        VerificationReport r = s.report();
        assertEquals(java.util.List.of("BTC/USD", "ETH/USD"), r.plan().symbols(), "a symbol given twice counts once");
        assertOnly(r, "throughput.data", Verdict.FAIL, "no book update for ETH/USD in 10.0 s; 14.3 msg/s on average");
    }

    @Test
    void eventsArrivingBeforeTheirExchangeTimeMeanTheClockIsBehind() {
        Scenario behind = new Scenario();
        behind.exchangeDelay = -1500;
        assertOnly(behind.report(), "account.clock", Verdict.FAIL,
                "events arrived up to 1500 ms before their exchange time: this machine's clock is at least that much behind");
        Scenario slightly = new Scenario();
        slightly.exchangeDelay = -400;
        assertOnly(slightly.report(), "account.clock", Verdict.WARN, "up to 400 ms before their exchange time");
        CheckResult ok = check(new Scenario().report(), "account.clock");
        assertEquals(Verdict.PASS, ok.verdict());
        assertTrue(ok.reason().startsWith("the fastest event took 5.00 ms from its exchange time"), ok.reason());
    }

    @Test
    void whatTheAccountsSayAboutTheirKeysIsJudged() {
        Scenario s = new Scenario();
        s.accounts = java.util.List.of(
                new VerificationReport.AccountState("spot", 40L, true, java.util.List.of("reading", "withdrawals"), 0.75,
                        "REQUEST_WEIGHT 4500 of 6000 per 60 s", ""),
                new VerificationReport.AccountState("usdm", -1500L, null, java.util.List.of(), 0.1, "", ""));
        VerificationReport r = s.report();
        assertEquals(Verdict.WARN, check(r, "account.permissions").verdict());
        assertTrue(check(r, "account.permissions").reason().startsWith("WITHDRAWALS ARE ENABLED on the key of spot: "),
                check(r, "account.permissions").reason());
        assertEquals(Verdict.WARN, check(r, "account.rate-limit").verdict());
        assertEquals("75 % of the tightest limit in use at the end (spot: REQUEST_WEIGHT 4500 of 6000 per 60 s)",
                check(r, "account.rate-limit").reason());
        assertEquals(Verdict.WARN, check(r, "account.clock").verdict());
        assertTrue(check(r, "account.clock").reason().startsWith(
                "the usdm account measured the exchange's clock 1500 ms behind this machine's"), check(r, "account.clock").reason());

        Scenario safe = new Scenario();
        safe.accounts = java.util.List.of(new VerificationReport.AccountState("main", 3L, false,
                java.util.List.of("reading", "trading"), 0.02, "REQUEST_WEIGHT 120 of 6000 per 60 s", ""));
        VerificationReport ok = safe.report();
        assertEquals("withdrawals disabled; main: reading, trading", check(ok, "account.permissions").reason());
        assertEquals(Verdict.PASS, check(ok, "account.permissions").verdict());
        assertEquals(Verdict.PASS, check(ok, "account.rate-limit").verdict());
    }

    @Test
    void orderRoundTripsAreJudgedAndAFailedOneFails() {
        Scenario s = new Scenario();
        s.at(3000, t -> s.probe.order(40_000_000L, 30_000_000L));
        s.at(6000, t -> s.probe.order(60_000_000L, 35_000_000L));
        VerificationReport r = s.report();
        CheckResult order = check(r, "latency.order");
        assertEquals(Verdict.PASS, order.verdict(), order.toString());
        assertTrue(order.reason().startsWith("p50 40 ms, p90 60 ms, p99 60 ms, max 60 ms over 2 samples; cancels p50 30 ms"),
                order.reason());
        Scenario failing = new Scenario();
        failing.at(3000, t -> failing.probe.orderFailed("BTC/USD buy 0.001 at 80000: rejected by fake: insufficient balance"));
        CheckResult failed = check(failing.report(), "latency.order");
        assertEquals(Verdict.FAIL, failed.verdict());
        assertEquals("1 order round trip failed: BTC/USD buy 0.001 at 80000: rejected by fake: insufficient balance",
                failed.reason());
    }

    @Test
    void thresholdsParseAndRefuseNonsenseWithTheKey() {
        Thresholds t = Thresholds.defaults().with("latency.ping.fail", "2s").with("live.warn", "99.5");
        assertEquals("2s", t.asMap().get("latency.ping.fail"));
        assertEquals("99.5", t.asMap().get("live.warn"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Thresholds.defaults().with("latency.ping.fail", "fast"));
        assertEquals("latency.ping.fail: 'fast' is not a duration (like 500ms, 30s, 5m, 1h)", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Thresholds.defaults().with("latency.ping.warn", "5s"));
        assertEquals("latency.ping.warn (5s) must not exceed latency.ping.fail (1s)", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Thresholds.defaults().with("speed", "1"));
        assertTrue(e.getMessage().startsWith("unknown threshold 'speed' (known: latency.ping.warn,"), e.getMessage());
        java.util.Map<String, String> both = new java.util.LinkedHashMap<>();
        both.put("latency.ping.fail", "50ms");
        both.put("latency.ping.warn", "20ms");
        Thresholds moved = Thresholds.defaults().with(both);
        assertEquals("20ms", moved.asMap().get("latency.ping.warn"), "a pair moves past its old values at once");
        assertEquals("50ms", moved.asMap().get("latency.ping.fail"));
    }
}
