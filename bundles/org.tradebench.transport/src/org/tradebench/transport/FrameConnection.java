package org.tradebench.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;

/**
 * One open WebSocket connection on a Jetty {@link EndPoint} (plain or TLS) after the HTTP
 * upgrade: reads into one reused heap buffer, parses frames in place ({@link FrameParser}) and
 * hands each message to its {@link Owner} as a slice of that buffer, answers pings, runs the
 * close handshake (after both close frames the client half-closes and lets the server close
 * the TCP connection first, RFC 6455 7.1.1, within {@link #CLOSE_TIMEOUT_MILLIS}), and
 * serialises sends through a small write queue (Jetty allows one pending write per endpoint).
 *
 * <pre>{@code
 * endPoint.upgrade(new FrameConnection(endPoint, executor, owner, maxMessageBytes));
 * connection.sendText("{\"event\":\"ping\"}".getBytes(UTF_8));
 * connection.close(1000, "bye");
 * }</pre>
 *
 * <p>Threading: {@link #onFillable()} runs on a Jetty thread, one at a time, and calls the owner
 * under {@link Owner#callbackLock()} once per read for all the messages of that read. The
 * receive path allocates nothing per message once the buffer has grown to the largest frame
 * seen. Sends are thread-safe and may come from any thread; they allocate (they are rare).
 */
final class FrameConnection extends AbstractConnection implements Connection.UpgradeTo, FrameParser.Listener {

    /** What the connection tells the socket that owns it. */
    interface Owner {

        /**
         * The connection is installed and about to read.
         *
         * @return false when the owner no longer wants it (it is then closed)
         */
        boolean opened(FrameConnection connection);

        /** Held while messages are delivered, so that the owner's callbacks never overlap. */
        Object callbackLock();

        /** Bytes arrived at {@code nanos} ({@link System#nanoTime()}); once per read. */
        void received(long nanos);

        /** A complete message; the bytes are valid during the call only. */
        void message(byte[] buffer, int offset, int length, long receivedNanos);

        /** A pong frame; the payload is valid during the call only. */
        void pong(byte[] buffer, int offset, int length, long receivedNanos);

        /** That many text or binary frames were written. */
        void sent(int dataFrames);

        /** The session ended (or failed); called at least once, the owner keeps the first. */
        void ended(int code, String reason, Throwable cause);
    }

    /** The read buffer's first size: one read takes many small frames. */
    static final int INITIAL_BUFFER_BYTES = 64 * 1024;
    /** How long the close handshake may wait for the server (its close frame, its TCP close). */
    static final long CLOSE_TIMEOUT_MILLIS = 2_000;

    /** What to do once the write queue is empty. */
    private static final int AFTER_FLUSH_NOTHING = 0;
    private static final int AFTER_FLUSH_SHUTDOWN_OUTPUT = 1;
    private static final int AFTER_FLUSH_CLOSE = 2;

    private static final SecureRandom MASKS = new SecureRandom();
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    private final Owner owner;
    private final FrameParser parser;
    private final int maxFrameBytes;
    private final Callback readCallback;
    private final WriteCallback writeCallback = new WriteCallback();

    // Reader only (onUpgradeTo, onOpen, then onFillable, which Jetty never runs concurrently).
    private byte[] inArray;
    private ByteBuffer in; // flush mode: [position, limit) is received and not yet parsed
    private long readNanos;
    private boolean closeReceived;

    private final Object writeLock = new Object();
    // Guarded by writeLock.
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private int queuedData;
    private int inFlightData;
    private boolean writing;
    private boolean outputClosed;
    private int afterFlush = AFTER_FLUSH_NOTHING;

    /**
     * @param endPoint the upgraded endpoint
     * @param executor Jetty's executor (for {@link AbstractConnection})
     * @param owner told about messages and the end
     * @param maxMessageBytes the largest message accepted; larger ones close with 1009
     */
    FrameConnection(EndPoint endPoint, Executor executor, Owner owner, int maxMessageBytes) {
        super(endPoint, executor);
        this.owner = owner;
        this.parser = new FrameParser(maxMessageBytes);
        this.maxFrameBytes = maxMessageBytes + FrameParser.MAX_HEADER;
        this.inArray = new byte[Math.min(INITIAL_BUFFER_BYTES, maxFrameBytes)];
        this.in = ByteBuffer.wrap(inArray).limit(0);
        this.readCallback = new ReadCallback();
    }

    // ---------------------------------------------------------------- reading

    @Override
    public void onUpgradeTo(ByteBuffer prefilled) {
        // Frames the server sent right behind its 101 answer, already read by the HTTP parser.
        int n = prefilled.remaining();
        makeRoom(n);
        int limit = in.limit();
        prefilled.get(inArray, limit, n);
        in.limit(limit + n);
    }

    @Override
    public void onOpen() {
        super.onOpen();
        if (!owner.opened(this)) {
            // Replaced or closed while the upgrade was under way: end it politely (the server
            // may count abrupt disconnects against us); what arrives meanwhile is ignored.
            close(FrameParser.CLOSE_NORMAL, "not needed any more");
        } else if (in.hasRemaining()) {
            readNanos = System.nanoTime();
            if (!deliver()) {
                return;
            }
        }
        fillInterested();
    }

    @Override
    public void fillInterested() {
        fillInterested(readCallback);
    }

    @Override
    public void onFillable() {
        try {
            EndPoint endPoint = getEndPoint();
            while (true) {
                makeRoom(1);
                int filled = endPoint.fill(in);
                if (filled > 0) {
                    // Stamped before parsing: frame-to-listener latency includes our own work.
                    readNanos = System.nanoTime();
                    if (!deliver()) {
                        return;
                    }
                } else if (filled == 0) {
                    fillInterested();
                    return;
                } else {
                    endOfInput();
                    return;
                }
            }
        } catch (Throwable x) {
            owner.ended(FrameParser.CLOSE_ABNORMAL, describe(x), x);
            getEndPoint().close(x);
        }
    }

    @Override
    public void onFillInterestedFailed(Throwable cause) {
        String reason = cause instanceof TimeoutException
                ? "nothing received for " + getEndPoint().getIdleTimeout() + " ms (idle timeout)"
                : describe(cause);
        owner.ended(FrameParser.CLOSE_ABNORMAL, reason, cause);
        getEndPoint().close(cause);
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        synchronized (writeLock) {
            outputClosed = true;
            queue.clear();
        }
        owner.ended(FrameParser.CLOSE_ABNORMAL, cause == null ? "the connection closed" : describe(cause), cause);
    }

    /**
     * Parses and delivers what was read.
     *
     * @return whether to read on: false after a protocol error (the endpoint closes once the
     *         close frame is written); after a close frame reading goes on, and drops everything,
     *         until the server closes the TCP connection
     */
    private boolean deliver() {
        if (parser.isStopped()) {
            in.limit(0); // after the close handshake: nothing more is looked at
            return closeReceived;
        }
        int next;
        synchronized (owner.callbackLock()) {
            owner.received(readNanos);
            next = parser.parse(inArray, in.position(), in.limit(), this);
        }
        in.position(next);
        return !parser.isStopped() || closeReceived;
    }

    /**
     * Makes the unparsed bytes start at 0 and leaves room for the incomplete frame (or at least
     * {@code minFree} more bytes), growing the buffer up to the largest frame allowed.
     */
    private void makeRoom(int minFree) {
        int position = in.position();
        int remaining = in.remaining();
        int needed = Math.max(parser.needed(), remaining + minFree);
        if (needed > inArray.length) {
            int capacity = (int) Math.max(needed, Math.min(maxFrameBytes, 2L * inArray.length));
            byte[] bigger = new byte[capacity];
            System.arraycopy(inArray, position, bigger, 0, remaining);
            inArray = bigger;
            in = ByteBuffer.wrap(bigger).limit(remaining);
        } else if (remaining == 0) {
            in.limit(0);
        } else if (position > 0) {
            // Only the tail of one frame moves; once at 0 a growing frame is not copied again.
            System.arraycopy(inArray, position, inArray, 0, remaining);
            in.position(0).limit(remaining);
        }
    }

    private void endOfInput() {
        if (!closeReceived) {
            owner.ended(FrameParser.CLOSE_ABNORMAL, "the server closed the connection without a close frame", null);
        }
        // After a close handshake this is the server closing TCP first, as it should.
        getEndPoint().close();
    }

    // ---------------------------------------------------------------- parser events (reader thread, callback lock held)

    @Override
    public void onMessage(boolean binary, byte[] buffer, int offset, int length) {
        owner.message(buffer, offset, length, readNanos);
    }

    @Override
    public void onPing(byte[] buffer, int offset, int length) {
        enqueue(encode(FrameParser.OP_PONG, buffer, offset, length), false, AFTER_FLUSH_NOTHING);
    }

    @Override
    public void onPong(byte[] buffer, int offset, int length) {
        owner.pong(buffer, offset, length, readNanos);
    }

    @Override
    public void onCloseFrame(int code, String reason) {
        closeReceived = true;
        // Reported first: what follows closes the endpoint, which must not be taken for the reason.
        owner.ended(code, reason.isEmpty() ? "closed by the server with code " + code : reason, null);
        // Answer with the same code (none when the server gave none), unless this answers our
        // close; then half-close and wait (bounded) for the server to close TCP.
        getEndPoint().setIdleTimeout(CLOSE_TIMEOUT_MILLIS);
        if (!enqueue(closeFrame(code == FrameParser.CLOSE_NO_STATUS ? -1 : code, ""), true,
                AFTER_FLUSH_SHUTDOWN_OUTPUT)) {
            whenFlushed(AFTER_FLUSH_SHUTDOWN_OUTPUT);
        }
    }

    @Override
    public void onError(int closeCode, String reason) {
        owner.ended(closeCode, reason, null); // first, as in onCloseFrame
        if (!enqueue(closeFrame(closeCode, reason), true, AFTER_FLUSH_CLOSE)) {
            whenFlushed(AFTER_FLUSH_CLOSE);
        }
    }

    // ---------------------------------------------------------------- writing (any thread)

    /** Sends a text frame; false when the connection no longer sends. */
    boolean sendText(byte[] utf8) {
        return enqueue(encode(FrameParser.OP_TEXT, utf8, 0, utf8.length), false, AFTER_FLUSH_NOTHING);
    }

    /** Sends a binary frame; false when the connection no longer sends. */
    boolean sendBinary(byte[] data) {
        return enqueue(encode(FrameParser.OP_BINARY, data, 0, data.length), false, AFTER_FLUSH_NOTHING);
    }

    /** Sends a ping frame (at most 125 bytes of payload). */
    boolean sendPing(byte[] payload) {
        return enqueue(encode(FrameParser.OP_PING, payload, 0, payload.length), false, AFTER_FLUSH_NOTHING);
    }

    /**
     * Starts the close handshake: sends a close frame; the connection ends when the server has
     * answered and closed TCP, or when it has been silent for {@link #CLOSE_TIMEOUT_MILLIS}.
     *
     * @param code the close code
     * @param reason the reason (cut to 123 UTF-8 bytes)
     */
    void close(int code, String reason) {
        if (enqueue(closeFrame(code, reason), true, AFTER_FLUSH_NOTHING)) {
            getEndPoint().setIdleTimeout(CLOSE_TIMEOUT_MILLIS);
        } else {
            getEndPoint().close();
        }
    }

    /**
     * Queues a frame, and writes it now unless a write is under way.
     *
     * @param frame the encoded frame
     * @param close whether it is a close frame (nothing is sent after it)
     * @param then what to do with the endpoint once it is written (close frames only)
     * @return false when nothing can be sent any more
     */
    private boolean enqueue(byte[] frame, boolean close, int then) {
        ByteBuffer[] batch;
        synchronized (writeLock) {
            if (outputClosed) {
                return false;
            }
            if (close) {
                outputClosed = true;
                afterFlush = Math.max(afterFlush, then);
            }
            queue.addLast(ByteBuffer.wrap(frame));
            int opcode = frame[0] & 0x0F;
            if (opcode == FrameParser.OP_TEXT || opcode == FrameParser.OP_BINARY) {
                queuedData++;
            }
            if (writing) {
                return true;
            }
            writing = true;
            batch = drain();
        }
        write(batch);
        return true;
    }

    /** Shuts the output or closes the endpoint once the queue is written (now when it is empty). */
    private void whenFlushed(int action) {
        synchronized (writeLock) {
            afterFlush = Math.max(afterFlush, action);
            if (writing) {
                return;
            }
        }
        flushed(action);
    }

    private void flushed(int action) {
        if (action == AFTER_FLUSH_CLOSE) {
            getEndPoint().close();
        } else if (action == AFTER_FLUSH_SHUTDOWN_OUTPUT) {
            getEndPoint().shutdownOutput();
        }
    }

    /** Caller holds writeLock. */
    private ByteBuffer[] drain() {
        ByteBuffer[] batch = queue.toArray(new ByteBuffer[0]);
        queue.clear();
        inFlightData = queuedData;
        queuedData = 0;
        return batch;
    }

    private void write(ByteBuffer[] batch) {
        try {
            getEndPoint().write(writeCallback, batch);
        } catch (Throwable x) {
            writeCallback.failed(x);
        }
    }

    /** Completes writes; several frames queued meanwhile go out in one gathering write. */
    private final class WriteCallback implements Callback {

        @Override
        public void succeeded() {
            int sent;
            ByteBuffer[] next = null;
            int then = AFTER_FLUSH_NOTHING;
            synchronized (writeLock) {
                sent = inFlightData;
                inFlightData = 0;
                if (queue.isEmpty()) {
                    writing = false;
                    then = afterFlush;
                } else {
                    next = drain();
                }
            }
            if (sent > 0) {
                owner.sent(sent);
            }
            if (next != null) {
                write(next);
            } else {
                flushed(then);
            }
        }

        @Override
        public void failed(Throwable x) {
            synchronized (writeLock) {
                writing = false;
                outputClosed = true;
                queue.clear();
                queuedData = 0;
                inFlightData = 0;
            }
            owner.ended(FrameParser.CLOSE_ABNORMAL, "a send failed: " + describe(x), x);
            getEndPoint().close(x);
        }

        @Override
        public InvocationType getInvocationType() {
            // A failure tells the owner, which takes its callback lock: that may wait for a
            // reader, so a write that completes later must not complete on the selector thread.
            return InvocationType.BLOCKING;
        }
    }

    /** Calls onFillable; an own callback so that the invocation type is ours to choose. */
    private final class ReadCallback implements Callback {

        @Override
        public void succeeded() {
            onFillable();
        }

        @Override
        public void failed(Throwable x) {
            onFillInterestedFailed(x);
        }

        @Override
        public InvocationType getInvocationType() {
            // Blocking: the handler runs on a pool thread, not the selector, so a slow handler
            // cannot stall the other connections of the transport.
            return InvocationType.BLOCKING;
        }
    }

    // ---------------------------------------------------------------- encoding

    /** A masked client frame (RFC 6455 5.2/5.3) with a fresh random key, FIN set. */
    static byte[] encode(int opcode, byte[] payload, int offset, int length) {
        return encode(opcode, payload, offset, length, MASKS.nextInt());
    }

    static byte[] encode(int opcode, byte[] payload, int offset, int length, int mask) {
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + 4 + length];
        frame[0] = (byte) (0x80 | opcode);
        if (length < 126) {
            frame[1] = (byte) (0x80 | length);
        } else if (length <= 0xFFFF) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        frame[header] = (byte) (mask >>> 24);
        frame[header + 1] = (byte) (mask >>> 16);
        frame[header + 2] = (byte) (mask >>> 8);
        frame[header + 3] = (byte) mask;
        int start = header + 4;
        for (int i = 0; i < length; i++) {
            frame[start + i] = (byte) (payload[offset + i] ^ frame[header + (i & 3)]);
        }
        return frame;
    }

    /** A close frame; {@code code < 0} for one without a status code. */
    static byte[] closeFrame(int code, String reason) {
        if (code < 0) {
            return encode(FrameParser.OP_CLOSE, new byte[0], 0, 0);
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = text.length;
        if (length > MAX_CLOSE_REASON_BYTES) {
            length = MAX_CLOSE_REASON_BYTES;
            while (length > 0 && (text[length] & 0xC0) == 0x80) {
                length--; // do not cut a UTF-8 sequence in two
            }
        }
        byte[] payload = new byte[2 + length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, length);
        return encode(FrameParser.OP_CLOSE, payload, 0, payload.length);
    }

    static String describe(Throwable failure) {
        Throwable c = failure;
        while (c.getCause() != null && c.getMessage() == null) {
            c = c.getCause();
        }
        String message = c.getMessage();
        return c.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
