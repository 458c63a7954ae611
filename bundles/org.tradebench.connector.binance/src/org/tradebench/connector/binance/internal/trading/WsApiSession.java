package org.tradebench.connector.binance.internal.trading;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.tradebench.api.credentials.KeyType;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.limits.RateLimitTracker;
import org.tradebench.connector.support.rpc.RequestCorrelator;
import org.tradebench.connector.support.sign.ParameterSigning;
import org.tradebench.connector.support.sign.Signer;
import org.tradebench.connector.support.time.ServerClock;
import org.tradebench.transport.JettyTransport;
import org.tradebench.transport.PingMode;
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
 * One connection to Binance's WebSocket API ({@code /ws-api/v3}, {@code /ws-fapi/v1}): requests
 * {@code {"id","method","params"}} signed with {@link ParameterSigning#webSocketPayload} (HMAC keys:
 * every signed request carries apiKey, timestamp and signature; Ed25519 keys: one
 * {@code session.logon} per connection, then requests carry only a timestamp), answers correlated
 * by id ({@link RequestCorrelator}), {@code rateLimits} counted ({@link RateLimitTracker}), user data
 * events ({@code {"subscriptionId","event"}}) handed on. A drop completes every waiting request with
 * {@link Reply#dropped}: the caller looks the order up, it never sends it again blindly.
 *
 * <p>Requests are made on the runtime's control thread (runtime lock held); replies complete on the
 * delivery thread.
 */
public final class WsApiSession implements WebSocketHandler {

    /**
     * An answer.
     *
     * @param status the answer's status (200 ok, 4xx refused), 0 when none came
     * @param result the result (object or array), or null
     * @param error Binance's {@code {"code","msg"}}, or null
     * @param failure no answer: dropped or timed out, or null
     */
    public record Reply(int status, JsonElement result, JsonObject error, String failure) {
        /** Whether Binance accepted the request. */
        public boolean ok() {
            return error == null && failure == null;
        }

        /** Whether the request may or may not have reached Binance: look it up. */
        public boolean unknown() {
            return failure != null;
        }

        /** Binance's code or 0. */
        public int code() {
            return error != null && error.has("code") ? error.get("code").getAsInt() : 0;
        }

        /** No answer: the connection dropped or closed before one came. */
        public static Reply dropped(String why) {
            return new Reply(0, null, null, why);
        }
    }

    private final String name;
    private final ConnectorRuntime runtime;
    private final HealthModel.Session health;
    private final Signer signer;
    private final ServerClock clock;
    private final RateLimitTracker limits;
    private final Duration recvWindow;
    private final Duration replyTimeout;
    private final RequestCorrelator<Reply> replies;
    private final ReconnectingWebSocket socket;
    private Consumer<JsonObject> onEvent = e -> {
    };
    private Runnable onReady = () -> {
    };
    private Consumer<String> onDown = s -> {
    };
    private long nextId;
    private boolean ready;
    private boolean closed;
    private volatile long lastSendNanos;

    /**
     * Creates the session; {@link #start()} connects.
     *
     * @param name for threads and health, for example {@code binance order entry}
     * @param options the address and timings ({@link WebSocketOptions#withAuthenticated()} is added)
     * @param transport the Jetty clients
     * @param runtime the connector's runtime
     * @param health the session's health
     * @param signer the keys
     * @param clock the server clock (timestamps)
     * @param limits the rate limits (the answers' {@code rateLimits})
     * @param recvWindow Binance's {@code recvWindow}
     * @param replyTimeout how long a request waits
     */
    public WsApiSession(String name, WebSocketOptions options, JettyTransport transport, ConnectorRuntime runtime,
            HealthModel.Session health, Signer signer, ServerClock clock, RateLimitTracker limits, Duration recvWindow,
            Duration replyTimeout) {
        this.name = name;
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.health = health;
        this.signer = signer;
        this.clock = clock;
        this.limits = limits;
        this.recvWindow = recvWindow;
        this.replyTimeout = replyTimeout;
        this.replies = new RequestCorrelator<>(runtime, name);
        this.socket = new ReconnectingWebSocket(transport, options.withName(name).withAuthenticated(), this);
    }

    /**
     * The standard options of a WebSocket API connection.
     *
     * @param options the address
     * @param reconnect first reconnect delay
     * @param reconnectMax longest reconnect delay
     * @return with reconnect, pings and a generous message size
     */
    public static WebSocketOptions standard(WebSocketOptions options, Duration reconnect, Duration reconnectMax) {
        return options.withReconnect(new ReconnectPolicy(reconnect, reconnectMax, 2.0, 0.2), System.nanoTime())
                .withPing(PingMode.FRAMES, Duration.ofSeconds(30)).withMaxMessageBytes(16 << 20);
    }

    /**
     * Sets the callbacks (before {@link #start()}).
     *
     * @param events user data events (the frame's {@code event} object), on the control thread
     * @param ready after every (re)connect once requests can be signed (after {@code session.logon}
     *        for Ed25519 keys), on the control thread
     * @param down after every drop, with the reason, on the control thread
     */
    public void callbacks(Consumer<JsonObject> events, Runnable ready, Consumer<String> down) {
        this.onEvent = events;
        this.onReady = ready;
        this.onDown = down;
    }

    /** Connects. */
    public void start() {
        runtime.execute(health::started);
        socket.start();
    }

    /** Closes; waiting requests complete as dropped. Control thread. */
    public void close() {
        closed = true;
        ready = false;
        replies.completeAll(id -> Reply.dropped("the " + name + " connection closed"));
        socket.close();
    }

    /** Whether requests can be sent now. Control thread. */
    public boolean ready() {
        return ready;
    }

    /** Drops the connection (tests, faults). */
    public void reconnect(String why) {
        socket.reconnect(why);
    }

    /** When the last request frame was written ({@link System#nanoTime()}), for the benchmark. */
    public long lastSendNanos() {
        return lastSendNanos;
    }

    /**
     * Sends a request. Control thread.
     *
     * @param method for example {@code order.place}
     * @param params the parameters (not signed yet)
     * @param signed whether it is a SIGNED request (apiKey, timestamp, signature added; with a
     *        logged-on session only the timestamp)
     * @return the reply; never fails
     */
    public CompletableFuture<Reply> request(String method, Map<String, Object> params, boolean signed) {
        if (!ready && !method.equals("session.logon")) {
            return CompletableFuture.completedFuture(new Reply(0, null, null, "not sent: the " + name
                    + " is not connected"));
        }
        long now = clock.localMillis();
        if (limits.blockedUntil(now) != null) {
            return CompletableFuture.completedFuture(new Reply(0, null, null, "not sent: Binance "
                    + limits.describe(now, java.time.ZoneId.systemDefault())));
        }
        String id = Long.toString(++nextId);
        TreeMap<String, Object> p = new TreeMap<>(params);
        if (signed) {
            p.put("timestamp", clock.serverMillis());
            p.put("recvWindow", recvWindow.toMillis());
            if (!loggedOn() || method.equals("session.logon")) {
                p.put("apiKey", signer.apiKey());
                p.put("signature", ParameterSigning.sign(signer, ParameterSigning.webSocketPayload(p)));
            }
        }
        String frame = frame(id, method, p);
        CompletableFuture<Reply> reply = replies.expect(id, replyTimeout, () -> new Reply(0, null, null,
                "no answer from the " + name + " within " + replyTimeout.toMillis() + " ms"));
        if (!socket.send(frame)) {
            replies.complete(id, Reply.dropped("not sent: the " + name + " is not connected"));
        } else {
            lastSendNanos = System.nanoTime();
        }
        return reply;
    }

    private boolean loggedOn() {
        return ParameterSigning.canLogOn(signer.keyType());
    }

    /** The JSON of a request (values as strings except numbers and booleans). */
    static String frame(String id, String method, Map<String, Object> params) {
        StringBuilder b = new StringBuilder(96 + params.size() * 24);
        b.append("{\"id\":\"").append(id).append("\",\"method\":\"").append(method).append("\",\"params\":{");
        boolean first = true;
        for (Map.Entry<String, Object> e : params.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            if (v instanceof Number || v instanceof Boolean) {
                b.append(v);
            } else {
                quote(v.toString(), b);
            }
        }
        return b.append("}}").toString();
    }

    private static void quote(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    // ------------------------------------------------------------------ socket

    @Override
    public void onOpen(ReconnectingWebSocket ws) {
        runtime.execute(() -> {
            if (closed) {
                return;
            }
            health.opened();
            if (loggedOn()) {
                ready = false;
                // session.logon is the one request sent before ready
                request("session.logon", Map.of(), true).thenAccept(r -> runtime.execute(() -> {
                    if (r.ok()) {
                        ready = true;
                        onReady.run();
                    } else {
                        health.failed("session.logon refused: " + (r.error() != null
                                ? OrderCodec.rejection("the logon", r.error()) : r.failure()));
                        // not at once: a refused logon retried in a loop would earn a ban
                        runtime.schedule(Duration.ofSeconds(5), () -> {
                            if (!closed && !ready) {
                                socket.reconnect("session.logon failed");
                            }
                        });
                    }
                }));
            } else {
                ready = true;
                onReady.run();
            }
        });
    }

    @Override
    public void onFrame(ReconnectingWebSocket ws, byte[] buffer, int offset, int length, long receivedNanos) {
        String text = new String(buffer, offset, length, StandardCharsets.UTF_8);
        runtime.execute(() -> onText(text, receivedNanos));
    }

    void onText(String text, long receivedNanos) {
        health.message(receivedNanos);
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (RuntimeException e) {
            health.error();
            System.getLogger(WsApiSession.class.getName()).log(System.Logger.Level.WARNING, name
                    + ": unreadable frame skipped (" + e.getMessage() + ") at " + excerpt(text));
            return;
        }
        if (o.has("rateLimits") && o.get("rateLimits").isJsonArray()) {
            rateLimits(o.getAsJsonArray("rateLimits"));
        }
        if (o.has("event") && o.get("event").isJsonObject()) {
            onEvent.accept(o);
            return;
        }
        JsonElement id = o.get("id");
        if (id == null || id.isJsonNull()) {
            health.error();
            return;
        }
        int status = o.has("status") ? o.get("status").getAsInt() : 0;
        JsonObject error = o.has("error") && o.get("error").isJsonObject() ? o.getAsJsonObject("error") : null;
        if (status == 429 || status == 418) {
            long retry = -1;
            if (error != null && error.has("data") && error.get("data").isJsonObject()) {
                JsonObject d = error.getAsJsonObject("data");
                if (d.has("retryAfter")) {
                    retry = Math.max(0, (d.get("retryAfter").getAsLong() - System.currentTimeMillis()) / 1000 + 1);
                }
            }
            limits.refused(status, retry, System.currentTimeMillis());
        }
        if (error != null && error.has("code") && error.get("code").getAsInt() == -1021) {
            JsonObject withSkew = error.deepCopy();
            withSkew.addProperty("msg", OrderCodec.text(error, "msg") + "; " + clock.describeSkew(recvWindow));
            error = withSkew;
        }
        replies.complete(id.getAsString(), new Reply(status, o.get("result"), error, null));
    }

    private void rateLimits(JsonArray limitsArray) {
        long now = System.currentTimeMillis();
        for (JsonElement e : limitsArray) {
            if (!e.isJsonObject()) {
                continue;
            }
            JsonObject l = e.getAsJsonObject();
            String type = OrderCodec.text(l, "rateLimitType");
            String interval = OrderCodec.text(l, "interval");
            String num = OrderCodec.text(l, "intervalNum");
            String limit = OrderCodec.text(l, "limit");
            String count = OrderCodec.text(l, "count");
            if (type == null || interval == null || limit == null || count == null) {
                continue;
            }
            try {
                long n = num == null ? 1 : Long.parseLong(num);
                Duration window = switch (interval) {
                    case "SECOND" -> Duration.ofSeconds(n);
                    case "MINUTE" -> Duration.ofMinutes(n);
                    case "HOUR" -> Duration.ofHours(n);
                    case "DAY" -> Duration.ofDays(n);
                    default -> null;
                };
                if (window == null) {
                    continue;
                }
                String key = type.equals("REQUEST_WEIGHT") ? BinanceTradingRest.WEIGHT + "/ws"
                        : type + " " + n + interval.charAt(0);
                if (!limits.defines(key)) {
                    limits.define(key, Long.parseLong(limit), window);
                }
                limits.report(key, Long.parseLong(count), now);
            } catch (RuntimeException x) {
                health.error();
            }
        }
    }

    @Override
    public void onDisconnect(ReconnectingWebSocket ws, WebSocketDisconnect disconnect) {
        runtime.execute(() -> {
            ready = false;
            int dropped = replies.completeAll(id -> Reply.dropped("the " + name + " connection dropped before"
                    + " Binance answered"));
            if (!closed) {
                health.lost(name + " connection lost" + (disconnect.reason().isEmpty() ? "" : ": "
                        + disconnect.reason()) + (dropped > 0 ? "; " + dropped + " requests are looked up" : ""));
                onDown.accept(disconnect.reason());
            }
        });
    }

    private static String excerpt(String text) {
        String t = org.tradebench.transport.Redaction.frame(text);
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    @Override
    public String toString() {
        return "WsApiSession[" + name + ", " + (ready ? "ready" : "not ready") + "]";
    }
}
