package org.tradebench.transport;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The Jetty machinery one connector shares between its sockets and REST calls: one
 * {@link HttpClient} (connection pools, TLS), one {@link WebSocketClient} on top of it, their
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
    private final WebSocketClient webSocket;
    private final ScheduledThreadPoolExecutor timer;

    private JettyTransport(String name, HttpClient http, WebSocketClient webSocket,
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
        Objects.requireNonNull(name, "name");
        QueuedThreadPool pool = new QueuedThreadPool(32, 2);
        pool.setName(name + "-jetty");
        pool.setDaemon(true);
        HttpClient http = new HttpClient();
        http.setExecutor(pool);
        http.setName(name + "-http");
        http.setConnectTimeout(10_000);
        http.setFollowRedirects(false);
        WebSocketClient webSocket = new WebSocketClient(http);
        webSocket.setStopAtShutdown(false);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name + "-timer");
            t.setDaemon(true);
            return t;
        });
        // Cancelled reconnect and ping tasks should not pile up in the queue until their time.
        timer.setRemoveOnCancelPolicy(true);
        try {
            http.start();
            webSocket.start();
        } catch (Exception e) {
            timer.shutdownNow();
            stopQuietly(webSocket);
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

    /**
     * The Jetty WebSocket client.
     *
     * @return the running client
     */
    public WebSocketClient webSocketClient() {
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

    private static void stopQuietly(org.eclipse.jetty.util.component.LifeCycle lifeCycle) {
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
