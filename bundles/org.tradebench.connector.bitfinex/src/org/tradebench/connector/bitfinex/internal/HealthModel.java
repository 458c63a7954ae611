package org.tradebench.connector.bitfinex.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.HealthListener;
import org.tradebench.core.health.RateMeter;

/**
 * The connector's {@link ConnectionHealth}, derived from a few facts the sessions report:
 *
 * <pre>
 * closed                                   → DISCONNECTED
 * maintenance (info 20060, platform 0)     → MAINTENANCE
 * primary socket open, a channel silent    → STALE
 * primary socket open                      → LIVE
 * socket down, REST polls answering        → REST_FALLBACK
 * socket down, was open or an attempt failed → RECONNECTING
 * first attempt still under way            → CONNECTING
 * </pre>
 *
 * <p>Facts are set on the connector thread; {@link #current()} may be read from any thread.
 * Listeners hear every change of state or cause at once and the counters and rates once a second.
 */
public final class HealthModel {

    private final ConnectorThread thread;
    private final RateMeter messages = new RateMeter(Duration.ofSeconds(5));
    private final List<StreamHandle<HealthListener>> listeners = new ArrayList<>();

    // Facts, connector thread only.
    private boolean closed;
    private String maintenance;
    private boolean primaryOpen;
    private boolean everOpened;
    private String staleCause;
    private boolean fallback;
    private String restProblem;
    private String lastLoss = "";
    private Duration latency;
    private long reconnects;
    private long errors;
    private ConnectionHealth published;

    private volatile ConnectionHealth current = ConnectionHealth.of(ConnectionState.CONNECTING, "starting");

    /**
     * Creates the model.
     *
     * @param thread the connector thread
     */
    public HealthModel(ConnectorThread thread) {
        this.thread = Objects.requireNonNull(thread, "thread");
    }

    /** The health now; any thread. */
    public ConnectionHealth current() {
        return current;
    }

    /**
     * Adds a listener; it gets the current value first. Any thread.
     *
     * @param listener the listener
     * @return the subscription
     */
    public Subscription subscribe(HealthListener listener) {
        StreamHandle<HealthListener> h = new StreamHandle<>(listener, "connection health");
        h.onClose(() -> thread.execute(() -> listeners.remove(h)));
        thread.execute(() -> {
            if (!h.isActive()) {
                return;
            }
            listeners.add(h);
            h.state(org.tradebench.api.health.DataState.LIVE);
            ConnectionHealth now = current;
            h.deliver(l -> l.onHealth(now));
        });
        return h;
    }

    /** Counts one incoming message (any thread). */
    public void message() {
        messages.mark();
    }

    /** Counts one decoding or protocol error (connector thread). */
    public void error() {
        errors++;
    }

    /** Errors so far. */
    public long errors() {
        return errors;
    }

    /** Counts a reconnect (connector thread). */
    public void reconnected() {
        reconnects++;
    }

    /** @param d the latest ping round trip */
    public void latency(Duration d) {
        latency = d;
    }

    /** @param cause why maintenance, or null when none */
    public void maintenance(String cause) {
        maintenance = cause;
    }

    /** Whether the exchange is in maintenance. */
    public boolean inMaintenance() {
        return maintenance != null;
    }

    /** @param open whether the primary socket is open */
    public void primaryOpen(boolean open) {
        primaryOpen = open;
        if (open) {
            everOpened = true;
        }
    }

    /** @param loss what the last loss was, for the cause text */
    public void lost(String loss) {
        lastLoss = loss;
    }

    /** @param cause why data is stale, or null when fresh */
    public void stale(String cause) {
        staleCause = cause;
    }

    /**
     * @param active whether REST polling replaces the socket
     * @param problem the last REST problem, or null when REST answers
     */
    public void fallback(boolean active, String problem) {
        fallback = active;
        restProblem = problem;
    }

    /** The connector closed. */
    public void closed() {
        closed = true;
    }

    /** Recomputes the health and tells listeners of a change of state or cause. Connector thread. */
    public void update() {
        publish(false);
    }

    /** Recomputes and tells listeners if anything changed, counters included (the 1 s tick). */
    public void tick() {
        publish(true);
    }

    private void publish(boolean counters) {
        ConnectionState state;
        String cause;
        if (closed) {
            state = ConnectionState.DISCONNECTED;
            cause = "closed";
        } else if (maintenance != null) {
            state = ConnectionState.MAINTENANCE;
            cause = maintenance;
        } else if (primaryOpen) {
            state = staleCause == null ? ConnectionState.LIVE : ConnectionState.STALE;
            cause = staleCause == null ? "" : staleCause;
        } else if (fallback && restProblem == null) {
            state = ConnectionState.REST_FALLBACK;
            cause = "WebSocket down (" + lastLoss + "); market data polled over REST";
        } else if (everOpened || !lastLoss.isEmpty()) {
            // A failed first attempt is a retry too: "connecting" for minutes would hide the cause.
            state = ConnectionState.RECONNECTING;
            cause = lastLoss + (restProblem == null ? "" : "; REST: " + restProblem);
        } else {
            state = ConnectionState.CONNECTING;
            cause = lastLoss;
        }
        ConnectionHealth before = published;
        boolean changed = before == null || before.state() != state || !before.cause().equals(cause);
        Instant since = changed || before == null ? Instant.now() : before.since();
        ConnectionHealth next = new ConnectionHealth(state, cause, since, latency, messages.perSecond(), reconnects,
                errors);
        current = next;
        if (changed || (counters && (before.reconnects() != reconnects || before.errors() != errors
                || !Objects.equals(before.latency(), latency)
                || Math.abs(before.messagesPerSecond() - next.messagesPerSecond()) > 0.01))) {
            published = next;
            for (StreamHandle<HealthListener> h : List.copyOf(listeners)) {
                h.deliver(l -> l.onHealth(next));
            }
        }
    }
}
