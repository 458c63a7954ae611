package org.tradebench.connector.support.rest;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

import org.tradebench.api.ConnectionControl.TransportMode;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.control.ConnectionSwitch;
import org.tradebench.connector.support.health.HealthModel;

/**
 * REST polling in place of a stream that is down: once the socket has been down for a while, every
 * registered stream is polled at an interval until the socket is back, and the session's health
 * says so ({@code rest-fallback}, or the REST problem while REST fails too).
 *
 * <pre>{@code
 * RestFallback fallback = new RestFallback(runtime, "bitfinex public 0", Duration.ofSeconds(3), Duration.ofSeconds(2), mdSession);
 * fallback.add(bookTopic::poll);             // the stream's REST poll
 * // socket events (runtime lock held):
 * fallback.down();                            // polling starts in 3 s unless the socket is back
 * fallback.up();                              // polling stops
 * // a poll's answer:
 * fallback.answered();  or  fallback.problem("HTTP 429 ...");
 * }</pre>
 *
 * <p>The user's transport mode ({@link #mode(TransportMode)}, from the connector's
 * {@link org.tradebench.connector.support.control.ConnectionSwitch}) overrides the socket's state:
 * {@code REST} polls now whatever the socket does, {@code WEBSOCKET} never polls, and a
 * disconnected connector ({@code null}) neither.
 *
 * <p>Use under the runtime lock. Each poll's own rate limit is the REST client's business.
 */
public final class RestFallback {

    private static final System.Logger LOG = System.getLogger(RestFallback.class.getName());

    /** One stream's REST poll; its answer comes back on the control thread. */
    @FunctionalInterface
    public interface Poll {
        /** Polls once. */
        void poll();
    }

    private final ConnectorRuntime runtime;
    private final String name;
    private final Duration after;
    private final Duration interval;
    private final HealthModel.Session session;
    private final List<Poll> polls = new ArrayList<>();
    private boolean down;
    private boolean active;
    private long downGeneration;
    private String problem;
    private ScheduledFuture<?> timer;
    /** The user's choice; null while disconnected. */
    private TransportMode mode = TransportMode.AUTO;

    /**
     * Creates the fallback for one connection.
     *
     * @param runtime the runtime
     * @param name the connection, for logs
     * @param after socket downtime before polling starts
     * @param interval time between polling rounds
     * @param session the session whose health shows the fallback
     */
    public RestFallback(ConnectorRuntime runtime, String name, Duration after, Duration interval,
            HealthModel.Session session) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.name = Objects.requireNonNull(name, "name");
        this.after = Objects.requireNonNull(after, "after");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.session = Objects.requireNonNull(session, "session");
    }

    /**
     * Adds a stream's poll; polled at once when the fallback is active.
     *
     * @param poll the poll
     */
    public void add(Poll poll) {
        polls.add(Objects.requireNonNull(poll, "poll"));
        if (active) {
            poll.poll();
        }
    }

    /**
     * Removes a stream's poll.
     *
     * @param poll the poll
     */
    public void remove(Poll poll) {
        polls.remove(poll);
    }

    /** The socket went down (first loss or a failed attempt). Polling starts after the delay. */
    public void down() {
        if (down) {
            return;
        }
        down = true;
        enterLater();
    }

    /** Polling starts after the delay unless the socket is back or the mode changed. */
    private void enterLater() {
        long generation = ++downGeneration;
        runtime.schedule(after, () -> {
            if (down && generation == downGeneration && !active && mode == TransportMode.AUTO) {
                enter();
            }
        });
    }

    /** The socket is back: polling stops (unless the user chose REST). */
    public void up() {
        down = false;
        downGeneration++;
        if (mode == TransportMode.REST) {
            return;
        }
        leave("socket back");
    }

    /**
     * The user's transport mode: {@code REST} starts polling now (the connector closes the socket),
     * {@code WEBSOCKET} stops polling and never starts it, {@code AUTO} polls only while the socket
     * is down, {@code null} (disconnected) stops polling.
     *
     * @param wanted the mode, or null while the connector is disconnected
     */
    public void mode(TransportMode wanted) {
        if (wanted == mode) {
            return;
        }
        mode = wanted;
        session.restOnly(wanted == TransportMode.REST);
        if (wanted == TransportMode.REST) {
            if (!active) {
                enter();
            }
        } else if (wanted == TransportMode.AUTO) {
            if (down && !active) {
                enterLater();
            } else if (!down && active) {
                leave("the socket is up");
            }
        } else {
            leave(wanted == null ? "disconnected by the user" : "WebSocket only chosen by the user");
        }
    }

    /**
     * The user's transport mode.
     *
     * @return the mode, or null while disconnected
     */
    public TransportMode mode() {
        return mode;
    }

    private void leave(String why) {
        if (active) {
            LOG.log(Level.INFO, name + ": " + why + "; leaving REST fallback");
        }
        active = false;
        problem = null;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        session.fallback(false, null);
    }

    /**
     * Whether REST polling is on.
     *
     * @return true while polling
     */
    public boolean active() {
        return active;
    }

    /** A poll was answered: REST works. */
    public void answered() {
        if (active && problem != null) {
            problem = null;
            session.fallback(true, null);
        }
    }

    /**
     * A poll failed.
     *
     * @param description what failed, for people
     */
    public void problem(String description) {
        if (active) {
            problem = description;
            session.fallback(true, description);
        }
    }

    private void enter() {
        active = true;
        LOG.log(Level.INFO, mode == TransportMode.REST ? name + ": " + ConnectionSwitch.REST_CHOSEN + "; polling REST"
                : name + ": socket down for " + after.toMillis() + " ms; polling REST");
        session.fallback(true, null);
        round();
        timer = runtime.every(interval, this::round);
    }

    private void round() {
        if (!active) {
            return;
        }
        for (Poll p : List.copyOf(polls)) {
            p.poll();
        }
    }
}
