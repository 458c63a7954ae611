package org.tradebench.venues.binance;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One client connection to a {@link BinanceSimulator}: Jetty's endpoint and the connection's
 * state (route, combined or raw payloads, streams, ping bookkeeping). Public only because Jetty
 * calls endpoints through public method handles.
 *
 * <p>Jetty threads count incoming messages against the rate limit and hand everything else to the
 * simulator thread, which owns the rest of the state.
 */
public final class BinanceConnection implements Session.Listener.AutoDemanding {

    /** Which streams a connection's path delivers (USD-M futures routes streams by path). */
    enum Route {
        /** Spot: every stream. */
        ALL,
        /** Futures {@code /public} (and the legacy paths): high-frequency book streams only. */
        PUBLIC,
        /** Futures {@code /market}: every other market stream. */
        MARKET,
        /** The WebSocket API ({@code /ws-api/v3}, {@code /ws-fapi/v1}): requests and responses. */
        WS_API,
        /** A USD-M user data stream ({@code /private/ws?listenKey=}, legacy {@code /ws/<listenKey>}). */
        USER
    }

    final BinanceSimulator simulator;
    final int id;
    final Route route;
    volatile Session session;

    // Jetty threads: receipt times (System.nanoTime) of the messages of the last second.
    private final ArrayDeque<Long> received = new ArrayDeque<>();
    private boolean overLimit;

    // Owned by the simulator thread.
    boolean combined;
    boolean closed;
    final Set<String> streams = new LinkedHashSet<>();
    long openedNanos;
    long nextPingNanos;
    /** Venue time of the oldest unanswered ping, or -1. */
    long awaitingPongSince = -1;
    int pingsSent;
    int pongsReceived;
    // WebSocket API session (simulator thread).
    BinanceAuth.ApiKey sessionKey;
    long authorizedSince;
    long connectedSince;
    final java.util.List<Integer> subscriptions = new java.util.ArrayList<>();
    int nextSubscriptionId;
    int logonSubscription = -1;
    /** The listen key of a user data stream connection. */
    String listenKey;

    BinanceConnection(BinanceSimulator simulator, int id, Route route, boolean combined, Set<String> initial) {
        this.simulator = simulator;
        this.id = id;
        this.route = route;
        this.combined = combined;
        this.streams.addAll(initial);
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        simulator.post(() -> simulator.opened(this));
    }

    @Override
    public void onWebSocketText(String text) {
        if (count()) {
            simulator.post(() -> simulator.input(this, text));
        }
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        if (count()) {
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload.slice()).flip();
            Session s = session;
            if (s != null && s.isOpen()) {
                s.sendPong(copy, Callback.NOOP);
            }
        }
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        if (count()) {
            simulator.post(() -> simulator.pong(this));
        }
    }

    /**
     * Counts an incoming message; past the limit the connection is dropped and false returned.
     * Binance counts text, ping and pong frames alike.
     */
    private boolean count() {
        if (route == Route.WS_API || route == Route.USER) {
            return true; // the stream limit of 5 (10) messages a second is not the WebSocket API's
        }
        long now = System.nanoTime();
        synchronized (received) {
            if (overLimit) {
                return false;
            }
            while (!received.isEmpty() && now - received.peekFirst() >= 1_000_000_000L) {
                received.pollFirst();
            }
            received.addLast(now);
            if (received.size() <= simulator.config.incomingMessagesPerSecond()) {
                return true;
            }
            overLimit = true;
        }
        simulator.post(() -> simulator.tooManyMessages(this));
        return false;
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        simulator.post(() -> simulator.closed(this));
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        simulator.post(() -> simulator.closed(this));
    }

    /** Sends a text frame now, unless closed or silenced. Simulator thread. */
    void send(String text) {
        Session s = session;
        if (s != null && s.isOpen() && !closed && !simulator.silent()) {
            simulator.framesSent.incrementAndGet();
            s.sendText(text, Callback.NOOP);
        }
    }

    /** Sends a stream event, wrapped as {@code {"stream":..,"data":..}} on a combined connection. */
    void event(String stream, String data) {
        send(combined ? "{\"stream\":\"" + stream + "\",\"data\":" + data + "}" : data);
    }

    @Override
    public String toString() {
        return "connection " + id + " (" + route + (combined ? ", combined" : "") + ", " + streams.size()
                + " streams)";
    }
}
