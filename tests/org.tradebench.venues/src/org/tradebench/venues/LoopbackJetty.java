package org.tradebench.venues;

import java.net.URI;
import java.util.Objects;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A Jetty server bound to 127.0.0.1 on an ephemeral port, with one WebSocket path and an HTTP
 * handler for everything else: the plumbing every protocol simulator shares.
 *
 * <pre>{@code
 * LoopbackJetty jetty = LoopbackJetty.start("bitfinex-sim", "/ws/2", creator, restHandler);
 * URI ws = jetty.webSocketUri();     // ws://127.0.0.1:41234/ws/2
 * URI rest = jetty.httpUri();        // http://127.0.0.1:41234/
 * jetty.close();
 * }</pre>
 *
 * <p>Thread-safe. Jetty's threads are daemon threads named after the simulator.
 */
public final class LoopbackJetty implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final String webSocketPath;

    private LoopbackJetty(Server server, ServerConnector connector, String webSocketPath) {
        this.server = server;
        this.connector = connector;
        this.webSocketPath = webSocketPath;
    }

    /**
     * Starts the server.
     *
     * @param name thread name prefix
     * @param webSocketPath the WebSocket path, for example {@code "/ws/2"}
     * @param creator makes the endpoint of each upgrade (may refuse by writing an error and
     *        returning null)
     * @param http the handler of every other request
     * @return the running server
     * @throws IllegalStateException when Jetty cannot start
     */
    public static LoopbackJetty start(String name, String webSocketPath, WebSocketCreator creator, Handler http) {
        return start(name, webSocketPath, java.util.List.of(webSocketPath), creator, http);
    }

    /**
     * Starts the server with several WebSocket path specs (Jetty's: {@code "/ws/*"} matches
     * {@code /ws} and every path below it), all upgraded by one creator.
     *
     * @param name thread name prefix
     * @param webSocketPath the path {@link #webSocketUri()} names ({@code ""} for none)
     * @param pathSpecs the WebSocket path specs
     * @param creator makes the endpoint of each upgrade (may refuse by writing an error and
     *        returning null)
     * @param http the handler of every other request
     * @return the running server
     * @throws IllegalStateException when Jetty cannot start
     */
    public static LoopbackJetty start(String name, String webSocketPath, java.util.List<String> pathSpecs,
            WebSocketCreator creator, Handler http) {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(http, "http");
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName(name + "-jetty");
        pool.setDaemon(true);
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(1024 * 1024);
            container.setIdleTimeout(java.time.Duration.ofMinutes(10));
            pathSpecs.forEach(spec -> container.addMapping(spec, creator));
        });
        ws.setHandler(http);
        server.setHandler(ws);
        server.setStopTimeout(1000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing; the start failure is what matters
            }
            throw new IllegalStateException("cannot start the " + name + " server on 127.0.0.1: " + e, e);
        }
        return new LoopbackJetty(server, connector, webSocketPath);
    }

    /** The port the server listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code ws://127.0.0.1:PORT/<path>}. */
    public URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + port() + webSocketPath);
    }

    /** {@code http://127.0.0.1:PORT/}, the base for REST paths. */
    public URI httpUri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            if (server.isStopped() || gracefulTimeout(e)) {
                // The graceful part timed out (a client's close handshake still in progress, which
                // takes longer on a loaded machine): Jetty stops everything else regardless, and
                // only then reports the timeout (its state is then FAILED, not STOPPED).
                return;
            }
            throw new IllegalStateException("cannot stop the loopback server: " + e, e);
        }
    }

    private static boolean gracefulTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof java.util.concurrent.TimeoutException) {
                    return true;
                }
            }
        }
        return false;
    }
}
