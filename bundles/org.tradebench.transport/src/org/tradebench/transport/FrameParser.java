package org.tradebench.transport;

import java.nio.charset.StandardCharsets;

/**
 * Client-side RFC 6455 frame parser that works in place on a byte array: complete unfragmented
 * messages are handed over as a slice of the caller's array (no copy), fragmented messages are
 * reassembled into one reused array, and nothing is allocated per frame or per message (only
 * close frames, which end the connection, build a {@code String}).
 *
 * <pre>{@code
 * FrameParser parser = new FrameParser(16 << 20);
 * int next = parser.parse(bytes, start, end, listener);  // frames in [start, next) were handled
 * // keep [next, end) and read more; parser.needed() says how many bytes the incomplete frame
 * // at next needs in all (grow the buffer to that before reading again)
 * }</pre>
 *
 * <p>Server frames must not be masked, must not set reserved bits (no extension is negotiated),
 * control frames are unfragmented and at most 125 bytes; a violation stops the parser and is
 * reported as close code 1002, a message over the size limit as 1009. Text is not checked for
 * valid UTF-8: the bytes are handed over as they arrived (the connector's decoder reads them).
 *
 * <p>Not thread-safe: one reader per connection.
 */
final class FrameParser {

    static final int OP_CONTINUATION = 0x0;
    static final int OP_TEXT = 0x1;
    static final int OP_BINARY = 0x2;
    static final int OP_CLOSE = 0x8;
    static final int OP_PING = 0x9;
    static final int OP_PONG = 0xA;

    /** Close codes used here (RFC 6455 7.4.1). */
    static final int CLOSE_NORMAL = 1000;
    static final int CLOSE_PROTOCOL_ERROR = 1002;
    static final int CLOSE_NO_STATUS = 1005;
    static final int CLOSE_ABNORMAL = 1006;
    static final int CLOSE_TOO_BIG = 1009;

    /** The longest frame header a server sends: 2 bytes, 8 length bytes, no mask. */
    static final int MAX_HEADER = 10;

    /** What the parser found. Called on the parsing thread; the arrays are only valid during the call. */
    interface Listener {

        /**
         * A complete text or binary message.
         *
         * @param binary true for a binary message, false for text (UTF-8 bytes)
         * @param buffer the bytes, valid during the call only
         * @param offset where the message starts
         * @param length its length
         */
        void onMessage(boolean binary, byte[] buffer, int offset, int length);

        /** A ping; its payload (at most 125 bytes) is valid during the call only. */
        void onPing(byte[] buffer, int offset, int length);

        /** A pong; its payload (at most 125 bytes) is valid during the call only. */
        void onPong(byte[] buffer, int offset, int length);

        /**
         * A close frame; the parser stops after it.
         *
         * @param code the status code, {@link #CLOSE_NO_STATUS} when the frame had none
         * @param reason the reason, empty when none
         */
        void onCloseFrame(int code, String reason);

        /**
         * The server broke the protocol or sent a message over the limit; the parser stops.
         *
         * @param closeCode {@link #CLOSE_PROTOCOL_ERROR} or {@link #CLOSE_TOO_BIG}
         * @param reason what was wrong, for people (no frame data)
         */
        void onError(int closeCode, String reason);
    }

    private static final byte[] EMPTY = new byte[0];
    private static final int FIRST_AGGREGATE = 4096;

    private final int maxMessageBytes;
    private boolean stopped;
    private int needed;
    /** OP_TEXT or OP_BINARY while a fragmented message is being reassembled, else -1. */
    private int fragmentedOpcode = -1;
    private byte[] aggregate = EMPTY;
    private int aggregated;

    /**
     * @param maxMessageBytes the largest message (after reassembly) accepted
     */
    FrameParser(int maxMessageBytes) {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be > 0, was " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Handles every complete frame in {@code buffer[from, to)}.
     *
     * @param buffer the received bytes
     * @param from the first unparsed byte
     * @param to the end of the received bytes
     * @param listener told about messages, control frames and errors
     * @return the index of the first byte not consumed (the start of an incomplete frame, or
     *         {@code to})
     */
    int parse(byte[] buffer, int from, int to, Listener listener) {
        int p = from;
        needed = 0;
        while (!stopped) {
            int available = to - p;
            if (available < 2) {
                needed = available == 0 ? 0 : 2;
                return p;
            }
            int b0 = buffer[p] & 0xFF;
            int b1 = buffer[p + 1] & 0xFF;
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            int length7 = b1 & 0x7F;
            if ((b0 & 0x70) != 0) {
                return fail(listener, p, CLOSE_PROTOCOL_ERROR, "the server set reserved bits 0x"
                        + Integer.toHexString(b0 & 0x70) + " but no extension was negotiated");
            }
            if ((b1 & 0x80) != 0) {
                return fail(listener, p, CLOSE_PROTOCOL_ERROR, "the server sent a masked frame (RFC 6455 5.1)");
            }
            boolean control = (opcode & 0x08) != 0;
            if (control ? opcode > OP_PONG : opcode > OP_BINARY) {
                return fail(listener, p, CLOSE_PROTOCOL_ERROR, "unknown opcode 0x" + Integer.toHexString(opcode));
            }
            int header = length7 == 127 ? 10 : length7 == 126 ? 4 : 2;
            if (available < header) {
                needed = header;
                return p;
            }
            long length;
            if (length7 == 126) {
                length = ((buffer[p + 2] & 0xFF) << 8) | (buffer[p + 3] & 0xFF);
            } else if (length7 == 127) {
                length = 0;
                for (int i = 2; i < 10; i++) {
                    length = (length << 8) | (buffer[p + i] & 0xFF);
                }
                if (length < 0) {
                    return fail(listener, p, CLOSE_PROTOCOL_ERROR, "a 64-bit frame length with the top bit set");
                }
            } else {
                length = length7;
            }
            if (control) {
                if (!fin) {
                    return fail(listener, p, CLOSE_PROTOCOL_ERROR, "a fragmented control frame (opcode 0x"
                            + Integer.toHexString(opcode) + ")");
                }
                if (length > 125) {
                    return fail(listener, p, CLOSE_PROTOCOL_ERROR, "a control frame with " + length
                            + " bytes of payload (at most 125)");
                }
            } else if (opcode == OP_CONTINUATION) {
                if (fragmentedOpcode < 0) {
                    return fail(listener, p, CLOSE_PROTOCOL_ERROR, "a continuation frame without a message to continue");
                }
                if (aggregated + length > maxMessageBytes) {
                    return fail(listener, p, CLOSE_TOO_BIG, "a fragmented message grew past " + (aggregated + length)
                            + " bytes, over the limit of " + maxMessageBytes + " bytes (maxMessageBytes)");
                }
            } else {
                if (fragmentedOpcode >= 0) {
                    return fail(listener, p, CLOSE_PROTOCOL_ERROR, "a new message began before the fragmented one ended");
                }
                if (length > maxMessageBytes) {
                    return fail(listener, p, CLOSE_TOO_BIG, "a message of " + length
                            + " bytes is over the limit of " + maxMessageBytes + " bytes (maxMessageBytes)");
                }
            }
            // Here header + length <= MAX_HEADER + max(125, maxMessageBytes): fits an int.
            int frame = header + (int) length;
            if (available < frame) {
                needed = frame;
                return p;
            }
            int payload = p + header;
            int size = (int) length;
            p += frame;
            switch (opcode) {
                case OP_TEXT, OP_BINARY -> {
                    if (fin) {
                        listener.onMessage(opcode == OP_BINARY, buffer, payload, size);
                    } else {
                        fragmentedOpcode = opcode;
                        aggregated = 0;
                        append(buffer, payload, size);
                    }
                }
                case OP_CONTINUATION -> {
                    append(buffer, payload, size);
                    if (fin) {
                        boolean binary = fragmentedOpcode == OP_BINARY;
                        int total = aggregated;
                        fragmentedOpcode = -1;
                        aggregated = 0;
                        listener.onMessage(binary, aggregate, 0, total);
                    }
                }
                case OP_PING -> listener.onPing(buffer, payload, size);
                case OP_PONG -> listener.onPong(buffer, payload, size);
                default -> { // OP_CLOSE
                    return close(listener, buffer, payload, size, p);
                }
            }
        }
        return p;
    }

    /**
     * How many bytes the incomplete frame at the index {@link #parse} returned needs in all
     * (header and payload, or just enough to read the header), at most
     * {@code maxMessageBytes + }{@link #MAX_HEADER}; 0 when nothing is pending.
     */
    int needed() {
        return needed;
    }

    /** Whether the parser stopped (close frame, error or {@link #stop()}). */
    boolean isStopped() {
        return stopped;
    }

    /** Makes {@link #parse} return at once from now on. */
    void stop() {
        stopped = true;
    }

    private int close(Listener listener, byte[] buffer, int payload, int size, int next) {
        if (size == 1) {
            return fail(listener, next, CLOSE_PROTOCOL_ERROR, "a close frame with a 1-byte payload");
        }
        int code = CLOSE_NO_STATUS;
        String reason = "";
        if (size >= 2) {
            code = ((buffer[payload] & 0xFF) << 8) | (buffer[payload + 1] & 0xFF);
            if (!isValidCloseCode(code)) {
                return fail(listener, next, CLOSE_PROTOCOL_ERROR, "a close frame with the invalid code " + code);
            }
            reason = new String(buffer, payload + 2, size - 2, StandardCharsets.UTF_8);
        }
        stopped = true;
        listener.onCloseFrame(code, reason);
        return next;
    }

    /** RFC 6455 7.4: codes an endpoint may send. */
    static boolean isValidCloseCode(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }

    private int fail(Listener listener, int at, int code, String reason) {
        stopped = true;
        needed = 0;
        listener.onError(code, reason);
        return at;
    }

    private void append(byte[] buffer, int offset, int length) {
        int required = aggregated + length;
        if (required > aggregate.length) {
            // Doubling keeps reassembly linear; the limit was checked by the caller.
            int grown = (int) Math.min(maxMessageBytes, Math.max(FIRST_AGGREGATE, 2L * aggregate.length));
            byte[] bigger = new byte[Math.max(required, grown)];
            System.arraycopy(aggregate, 0, bigger, 0, aggregated);
            aggregate = bigger;
        }
        System.arraycopy(buffer, offset, aggregate, aggregated, length);
        aggregated = required;
    }
}
