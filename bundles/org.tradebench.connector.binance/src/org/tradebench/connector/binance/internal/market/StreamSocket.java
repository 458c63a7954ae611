package org.tradebench.connector.binance.internal.market;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import org.tradebench.api.ConnectionControl.TransportMode;
import org.tradebench.api.ConnectionControl;
import org.tradebench.connector.binance.internal.BinanceConfig;
import org.tradebench.connector.support.control.ConnectionSwitch;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.json.FrameFormatException;
import org.tradebench.connector.support.json.JsonScanner;
import org.tradebench.connector.support.rest.RestFallback;
import org.tradebench.transport.JettyTransport;
import org.tradebench.transport.PingMode;
import org.tradebench.transport.RateLimiter;
import org.tradebench.transport.ReconnectPolicy;
import org.tradebench.transport.ReconnectingWebSocket;
import org.tradebench.transport.WebSocketDisconnect;
import org.tradebench.transport.WebSocketHandler;
import org.tradebench.transport.WebSocketOptions;

/**
 * One Binance combined-stream endpoint ({@code /stream}): the streams wanted on it, subscribed and
 * unsubscribed live with {@code {"method":"SUBSCRIBE","params":[...],"id":N}} and matched to their
 * replies by id, at most {@link org.tradebench.connector.binance.internal.BinanceMarket#messagesPerSecond()}
 * minus two messages a second (Binance counts every incoming message, pings and pongs included,
 * against that limit and disconnects above it). Binance refuses a request whole: a refused request
 * of several streams is sent again one stream per message, and only the stream refused alone fails. Frames are routed by their {@code stream} name to the topic that
 * owns it, in place.
 *
 * <p>Binance ends every connection after 24 hours. Before that ({@link BinanceConfig#rollover()}),
 * a second connection is opened and subscribed to every stream; once Binance confirmed every
 * subscription it carries the data and the old one is closed. Both deliver while they overlap:
 * book diffs the book already holds are ignored by the book rule, trades and liquidations are
 * de-duplicated, tickers conflate; nothing resets.
 *
 * <p>Server pings are answered by the transport (every ping frame gets its pong); this socket sends
 * its own ping frames to measure latency and keep a quiet connection from going stale.
 *
 * <p>Runtime lock held for everything but the WebSocket callbacks, which take it.
 */
final class StreamSocket {

    private static final System.Logger LOG = System.getLogger(StreamSocket.class.getName());
    private static final int MAX_PARAMS = 100;

    final String name;
    private final BinanceMarketData md;
    private final URI uri;
    final HealthModel.Session session;
    final RestFallback fallback;
    private final Set<String> wanted = new LinkedHashSet<>();
    /** How many topics want each stream (a topic being replaced may overlap its successor). */
    private final Map<String, Integer> holders = new HashMap<>();
    private final Map<Long, Request> inFlight = new HashMap<>();
    private final Duration gap;
    private long nextId = 1;
    private Conn live;
    private Conn next;
    private boolean closed;
    private ScheduledFuture<?> watchdog;
    private long subscribeReplies;
    private long refusals;

    private record Request(Conn conn, String method, List<String> streams, long sentNanos) {
    }

    /** A (un)subscription to send; {@code alone} ones go in a message of their own. */
    private record Op(boolean subscribe, String stream, boolean alone) {
        Op(boolean subscribe, String stream) {
            this(subscribe, stream, false);
        }
    }

    StreamSocket(String name, BinanceMarketData md, URI uri, HealthModel.Session session) {
        this.name = name;
        this.md = md;
        this.uri = uri;
        this.session = session;
        BinanceConfig c = md.config();
        this.fallback = md.isPassive() ? null
                : new RestFallback(md.runtime(), md.config().market().id() + " " + name, c.restFallbackAfter(),
                        c.restPollInterval(), session);
        // every ping and pong counts too: leave room for them
        int perSecond = Math.max(1, c.market().messagesPerSecond() - 2);
        this.gap = Duration.ofNanos(1_000_000_000L / perSecond);
    }

    // ---------------------------------------------------------------- life cycle

    void start() {
        if (md.isPassive() || closed) {
            return;
        }
        session.started();
        live = new Conn();
        live.start();
        Duration check = Duration.ofMillis(Math.max(50, md.config().staleAfter().toMillis() / 4));
        watchdog = md.runtime().every(check, this::checkSilence);
    }

    /**
     * Pongs keep the socket's own watchdog quiet while the data may have stopped: when a stream
     * that Binance pushes at a fixed rate (24 h tickers, klines, mark prices) is subscribed and no
     * stream frame came for {@link BinanceConfig#staleAfter()}, the session is stale and the
     * connection is replaced (its books resynchronise).
     */
    private void checkSilence() {
        Conn c = live;
        if (closed || c == null || !c.open || !periodicSubscribed()) {
            return;
        }
        long silence = System.nanoTime() - c.lastDataNanos;
        if (silence > md.config().staleAfter().toNanos()) {
            String why = "no stream data for " + silence / 1_000_000 + " ms";
            LOG.log(Level.WARNING, md.config().market().displayName() + " " + name + ": " + why + "; reconnecting");
            session.stale(why);
            md.health().update();
            c.lastDataNanos = System.nanoTime();
            c.ws.reconnect(why);
        }
    }

    private boolean periodicSubscribed() {
        for (String s : wanted) {
            // not depth or book tickers: they are silent on a quiet market, and a book cannot be
            // rebuilt before its next change (Binance's snapshot joins the first diff)
            if (s.endsWith("@ticker") || s.contains("@kline_") || s.contains("@markPrice")) {
                return true;
            }
        }
        return false;
    }

    void close() {
        closed = true;
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        if (live != null) {
            live.close();
        }
        if (next != null) {
            next.close();
        }
        if (fallback != null) {
            fallback.up();
        }
    }

    /** Whether the connection carrying data is open. */
    boolean isOpen() {
        return live != null && live.open;
    }

    /** The streams Binance holds for this socket (diagnostics, tests). */
    Set<String> wanted() {
        return Set.copyOf(wanted);
    }

    /** Subscription replies received (diagnostics). */
    long subscribeReplies() {
        return subscribeReplies;
    }

    /** Refused requests (diagnostics). */
    long refusals() {
        return refusals;
    }

    /**
     * The user's choice (runtime lock held): the socket paused while disconnected or while REST is
     * chosen (a replacement connection being set up is dropped), resumed otherwise; the REST
     * fallback and the session follow.
     *
     * @param connected whether the user wants market data connected
     * @param mode the transport mode
     */
    void userChoice(boolean connected, TransportMode mode) {
        if (closed || md.isPassive()) {
            return;
        }
        session.disconnected(connected ? null : ConnectionControl.DISCONNECTED_CAUSE);
        if (fallback != null) {
            fallback.mode(connected ? mode : null);
        }
        if (live == null) {
            return;
        }
        if (ConnectionSwitch.socketWanted(connected, mode)) {
            live.ws.resume();
        } else {
            if (next != null) {
                Conn n = next;
                next = null;
                n.close();
            }
            live.ws.pause(ConnectionSwitch.pauseReason(connected));
        }
    }

    /** Forces a rollover to a new connection now (tests; otherwise at the configured age). */
    void rolloverNow() {
        if (live != null && live.open && next == null && !closed) {
            LOG.log(Level.INFO, md.config().market().displayName() + " " + name + ": replacing the connection before"
                    + " Binance's 24 h limit");
            next = new Conn();
            next.start();
            md.runtime().schedule(md.config().replyTimeout().multipliedBy(3), () -> {
                Conn n = next;
                if (n != null && !n.confirmed()) {
                    LOG.log(Level.WARNING, name + ": the replacement connection did not come up; keeping the old one");
                    next = null;
                    n.close();
                    md.runtime().schedule(Duration.ofMinutes(1), this::rolloverNow);
                }
            });
        }
    }

    // ---------------------------------------------------------------- subscriptions

    void subscribe(String stream) {
        holders.merge(stream, 1, Integer::sum);
        if (wanted.add(stream)) {
            for (Conn c : conns()) {
                c.queue(new Op(true, stream));
            }
        }
    }

    void unsubscribe(String stream) {
        Integer n = holders.get(stream);
        if (n != null && n > 1) {
            holders.put(stream, n - 1);
            return;
        }
        holders.remove(stream);
        if (wanted.remove(stream)) {
            for (Conn c : conns()) {
                c.queue(new Op(false, stream));
            }
        }
    }

    private List<Conn> conns() {
        List<Conn> l = new ArrayList<>(2);
        if (live != null && live.open) {
            l.add(live);
        }
        if (next != null && next.open) {
            l.add(next);
        }
        return l;
    }

    // ---------------------------------------------------------------- frames (runtime lock held)

    /**
     * A frame: {@code {"stream":"btcusdt@depth@100ms","data":{...}}}, a reply
     * {@code {"result":null,"id":1}}, or an error {@code {"error":{"code":2,"msg":"..."},"id":1}} /
     * {@code {"code":2,"msg":"...","id":1}}.
     */
    void frame(byte[] b, int off, int len, long receivedMillis, long receivedNanos) {
        int n = off + len;
        int p = JsonScanner.skipWhitespace(b, n, off);
        p = JsonScanner.expect(b, n, p, '{', "at the start of a Binance frame");
        int streamStart = -1;
        int streamEnd = -1;
        int dataStart = -1;
        int dataEnd = -1;
        int resultAt = -1;
        int errorAt = -1;
        int codeAt = -1;
        int msgAt = -1;
        long id = -1;
        boolean first = true;
        while (true) {
            p = JsonScanner.skipWhitespace(b, n, p);
            if (p < n && b[p] == '}') {
                break;
            }
            if (!first) {
                p = JsonScanner.skipWhitespace(b, n, JsonScanner.expect(b, n, p, ',', "between the fields of a frame"));
            }
            first = false;
            if (p >= n || b[p] != '"') {
                throw new FrameFormatException("a field name was expected at byte " + (p - off));
            }
            int ke = JsonScanner.stringEnd(b, n, p);
            int v = JsonScanner.skipWhitespace(b, n, JsonScanner.expect(b, n, JsonScanner.skipWhitespace(b, n, ke + 1),
                    ':', "after a field name"));
            int ve = JsonScanner.skipValue(b, n, v);
            if (BinanceJson.key(b, p, ke, "stream") && b[v] == '"') {
                streamStart = v + 1;
                streamEnd = JsonScanner.stringEnd(b, n, v);
            } else if (BinanceJson.key(b, p, ke, "data")) {
                dataStart = v;
                dataEnd = ve;
            } else if (BinanceJson.key(b, p, ke, "id")) {
                id = b[v] == 'n' ? -1 : md.scanner().readInteger(b, n, v, "the request id");
            } else if (BinanceJson.key(b, p, ke, "result")) {
                resultAt = v;
            } else if (BinanceJson.key(b, p, ke, "error")) {
                errorAt = v;
            } else if (BinanceJson.key(b, p, ke, "code")) {
                codeAt = v;
            } else if (BinanceJson.key(b, p, ke, "msg")) {
                msgAt = v;
            }
            p = ve;
        }
        if (streamStart >= 0 && dataStart >= 0) {
            if (b[dataStart] != '{') {
                throw new FrameFormatException("the data of a stream frame is not an object");
            }
            md.route(b, streamStart, streamEnd, dataStart, dataEnd, receivedMillis, receivedNanos);
            return;
        }
        if (errorAt >= 0 || (codeAt >= 0 && msgAt >= 0)) {
            String text = errorAt >= 0 ? new String(b, errorAt, JsonScanner.skipValue(b, n, errorAt) - errorAt,
                    java.nio.charset.StandardCharsets.UTF_8)
                    : "{\"code\":" + new String(b, codeAt, JsonScanner.skipValue(b, n, codeAt) - codeAt,
                            java.nio.charset.StandardCharsets.UTF_8) + ",\"msg\":"
                            + new String(b, msgAt, JsonScanner.skipValue(b, n, msgAt) - msgAt,
                                    java.nio.charset.StandardCharsets.UTF_8) + "}";
            refused(id, "Binance refused: " + text);
            return;
        }
        if (resultAt >= 0 && id >= 0) {
            confirmed(id);
            return;
        }
        throw new FrameFormatException("neither a stream event nor a reply");
    }

    private void confirmed(long id) {
        Request r = inFlight.remove(id);
        subscribeReplies++;
        if (r != null && next != null && r.conn == next && next.confirmed()) {
            promote();
        }
    }

    private void refused(long id, String text) {
        refusals++;
        Request r = inFlight.remove(id);
        LOG.log(Level.WARNING, md.config().market().displayName() + " " + name + ": " + text
                + (r == null ? "" : " (" + r.method + " " + r.streams + ")"));
        if (r != null && "SUBSCRIBE".equals(r.method)) {
            if (r.streams.size() > 1 && !r.conn.ended) {
                // Binance refuses a request whole: ask for each stream alone to find the one it refuses
                for (String s : r.streams) {
                    if (wanted.contains(s)) {
                        r.conn.queue(new Op(true, s, true));
                    }
                }
                return;
            }
            for (String s : r.streams) {
                holders.remove(s);
                if (wanted.remove(s)) {
                    for (Conn c : conns()) {
                        c.queue(new Op(false, s)); // a no-op at Binance; keeps both connections agreeing
                    }
                }
                md.refused(s, text);
            }
        }
    }

    private void promote() {
        Conn old = live;
        live = next;
        next = null;
        live.scheduleRollover();
        if (old != null) {
            old.close();
        }
        LOG.log(Level.INFO, md.config().market().displayName() + " " + name + ": switched to the new connection");
    }

    // ---------------------------------------------------------------- one physical connection

    /** One WebSocket: the live one, or its replacement while it subscribes. */
    private final class Conn implements WebSocketHandler {
        private final ArrayDeque<Op> queue = new ArrayDeque<>();
        private ReconnectingWebSocket ws;
        private boolean open;
        private boolean ended;
        private long lastSendNanos;
        private boolean flushScheduled;
        private ScheduledFuture<?> rollover;
        private volatile long lastDataNanos = System.nanoTime();

        void start() {
            BinanceConfig c = md.config();
            // a ping at most every second: Binance counts pings against the incoming message limit
            Duration ping = c.staleAfter().dividedBy(3);
            if (ping.compareTo(Duration.ofSeconds(1)) < 0) {
                ping = Duration.ofSeconds(1);
            }
            Duration stale = c.staleAfter().compareTo(ping.multipliedBy(2)) < 0 ? ping.multipliedBy(2) : c.staleAfter();
            WebSocketOptions o = WebSocketOptions.of(uri)
                    .withName(c.market().id() + " " + name)
                    .withReconnect(new ReconnectPolicy(c.reconnect(), c.reconnectMax(), 2.0, 0.2), System.nanoTime())
                    .withConnectLimiter(md.connects())
                    .withPing(PingMode.FRAMES, ping)
                    .withStaleAfter(stale, true)
                    .withMaxMessageBytes(64 << 20);
            ws = new ReconnectingWebSocket(md.transport(), o, this);
            ws.start();
        }

        void close() {
            ended = true;
            open = false;
            if (rollover != null) {
                rollover.cancel(false);
            }
            if (ws != null) {
                ws.close();
            }
        }

        boolean confirmed() {
            if (!open || !queue.isEmpty()) {
                return false;
            }
            for (Request r : inFlight.values()) {
                if (r.conn == this) {
                    return false;
                }
            }
            return true;
        }

        void scheduleRollover() {
            if (rollover != null) {
                rollover.cancel(false);
            }
            rollover = md.runtime().schedule(md.config().rollover(), StreamSocket.this::rolloverNow);
        }

        void queue(Op op) {
            // an op that undoes a queued one replaces it
            for (Iterator<Op> it = queue.iterator(); it.hasNext();) {
                Op q = it.next();
                if (q.stream.equals(op.stream)) {
                    it.remove();
                }
            }
            queue.add(op);
            flush();
        }

        void flush() {
            if (!open || queue.isEmpty() || flushScheduled) {
                return;
            }
            long now = System.nanoTime();
            long wait = lastSendNanos + gap.toNanos() - now;
            if (lastSendNanos != 0 && wait > 0) {
                flushScheduled = true;
                md.runtime().schedule(Duration.ofNanos(wait), () -> {
                    flushScheduled = false;
                    flush();
                });
                return;
            }
            boolean subscribe = queue.peek().subscribe;
            List<String> params = new ArrayList<>();
            if (queue.peek().alone) {
                params.add(queue.poll().stream);
            } else {
                while (!queue.isEmpty() && queue.peek().subscribe == subscribe && !queue.peek().alone
                        && params.size() < MAX_PARAMS) {
                    params.add(queue.poll().stream);
                }
            }
            long id = nextId++;
            String method = subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE";
            StringBuilder sb = new StringBuilder(32 + params.size() * 32).append("{\"method\":\"").append(method)
                    .append("\",\"params\":[");
            for (int i = 0; i < params.size(); i++) {
                sb.append(i == 0 ? "\"" : ",\"").append(params.get(i)).append('"');
            }
            sb.append("],\"id\":").append(id).append('}');
            inFlight.put(id, new Request(this, method, List.copyOf(params), now));
            lastSendNanos = now;
            ws.send(sb.toString());
            md.runtime().schedule(md.config().replyTimeout(), () -> {
                Request r = inFlight.remove(id);
                if (r != null && !ended) {
                    session.error();
                    LOG.log(Level.WARNING, name + ": no reply to " + r.method + " " + r.streams + " within "
                            + md.config().replyTimeout().toMillis() + " ms");
                    if (next == this && confirmed()) {
                        promote();
                    }
                }
            });
            if (!queue.isEmpty()) {
                flush();
            }
        }

        @Override
        public void onOpen(ReconnectingWebSocket socket) {
            md.runtime().execute(() -> {
                if (ended || closed) {
                    return;
                }
                open = true;
                lastDataNanos = System.nanoTime();
                lastSendNanos = 0;
                queue.clear();
                inFlight.values().removeIf(r -> r.conn == this);
                for (String s : wanted) {
                    queue.add(new Op(true, s));
                }
                if (this == live) {
                    session.opened();
                    fallback.up();
                    md.socketUp(StreamSocket.this);
                    md.health().update();
                    scheduleRollover();
                }
                flush();
                if (this == next && confirmed()) {
                    promote();
                }
            });
        }

        @Override
        public void onFrame(ReconnectingWebSocket socket, byte[] buffer, int offset, int length, long receivedNanos) {
            long receivedMillis = System.currentTimeMillis();
            synchronized (md.runtime().lock()) {
                if (ended) {
                    return;
                }
                md.tap().onFrame(name, buffer, offset, length, receivedMillis);
                session.message(receivedNanos);
                lastDataNanos = receivedNanos;
                try {
                    frame(buffer, offset, length, receivedMillis, receivedNanos);
                } catch (IllegalArgumentException e) {
                    md.badFrame(session, e, buffer, offset, length);
                }
            }
        }

        @Override
        public void onDisconnect(ReconnectingWebSocket socket, WebSocketDisconnect disconnect) {
            md.runtime().execute(() -> {
                boolean wasOpen = open;
                open = false;
                flushScheduled = false;
                queue.clear();
                inFlight.values().removeIf(r -> r.conn == this);
                if (rollover != null) {
                    rollover.cancel(false);
                }
                if (ended || closed) {
                    return;
                }
                if (this == live) {
                    session.lost(disconnect.describe());
                    if (wasOpen) {
                        fallback.down();
                        md.socketDown(StreamSocket.this, disconnect.describe());
                    }
                    md.health().update();
                }
            });
        }

        @Override
        public void onStale(ReconnectingWebSocket socket, Duration silence) {
            md.runtime().execute(() -> {
                if (this == live && !ended) {
                    session.stale("no frame for " + silence.toMillis() + " ms");
                    md.health().update();
                }
            });
        }

        @Override
        public void onLatency(ReconnectingWebSocket socket, Duration roundTrip) {
            md.runtime().execute(() -> {
                if (this == live) {
                    session.latency(roundTrip);
                }
            });
        }
    }

    /** The connection-rate limiter Binance's endpoints need: 300 attempts per 5 minutes per IP. */
    static RateLimiter connectLimiter() {
        return RateLimiter.of("Binance stream connections", 300, Duration.ofMinutes(5));
    }
}
