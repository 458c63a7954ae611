package org.tradebench.connector.support.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataSource;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.stream.SharedStream;
import org.tradebench.connector.support.stream.ValueStream;
import org.tradebench.core.health.RateMeter;

/**
 * A connector's {@link ConnectionHealth}, derived from facts its sessions report. Each
 * {@link Session} (market data, trading, account stream, ...) computes its own
 * {@link SessionHealth}:
 *
 * <pre>
 * closed                                       → DISCONNECTED
 * failed (a refusal that retrying cannot fix)  → FAILED, with the cause
 * maintenance                                  → MAINTENANCE
 * open, something stale                        → STALE
 * open                                         → LIVE
 * down, REST answering in its place            → REST_FALLBACK
 * down after having been open, or an attempt failed → RECONNECTING, with the loss
 * first attempt under way                      → CONNECTING
 * </pre>
 *
 * <p>The connection as a whole takes the state of its first session (market data, as a status dot
 * shows it) and sums the counters; the queue lag and slow listeners come from the delivery thread.
 * A trading account shows only its own sessions through a {@link View}.
 *
 * <pre>{@code
 * HealthModel health = new HealthModel(runtime);
 * HealthModel.Session md = health.session(SessionHealth.MARKET_DATA);
 * md.opened();  md.message();  md.latency(Duration.ofMillis(21));  health.update();
 * runtime.every(Duration.ofSeconds(1), health::tick);
 * HealthModel.View account = health.view(SessionHealth.TRADING, SessionHealth.ACCOUNT);
 * }</pre>
 *
 * <p>Facts are set under the runtime lock; {@link #current()} may be read from any thread; listeners
 * hear every change of a state or cause at once and the counters once a second (on the delivery
 * thread, conflated).
 */
public final class HealthModel {

    private final ConnectorRuntime runtime;
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final List<View> views = new ArrayList<>();
    private final View all;
    private boolean closed;

    /**
     * Creates the model with no sessions.
     *
     * @param runtime the connector's runtime
     */
    public HealthModel(ConnectorRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.all = new View(null);
        views.add(all);
    }

    /**
     * A session, created on first use (its position in {@link ConnectionHealth#sessions()} is the
     * order of creation: create market data first).
     *
     * @param name for example {@link SessionHealth#MARKET_DATA}
     * @return the session
     */
    public Session session(String name) {
        return sessions.computeIfAbsent(name, Session::new);
    }

    /**
     * The health now. Any thread.
     *
     * @return the latest value
     */
    public ConnectionHealth current() {
        return all.current;
    }

    /**
     * Streams the health; the current value first. Any thread.
     *
     * @param listener the listener
     * @return the subscription
     */
    public Subscription subscribe(HealthListener listener) {
        return all.subscribe(listener);
    }

    /**
     * A view of some sessions only, for a trading account.
     *
     * @param sessionNames the sessions, the first one gives the view's overall state
     * @return the view
     */
    public View view(String... sessionNames) {
        View v = new View(List.of(sessionNames));
        synchronized (runtime.lock()) {
            views.add(v);
            v.publish(true);
        }
        return v;
    }

    /** The connector closed: every session is DISCONNECTED. */
    public void closed() {
        closed = true;
        update();
    }

    /** Recomputes and tells listeners of a change of state or cause (runtime lock held). */
    public void update() {
        for (View v : views) {
            v.publish(false);
        }
    }

    /** Recomputes and tells listeners when anything changed, counters included (the 1 s tick). */
    public void tick() {
        for (View v : views) {
            v.publish(true);
        }
    }

    /** The health of some sessions, with its own listeners. */
    public final class View {
        private final List<String> names;
        private final ValueStream<HealthListener, ConnectionHealth> listeners;
        // the shape publish() gives (no sessions, no lag yet), so the first tick sees no change
        private volatile ConnectionHealth current = new ConnectionHealth(ConnectionState.CONNECTING, "starting",
                Instant.now(), null, 0, 0, 0, Map.of(), Duration.ZERO, 0);
        private ConnectionHealth published;

        View(List<String> names) {
            this.names = names;
            this.listeners = new ValueStream<>(runtime, "connection health", SharedStream.Owner.NONE);
            // a listener that subscribes before the first update still gets the current value
            // first; with no subscription yet this only sets the stream's latest value
            published = current;
            listeners.publish(current, System.nanoTime());
        }

        /**
         * The health now. Any thread.
         *
         * @return the latest value
         */
        public ConnectionHealth current() {
            return current;
        }

        /**
         * Streams the health; the current value first. Any thread.
         *
         * @param listener the listener
         * @return the subscription
         */
        public Subscription subscribe(HealthListener listener) {
            Objects.requireNonNull(listener, "listener");
            return listeners.attach(listeners.subscription(listener, HealthListener::onHealth));
        }

        private void publish(boolean counters) {
            Map<String, SessionHealth> map = new LinkedHashMap<>();
            for (Session s : sessions.values()) {
                if (names == null || names.contains(s.name)) {
                    map.put(s.name, s.health());
                }
            }
            SessionHealth lead = null;
            if (names != null) {
                for (String n : names) {
                    if (map.containsKey(n)) {
                        lead = map.get(n);
                        break;
                    }
                }
            } else if (!map.isEmpty()) {
                lead = map.values().iterator().next();
            }
            ConnectionState state = closed ? ConnectionState.DISCONNECTED
                    : lead == null ? ConnectionState.CONNECTING : lead.state();
            String cause = closed ? "closed" : lead == null ? "starting" : lead.cause();
            Duration latency = lead == null ? null : lead.latency();
            double rate = 0;
            long reconnects = 0;
            long errors = 0;
            for (SessionHealth h : map.values()) {
                rate += h.messagesPerSecond();
                reconnects += h.reconnects();
                errors += h.errors();
            }
            ConnectionHealth before = published;
            boolean changed = before == null || before.state() != state || !before.cause().equals(cause)
                    || sessionStatesChanged(before.sessions(), map);
            Instant since = changed || before == null ? Instant.now() : before.since();
            ConnectionHealth next = new ConnectionHealth(state, cause, since, latency, rate, reconnects, errors, map,
                    Duration.ofNanos(runtime.delivery().queueLagNanos()), runtime.delivery().slowCallbacks());
            current = next;
            if (changed || (counters && !next.equals(before))) {
                published = next;
                listeners.publish(next, System.nanoTime());
            }
        }

        private boolean sessionStatesChanged(Map<String, SessionHealth> before, Map<String, SessionHealth> now) {
            if (!before.keySet().equals(now.keySet())) {
                return true;
            }
            for (Map.Entry<String, SessionHealth> e : now.entrySet()) {
                SessionHealth b = before.get(e.getKey());
                SessionHealth n = e.getValue();
                if (b.state() != n.state() || !b.cause().equals(n.cause()) || b.source() != n.source()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The facts of one session. Runtime lock held for every setter. */
    public final class Session {
        private final String name;
        private final RateMeter messages = new RateMeter(Duration.ofSeconds(5));
        private DataSource openSource = DataSource.WEBSOCKET;
        private boolean open;
        private boolean everOpened;
        private boolean started;
        private boolean stopped;
        private String lastLoss = "";
        private String stale;
        private String maintenance;
        private String failed;
        private boolean fallback;
        private boolean restOnly;
        private String disconnected;
        private String restProblem;
        private Duration latency;
        private long reconnects;
        private long errors;
        private SessionHealth last;

        Session(String name) {
            this.name = name;
        }

        /**
         * The session's name.
         *
         * @return the name
         */
        public String name() {
            return name;
        }

        /**
         * Where data comes from while open (WEBSOCKET unless the connector says otherwise, for
         * example SIMULATED or REPLAY).
         *
         * @param source the source
         * @return this
         */
        public Session source(DataSource source) {
            openSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The first connection attempt started. */
        public void started() {
            started = true;
            stopped = false;
        }

        /** The session was stopped on purpose (not a loss). */
        public void stopped() {
            stopped = true;
            open = false;
        }

        /** The session is open (connected, authenticated where that applies). */
        public void opened() {
            if (everOpened && !open) {
                reconnects++;
            }
            open = true;
            everOpened = true;
            started = true;
            stopped = false;
            failed = null;
        }

        /**
         * The session was lost, or an attempt failed.
         *
         * @param loss what happened, for people
         */
        public void lost(String loss) {
            open = false;
            lastLoss = Objects.requireNonNull(loss, "loss");
            stale = null;
        }

        /**
         * Something in the session is stale, or nothing is any more.
         *
         * @param cause what is silent, or null when everything is fresh
         */
        public void stale(String cause) {
            stale = cause;
        }

        /**
         * The exchange is in maintenance, or not any more.
         *
         * @param cause what the exchange said, or null when maintenance ended
         */
        public void maintenance(String cause) {
            maintenance = cause;
        }

        /**
         * Whether the exchange is in maintenance.
         *
         * @return true during maintenance
         */
        public boolean inMaintenance() {
            return maintenance != null;
        }

        /**
         * The session failed in a way retrying cannot fix (the exchange refused the keys, the
         * endpoint does not exist), or the failure was cleared.
         *
         * @param cause why, or null to clear
         */
        public void failed(String cause) {
            failed = cause;
        }

        /**
         * REST polling replaces the stream, or stopped doing so.
         *
         * @param active whether polling is on
         * @param problem the last REST problem, or null when REST answers
         */
        public void fallback(boolean active, String problem) {
            fallback = active;
            restProblem = problem;
        }

        /**
         * The user disconnected the session, or connected it again: while disconnected its health is
         * {@link ConnectionState#DISCONNECTED} with the cause, whatever its sockets do.
         *
         * @param cause why (normally {@link org.tradebench.api.ConnectionControl#DISCONNECTED_CAUSE}),
         *        or null when connected again
         */
        public void disconnected(String cause) {
            disconnected = cause;
        }

        /**
         * Whether the user disconnected the session.
         *
         * @return true while disconnected
         */
        public boolean isDisconnected() {
            return disconnected != null;
        }

        /**
         * The user chose REST polling over the socket (the fallback says it polls), or not any more.
         *
         * @param on whether REST only is chosen
         */
        public void restOnly(boolean on) {
            restOnly = on;
        }

        /**
         * A new round-trip measurement.
         *
         * @param roundTrip the latency
         */
        public void latency(Duration roundTrip) {
            latency = roundTrip;
        }

        /** Counts one incoming message. Any thread; allocation-free. */
        public void message() {
            messages.mark();
        }

        /**
         * Counts one incoming message received at a known time: for readers that already stamped
         * the bytes (a clock read per message is a measurable share of a fast stream's cost). Any
         * thread; allocation-free.
         *
         * @param receivedNanos when it arrived, a {@link System#nanoTime()} value
         */
        public void message(long receivedNanos) {
            messages.mark(receivedNanos);
        }

        /** Counts one decoding, protocol or refused-request error. */
        public void error() {
            errors++;
        }

        /**
         * Errors so far.
         *
         * @return the count
         */
        public long errors() {
            return errors;
        }

        /**
         * Whether the session is open.
         *
         * @return true when open
         */
        public boolean isOpen() {
            return open;
        }

        /**
         * The session's health now.
         *
         * @return the value
         */
        public SessionHealth health() {
            ConnectionState state;
            String cause;
            DataSource source;
            if (closed || stopped || !started) {
                state = ConnectionState.DISCONNECTED;
                cause = closed ? "closed" : stopped ? "stopped" : "not started";
                source = DataSource.NONE;
            } else if (disconnected != null) {
                state = ConnectionState.DISCONNECTED;
                cause = disconnected;
                source = DataSource.NONE;
            } else if (failed != null) {
                state = ConnectionState.FAILED;
                cause = failed;
                source = DataSource.NONE;
            } else if (maintenance != null) {
                state = ConnectionState.MAINTENANCE;
                cause = maintenance;
                source = open ? openSource : fallback ? DataSource.REST : DataSource.NONE;
            } else if (open) {
                state = stale == null ? ConnectionState.LIVE : ConnectionState.STALE;
                cause = stale == null ? "" : stale;
                source = openSource;
            } else if (fallback && restProblem == null) {
                state = ConnectionState.REST_FALLBACK;
                cause = restOnly ? org.tradebench.connector.support.control.ConnectionSwitch.REST_CHOSEN + "; data polled over REST"
                        : "stream down (" + lastLoss + "); data polled over REST";
                source = DataSource.REST;
            } else if (everOpened || !lastLoss.isEmpty()) {
                // A failed first attempt is a retry too: "connecting" for minutes would hide the cause.
                state = ConnectionState.RECONNECTING;
                cause = lastLoss + (restProblem == null ? "" : "; REST: " + restProblem);
                source = DataSource.NONE;
            } else {
                state = ConnectionState.CONNECTING;
                cause = lastLoss;
                source = DataSource.NONE;
            }
            SessionHealth before = last;
            Instant since = before != null && before.state() == state && before.cause().equals(cause)
                    ? before.since() : Instant.now();
            SessionHealth h = new SessionHealth(name, state, cause, since, source, latency, messages.perSecond(),
                    reconnects, errors);
            last = h;
            return h;
        }
    }
}
