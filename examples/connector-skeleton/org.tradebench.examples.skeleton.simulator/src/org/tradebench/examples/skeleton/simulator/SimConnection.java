package org.tradebench.examples.skeleton.simulator;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One client connection: Jetty's endpoint and the connection's protocol state (its sequence
 * numbers, its subscriptions, messages held while the exchange is silent). Public only because
 * Jetty calls endpoints through public method handles; Jetty's threads only hand events to the
 * simulator thread, which owns everything else.
 */
public final class SimConnection implements Session.Listener.AutoDemanding {

    final SkeletonSimulator simulator;
    final int id;
    volatile Session session;

    // owned by the simulator thread
    long seq;
    boolean skipNext;
    boolean closed;
    /** "channel SYMBOL" of every subscription. */
    final Set<String> subscriptions = new LinkedHashSet<>();
    /** Type and fields of the messages held while silent (numbered when they leave). */
    final ArrayDeque<String[]> held = new ArrayDeque<>();

    SimConnection(SkeletonSimulator simulator, int id) {
        this.simulator = simulator;
        this.id = id;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        simulator.post(() -> simulator.opened(this));
    }

    @Override
    public void onWebSocketText(String text) {
        simulator.post(() -> simulator.input(this, text));
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

    /**
     * Sends a message, {@code {"type":TYPE,"seq":N,<fields>}} with the connection's next number, or
     * holds it while the exchange is silent. Simulator thread.
     *
     * @param type the type
     * @param fields the other fields, without braces ({@code ""} for none)
     */
    void send(String type, String fields) {
        if (simulator.silent()) {
            if (held.size() < 50_000) {
                held.add(new String[] {type, fields});
            }
            return;
        }
        write(numbered(type, fields));
    }

    /** Sends what was held during a silence, in order. */
    void release() {
        while (!held.isEmpty()) {
            String[] m = held.poll();
            write(numbered(m[0], m[1]));
        }
    }

    private String numbered(String type, String fields) {
        if (skipNext) {
            skipNext = false;
            seq++; // the injected gap: one number never sent
        }
        return "{\"type\":\"" + type + "\",\"seq\":" + (++seq) + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    /** Sends text as it is, with no number (malformed frames). */
    void write(String text) {
        Session s = session;
        if (s != null && s.isOpen() && !closed) {
            s.sendText(text, Callback.NOOP);
        }
    }

    @Override
    public String toString() {
        return "connection " + id + ", " + subscriptions;
    }
}
