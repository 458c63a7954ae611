package org.tradebench.verification;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a report as one self-contained HTML page: the verdict table, the latency histogram and
 * percentiles over time, the message rate over time, a health timeline per session, and the
 * measurements as tables. Charts are inline SVG; the page loads nothing (no script, no font, no
 * image from anywhere), so it opens in any browser without a network.
 *
 * <pre>{@code
 * ReportHtml.write(report, Path.of("report.html"));
 * }</pre>
 */
public final class ReportHtml {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String PASS = "#1e9e46";
    private static final String WARN = "#d88a00";
    private static final String FAIL = "#d2261e";
    private static final String SKIP = "#8a8a8a";
    private static final int W = 860;

    private ReportHtml() {
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
        out.write(render(report));
        out.flush();
    }

    /**
     * The page.
     *
     * @param r the report
     * @return the HTML text
     */
    public static String render(VerificationReport r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = "Verification of " + r.exchangeName() + " — " + r.verdict().wireName().toUpperCase(Locale.ROOT);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
                .append("<title>").append(esc(title)).append("</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<header><h1>").append(esc(r.exchangeName())).append(" <span class=\"id\">").append(esc(r.exchangeId()))
                .append("</span></h1><div class=\"verdict v-").append(r.verdict().wireName()).append("\">")
                .append(r.verdict().wireName().toUpperCase(Locale.ROOT)).append("</div></header>\n");
        h.append("<p class=\"meta\">").append(esc(r.mode().equals("live") ? "Live connection" : "Recording"))
                .append(" · plan ").append(esc(r.plan().kind().wireName())).append(" · ")
                .append(esc(String.join(", ", r.plan().symbols()))).append(" · ").append(TIME.format(r.started()))
                .append(" · measured ").append(esc(seconds(r.measured()))).append(" of ")
                .append(esc(seconds(r.plan().duration()))).append(r.cancelled() ? " (stopped early)" : "").append("</p>\n");
        for (String n : r.notes()) {
            h.append("<p class=\"note\">").append(esc(n)).append("</p>\n");
        }
        // verdict table
        h.append("<h2>Checks</h2><table class=\"checks\"><thead><tr><th>Check</th><th>Verdict</th><th>Why</th></tr></thead><tbody>\n");
        for (CheckResult c : r.checks()) {
            h.append("<tr><td><b>").append(esc(c.title())).append("</b><br><span class=\"id\">").append(esc(c.id()))
                    .append("</span></td><td><span class=\"badge v-").append(c.verdict().wireName()).append("\">")
                    .append(c.verdict().wireName()).append("</span></td><td>").append(esc(c.reason())).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        if (!r.chaos().isEmpty()) {
            h.append("<h2>Chaos</h2><table class=\"num\"><thead><tr><th>Fault</th><th>injected</th><th>seen</th>"
                    + "<th>after</th><th>recovered in</th></tr></thead><tbody>");
            for (VerificationReport.ChaosResult c : r.chaos()) {
                h.append("<tr><td>").append(esc(c.fault())).append("</td><td>").append(TIME.format(c.injected()))
                        .append("</td><td class=\"text\">").append(esc(c.effect().isEmpty() ? "nothing" : c.effect()))
                        .append("</td><td>").append(c.effectMillis() < 0 ? "–" : ms(c.effectMillis())).append("</td><td>")
                        .append(c.recoveredMillis() < 0 ? "<b>" + esc(c.problem()) + "</b>" : esc(ms(c.recoveredMillis())))
                        .append("</td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        // charts
        h.append("<h2>Latency</h2>");
        h.append(latencyTable(r.latency()));
        h.append("<figure><figcaption>Exchange time → local receive: histogram</figcaption>")
                .append(histogram(r.latency().histogram())).append("</figure>");
        h.append("<figure><figcaption>Exchange time → local receive: p50 and p99 per second (ms)</figcaption>")
                .append(percentiles(r.latency().perSecond())).append("</figure>\n");
        h.append("<h2>Throughput</h2>");
        h.append("<p>").append(String.format(Locale.ROOT, "%,d messages, %,.1f per second on average, peak %,d in one second.",
                r.throughput().total(), r.throughput().average(), r.throughput().peak())).append("</p>");
        h.append("<figure><figcaption>Messages per second, every channel</figcaption>")
                .append(rate(r.throughput().perSecond())).append("</figure>");
        h.append(rates("Channel", r.throughput().channels()));
        if (!r.throughput().connections().isEmpty()) {
            h.append(rates("Connection (raw frames)", r.throughput().connections()));
        }
        h.append("<h2>Connection health</h2>");
        if (r.stability().timeline().isEmpty()) {
            h.append("<p class=\"note\">No connection health in this run (a recording).</p>");
        } else {
            h.append("<figure><figcaption>State of each session over the run</figcaption>")
                    .append(timeline(r)).append("</figure>");
            h.append(stability(r.stability()));
        }
        h.append("<h2>Data quality</h2>").append(quality(r.quality()));
        h.append("<h2>Errors</h2>").append(errors(r.errors()));
        h.append("<h2>Thresholds</h2><table class=\"small\"><tbody>");
        for (Map.Entry<String, String> e : r.plan().thresholds().asMap().entrySet()) {
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(esc(e.getValue())).append("</td></tr>");
        }
        h.append("</tbody></table>\n<footer>Tradebench verification report · schema ")
                .append(esc(VerificationReport.SCHEMA)).append(" · ").append(TIME.format(r.ended())).append("</footer>\n");
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String latencyTable(VerificationReport.Latency l) {
        StringBuilder t = new StringBuilder("<table class=\"num\"><thead><tr><th>Measure</th><th>samples</th><th>p50</th><th>p90</th>"
                + "<th>p99</th><th>max</th></tr></thead><tbody>");
        row(t, "Ping round trip (the connector's)", l.ping());
        row(t, "Exchange time → local receive", l.exchangeToLocal());
        row(t, "Frame received → listener", l.processing());
        row(t, "Order placed → acknowledged", l.order());
        row(t, "Cancel → acknowledged", l.cancel());
        return t.append("</tbody></table>").toString();
    }

    private static void row(StringBuilder t, String name, VerificationReport.LatencyStats s) {
        t.append("<tr><td>").append(esc(name)).append("</td>");
        if (s.count() == 0) {
            t.append("<td>0</td><td colspan=\"4\" class=\"muted\">not measured</td></tr>");
            return;
        }
        t.append("<td>").append(String.format(Locale.ROOT, "%,d", s.count())).append("</td>");
        for (double v : new double[] {s.p50(), s.p90(), s.p99(), s.max()}) {
            t.append("<td>").append(ms(v)).append("</td>");
        }
        t.append("</tr>");
    }

    private static String histogram(List<VerificationReport.Bucket> buckets) {
        int h = 200;
        long max = 1;
        for (VerificationReport.Bucket b : buckets) {
            max = Math.max(max, b.count());
        }
        int n = buckets.size();
        double bw = (W - 60.0) / n;
        StringBuilder s = svg(W, h + 40);
        axisY(s, 40, 10, h, max);
        for (int i = 0; i < n; i++) {
            VerificationReport.Bucket b = buckets.get(i);
            double bh = b.count() * (double) h / max;
            double x = 50 + i * bw;
            String label = b.upToMillis() < 0 ? "more" : "≤" + trim(b.upToMillis());
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#3b7dd8\">"
                    + "<title>%s ms: %d</title></rect>", x + 1, 10 + h - bh, bw - 2, bh, esc(label), b.count()));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
                    x + bw / 2, h + 24, esc(label)));
        }
        s.append("<text x=\"").append(W / 2).append("\" y=\"").append(h + 38).append("\" class=\"tick\" text-anchor=\"middle\">ms</text>");
        return s.append("</svg>").toString();
    }

    private static String percentiles(List<VerificationReport.SecondLatency> series) {
        int h = 200;
        StringBuilder s = svg(W, h + 40);
        if (series.isEmpty()) {
            return s.append(empty(W, h)).append("</svg>").toString();
        }
        double max = 0.001;
        long last = 1;
        for (VerificationReport.SecondLatency p : series) {
            max = Math.max(max, p.p99());
            last = Math.max(last, p.second());
        }
        axisY(s, 40, 10, h, max);
        axisX(s, 50, W - 10, h + 10, last);
        s.append(line(series.stream().map(p -> new double[] {p.second(), p.p99()}).toList(), last, max, 50, W - 10, 10, h,
                "#d2261e"));
        s.append(line(series.stream().map(p -> new double[] {p.second(), p.p50()}).toList(), last, max, 50, W - 10, 10, h,
                "#3b7dd8"));
        s.append("<text x=\"60\" y=\"22\" class=\"tick\" fill=\"#3b7dd8\">p50</text><text x=\"92\" y=\"22\" class=\"tick\" fill=\"#d2261e\">p99</text>");
        return s.append("</svg>").toString();
    }

    private static String rate(List<Long> perSecond) {
        int h = 160;
        StringBuilder s = svg(W, h + 30);
        if (perSecond.isEmpty()) {
            return s.append(empty(W, h)).append("</svg>").toString();
        }
        double max = 1;
        for (long n : perSecond) {
            max = Math.max(max, n);
        }
        long last = Math.max(1, perSecond.size() - 1);
        axisY(s, 40, 10, h, max);
        axisX(s, 50, W - 10, h + 10, last);
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < perSecond.size(); i++) {
            points.add(new double[] {i, perSecond.get(i)});
        }
        s.append(line(points, last, max, 50, W - 10, 10, h, "#1e9e46"));
        return s.append("</svg>").toString();
    }

    private static String timeline(VerificationReport r) {
        Map<String, List<VerificationReport.HealthSpan>> bySession = new LinkedHashMap<>();
        for (VerificationReport.HealthSpan span : r.stability().timeline()) {
            bySession.computeIfAbsent(span.session(), k -> new ArrayList<>()).add(span);
        }
        int rowH = 26;
        int h = bySession.size() * rowH + 40;
        StringBuilder s = svg(W, h);
        long start = r.started().toEpochMilli();
        long total = Math.max(1, r.ended().toEpochMilli() - start);
        double x0 = 130;
        double x1 = W - 10;
        int y = 10;
        for (Map.Entry<String, List<VerificationReport.HealthSpan>> e : bySession.entrySet()) {
            s.append("<text x=\"4\" y=\"").append(y + 16).append("\" class=\"label\">").append(esc(e.getKey())).append("</text>");
            for (VerificationReport.HealthSpan span : e.getValue()) {
                long from = Math.max(start, span.from().toEpochMilli());
                long to = Math.max(from, span.to().toEpochMilli());
                double a = x0 + (from - start) * (x1 - x0) / total;
                double b = x0 + (to - start) * (x1 - x0) / total;
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                        + "<title>%s %s → %s%s</title></rect>", a, y, Math.max(1, b - a), rowH - 6, stateColour(span.state()),
                        esc(span.state()), TIME.format(span.from()), TIME.format(span.to()),
                        span.cause().isEmpty() ? "" : ": " + esc(span.cause())));
            }
            y += rowH;
        }
        axisX(s, x0, x1, y, total / 1000);
        int lx = (int) x0;
        for (String state : List.of("live", "connecting", "reconnecting", "stale", "rest-fallback", "maintenance", "failed",
                "disconnected")) {
            s.append("<rect x=\"").append(lx).append("\" y=\"").append(y + 16).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(stateColour(state)).append("\"/><text x=\"").append(lx + 14).append("\" y=\"").append(y + 25)
                    .append("\" class=\"tick\">").append(state).append("</text>");
            lx += 88;
        }
        return s.append("</svg>").toString().replace("height=\"" + h + "\"", "height=\"" + (h + 14) + "\"");
    }

    private static String stability(VerificationReport.Stability s) {
        StringBuilder t = new StringBuilder("<p>").append(s.reconnects()).append(" reconnects.</p>");
        t.append("<table class=\"num\"><thead><tr><th>Session</th><th>live</th><th>time per state</th></tr></thead><tbody>");
        for (VerificationReport.SessionTime st : s.sessions()) {
            List<String> parts = new ArrayList<>();
            st.millisByState().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> parts.add(e.getKey() + " " + seconds(Duration.ofMillis(e.getValue()))));
            t.append("<tr><td>").append(esc(st.session())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f %%", st.livePercent())).append("</td><td class=\"text\">")
                    .append(esc(String.join(", ", parts))).append("</td></tr>");
        }
        t.append("</tbody></table>");
        if (!s.recoveries().isEmpty()) {
            t.append("<table class=\"num\"><thead><tr><th>Session</th><th>lost at</th><th>state</th><th>cause</th><th>recovered in</th></tr></thead><tbody>");
            for (VerificationReport.Recovery rec : s.recoveries()) {
                t.append("<tr><td>").append(esc(rec.session())).append("</td><td>").append(TIME.format(rec.lost()))
                        .append("</td><td>").append(esc(rec.state())).append("</td><td class=\"text\">").append(esc(rec.cause()))
                        .append("</td><td>").append(rec.took() == null ? "<b>not recovered</b>" : esc(ms(rec.took().toMillis())))
                        .append("</td></tr>");
            }
            t.append("</tbody></table>");
        }
        return t.toString();
    }

    private static String quality(VerificationReport.Quality q) {
        StringBuilder t = new StringBuilder("<table class=\"num\"><thead><tr><th>Instrument</th><th>book updates</th><th>resets</th>"
                + "<th>invariant violations</th><th>stale</th><th>longest silence</th><th>trades</th><th>duplicates</th>"
                + "<th>out of order</th><th>ticker checks</th><th>ticker mismatches</th><th>candles compared</th>"
                + "<th>candle mismatches</th></tr></thead><tbody>");
        for (VerificationReport.InstrumentQuality i : q.instruments()) {
            List<String> resets = new ArrayList<>();
            i.resetsByReason().forEach((k, v) -> resets.add(v + " " + k));
            t.append("<tr><td>").append(esc(i.symbol())).append("</td>");
            cells(t, i.bookUpdates());
            t.append("<td class=\"text\">").append(resets.isEmpty() ? "0" : esc(String.join(", ", resets))).append("</td>");
            cells(t, i.invariantViolations(), i.stalePeriods() + i.connectorStale());
            t.append("<td>").append(esc(seconds(Duration.ofMillis(i.longestSilenceMillis())))).append("</td>");
            cells(t, i.trades(), i.duplicateTrades(), i.outOfOrderTrades(), i.tickerChecks(), i.tickerMismatches(),
                    i.candlesCompared(), i.candleMismatches());
            t.append("</tr>");
        }
        t.append("</tbody></table>");
        for (VerificationReport.InstrumentQuality i : q.instruments()) {
            for (String first : List.of(i.firstViolation(), i.firstTickerMismatch(), i.firstCandleMismatch())) {
                if (!first.isEmpty()) {
                    t.append("<p class=\"note\">").append(esc(i.symbol() + ": " + first)).append("</p>");
                }
            }
        }
        return t.toString();
    }

    private static String errors(VerificationReport.Errors e) {
        StringBuilder t = new StringBuilder("<p>").append(e.decodeErrors()).append(" decode errors, ").append(e.streamFailures())
                .append(" failed streams, ").append(e.rateLimited()).append(" rate-limit answers.</p>");
        for (String f : e.failures()) {
            t.append("<p class=\"note\">").append(esc(f)).append("</p>");
        }
        for (String f : e.orderFailures()) {
            t.append("<p class=\"note\">order: ").append(esc(f)).append("</p>");
        }
        for (String f : e.rateLimitCauses()) {
            t.append("<p class=\"note\">").append(esc(f)).append("</p>");
        }
        return t.toString();
    }

    private static String rates(String what, Map<String, VerificationReport.Rate> rates) {
        StringBuilder t = new StringBuilder("<table class=\"num\"><thead><tr><th>").append(esc(what))
                .append("</th><th>messages</th><th>per second</th><th>peak second</th></tr></thead><tbody>");
        rates.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> t.append("<tr><td>").append(esc(e.getKey()))
                .append("</td><td>").append(String.format(Locale.ROOT, "%,d", e.getValue().total())).append("</td><td>")
                .append(String.format(Locale.ROOT, "%,.1f", e.getValue().average())).append("</td><td>")
                .append(String.format(Locale.ROOT, "%,d", e.getValue().peak())).append("</td></tr>"));
        return t.append("</tbody></table>").toString();
    }

    private static void cells(StringBuilder t, long... values) {
        for (long v : values) {
            t.append("<td>").append(String.format(Locale.ROOT, "%,d", v)).append("</td>");
        }
    }

    private static StringBuilder svg(int w, int h) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" role=\"img\">");
    }

    private static String empty(int w, int h) {
        return "<text x=\"" + w / 2 + "\" y=\"" + h / 2 + "\" class=\"tick\" text-anchor=\"middle\">no samples</text>";
    }

    private static void axisY(StringBuilder s, double x, double top, double h, double max) {
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", x + 8, top,
                x + 8, top + h));
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double y = top + h - h * i / 4.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>", x + 8, y, 2000, y, x + 4, y + 4,
                    esc(trim(v))));
        }
    }

    private static void axisX(StringBuilder s, double x0, double x1, double y, long lastSecond) {
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", x0, y, x1, y));
        for (int i = 0; i <= 5; i++) {
            double x = x0 + (x1 - x0) * i / 5;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"middle\">%d s</text>", x,
                    y + 13, Math.round(lastSecond * i / 5.0)));
        }
    }

    private static String line(List<double[]> points, double maxX, double maxY, double x0, double x1, double top, double h,
            String colour) {
        StringBuilder p = new StringBuilder("<polyline fill=\"none\" stroke=\"").append(colour)
                .append("\" stroke-width=\"1.6\" points=\"");
        for (double[] pt : points) {
            p.append(String.format(Locale.ROOT, "%.1f,%.1f ", x0 + pt[0] * (x1 - x0) / Math.max(1, maxX),
                    top + h - pt[1] * h / maxY));
        }
        return p.append("\"/>").toString();
    }

    private static String stateColour(String state) {
        return switch (state) {
            case "live" -> PASS;
            case "connecting", "reconnecting", "stale", "rest-fallback" -> WARN;
            case "maintenance" -> "#3c6ec8";
            case "failed" -> FAIL;
            default -> SKIP;
        };
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f ms" : "%.0f ms", v);
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String trim(double v) {
        if (v >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body{font:14px/1.45 "DejaVu Sans",Helvetica,Arial,sans-serif;margin:24px auto;max-width:900px;color:#1d1d1d;background:#fff}
            header{display:flex;align-items:center;justify-content:space-between;border-bottom:2px solid #ddd}
            h1{font-size:22px;margin:8px 0}h2{font-size:17px;margin:26px 0 8px;border-bottom:1px solid #eee}
            .id{color:#777;font-size:12px;font-weight:normal;font-family:"DejaVu Sans Mono",monospace}
            .verdict{font-weight:bold;font-size:20px;color:#fff;padding:4px 16px;border-radius:4px}
            .v-pass{background:#1e9e46}.v-warn{background:#d88a00}.v-fail{background:#d2261e}.v-skip{background:#8a8a8a}
            .badge{color:#fff;padding:1px 8px;border-radius:3px;font-weight:bold;font-size:12px;text-transform:uppercase}
            .meta{color:#555}.note{color:#555;font-size:13px;margin:4px 0}.muted{color:#999}
            table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}
            th{font-size:12px;color:#555;font-weight:bold}
            table.num td{text-align:right;font-variant-numeric:tabular-nums}table.num td:first-child,table.num td.text{text-align:left}
            table.checks td:nth-child(2){white-space:nowrap}table.small{width:auto}
            figure{margin:8px 0}figcaption{font-size:12px;color:#555}
            svg .tick{font-size:10px;fill:#555}svg .label{font-size:12px;fill:#1d1d1d}svg .axis{stroke:#999}svg .grid{stroke:#eee}
            footer{margin-top:30px;color:#999;font-size:12px}
            """;
}
