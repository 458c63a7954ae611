package org.tradebench.transport;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;

/**
 * A WebSocket connection that stays connected: it reconnects after every loss with jittered
 * exponential back-off ({@link ReconnectPolicy}), within the exchange's connection rate limit,
 * calls {@link WebSocketHandler#onOpen} after every (re)connect so the connector sends its
 * configuration, authentication and subscriptions again, measures round-trip latency (ping frames
 * or the exchange's own ping message), and reports silence through a watchdog.
 *
 * <pre>{@code
 * ReconnectingWebSocket ws = new ReconnectingWebSocket(transport,
 *         WebSocketOptions.of(uri).withPing(PingMode.FRAMES, Duration.ofSeconds(10))
 *                 .withStaleAfter(Duration.ofSeconds(20)),
 *         handler);
 * ws.start();                   // returns at once; handler.onOpen follows
 * ws.send("{\"event\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"tBTCUSD\"}");
 * ws.latency();                 // Optional[PT0.0213S]
 * ws.close();                   // no reconnect after this
 * }</pre>
 *
 * <p>Each connection attempt gets its own Jetty endpoint object; callbacks of a session that was
 * replaced (by {@link #reconnect(String)} or {@link #close()}) are ignored, so a late close or
 * frame of an old session never disturbs the new one.
 *
 * <p>Thread-safe; see the package documentation for which thread runs which callback.
 */
public final class ReconnectingWebSocket implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ReconnectingWebSocket.class.getName());
    private static final int PING_SLOTS = 16;
    private static final long MIN_TICK_NANOS = 10_000_000;

    private final JettyTransport transport;
    private final WebSocketOptions options;
    private final WebSocketHandler handler;
    private final Object lock = new Object();

    // Guarded by lock.
    private final SplittableRandom random;
    private int attempt;
    private long attemptsMade;
    private ScheduledFuture<?> pending;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> watchdogTask;

    // Written under lock, read without it.
    private volatile WebSocketState state = WebSocketState.NEW;
    private volatile Attempt current;

    private volatile long lastFrameNanos;
    private volatile long staleReportedFor = Long.MIN_VALUE;
    private volatile long latencyNanos = -1;
    private volatile long framesReceived;
    private volatile long opens;
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong pingIds = new AtomicLong();
    // Application pings in flight: a small ring of (id, send time); guarded by itself.
    private final long[] pingSlotIds = new long[PING_SLOTS];
    private final long[] pingSlotNanos = new long[PING_SLOTS];

    /**
     * Creates a socket; nothing connects before {@link #start()}.
     *
     * @param transport the connector's Jetty clients and timer
     * @param options address, back-off, limits, pings, watchdog
     * @param handler the protocol on top
     */
    public ReconnectingWebSocket(JettyTransport transport, WebSocketOptions options, WebSocketHandler handler) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.options = Objects.requireNonNull(options, "options");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.random = new SplittableRandom(options.seed());
    }

    /**
     * Starts connecting (and the ping and watchdog timers). Returns at once.
     *
     * @throws IllegalStateException when already started or closed
     */
    public void start() {
        synchronized (lock) {
            if (state != WebSocketState.NEW) {
                throw new IllegalStateException(options.name() + " was already started (state " + state + ")");
            }
            state = WebSocketState.CONNECTING;
            try {
                if (options.pingMode() != PingMode.OFF) {
                    long every = options.pingInterval().toNanos();
                    pingTask = transport.timer().scheduleAtFixedRate(this::ping, every, every, TimeUnit.NANOSECONDS);
                }
                if (!options.staleAfter().isZero()) {
                    long every = Math.max(MIN_TICK_NANOS, options.staleAfter().toNanos() / 4);
                    watchdogTask = transport.timer().scheduleAtFixedRate(this::watchdog, every, every,
                            TimeUnit.NANOSECONDS);
                }
            } catch (RejectedExecutionException e) {
                state = WebSocketState.CLOSED;
                throw new IllegalStateException(options.name() + ": the transport " + transport.name()
                        + " is closed", e);
            }
        }
        connectNow();
    }

    /**
     * Sends a text frame on the open session.
     *
     * @param text the message
     * @return false when no session is open (the message is dropped: after the reconnect,
     *         {@link WebSocketHandler#onOpen} is the place to send again)
     */
    public boolean send(String text) {
        Objects.requireNonNull(text, "text");
        Attempt a = current;
        Session s = a == null ? null : a.session;
        if (s == null || !s.isOpen()) {
            return false;
        }
        s.sendText(text, Callback.from(framesSent::incrementAndGet,
                failure -> LOG.log(Level.DEBUG, () -> options.name() + ": a send failed: " + failure)));
        return true;
    }

    /**
     * Drops the current session (if any) and connects again at once: for a connector that sees a
     * protocol-level reason (Bitfinex info 20051, a sequence gap it cannot repair, staleness).
     * {@link WebSocketHandler#onDisconnect} reports it with attempt 1 and no delay.
     *
     * @param reason why, for the log and the disconnect record
     */
    public void reconnect(String reason) {
        Session old;
        WebSocketDisconnect d;
        synchronized (lock) {
            if (state == WebSocketState.CLOSED || state == WebSocketState.NEW) {
                return;
            }
            cancel(pending);
            pending = null;
            Attempt a = current;
            current = null;
            if (a != null) {
                a.ended = true;
            }
            old = a == null ? null : a.session;
            attempt = 0;
            state = WebSocketState.WAITING;
            d = new WebSocketDisconnect(StatusCode.NORMAL, "reconnect requested: " + reason, null, old != null, true,
                    1, Duration.ZERO);
        }
        if (old != null) {
            old.close(StatusCode.NORMAL, "reconnecting", Callback.NOOP);
        }
        LOG.log(Level.INFO, () -> options.name() + ": " + d.describe());
        notifyDisconnect(d);
        connectNow();
    }

    /**
     * Records the answer to an application ping ({@link PingMode#APPLICATION}).
     *
     * @param pingId the id from {@link WebSocketHandler#onPingDue}
     * @return the round trip, or empty for an unknown or too old id
     */
    public Optional<Duration> pongReceived(long pingId) {
        long now = System.nanoTime();
        long sent = -1;
        synchronized (pingSlotIds) {
            int slot = (int) (pingId % PING_SLOTS);
            if (pingId > 0 && pingSlotIds[slot] == pingId) {
                sent = pingSlotNanos[slot];
                pingSlotIds[slot] = 0;
            }
        }
        if (sent < 0) {
            return Optional.empty();
        }
        lastFrameNanos = now;
        return Optional.of(recordLatency(now - sent));
    }

    /** The state now. */
    public WebSocketState state() {
        return state;
    }

    /**
     * The latest round-trip measurement.
     *
     * @return empty before the first pong
     */
    public Optional<Duration> latency() {
        long l = latencyNanos;
        return l < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(l));
    }

    /**
     * How long nothing has arrived on the open session.
     *
     * @return the silence, or zero when no session is open
     */
    public Duration silence() {
        if (state != WebSocketState.OPEN) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, System.nanoTime() - lastFrameNanos));
    }

    /** Text frames received over all sessions. */
    public long framesReceived() {
        return framesReceived;
    }

    /** Text frames sent successfully over all sessions. */
    public long framesSent() {
        return framesSent.get();
    }

    /** How many sessions have opened (1 after the first connect, +1 per reconnect). */
    public long opens() {
        return opens;
    }

    /** The options. */
    public WebSocketOptions options() {
        return options;
    }

    /** Closes the session (code 1000) and stops reconnecting. Idempotent. */
    @Override
    public void close() {
        Session old;
        synchronized (lock) {
            if (state == WebSocketState.CLOSED) {
                return;
            }
            state = WebSocketState.CLOSED;
            cancel(pending);
            cancel(pingTask);
            cancel(watchdogTask);
            pending = null;
            Attempt a = current;
            current = null;
            if (a != null) {
                a.ended = true;
            }
            old = a == null ? null : a.session;
        }
        if (old != null) {
            old.close(StatusCode.NORMAL, "closed by client", Callback.NOOP);
        }
        notifyDisconnect(new WebSocketDisconnect(StatusCode.NORMAL, "closed by its owner", null, old != null, false, 0,
                Duration.ZERO));
    }

    // ---------------------------------------------------------------- connecting

    private void connectNow() {
        Attempt a;
        synchronized (lock) {
            pending = null;
            if (state == WebSocketState.CLOSED || state == WebSocketState.OPEN || current != null) {
                return;
            }
            if (!options.connectLimiter().tryAcquire()) {
                long wait = Math.max(1, options.connectLimiter().timeUntilNextPermit().toNanos());
                state = WebSocketState.WAITING;
                LOG.log(Level.DEBUG, () -> options.name() + ": connection rate limit, next attempt in "
                        + Duration.ofNanos(wait));
                schedule(wait);
                return;
            }
            state = WebSocketState.CONNECTING;
            a = new Attempt(this, ++attemptsMade);
            current = a;
        }
        URI uri = options.uri();
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
        for (Map.Entry<String, String> h : options.headers().entrySet()) {
            request.setHeader(h.getKey(), h.getValue());
        }
        try {
            CompletableFuture<Session> future = transport.webSocketClient().connect(a, uri, request);
            future.orTimeout(options.connectTimeout().toNanos(), TimeUnit.NANOSECONDS).whenComplete((s, failure) -> {
                if (failure != null) {
                    ended(a, -1, describe(failure), unwrap(failure));
                }
            });
        } catch (IOException | RuntimeException e) {
            ended(a, -1, describe(e), e);
        }
    }

    /** Schedules {@link #connectNow()}; caller holds the lock. */
    private void schedule(long delayNanos) {
        try {
            pending = transport.timer().schedule(this::connectNow, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            state = WebSocketState.CLOSED;
            LOG.log(Level.DEBUG, () -> options.name() + ": transport closed, not reconnecting");
        }
    }

    /** A session of {@code a} ended or its attempt failed: back off and try again. */
    private void ended(Attempt a, int code, String reason, Throwable cause) {
        WebSocketDisconnect d;
        Duration delay;
        synchronized (lock) {
            if (a.ended) {
                return;
            }
            a.ended = true;
            if (current != a || state == WebSocketState.CLOSED) {
                return;
            }
            current = null;
            boolean wasOpen = a.session != null;
            if (wasOpen && System.nanoTime() - a.openedNanos >= options.stableAfter().toNanos()) {
                attempt = 0;
            }
            attempt++;
            delay = options.reconnect().delay(attempt, random);
            state = WebSocketState.WAITING;
            d = new WebSocketDisconnect(code, reason, cause, wasOpen, true, attempt, delay);
        }
        LOG.log(Level.INFO, () -> options.name() + ": " + d.describe());
        // The handler hears about the loss before the next attempt can open a session, so its
        // callbacks never overlap.
        notifyDisconnect(d);
        synchronized (lock) {
            if (state == WebSocketState.WAITING && current == null && pending == null) {
                schedule(delay.toNanos());
            }
        }
    }

    // ---------------------------------------------------------------- timers

    private void ping() {
        Attempt a = current;
        Session s = a == null ? null : a.session;
        if (state != WebSocketState.OPEN || s == null) {
            return;
        }
        if (options.pingMode() == PingMode.FRAMES) {
            ByteBuffer payload = ByteBuffer.allocate(Long.BYTES).putLong(0, System.nanoTime());
            s.sendPing(payload, Callback.NOOP);
        } else if (options.pingMode() == PingMode.APPLICATION) {
            long id = pingIds.incrementAndGet();
            synchronized (pingSlotIds) {
                int slot = (int) (id % PING_SLOTS);
                pingSlotIds[slot] = id;
                pingSlotNanos[slot] = System.nanoTime();
            }
            safely("onPingDue", () -> handler.onPingDue(this, id));
        }
    }

    private void watchdog() {
        if (state != WebSocketState.OPEN) {
            return;
        }
        long last = lastFrameNanos;
        long silence = System.nanoTime() - last;
        if (silence < options.staleAfter().toNanos() || staleReportedFor == last) {
            return;
        }
        staleReportedFor = last;
        Duration d = Duration.ofNanos(silence);
        LOG.log(Level.INFO, () -> options.name() + ": no data for " + d.toMillis() + " ms");
        safely("onStale", () -> handler.onStale(this, d));
        if (options.reconnectWhenStale()) {
            reconnect("no data for " + d.toMillis() + " ms");
        }
    }

    private Duration recordLatency(long nanos) {
        long rtt = Math.max(0, nanos);
        latencyNanos = rtt;
        Duration d = Duration.ofNanos(rtt);
        safely("onLatency", () -> handler.onLatency(this, d));
        return d;
    }

    // ---------------------------------------------------------------- helpers

    private void notifyDisconnect(WebSocketDisconnect d) {
        safely("onDisconnect", () -> handler.onDisconnect(this, d));
    }

    private void safely(String callback, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // The frame is not logged: it may carry account data. The exception says what failed.
            LOG.log(Level.WARNING, options.name() + ": the handler's " + callback + " threw; the connection carries on",
                    e);
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private String describe(Throwable failure) {
        Throwable c = unwrap(failure);
        if (c instanceof TimeoutException) {
            return "no connection within " + options.connectTimeout().toMillis() + " ms";
        }
        String message = c.getMessage();
        return c.getClass().getSimpleName() + (message == null ? "" : ": " + message) + " connecting to "
                + HttpResult.redact(options.uri());
    }

    private String describeLoss(Throwable failure) {
        Throwable c = unwrap(failure);
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }

    @Override
    public String toString() {
        return "ReconnectingWebSocket[" + options.name() + " " + HttpResult.redact(options.uri()) + ", " + state + "]";
    }

    /**
     * Jetty's endpoint for one connection attempt and, once open, its session. Public only because
     * Jetty calls endpoints through public method handles; not for use by connectors.
     */
    public static final class Attempt implements Session.Listener.AutoDemanding {

        private final ReconnectingWebSocket owner;
        private final long number;
        // Guarded by owner.lock.
        boolean ended;
        long openedNanos;
        volatile Session session;

        Attempt(ReconnectingWebSocket owner, long number) {
            this.owner = owner;
            this.number = number;
        }

        @Override
        public void onWebSocketOpen(Session s) {
            ReconnectingWebSocket o = owner;
            synchronized (o.lock) {
                if (o.current != this || ended || o.state == WebSocketState.CLOSED) {
                    s.close(StatusCode.NORMAL, "superseded", Callback.NOOP);
                    return;
                }
                s.setIdleTimeout(o.options.idleTimeout());
                s.setMaxTextMessageSize(o.options.maxMessageBytes());
                openedNanos = System.nanoTime();
                o.lastFrameNanos = openedNanos;
                session = s;
                o.state = WebSocketState.OPEN;
                o.opens++;
            }
            LOG.log(Level.DEBUG, () -> o.options.name() + ": open (attempt " + number + ")");
            o.safely("onOpen", () -> o.handler.onOpen(o));
        }

        @Override
        public void onWebSocketText(String text) {
            ReconnectingWebSocket o = owner;
            if (o.current != this) {
                return;
            }
            o.lastFrameNanos = System.nanoTime();
            o.framesReceived++;
            o.safely("onText", () -> o.handler.onText(o, text));
        }

        @Override
        public void onWebSocketPong(ByteBuffer payload) {
            ReconnectingWebSocket o = owner;
            if (o.current != this) {
                return;
            }
            long now = System.nanoTime();
            o.lastFrameNanos = now;
            if (payload != null && payload.remaining() == Long.BYTES) {
                o.recordLatency(now - payload.getLong(payload.position()));
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            try {
                owner.ended(this, statusCode, reason == null || reason.isEmpty() ? "close code " + statusCode : reason,
                        null);
            } finally {
                callback.succeed();
            }
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            boolean open = session != null;
            owner.ended(this, open ? StatusCode.ABNORMAL : -1, open ? owner.describeLoss(cause) : owner.describe(cause),
                    unwrap(cause));
        }

        @Override
        public String toString() {
            return "attempt " + number + " of " + owner;
        }
    }
}
