package org.tradebench.verification;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.gson.stream.JsonWriter;

/**
 * Writes a report as JSON, in the schema {@value VerificationReport#SCHEMA} documented in
 * docs/verification-report.md (with its JSON Schema, docs/verification-report.schema.json). Times
 * are ISO-8601 UTC, durations and latencies milliseconds.
 *
 * <pre>{@code
 * ReportJson.write(report, Path.of("report.json"));
 * }</pre>
 */
public final class ReportJson {

    private ReportJson() {
    }

    /**
     * Writes a report to a file (UTF-8), replacing it.
     *
     * @param report the report
     * @param file the file
     * @throws IOException when the file cannot be written
     */
    public static void write(VerificationReport report, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(report, w);
        }
    }

    /**
     * Writes a report.
     *
     * @param report the report
     * @param out where to
     * @throws IOException when writing fails
     */
    public static void write(VerificationReport report, Writer out) throws IOException {
        JsonWriter j = new JsonWriter(out);
        j.setIndent("  ");
        j.setHtmlSafe(true);
        j.beginObject();
        j.name("schema").value(VerificationReport.SCHEMA);
        j.name("exchange").value(report.exchangeId());
        j.name("exchangeName").value(report.exchangeName());
        j.name("mode").value(report.mode());
        VerificationPlan p = report.plan();
        j.name("plan").beginObject();
        j.name("kind").value(p.kind().wireName());
        j.name("symbols");
        strings(j, p.symbols());
        j.name("durationMillis").value(p.duration().toMillis());
        j.name("bookDepth").value(p.bookDepth());
        j.name("thresholds").beginObject();
        for (Map.Entry<String, String> e : p.thresholds().asMap().entrySet()) {
            j.name(e.getKey()).value(e.getValue());
        }
        j.endObject();
        j.endObject();
        j.name("started").value(report.started().toString());
        j.name("ended").value(report.ended().toString());
        j.name("measuredMillis").value(report.measured().toMillis());
        j.name("cancelled").value(report.cancelled());
        j.name("verdict").value(report.verdict().wireName());
        j.name("checks").beginArray();
        for (CheckResult c : report.checks()) {
            j.beginObject();
            j.name("id").value(c.id());
            j.name("group").value(c.group());
            j.name("title").value(c.title());
            j.name("verdict").value(c.verdict().wireName());
            j.name("reason").value(c.reason());
            j.endObject();
        }
        j.endArray();
        stability(j, report.stability());
        quality(j, report.quality());
        latency(j, report.latency());
        throughput(j, report.throughput());
        VerificationReport.Errors e = report.errors();
        j.name("errors").beginObject();
        j.name("decodeErrors").value(e.decodeErrors());
        j.name("streamFailures").value(e.streamFailures());
        j.name("failures");
        strings(j, e.failures());
        j.name("rateLimited").value(e.rateLimited());
        j.name("rateLimitCauses");
        strings(j, e.rateLimitCauses());
        j.name("orderFailures");
        strings(j, e.orderFailures());
        j.endObject();
        j.name("chaos").beginArray();
        for (VerificationReport.ChaosResult c : report.chaos()) {
            j.beginObject();
            j.name("fault").value(c.fault());
            j.name("injected").value(c.injected().toString());
            j.name("effect").value(c.effect());
            j.name("effectMillis").value(c.effectMillis());
            j.name("recoveredMillis").value(c.recoveredMillis());
            j.name("problem").value(c.problem());
            j.endObject();
        }
        j.endArray();
        j.name("accounts").beginArray();
        for (VerificationReport.AccountState a : report.accounts()) {
            j.beginObject();
            j.name("account").value(a.account());
            j.name("clockOffsetMillis").value(a.clockOffsetMillis());
            j.name("withdrawalsEnabled").value(a.withdrawalsEnabled());
            j.name("permissions");
            strings(j, a.permissions());
            j.name("rateLimitUsed").value(a.rateLimitUsed());
            j.name("rateLimit").value(a.rateLimit());
            j.name("problem").value(a.problem());
            j.endObject();
        }
        j.endArray();
        j.name("notes");
        strings(j, report.notes());
        j.endObject();
        j.flush();
        out.write('\n');
        out.flush();
    }

    private static void stability(JsonWriter j, VerificationReport.Stability s) throws IOException {
        j.name("stability").beginObject();
        j.name("reconnects").value(s.reconnects());
        j.name("recoveries").beginArray();
        for (VerificationReport.Recovery r : s.recoveries()) {
            j.beginObject();
            j.name("session").value(r.session());
            j.name("lost").value(r.lost().toString());
            j.name("state").value(r.state());
            j.name("cause").value(r.cause());
            j.name("recoveredMillis");
            if (r.took() == null) {
                j.nullValue();
            } else {
                j.value(r.took().toMillis());
            }
            j.endObject();
        }
        j.endArray();
        j.name("sessions").beginArray();
        for (VerificationReport.SessionTime t : s.sessions()) {
            j.beginObject();
            j.name("session").value(t.session());
            j.name("livePercent").value(t.livePercent());
            j.name("millisByState").beginObject();
            for (Map.Entry<String, Long> e : new java.util.TreeMap<>(t.millisByState()).entrySet()) {
                j.name(e.getKey()).value(e.getValue());
            }
            j.endObject();
            j.endObject();
        }
        j.endArray();
        j.name("timeline").beginArray();
        for (VerificationReport.HealthSpan h : s.timeline()) {
            j.beginObject();
            j.name("session").value(h.session());
            j.name("state").value(h.state());
            j.name("cause").value(h.cause());
            j.name("from").value(h.from().toString());
            j.name("to").value(h.to().toString());
            j.endObject();
        }
        j.endArray();
        j.endObject();
    }

    private static void quality(JsonWriter j, VerificationReport.Quality q) throws IOException {
        j.name("quality").beginArray();
        for (VerificationReport.InstrumentQuality i : q.instruments()) {
            j.beginObject();
            j.name("symbol").value(i.symbol());
            j.name("bookUpdates").value(i.bookUpdates());
            j.name("resetsByReason").beginObject();
            for (Map.Entry<String, Long> e : new java.util.TreeMap<>(i.resetsByReason()).entrySet()) {
                j.name(e.getKey()).value(e.getValue());
            }
            j.endObject();
            j.name("resetRecoveryMillis").beginArray();
            for (long r : i.resetRecoveryMillis()) {
                j.value(r);
            }
            j.endArray();
            j.name("invariantViolations").value(i.invariantViolations());
            j.name("firstViolation").value(i.firstViolation());
            j.name("checksumsOk").value(i.checksumsOk());
            j.name("checksumsFailed").value(i.checksumsFailed());
            j.name("stalePeriods").value(i.stalePeriods());
            j.name("longestSilenceMillis").value(i.longestSilenceMillis());
            j.name("connectorStale").value(i.connectorStale());
            j.name("trades").value(i.trades());
            j.name("duplicateTrades").value(i.duplicateTrades());
            j.name("outOfOrderTrades").value(i.outOfOrderTrades());
            j.name("tickers").value(i.tickers());
            j.name("tickerChecks").value(i.tickerChecks());
            j.name("tickerMismatches").value(i.tickerMismatches());
            j.name("firstTickerMismatch").value(i.firstTickerMismatch());
            j.name("candlesCompared").value(i.candlesCompared());
            j.name("candleMismatches").value(i.candleMismatches());
            j.name("firstCandleMismatch").value(i.firstCandleMismatch());
            j.endObject();
        }
        j.endArray();
    }

    private static void latency(JsonWriter j, VerificationReport.Latency l) throws IOException {
        j.name("latency").beginObject();
        stats(j, "ping", l.ping());
        stats(j, "exchangeToLocal", l.exchangeToLocal());
        stats(j, "processing", l.processing());
        stats(j, "order", l.order());
        stats(j, "cancel", l.cancel());
        j.name("histogram").beginArray();
        for (VerificationReport.Bucket b : l.histogram()) {
            j.beginObject();
            j.name("upToMillis");
            if (b.upToMillis() < 0) {
                j.nullValue();
            } else {
                j.value(b.upToMillis());
            }
            j.name("count").value(b.count());
            j.endObject();
        }
        j.endArray();
        j.name("perSecond").beginArray();
        for (VerificationReport.SecondLatency s : l.perSecond()) {
            j.beginObject();
            j.name("second").value(s.second());
            j.name("p50").value(s.p50());
            j.name("p99").value(s.p99());
            j.endObject();
        }
        j.endArray();
        j.endObject();
    }

    private static void stats(JsonWriter j, String name, VerificationReport.LatencyStats s) throws IOException {
        j.name(name).beginObject();
        j.name("count").value(s.count());
        j.name("p50").value(s.p50());
        j.name("p90").value(s.p90());
        j.name("p99").value(s.p99());
        j.name("max").value(s.max());
        j.endObject();
    }

    private static void throughput(JsonWriter j, VerificationReport.Throughput t) throws IOException {
        j.name("throughput").beginObject();
        j.name("total").value(t.total());
        j.name("average").value(t.average());
        j.name("peak").value(t.peak());
        rates(j, "channels", t.channels());
        rates(j, "connections", t.connections());
        j.name("perSecond").beginArray();
        for (long n : t.perSecond()) {
            j.value(n);
        }
        j.endArray();
        j.endObject();
    }

    private static void rates(JsonWriter j, String name, Map<String, VerificationReport.Rate> rates) throws IOException {
        j.name(name).beginObject();
        for (Map.Entry<String, VerificationReport.Rate> e : new java.util.TreeMap<>(rates).entrySet()) {
            j.name(e.getKey()).beginObject();
            j.name("total").value(e.getValue().total());
            j.name("average").value(e.getValue().average());
            j.name("peak").value(e.getValue().peak());
            j.endObject();
        }
        j.endObject();
    }

    private static void strings(JsonWriter j, List<String> values) throws IOException {
        j.beginArray();
        for (String s : values) {
            j.value(s);
        }
        j.endArray();
    }
}
