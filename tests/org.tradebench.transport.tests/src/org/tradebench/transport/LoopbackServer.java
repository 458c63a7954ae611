package org.tradebench.transport;

import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A Jetty server on 127.0.0.1 with an ephemeral port for transport tests: WebSocket endpoint
 * {@code /ws} whose behaviour each test sets ({@link #onText}, {@link #dropOnOpen}), and an HTTP
 * handler for the REST tests; plain or TLS. Its threads are named {@code loopback-server-N}.
 */
public final class LoopbackServer implements AutoCloseable {

    final Server server;
    final ServerConnector connector;
    final List<Session> sessions = new CopyOnWriteArrayList<>();
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final AtomicInteger upgrades = new AtomicInteger();
    final List<Long> upgradeTimes = new CopyOnWriteArrayList<>();
    /** What the server does with a text frame; default: echo with an "echo:" prefix. */
    volatile BiConsumer<Session, String> onText = (s, t) -> s.sendText("echo:" + t, Callback.NOOP);
    /** When set, the server drops every session as soon as it opens (no close frame). */
    volatile boolean dropOnOpen;

    private final boolean secure;

    LoopbackServer(Handler http) throws Exception {
        this(http, null);
    }

    /**
     * @param http the HTTP handler behind the WebSocket upgrade; nullable
     * @param tls the server's TLS settings, null for plain {@code ws://}
     */
    LoopbackServer(Handler http, SslContextFactory.Server tls) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(32, 4);
        pool.setName("loopback-server");
        pool.setDaemon(true);
        server = new Server(pool);
        secure = tls != null;
        connector = tls == null ? new ServerConnector(server) : new ServerConnector(server, tls);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> container.addMapping("/ws",
                (request, response, callback) -> {
                    upgradeTimes.add(System.nanoTime());
                    upgrades.incrementAndGet();
                    return new Endpoint();
                }));
        if (http != null) {
            ws.setHandler(http);
        }
        server.setHandler(ws);
        server.start();
    }

    URI webSocketUri() {
        return URI.create((secure ? "wss" : "ws") + "://127.0.0.1:" + connector.getLocalPort() + "/ws");
    }

    URI httpUri(String pathAndQuery) {
        return URI.create((secure ? "https" : "http") + "://127.0.0.1:" + connector.getLocalPort() + pathAndQuery);
    }

    /** Drops every open session without a close frame, as a crashed server or a cut cable would. */
    void dropAll() {
        for (Session s : sessions) {
            s.disconnect();
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Public: Jetty calls endpoints through public method handles. */
    public final class Endpoint implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
            if (dropOnOpen) {
                s.disconnect();
                return;
            }
            sessions.add(s);
        }

        @Override
        public void onWebSocketText(String text) {
            received.add(text);
            onText.accept(session, text);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            sessions.remove(session);
            callback.succeed();
        }
    }
}
