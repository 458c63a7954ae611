package org.tradebench.ui.verification.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.tradebench.verification.CheckResult;
import org.tradebench.verification.ReportHtml;
import org.tradebench.verification.ReportJson;
import org.tradebench.verification.Verdict;
import org.tradebench.verification.VerificationReport;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The reports of past runs: each run's JSON and HTML in one directory (the workspace's state
 * location of this bundle), read back as summaries (exchange, time, verdict, checks) to show them
 * again.
 *
 * <p>Thread-safe as far as the file system is.
 */
public final class ReportStore {

    private static final DateTimeFormatter FILE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path dir;

    /**
     * A store in a directory, created when needed.
     *
     * @param dir the directory
     */
    public ReportStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /**
     * The directory.
     *
     * @return where the reports are
     */
    public Path directory() {
        return dir;
    }

    /**
     * Saves a report as JSON and HTML.
     *
     * @param report the report
     * @return the summary of what was saved
     * @throws IOException when the files cannot be written
     */
    public Summary save(VerificationReport report) throws IOException {
        Files.createDirectories(dir);
        String base = report.exchangeId() + "-" + FILE.format(report.started());
        Path json = dir.resolve(base + ".json");
        ReportJson.write(report, json);
        ReportHtml.write(report, dir.resolve(base + ".html"));
        return read(json);
    }

    /**
     * The past reports, newest first; unreadable files are skipped.
     *
     * @return their summaries
     */
    public List<Summary> list() {
        List<Summary> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                try {
                    out.add(read(f));
                } catch (IOException | RuntimeException e) {
                    // not a report of ours (or half written): not listed
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparing(Summary::started).reversed());
        return out;
    }

    /**
     * Reads a report's summary.
     *
     * @param json the JSON report
     * @return the summary
     * @throws IOException when it cannot be read or is not a verification report
     */
    public static Summary read(Path json) throws IOException {
        JsonObject o;
        try (Reader r = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            o = JsonParser.parseReader(r).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(json + " is not JSON: " + e.getMessage(), e);
        }
        if (!o.has("schema") || !VerificationReport.SCHEMA.equals(o.get("schema").getAsString())) {
            throw new IOException(json + " is not a verification report (" + VerificationReport.SCHEMA + ")");
        }
        List<CheckResult> checks = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("checks")) {
            JsonObject c = e.getAsJsonObject();
            checks.add(new CheckResult(c.get("id").getAsString(), c.get("group").getAsString(), c.get("title").getAsString(),
                    verdict(c.get("verdict").getAsString()), c.get("reason").getAsString()));
        }
        Path html = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", ".html"));
        return new Summary(o.get("exchange").getAsString(), o.get("exchangeName").getAsString(),
                Instant.parse(o.get("started").getAsString()), o.get("measuredMillis").getAsLong(),
                verdict(o.get("verdict").getAsString()), checks, json, Files.exists(html) ? html : null);
    }

    private static Verdict verdict(String wire) {
        for (Verdict v : Verdict.values()) {
            if (v.wireName().equals(wire)) {
                return v;
            }
        }
        throw new IllegalArgumentException("not a verdict: " + wire);
    }

    /**
     * A past report.
     *
     * @param exchangeId the connector
     * @param exchangeName its name
     * @param started when it ran
     * @param measuredMillis how long
     * @param verdict its verdict
     * @param checks its checks
     * @param json the JSON file
     * @param html the HTML file, or null
     */
    public record Summary(String exchangeId, String exchangeName, Instant started, long measuredMillis, Verdict verdict,
            List<CheckResult> checks, Path json, Path html) {
    }
}
