package org.tradebench.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradebench.cli.Providers;
import org.tradebench.cli.decode.Pacer;

/**
 * {@code replay}: recordings (version 2 gzip as {@code record} writes them, and the older plain
 * {@code <millis> <frame>} files) through the provider's decoder, with receive times, pacing and
 * the final books.
 */
class ReplayCommandTest {

    @TempDir
    Path dir;

    private final FakeProvider fake = new FakeProvider();

    static final List<String> RECORDING = List.of(
            "# tradebench-recording v2 exchange=fake market=spot",
            "1737972930001 market status live platform up",
            "1737972930120 market book BTC/USD snapshot bids=103950:1.5,103949:0.25 asks=103951:0.5,103952:2",
            "1737972930130 market book ETH/USD snapshot bids=3300.5:4 asks=3301:3",
            "",
            "# a comment",
            "1737972930300 market book BTC/USD delta bids=103950:0",
            "not-a-time market trade BTC/USD",
            "1737972930500 market book BTC/USD delta asks=103951.5:0.75",
            "1737972930600 account/b64 " + Base64.getEncoder().encodeToString(
                    "balance USD wallet=exchange total=5 available=5 account=main".getBytes(StandardCharsets.UTF_8)),
            "1737972930700 usdm%20data trade BTC/USD id=1 price=103950 qty=0.1 side=buy time=1737972930690",
            "1737972931100 market book BTC/USD delta bids=103948:10");

    static final List<String> EVENTS = List.of(
            "{\"type\":\"status\",\"exchange\":\"fake\",\"state\":\"live\",\"reason\":\"platform up\",\"received\":\"2025-01-27T10:15:30.001Z\"}",
            "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.120Z\",\"kind\":\"snapshot\",\"sequence\":1,\"bids\":[[\"103950\",\"1.5\"],[\"103949\",\"0.25\"]],\"asks\":[[\"103951\",\"0.5\"],[\"103952\",\"2\"]],\"received\":\"2025-01-27T10:15:30.120Z\"}",
            "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"ETH/USD\",\"time\":\"2025-01-27T10:15:30.130Z\",\"kind\":\"snapshot\",\"sequence\":1,\"bids\":[[\"3300.5\",\"4\"]],\"asks\":[[\"3301\",\"3\"]],\"received\":\"2025-01-27T10:15:30.130Z\"}",
            "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.300Z\",\"kind\":\"delta\",\"sequence\":2,\"bids\":[[\"103950\",\"0\"]],\"asks\":[],\"received\":\"2025-01-27T10:15:30.300Z\"}",
            "{\"type\":\"error\",\"exchange\":\"fake\",\"message\":\"not a recording line: expected '<epoch millis> <session> <frame>'\",\"input\":\"not-a-time market trade BTC/USD\"}",
            "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.500Z\",\"kind\":\"delta\",\"sequence\":3,\"bids\":[],\"asks\":[[\"103951.5\",\"0.75\"]],\"received\":\"2025-01-27T10:15:30.500Z\"}",
            "{\"type\":\"balance\",\"exchange\":\"fake\",\"currency\":\"USD\",\"wallet\":\"exchange\",\"total\":\"5\",\"available\":\"5\",\"time\":\"2025-01-27T10:15:30.600Z\",\"account\":\"main\",\"received\":\"2025-01-27T10:15:30.600Z\"}",
            "{\"type\":\"trade\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.690Z\",\"id\":\"1\",\"price\":\"103950\",\"quantity\":\"0.1\",\"side\":\"buy\",\"received\":\"2025-01-27T10:15:30.700Z\"}",
            "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:31.100Z\",\"kind\":\"delta\",\"sequence\":4,\"bids\":[[\"103948\",\"10\"]],\"asks\":[],\"received\":\"2025-01-27T10:15:31.100Z\"}",
            "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:31.100Z\",\"kind\":\"final\",\"sequence\":4,\"bids\":[[\"103949\",\"0.25\"],[\"103948\",\"10\"]],\"asks\":[[\"103951\",\"0.5\"],[\"103951.5\",\"0.75\"],[\"103952\",\"2\"]],\"received\":\"2025-01-27T10:15:31.100Z\"}",
            "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"ETH/USD\",\"time\":\"2025-01-27T10:15:30.130Z\",\"kind\":\"final\",\"sequence\":1,\"bids\":[[\"3300.5\",\"4\"]],\"asks\":[[\"3301\",\"3\"]],\"received\":\"2025-01-27T10:15:30.130Z\"}");

    private Path gzip(String name, List<String> lines) throws IOException {
        Path file = dir.resolve(name);
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private Path plain(String name, List<String> lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private Run replay(Path file, Pacer pacer, String... more) {
        List<String> args = new ArrayList<>(List.of("replay", "--exchange", "fake", "--file", file.toString()));
        args.addAll(List.of(more));
        return Run.cli(Providers.of(fake), Run.timing(fake, false, pacer), new ByteArrayInputStream(new byte[0]),
                args.toArray(String[]::new));
    }

    @Test
    void aCompressedRecordingReplaysWithReceiveTimesThenTheFinalBooks() throws IOException {
        Run run = replay(gzip("btc.rec.gz", RECORDING), Pacer.system());
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.err());
        assertEquals(EVENTS, run.lines());
    }

    @Test
    void eachFrameReachesTheDecoderWithItsRecordedSession() throws IOException {
        replay(gzip("btc.rec.gz", RECORDING), Pacer.system());
        assertEquals(List.of("market", "market", "market", "market", "market", "account", "usdm data", "market"),
                fake.lastDecoder().sessions);
    }

    @Test
    void anUncompressedVersionTwoRecordingReplaysTheSame() throws IOException {
        Run run = replay(plain("btc.rec", RECORDING), Pacer.system());
        assertEquals(EVENTS, run.lines());
    }

    @Test
    void oldRecordingsOfMillisAndFrameLinesStillReplayPlainOrCompressed() throws IOException {
        List<String> old = List.of(
                "1737972930001 status live platform up",
                "1737972930120 book BTC/USD snapshot bids=103950:1 asks=103951:2",
                "not-a-time trade");
        List<String> expected = List.of(
                "{\"type\":\"status\",\"exchange\":\"fake\",\"state\":\"live\",\"reason\":\"platform up\",\"received\":\"2025-01-27T10:15:30.001Z\"}",
                "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.120Z\",\"kind\":\"snapshot\",\"sequence\":1,\"bids\":[[\"103950\",\"1\"]],\"asks\":[[\"103951\",\"2\"]],\"received\":\"2025-01-27T10:15:30.120Z\"}",
                "{\"type\":\"error\",\"exchange\":\"fake\",\"message\":\"not a recording line: expected '<epoch millis> <frame>'\",\"input\":\"not-a-time trade\"}",
                "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.120Z\",\"kind\":\"final\",\"sequence\":1,\"bids\":[[\"103950\",\"1\"]],\"asks\":[[\"103951\",\"2\"]],\"received\":\"2025-01-27T10:15:30.120Z\"}");
        assertEquals(expected, replay(plain("old.rec", old), Pacer.system()).lines());
        List<String> withHeader = new ArrayList<>(old);
        withHeader.add(0, "# tradebench-recording v1 exchange=fake");
        assertEquals(expected, replay(gzip("old.rec.gz", withHeader), Pacer.system()).lines());
        assertEquals(List.of("market", "market"), fake.lastDecoder().sessions);
    }

    @Test
    void speedTenWaitsATenthOfTheRecordedGapsAndMaxDoesNotWait() throws IOException {
        Path file = gzip("btc.rec.gz", RECORDING);
        List<Long> sleeps = new ArrayList<>();
        long[] now = {1_000_000_000L};
        Pacer clock = new Pacer() {
            @Override
            public long nanoTime() {
                return now[0];
            }

            @Override
            public void sleepNanos(long nanos) {
                sleeps.add(nanos);
                now[0] += nanos;
            }
        };
        Run paced = replay(file, clock, "--speed", "10");
        assertEquals(EVENTS, paced.lines());
        // Recorded at +0, 119, 129, 299, 499, 599, 699 and 1099 ms after the first frame.
        assertEquals(List.of(11_900_000L, 1_000_000L, 17_000_000L, 20_000_000L, 10_000_000L, 10_000_000L, 40_000_000L),
                sleeps);
        sleeps.clear();
        replay(file, clock, "--speed", "1");
        assertEquals(List.of(119_000_000L, 10_000_000L, 170_000_000L, 200_000_000L, 100_000_000L, 100_000_000L,
                400_000_000L), sleeps);
        sleeps.clear();
        assertEquals(EVENTS, replay(file, clock, "--speed", "max").lines());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void finalBooksHoldTheTop25LevelsPerSideWithOrderIdsForPerOrderBooks() throws IOException {
        StringBuilder bids = new StringBuilder();
        StringBuilder asks = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            bids.append(i == 0 ? "" : ",").append(1000 - i).append(":1:").append(100 + i);
            asks.append(i == 0 ? "" : ",").append(1001 + i).append(":2:").append(200 + i);
        }
        Run run = replay(plain("deep.rec", List.of("# tradebench-recording v2 exchange=fake market=spot",
                "2 market book BTC/USD snapshot raw bids=" + bids + " asks=" + asks)), Pacer.system());
        List<String> lines = run.lines();
        assertEquals(2, lines.size());
        StringBuilder expected = new StringBuilder(
                "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"1970-01-01T00:00:00.002Z\",\"kind\":\"final\",\"sequence\":1,\"bids\":[");
        for (int i = 0; i < 25; i++) {
            expected.append(i == 0 ? "" : ",").append("[\"").append(1000 - i).append("\",\"1\",\"").append(100 + i).append("\"]");
        }
        expected.append("],\"asks\":[");
        for (int i = 0; i < 25; i++) {
            expected.append(i == 0 ? "" : ",").append("[\"").append(1001 + i).append("\",\"2\",\"").append(200 + i).append("\"]");
        }
        expected.append("],\"received\":\"1970-01-01T00:00:00.002Z\"}");
        assertEquals(expected.toString(), lines.get(1));
    }

    @Test
    void theHeadersMarketChoosesTheDecoderAndAContradictingOneIsAUsageError() throws IOException {
        Path file = plain("usdm.rec", List.of("# tradebench-recording v2 exchange=fake market=usdm",
                "1737972930001 market trade BTC/USDT:USDT id=5 price=2 qty=3 side=sell"));
        assertEquals(List.of(
                "{\"type\":\"trade\",\"exchange\":\"fake-usdm\",\"symbol\":\"BTC/USDT:USDT\",\"time\":\"2025-01-27T10:15:30.001Z\",\"id\":\"5\",\"price\":\"2\",\"quantity\":\"3\",\"side\":\"sell\",\"received\":\"2025-01-27T10:15:30.001Z\"}"),
                replay(file, Pacer.system()).lines());
        Run contradicted = replay(file, Pacer.system(), "--market", "spot");
        assertEquals(2, contradicted.status());
        assertTrue(contradicted.err().startsWith("tradebench: " + file + " is a recording of the usdm market, not spot\n"),
                contradicted.err());
    }

    @Test
    void aRecordingOfAnotherExchangeIsAUsageError() throws IOException {
        Path file = plain("other.rec", List.of("# tradebench-recording v2 exchange=other market=spot", "1 market x"));
        Run run = replay(file, Pacer.system());
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("tradebench: " + file + " is a recording of other, not fake\n"), run.err());
    }

    @Test
    void linesOutOfTheFormatBecomeErrorsAndTheReplayGoesOn() throws IOException {
        Run run = replay(plain("bad.rec", List.of("# tradebench-recording v2 exchange=fake market=spot",
                "1737972930001 market", "1737972930002  trade", "1737972930003 account/b64 !!!", "1737972930004 m%ZZ trade",
                "1737972930005 market trade BTC/USD id=1 price=2 qty=3 side=sell")), Pacer.system());
        assertEquals(List.of(
                "{\"type\":\"error\",\"exchange\":\"fake\",\"message\":\"not a recording line: expected '<epoch millis> <session> <frame>'\",\"input\":\"1737972930001 market\"}",
                "{\"type\":\"error\",\"exchange\":\"fake\",\"message\":\"not a recording line: expected '<epoch millis> <session> <frame>'\",\"input\":\"1737972930002  trade\"}",
                "{\"type\":\"error\",\"exchange\":\"fake\",\"message\":\"not a recording line: Illegal base64 character 21\",\"input\":\"1737972930003 account/b64 !!!\"}",
                "{\"type\":\"error\",\"exchange\":\"fake\",\"message\":\"not a recording line: bad escape in session name 'm%ZZ'\",\"input\":\"1737972930004 m%ZZ trade\"}",
                "{\"type\":\"trade\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.005Z\",\"id\":\"1\",\"price\":\"2\",\"quantity\":\"3\",\"side\":\"sell\",\"received\":\"2025-01-27T10:15:30.005Z\"}"),
                run.lines());
        assertEquals(0, run.status());
    }

    @Test
    void aRecordingCutOffByAKilledRecorderReplaysWhatWasCompleteAndSaysSo() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GZIPOutputStream out = new GZIPOutputStream(bytes, 512, true);
        out.write((String.join("\n", RECORDING) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush(); // what a recorder flushed before it was killed: no end marker
        Path file = Files.write(dir.resolve("cut.rec.gz"), bytes.toByteArray());
        Run run = replay(file, Pacer.system());
        assertEquals(0, run.status());
        assertEquals(EVENTS, run.lines());
        assertEquals("tradebench replay: " + file + " ends early (the recorder did not finish it); replayed what was complete\n",
                run.err());
    }

    @Test
    void aMissingOrUnreadableRecordingIsExitStatusOne() throws IOException {
        Path missing = dir.resolve("missing.rec");
        Run run = replay(missing, Pacer.system());
        assertEquals(1, run.status());
        assertEquals("tradebench replay: no such file: " + missing + "\n", run.err());
        Path newer = plain("v3.rec", List.of("# tradebench-recording v3 exchange=fake", "1 market x"));
        Run v3 = replay(newer, Pacer.system());
        assertEquals(1, v3.status());
        assertEquals("tradebench replay: cannot read " + newer
                + ": recording version v3 is newer than this tradebench reads (v1, v2)\n", v3.err());
    }
}
