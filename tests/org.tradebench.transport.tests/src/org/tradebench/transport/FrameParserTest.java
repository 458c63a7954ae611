package org.tradebench.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The parser on its own: every way a byte stream can be cut, every rule it enforces. */
class FrameParserTest {

    /** Records what the parser reports as readable lines. */
    private static class Events implements FrameParser.Listener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void onMessage(boolean binary, byte[] buffer, int offset, int length) {
            seen.add((binary ? "binary:" : "text:") + new String(buffer, offset, length, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void onPing(byte[] buffer, int offset, int length) {
            seen.add("ping:" + new String(buffer, offset, length, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void onPong(byte[] buffer, int offset, int length) {
            seen.add("pong:" + new String(buffer, offset, length, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void onCloseFrame(int code, String reason) {
            seen.add("close:" + code + ":" + reason);
        }

        @Override
        public void onError(int closeCode, String reason) {
            seen.add("error:" + closeCode + ":" + reason);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Feeds {@code stream} in pieces cut at the given points, the way the connection does:
     * unparsed bytes are kept, the buffer grows to what the parser says it needs.
     */
    private static List<String> feed(FrameParser parser, byte[] stream, int... cuts) {
        Events events = new Events();
        byte[] buffer = new byte[16];
        int start = 0;
        int end = 0;
        int fed = 0;
        int[] points = Arrays.copyOf(cuts, cuts.length + 1);
        points[cuts.length] = stream.length;
        for (int point : points) {
            int n = point - fed;
            if (end - start + n > buffer.length || parser.needed() > buffer.length) {
                buffer = Arrays.copyOf(Arrays.copyOfRange(buffer, start, end),
                        Math.max(parser.needed(), end - start + n) * 2);
                end -= start;
                start = 0;
            } else if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            System.arraycopy(stream, fed, buffer, end, n);
            end += n;
            fed = point;
            start = parser.parse(buffer, start, end, events);
        }
        return events.seen;
    }

    private static final byte[] MIXED = concat(
            RawWebSocketServer.textFrame("[17470,[7254.7,3,3.005]]"),
            RawWebSocketServer.frame(false, FrameParser.OP_TEXT, text("Hel")),
            RawWebSocketServer.frame(true, FrameParser.OP_PING, text("keepalive")),
            RawWebSocketServer.frame(false, FrameParser.OP_CONTINUATION, text("lo, ")),
            RawWebSocketServer.frame(true, FrameParser.OP_CONTINUATION, text("world")),
            RawWebSocketServer.frame(true, FrameParser.OP_BINARY, new byte[] {0, 1, 2, (byte) 0xFF}),
            RawWebSocketServer.textFrame("x".repeat(300)),            // 16-bit length
            RawWebSocketServer.textFrame("y".repeat(70_000)),         // 64-bit length
            RawWebSocketServer.frame(true, FrameParser.OP_PONG, text("")),
            RawWebSocketServer.frame(true, FrameParser.OP_CLOSE, RawWebSocketServer.closePayload(1001, "going away")));

    private static final List<String> MIXED_EVENTS = List.of("text:[17470,[7254.7,3,3.005]]", "ping:keepalive",
            "text:Hello, world", "binary:" + new String(new byte[] {0, 1, 2, (byte) 0xFF}, StandardCharsets.ISO_8859_1),
            "text:" + "x".repeat(300), "text:" + "y".repeat(70_000), "pong:", "close:1001:going away");

    @Test
    void wholeStreamGivesEveryMessageInOrder() {
        assertEquals(MIXED_EVENTS, feed(new FrameParser(1 << 20), MIXED));
    }

    @Test
    void everySingleCutPointGivesTheSameMessages() {
        // Each position a read could end at, including inside headers and extended lengths.
        for (int cut = 1; cut < 400; cut++) {
            assertEquals(MIXED_EVENTS, feed(new FrameParser(1 << 20), MIXED, cut), "cut at " + cut);
        }
        for (int cut = MIXED.length - 200; cut < MIXED.length; cut++) {
            assertEquals(MIXED_EVENTS, feed(new FrameParser(1 << 20), MIXED, cut), "cut at " + cut);
        }
    }

    @Test
    void oneByteAtATimeGivesTheSameMessages() {
        byte[] head = Arrays.copyOf(MIXED, 500); // everything up to the big frames, byte by byte
        int[] cuts = new int[head.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        List<String> seen = feed(new FrameParser(1 << 20), MIXED, cuts);
        assertEquals(MIXED_EVENTS, seen);
    }

    @Test
    void unfragmentedMessagesAreSlicesOfTheCallersBuffer() {
        byte[] stream = RawWebSocketServer.textFrame("abc");
        byte[][] given = new byte[1][];
        int[] where = new int[2];
        new FrameParser(1024).parse(stream, 0, stream.length, new Events() {
            @Override
            public void onMessage(boolean binary, byte[] buffer, int offset, int length) {
                given[0] = buffer;
                where[0] = offset;
                where[1] = length;
            }
        });
        assertTrue(given[0] == stream, "no copy for a whole frame");
        assertEquals(2, where[0]);
        assertEquals(3, where[1]);
    }

    @Test
    void incompleteFrameSaysHowManyBytesItNeeds() {
        byte[] frame = RawWebSocketServer.textFrame("z".repeat(1000));
        FrameParser parser = new FrameParser(4096);
        Events events = new Events();
        assertEquals(0, parser.parse(frame, 0, 1, events));
        assertEquals(2, parser.needed(), "one byte: the header's first two bytes");
        assertEquals(0, parser.parse(frame, 0, 3, events));
        assertEquals(4, parser.needed(), "a 16-bit length needs 4 header bytes");
        assertEquals(0, parser.parse(frame, 0, 600, events));
        assertEquals(1004, parser.needed(), "then the whole frame");
        assertEquals(frame.length, parser.parse(frame, 0, frame.length, events));
        assertEquals(0, parser.needed());
        assertEquals(List.of("text:" + "z".repeat(1000)), events.seen);
    }

    @Test
    void messageOverTheLimitIsRefusedWith1009BeforeItArrives() {
        FrameParser parser = new FrameParser(1024);
        byte[] frame = RawWebSocketServer.textFrame("a".repeat(1025));
        List<String> seen = feed(parser, Arrays.copyOf(frame, 10)); // only the header arrived
        assertEquals(List.of("error:1009:a message of 1025 bytes is over the limit of 1024 bytes (maxMessageBytes)"),
                seen);
        assertTrue(parser.isStopped());
        assertEquals(List.of("text:" + "a".repeat(1024)),
                feed(new FrameParser(1024), RawWebSocketServer.textFrame("a".repeat(1024))), "the limit itself passes");
    }

    @Test
    void fragmentedMessageOverTheLimitIsRefusedWith1009() {
        byte[] stream = concat(RawWebSocketServer.frame(false, FrameParser.OP_BINARY, new byte[600]),
                RawWebSocketServer.frame(true, FrameParser.OP_CONTINUATION, new byte[600]));
        assertEquals(List.of("error:1009:a fragmented message grew past 1200 bytes, over the limit of 1024 bytes"
                + " (maxMessageBytes)"), feed(new FrameParser(1024), stream));
    }

    @Test
    void protocolViolationsAreReportedWith1002() {
        assertEquals("error:1002:the server sent a masked frame (RFC 6455 5.1)",
                only(new byte[] {(byte) 0x81, (byte) 0x81, 1, 2, 3, 4, 'a'}));
        assertEquals("error:1002:the server set reserved bits 0x40 but no extension was negotiated",
                only(new byte[] {(byte) 0xC1, 1, 'a'}));
        assertEquals("error:1002:unknown opcode 0x3", only(new byte[] {(byte) 0x83, 0}));
        assertEquals("error:1002:unknown opcode 0xb", only(new byte[] {(byte) 0x8B, 0}));
        assertEquals("error:1002:a fragmented control frame (opcode 0x9)", only(new byte[] {0x09, 0}));
        assertEquals("error:1002:a control frame with 126 bytes of payload (at most 125)",
                only(RawWebSocketServer.frame(true, FrameParser.OP_PING, new byte[126])));
        assertEquals("error:1002:a continuation frame without a message to continue",
                only(RawWebSocketServer.frame(true, FrameParser.OP_CONTINUATION, text("x"))));
        assertEquals("error:1002:a close frame with a 1-byte payload", only(new byte[] {(byte) 0x88, 1, 3}));
        assertEquals("error:1002:a close frame with the invalid code 1005",
                only(RawWebSocketServer.frame(true, FrameParser.OP_CLOSE, RawWebSocketServer.closePayload(1005, ""))));
        assertEquals("error:1002:a 64-bit frame length with the top bit set",
                only(new byte[] {(byte) 0x82, 127, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1}));
        assertEquals(List.of("error:1002:a new message began before the fragmented one ended"),
                feed(new FrameParser(1024), concat(RawWebSocketServer.frame(false, FrameParser.OP_TEXT, text("a")),
                        RawWebSocketServer.textFrame("b"))));
    }

    private static String only(byte[] stream) {
        List<String> seen = feed(new FrameParser(1024), stream);
        assertEquals(1, seen.size(), seen.toString());
        return seen.get(0);
    }

    @Test
    void closeWithoutCodeIsReportedAs1005AndStopsTheParser() {
        byte[] stream = concat(RawWebSocketServer.frame(true, FrameParser.OP_CLOSE, new byte[0]),
                RawWebSocketServer.textFrame("after the close"));
        assertEquals(List.of("close:1005:"), feed(new FrameParser(1024), stream));
    }

    @Test
    void reassemblyReusesItsBufferAcrossMessages() {
        FrameParser parser = new FrameParser(1 << 20);
        List<byte[]> arrays = new ArrayList<>();
        FrameParser.Listener capture = new Events() {
            @Override
            public void onMessage(boolean binary, byte[] buffer, int offset, int length) {
                arrays.add(buffer);
            }
        };
        for (int i = 0; i < 3; i++) {
            byte[] stream = concat(RawWebSocketServer.frame(false, FrameParser.OP_TEXT, text("ab")),
                    RawWebSocketServer.frame(true, FrameParser.OP_CONTINUATION, text("cd")));
            parser.parse(stream, 0, stream.length, capture);
        }
        assertEquals(3, arrays.size());
        assertTrue(arrays.get(0) == arrays.get(1) && arrays.get(1) == arrays.get(2), "one reassembly array");
    }

    @Test
    void parsingAndDeliveringAllocatesNothingPerMessage() {
        // 10,000 update-sized messages, some fragmented, in one buffer: the parser's whole job.
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000; i++) {
            if (i % 100 == 0) {
                stream.writeBytes(RawWebSocketServer.frame(false, FrameParser.OP_TEXT, text("[17470,[12908374")));
                stream.writeBytes(RawWebSocketServer.frame(true, FrameParser.OP_PING, text("hb")));
                stream.writeBytes(RawWebSocketServer.frame(true, FrameParser.OP_CONTINUATION, text("47,7391.5,-0.04]]")));
            } else {
                stream.writeBytes(RawWebSocketServer.textFrame(ReceivePathAllocationTest.UPDATE));
            }
        }
        byte[] bytes = stream.toByteArray();
        FrameParser parser = new FrameParser(1 << 20);
        long[] sum = new long[1];
        FrameParser.Listener consumer = new Events() {
            @Override
            public void onMessage(boolean binary, byte[] buffer, int offset, int length) {
                sum[0] += buffer[offset + length - 1];
            }

            @Override
            public void onPing(byte[] buffer, int offset, int length) {
                sum[0]++;
            }
        };
        Runnable parseAll = () -> {
            int next = parser.parse(bytes, 0, bytes.length, consumer);
            if (next != bytes.length) {
                throw new AssertionError("stopped at " + next);
            }
        };
        for (int i = 0; i < 200; i++) {
            parseAll.run(); // warm up: compiled, reassembly array grown
        }
        long allocated = ThreadAllocations.onCurrentThread(() -> {
            for (int i = 0; i < 50; i++) {
                parseAll.run();
            }
        });
        assertEquals(0, allocated, "bytes allocated for 500,000 messages");
        assertTrue(sum[0] != 0);
    }

    @Test
    void clientFramesAreMaskedAndUseTheShortestLength() {
        for (int length : new int[] {0, 125, 126, 65_535, 65_536}) {
            byte[] payload = new byte[length];
            Arrays.fill(payload, (byte) 'q');
            byte[] frame = FrameConnection.encode(FrameParser.OP_TEXT, payload, 0, length, 0x01020304);
            int header = length < 126 ? 2 : length <= 65_535 ? 4 : 10;
            assertEquals(header + 4 + length, frame.length, "length " + length);
            assertEquals((byte) 0x81, frame[0]);
            assertEquals(0x80, frame[1] & 0x80, "mask bit");
            assertArrayEquals(new byte[] {1, 2, 3, 4}, Arrays.copyOfRange(frame, header, header + 4));
            for (int i = 0; i < length; i++) {
                assertEquals('q', frame[header + 4 + i] ^ (i & 3) + 1, "byte " + i + " of " + length);
            }
        }
    }

    @Test
    void closeReasonsAreCutAtACharacterBoundary() {
        byte[] frame = FrameConnection.closeFrame(1000, "é".repeat(100)); // 200 UTF-8 bytes
        int length = frame[1] & 0x7F;
        assertEquals(2 + 122, length, "code + 61 two-byte characters (123 would split one)");
    }
}
