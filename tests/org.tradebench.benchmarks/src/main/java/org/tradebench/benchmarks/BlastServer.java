package org.tradebench.benchmarks;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * A loopback stand-in for Bitfinex and Binance that blasts a {@link Recording} at whoever subscribes
 * its book: a Jetty 12.1 server on {@code 127.0.0.1} with websocket-core endpoints at {@code /ws/2}
 * (Bitfinex), {@code /stream} (Binance combined streams) and {@code /ws-api/v3} (Binance's WebSocket
 * API, {@link BinanceOrderEntry}), and the REST answers the connectors ask for at start
 * ({@code /v2/...}, {@code /api/v3/...}).
 *
 * <p>Per Bitfinex connection it plays the Bitfinex handshake: {@code info} on open, {@code conf}
 * answered OK, the book {@code subscribe} answered with {@code subscribed}; then the recorded frames
 * follow, snapshot first. Per Binance connection: the {@code SUBSCRIBE} is answered
 * ({@code {"result":null,"id":N}}), the recording's first diffs ({@link Recording#firstTimedFrame()})
 * are written at once, {@code GET /api/v3/depth} is answered with the recording's snapshot, and once
 * that answer is written the rest of the diffs follow (the timed stream). A {@code SUBSCRIBE} of
 * other streams is answered, with one book ticker event when it asks for {@code @bookTicker}. They are written as pre-encoded WebSocket bytes straight to the
 * connection's endpoint (Jetty's frame flusher is idle by then: it has flushed the events), in
 * 64 KiB writes, so the server costs a memory copy per byte and nothing per frame: the clients,
 * not the server, set the pace. While the recording streams, nothing else is written on that
 * connection (pings are not answered).
 *
 * <p>{@link #expect} says what and how the next subscription streams: as fast as the socket takes
 * ({@link Pacing#blast()}) or at a fixed rate ({@link Pacing#rate(int)}: a pacing thread writes, at
 * each wake-up, the frames due by then, and records when each frame went out).
 *
 * <pre>{@code
 * try (BlastServer server = new BlastServer(recording)) {
 *     BlastServer.Stream stream = server.expect(recording, BlastServer.Pacing.blast());
 *     client.connect(server.webSocketUri());     // conf, subscribe ...
 *     stream.awaitDone(Duration.ofMinutes(1));
 *     long firstByteNanos = stream.startNanos();
 * }
 * }</pre>
 *
 * <p>Thread-safe. Its threads are named {@code blast-server-N} and {@code blast-pacer}.
 */
public final class BlastServer implements AutoCloseable {

    /** The bytes one blast write hands to the endpoint. */
    static final int CHUNK_BYTES = 64 * 1024;

    /** The platform status answer. */
    static final String PLATFORM_STATUS = "[1]";

    /** Binance's answer to {@code GET /api/v3/time} is made per call; exchangeInfo is fixed. */
    static final String BINANCE_EXCHANGE_INFO = BinanceOrderEntry.exchangeInfo();

    /** A Binance book ticker for {@code BTCUSDT} (the order gateway's price). */
    static final String BOOK_TICKER = "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":400900217,\"s\":\"BTCUSDT\","
            + "\"b\":\"103949.99000000\",\"B\":\"1.50000000\",\"a\":\"103950.01000000\",\"A\":\"2.00000000\"}}";

    /** The configuration answer: spot pairs, futures pairs, pair info, futures info. */
    static final String PAIRS = "[[\"" + BitfinexBookRecording.SYMBOL.substring(1) + "\"],[],[],[]]";

    /** How a subscription streams the recording. */
    public record Pacing(int messagesPerSecond) {

        /** Validates. */
        public Pacing {
            if (messagesPerSecond < 0) {
                throw new IllegalArgumentException("messagesPerSecond must be >= 0 (0 = blast), was "
                        + messagesPerSecond);
            }
        }

        /**
         * As fast as the socket takes.
         *
         * @return the pacing
         */
        public static Pacing blast() {
            return new Pacing(0);
        }

        /**
         * A fixed rate.
         *
         * @param messagesPerSecond frames per second, &gt; 0
         * @return the pacing
         */
        public static Pacing rate(int messagesPerSecond) {
            if (messagesPerSecond <= 0) {
                throw new IllegalArgumentException("a paced stream needs a rate > 0, was " + messagesPerSecond);
            }
            return new Pacing(messagesPerSecond);
        }

        /** Whether it is a blast. */
        public boolean isBlast() {
            return messagesPerSecond == 0;
        }

        @Override
        public String toString() {
            return isBlast() ? "blast" : String.format("%,d msgs/s", messagesPerSecond);
        }
    }

    /** One streaming of a recording to one subscriber: when it started, ended, each frame went out. */
    public static final class Stream {
        private final Recording recording;
        private final Pacing pacing;
        private final long[] sendNanos;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile long startNanos;
        private volatile long endNanos;
        private volatile Throwable failure;

        Stream(Recording recording, Pacing pacing) {
            this.recording = recording;
            this.pacing = pacing;
            this.sendNanos = pacing.isBlast() ? null : new long[recording.frameCount()];
        }

        /** What it streams. */
        public Recording recording() {
            return recording;
        }

        /** How it streams. */
        public Pacing pacing() {
            return pacing;
        }

        /**
         * {@link System#nanoTime()} just before the first byte of the timed stream (frame
         * {@link Recording#firstTimedFrame()}) was written; 0 before.
         */
        public long startNanos() {
            return startNanos;
        }

        /** {@link System#nanoTime()} when the last write completed; 0 before. */
        public long endNanos() {
            return endNanos;
        }

        /**
         * When frame {@code i} was handed to the socket ({@link System#nanoTime()}); paced streams
         * only. Read after {@link #awaitDone}.
         *
         * @param i the frame index
         * @return nanos
         */
        public long sendNanos(int i) {
            if (sendNanos == null) {
                throw new IllegalStateException("a blast records no send time per frame");
            }
            return sendNanos[i];
        }

        /** Why the stream broke off, or null. */
        public Throwable failure() {
            return failure;
        }

        /**
         * Waits until every frame was written (or the stream failed).
         *
         * @param timeout how long at most
         * @return true when done
         * @throws InterruptedException when interrupted
         */
        public boolean awaitDone(java.time.Duration timeout) throws InterruptedException {
            return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        void finished(Throwable x) {
            endNanos = System.nanoTime();
            failure = x;
            done.countDown();
        }
    }

    private final Recording fallback;
    private final Server server;
    private final ServerConnector connector;
    private final AtomicReference<Stream> next = new AtomicReference<>();
    /** The Binance connection whose stream waits for its depth snapshot to be fetched. */
    private final AtomicReference<BinanceConnection> awaitingSnapshot = new AtomicReference<>();
    private final BinanceOrderEntry orderEntry = new BinanceOrderEntry();

    /**
     * Starts the server on an ephemeral port.
     *
     * @param fallback what a subscription streams when nothing was {@link #expect expected}
     * @throws Exception when Jetty does not start
     */
    public BlastServer(Recording fallback) throws Exception {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("blast-server");
        pool.setDaemon(true);
        server = new Server(pool);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = new WebSocketUpgradeHandler();
        ws.addMapping("/ws/2", (request, response, callback) -> new Connection());
        ws.addMapping("/stream", (request, response, callback) -> new BinanceConnection());
        ws.addMapping("/ws-api/v3", (request, response, callback) -> orderEntry.new Connection());
        ws.getConfiguration().setIdleTimeout(java.time.Duration.ofMinutes(10));
        ws.setHandler(new Rest());
        server.setHandler(ws);
        server.start();
    }

    /** The WebSocket address, {@code ws://127.0.0.1:PORT/ws/2}. */
    public URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/ws/2");
    }

    /** The REST base, {@code http://127.0.0.1:PORT/v2/}. */
    public URI restUri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/v2/");
    }

    /** Binance's combined-stream address, {@code ws://127.0.0.1:PORT/stream}. */
    public URI binanceStreamUri() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/stream");
    }

    /** Binance's REST host, {@code http://127.0.0.1:PORT} (paths {@code /api/v3/...}). */
    public URI binanceRestUri() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    /** Binance's WebSocket API, {@code ws://127.0.0.1:PORT/ws-api/v3}. */
    public URI binanceOrderEntryUri() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/ws-api/v3");
    }

    /** The WebSocket API's state: orders answered, signatures checked. */
    public BinanceOrderEntry orderEntry() {
        return orderEntry;
    }

    /**
     * Says what the next book subscription streams, and how (a subscription with nothing expected
     * blasts the fallback recording).
     *
     * @param recording what to stream
     * @param pacing blast or a rate
     * @return the stream, filled in as it goes
     */
    public Stream expect(Recording recording, Pacing pacing) {
        Stream s = new Stream(Objects.requireNonNull(recording, "recording"), Objects.requireNonNull(pacing, "pacing"));
        next.set(s);
        return s;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** The REST answers the connectors need at start, and Binance's depth snapshot; everything else is 404. */
    private final class Rest extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = request.getHttpURI().getPath();
            String body;
            if (path.equals("/api/v3/depth")) {
                depth(response, callback);
                return true;
            }
            if (path.equals("/v2/platform/status")) {
                body = PLATFORM_STATUS;
            } else if (path.startsWith("/v2/conf/")) {
                body = PAIRS;
            } else if (path.equals("/api/v3/exchangeInfo")) {
                body = BINANCE_EXCHANGE_INFO;
            } else if (path.equals("/api/v3/time")) {
                body = "{\"serverTime\":" + System.currentTimeMillis() + "}";
            } else if (path.equals("/api/v3/account")) {
                body = BinanceOrderEntry.ACCOUNT;
            } else if (path.equals("/api/v3/openOrders")) {
                body = "[]";
            } else {
                response.setStatus(HttpStatus.NOT_FOUND_404);
                body = "[\"error\",10020,\"not served by the benchmark server\"]";
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    /**
     * {@code GET /api/v3/depth}: the snapshot of the stream that waits for it (the blast follows
     * once it is written), else of the fallback recording.
     */
    private void depth(Response response, Callback callback) {
        BinanceConnection waiting = awaitingSnapshot.getAndSet(null);
        Recording r = waiting != null ? waiting.stream.recording() : fallback;
        String body = r instanceof BinanceDepthRecording b ? b.snapshotJson(BinanceDepthRecording.DEPTH_LIMIT)
                : "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), Callback.from(() -> {
            callback.succeeded();
            if (waiting != null) {
                waiting.snapshotServed();
            }
        }, callback::failed));
    }

    /**
     * One Binance combined-stream connection: {@code SUBSCRIBE} answered, the first diffs written,
     * the rest once the snapshot was served. Pings are not answered while the recording streams.
     */
    private final class BinanceConnection implements FrameHandler {
        private CoreSession session;
        private Stream stream;
        private EndPoint endPoint;
        private boolean preludeWritten;
        private boolean snapshotServed;
        private boolean started;

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            session = coreSession;
            callback.succeeded();
            coreSession.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            if (frame.getOpCode() == OpCode.TEXT && stream == null) {
                String text = frame.getPayloadAsUTF8();
                if (text.contains("\"method\":\"SUBSCRIBE\"") && !text.contains("@depth")) {
                    // other streams (the order gateway's ticker and trades): answered, and a book
                    // ticker event for a price; nothing else is sent on them
                    String id = text.replaceAll(".*\"id\":\\s*(\\d+).*", "$1");
                    session.sendFrame(new Frame(OpCode.TEXT, "{\"result\":null,\"id\":" + id + "}"), Callback.NOOP,
                            false);
                    if (text.contains("@bookTicker")) {
                        session.sendFrame(new Frame(OpCode.TEXT, BOOK_TICKER), Callback.NOOP, false);
                    }
                } else if (text.contains("\"method\":\"SUBSCRIBE\"")) {
                    String id = text.replaceAll(".*\"id\":\\s*(\\d+).*", "$1");
                    Stream expected = next.getAndSet(null);
                    Stream s = expected != null ? expected : new Stream(fallback, Pacing.blast());
                    if (!(s.recording() instanceof BinanceDepthRecording)) {
                        s.finished(new IllegalStateException("a Binance subscription, but the expected recording is "
                                + s.recording().exchange()));
                    } else {
                        subscribed(s, id);
                    }
                }
            }
            callback.succeeded();
            if (frame.getOpCode() != OpCode.CLOSE) {
                session.demand();
            }
        }

        private void subscribed(Stream s, String id) {
            stream = s;
            endPoint = ((WebSocketCoreSession) session).getConnection().getEndPoint();
            awaitingSnapshot.set(this);
            session.sendFrame(new Frame(OpCode.TEXT, "{\"result\":null,\"id\":" + id + "}"), Callback.NOOP, false);
            Recording r = s.recording();
            ByteBuffer prelude = ByteBuffer.wrap(r.wire(), r.frameStart(0), r.frameEnd(r.firstTimedFrame() - 1)
                    - r.frameStart(0));
            session.flush(Callback.from(() -> endPoint.write(Callback.from(() -> {
                synchronized (this) {
                    preludeWritten = true;
                }
                maybeStart();
            }, s::finished), prelude), s::finished));
        }

        void snapshotServed() {
            synchronized (this) {
                snapshotServed = true;
            }
            maybeStart();
        }

        private void maybeStart() {
            synchronized (this) {
                if (!preludeWritten || !snapshotServed || started) {
                    return;
                }
                started = true;
            }
            stream(endPoint, stream);
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            callback.succeeded();
        }
    }

    /** Streams a recording from its first timed frame, blast or paced. */
    private static void stream(EndPoint endPoint, Stream s) {
        if (s.pacing().isBlast()) {
            new Blast(endPoint, s).iterate();
        } else {
            Thread t = new Thread(() -> pace(endPoint, s), "blast-pacer");
            t.setDaemon(true);
            t.start();
        }
    }

    /** One Bitfinex client connection: the handshake, then the recording. */
    private final class Connection implements FrameHandler {
        private CoreSession session;
        private volatile boolean streaming;

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            session = coreSession;
            send(BitfinexBookRecording.INFO);
            callback.succeeded();
            coreSession.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            if (frame.getOpCode() == OpCode.TEXT) {
                String text = frame.getPayloadAsUTF8();
                if (!streaming) {
                    answer(text);
                }
            }
            callback.succeeded();
            if (frame.getOpCode() != OpCode.CLOSE) {
                session.demand();
            }
        }

        private void answer(String text) {
            if (text.contains("\"event\":\"conf\"")) {
                send(BitfinexBookRecording.CONF_OK);
            } else if (text.contains("\"event\":\"subscribe\"") && text.contains("\"channel\":\"book\"")) {
                streaming = true;
                Stream stream = next.getAndSet(null);
                Stream s = stream != null ? stream : new Stream(fallback, Pacing.blast());
                send(BitfinexBookRecording.SUBSCRIBED);
                // Once the events are flushed Jetty writes nothing more on its own: the recording
                // goes straight to the endpoint.
                session.flush(Callback.from(() -> start(s), x -> s.finished(x)));
            } else if (text.contains("\"event\":\"ping\"")) {
                String cid = text.replaceAll(".*\"cid\":(\\d+).*", "$1");
                send("{\"event\":\"pong\",\"ts\":" + System.currentTimeMillis() + ",\"cid\":" + cid + "}");
            }
        }

        private void send(String text) {
            session.sendFrame(new Frame(OpCode.TEXT, text), Callback.NOOP, false);
        }

        private void start(Stream s) {
            stream(((WebSocketCoreSession) session).getConnection().getEndPoint(), s);
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            callback.succeeded();
        }
    }

    /** Writes the recording in 64 KiB pieces, each as soon as the previous one is written. */
    private static final class Blast extends IteratingCallback {
        private final EndPoint endPoint;
        private final Stream stream;
        private final ByteBuffer buffer;
        private int position;
        private final int end;

        Blast(EndPoint endPoint, Stream stream) {
            Recording r = stream.recording();
            this.endPoint = endPoint;
            this.stream = stream;
            this.buffer = ByteBuffer.wrap(r.wire());
            this.position = r.frameStart(r.firstTimedFrame());
            this.end = r.frameEnd(r.frameCount() - 1);
        }

        @Override
        protected Action process() {
            if (position >= end) {
                return Action.SUCCEEDED;
            }
            int limit = Math.min(end, position + CHUNK_BYTES);
            buffer.limit(limit).position(position);
            position = limit;
            if (stream.startNanos == 0) {
                stream.startNanos = System.nanoTime();
            }
            endPoint.write(this, buffer);
            return Action.SCHEDULED;
        }

        @Override
        protected void onCompleteSuccess() {
            stream.finished(null);
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            stream.finished(cause);
        }
    }

    /**
     * Writes the frames due at each wake-up: frame {@code i} is due at {@code start + i / rate}.
     * The thread sleeps between wake-ups (a spinning writer would take a core from the client on a
     * small machine), so frames leave in small bursts, as an exchange's do.
     */
    private static void pace(EndPoint endPoint, Stream s) {
        Recording r = s.recording();
        int frames = r.frameCount();
        int first = r.firstTimedFrame();
        long interval = 1_000_000_000L / s.pacing().messagesPerSecond();
        ByteBuffer buffer = ByteBuffer.wrap(r.wire());
        BlockingWrite write = new BlockingWrite();
        long start = System.nanoTime();
        s.startNanos = start;
        int next = first;
        try {
            while (next < frames) {
                long now = System.nanoTime();
                int due = (int) Math.min(frames, first + (now - start) / interval + 1);
                if (due <= next) {
                    LockSupport.parkNanos(start + (next - first) * interval - now);
                    continue;
                }
                for (int i = next; i < due; i++) {
                    s.sendNanos[i] = now;
                }
                buffer.limit(r.frameEnd(due - 1)).position(r.frameStart(next));
                write.write(endPoint, buffer);
                next = due;
            }
            s.finished(null);
        } catch (Throwable x) {
            s.finished(x);
        }
    }

    /** Writes and waits, allocating nothing per write. One writer thread. */
    private static final class BlockingWrite implements Callback {
        private volatile Thread waiter;
        private volatile boolean done;
        private volatile Throwable failure;

        void write(EndPoint endPoint, ByteBuffer buffer) throws Exception {
            done = false;
            waiter = Thread.currentThread();
            endPoint.write(this, buffer);
            while (!done) {
                LockSupport.park(this);
            }
            if (failure != null) {
                throw new java.io.IOException("write failed", failure);
            }
        }

        @Override
        public void succeeded() {
            done = true;
            LockSupport.unpark(waiter);
        }

        @Override
        public void failed(Throwable x) {
            failure = x;
            done = true;
            LockSupport.unpark(waiter);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    }
}
