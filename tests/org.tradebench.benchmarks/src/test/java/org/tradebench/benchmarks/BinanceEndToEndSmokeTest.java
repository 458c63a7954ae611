package org.tradebench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tradebench.benchmarks.BlastServer.Pacing;
import org.tradebench.benchmarks.EndToEndBenchmark.RunResult;

/**
 * The Binance half of the benchmark, short, so that {@code ./mvnw verify} keeps it from rotting:
 * the connector fetches the snapshot the server serves, applies every diff in sequence, ends with
 * the server's book and never resets, and its threads allocate nothing per message once compiled;
 * the baselines receive the whole stream and the naive one keeps the book too; a paced run yields
 * a latency per update; a few hundred orders through the connector (HMAC and Ed25519 keys), through
 * the core order gateway in front of it and through the String baseline are all acknowledged, every
 * signature valid. Nothing here asserts speed.
 */
class BinanceEndToEndSmokeTest {

    /** What the connector's threads may allocate in a steady-state window, whatever its length. */
    private static final long SLACK_BYTES = 16 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static BinanceDepthRecording recording;
    private static BlastServer server;

    @BeforeAll
    static void startServer() throws Exception {
        recording = BinanceDepthRecording.generate(BinanceDepthRecording.DEFAULT_SEED, 100_000);
        server = new BlastServer(recording);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void theConnectorAppliesEveryDiffEndsWithTheServersBookAndAllocatesNothingPerMessage() throws Exception {
        List<Long> bytes = new ArrayList<>();
        for (int run = 0; run < 6; run++) {
            RunResult r = EndToEndBenchmark.run(server, new BinanceTradebenchClient(recording), recording,
                    Pacing.blast(), TIMEOUT);
            System.out.printf("smoke binance tradebench run %d: %,.0f msgs/s, window %s%n", run + 1,
                    r.messagesPerSecond(), r.window() == null ? "-" : String.format("%,d frames %,d bytes %s",
                            r.window().frames(), r.window().totalBytes(), r.window().threads()));
            assertTrue(r.verification().ok(), "run " + (run + 1) + ": " + r.verification());
            assertEquals(0, r.verification().resets());
            assertTrue(r.updates() >= 2, "the listener heard the snapshot and the last diff at least");
            if (run >= 3 && r.window() != null) {
                bytes.add(r.window().totalBytes());
            }
        }
        assertFalse(bytes.isEmpty(), "no steady-state window was sampled in runs 4 to 6");
        long least = bytes.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(least <= SLACK_BYTES, "the connector's threads allocated " + bytes + " bytes in windows of about "
                + (int) (recording.frameCount() * 0.6) + " messages each (allowed: " + SLACK_BYTES + " in all)");
    }

    @Test
    void theBaselinesReceiveTheWholeStreamAndTheNaiveOneKeepsTheBook() throws Exception {
        for (String name : List.of("string", "ceiling", "naive")) {
            RunResult r = EndToEndBenchmark.run(server, EndToEndBenchmark.client(name, recording), recording,
                    Pacing.blast(), TIMEOUT);
            System.out.printf("smoke binance %s: %,.0f msgs/s%n", name, r.messagesPerSecond());
            assertEquals(recording.frameCount() - recording.firstTimedFrame(), r.frames());
            if (name.equals("naive")) {
                assertTrue(r.verification().ok(), r.verification().toString());
            } else {
                assertNull(r.verification(), name + " only receives");
            }
        }
    }

    @Test
    void aPacedRunTimesEveryUpdateFromTheFrameAndFromTheServer() throws Exception {
        BinanceDepthRecording paced = BinanceDepthRecording.generate(BinanceDepthRecording.DEFAULT_SEED, 15_000);
        RunResult r = EndToEndBenchmark.run(server, new BinanceTradebenchClient(paced), paced, Pacing.rate(50_000),
                TIMEOUT);
        System.out.printf("smoke binance paced: frame→listener %s; send→listener %s%n", r.frameToListener(),
                r.sendToListener());
        assertTrue(r.verification().ok(), r.verification().toString());
        assertTrue(r.elapsedNanos() >= Duration.ofMillis(250).toNanos(), "15,000 frames at 50,000/s take 0.3 s");
        assertTrue(r.frameToListener().count() > 100, r.frameToListener().toString());
        assertEquals(r.frameToListener().count(), r.sendToListener().count());
        assertTrue(r.frameToListener().p50() > 0 && r.frameToListener().p50() <= r.sendToListener().p50(),
                "the frame is received after it is sent: " + r.frameToListener() + " / " + r.sendToListener());
    }

    @Test
    void everyOrderOfTheConnectorTheGatewayAndTheBaselineIsAcknowledgedWithAValidSignature() throws Exception {
        long failures = server.orderEntry().signatureFailures();
        OrderEntryBenchmark.Result ours = OrderEntryBenchmark.tradebench(server, 50, 200, false);
        OrderEntryBenchmark.Result ed = OrderEntryBenchmark.tradebench(server, 50, 200, true);
        OrderEntryBenchmark.Result gateway = OrderEntryBenchmark.gateway(server, 50, 200);
        OrderEntryBenchmark.Result base = OrderEntryBenchmark.string(server, 50, 200);
        System.out.printf("smoke binance orders: tradebench call→written %s; Ed25519 %s; gateway %s; string %s%n",
                ours.callToWritten(), ed.callToWritten(), gateway.callToWritten(), base.callToWritten());
        assertEquals(200, gateway.acknowledged(), "through the gateway's risk check, every order answered");
        assertEquals(200, ours.acknowledged());
        assertEquals(200, ed.acknowledged(), "Ed25519: logged on, every order answered");
        assertEquals(200, base.acknowledged());
        assertEquals(200, ours.callToWritten().count());
        assertTrue(ours.callToWritten().max() < Long.MAX_VALUE, "every order's frame was written");
        assertTrue(ours.callToWritten().p50() <= ours.callToAck().p50(), "written before acknowledged");
        assertEquals(failures, server.orderEntry().signatureFailures(), "every signature valid");
    }
}
