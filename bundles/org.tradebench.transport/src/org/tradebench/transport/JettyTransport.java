package org.tradebench.transport;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.ssl.SslClientConnectionFactory;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

/**
 * The Jetty machinery one connector shares between its sockets and REST calls: one
 * {@link HttpClient} (connection pools, TLS; it also sends the WebSocket upgrade requests), its
 * thread pool ({@code <name>-jetty-N}, daemon threads) and one timer thread ({@code <name>-timer})
 * for reconnect delays, pings, watchdogs and rate-limited sends.
 *
 * <pre>{@code
 * try (JettyTransport transport = JettyTransport.start("bitfinex")) {
 *     ReconnectingWebSocket ws = new ReconnectingWebSocket(transport, WebSocketOptions.of(uri), handler);
 *     ws.start();
 *     HttpJsonClient rest = new HttpJsonClient(transport, Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing stops the clients (open sockets are closed, pending requests fail) and
 * the timer; sockets and clients made from a closed transport do not work.
 */
public final class JettyTransport implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JettyTransport.class.getName());

    private final String name;
    private final HttpClient http;
    private final WebSocketCoreClient webSocket;
    private final ScheduledThreadPoolExecutor timer;

    private JettyTransport(String name, HttpClient http, WebSocketCoreClient webSocket,
            ScheduledThreadPoolExecutor timer) {
        this.name = name;
        this.http = http;
        this.webSocket = webSocket;
        this.timer = timer;
    }

    /**
     * Starts the clients and the timer.
     *
     * @param name a short name for thread names and log messages, for example {@code "bitfinex"}
     * @return the running transport
     * @throws IllegalStateException when Jetty cannot start (the cause says why)
     */
    public static JettyTransport start(String name) {
        return start(name, null);
    }

    /**
     * Starts the clients with the given TLS configuration: for tests against a loopback server
     * with a self-signed certificate (production uses the JVM's trust store).
     *
     * @param name as for {@link #start(String)}
     * @param tls the client TLS settings; null for Jetty's defaults
     * @return the running transport
     */
    static JettyTransport start(String name, SslContextFactory.Client tls) {
        Objects.requireNonNull(name, "name");
        QueuedThreadPool pool = new QueuedThreadPool(32, 2);
        pool.setName(name + "-jetty");
        pool.setDaemon(true);
        HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(new HeapTlsConnector()));
        http.setExecutor(pool);
        http.setName(name + "-http");
        http.setConnectTimeout(10_000);
        http.setFollowRedirects(false);
        if (tls != null) {
            http.setSslContextFactory(tls);
        }
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name + "-timer");
            t.setDaemon(true);
            return t;
        });
        // Cancelled reconnect and ping tasks should not pile up in the queue until their time.
        timer.setRemoveOnCancelPolicy(true);
        WebSocketCoreClient webSocket = null;
        try {
            http.start();
            // Made after the HttpClient started, so that it shares the client's executor and
            // buffer pool and does not manage (stop) the client. Only its HttpClient and the
            // upgrade machinery are used: frames are read by FrameConnection.
            webSocket = new WebSocketCoreClient(http, null);
            webSocket.start();
        } catch (Exception e) {
            timer.shutdownNow();
            if (webSocket != null) {
                stopQuietly(webSocket);
            }
            stopQuietly(http);
            throw new IllegalStateException("cannot start the Jetty clients for " + name + ": " + e, e);
        }
        return new JettyTransport(name, http, webSocket, timer);
    }

    /** The name given at start. */
    public String name() {
        return name;
    }

    /**
     * The Jetty HTTP client, for connectors that need more than {@link HttpJsonClient} offers.
     *
     * @return the running client
     */
    public HttpClient httpClient() {
        return http;
    }

    /** The client that upgrades HTTP connections to WebSocket, for {@link ReconnectingWebSocket}. */
    WebSocketCoreClient webSocketCoreClient() {
        return webSocket;
    }

    /**
     * The timer thread. Tasks must be short: every socket of the connector shares it.
     *
     * @return the scheduler
     */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return timer.isShutdown();
    }

    @Override
    public void close() {
        if (timer.isShutdown()) {
            return;
        }
        timer.shutdownNow();
        stopQuietly(webSocket);
        stopQuietly(http);
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Jetty's connector, but TLS decrypts and encrypts in heap buffers: the JDK's AES-GCM makes
     * about twice the garbage per TLS record on direct buffers (measured with JDK 25: about 3.6 KB
     * per record on direct buffers, 1.7 KB on heap ones), and every record of a busy stream pays
     * it. Plain connections are unaffected.
     */
    private static final class HeapTlsConnector extends ClientConnector {
        @Override
        public ClientConnectionFactory newSslClientConnectionFactory(SslContextFactory.Client sslContextFactory,
                ClientConnectionFactory next) {
            ClientConnectionFactory factory = super.newSslClientConnectionFactory(sslContextFactory, next);
            if (factory instanceof SslClientConnectionFactory ssl) {
                ssl.setDirectBuffersForDecryption(false);
                ssl.setDirectBuffersForEncryption(false);
            }
            return factory;
        }
    }

    private static void stopQuietly(LifeCycle lifeCycle) {
        try {
            lifeCycle.stop();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "stopping " + lifeCycle + " failed", e);
        }
    }

    @Override
    public String toString() {
        return "JettyTransport[" + name + (isClosed() ? ", closed" : "") + "]";
    }
}
