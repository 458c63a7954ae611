package org.tradebench.transport;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;

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
 * <p>Jetty's {@code HttpClient} makes the connection (TCP, TLS, proxy) and the HTTP upgrade; from
 * then on the frames are read by this package's own reader, which parses them in place in one
 * reused buffer and hands every message to {@link WebSocketHandler#onFrame} as bytes: nothing
 * is allocated per message. Server pings are answered, client frames are masked, the close
 * handshake is done, messages over {@link WebSocketOptions#maxMessageBytes()} close the session
 * with code 1009. No extension (compression) is negotiated.
 *
 * <p>Each connection attempt gets its own connection object; callbacks of a session that was
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
    // Held around onOpen, onFrame (one read's worth) and onDisconnect so they never overlap,
    // even when an old session's reader is still running while a new session opens. Taken
    // before lock, never inside it.
    private final Object callbackLock = new Object();

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
    private volatile long reads;
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
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a text frame whose UTF-8 bytes the caller already has (a connector that builds its
     * messages in a byte buffer). The array is copied (masked) before this returns.
     *
     * @param utf8Text the message as UTF-8
     * @return false when no session is open (see {@link #send(String)})
     */
    public boolean send(byte[] utf8Text) {
        Objects.requireNonNull(utf8Text, "utf8Text");
        FrameConnection c = openConnection();
        return c != null && c.sendText(utf8Text);
    }

    /**
     * Sends a binary frame. The array is copied (masked) before this returns.
     *
     * @param data the message
     * @return false when no session is open (see {@link #send(String)})
     */
    public boolean sendBinary(byte[] data) {
        Objects.requireNonNull(data, "data");
        FrameConnection c = openConnection();
        return c != null && c.sendBinary(data);
    }

    private FrameConnection openConnection() {
        Attempt a = current;
        return a == null || state != WebSocketState.OPEN ? null : a.connection;
    }

    /**
     * Drops the current session (if any) and connects again at once: for a connector that sees a
     * protocol-level reason (Bitfinex info 20051, a sequence gap it cannot repair, staleness).
     * {@link WebSocketHandler#onDisconnect} reports it with attempt 1 and no delay.
     *
     * @param reason why, for the log and the disconnect record
     */
    public void reconnect(String reason) {
        FrameConnection old;
        WebSocketDisconnect d;
        synchronized (lock) {
            if (state == WebSocketState.CLOSED || state == WebSocketState.NEW || state == WebSocketState.PAUSED) {
                return;
            }
            cancel(pending);
            pending = null;
            Attempt a = current;
            current = null;
            if (a != null) {
                a.ended = true;
            }
            old = a == null ? null : a.connection;
            attempt = 0;
            state = WebSocketState.WAITING;
            d = new WebSocketDisconnect(FrameParser.CLOSE_NORMAL, "reconnect requested: " + reason, null, old != null,
                    true, 1, Duration.ZERO);
        }
        if (old != null) {
            old.close(FrameParser.CLOSE_NORMAL, "reconnecting");
        }
        LOG.log(Level.INFO, () -> options.name() + ": " + d.describe());
        // the handler hears of the loss before the next attempt can open a session
        outsideCaller(() -> {
            notifyDisconnect(d);
            connectNow();
        });
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

    /** Messages (text or binary) received over all sessions. */
    public long framesReceived() {
        return framesReceived;
    }

    /** Reads that returned bytes, over all sessions (several messages may come in one read). */
    long reads() {
        return reads;
    }

    /** Text and binary frames written over all sessions. */
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

    /**
     * Closes the session (code 1000) and makes no attempt until {@link #resume()}: the user's
     * "disconnect". {@link WebSocketHandler#onDisconnect} reports it (not reconnecting, attempt 0)
     * as it reports any loss, so the connector marks its streams lost. Ignored unless started and
     * not closed or already paused.
     *
     * @param reason why, for the log and the disconnect record
     */
    public void pause(String reason) {
        FrameConnection old;
        synchronized (lock) {
            if (state == WebSocketState.CLOSED || state == WebSocketState.NEW || state == WebSocketState.PAUSED) {
                return;
            }
            state = WebSocketState.PAUSED;
            attempt = 0;
            old = dropCurrent();
        }
        if (old != null) {
            old.close(FrameParser.CLOSE_NORMAL, "disconnected by client");
        }
        WebSocketDisconnect d = new WebSocketDisconnect(FrameParser.CLOSE_NORMAL, "paused: " + reason, null,
                old != null, false, 0, Duration.ZERO);
        LOG.log(Level.INFO, () -> options.name() + ": " + d.describe());
        outsideCaller(() -> notifyDisconnect(d));
    }

    /**
     * Connects again after {@link #pause(String)}, at once (within the connection rate limit).
     * Ignored unless paused.
     */
    public void resume() {
        synchronized (lock) {
            if (state != WebSocketState.PAUSED) {
                return;
            }
            state = WebSocketState.WAITING;
        }
        outsideCaller(this::connectNow);
    }

    /** Closes the session (code 1000) and stops reconnecting. Idempotent. */
    @Override
    public void close() {
        FrameConnection old;
        synchronized (lock) {
            if (state == WebSocketState.CLOSED) {
                return;
            }
            state = WebSocketState.CLOSED;
            cancel(pingTask);
            cancel(watchdogTask);
            old = dropCurrent();
        }
        if (old != null) {
            old.close(FrameParser.CLOSE_NORMAL, "closed by client");
        }
        WebSocketDisconnect d = new WebSocketDisconnect(FrameParser.CLOSE_NORMAL, "closed by its owner", null,
                old != null, false, 0, Duration.ZERO);
        outsideCaller(() -> notifyDisconnect(d));
    }

    /**
     * Cancels the pending attempt and ends the current one; caller holds the lock.
     *
     * @return the connection of the session that was open, or null
     */
    private FrameConnection dropCurrent() {
        cancel(pending);
        pending = null;
        Attempt a = current;
        current = null;
        if (a != null) {
            a.ended = true;
        }
        return a == null ? null : a.connection;
    }

    /**
     * Runs what a call of the owner ({@link #close()}, {@link #reconnect}) has to tell the handler.
     * From one of the handler's own callbacks (this thread holds the callback lock) it runs at once;
     * from any other thread it runs on the timer, so that the caller never waits for the callback
     * lock: the caller may hold a lock of its own (a connector's) that a callback in progress on the
     * reader thread is waiting for, and waiting for each other would never end.
     */
    private void outsideCaller(Runnable task) {
        if (Thread.holdsLock(callbackLock)) {
            task.run();
            return;
        }
        try {
            transport.timer().execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the transport is closing: nobody is left to tell
        }
    }

    // ---------------------------------------------------------------- connecting

    private void connectNow() {
        Attempt a;
        synchronized (lock) {
            pending = null;
            if (state == WebSocketState.CLOSED || state == WebSocketState.PAUSED || state == WebSocketState.OPEN
                    || current != null) {
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
        try {
            FrameUpgradeRequest request = new FrameUpgradeRequest(transport.webSocketCoreClient(), options.uri(), a,
                    options.maxMessageBytes(), options.idleTimeout().toMillis());
            request.headers(fields -> {
                for (Map.Entry<String, String> h : options.headers().entrySet()) {
                    fields.put(h.getKey(), h.getValue());
                }
            });
            // Covers TCP, TLS and the upgrade answer; the Result then fails with a TimeoutException.
            request.timeout(options.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
            request.send(a);
        } catch (RuntimeException e) {
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
            if (current != a || state == WebSocketState.CLOSED || state == WebSocketState.PAUSED) {
                return;
            }
            current = null;
            boolean wasOpen = a.connection != null;
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
        FrameConnection c = openConnection();
        if (c == null) {
            return;
        }
        if (options.pingMode() == PingMode.FRAMES) {
            long now = System.nanoTime();
            byte[] payload = new byte[Long.BYTES];
            for (int i = 0; i < Long.BYTES; i++) {
                payload[i] = (byte) (now >>> (56 - 8 * i));
            }
            c.sendPing(payload);
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
        synchronized (callbackLock) {
            safely("onDisconnect", () -> handler.onDisconnect(this, d));
        }
    }

    private void safely(String callback, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            handlerThrew(callback, e);
        }
    }

    private void handlerThrew(String callback, RuntimeException e) {
        // The frame is not logged: it may carry account data. The exception says what failed.
        LOG.log(Level.WARNING, options.name() + ": the handler's " + callback + " threw; the connection carries on", e);
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
                + options.redactedUri();
    }

    @Override
    public String toString() {
        return "ReconnectingWebSocket[" + options.name() + " " + options.redactedUri() + ", " + state + "]";
    }

    /**
     * One connection attempt and, once open, its session: the upgrade request's listener and
     * the frame connection's owner.
     */
    static final class Attempt implements FrameConnection.Owner, Response.CompleteListener {

        /** A pong further from its ping than this is not ours (servers may send unsolicited pongs). */
        private static final long MAX_ROUND_TRIP_NANOS = TimeUnit.MINUTES.toNanos(1);

        private final ReconnectingWebSocket owner;
        private final long number;
        // Guarded by owner.lock.
        boolean ended;
        long openedNanos;
        volatile FrameConnection connection;

        Attempt(ReconnectingWebSocket owner, long number) {
            this.owner = owner;
            this.number = number;
        }

        @Override
        public void onComplete(Result result) {
            ReconnectingWebSocket o = owner;
            if (result.isFailed()) {
                Throwable failure = result.getFailure();
                boolean open = connection != null;
                o.ended(this, open ? FrameParser.CLOSE_ABNORMAL : -1,
                        open ? FrameConnection.describe(failure) : o.describe(failure), unwrap(failure));
            } else if (result.getResponse().getStatus() != 101) {
                Response r = result.getResponse();
                o.ended(this, -1, "the server answered the upgrade with HTTP " + r.getStatus()
                        + (r.getReason() == null ? "" : " " + r.getReason()) + " at " + o.options.redactedUri(),
                        null);
            }
        }

        @Override
        public boolean opened(FrameConnection c) {
            ReconnectingWebSocket o = owner;
            synchronized (o.callbackLock) {
                synchronized (o.lock) {
                    if (o.current != this || ended || o.state == WebSocketState.CLOSED) {
                        return false;
                    }
                    openedNanos = System.nanoTime();
                    o.lastFrameNanos = openedNanos;
                    connection = c;
                    o.state = WebSocketState.OPEN;
                    o.opens++;
                }
                LOG.log(Level.DEBUG, () -> o.options.name() + ": open (attempt " + number + ")");
                o.safely("onOpen", () -> o.handler.onOpen(o));
            }
            return true;
        }

        @Override
        public Object callbackLock() {
            return owner.callbackLock;
        }

        @Override
        public void received(long nanos) {
            ReconnectingWebSocket o = owner;
            if (o.current == this) {
                o.lastFrameNanos = nanos;
                o.reads++; // one reader at a time (sessions do not overlap)
            }
        }

        @Override
        public void message(byte[] buffer, int offset, int length, long receivedNanos) {
            ReconnectingWebSocket o = owner;
            if (o.current != this) {
                return;
            }
            // Only this session's reader writes the counter (sessions do not overlap).
            o.framesReceived++;
            try {
                o.handler.onFrame(o, buffer, offset, length, receivedNanos);
            } catch (RuntimeException e) {
                // Not through safely(...): a capturing lambda per message would be garbage.
                o.handlerThrew("onFrame", e);
            }
        }

        @Override
        public void pong(byte[] buffer, int offset, int length, long receivedNanos) {
            ReconnectingWebSocket o = owner;
            if (o.current != this || length != Long.BYTES || o.options.pingMode() != PingMode.FRAMES) {
                return;
            }
            long sent = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                sent = (sent << 8) | (buffer[offset + i] & 0xFF);
            }
            long roundTrip = receivedNanos - sent;
            if (roundTrip >= 0 && roundTrip < MAX_ROUND_TRIP_NANOS) {
                o.recordLatency(roundTrip);
            }
        }

        @Override
        public void sent(int dataFrames) {
            owner.framesSent.addAndGet(dataFrames);
        }

        @Override
        public void ended(int code, String reason, Throwable cause) {
            owner.ended(this, code, reason, cause);
        }

        @Override
        public String toString() {
            return "attempt " + number + " of " + owner;
        }
    }
}
