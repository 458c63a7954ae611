package org.tradebench.venues.bitfinex;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One client connection to a {@link BitfinexSimulator}: Jetty's endpoint and the connection's
 * protocol state (flags, channels, authentication, sequence numbers, pending fault injections).
 * Public only because Jetty calls endpoints through public method handles.
 *
 * <p>Jetty threads only hand events to the simulator thread, which owns everything else here.
 */
public final class BitfinexConnection implements Session.Listener.AutoDemanding {

    /** Frames held back while the simulator is silent are capped here (the newest are dropped). */
    static final int MAX_HELD = 20_000;

    final BitfinexSimulator simulator;
    final int id;
    volatile Session session;

    // Owned by the simulator thread.
    int flags;
    long sequence;
    long authSequence;
    boolean authenticated;
    boolean deadManSwitch;
    boolean closed;
    long authLastSentNanos;
    final Map<Integer, Channel> channels = new LinkedHashMap<>();
    final Set<Integer> skipSequence = new HashSet<>();
    final Set<Integer> corruptChecksum = new HashSet<>();
    /** Frames held while silent: either a complete text or a data frame awaiting its trailer. */
    final ArrayDeque<Object[]> held = new ArrayDeque<>();

    BitfinexConnection(BitfinexSimulator simulator, int id) {
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

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Sends an event (a JSON object, no trailer) or holds it while silent. Simulator thread. */
    void event(String json) {
        if (simulator.silent()) {
            hold(new Object[] {json});
            return;
        }
        write(json);
    }

    /**
     * Sends a data frame {@code [inner,trailer...]} or holds it while silent. The trailer
     * (sequence numbers, timestamp) is added when the frame actually leaves.
     *
     * @param chanId the channel (0 for the account channel)
     * @param inner the frame without its brackets and trailer, for example {@code 17,"hb"}
     */
    void data(int chanId, String inner) {
        if (simulator.silent()) {
            hold(new Object[] {chanId, inner});
            return;
        }
        write(frame(chanId, inner));
    }

    private void hold(Object[] frame) {
        if (held.size() < MAX_HELD) {
            held.add(frame);
        }
    }

    /** Sends what was held during a silence, in order. */
    void release() {
        while (!held.isEmpty()) {
            Object[] f = held.poll();
            write(f.length == 1 ? (String) f[0] : frame((Integer) f[0], (String) f[1]));
        }
    }

    private String frame(int chanId, String inner) {
        long now = simulator.nowNanos();
        Channel ch = channels.get(chanId);
        if (ch != null) {
            ch.lastSentNanos = now;
        } else if (chanId == 0) {
            authLastSentNanos = now;
        }
        StringBuilder b = new StringBuilder(inner.length() + 40).append('[').append(inner);
        if (has(BitfinexSimulator.SEQ_ALL)) {
            if (skipSequence.remove(chanId)) {
                sequence++; // the injected gap: one number never sent
            }
            b.append(',').append(++sequence);
            if (chanId == 0 && !inner.startsWith("0,\"hb\"")) {
                b.append(',').append(++authSequence);
            }
        }
        if (has(BitfinexSimulator.TIMESTAMP)) {
            b.append(',').append(simulator.epochMillis());
        }
        return b.append(']').toString();
    }

    /** Sends text as is, now. */
    void write(String text) {
        Session s = session;
        if (s != null && s.isOpen() && !closed) {
            simulator.framesSent.incrementAndGet();
            s.sendText(text, Callback.NOOP);
        }
    }

    @Override
    public String toString() {
        return "connection " + id + (authenticated ? " (authenticated)" : "") + ", " + channels.size() + " channels";
    }
}
