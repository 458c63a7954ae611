package org.tradebench.connector.binance.tests.e2e;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Session;
import org.tradebench.venues.LoopbackJetty;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A small Binance stream endpoint and REST host on loopback for the connector's end-to-end tests
 * until the protocol simulator of {@code org.tradebench.venues} serves Binance: combined streams at
 * {@code /stream} with live SUBSCRIBE/UNSUBSCRIBE answered by id (a refused symbol gets Binance's
 * error shape), frames pushed by the test, and REST answers the test supplies per path. It
 * records what the connector sent and when, so tests can check the message pacing.
 */
public final class StreamServer implements AutoCloseable {

    /** One client connection. */
    public static final class Conn implements Session.Listener.AutoDemanding {
        final StreamServer server;
        final int id;
        volatile Session session;
        final Set<String> streams = ConcurrentHashMap.newKeySet();
        final List<Long> messageNanos = new CopyOnWriteArrayList<>();
        final List<String> messages = new CopyOnWriteArrayList<>();
        final AtomicInteger pongs = new AtomicInteger();
        volatile boolean closed;

        Conn(StreamServer server, int id) {
            this.server = server;
            this.id = id;
        }

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String text) {
            messageNanos.add(System.nanoTime());
            messages.add(text);
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            String method = o.get("method").getAsString();
            long id = o.get("id").getAsLong();
            JsonArray params = o.getAsJsonArray("params");
            for (JsonElement p : params) {
                String stream = p.getAsString();
                if (method.equals("SUBSCRIBE") && server.refused.stream().anyMatch(stream::startsWith)) {
                    send("{\"code\":2,\"msg\":\"Invalid request: unknown symbol " + stream + "\",\"id\":" + id + "}");
                    return;
                }
            }
            for (JsonElement p : params) {
                if (method.equals("SUBSCRIBE")) {
                    streams.add(p.getAsString());
                } else {
                    streams.remove(p.getAsString());
                }
            }
            send("{\"result\":null,\"id\":" + id + "}");
        }

        @Override
        public void onWebSocketPong(ByteBuffer payload) {
            pongs.incrementAndGet();
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
            closed = true;
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            closed = true;
        }

        void send(String text) {
            Session s = session;
            if (s != null && s.isOpen()) {
                s.sendText(text, org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }

        void ping() {
            session.sendPing(ByteBuffer.wrap(new byte[] {1, 2, 3}), org.eclipse.jetty.websocket.api.Callback.NOOP);
        }

        boolean open() {
            Session s = session;
            return s != null && s.isOpen() && !closed;
        }
    }

    final List<Conn> conns = new CopyOnWriteArrayList<>();
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    volatile boolean refuseUpgrades;
    final Map<String, Function<Map<String, String>, String>> rest = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> restCalls = new ConcurrentHashMap<>();
    private final LoopbackJetty jetty;

    StreamServer() {
        this.jetty = LoopbackJetty.start("binance-test", "/stream", (req, resp, cb) -> {
            if (refuseUpgrades) {
                Response.writeError(req, resp, cb, 503, "the test refuses connections");
                return null;
            }
            Conn c = new Conn(this, conns.size());
            conns.add(c);
            return c;
        }, new Rest());
    }

    String wsUrl() {
        return jetty.webSocketUri().toString();
    }

    String restUrl() {
        return "http://127.0.0.1:" + jetty.port();
    }

    /** The open connections subscribed to a stream. */
    List<Conn> subscribers(String stream) {
        List<Conn> l = new ArrayList<>();
        for (Conn c : conns) {
            if (c.open() && c.streams.contains(stream)) {
                l.add(c);
            }
        }
        return l;
    }

    /** Pushes {@code {"stream":..,"data":..}} to every open connection subscribed to the stream. */
    void push(String stream, String data) {
        for (Conn c : subscribers(stream)) {
            c.send("{\"stream\":\"" + stream + "\",\"data\":" + data + "}");
        }
    }

    /** Drops every connection without a close frame. */
    void dropAll() {
        for (Conn c : conns) {
            Session s = c.session;
            if (s != null) {
                s.disconnect();
            }
        }
    }

    int calls(String path) {
        AtomicInteger n = restCalls.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        jetty.close();
    }

    private final class Rest extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            Fields query = Request.extractQueryParameters(request);
            Map<String, String> params = new HashMap<>();
            query.forEach(f -> params.put(f.getName(), f.getValue()));
            restCalls.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            Function<Map<String, String>, String> answer = rest.get(path);
            String body = answer == null ? null : answer.apply(params);
            response.setStatus(body == null ? 404 : 200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            Content.Sink.write(response, true, body == null ? "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}" : body,
                    callback);
            return true;
        }
    }
}
