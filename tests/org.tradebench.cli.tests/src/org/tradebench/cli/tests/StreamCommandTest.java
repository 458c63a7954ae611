package org.tradebench.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tradebench.cli.Providers;
import org.tradebench.cli.Timing;
import org.tradebench.cli.decode.Pacer;

/**
 * {@code stream}: a connector's live events as JSON lines, status lines for state changes, and with
 * {@code --summary} the final books and a line per session at the end.
 */
class StreamCommandTest {

    private final FakeProvider fake = new FakeProvider();

    private ScriptStop stop;

    {
        fake.script.addAll(List.of(
                "@health live at=1737972930050 market-data=live:12.5:7 account=connecting:0:0",
                "market book BTC/USD snapshot bids=103950:1.5,103949:1 asks=103951:0.5",
                "market trade BTC/USD id=1 price=103950 qty=0.1 side=buy time=1737972930290",
                "market ticker BTC/USD bid=103950 bidSize=1 ask=103951 askSize=0.5 time=1737972930350",
                "market book BTC/USD delta bids=103950:0",
                "market trade ETH/USD id=2 price=3300 qty=1 side=sell time=1737972930500",
                "@health live at=1737972930700 market-data=live:20:5 account=live:0.5:30",
                "market book BTC/USD reset reason=checksum_mismatch",
                "market book BTC/USD snapshot bids=103948:2 asks=103952:1"));
    }

    private static final List<String> LIVE = List.of(
            "{\"type\":\"status\",\"exchange\":\"fake\",\"state\":\"connecting\",\"time\":\"2025-01-27T10:15:29.000Z\"}",
            "{\"type\":\"status\",\"exchange\":\"fake\",\"state\":\"live\",\"time\":\"2025-01-27T10:15:30.050Z\"}",
            "{\"type\":\"status\",\"exchange\":\"fake\",\"session\":\"market-data\",\"state\":\"live\",\"time\":\"2025-01-27T10:15:30.050Z\"}",
            "{\"type\":\"status\",\"exchange\":\"fake\",\"session\":\"account\",\"state\":\"connecting\",\"time\":\"2025-01-27T10:15:30.050Z\"}",
            "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.200Z\",\"kind\":\"snapshot\",\"sequence\":1,\"bids\":[[\"103950\",\"1.5\"],[\"103949\",\"1\"]],\"asks\":[[\"103951\",\"0.5\"]],\"received\":\"2025-01-27T10:15:30.200Z\"}",
            "{\"type\":\"trade\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.290Z\",\"id\":\"1\",\"price\":\"103950\",\"quantity\":\"0.1\",\"side\":\"buy\",\"received\":\"2025-01-27T10:15:30.300Z\"}",
            "{\"type\":\"ticker\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.350Z\",\"bid\":\"103950\",\"bidSize\":\"1\",\"ask\":\"103951\",\"askSize\":\"0.5\",\"received\":\"2025-01-27T10:15:30.400Z\"}",
            "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.500Z\",\"kind\":\"delta\",\"sequence\":2,\"bids\":[[\"103950\",\"0\"]],\"asks\":[],\"received\":\"2025-01-27T10:15:30.500Z\"}",
            "{\"type\":\"trade\",\"exchange\":\"fake\",\"symbol\":\"ETH/USD\",\"time\":\"2025-01-27T10:15:30.500Z\",\"id\":\"2\",\"price\":\"3300\",\"quantity\":\"1\",\"side\":\"sell\",\"received\":\"2025-01-27T10:15:30.600Z\"}",
            "{\"type\":\"status\",\"exchange\":\"fake\",\"session\":\"account\",\"state\":\"live\",\"time\":\"2025-01-27T10:15:30.700Z\"}",
            "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.800Z\",\"kind\":\"reset\",\"sequence\":3,\"reason\":\"checksum mismatch\",\"received\":\"2025-01-27T10:15:30.800Z\"}",
            "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.900Z\",\"kind\":\"snapshot\",\"sequence\":4,\"bids\":[[\"103948\",\"2\"]],\"asks\":[[\"103952\",\"1\"]],\"received\":\"2025-01-27T10:15:30.900Z\"}");

    private static final List<String> SUMMARY = List.of(
            "{\"type\":\"book\",\"exchange\":\"fake\",\"symbol\":\"BTC/USD\",\"time\":\"2025-01-27T10:15:30.900Z\",\"kind\":\"final\",\"sequence\":4,\"bids\":[[\"103948\",\"2\"]],\"asks\":[[\"103952\",\"1\"]],\"received\":\"2025-01-27T10:15:30.900Z\"}",
            "{\"type\":\"status\",\"exchange\":\"fake\",\"session\":\"market-data\",\"state\":\"live\",\"source\":\"websocket\",\"messagesPerSecond\":\"20\",\"reconnects\":1,\"errors\":0,\"latencyMillis\":5}",
            "{\"type\":\"status\",\"exchange\":\"fake\",\"session\":\"account\",\"state\":\"live\",\"source\":\"websocket\",\"messagesPerSecond\":\"0.5\",\"reconnects\":1,\"errors\":0,\"latencyMillis\":30}");

    private Run stream(boolean interrupt, String... args) {
        stop = new ScriptStop(fake, interrupt);
        Timing timing = new Timing(Pacer.system(), () -> stop, Duration.ofMillis(100));
        List<String> all = new ArrayList<>(List.of("stream", "--exchange", "fake"));
        all.addAll(Arrays.asList(args));
        return Run.cli(Providers.of(fake), timing, new ByteArrayInputStream(new byte[0]), all.toArray(String[]::new));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void liveEventsAndStateChangesArePrintedAsJsonLines() {
        Run run = stream(false, "--symbols", "BTC/USD,ETH/USD", "--duration", "1m");
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.err());
        assertEquals(LIVE, run.lines());
        assertEquals(List.of(Duration.ofMinutes(1)), stop.limits);
        assertTrue(fake.last().closed);
        assertTrue(stop.finished);
    }

    @Test
    void theSummaryPrintsEachFinalBookThenEachSessionWithItsMessageRate() {
        Run run = stream(false, "--symbols", "BTC/USD,ETH/USD", "--summary", "--duration", "90s");
        assertEquals(0, run.status(), run.err());
        assertEquals(concat(LIVE, SUMMARY), run.lines());
    }

    @Test
    void anInterruptedStreamStillPrintsItsSummary() {
        Run run = stream(true, "--symbols", "BTC/USD,ETH/USD", "--summary");
        assertEquals(0, run.status(), run.err());
        assertEquals(concat(LIVE, SUMMARY), run.lines());
        assertEquals(Arrays.asList((Duration) null), stop.limits, "no --duration: until interrupted");
    }

    @Test
    void aConnectorWithoutSessionsIsSummarisedAsAWhole() {
        fake.script.clear();
        fake.script.add("@health live at=1737972930050 reason=all_good");
        Run run = stream(false, "--symbols", "ETH/USD", "--ticker", "--summary");
        assertEquals(List.of(
                "{\"type\":\"status\",\"exchange\":\"fake\",\"state\":\"connecting\",\"time\":\"2025-01-27T10:15:29.000Z\"}",
                "{\"type\":\"status\",\"exchange\":\"fake\",\"state\":\"live\",\"reason\":\"all good\",\"time\":\"2025-01-27T10:15:30.050Z\"}",
                "{\"type\":\"status\",\"exchange\":\"fake\",\"state\":\"live\",\"reason\":\"all good\",\"messagesPerSecond\":\"0\",\"reconnects\":1,\"errors\":0}"),
                run.lines());
    }

    @Test
    void aStreamTheConnectorCannotServeIsAFailedStatusLine() {
        fake.script.clear();
        fake.noTrades.add("ETH/USD");
        Run run = stream(false, "--symbols", "ETH/USD", "--trades");
        assertEquals(List.of(
                "{\"type\":\"status\",\"exchange\":\"fake\",\"state\":\"connecting\",\"time\":\"2025-01-27T10:15:29.000Z\"}",
                "{\"type\":\"status\",\"exchange\":\"fake\",\"symbol\":\"ETH/USD\",\"stream\":\"trades\",\"state\":\"failed\",\"reason\":\"fake: no trades for ETH/USD\"}"),
                run.lines());
    }

    @Test
    void settingsArePassedToTheConnectorAndAnUnknownOneIsAUsageError() {
        stream(false, "--symbols", "BTC/USD", "--set", "ws.url=ws://127.0.0.1:9/ws", "--set=rest.url=http://127.0.0.1:9");
        assertEquals(Map.of("ws.url", "ws://127.0.0.1:9/ws", "rest.url", "http://127.0.0.1:9"), fake.lastSettings);
        Run run = stream(false, "--symbols", "BTC/USD", "--set", "ws.uri=ws://x");
        assertEquals(2, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith(
                "tradebench: unknown setting 'ws.uri' for fake (settings: ws.url, rest.url, heartbeat.ms)\n\nusage: tradebench"),
                run.err());
    }

    @Test
    void theBookDepthIsTheRequestedOne() {
        fake.script.clear();
        stream(false, "--symbols", "BTC/USDT:USDT", "--book", "250");
        assertEquals(250, fake.last().bookRequests.get(0).depth());
        assertEquals(List.of("book BTC/USDT:USDT 250"), fake.last().streams);
    }
}
