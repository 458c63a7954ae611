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
 * A short end-to-end run of every client over loopback, so that {@code ./mvnw verify} keeps the
 * benchmark from rotting: the connector verifies every checksum, ends with the server's book and
 * never resets; its threads allocate nothing per message once compiled; the baselines receive the
 * whole stream and the naive one verifies it too; a paced run yields a latency per update. Nothing
 * here asserts speed: the figures printed are a smoke run's and mean nothing.
 */
class EndToEndSmokeTest {

    /** What the connector's threads may allocate in a steady-state window, whatever its length. */
    private static final long SLACK_BYTES = 16 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static BitfinexBookRecording recording;
    private static BlastServer server;

    @BeforeAll
    static void startServer() throws Exception {
        recording = BitfinexBookRecording.generate(BitfinexBookRecording.DEFAULT_SEED, 100_000);
        server = new BlastServer(recording);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void theConnectorVerifiesEveryChecksumEndsWithTheServersBookAndAllocatesNothingPerMessage() throws Exception {
        List<Long> bytes = new ArrayList<>();
        for (int run = 0; run < 6; run++) {
            RunResult r = EndToEndBenchmark.run(server, new TradebenchClient(recording), recording, Pacing.blast(),
                    TIMEOUT);
            System.out.printf("smoke tradebench run %d: %,.0f msgs/s, window %s%n", run + 1, r.messagesPerSecond(),
                    r.window() == null ? "-" : String.format("%,d frames %,d bytes %s", r.window().frames(),
                            r.window().totalBytes(), r.window().threads()));
            assertTrue(r.verification().ok(), "run " + (run + 1) + ": " + r.verification());
            assertEquals(recording.composition().checksums(), r.verification().checksumsVerified());
            assertEquals(0, r.verification().resets());
            assertTrue(r.updates() >= 2, "the listener heard the snapshot and the last commit at least");
            // The first runs compile the hot path (until then the JIT allocates). A run has no
            // window only when the benchmark's thread did not run between 20 % of the stream and
            // its end (a very busy machine).
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
    void theBaselinesReceiveTheWholeStreamAndTheNaiveOneVerifiesIt() throws Exception {
        for (String name : List.of("string", "ceiling", "naive")) {
            RunResult r = EndToEndBenchmark.run(server, EndToEndBenchmark.client(name, recording), recording,
                    Pacing.blast(), TIMEOUT);
            System.out.printf("smoke %s: %,.0f msgs/s%n", name, r.messagesPerSecond());
            assertEquals(recording.frameCount(), r.frames());
            if (name.equals("naive")) {
                assertTrue(r.verification().ok(), r.verification().toString());
            } else {
                assertNull(r.verification(), name + " only receives");
            }
        }
    }

    @Test
    void aPacedRunTimesEveryUpdateFromTheFrameAndFromTheServer() throws Exception {
        BitfinexBookRecording paced = BitfinexBookRecording.generate(BitfinexBookRecording.DEFAULT_SEED, 15_000);
        RunResult r = EndToEndBenchmark.run(server, new TradebenchClient(paced), paced, Pacing.rate(50_000), TIMEOUT);
        System.out.printf("smoke paced: frame→listener %s; send→listener %s%n", r.frameToListener(),
                r.sendToListener());
        assertTrue(r.verification().ok(), r.verification().toString());
        assertTrue(r.elapsedNanos() >= Duration.ofMillis(250).toNanos(), "15,000 frames at 50,000/s take 0.3 s");
        assertTrue(r.frameToListener().count() > 100, r.frameToListener().toString());
        assertEquals(r.frameToListener().count(), r.sendToListener().count());
        assertTrue(r.frameToListener().p50() > 0 && r.frameToListener().p50() <= r.sendToListener().p50(),
                "the frame is received after it is sent: " + r.frameToListener() + " / " + r.sendToListener());
    }
}
