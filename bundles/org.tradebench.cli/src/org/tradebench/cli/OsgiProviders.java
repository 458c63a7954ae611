package org.tradebench.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.spi.ConnectorProvider;

/**
 * The {@link ConnectorProvider} OSGi services, tracked while a command runs. Connector bundles
 * activate lazily and Declarative Services may register their provider a moment after the command
 * starts, so a lookup waits up to a patience for it (once: after a lookup has waited in vain, the
 * registry is taken as settled).
 *
 * <pre>{@code
 * try (OsgiProviders providers = new OsgiProviders(context, Duration.ofSeconds(2))) {
 *     int status = Cli.run(args, providers, System.in, System.out, System.err);
 * }
 * }</pre>
 *
 * <p>The exchange id is the service property {@value ExchangeConnector#PROPERTY_EXCHANGE_ID}, or
 * {@link ConnectorProvider#exchangeId()} when the property is missing; of two providers of one id
 * the higher ranked wins. Thread-safe.
 */
public final class OsgiProviders implements Providers, AutoCloseable {

    private final ServiceTracker<ConnectorProvider, ConnectorProvider> tracker;
    private final Duration patience;
    private final Object changed = new Object();
    private final Map<ServiceReference<ConnectorProvider>, ConnectorProvider> tracked = new HashMap<>();
    /** Set once a lookup has waited its patience: DS has had its moment, later lookups do not wait. */
    private volatile boolean settled;

    /**
     * Starts tracking.
     *
     * @param context the bundle context
     * @param patience how long a lookup waits for a provider that is not there yet
     */
    public OsgiProviders(BundleContext context, Duration patience) {
        Objects.requireNonNull(context, "context");
        this.patience = Objects.requireNonNull(patience, "patience");
        this.tracker = new ServiceTracker<>(context, ConnectorProvider.class, null) {
            @Override
            public ConnectorProvider addingService(ServiceReference<ConnectorProvider> reference) {
                ConnectorProvider provider = super.addingService(reference);
                if (provider != null) {
                    // Kept here as well: the tracker lists it only after this method returns.
                    synchronized (changed) {
                        tracked.put(reference, provider);
                        changed.notifyAll();
                    }
                }
                return provider;
            }

            @Override
            public void removedService(ServiceReference<ConnectorProvider> reference, ConnectorProvider service) {
                synchronized (changed) {
                    tracked.remove(reference);
                }
                super.removedService(reference, service);
            }
        };
        tracker.open();
    }

    @Override
    public Optional<ConnectorProvider> find(String exchangeId) {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (changed) {
            while (true) {
                ConnectorProvider found = current().get(exchangeId);
                long left = deadline - System.nanoTime();
                if (found != null || left <= 0 || settled) {
                    settled |= found == null;
                    return Optional.ofNullable(found);
                }
                try {
                    changed.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    @Override
    public List<ConnectorProvider> all() {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (changed) {
            // Without any provider yet, DS may still be registering them: wait for the first.
            while (!settled && tracked.isEmpty() && deadline - System.nanoTime() > 0) {
                try {
                    changed.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            settled |= tracked.isEmpty();
            return List.copyOf(current().values());
        }
    }

    /** Stops tracking and releases the services. */
    @Override
    public void close() {
        tracker.close();
    }

    /** The tracked providers by exchange id, the highest ranked of each id. Holds {@code changed}. */
    private Map<String, ConnectorProvider> current() {
        List<ServiceReference<ConnectorProvider>> ranked = new ArrayList<>(tracked.keySet());
        ranked.sort(Comparator.<ServiceReference<ConnectorProvider>>naturalOrder().reversed());
        Map<String, ConnectorProvider> byId = new TreeMap<>();
        for (ServiceReference<ConnectorProvider> ref : ranked) {
            ConnectorProvider provider = tracked.get(ref);
            Object property = ref.getProperty(ExchangeConnector.PROPERTY_EXCHANGE_ID);
            String id = property instanceof String s && !s.isBlank() ? s : provider.exchangeId();
            byId.putIfAbsent(id, provider);
        }
        return byId;
    }
}
