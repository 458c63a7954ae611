package org.tradebench.benchmarks;

import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Baseline: a client on Jetty's standard WebSocket API ({@link WebSocketClient}, a
 * {@link Session.Listener} receiving each message as a {@code String}) that does nothing with the
 * messages but count them: the cost of receiving text the common way, before any JSON is read.
 * It sends {@code conf} when the server greets it and the book subscribe when {@code conf} is
 * answered, as the connector does (Binance: {@code SUBSCRIBE} on open, and the REST depth snapshot
 * fetched once it is answered). Subclasses do something with each message and the snapshot
 * ({@link NaiveClient}).
 *
 * <pre>{@code
 * try (StringClient c = new StringClient(recording)) {
 *     c.start(server);
 *     c.awaitEnd(Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * <p>Its threads are {@code <name>-client-N} (Jetty's pool: selector and readers).
 */
public class StringClient extends BookClient {

    private final int expectedMessages;
    private final int events;
    private final boolean binance;
    private java.net.URI snapshotUri;
    private HttpClient http;
    private WebSocketClient client;
    private volatile Session session;
    /** Messages received, events included (the reader writes, others read). */
    private volatile int received;
    private boolean subscribed;

    /**
     * @param recording what the server streams
     */
    public StringClient(Recording recording) {
        super(recording);
        // Bitfinex: info, conf, subscribed; Binance: the SUBSCRIBE answer; then the data frames
        this.events = eventsBeforeData(recording);
        this.binance = recording.exchange() == Recording.Exchange.BINANCE;
        this.expectedMessages = events + recording.frameCount();
    }

    @Override
    public String name() {
        return "string";
    }

    @Override
    public String description() {
        return "Jetty WebSocketClient, Session.Listener.onWebSocketText(String), receive only";
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
        client = new WebSocketClient(http);
        client.setIdleTimeout(java.time.Duration.ofMinutes(10)); // Jetty's defaults otherwise
        client.start();
        // Not waited for: Jetty may complete the future only after the reader that opened the
        // session has read on for a while (the whole stream, on a fast loopback).
        snapshotUri = depthSnapshotUri(server);
        client.connect(new Endpoint(), webSocketUri(server, recording)).whenComplete((s, x) -> {
            if (x != null) {
                failed(x);
            }
        });
    }

    @Override
    public long progress() {
        return Math.max(0, received - events);
    }

    @Override
    public Verification verification() {
        return null;
    }

    /**
     * What this client does with one message beyond receiving it; nothing here.
     *
     * @param text the message
     */
    protected void onMessage(String text) {
    }

    /**
     * What this client does with Binance's REST depth snapshot; nothing here. On an HTTP client
     * thread, while messages keep coming.
     *
     * @param text the answer
     */
    protected void onSnapshot(String text) {
    }

    private void fetchSnapshot() {
        http.newRequest(snapshotUri).send(new BufferingResponseListener(8 << 20) {
            @Override
            public void onComplete(Result result) {
                if (result.isFailed()) {
                    failed(result.getFailure());
                } else {
                    onSnapshot(getContentAsString());
                }
            }
        });
    }

    @Override
    public void close() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close();
        }
        try {
            if (client != null) {
                client.stop();
            }
            if (http != null) {
                http.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("stopping the " + name() + " client failed", e);
        }
    }

    /** Public: Jetty calls endpoints through public method handles. */
    public final class Endpoint implements Session.Listener.AutoDemanding {
        private Session own;

        @Override
        public void onWebSocketOpen(Session s) {
            own = s;
            session = s;
            if (binance) {
                s.sendText(BinanceDepthRecording.SUBSCRIBE_REQUEST, Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketText(String text) {
            int n = received + 1;
            received = n;
            if (!subscribed && binance) {
                subscribed = true; // the SUBSCRIBE answer
                fetchSnapshot();
            } else if (!subscribed) {
                if (text.startsWith("{\"event\":\"info\"")) {
                    own.sendText(BitfinexBookRecording.CONF_REQUEST, Callback.NOOP);
                } else if (text.startsWith("{\"event\":\"conf\"")) {
                    subscribed = true;
                    own.sendText(BitfinexBookRecording.SUBSCRIBE_REQUEST, Callback.NOOP);
                }
            }
            onMessage(text);
            if (n == expectedMessages) {
                finished(System.nanoTime());
            }
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            failed(cause);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            if (received < expectedMessages) {
                failed(new IllegalStateException("closed by the server (" + statusCode + " " + reason + ") after "
                        + received + " messages"));
            }
            callback.succeed();
        }
    }
}
