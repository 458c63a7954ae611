package org.tradebench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.transport.RecordingHandler.next;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.websocket.api.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconnectingWebSocketTest {

    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(40), Duration.ofSeconds(1), 2.0,
            0.5);

    private LoopbackServer server;
    private JettyTransport transport;
    private ReconnectingWebSocket socket;
    private final RecordingHandler handler = new RecordingHandler();

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer(null);
        transport = JettyTransport.start("test");
    }

    @AfterEach
    void stop() throws Exception {
        if (socket != null) {
            socket.close();
        }
        transport.close();
        server.close();
    }

    private ReconnectingWebSocket open(WebSocketOptions options, WebSocketHandler h) throws InterruptedException {
        socket = new ReconnectingWebSocket(transport, options, h);
        socket.start();
        return socket;
    }

    static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private WebSocketOptions options() {
        return WebSocketOptions.of(server.webSocketUri()).withName("loopback").withReconnect(FAST, 7);
    }

    @Test
    void connectsSendsAndReceives() throws Exception {
        open(options(), handler);
        next(handler.openTimes, "open");
        assertEquals(WebSocketState.OPEN, socket.state());
        assertTrue(socket.send("hello"));
        assertEquals("hello", next(server.received, "server receipt"));
        assertEquals("echo:hello", next(handler.texts, "echo"));
        assertEquals(1, socket.framesReceived());
        assertEquals(1, socket.opens());
    }

    @Test
    void serverDropReconnectsAndOnOpenFiresAgain() throws Exception {
        RecordingHandler h = new RecordingHandler() {
            @Override
            public void onOpen(ReconnectingWebSocket s) {
                super.onOpen(s);
                s.send("subscribe"); // what a connector does on every (re)connect
            }
        };
        open(options(), h);
        next(h.openTimes, "first open");
        assertEquals("subscribe", next(server.received, "first subscribe"));
        assertEquals("echo:subscribe", next(h.texts, "echo 1"));
        server.dropAll();
        WebSocketDisconnect d = next(h.disconnects, "disconnect");
        assertTrue(d.wasOpen());
        assertTrue(d.reconnecting());
        assertEquals(1, d.attempt());
        next(h.openTimes, "second open");
        assertEquals("subscribe", next(server.received, "subscribe after the reconnect"));
        assertEquals(2, h.opens.get());
        assertEquals(WebSocketState.OPEN, socket.state());
        assertTrue(socket.send("after"));
        assertEquals("echo:subscribe", next(h.texts, "echo 2"));
        assertEquals("echo:after", next(h.texts, "echo 3"));
    }

    @Test
    void backoffDelaysFollowThePolicyWithSeededJitter() throws Exception {
        server.dropOnOpen = true;
        open(options(), handler);
        List<WebSocketDisconnect> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seen.add(next(handler.disconnects, "disconnect " + (i + 1)));
        }
        server.dropOnOpen = false;
        waitFor(() -> socket.state() == WebSocketState.OPEN && !server.sessions.isEmpty(), "a lasting session");
        // The socket really waited: each next upgrade came no earlier than the announced delay.
        for (int i = 0; i < 4; i++) {
            long gap = server.upgradeTimes.get(i + 1) - handler.disconnectTimes.get(i);
            assertTrue(gap >= seen.get(i).delay().toNanos() - 1_000_000,
                    "attempt " + (i + 1) + " came " + gap / 1_000_000 + " ms after the drop, announced "
                            + seen.get(i).delay().toMillis() + " ms");
        }
        SplittableRandom reference = new SplittableRandom(7);
        for (int i = 0; i < 4; i++) {
            WebSocketDisconnect d = seen.get(i);
            assertEquals(i + 1, d.attempt(), d.describe());
            assertEquals(FAST.delay(i + 1, reference), d.delay(), "attempt " + (i + 1));
        }
        assertEquals(5, server.upgrades.get());
    }

    @Test
    void connectionLimiterSpacesTheAttempts() throws Exception {
        server.dropOnOpen = true;
        RateLimiter limiter = new RateLimiter("connects", 1, Duration.ofMillis(300), 1, System::nanoTime);
        long start = System.nanoTime();
        open(options().withConnectLimiter(limiter), handler);
        next(handler.disconnects, "1");
        next(handler.disconnects, "2");
        next(handler.disconnects, "3");
        long elapsed = System.nanoTime() - start;
        // Three attempts with one permit per 300 ms: the third cannot start before 600 ms,
        // although the back-off alone would allow it after about 120 ms.
        assertTrue(elapsed >= Duration.ofMillis(590).toNanos(), "three attempts took " + elapsed / 1_000_000 + " ms");
        assertEquals(3, server.upgrades.get());
    }

    @Test
    void pingFramesMeasureTheRoundTrip() throws Exception {
        open(options().withPing(PingMode.FRAMES, Duration.ofMillis(50)), handler);
        next(handler.openTimes, "open");
        Duration rtt = next(handler.latencies, "a pong");
        assertTrue(rtt.toNanos() > 0 && rtt.compareTo(Duration.ofSeconds(1)) < 0, rtt.toString());
        assertEquals(rtt.toNanos() > 0, socket.latency().isPresent());
    }

    @Test
    void applicationPingsAreAnsweredThroughPongReceived() throws Exception {
        Pattern cid = Pattern.compile("\"cid\":(\\d+)");
        server.onText = (s, text) -> {
            Matcher m = cid.matcher(text);
            if (m.find()) {
                s.sendText("{\"event\":\"pong\",\"ts\":1,\"cid\":" + m.group(1) + "}", Callback.NOOP);
            }
        };
        RecordingHandler h = new RecordingHandler() {
            @Override
            public void onPingDue(ReconnectingWebSocket s, long pingId) {
                s.send("{\"event\":\"ping\",\"cid\":" + pingId + "}");
            }

            @Override
            public void onFrame(ReconnectingWebSocket s, byte[] buffer, int offset, int length, long receivedNanos) {
                super.onFrame(s, buffer, offset, length, receivedNanos);
                String text = new String(buffer, offset, length, StandardCharsets.UTF_8);
                Matcher m = cid.matcher(text);
                if (m.find()) {
                    s.pongReceived(Long.parseLong(m.group(1)));
                }
            }
        };
        open(options().withPing(PingMode.APPLICATION, Duration.ofMillis(50)), h);
        assertTrue(next(h.texts, "pong").startsWith("{\"event\":\"pong\""));
        Duration rtt = next(h.latencies, "latency");
        assertTrue(rtt.compareTo(Duration.ofSeconds(1)) < 0, rtt.toString());
        assertEquals(rtt, socket.latency().orElseThrow());
        assertTrue(socket.pongReceived(999_999).isEmpty(), "an id never sent measures nothing");
    }

    @Test
    void watchdogFiresOnSilenceOnceAndRearmsAfterData() throws Exception {
        server.onText = (s, t) -> { }; // a server that accepts and then says nothing
        open(options().withStaleAfter(Duration.ofMillis(200)), handler);
        long opened = next(handler.openTimes, "open");
        Duration silence = next(handler.stale, "stale");
        long noticed = System.nanoTime() - opened;
        assertTrue(silence.compareTo(Duration.ofMillis(200)) >= 0, silence.toString());
        assertTrue(noticed < Duration.ofMillis(800).toNanos(), "noticed after " + noticed / 1_000_000 + " ms");
        assertNull(handler.stale.poll(400, TimeUnit.MILLISECONDS), "reported once per silence");
        assertEquals(WebSocketState.OPEN, socket.state(), "staleness alone does not close the socket");
        server.sessions.get(0).sendText("data", Callback.NOOP);
        next(handler.texts, "data");
        assertTrue(next(handler.stale, "stale again").compareTo(Duration.ofMillis(200)) >= 0);
    }

    @Test
    void staleSessionsCanReconnectByThemselves() throws Exception {
        server.onText = (s, t) -> { };
        open(options().withStaleAfter(Duration.ofMillis(150), true), handler);
        next(handler.openTimes, "open");
        next(handler.stale, "stale");
        WebSocketDisconnect d = next(handler.disconnects, "reconnect");
        assertTrue(d.reason().contains("no data"), d.reason());
        next(handler.openTimes, "open again");
    }

    /**
     * A connector takes its own lock in onFrame and calls close() or reconnect() while holding it
     * (from another thread): neither may wait for the frame callback in progress, which waits for
     * that lock.
     */
    @Test
    void closeAndReconnectFromAThreadHoldingTheHandlersLockDoNotWaitForItsCallback() throws Exception {
        Object connectorLock = new Object();
        java.util.concurrent.CountDownLatch inFrame = new java.util.concurrent.CountDownLatch(1);
        RecordingHandler h = new RecordingHandler() {
            @Override
            public void onFrame(ReconnectingWebSocket s, byte[] buffer, int offset, int length, long receivedNanos) {
                inFrame.countDown();
                synchronized (connectorLock) { // waits while the other thread holds it
                    super.onFrame(s, buffer, offset, length, receivedNanos);
                }
            }
        };
        open(options(), h);
        next(h.openTimes, "open");
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<?> done;
            synchronized (connectorLock) {
                assertTrue(socket.send("hello"));
                assertTrue(inFrame.await(5, TimeUnit.SECONDS), "the reader is in onFrame, waiting for the lock");
                done = other.submit(() -> {
                    synchronized (connectorLock) {
                        return null;
                    }
                });
                socket.reconnect("test"); // on this thread, which holds the lock onFrame waits for
                socket.close();
            }
            done.get(5, TimeUnit.SECONDS);
            WebSocketDisconnect d = next(h.disconnects, "the reconnect's disconnect");
            assertTrue(d.reason().contains("reconnect requested"), d.reason());
            assertEquals(WebSocketState.CLOSED, socket.state());
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void closeEndsTheSessionAndStopsReconnecting() throws Exception {
        open(options(), handler);
        next(handler.openTimes, "open");
        socket.close();
        WebSocketDisconnect d = next(handler.disconnects, "close");
        assertFalse(d.reconnecting());
        assertEquals(WebSocketState.CLOSED, socket.state());
        assertFalse(socket.send("late"));
        Thread.sleep(200);
        assertEquals(1, server.upgrades.get());
        assertTrue(server.sessions.isEmpty(), "the server saw the close");
    }

    @Test
    void pauseClosesTheSessionWithoutReconnectingAndResumeConnectsAgain() throws Exception {
        open(options(), handler);
        next(handler.openTimes, "open");
        socket.pause("disconnected by the user");
        WebSocketDisconnect d = next(handler.disconnects, "pause");
        assertFalse(d.reconnecting(), "a pause is not a loss to retry");
        assertTrue(d.wasOpen());
        assertTrue(d.reason().contains("disconnected by the user"), d.reason());
        assertEquals(WebSocketState.PAUSED, socket.state());
        assertFalse(socket.send("while paused"));
        waitFor(server.sessions::isEmpty, "the server saw the close");
        socket.reconnect("a connector's own reason"); // ignored while paused
        Thread.sleep(300); // several back-off periods of FAST: no attempt may come
        assertEquals(1, server.upgrades.get(), "no attempt while paused");
        assertEquals(WebSocketState.PAUSED, socket.state());

        socket.resume();
        next(handler.openTimes, "open after resume");
        assertEquals(WebSocketState.OPEN, socket.state());
        assertEquals(2, server.upgrades.get());
        assertTrue(socket.send("again"));
        assertEquals("again", next(server.received, "server receipt after resume"));
        socket.resume(); // not paused: nothing happens
        assertEquals(WebSocketState.OPEN, socket.state());
        socket.close();
        assertEquals(WebSocketState.CLOSED, socket.state());
        socket.pause("after close"); // closed stays closed
        assertEquals(WebSocketState.CLOSED, socket.state());
    }

    @Test
    void refusedConnectionsAreRetriedAndDescribed() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        open(WebSocketOptions.of(URI.create("ws://127.0.0.1:" + port + "/ws?apiKey=secret123"))
                .withReconnect(FAST, 3), handler);
        WebSocketDisconnect first = next(handler.disconnects, "refused");
        WebSocketDisconnect second = next(handler.disconnects, "refused again");
        assertFalse(first.wasOpen());
        assertEquals(-1, first.closeCode());
        assertEquals(2, second.attempt());
        assertTrue(first.describe().startsWith("connection attempt failed"), first.describe());
        assertFalse(first.describe().contains("secret123"), "the key must not appear: " + first.describe());
    }
}
