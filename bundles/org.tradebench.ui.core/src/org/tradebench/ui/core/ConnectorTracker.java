package org.tradebench.ui.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.instrument.InstrumentId;

/**
 * Tracks the {@link ExchangeConnector} services in the OSGi registry, best first: highest
 * {@code service.ranking}, then oldest registration. The first one is the <em>default
 * connector</em>; the embedded simulated exchange registers with the lowest ranking, so any real
 * connector that is installed wins.
 *
 * <p>Connectors come and go at any time (bundles are installed, updated, stopped). A view opens one
 * tracker when it creates its controls, re-binds in its change listener, and closes the tracker
 * when it is disposed:
 *
 * <pre>{@code
 * tracker = ConnectorTracker.open(OrderBookView.class);
 * UiThrottler rebind = new UiThrottler(control, UiThrottler.DEFAULT_INTERVAL, this::rebind);
 * tracker.addListener(t -> rebind.schedule()); // registry thread: just schedule
 * rebind.schedule();                          // bind to what is there already
 *
 * void rebind() {                             // display thread
 *     Optional<ExchangeConnector> c = tracker.connectorFor(instrument).or(tracker::defaultConnector);
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Listeners run on whatever thread changed the registry (never assume the display
 * thread) and must not block; a listener that throws does not stop the others. The tracker holds
 * the service objects; a connector returned by a query may be unregistered right after, so a view
 * calls its methods in a {@code try} and waits for the next change notification.
 */
public final class ConnectorTracker implements AutoCloseable {

    /** Told that the set of connectors, or their order, changed. */
    @FunctionalInterface
    public interface Listener {
        /**
         * The tracked connectors changed: one came, went, or changed its service properties. Runs
         * on a registry thread; must not block.
         *
         * @param tracker the tracker, for queries
         */
        void connectorsChanged(ConnectorTracker tracker);
    }

    private final ServiceTracker<ExchangeConnector, ExchangeConnector> tracker;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    // our own view of the tracked services, updated before listeners are told (ServiceTracker
    // records a service only after addingService returns)
    private final Map<ServiceReference<ExchangeConnector>, ExchangeConnector> services = new ConcurrentHashMap<>();

    /**
     * A tracker over the registry seen by a bundle context; call {@link #open()} to start.
     *
     * @param context the context of the bundle that uses the connectors
     */
    public ConnectorTracker(BundleContext context) {
        Objects.requireNonNull(context, "context");
        this.tracker = new ServiceTracker<>(context, ExchangeConnector.class, new Customizer(context));
    }

    /**
     * Opens a tracker with the bundle context of the bundle that defines {@code caller}, so service
     * use is recorded against the view's own bundle.
     *
     * @param caller a class of the calling bundle, usually the view class
     * @return an open tracker
     * @throws IllegalStateException when the class is not loaded by a started OSGi bundle (views
     *         declare {@code Bundle-ActivationPolicy: lazy} so that they are)
     */
    public static ConnectorTracker open(Class<?> caller) {
        Bundle bundle = FrameworkUtil.getBundle(caller);
        if (bundle == null) {
            throw new IllegalStateException(caller.getName() + " is not loaded by an OSGi bundle");
        }
        BundleContext context = bundle.getBundleContext();
        if (context == null) {
            throw new IllegalStateException("bundle " + bundle.getSymbolicName()
                    + " is not started; declare Bundle-ActivationPolicy: lazy in its manifest");
        }
        ConnectorTracker tracker = new ConnectorTracker(context);
        tracker.open();
        return tracker;
    }

    /**
     * Starts tracking. Listeners added before are told about the connectors already registered.
     *
     * @return this tracker
     */
    public ConnectorTracker open() {
        tracker.open();
        return this;
    }

    /** Stops tracking and releases the services. Idempotent; listeners are not called. */
    @Override
    public void close() {
        listeners.clear();
        tracker.close();
        services.clear();
    }

    /**
     * Adds a change listener.
     *
     * @param listener called on every change, on a registry thread
     * @return a handle that removes the listener when closed
     */
    public Registration addListener(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * All tracked connectors, best first.
     *
     * @return an immutable list, empty when none is registered
     */
    public List<ExchangeConnector> connectors() {
        return best().stream().map(Map.Entry::getValue).toList();
    }

    /**
     * The default connector: the one with the highest {@code service.ranking}.
     *
     * @return the connector, or empty when none is registered
     */
    public Optional<ExchangeConnector> defaultConnector() {
        List<Map.Entry<ServiceReference<ExchangeConnector>, ExchangeConnector>> best = best();
        return best.isEmpty() ? Optional.empty() : Optional.of(best.get(0).getValue());
    }

    /**
     * The best connector with an exchange id ({@value ExchangeConnector#PROPERTY_EXCHANGE_ID}
     * service property, or {@link ExchangeConnector#id()} when the property is missing).
     *
     * @param exchangeId for example {@code "simulated"}
     * @return the connector, or empty
     */
    public Optional<ExchangeConnector> connector(String exchangeId) {
        Objects.requireNonNull(exchangeId, "exchangeId");
        for (Map.Entry<ServiceReference<ExchangeConnector>, ExchangeConnector> e : best()) {
            if (exchangeId.equals(exchangeId(e.getKey(), e.getValue()))) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * The connector that serves an instrument (by its exchange id).
     *
     * @param instrument the instrument
     * @return the connector, or empty when that exchange is not installed
     */
    public Optional<ExchangeConnector> connectorFor(InstrumentId instrument) {
        return connector(instrument.exchangeId());
    }

    // sorted on every query: a ranking can change in place (modifiedService), which would corrupt
    // a sorted map keyed by the references; there are only ever a handful of connectors
    private List<Map.Entry<ServiceReference<ExchangeConnector>, ExchangeConnector>> best() {
        List<Map.Entry<ServiceReference<ExchangeConnector>, ExchangeConnector>> entries = new ArrayList<>(
                services.entrySet());
        // ServiceReference.compareTo: higher ranking (then lower service id) compares greater
        entries.sort((a, b) -> b.getKey().compareTo(a.getKey()));
        return entries;
    }

    private static String exchangeId(ServiceReference<ExchangeConnector> ref, ExchangeConnector connector) {
        Object property = ref.getProperty(ExchangeConnector.PROPERTY_EXCHANGE_ID);
        if (property instanceof String s && !s.isBlank()) {
            return s;
        }
        try {
            return connector.id();
        } catch (RuntimeException broken) {
            return null;
        }
    }

    private void fireChanged() {
        for (Listener l : listeners) {
            try {
                l.connectorsChanged(this);
            } catch (RuntimeException e) {
                // one broken listener must not starve the others; the registry thread keeps going
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
        }
    }

    private final class Customizer implements ServiceTrackerCustomizer<ExchangeConnector, ExchangeConnector> {
        private final BundleContext context;

        Customizer(BundleContext context) {
            this.context = context;
        }

        @Override
        public ExchangeConnector addingService(ServiceReference<ExchangeConnector> reference) {
            ExchangeConnector connector = context.getService(reference);
            if (connector != null) {
                services.put(reference, connector);
                fireChanged();
            }
            return connector;
        }

        @Override
        public void modifiedService(ServiceReference<ExchangeConnector> reference, ExchangeConnector service) {
            fireChanged();
        }

        @Override
        public void removedService(ServiceReference<ExchangeConnector> reference, ExchangeConnector service) {
            services.remove(reference);
            context.ungetService(reference);
            fireChanged();
        }
    }
}
