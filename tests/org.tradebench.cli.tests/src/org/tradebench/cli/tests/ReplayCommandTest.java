package org.tradebench.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradebench.cli.decode.Pacer;
import org.tradebench.cli.decode.ReplayCommand;

/** {@code replay}: recording lines to events with receive times, pacing, and the final books. */
class ReplayCommandTest {

    @TempDir
    Path dir;

    private static final String RECORDING = String.join("\n",
            "# tradebench-recording v1 exchange=bitfinex",
            "1737972930001 {\"event\":\"info\",\"version\":2,\"platform\":{\"status\":1}}",
            "1737972930100 {\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":17,\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\"}",
            "1737972930105 {\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":18,\"symbol\":\"tETHUST\",\"prec\":\"P0\",\"freq\":\"F0\",\"len\":\"25\"}",
            "1737972930120 [17,[[103950,2,1.5],[103949,1,0.25],[103951,1,-0.5],[103952,3,-2]]]",
            "1737972930130 [18,[[3300.5,1,4],[3301,2,-3]]]",
            "",
            "1737972930300 [17,[103950,0,1]]",
            "not-a-time [17,\"hb\"]",
            "1737972930500 [17,[103951.5,1,-0.75]]",
            "1737972930600 [18,[3300.5,2,5.5]]",
            "1737972930700 {\"event\":\"unsubscribed\",\"status\":\"OK\",\"chanId\":99}",
            "1737972931100 [17,[103948,4,10]]") + "\n";

    private List<String> replay(double speed, Pacer pacer) throws IOException {
        Path file = dir.resolve("btc.rec");
        Files.writeString(file, RECORDING, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new ReplayCommand("bitfinex", file, speed, pacer).run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"));
        return List.of(text.substring(0, text.length() - 1).split("\n"));
    }

    @Test
    void replayPrintsEventsWithReceiveTimesThenTheFinalBooks() throws IOException {
        List<String> lines = replay(0, Pacer.system());
        assertEquals(List.of(
                "{\"type\":\"status\",\"exchange\":\"bitfinex\",\"state\":\"live\",\"reason\":\"platform operative (API version 2)\",\"received\":\"2025-01-27T10:15:30.001Z\"}",
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"kind\":\"snapshot\",\"sequence\":1,\"bids\":[[\"103950\",\"1.5\"],[\"103949\",\"0.25\"]],\"asks\":[[\"103951\",\"0.5\"],[\"103952\",\"2\"]],\"received\":\"2025-01-27T10:15:30.120Z\"}",
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"ETH/USDT\",\"kind\":\"snapshot\",\"sequence\":1,\"bids\":[[\"3300.5\",\"4\"]],\"asks\":[[\"3301\",\"3\"]],\"received\":\"2025-01-27T10:15:30.130Z\"}",
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"kind\":\"delta\",\"sequence\":2,\"bids\":[[\"103950\",\"0\"]],\"asks\":[],\"received\":\"2025-01-27T10:15:30.300Z\"}",
                "{\"type\":\"error\",\"exchange\":\"bitfinex\",\"message\":\"not a recording line: expected '<epoch millis> <frame>'\",\"input\":\"not-a-time [17,\\\"hb\\\"]\"}",
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"kind\":\"delta\",\"sequence\":3,\"bids\":[],\"asks\":[[\"103951.5\",\"0.75\"]],\"received\":\"2025-01-27T10:15:30.500Z\"}",
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"ETH/USDT\",\"kind\":\"delta\",\"sequence\":2,\"bids\":[[\"3300.5\",\"5.5\"]],\"asks\":[],\"received\":\"2025-01-27T10:15:30.600Z\"}",
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"kind\":\"delta\",\"sequence\":4,\"bids\":[[\"103948\",\"10\"]],\"asks\":[],\"received\":\"2025-01-27T10:15:31.100Z\"}",
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"kind\":\"final\",\"sequence\":4,\"bids\":[[\"103949\",\"0.25\"],[\"103948\",\"10\"]],\"asks\":[[\"103951\",\"0.5\"],[\"103951.5\",\"0.75\"],[\"103952\",\"2\"]],\"received\":\"2025-01-27T10:15:31.100Z\"}",
                "{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"ETH/USDT\",\"kind\":\"final\",\"sequence\":2,\"bids\":[[\"3300.5\",\"5.5\"]],\"asks\":[[\"3301\",\"3\"]],\"received\":\"2025-01-27T10:15:30.600Z\"}"),
                lines);
    }

    @Test
    void finalBooksHoldTheTop25LevelsPerSide() throws IOException {
        StringBuilder rec = new StringBuilder("1 {\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":5,\"symbol\":\"tBTCUSD\",\"prec\":\"P0\",\"len\":\"100\"}\n2 [5,[");
        for (int i = 0; i < 40; i++) {
            rec.append(i == 0 ? "" : ",").append('[').append(1000 - i).append(",1,1],[").append(1001 + i).append(",1,-1]");
        }
        rec.append("]]\n");
        Path file = dir.resolve("deep.rec");
        Files.writeString(file, rec);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReplayCommand("bitfinex", file, 0, Pacer.system()).run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        String last = lines[1];
        assertTrue(last.startsWith("{\"type\":\"book\",\"exchange\":\"bitfinex\",\"symbol\":\"BTC/USD\",\"kind\":\"final\",\"sequence\":1,\"bids\":[[\"1000\",\"1\"],"), last);
        assertEquals(50, last.split("\\],\\[").length + 1, last); // 25 bids + 25 asks
        assertTrue(last.contains("[\"976\",\"1\"]],\"asks\":[[\"1001\",\"1\"]"), last);
        assertTrue(last.endsWith("[\"1025\",\"1\"]],\"received\":\"1970-01-01T00:00:00.002Z\"}"), last);
    }

    @Test
    void speedTenWaitsATenthOfTheRecordedGaps() throws IOException {
        List<Long> sleeps = new ArrayList<>();
        long[] now = {1_000_000_000L};
        Pacer fake = new Pacer() {
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
        replay(10, fake);
        // Recorded at +0, 99, 104, 119, 129, 299, 499, 599, 699, 1099 ms after the first frame.
        assertEquals(List.of(9_900_000L, 500_000L, 1_500_000L, 1_000_000L, 17_000_000L, 20_000_000L, 10_000_000L,
                10_000_000L, 40_000_000L), sleeps);
    }

    @Test
    void aMissingFileIsExitStatusOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new ReplayCommand("bitfinex", dir.resolve("missing.rec"), 0, Pacer.system())
                .run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertEquals("tradebench replay: no such file: " + dir.resolve("missing.rec") + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8));
    }
}
