package org.tradebench.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradebench.cli.Providers;
import org.tradebench.cli.decode.Pacer;

/**
 * {@code verify}: over a recording through the exchange's decoder (the live run is tested in the
 * verification engine's tests), the verdict table, the exit status and the report files; usage
 * errors.
 */
class VerifyCommandTest {

    @TempDir
    Path dir;

    private final FakeProvider fake = new FakeProvider();

    private static final long T = 1737972930000L;

    private static List<String> recording(String... faults) {
        List<String> lines = new ArrayList<>();
        lines.add("# tradebench-recording v2 exchange=fake market=spot");
        lines.add(T + " market book BTC/USD snapshot bids=103950:1.5,103949:0.25 asks=103951:0.5,103952:2");
        for (int i = 1; i <= 30; i++) {
            long t = T + i * 100;
            lines.add(t + " market book BTC/USD delta bids=103949:" + (i % 5 + 1));
            if (i % 5 == 0) {
                lines.add((t + 1) + " market trade BTC/USD id=" + i + " price=103950 qty=0.1 side=buy time=" + (t - 10));
            }
        }
        lines.addAll(List.of(faults));
        return lines;
    }

    private Path file(List<String> lines) throws IOException {
        return Files.writeString(dir.resolve("rec-" + lines.hashCode() + ".rec"), String.join("\n", lines) + "\n",
                StandardCharsets.UTF_8);
    }

    private Run verify(String... args) {
        List<String> all = new ArrayList<>(List.of("verify", "--exchange", "fake"));
        all.addAll(List.of(args));
        return Run.cli(Providers.of(fake), Run.timing(fake, false, Pacer.system()), new ByteArrayInputStream(new byte[0]),
                all.toArray(String[]::new));
    }

    /** The reason of a check's line in the verdict table, or "" when the line is missing. */
    private static String reason(String out, String verdict, String title) {
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (l.startsWith(verdict + "  " + title + " ")) {
                return l.substring(verdict.length() + 2 + title.length()).strip();
            }
        }
        return "";
    }

    @Test
    void aSoundRecordingPassesAndBothReportsAreWritten() throws IOException {
        Path html = dir.resolve("r.html");
        Path json = dir.resolve("r.json");
        Run run = verify("--replay", file(recording()).toString(), "--report", html.toString(), "--json", json.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().startsWith("verification of Fake Exchange (replay, plan standard): PASS\n"), run.out());
        assertTrue(reason(run.out(),
                "PASS", "Book sound after every update").startsWith("all 31 updates left the book sorted and uncrossed"), run.out());
        assertTrue(reason(run.out(),
                "PASS", "Trades unique and in order").startsWith("6 trades, no duplicate, none out of order"), run.out());
        assertTrue(reason(run.out(),
                "SKIP", "Market data live").startsWith("a recording has no connection"), run.out());
        assertTrue(run.out().contains("note: replay of "), run.out());
        String text = Files.readString(json);
        assertTrue(text.contains("\"mode\": \"replay\""), text);
        assertTrue(text.contains("\"verdict\": \"pass\""), text);
        assertTrue(text.contains("\"symbols\": [\n      \"BTC/USD\"\n    ]"), text);
        assertTrue(Files.readString(html).contains("<title>Verification of Fake Exchange — PASS</title>"));
        assertTrue(run.err().contains("report written to " + html), run.err());
    }

    @Test
    void aCrossedBookAndADuplicateTradeFailWithExitStatusOne() throws IOException {
        Run run = verify("--replay", file(recording(
                (T + 3500) + " market book BTC/USD delta bids=103953:1",
                (T + 3600) + " market trade BTC/USD id=10 price=103950 qty=0.1 side=buy time=" + (T + 3590),
                "garbage line")).toString());
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.out().startsWith("verification of Fake Exchange (replay, plan standard): FAIL\n"), run.out());
        assertTrue(reason(run.out(),
                "FAIL", "Book sound after every update").startsWith("1 of 32 updates left a book crossed or unsorted; first, BTC/USD: "
                        + "crossed book: best bid 103953 >= best ask 103951"), run.out());
        assertTrue(reason(run.out(),
                "FAIL", "Trades unique and in order").startsWith("1 duplicate trade of 7"), run.out());
        assertTrue(reason(run.out(),
                "WARN", "Decode errors").startsWith("1 in "), run.out());
    }

    @Test
    void usageErrorsSayWhatIsWrong() throws IOException {
        Run badThreshold = verify("--threshold", "latency.ping.fail=fast");
        assertEquals(2, badThreshold.status());
        assertTrue(badThreshold.err().startsWith(
                "tradebench: --threshold latency.ping.fail: 'fast' is not a duration (like 500ms, 30s, 5m, 1h)\n"),
                badThreshold.err());
        Run unknown = verify("--threshold", "speed=1");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().startsWith("tradebench: --threshold unknown threshold 'speed' (known: latency.ping.warn,"),
                unknown.err());
        Run plan = verify("--plan", "gentle");
        assertEquals(2, plan.status());
        assertTrue(plan.err().startsWith("tradebench: --plan 'gentle' is not a plan (plans: standard, chaos)"), plan.err());
        Run chaos = verify("--plan", "chaos");
        assertEquals(2, chaos.status());
        assertTrue(chaos.err().startsWith("tradebench: --plan chaos injects faults into a connector's loopback simulator"),
                chaos.err());
        Run noExchange = Run.cli(Providers.of(fake), Run.timing(fake, false, Pacer.system()),
                new ByteArrayInputStream(new byte[0]), "verify");
        assertEquals(2, noExchange.status());
        assertTrue(noExchange.err().startsWith("tradebench: --exchange ID is required"), noExchange.err());
        Run several = Run.cli(Providers.of(fake), Run.timing(fake, false, Pacer.system()),
                new ByteArrayInputStream(new byte[0]), "verify", "--exchange", "fake,nope");
        assertEquals(2, several.status());
        assertTrue(several.err().startsWith("tradebench: unsupported exchange 'nope' (installed: fake)"), several.err());
        Run missing = verify("--replay", dir.resolve("nothing.rec").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("no such file: "), missing.err());
    }
}
