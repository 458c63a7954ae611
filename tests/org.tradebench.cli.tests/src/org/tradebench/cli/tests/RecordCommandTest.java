package org.tradebench.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradebench.cli.Providers;
import org.tradebench.cli.Timing;
import org.tradebench.cli.decode.Pacer;

/**
 * {@code record}: a connector opened with the user's settings and a recorder as its frame tap;
 * the file it writes replays to the events the connector's frames carry.
 */
class RecordCommandTest {

    @TempDir
    Path dir;

    private final FakeProvider fake = new FakeProvider();

    private ScriptStop stop;

    {
        fake.script.addAll(List.of(
                "@health live at=1737972930050 market-data=live:12.5:7",
                "market status live platform up",
                "market book BTC/USD snapshot bids=103950:1.5 asks=103951:0.5",
                "market trade BTC/USD id=1 price=103950 qty=0.1 side=buy time=1737972930290",
                "account balance USD wallet=exchange total=5 available=5 account=main",
                "market book BTC/USD delta bids=103950:0"));
    }

    private Run record(boolean interrupt, String... args) {
        stop = new ScriptStop(fake, interrupt);
        Timing timing = new Timing(Pacer.system(), () -> stop, Duration.ofMillis(100));
        List<String> all = new ArrayList<>(List.of("record", "--exchange", "fake"));
        all.addAll(List.of(args));
        return Run.cli(Providers.of(fake), timing, new ByteArrayInputStream(new byte[0]), all.toArray(String[]::new));
    }

    @Test
    void theRecordingReplaysToTheEventsOfTheRecordedFrames() throws IOException {
        Path file = dir.resolve("btc.rec.gz");
        Run run = record(false, "--symbols", "BTC/USD,ETH/USD", "--duration", "30s", "--out", file.toString(), "--set",
                "ws.url=ws://127.0.0.1:9/ws");
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.out());
        assertEquals("tradebench record: connecting\ntradebench record: live\ntradebench record: wrote 5 frames to " + file
                + "\n", run.err());
        assertEquals(List.of(Duration.ofSeconds(30)), stop.limits);
        assertTrue(stop.finished);
        assertTrue(fake.last().closed, "the connector is closed at the end");
        assertEquals(Map.of("ws.url", "ws://127.0.0.1:9/ws"), fake.lastSettings);
        assertEquals(List.of("book BTC/USD 25", "trades BTC/USD", "ticker BTC/USD", "book ETH/USD 25", "trades ETH/USD",
                "ticker ETH/USD"), fake.last().streams, "book, trades and ticker when none is named");
        assertEquals(Set.of("fake-network"), Set.copyOf(fake.last().tapThreads), "frames come from the network thread");

        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(String.join("\n",
                    "# tradebench-recording v2 exchange=fake market=spot",
                    "1737972930200 market status live platform up",
                    "1737972930300 market book BTC/USD snapshot bids=103950:1.5 asks=103951:0.5",
                    "1737972930400 market trade BTC/USD id=1 price=103950 qty=0.1 side=buy time=1737972930290",
                    "1737972930500 account balance USD wallet=exchange total=5 available=5 account=main",
                    "1737972930600 market book BTC/USD delta bids=103950:0") + "\n", text);
        }

        Run replay = Run.cli(fake, "", "replay", "--exchange", "fake", "--file", file.toString());
        assertEquals(List.of(
                "{\"type\":\"status\",\"exchange\":\"fake\",\"state\":\"live\",\"reason\":\"platform up\",\"received\":\"2025-01-27T10:15:30.200Z\"}",
                "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.300Z\",\"kind\":\"snapshot\",\"sequence\":1,\"bids\":[[\"103950\",\"1.5\"]],\"asks\":[[\"103951\",\"0.5\"]],\"received\":\"2025-01-27T10:15:30.300Z\"}",
                "{\"type\":\"trade\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.290Z\",\"id\":\"1\",\"price\":\"103950\",\"quantity\":\"0.1\",\"side\":\"buy\",\"received\":\"2025-01-27T10:15:30.400Z\"}",
                "{\"type\":\"balance\",\"exchange\":\"fake\",\"currency\":\"USD\",\"wallet\":\"exchange\",\"total\":\"5\",\"available\":\"5\",\"time\":\"2025-01-27T10:15:30.500Z\",\"account\":\"main\",\"received\":\"2025-01-27T10:15:30.500Z\"}",
                "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.600Z\",\"kind\":\"delta\",\"sequence\":2,\"bids\":[[\"103950\",\"0\"]],\"asks\":[],\"received\":\"2025-01-27T10:15:30.600Z\"}",
                "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.600Z\",\"kind\":\"final\",\"sequence\":2,\"bids\":[],\"asks\":[[\"103951\",\"0.5\"]],\"received\":\"2025-01-27T10:15:30.600Z\"}"),
                replay.lines());
        assertEquals(List.of("market", "market", "market", "account", "market"), fake.lastDecoder().sessions);
    }

    @Test
    void anInterruptedRecordingIsClosedAndComplete() throws IOException {
        Path file = dir.resolve("cut.rec.gz");
        Run run = record(true, "--symbols", "BTC/USD", "--duration", "1h", "--out", file.toString(), "--market", "usdm");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().endsWith("tradebench record: wrote 5 frames to " + file + "\n"), run.err());
        assertTrue(fake.last().closed);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8); // reads to the gzip end marker
            assertTrue(text.startsWith("# tradebench-recording v2 exchange=fake market=usdm\n"), text);
            assertEquals(6, text.lines().count());
        }
    }

    @Test
    void namedStreamsAreTheOnlyOnesSubscribed() {
        record(false, "--symbols", "BTC/USD", "--trades", "--duration", "5m", "--out", dir.resolve("a").toString());
        assertEquals(List.of("trades BTC/USD"), fake.last().streams);
        record(false, "--symbols", "BTC/USD", "--book", "100", "--ticker", "--duration", "5m", "--out",
                dir.resolve("b").toString());
        assertEquals(List.of("book BTC/USD 100", "ticker BTC/USD"), fake.last().streams);
    }

    @Test
    void aSettingTheConnectorRefusesIsAUsageErrorAndLeavesNoFile() {
        Path file = dir.resolve("x.rec.gz");
        Run run = record(false, "--symbols", "BTC/USD", "--duration", "5m", "--out", file.toString(), "--set", "nope=1");
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith(
                "tradebench: unknown setting 'nope' for fake (settings: ws.url, rest.url, heartbeat.ms)\n\nusage: tradebench"),
                run.err());
        assertFalse(Files.exists(file));
        assertTrue(fake.opened.isEmpty());
    }

    @Test
    void symbolsTheConnectorDoesNotListAreReportedAndNothingIsRecorded() {
        Path file = dir.resolve("x.rec.gz");
        Run run = record(false, "--symbols", "BTC/USD,BTC/JPY,DOGE/USD", "--duration", "5m", "--out", file.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith(
                "tradebench: unknown symbols BTC/JPY, DOGE/USD on fake (it lists BTC/EUR, BTC/USD, BTC/USDT:USDT)\n\nusage:"),
                run.err());
        assertFalse(Files.exists(file));
        assertTrue(fake.last().closed);
        assertEquals(List.of(), fake.last().streams);
    }

    @Test
    void withoutAnInstrumentListTheSymbolsAreSubscribedUnchecked() {
        fake.instrumentsListed = false;
        Run run = record(false, "--symbols", "BTC/XYZ", "--trades", "--duration", "5m", "--out", dir.resolve("u").toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.err().startsWith(
                "tradebench: the fake connector listed no instruments within 100 ms; subscribing BTC/XYZ unchecked\n"),
                run.err());
        assertEquals(List.of("trades BTC/XYZ"), fake.last().streams);
    }

    @Test
    void anUnwritableOutputIsExitStatusOneBeforeConnecting() {
        Path file = dir.resolve("no/such/dir/x.rec.gz");
        Run run = record(false, "--symbols", "BTC/USD", "--duration", "5m", "--out", file.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("tradebench record: cannot create " + file + ": "), run.err());
        assertTrue(fake.opened.isEmpty());
    }
}
