package org.tradebench.venues.bitfinex;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.tradebench.transport.JettyTransport;
import org.tradebench.transport.ReconnectPolicy;
import org.tradebench.transport.ReconnectingWebSocket;
import org.tradebench.transport.WebSocketDisconnect;
import org.tradebench.transport.WebSocketHandler;
import org.tradebench.transport.WebSocketOptions;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A raw Bitfinex client for simulator tests: a {@link ReconnectingWebSocket} whose frames are
 * turned into strings (the bytes are only valid during {@code onFrame}), queued, and parsed with
 * Gson (which keeps each number's wire text).
 */
final class SimClient implements AutoCloseable {

    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final BlockingQueue<WebSocketDisconnect> disconnects = new LinkedBlockingQueue<>();
    final ReconnectingWebSocket socket;
    final List<String> seen = new ArrayList<>();

    SimClient(JettyTransport transport, URI uri) {
        socket = new ReconnectingWebSocket(transport, WebSocketOptions.of(uri).withName("sim-client")
                .withReconnect(new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 2, 0), 1),
                new WebSocketHandler() {
                    @Override
                    public void onOpen(ReconnectingWebSocket s) {
                    }

                    @Override
                    public void onFrame(ReconnectingWebSocket s, byte[] buffer, int offset, int length,
                            long receivedNanos) {
                        frames.add(new String(buffer, offset, length, StandardCharsets.UTF_8));
                    }

                    @Override
                    public void onDisconnect(ReconnectingWebSocket s, WebSocketDisconnect d) {
                        disconnects.add(d);
                    }
                });
        socket.start();
    }

    void send(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!socket.send(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not connected");
            }
            Thread.sleep(5);
        }
    }

    String nextText() throws InterruptedException {
        String t = frames.poll(5, TimeUnit.SECONDS);
        if (t == null) {
            throw new AssertionError("no frame within 5 s; seen so far: " + tail());
        }
        seen.add(t);
        return t;
    }

    private String tail() {
        return seen.subList(Math.max(0, seen.size() - 5), seen.size()).toString();
    }

    /** Skips frames until one is exactly {@code text} (which need not be JSON). */
    void untilText(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String t = frames.poll(100, TimeUnit.MILLISECONDS);
            if (t != null) {
                seen.add(t);
                if (t.equals(text)) {
                    return;
                }
            }
        }
        throw new AssertionError("timed out waiting for " + text + "; last frames: " + tail());
    }

    JsonElement next() throws InterruptedException {
        return JsonParser.parseString(nextText());
    }

    /** Skips frames until one matches; fails after 5 s. */
    JsonElement until(Predicate<JsonElement> match, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String t = frames.poll(100, TimeUnit.MILLISECONDS);
            if (t == null) {
                continue;
            }
            seen.add(t);
            JsonElement e = JsonParser.parseString(t);
            if (match.test(e)) {
                return e;
            }
        }
        throw new AssertionError("timed out waiting for " + what + "; last frames: " + tail());
    }

    JsonObject event(String name) throws InterruptedException {
        return until(e -> e.isJsonObject() && name.equals(str(e.getAsJsonObject(), "event")), "event " + name)
                .getAsJsonObject();
    }

    JsonArray data(int chanId, String type) throws InterruptedException {
        return until(e -> e.isJsonArray() && e.getAsJsonArray().get(0).getAsInt() == chanId
                && (type == null ? !e.getAsJsonArray().get(1).isJsonPrimitive()
                        : e.getAsJsonArray().get(1).isJsonPrimitive()
                                && e.getAsJsonArray().get(1).getAsString().equals(type)),
                "[" + chanId + "," + type + "]").getAsJsonArray();
    }

    /** Sends a ping and returns every frame before the pong (everything the server sent before it). */
    List<JsonElement> drain(long cid) throws InterruptedException {
        send("{\"event\":\"ping\",\"cid\":" + cid + "}");
        List<JsonElement> out = new ArrayList<>();
        while (true) {
            JsonElement e = next();
            if (e.isJsonObject() && "pong".equals(str(e.getAsJsonObject(), "event"))
                    && e.getAsJsonObject().get("cid").getAsLong() == cid) {
                return out;
            }
            out.add(e);
        }
    }

    static String str(JsonObject o, String name) {
        return o.has(name) && !o.get(name).isJsonNull() ? o.get(name).getAsString() : null;
    }

    int subscribe(String json) throws InterruptedException {
        send(json);
        JsonObject e = until(x -> x.isJsonObject() && ("subscribed".equals(str(x.getAsJsonObject(), "event"))
                || "error".equals(str(x.getAsJsonObject(), "event"))), "subscribed").getAsJsonObject();
        if (!"subscribed".equals(str(e, "event"))) {
            throw new AssertionError("subscribe failed: " + e);
        }
        return e.get("chanId").getAsInt();
    }

    @Override
    public void close() {
        socket.close();
    }
}
