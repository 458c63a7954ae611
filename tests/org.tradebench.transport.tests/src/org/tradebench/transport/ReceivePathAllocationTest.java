package org.tradebench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.transport.RawWebSocketServer.Peer;

/**
 * What receiving costs: bytes allocated per message on every client-side thread (ours and the
 * Jetty threads around it) while a loopback server blasts small book-update-sized frames at a
 * handler that does nothing; and, for a rough idea, messages per second next to Jetty's standard
 * API (one {@code String} per message) in the same run. Figures are printed; only the
 * allocation is asserted (a benchmark, not this test, holds throughput targets).
 */
class ReceivePathAllocationTest {

    /** About 60 bytes, like a Bitfinex raw book update with a sequence number and a time stamp. */
    static final String UPDATE = "[17470,[1290837447,73912.5,-0.04763513],1745395512345,88231]";
    static final int BURST = 40;
    static final int WARM_UP = 200_000;
    static final int MEASURED = 200_000;

    private RawWebSocketServer server;
    private JettyTransport transport;
    private ReconnectingWebSocket socket;

    @BeforeEach
    void start() {
        transport = JettyTransport.start("alloc");
    }

    @AfterEach
    void stop() throws Exception {
        if (socket != null) {
            socket.close();
        }
        transport.close();
        if (server != null) {
            server.close();
        }
    }

    /** Writes bursts of frames in phases; each phase waits for {@link #go}. */
    static final class Blaster implements RawWebSocketServer.Script {
        final Semaphore go = new Semaphore(0);
        private final int[] phases;
        private final long pauseNanos;
        private final byte[] burst;

        Blaster(long pauseNanos, int... phases) {
            this.pauseNanos = pauseNanos;
            this.phases = phases;
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int i = 0; i < BURST; i++) {
                b.writeBytes(RawWebSocketServer.textFrame(UPDATE));
            }
            this.burst = b.toByteArray();
        }

        @Override
        public void run(Peer peer) throws Exception {
            for (int count : phases) {
                go.acquire();
                for (int sent = 0; sent < count; sent += BURST) {
                    peer.write(burst);
                    if (pauseNanos > 0) {
                        LockSupport.parkNanos(pauseNanos);
                    }
                }
            }
        }
    }

    private static final WebSocketHandler NO_OP = new WebSocketHandler() {
        @Override
        public void onOpen(ReconnectingWebSocket s) {
        }

        @Override
        public void onFrame(ReconnectingWebSocket s, byte[] buffer, int offset, int length, long receivedNanos) {
        }
    };

    private ReconnectingWebSocket connect(Blaster blaster, LoopbackTls tls) throws Exception {
        server = new RawWebSocketServer(tls == null ? null : tls.serverContext(), blaster);
        socket = new ReconnectingWebSocket(transport, WebSocketOptions.of(server.uri()).withName("alloc"), NO_OP);
        socket.start();
        ReconnectingWebSocketTest.waitFor(() -> socket.state() == WebSocketState.OPEN, "open");
        return socket;
    }

    /** Waits without allocating (the measuring thread is left out anyway, but keep it quiet). */
    private static void awaitCount(LongSupplier count, long target) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count.getAsLong() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + count.getAsLong() + " of " + target + " messages arrived in 60 s");
            }
            LockSupport.parkNanos(200_000);
        }
    }

    private static boolean clientSide(String threadName) {
        return !threadName.startsWith("raw-server") && !threadName.startsWith("loopback-server")
                && !threadName.equals(Thread.currentThread().getName());
    }

    /** One measured phase: allocation per thread, reads, time. */
    record Phase(Map<String, Long> perThread, long total, long reads, long nanos, long messages) {

        double perMessage() {
            return (double) total / messages;
        }

        double perRead() {
            return reads == 0 ? Double.NaN : (double) total / reads;
        }

        double messagesPerSecond() {
            return messages * 1e9 / nanos;
        }

        String describe(String who) {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "%s: %d messages in %d reads (%.1f per read), %.0f messages/s; allocated %d bytes on client"
                            + " threads = %.3f bytes/message, %.1f bytes/read",
                    who, messages, reads, reads == 0 ? Double.NaN : (double) messages / reads, messagesPerSecond(),
                    total, perMessage(), perRead()));
            perThread.forEach((thread, bytes) -> {
                if (bytes != 0) {
                    s.append(String.format(Locale.ROOT, "%n    %-40s %10d bytes  %.3f/message", thread, bytes,
                            (double) bytes / messages));
                }
            });
            return s.toString();
        }
    }

    private static Phase measure(Semaphore go, LongSupplier count, LongSupplier reads, long messages) {
        long startCount = count.getAsLong();
        long startReads = reads.getAsLong();
        ThreadAllocations before = ThreadAllocations.take();
        long start = System.nanoTime();
        go.release();
        awaitCount(count, startCount + messages);
        long nanos = System.nanoTime() - start;
        ThreadAllocations after = ThreadAllocations.take();
        Map<String, Long> perThread = after.since(before, ReceivePathAllocationTest::clientSide);
        // A pool thread that ended would take its allocations with it; other threads (the OSGi
        // framework's) are not part of the receive path.
        assertTrue(after.ended(before).stream().noneMatch(name -> name.startsWith("alloc-")),
                "a transport thread ended during the measurement, its allocation would be missed: "
                        + after.ended(before));
        long total = perThread.values().stream().mapToLong(Long::longValue).sum();
        return new Phase(perThread, total, reads.getAsLong() - startReads, nanos, messages);
    }

    /**
     * What Jetty's selector and thread hand-off may allocate per wake-up (per read, however
     * many messages it brings): measured about 96 bytes (the JDK selector's selected-key set
     * entry and two key-set iterators in Jetty's ManagedSelector) plus about 40 bytes when the
     * read is handed to another pool thread. Twice that, so that the test is not flaky.
     */
    static final long PER_READ_BUDGET = 256;
    /** For threads outside the receive path that happen to allocate meanwhile (OSGi's SCR actor). */
    static final long SLACK = 32 * 1024;

    @Test
    void receivingAllocatesNothingPerMessageOnAnyClientThread() throws Exception {
        assertEquals(60, UPDATE.getBytes(StandardCharsets.UTF_8).length, "the size the figures are for");
        // Bursts of 40 frames with a pause between them: many reads of a few kilobytes, as a
        // busy exchange stream looks, rather than a few huge reads that would hide per-read costs.
        Blaster blaster = new Blaster(TimeUnit.MICROSECONDS.toNanos(20), WARM_UP, MEASURED);
        ReconnectingWebSocket ws = connect(blaster, null);
        blaster.go.release();
        awaitCount(ws::framesReceived, WARM_UP);
        Thread.sleep(200); // let the warm-up's stragglers (JIT, pool threads) settle
        Phase phase = measure(blaster.go, ws::framesReceived, ws::reads, MEASURED);
        System.out.println(phase.describe("ReconnectingWebSocket ws://, bursts of " + BURST));
        // Nothing per message: what is allocated is bounded by the reads (Jetty's selector
        // wake-ups), not by the messages. Our own code allocates nothing at all (FrameParserTest).
        assertTrue(phase.total() <= PER_READ_BUDGET * phase.reads() + SLACK,
                phase.describe("more than " + PER_READ_BUDGET + " bytes per read"));
        assertEquals(WARM_UP + MEASURED, ws.framesReceived());
    }

    @Test
    void overTlsOnlyTheJdkDecryptionAllocatesPerRecord() throws Exception {
        LoopbackTls tls = LoopbackTls.shared();
        assumeTrue(tls != null, "this JDK has no keytool to make a test certificate");
        transport.close();
        transport = JettyTransport.start("alloc", tls.client());
        Blaster blaster = new Blaster(TimeUnit.MICROSECONDS.toNanos(20), WARM_UP / 2, MEASURED / 2);
        ReconnectingWebSocket ws = connect(blaster, tls);
        blaster.go.release();
        awaitCount(ws::framesReceived, WARM_UP / 2);
        Thread.sleep(200);
        Phase phase = measure(blaster.go, ws::framesReceived, ws::reads, MEASURED / 2);
        System.out.println(phase.describe("ReconnectingWebSocket wss://, bursts of " + BURST
                + " (one TLS record per burst)"));
        // The JDK's AES-GCM re-initialises its cipher for every TLS record (about 1.7 KB with
        // heap buffers); that is per record, i.e. per read here, never per message.
        assertTrue(phase.total() <= (PER_READ_BUDGET + 4096) * phase.reads() + SLACK,
                phase.describe("more than the JDK's TLS cost per record"));
    }

    /** Counts Jetty standard API deliveries: one String per message. */
    public static final class JettyApiCounter implements Session.Listener.AutoDemanding {
        volatile long count;

        @Override
        public void onWebSocketText(String text) {
            count++;
        }
    }

    @Test
    @SuppressWarnings("resource") // the Jetty client is stopped in the finally block
    void throughputComparedWithJettysStringApi() throws Exception {
        int warmUp = 200_000;
        int measured = 1_000_000;
        // Ours, blasting without pauses.
        Blaster ours = new Blaster(0, warmUp, measured);
        ReconnectingWebSocket ws = connect(ours, null);
        ours.go.release();
        awaitCount(ws::framesReceived, warmUp);
        Phase oursPhase = measure(ours.go, ws::framesReceived, ws::reads, measured);
        socket.close();
        server.close();

        // Jetty's standard API on its own HttpClient, same server, same load.
        Blaster theirs = new Blaster(0, warmUp, measured);
        server = new RawWebSocketServer(null, theirs);
        QueuedThreadPool pool = new QueuedThreadPool(32, 2);
        pool.setName("jettyapi");
        pool.setDaemon(true);
        HttpClient http = new HttpClient();
        http.setExecutor(pool);
        WebSocketClient client = new WebSocketClient(http);
        client.start();
        try {
            JettyApiCounter counter = new JettyApiCounter();
            client.connect(counter, server.uri()).get(5, TimeUnit.SECONDS);
            theirs.go.release();
            awaitCount(() -> counter.count, warmUp);
            Phase jettyPhase = measure(theirs.go, () -> counter.count, () -> 0, measured);
            System.out.println(oursPhase.describe("ReconnectingWebSocket, blast"));
            System.out.println(jettyPhase.describe("Jetty WebSocketClient onWebSocketText(String), blast"));
            System.out.println(String.format(Locale.ROOT,
                    "throughput ratio ours/Jetty API: %.2f; garbage per message ours %.3f bytes, Jetty API %.1f bytes",
                    oursPhase.messagesPerSecond() / jettyPhase.messagesPerSecond(), oursPhase.perMessage(),
                    jettyPhase.perMessage()));
            assertEquals(warmUp + measured, counter.count);
        } finally {
            client.stop();
            http.stop();
        }
        assertEquals(warmUp + measured, ws.framesReceived());
    }
}
