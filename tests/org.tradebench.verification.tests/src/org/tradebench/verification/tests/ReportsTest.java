package org.tradebench.verification.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.verification.ReportHtml;
import org.tradebench.verification.ReportJson;
import org.tradebench.verification.VerificationReport;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The reports: the JSON validates against docs/verification-report.schema.json, the HTML is
 * self-contained and renders in headless Chromium (the screenshot is kept under
 * target/screenshots).
 */
class ReportsTest {

    static final Path OUT = Path.of("target", "screenshots");

    static VerificationReport eventful() {
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
        s.at(5000, t -> s.book(BookUpdate.Kind.RESET, BookReset.CHECKSUM_MISMATCH, Updates.book(new double[0], new double[0])));
        s.at(5300, t -> s.book(BookUpdate.Kind.SNAPSHOT, null, Scenario.sound()));
        s.at(7000, t -> s.exchangeDelay = 40);
        return s.report();
    }

    static MiniSchema schema() throws Exception {
        Path file = Path.of("..", "..", "docs", "verification-report.schema.json");
        return new MiniSchema(JsonParser.parseString(Files.readString(file)).getAsJsonObject());
    }

    static String json(VerificationReport r) throws Exception {
        StringWriter w = new StringWriter();
        ReportJson.write(r, w);
        return w.toString();
    }

    @Test
    void theJsonReportValidatesAgainstTheDocumentedSchema() throws Exception {
        MiniSchema schema = schema();
        for (VerificationReport r : List.of(new Scenario().report(), eventful())) {
            JsonElement json = JsonParser.parseString(json(r));
            assertEquals(List.of(), schema.validate(json));
        }
        JsonObject o = JsonParser.parseString(json(eventful())).getAsJsonObject();
        assertEquals("tradebench-verification/1", o.get("schema").getAsString());
        assertEquals("warn", o.get("verdict").getAsString());
        assertEquals(300, o.getAsJsonObject("stability").getAsJsonArray("recoveries").get(0).getAsJsonObject()
                .get("recoveredMillis").getAsLong());
        assertEquals(1, o.getAsJsonArray("quality").get(0).getAsJsonObject().getAsJsonObject("resetsByReason")
                .get("checksum mismatch").getAsLong());
        // the validator does catch what is wrong
        o.addProperty("verdict", "maybe");
        o.remove("checks");
        o.addProperty("extra", 1);
        List<String> problems = schema.validate(o);
        assertTrue(problems.contains("$: missing checks"), problems.toString());
        assertTrue(problems.contains("$.verdict: \"maybe\" is not one of [\"pass\",\"warn\",\"fail\",\"skip\"]"), problems.toString());
        assertTrue(problems.contains("$.extra: not allowed"), problems.toString());
    }

    @Test
    void theHtmlReportLoadsNothingAndShowsEveryCheckAndChart() throws Exception {
        VerificationReport r = eventful();
        String html = ReportHtml.render(r);
        for (var c : r.checks()) {
            assertTrue(html.contains(">" + c.title() + "<"), c.title());
        }
        assertEquals(4, count(html, "<svg "), "histogram, percentiles, rate, timeline");
        assertFalse(Pattern.compile("(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "nothing loaded");
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").replace("http-equiv", "").contains("http"), "no address but the SVG namespace");
        assertTrue(html.contains("connection closed (1006)"));
    }

    @Test
    void theHtmlRendersInHeadlessChromium() throws Exception {
        String chromium = findChromium();
        Assumptions.assumeTrue(chromium != null || System.getenv("CI") != null,
                "chromium is not installed (.ci/run installs it)");
        assertTrue(chromium != null, "chromium is required in CI (Debian package chromium)");
        Files.createDirectories(OUT);
        Path html = OUT.resolve("verification-report.html").toAbsolutePath();
        ReportHtml.write(eventful(), html);
        Path png = OUT.resolve("verification-report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + profile, "--hide-scrollbars", "--window-size=1000,2400",
                "--screenshot=" + png, html.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertTrue(Files.size(png) > 10_000, "a screenshot was written: " + output);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1000, image.getWidth());
        // the verdict badge (WARN, orange) is drawn near the top right
        boolean orange = false;
        for (int y = 0; y < 120 && !orange; y++) {
            for (int x = 600; x < 1000; x++) {
                int rgb = image.getRGB(x, y);
                int red = (rgb >> 16) & 0xff;
                int green = (rgb >> 8) & 0xff;
                int blue = rgb & 0xff;
                if (Math.abs(red - 0xd8) < 12 && Math.abs(green - 0x8a) < 12 && blue < 30) {
                    orange = true;
                    break;
                }
            }
        }
        assertTrue(orange, "the WARN verdict shows in the rendered page");
    }

    static String findChromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }

    private static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
