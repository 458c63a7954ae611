package org.tradebench.benchmarks;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

/**
 * The transport ceiling: a client on Jetty's websocket-core ({@link WebSocketCoreClient}, a
 * {@link FrameHandler}) that counts frames and does nothing else: no text decoding, no JSON. No
 * client reading this stream through Jetty can be faster; the connector's share of it says what
 * its own work costs. It sends {@code conf} and the subscribe as the other clients do (after the
 * {@code info} and {@code conf} answers, recognised by their first bytes); on Binance it sends
 * {@code SUBSCRIBE} on open and fetches the REST depth snapshot (and drops it) once it is answered.
 *
 * <p>With a paced stream it also notes when each frame reached its handler, for the transport's
 * share of the latency ({@link #samples()}).
 *
 * <pre>{@code
 * try (FrameCountingClient c = new FrameCountingClient(recording)) {
 *     c.start(server);
 *     c.awaitEnd(Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * <p>Its threads are {@code ceiling-client-N}.
 */
public final class FrameCountingClient extends BookClient {

    private final int expectedFrames;
    private final int events;
    private final boolean binance;
    private java.net.URI snapshotUri;
    private final LatencySamples samples;
    private HttpClient http;
    private WebSocketCoreClient client;
    private volatile CoreSession session;
    private volatile int received;
    private boolean subscribed;

    /**
     * @param recording what the server streams
     */
    public FrameCountingClient(Recording recording) {
        super(recording);
        this.events = eventsBeforeData(recording);
        this.binance = recording.exchange() == Recording.Exchange.BINANCE;
        this.expectedFrames = events + recording.frameCount();
        this.samples = new LatencySamples(recording.frameCount());
    }

    @Override
    public String name() {
        return "ceiling";
    }

    @Override
    public String description() {
        return "Jetty websocket-core CoreClientUpgradeRequest + FrameHandler, counts frames";
    }

    @Override
    public String[] threadPrefixes() {
        return new String[] {name() + "-client"};
    }

    @Override
    public void start(BlastServer server) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(32, 2);
        pool.setName(name() + "-client");
        pool.setDaemon(true);
        http = new HttpClient();
        http.setExecutor(pool);
        http.start();
        client = new WebSocketCoreClient(http, null);
        client.start();
        snapshotUri = depthSnapshotUri(server);
        CoreClientUpgradeRequest request = CoreClientUpgradeRequest.from(client, webSocketUri(server, recording),
                new Handler());
        Configuration.ConfigurationCustomizer configuration = new Configuration.ConfigurationCustomizer();
        configuration.setIdleTimeout(java.time.Duration.ofMinutes(10)); // Jetty's defaults otherwise
        request.setConfiguration(configuration);
        // Not waited for (see StringClient): the handler hears the session open.
        client.connect(request).whenComplete((s, x) -> {
            if (x != null) {
                failed(x);
            }
        });
    }

    @Override
    public long progress() {
        return Math.max(0, received - events);
    }

    /** When each data frame reached the handler (frame index, time); read after {@link #awaitEnd}. */
    public LatencySamples samples() {
        return samples;
    }

    @Override
    public Verification verification() {
        return null;
    }

    @Override
    public void close() {
        CoreSession s = session;
        if (s != null && s.isOutputOpen()) {
            s.close(CloseStatus.NORMAL, "done", Callback.NOOP);
        }
        try {
            if (client != null) {
                client.stop();
            }
            if (http != null) {
                http.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("stopping the ceiling client failed", e);
        }
    }

    private final class Handler implements FrameHandler {
        private CoreSession own;

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            own = coreSession;
            session = coreSession;
            callback.succeeded();
            coreSession.demand();
            if (binance) {
                send(BinanceDepthRecording.SUBSCRIBE_REQUEST);
            }
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            // Jetty hands a frame that straddles two reads over in fragments: a message ends at FIN.
            if (frame.isDataFrame() && frame.isFin()) {
                long now = System.nanoTime();
                int n = received + 1;
                received = n;
                if (n > events) {
                    samples.add(n - events - 1, now, 0);
                } else if (binance) {
                    // the SUBSCRIBE answer: the snapshot is fetched and dropped
                    http.newRequest(snapshotUri).send((Response.CompleteListener) r -> {
                        if (r.isFailed()) {
                            failed(r.getFailure());
                        }
                    });
                } else if (!subscribed) {
                    // events are small: never fragmented
                    byte b = frame.getPayload().get(frame.getPayload().position() + 10);
                    // {"event":"info" / {"event":"conf": the 11th byte tells them apart
                    if (b == 'i') {
                        send(BitfinexBookRecording.CONF_REQUEST);
                    } else if (b == 'c') {
                        subscribed = true;
                        send(BitfinexBookRecording.SUBSCRIBE_REQUEST);
                    }
                }
                callback.succeeded();
                if (n == expectedFrames) {
                    finished(now);
                }
            } else {
                callback.succeeded();
            }
            if (frame.getOpCode() != OpCode.CLOSE) {
                own.demand();
            }
        }

        private void send(String text) {
            own.sendFrame(new Frame(OpCode.TEXT, text), Callback.NOOP, false);
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            failed(cause);
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            if (received < expectedFrames) {
                failed(new IllegalStateException("closed (" + closeStatus + ") after " + received + " frames"));
            }
            callback.succeeded();
        }
    }
}
