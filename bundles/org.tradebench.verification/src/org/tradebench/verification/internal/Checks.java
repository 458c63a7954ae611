package org.tradebench.verification.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tradebench.api.health.SessionHealth;
import org.tradebench.verification.CheckResult;
import org.tradebench.verification.Thresholds;
import org.tradebench.verification.Verdict;
import org.tradebench.verification.VerificationReport.InstrumentQuality;
import org.tradebench.verification.VerificationReport.LatencyStats;
import org.tradebench.verification.VerificationReport.Recovery;
import org.tradebench.verification.VerificationReport.SessionTime;

/**
 * Judges measurements against thresholds: one {@link CheckResult} per check with its reason in
 * plain words and the figures. The ids are stable (docs/verification-report.md lists them).
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Judges a run.
     *
     * @param m the measurements
     * @param t the thresholds
     * @param live whether it was a live connection (false: a recording)
     * @param tradingAccounts how many trading accounts the connector has (keys configured)
     * @param symbols the symbols the plan asked for (each must have delivered a book)
     * @param accounts what the trading accounts said about their keys and limits
     * @return the checks, in report order
     */
    public static List<CheckResult> judge(Probe.Measurements m, Thresholds t, boolean live, int tradingAccounts,
            List<String> symbols, List<org.tradebench.verification.VerificationReport.AccountState> accounts) {
        List<CheckResult> out = new ArrayList<>();
        Duration measured = Duration.between(m.started(), m.ended());
        String span = duration(measured);
        stability(out, m, t, live, span);
        quality(out, m, t, span);
        latency(out, "latency.ping", "Ping round trip", m.latency().ping(), t.pingWarn(), t.pingFail(),
                live ? "the connector measured no ping" : "a recording has no ping", "");
        latency(out, "latency.exchange", "Exchange time to local receive", m.latency().exchangeToLocal(),
                t.exchangeWarn(), t.exchangeFail(), "no event carried an exchange timestamp",
                " (includes the offset between the exchange's clock and this machine's)");
        latency(out, "latency.processing", "Frame received to listener", m.latency().processing(),
                t.processingWarn(), t.processingFail(),
                live ? "no book update carried its receive time" : "not measured in a replay", "");
        throughput(out, m, span, symbols);
        errors(out, m, t, span);
        account(out, m, t, live, tradingAccounts, accounts);
        return out;
    }

    /** Checks whose measurements the chaos plan disturbs on purpose: reported, not judged. */
    private static final java.util.Set<String> DISTURBED = java.util.Set.of("stability.live", "stability.recovery",
            "quality.book-sync", "quality.stale", "errors.decode", "errors.rate-limit", "latency.exchange",
            "latency.processing", "latency.ping", "account.stream");

    /**
     * The checks of a chaos run: one per injected fault ({@code chaos.<fault>}: recovered within the
     * recovery threshold passes, slower warns, not at all or unnoticed fails), then the standard
     * checks, those the faults disturb on purpose turned into skips that keep their figures. The
     * book's soundness, the trades, the streams and the throughput are still judged: faults must
     * never leave a wrong book or a duplicate trade behind.
     *
     * @param standard the standard checks of the run
     * @param chaos the faults' results
     * @param t the thresholds
     * @return the checks, chaos first
     */
    public static List<CheckResult> chaos(List<CheckResult> standard, List<org.tradebench.verification.VerificationReport.ChaosResult> chaos,
            Thresholds t) {
        List<CheckResult> out = new ArrayList<>();
        if (chaos.isEmpty()) {
            out.add(new CheckResult("chaos.faults", "chaos", "Faults injected", Verdict.FAIL,
                    "the run ended before any fault was injected"));
        }
        for (var c : chaos) {
            String title = "Recovers from " + c.fault().replace('-', ' ');
            String id = "chaos." + c.fault();
            if (!c.problem().isEmpty()) {
                out.add(new CheckResult(id, "chaos", title, Verdict.FAIL, c.problem()
                        + (c.effect().isEmpty() ? "" : " (seen: " + c.effect() + " after " + c.effectMillis() + " ms)")));
            } else {
                Duration took = Duration.ofMillis(c.recoveredMillis());
                Verdict v = took.compareTo(t.recoveryFail()) > 0 ? Verdict.WARN : Verdict.PASS;
                out.add(new CheckResult(id, "chaos", title, v, c.effect() + " after " + c.effectMillis()
                        + " ms, recovered in " + duration(took) + (v == Verdict.WARN ? " > " + Thresholds.text(t.recoveryFail()) : "")));
            }
        }
        for (CheckResult c : standard) {
            if (DISTURBED.contains(c.id()) && c.verdict() != Verdict.SKIP) {
                out.add(new CheckResult(c.id(), c.group(), c.title(), Verdict.SKIP,
                        "not judged under injected faults (was " + c.verdict().wireName() + "): " + c.reason()));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private static void stability(List<CheckResult> out, Probe.Measurements m, Thresholds t, boolean live, String span) {
        if (!live || !m.healthSeen()) {
            String why = live ? "the connector reported no health" : "a recording has no connection";
            out.add(new CheckResult("stability.live", "stability", "Market data live", Verdict.SKIP, why));
            out.add(new CheckResult("stability.recovery", "stability", "Recovery after drops", Verdict.SKIP, why));
            return;
        }
        SessionTime md = m.stability().sessions().stream().filter(s -> s.session().equals(SessionHealth.MARKET_DATA))
                .findFirst().orElse(m.stability().sessions().get(0));
        double live100 = md.livePercent();
        Verdict v = live100 >= t.liveWarnPercent() ? Verdict.PASS
                : live100 >= t.liveFailPercent() ? Verdict.WARN : Verdict.FAIL;
        StringBuilder reason = new StringBuilder(String.format(Locale.ROOT, "%s live %.1f %% of %s", md.session(),
                live100, span));
        for (Map.Entry<String, Long> e : md.millisByState().entrySet()) {
            if (!e.getKey().equals("live") && e.getValue() > 0) {
                reason.append(", ").append(e.getKey()).append(' ').append(duration(Duration.ofMillis(e.getValue())));
            }
        }
        if (v != Verdict.PASS) {
            reason.append(String.format(Locale.ROOT, " (%s below %s %%)", v == Verdict.FAIL ? "fail:" : "warn:",
                    number(v == Verdict.FAIL ? t.liveFailPercent() : t.liveWarnPercent())));
        }
        out.add(new CheckResult("stability.live", "stability", "Market data live", v, reason.toString()));

        List<Recovery> drops = m.stability().recoveries();
        long reconnects = m.stability().reconnects();
        if (drops.isEmpty()) {
            out.add(new CheckResult("stability.recovery", "stability", "Recovery after drops", Verdict.PASS,
                    "no session left the live state in " + span + (reconnects > 0 ? ", " + reconnects + " reconnects" : "")));
            return;
        }
        long unrecovered = drops.stream().filter(r -> r.took() == null).count();
        Duration longest = drops.stream().filter(r -> r.took() != null).map(Recovery::took).max(Duration::compareTo)
                .orElse(Duration.ZERO);
        String what = drops.size() + (drops.size() == 1 ? " drop" : " drops") + " in " + span + " ("
                + reconnects + " reconnects)";
        if (unrecovered > 0) {
            Recovery r = drops.stream().filter(x -> x.took() == null).findFirst().orElseThrow();
            out.add(new CheckResult("stability.recovery", "stability", "Recovery after drops", Verdict.FAIL,
                    what + "; " + r.session() + " still " + r.state() + " at the end" + cause(r.cause())));
        } else if (longest.compareTo(t.recoveryFail()) > 0) {
            out.add(new CheckResult("stability.recovery", "stability", "Recovery after drops", Verdict.FAIL,
                    what + "; the longest took " + duration(longest) + " > " + Thresholds.text(t.recoveryFail())));
        } else {
            out.add(new CheckResult("stability.recovery", "stability", "Recovery after drops", Verdict.WARN,
                    what + ", all recovered in " + atMost(longest)));
        }
    }

    private static void quality(List<CheckResult> out, Probe.Measurements m, Thresholds t, String span) {
        List<InstrumentQuality> all = m.quality().instruments();
        // invariants
        long updates = all.stream().mapToLong(InstrumentQuality::bookUpdates).sum();
        InstrumentQuality broken = all.stream().filter(q -> q.invariantViolations() > 0).findFirst().orElse(null);
        if (updates == 0) {
            out.add(new CheckResult("quality.book-invariants", "quality", "Book sound after every update", Verdict.SKIP,
                    "no book update in " + span));
        } else if (broken != null) {
            long n = all.stream().mapToLong(InstrumentQuality::invariantViolations).sum();
            out.add(new CheckResult("quality.book-invariants", "quality", "Book sound after every update", Verdict.FAIL,
                    n + " of " + updates + " updates left a book crossed or unsorted; first, " + broken.symbol() + ": "
                            + broken.firstViolation()));
        } else {
            out.add(new CheckResult("quality.book-invariants", "quality", "Book sound after every update", Verdict.PASS,
                    "all " + updates + " updates left the book sorted and uncrossed"));
        }
        // gaps and checksums
        long gaps = 0;
        long checksums = 0;
        long unrecovered = 0;
        long longest = 0;
        for (InstrumentQuality q : all) {
            gaps += q.resetsByReason().getOrDefault("sequence gap", 0L);
            checksums += q.resetsByReason().getOrDefault("checksum mismatch", 0L) + q.checksumsFailed();
            for (long r : q.resetRecoveryMillis()) {
                if (r < 0) {
                    unrecovered++;
                } else {
                    longest = Math.max(longest, r);
                }
            }
        }
        long problems = gaps + checksums;
        String counted = counted(gaps, "sequence gap") + (gaps > 0 && checksums > 0 ? " and " : "")
                + counted(checksums, "checksum failure");
        if (updates == 0 && problems == 0) {
            out.add(new CheckResult("quality.book-sync", "quality", "Gaps and checksums", Verdict.SKIP, "no book update in " + span));
        } else if (problems == 0 && unrecovered == 0) {
            long ok = all.stream().mapToLong(InstrumentQuality::checksumsOk).sum();
            out.add(new CheckResult("quality.book-sync", "quality", "Gaps and checksums", Verdict.PASS,
                    "no sequence gap or checksum failure in " + span + (ok > 0 ? " (" + ok + " checksums matched)" : "")));
        } else if (unrecovered > 0) {
            out.add(new CheckResult("quality.book-sync", "quality", "Gaps and checksums", Verdict.FAIL,
                    (problems > 0 ? counted + " in " + span + "; " : "") + unrecovered
                            + (unrecovered == 1 ? " reset was" : " resets were") + " not followed by a fresh snapshot"));
        } else if (problems >= t.resetsFail() || longest > t.recoveryFail().toMillis()) {
            out.add(new CheckResult("quality.book-sync", "quality", "Gaps and checksums", Verdict.FAIL,
                    counted + " in " + span + ", recovered in " + atMost(Duration.ofMillis(longest))
                            + (problems >= t.resetsFail() ? " (" + problems + " >= " + t.resetsFail() + ")" : "")));
        } else {
            out.add(new CheckResult("quality.book-sync", "quality", "Gaps and checksums", Verdict.WARN,
                    (problems > 0 ? counted : "book resets") + " in " + span + ", all recovered in "
                            + atMost(Duration.ofMillis(longest))));
        }
        // stale
        long stale = all.stream().mapToLong(q -> q.stalePeriods() + q.connectorStale()).sum();
        long silence = all.stream().mapToLong(InstrumentQuality::longestSilenceMillis).max().orElse(0);
        if (updates == 0) {
            out.add(new CheckResult("quality.stale", "quality", "Stale periods", Verdict.SKIP, "no book update in " + span));
        } else if (stale == 0) {
            out.add(new CheckResult("quality.stale", "quality", "Stale periods", Verdict.PASS,
                    "longest silence of a book " + duration(Duration.ofMillis(silence)) + " (stale after "
                            + Thresholds.text(t.staleAfter()) + ")"));
        } else {
            out.add(new CheckResult("quality.stale", "quality", "Stale periods", Verdict.WARN,
                    stale + (stale == 1 ? " stale period" : " stale periods") + " in " + span + ", longest silence "
                            + duration(Duration.ofMillis(silence)) + " > " + Thresholds.text(t.staleAfter())));
        }
        // trades
        long trades = all.stream().mapToLong(InstrumentQuality::trades).sum();
        long dup = all.stream().mapToLong(InstrumentQuality::duplicateTrades).sum();
        long ooo = all.stream().mapToLong(InstrumentQuality::outOfOrderTrades).sum();
        if (trades == 0 && dup == 0) {
            out.add(new CheckResult("quality.trades", "quality", "Trades unique and in order", Verdict.SKIP,
                    "no trade in " + span));
        } else if (dup > 0) {
            out.add(new CheckResult("quality.trades", "quality", "Trades unique and in order", Verdict.FAIL,
                    dup + " duplicate " + (dup == 1 ? "trade" : "trades") + " of " + trades
                            + (ooo > 0 ? ", " + ooo + " out of order" : "") + " (a duplicate counts volume twice)"));
        } else if (ooo > 0) {
            out.add(new CheckResult("quality.trades", "quality", "Trades unique and in order", Verdict.WARN,
                    ooo + " of " + trades + " trades more than 1 s older than the one before"));
        } else {
            out.add(new CheckResult("quality.trades", "quality", "Trades unique and in order", Verdict.PASS,
                    trades + " trades, no duplicate, none out of order"));
        }
        // ticker vs book
        long checks = all.stream().mapToLong(InstrumentQuality::tickerChecks).sum();
        long mism = all.stream().mapToLong(InstrumentQuality::tickerMismatches).sum();
        long tickers = all.stream().mapToLong(InstrumentQuality::tickers).sum();
        if (checks == 0) {
            out.add(new CheckResult("quality.ticker-vs-book", "quality", "Ticker agrees with the book", Verdict.SKIP,
                    tickers == 0 ? "no ticker in " + span : "the tickers carry no best bid and ask to compare"));
        } else if (mism == 0) {
            out.add(new CheckResult("quality.ticker-vs-book", "quality", "Ticker agrees with the book", Verdict.PASS,
                    checks + " tickers compared, none crossed the book"));
        } else {
            String first = all.stream().map(InstrumentQuality::firstTickerMismatch).filter(s -> !s.isEmpty()).findFirst()
                    .orElse("");
            Verdict v = mism * 100 <= checks ? Verdict.WARN : Verdict.FAIL;
            out.add(new CheckResult("quality.ticker-vs-book", "quality", "Ticker agrees with the book", v,
                    mism + " of " + checks + " tickers crossed the book's other side"
                            + (v == Verdict.FAIL ? " (more than 1 %)" : "") + "; first: " + first));
        }
        // candles vs trades
        long compared = all.stream().mapToLong(InstrumentQuality::candlesCompared).sum();
        long cm = all.stream().mapToLong(InstrumentQuality::candleMismatches).sum();
        if (compared == 0) {
            out.add(new CheckResult("quality.candles-vs-trades", "quality", "Candles agree with the trades",
                    Verdict.SKIP, "no one-minute candle of the exchange lay wholly within the run (" + span
                            + "); run for at least 2 min to compare"));
        } else if (cm == 0) {
            out.add(new CheckResult("quality.candles-vs-trades", "quality", "Candles agree with the trades",
                    Verdict.PASS, compared + " one-minute candles match the candles rebuilt from the trades"));
        } else {
            String first = all.stream().map(InstrumentQuality::firstCandleMismatch).filter(s -> !s.isEmpty()).findFirst()
                    .orElse("");
            out.add(new CheckResult("quality.candles-vs-trades", "quality", "Candles agree with the trades",
                    Verdict.FAIL, cm + " of " + compared + " one-minute candles differ from the trades; first: " + first));
        }
    }

    private static void latency(List<CheckResult> out, String id, String title, LatencyStats s, Duration warn,
            Duration fail, String skip, String note) {
        if (s.count() == 0) {
            out.add(new CheckResult(id, "latency", title, Verdict.SKIP, skip));
            return;
        }
        double warnMs = warn.toNanos() / 1e6;
        double failMs = fail.toNanos() / 1e6;
        String figures = String.format(Locale.ROOT, "p50 %s, p90 %s, p99 %s, max %s over %d samples", ms(s.p50()),
                ms(s.p90()), ms(s.p99()), ms(s.max()), s.count());
        if (s.p99() > failMs) {
            out.add(new CheckResult(id, "latency", title, Verdict.FAIL,
                    "p99 latency " + ms(s.p99()) + " > " + Thresholds.text(fail) + "; " + figures + note));
        } else if (s.p99() > warnMs) {
            out.add(new CheckResult(id, "latency", title, Verdict.WARN,
                    "p99 latency " + ms(s.p99()) + " > " + Thresholds.text(warn) + "; " + figures + note));
        } else {
            out.add(new CheckResult(id, "latency", title, Verdict.PASS, figures + note));
        }
    }

    private static void throughput(List<CheckResult> out, Probe.Measurements m, String span, List<String> symbols) {
        List<String> silent = new ArrayList<>();
        for (String symbol : symbols) {
            boolean delivered = m.quality().instruments().stream()
                    .anyMatch(q -> q.symbol().equals(symbol) && q.bookUpdates() > 0);
            if (!delivered) {
                silent.add(symbol);
            }
        }
        String rates = String.format(Locale.ROOT, "%,.1f msg/s on average, peak %,d in one second, %,d in all",
                m.throughput().average(), m.throughput().peak(), m.throughput().total());
        if (m.quality().instruments().isEmpty() || m.throughput().total() == 0) {
            out.add(new CheckResult("throughput.data", "throughput", "Data arrives", Verdict.FAIL,
                    "no message in " + span));
        } else if (!silent.isEmpty()) {
            out.add(new CheckResult("throughput.data", "throughput", "Data arrives", Verdict.FAIL,
                    "no book update for " + String.join(", ", silent) + " in " + span + "; " + rates));
        } else {
            out.add(new CheckResult("throughput.data", "throughput", "Data arrives", Verdict.PASS, rates));
        }
    }

    private static void errors(List<CheckResult> out, Probe.Measurements m, Thresholds t, String span) {
        long decode = m.errors().decodeErrors();
        Verdict dv = decode == 0 ? Verdict.PASS : decode >= t.decodeErrorsFail() ? Verdict.FAIL : Verdict.WARN;
        String firstDecode = m.errors().failures().stream().filter(f -> f.startsWith("decode: ")).findFirst()
                .map(f -> "; first: " + f.substring(8)).orElse("");
        out.add(new CheckResult("errors.decode", "errors", "Decode errors", dv,
                decode == 0 ? "none in " + span : decode + " in " + span + (dv == Verdict.FAIL ? " (>= " + t.decodeErrorsFail() + ")" : "")
                        + firstDecode));
        long failed = m.errors().streamFailures();
        out.add(new CheckResult("errors.streams", "errors", "Streams accepted", failed == 0 ? Verdict.PASS : Verdict.FAIL,
                failed == 0 ? "every stream was accepted"
                        : failed + (failed == 1 ? " stream failed: " : " streams failed: ")
                                + String.join("; ", m.errors().failures().stream().filter(f -> !f.startsWith("decode: ")).toList())));
        long limited = m.errors().rateLimited();
        out.add(new CheckResult("errors.rate-limit", "errors", "Rate limits", limited == 0 ? Verdict.PASS : Verdict.WARN,
                limited == 0 ? "no rate-limit answer in " + span
                        : limited + " rate-limit " + (limited == 1 ? "answer" : "answers") + ": "
                                + String.join("; ", m.errors().rateLimitCauses())));
    }

    private static void account(List<CheckResult> out, Probe.Measurements m, Thresholds t, boolean live,
            int tradingAccounts, List<org.tradebench.verification.VerificationReport.AccountState> accounts) {
        // the clock: the connector's own sync when it has one, else the fastest event bounds the offset
        // (network latency is never negative)
        Double min = m.minExchangeMillis();
        var synced = accounts.stream().filter(a -> a.clockOffsetMillis() != null).toList();
        if (!synced.isEmpty()) {
            long worst = synced.stream().mapToLong(a -> Math.abs(a.clockOffsetMillis())).max().orElse(0);
            var a = synced.stream().filter(x -> Math.abs(x.clockOffsetMillis()) == worst).findFirst().orElseThrow();
            String where = a.clockOffsetMillis() >= 0 ? "ahead of" : "behind";
            String text = String.format(Locale.ROOT, "the %s account measured the exchange's clock %d ms %s this"
                    + " machine's; it signs with the exchange's time", a.account(), Math.abs(a.clockOffsetMillis()), where);
            out.add(new CheckResult("account.clock", "account", "Clock against the exchange",
                    worst > 1000 ? Verdict.WARN : Verdict.PASS,
                    worst > 1000 ? text + ", but other programs on this machine are off by as much: sync the clock" : text));
        } else if (!live) {
            out.add(new CheckResult("account.clock", "account", "Clock against the exchange", Verdict.SKIP,
                    "a recording: the clock was the recorder's"));
        } else if (min == null) {
            out.add(new CheckResult("account.clock", "account", "Clock against the exchange", Verdict.SKIP,
                    "no event carried an exchange timestamp"));
        } else if (min < -1000) {
            out.add(new CheckResult("account.clock", "account", "Clock against the exchange", Verdict.FAIL, String.format(
                    Locale.ROOT, "events arrived up to %.0f ms before their exchange time: this machine's clock is at least"
                            + " that much behind the exchange's; signed requests will be refused (sync the clock)", -min)));
        } else if (min < -250) {
            out.add(new CheckResult("account.clock", "account", "Clock against the exchange", Verdict.WARN, String.format(
                    Locale.ROOT, "events arrived up to %.0f ms before their exchange time: this machine's clock is at least"
                            + " that much behind the exchange's", -min)));
        } else if (min > 2000) {
            out.add(new CheckResult("account.clock", "account", "Clock against the exchange", Verdict.WARN, String.format(
                    Locale.ROOT, "the fastest event took %.0f ms from its exchange time: this machine's clock is ahead,"
                            + " or the network is slow", min)));
        } else {
            out.add(new CheckResult("account.clock", "account", "Clock against the exchange", Verdict.PASS, String.format(
                    Locale.ROOT, "the fastest event took %s from its exchange time (network latency plus the clock"
                            + " offset, so the offset is within that)", ms(Math.max(0, min)))));
        }
        // the account stream
        SessionTime account = m.stability().sessions().stream().filter(s -> s.session().equals(SessionHealth.ACCOUNT))
                .findFirst().orElse(null);
        if (account == null) {
            out.add(new CheckResult("account.stream", "account", "Account stream live", Verdict.SKIP,
                    !live ? "a recording has no account"
                            : tradingAccounts == 0 ? "no trading account configured (no keys)"
                                    : "the connector reports no account session"));
        } else {
            double p = account.livePercent();
            Verdict v = p >= t.liveWarnPercent() ? Verdict.PASS : p >= t.liveFailPercent() ? Verdict.WARN : Verdict.FAIL;
            StringBuilder reason = new StringBuilder(String.format(Locale.ROOT, "account live %.1f %% of the run", p));
            account.millisByState().forEach((state, millis) -> {
                if (!state.equals("live") && millis > 0) {
                    reason.append(", ").append(state).append(' ').append(duration(Duration.ofMillis(millis)));
                }
            });
            out.add(new CheckResult("account.stream", "account", "Account stream live", v, reason.toString()));
        }
        // the order round trip
        LatencyStats order = m.latency().order();
        List<String> failed = m.errors().orderFailures();
        if (!failed.isEmpty()) {
            out.add(new CheckResult("latency.order", "latency", "Order round trip", Verdict.FAIL,
                    failed.size() + (failed.size() == 1 ? " order round trip failed: " : " order round trips failed; first: ")
                            + failed.get(0)));
        } else if (order.count() == 0) {
            out.add(new CheckResult("latency.order", "latency", "Order round trip", Verdict.SKIP,
                    "no order sent: tick Order round trip in the workbench's Verification view (the simulated"
                            + " exchange only: it sends real orders)"));
        } else {
            LatencyStats cancel = m.latency().cancel();
            List<CheckResult> one = new ArrayList<>();
            latency(one, "latency.order", "Order round trip", order, t.orderWarn(), t.orderFail(), "",
                    String.format(Locale.ROOT, "; cancels p50 %s, p99 %s", ms(cancel.p50()), ms(cancel.p99())));
            out.addAll(one);
        }
        // the key's permissions
        var known = accounts.stream().filter(a -> a.withdrawalsEnabled() != null).toList();
        var withdrawing = known.stream().filter(a -> a.withdrawalsEnabled()).map(a -> a.account()).toList();
        if (accounts.isEmpty()) {
            out.add(new CheckResult("account.permissions", "account", "Key permissions", Verdict.SKIP,
                    live ? "no trading account configured (no keys)" : "a recording has no account"));
        } else if (!withdrawing.isEmpty()) {
            out.add(new CheckResult("account.permissions", "account", "Key permissions", Verdict.WARN,
                    "WITHDRAWALS ARE ENABLED on the key of " + String.join(", ", withdrawing) + ": whoever gets"
                            + " this key can move the funds out. Create a key without withdrawal permission for"
                            + " trading"));
        } else if (known.isEmpty()) {
            String problems = accounts.stream().filter(a -> !a.problem().isEmpty())
                    .map(a -> a.account() + ": " + a.problem()).collect(java.util.stream.Collectors.joining("; "));
            out.add(new CheckResult("account.permissions", "account", "Key permissions", Verdict.SKIP,
                    problems.isEmpty() ? "the connector does not report the key's permissions" : problems));
        } else {
            out.add(new CheckResult("account.permissions", "account", "Key permissions", Verdict.PASS,
                    "withdrawals disabled; " + known.stream().map(a -> a.account() + ": "
                            + (a.permissions().isEmpty() ? "-" : String.join(", ", a.permissions())))
                            .collect(java.util.stream.Collectors.joining("; "))));
        }
        // rate-limit headroom
        var counted = accounts.stream().filter(a -> a.rateLimitUsed() != null).toList();
        if (counted.isEmpty()) {
            out.add(new CheckResult("account.rate-limit", "account", "Rate-limit headroom", Verdict.SKIP,
                    accounts.isEmpty() ? "no trading account configured (no keys)"
                            : "the connector does not report its request limits"));
        } else {
            double used = counted.stream().mapToDouble(a -> a.rateLimitUsed()).max().orElse(0);
            var a = counted.stream().filter(x -> x.rateLimitUsed() == used).findFirst().orElseThrow();
            Verdict v = used >= 0.9 ? Verdict.FAIL : used >= 0.7 ? Verdict.WARN : Verdict.PASS;
            out.add(new CheckResult("account.rate-limit", "account", "Rate-limit headroom", v, String.format(Locale.ROOT,
                    "%.0f %% of the tightest limit in use at the end (%s: %s)", used * 100, a.account(),
                    a.rateLimit().isEmpty() ? "-" : a.rateLimit())));
        }
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 120_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%.1f min", ms / 60_000.0);
    }

    private static String atMost(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return "< 1 s";
        }
        return "<= " + duration(d);
    }

    private static String counted(long n, String what) {
        return n == 0 ? "" : n + " " + what + (n == 1 ? "" : "s");
    }

    private static String cause(String cause) {
        return cause == null || cause.isEmpty() ? "" : " (" + cause + ")";
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f ms" : "%.0f ms", v);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
