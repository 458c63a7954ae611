package org.tradebench.benchmarks;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Baseline: a client on Jetty's standard WebSocket API ({@link WebSocketClient}, a
 * {@link Session.Listener} receiving each message as a {@code String}) that does nothing with the
 * messages but count them: the cost of receiving text the common way, before any JSON is read.
 * It sends {@code conf} when the server greets it and the book subscribe when {@code conf} is
 * answered, as the connector does. Subclasses do something with each message
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
    private HttpClient http;
    private WebSocketClient client;
    private volatile Session session;
    /** Messages received, events included (the reader writes, others read). */
    private volatile int received;
    private boolean subscribed;

    /**
     * @param recording what the server streams
     */
    public StringClient(BitfinexBookRecording recording) {
        super(recording);
        // info, conf, subscribed, then the data frames
        this.expectedMessages = 3 + recording.frameCount();
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
        client.connect(new Endpoint(), server.webSocketUri()).whenComplete((s, x) -> {
            if (x != null) {
                failed(x);
            }
        });
    }

    @Override
    public long progress() {
        return Math.max(0, received - 3);
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
        }

        @Override
        public void onWebSocketText(String text) {
            int n = received + 1;
            received = n;
            if (!subscribed) {
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
