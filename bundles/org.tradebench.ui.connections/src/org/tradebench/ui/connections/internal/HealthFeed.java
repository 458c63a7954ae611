package org.tradebench.ui.connections.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.Registration;

/**
 * Every tracked connector with its latest connection health: subscribes to the health of each
 * connector that appears, closes the subscription of each that goes, and says when anything
 * changed. What the Connections view and the status bar dots both show.
 *
 * <p>Thread-safe. The change callback runs on a connector's or the registry's thread and must only
 * schedule work (a {@link org.tradebench.ui.core.UiThrottler}).
 */
public final class HealthFeed implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HealthFeed.class.getName());

    /** A connector and its latest health (null before the first value). */
    public record Entry(ExchangeConnector connector, ConnectionHealth health) {
    }

    private final ConnectorTracker tracker;
    private final Runnable changed;
    private final Registration registration;
    private final Object lock = new Object();
    // guarded by lock
    private final Map<ExchangeConnector, Subscription> subscriptions = new IdentityHashMap<>();
    private final Map<ExchangeConnector, ConnectionHealth> latest = new IdentityHashMap<>();
    private boolean closed;

    /**
     * Starts following the tracker's connectors.
     *
     * @param tracker an open tracker (not closed by this feed)
     * @param changed called after every change of the connectors or of a health value
     */
    public HealthFeed(ConnectorTracker tracker, Runnable changed) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.changed = Objects.requireNonNull(changed, "changed");
        this.registration = tracker.addListener(t -> sync());
        sync();
    }

    private void sync() {
        List<ExchangeConnector> now = tracker.connectors();
        List<Subscription> gone = new ArrayList<>();
        List<ExchangeConnector> added = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return;
            }
            for (var it = subscriptions.entrySet().iterator(); it.hasNext();) {
                var e = it.next();
                if (!now.contains(e.getKey())) {
                    gone.add(e.getValue());
                    latest.remove(e.getKey());
                    it.remove();
                }
            }
            for (ExchangeConnector c : now) {
                if (!subscriptions.containsKey(c)) {
                    added.add(c);
                    subscriptions.put(c, null); // reserved: a second sync does not subscribe twice
                }
            }
        }
        for (Subscription s : gone) {
            closeQuietly(s);
        }
        for (ExchangeConnector c : added) {
            Subscription s;
            try {
                s = c.subscribeHealth(h -> {
                    synchronized (lock) {
                        if (closed || !subscriptions.containsKey(c)) {
                            return;
                        }
                        latest.put(c, h);
                    }
                    changed.run();
                });
            } catch (RuntimeException e) {
                // a connector unregistered meanwhile, or broken: the next change notification tells
                LOG.log(Level.WARNING, "health of " + safeId(c) + " not available: " + e.getMessage());
                continue;
            }
            boolean keep;
            synchronized (lock) {
                keep = !closed && subscriptions.containsKey(c);
                if (keep) {
                    subscriptions.put(c, s);
                }
            }
            if (!keep) {
                closeQuietly(s);
            }
        }
        changed.run();
    }

    /**
     * The connectors in the tracker's order (best first), each with its latest health.
     *
     * @return a snapshot
     */
    public List<Entry> entries() {
        List<ExchangeConnector> order = tracker.connectors();
        List<Entry> result = new ArrayList<>(order.size());
        synchronized (lock) {
            for (ExchangeConnector c : order) {
                if (subscriptions.containsKey(c)) {
                    result.add(new Entry(c, latest.get(c)));
                }
            }
        }
        return result;
    }

    /** Closes every health subscription; no callback after. Idempotent. */
    @Override
    public void close() {
        List<Subscription> all;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(subscriptions.values());
            subscriptions.clear();
            latest.clear();
        }
        registration.close();
        for (Subscription s : all) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Subscription s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "closing a health subscription: " + e.getMessage());
        }
    }

    private static String safeId(ExchangeConnector c) {
        try {
            return c.id();
        } catch (RuntimeException e) {
            return "a connector";
        }
    }
}
