package org.tradebench.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.transport.RecordingHandler.next;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.transport.RawWebSocketServer.ClientFrame;
import org.tradebench.transport.RawWebSocketServer.Peer;

/**
 * The WebSocket protocol as the connection implements it, against a hand-written server that
 * controls every byte: fragmentation, reads that end anywhere, limits, control frames, the close
 * handshake, masking.
 */
class FrameProtocolTest {

    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(40), Duration.ofSeconds(1), 2.0,
            0.5);

    private RawWebSocketServer server;
    private JettyTransport transport;
    private ReconnectingWebSocket socket;
    private final RecordingHandler handler = new RecordingHandler();

    @BeforeEach
    void start() throws Exception {
        server = new RawWebSocketServer(null, null);
        transport = JettyTransport.start("frames");
    }

    @AfterEach
    void stop() throws Exception {
        if (socket != null) {
            socket.close();
        }
        transport.close();
        server.close();
        assertNull(server.failure(), "the server script failed");
    }

    private WebSocketOptions options() {
        return WebSocketOptions.of(server.uri()).withName("raw").withReconnect(FAST, 11);
    }

    private Peer open(WebSocketOptions options) throws InterruptedException {
        socket = new ReconnectingWebSocket(transport, options, handler);
        socket.start();
        Peer peer = server.nextPeer();
        next(handler.openTimes, "open");
        return peer;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fragmentedMessagesAreReassembledAroundControlFrames() throws Exception {
        Peer peer = open(options());
        peer.write(concat(RawWebSocketServer.frame(false, FrameParser.OP_TEXT, utf8("[0,\"hb")),
                RawWebSocketServer.frame(true, FrameParser.OP_PING, utf8("mid")),
                RawWebSocketServer.frame(false, FrameParser.OP_CONTINUATION, utf8("\",1,")),
                RawWebSocketServer.frame(true, FrameParser.OP_CONTINUATION, utf8("2]")),
                RawWebSocketServer.frame(false, FrameParser.OP_BINARY, new byte[] {1, 2}),
                RawWebSocketServer.frame(true, FrameParser.OP_CONTINUATION, new byte[] {3})));
        assertEquals("[0,\"hb\",1,2]", next(handler.texts, "the reassembled text"));
        next(handler.bytes, "the text's bytes");
        assertArrayEquals(new byte[] {1, 2, 3}, next(handler.bytes, "the reassembled binary message"));
        ClientFrame pong = peer.read();
        assertEquals(FrameParser.OP_PONG, pong.opcode(), "the ping between fragments was answered");
        assertEquals("mid", pong.text());
        assertEquals(2, socket.framesReceived());
    }

    @Test
    void messagesStraddlingReadsArriveWhole() throws Exception {
        Peer peer = open(options());
        String small = "[17470,[7254.7,3,3.005]]";
        String medium = "[17470,[" + "7254.7,".repeat(30) + "1]]"; // 16-bit length
        byte[] stream = concat(RawWebSocketServer.textFrame(small), RawWebSocketServer.textFrame(medium),
                RawWebSocketServer.frame(true, FrameParser.OP_BINARY, new byte[] {9}),
                RawWebSocketServer.textFrame(small));
        peer.writeSlowly(stream, 200); // one byte per segment: reads end inside headers and lengths
        assertEquals(small, next(handler.texts, "1"));
        assertEquals(medium, next(handler.texts, "2"));
        next(handler.texts, "3");
        assertEquals(small, next(handler.texts, "4"));
        next(handler.bytes, "1");
        next(handler.bytes, "2");
        assertArrayEquals(new byte[] {9}, next(handler.bytes, "3"));
        assertTrue(socket.reads() > 4, "the bytes came in " + socket.reads() + " reads");
    }

    @Test
    void framesGluedToTheUpgradeAnswerAreDeliveredAfterOnOpen() throws Exception {
        server.afterUpgrade = concat(RawWebSocketServer.textFrame("first"), RawWebSocketServer.textFrame("second"));
        open(options());
        assertEquals("first", next(handler.texts, "first"));
        assertEquals("second", next(handler.texts, "second"));
    }

    @Test
    void messageOverMaxMessageBytesClosesWith1009AndSaysWhy() throws Exception {
        Peer peer = open(options().withMaxMessageBytes(1024));
        peer.sendText("ok");
        peer.sendText("x".repeat(2000));
        assertEquals("ok", next(handler.texts, "the small message"));
        WebSocketDisconnect d = next(handler.disconnects, "the refusal");
        assertEquals(1009, d.closeCode());
        assertEquals("a message of 2000 bytes is over the limit of 1024 bytes (maxMessageBytes)", d.reason());
        assertTrue(d.reconnecting(), d.describe());
        ClientFrame close = peer.read(FrameParser.OP_CLOSE);
        assertTrue(close.masked());
        assertEquals(1009, close.closeCode());
        assertEquals(d.reason(), close.closeReason(), "the server is told the same reason");
        assertTrue(peer.closedByClient(2000), "the client ends the connection");
        assertNull(handler.texts.poll(100, TimeUnit.MILLISECONDS), "the big message is never delivered");
    }

    @Test
    void pingsAreAnsweredWithTheSamePayload() throws Exception {
        Peer peer = open(options());
        byte[] payload = {'p', 0, (byte) 0xFE, 42};
        peer.send(true, FrameParser.OP_PING, payload);
        ClientFrame pong = peer.read();
        assertEquals(FrameParser.OP_PONG, pong.opcode());
        assertTrue(pong.fin() && pong.masked());
        assertArrayEquals(payload, pong.payload());
        assertEquals(0, socket.framesReceived(), "control frames are not messages");
    }

    @Test
    void pingFramesFromTheClientMeasureLatencyFromThePong() throws Exception {
        Peer peer = open(options().withPing(PingMode.FRAMES, Duration.ofMillis(50)));
        ClientFrame ping = peer.read();
        assertEquals(FrameParser.OP_PING, ping.opcode());
        assertEquals(8, ping.payload().length, "the send time");
        Thread.sleep(20);
        peer.send(true, FrameParser.OP_PONG, ping.payload());
        Duration rtt = next(handler.latencies, "latency");
        assertTrue(rtt.compareTo(Duration.ofMillis(20)) >= 0 && rtt.compareTo(Duration.ofSeconds(2)) < 0,
                rtt.toString());
        peer.send(true, FrameParser.OP_PONG, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertNull(handler.latencies.poll(200, TimeUnit.MILLISECONDS), "an unsolicited pong measures nothing");
    }

    @Test
    void binaryMessagesArriveAsTheirBytes() throws Exception {
        Peer peer = open(options());
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        peer.send(true, FrameParser.OP_BINARY, all);
        assertArrayEquals(all, next(handler.bytes, "binary"));
    }

    @Test
    void serverCloseIsEchoedReportedAndReconnected() throws Exception {
        Peer peer = open(options());
        peer.send(true, FrameParser.OP_CLOSE, RawWebSocketServer.closePayload(4001, "maintenance"));
        WebSocketDisconnect d = next(handler.disconnects, "close");
        assertEquals(4001, d.closeCode());
        assertEquals("maintenance", d.reason());
        assertTrue(d.wasOpen() && d.reconnecting(), d.describe());
        ClientFrame echo = peer.read();
        assertEquals(FrameParser.OP_CLOSE, echo.opcode());
        assertEquals(4001, echo.closeCode(), "the code is echoed");
        assertTrue(peer.closedByClient(2000), "the client ends the TCP connection after the handshake");
        server.nextPeer();
        next(handler.openTimes, "open again");
        assertEquals(2, socket.opens());
    }

    @Test
    void closeStartsTheHandshakeAndEndsWhenTheServerAnswers() throws Exception {
        Peer peer = open(options());
        socket.close();
        ClientFrame close = peer.read();
        assertEquals(FrameParser.OP_CLOSE, close.opcode());
        assertTrue(close.masked());
        assertEquals(1000, close.closeCode());
        assertEquals("closed by client", close.closeReason());
        peer.send(true, FrameParser.OP_CLOSE, RawWebSocketServer.closePayload(1000, ""));
        assertTrue(peer.closedByClient(1000), "closed once the server answered");
        WebSocketDisconnect d = next(handler.disconnects, "closed");
        assertFalse(d.reconnecting());
        assertEquals(1, server.connections());
    }

    @Test
    void closeGivesUpWaitingForAnAnswerAfterATimeout() throws Exception {
        Peer peer = open(options());
        socket.close();
        assertEquals(FrameParser.OP_CLOSE, peer.read().opcode());
        long start = System.nanoTime();
        assertTrue(peer.closedByClient(5000), "a server that never answers is cut off");
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= FrameConnection.CLOSE_TIMEOUT_MILLIS - 200 && waited < 4000, waited + " ms");
    }

    @Test
    void serverDroppingMidStreamIsReportedAndReconnected() throws Exception {
        RecordingHandler h = new RecordingHandler() {
            @Override
            public void onOpen(ReconnectingWebSocket s) {
                super.onOpen(s);
                s.send("subscribe");
            }
        };
        socket = new ReconnectingWebSocket(transport, options(), h);
        socket.start();
        Peer first = server.nextPeer();
        assertEquals("subscribe", first.read().text());
        first.write(concat(RawWebSocketServer.textFrame("one"), Arrays.copyOf(RawWebSocketServer.textFrame("two"), 3)));
        assertEquals("one", next(h.texts, "one"));
        first.close(); // half a frame, then nothing: a cut cable
        WebSocketDisconnect d = next(h.disconnects, "drop");
        assertEquals(1006, d.closeCode());
        assertEquals("the server closed the connection without a close frame", d.reason());
        assertTrue(d.wasOpen() && d.reconnecting() && d.attempt() == 1, d.describe());
        Peer second = server.nextPeer();
        assertEquals("subscribe", second.read().text(), "subscribed again after the reconnect");
        second.sendText("three");
        assertEquals("three", next(h.texts, "three"));
        assertNull(h.texts.poll(50, TimeUnit.MILLISECONDS), "the half frame was dropped with its session");
    }

    @Test
    void aSessionThatOpensAfterCloseIsEndedPolitelyAndNeverReported() throws Exception {
        server.upgradeDelayMillis = 300;
        socket = new ReconnectingWebSocket(transport, options(), handler);
        socket.start();
        ReconnectingWebSocketTest.waitFor(() -> server.connections() == 1, "the upgrade request");
        socket.close(); // while the server still thinks about its 101
        assertFalse(next(handler.disconnects, "closed").reconnecting());
        Peer late = server.nextPeer();
        ClientFrame close = late.read();
        assertEquals(FrameParser.OP_CLOSE, close.opcode());
        assertEquals("not needed any more", close.closeReason());
        late.sendText("too late");
        late.send(true, FrameParser.OP_CLOSE, RawWebSocketServer.closePayload(1000, ""));
        assertTrue(late.closedByClient(2000));
        assertEquals(0, handler.opens.get(), "no onOpen for a session nobody wants");
        assertNull(handler.texts.poll(100, TimeUnit.MILLISECONDS), "nor its frames");
        assertNull(handler.disconnects.poll(100, TimeUnit.MILLISECONDS), "nor a second disconnect");
        assertEquals(1, server.connections());
    }

    @Test
    void refusedUpgradeIsDescribedWithTheHttpStatusAndRetried() throws Exception {
        server.refuseWith = "503 Service Unavailable";
        socket = new ReconnectingWebSocket(transport, options(), handler);
        socket.start();
        WebSocketDisconnect d = next(handler.disconnects, "refused");
        assertFalse(d.wasOpen());
        assertEquals(-1, d.closeCode());
        assertEquals("the server answered the upgrade with HTTP 503 Service Unavailable at " + server.uri(), d.reason());
        assertTrue(d.reconnecting(), d.describe());
        server.refuseWith = null;
        next(handler.openTimes, "accepted on a later attempt");
    }

    @Test
    void idleTimeoutEndsASilentSessionAndSaysSo() throws Exception {
        Peer peer = open(options().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)));
        peer.sendText("one");
        assertEquals("one", next(handler.texts, "one"));
        WebSocketDisconnect d = next(handler.disconnects, "idle timeout");
        assertEquals(1006, d.closeCode());
        assertEquals("nothing received for 300 ms (idle timeout)", d.reason());
        assertTrue(d.wasOpen() && d.reconnecting(), d.describe());
        assertTrue(peer.closedByClient(2000));
    }

    @Test
    void snapshotOfOneMegabyteArrivesWholeAndTheStreamContinues() throws Exception {
        Peer peer = open(options());
        StringBuilder json = new StringBuilder("[17470,[");
        for (int i = 0; json.length() < 1_000_000; i++) {
            json.append('[').append(7000 + i).append(".5,").append(i % 7 + 1).append(",0.").append(i).append("],");
        }
        json.setLength(json.length() - 1);
        json.append("]]");
        String snapshot = json.toString();
        peer.write(concat(RawWebSocketServer.textFrame("before"), RawWebSocketServer.textFrame(snapshot),
                RawWebSocketServer.textFrame("after")));
        assertEquals("before", next(handler.texts, "before"));
        String got = next(handler.texts, "the snapshot");
        assertEquals(snapshot.length(), got.length());
        assertEquals(snapshot, got);
        assertEquals("after", next(handler.texts, "after"));
    }

    @Test
    void clientFramesAreMaskedWithFreshKeys() throws Exception {
        Peer peer = open(options());
        assertTrue(socket.send("{\"event\":\"ping\",\"cid\":1}"));
        assertTrue(socket.send(utf8("caf\u00e9")));
        assertTrue(socket.sendBinary(new byte[] {7, 8}));
        ClientFrame a = peer.read();
        ClientFrame b = peer.read();
        ClientFrame c = peer.read();
        assertTrue(a.masked() && b.masked() && c.masked());
        assertNotEquals(a.maskKey(), b.maskKey());
        assertEquals("{\"event\":\"ping\",\"cid\":1}", a.text());
        assertEquals(FrameParser.OP_TEXT, b.opcode());
        assertEquals("caf\u00e9", b.text());
        assertEquals(FrameParser.OP_BINARY, c.opcode());
        assertArrayEquals(new byte[] {7, 8}, c.payload());
        ReconnectingWebSocketTest.waitFor(() -> socket.framesSent() == 3, "three frames counted as sent");
    }

    @Test
    void manySendsFromManyThreadsAllArriveIntact() throws Exception {
        Peer peer = open(options());
        int threads = 4;
        int each = 250;
        Thread[] senders = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            senders[t] = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    socket.send("t" + id + ":" + i);
                }
            });
            senders[t].start();
        }
        int[] nextOf = new int[threads];
        for (int n = 0; n < threads * each; n++) {
            String text = peer.read().text();
            int id = text.charAt(1) - '0';
            assertEquals("t" + id + ":" + nextOf[id], text, "in order per sender");
            nextOf[id]++;
        }
        for (Thread t : senders) {
            t.join();
        }
    }

    @Test
    void maskedServerFrameIsAProtocolError() throws Exception {
        Peer peer = open(options());
        peer.write(new byte[] {(byte) 0x81, (byte) 0x81, 1, 2, 3, 4, 'a' ^ 1});
        WebSocketDisconnect d = next(handler.disconnects, "protocol error");
        assertEquals(1002, d.closeCode());
        assertEquals("the server sent a masked frame (RFC 6455 5.1)", d.reason());
        assertEquals(1002, peer.read(FrameParser.OP_CLOSE).closeCode());
    }

    @Test
    void receiveTimeIsStampedWhenTheBytesAreRead() throws Exception {
        long slowHandlerNanos = TimeUnit.MILLISECONDS.toNanos(30);
        RecordingHandler slow = new RecordingHandler() {
            @Override
            public void onFrame(ReconnectingWebSocket s, byte[] buffer, int offset, int length, long receivedNanos) {
                super.onFrame(s, buffer, offset, length, receivedNanos);
                long until = System.nanoTime() + slowHandlerNanos;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
        };
        socket = new ReconnectingWebSocket(transport, options(), slow);
        socket.start();
        Peer peer = server.nextPeer();
        next(slow.openTimes, "open");
        long before = System.nanoTime();
        peer.write(concat(RawWebSocketServer.textFrame("a"), RawWebSocketServer.textFrame("b")));
        long[] a = next(slow.stamps, "a");
        long[] b = next(slow.stamps, "b");
        assertTrue(a[0] >= before && a[0] <= a[1], "stamped after the write, before the handler");
        assertTrue(b[1] - b[0] >= slowHandlerNanos || b[0] > a[0],
                "b waited behind a's slow handler, and its stamp shows it (or it came in a later read)");
    }
}
