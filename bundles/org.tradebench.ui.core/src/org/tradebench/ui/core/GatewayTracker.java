package org.tradebench.ui.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.tradebench.api.trading.OrderGateway;

/**
 * Tracks the {@link OrderGateway} service: the only way an order leaves the workbench. Views that
 * place, amend or cancel orders (order entry, the orders and positions views, one-click trading in
 * the book) ask it for the gateway at the moment of the click and say so when there is none
 * ("order gateway not running: orders cannot be sent") rather than disabling silently.
 *
 * <pre>{@code
 * gateways = GatewayTracker.open(OrderEntryView.class);
 * gateways.addListener(t -> refresh.schedule());    // registry thread: just schedule
 * ...
 * Optional<OrderGateway> g = gateways.gateway();   // display thread, at the click
 * g.ifPresentOrElse(x -> x.place(account, request, progress), () -> showError(GatewayTracker.MISSING));
 * }</pre>
 *
 * <p>Thread-safe. Listeners run on the thread that changed the registry and must not block.
 */
public final class GatewayTracker implements AutoCloseable {

    /** What a view says when no gateway is registered. */
    public static final String MISSING = "the order gateway is not running: orders cannot be sent";

    /** Told that the gateway came or went. */
    @FunctionalInterface
    public interface Listener {
        /**
         * The gateway service changed. Runs on a registry thread; must not block.
         *
         * @param tracker the tracker, for {@link GatewayTracker#gateway()}
         */
        void gatewayChanged(GatewayTracker tracker);
    }

    private final ServiceTracker<OrderGateway, OrderGateway> tracker;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /**
     * A tracker over the registry seen by a bundle context; call {@link #open()} to start.
     *
     * @param context the context of the bundle that sends orders
     */
    public GatewayTracker(BundleContext context) {
        Objects.requireNonNull(context, "context");
        this.tracker = new ServiceTracker<>(context, OrderGateway.class,
                new ServiceTrackerCustomizer<OrderGateway, OrderGateway>() {
                    @Override
                    public OrderGateway addingService(ServiceReference<OrderGateway> reference) {
                        OrderGateway g = context.getService(reference);
                        if (g != null) {
                            tell();
                        }
                        return g;
                    }

                    @Override
                    public void modifiedService(ServiceReference<OrderGateway> reference, OrderGateway service) {
                        tell();
                    }

                    @Override
                    public void removedService(ServiceReference<OrderGateway> reference, OrderGateway service) {
                        context.ungetService(reference);
                        tell();
                    }
                });
    }

    /**
     * Opens a tracker with the bundle context of the bundle that defines {@code caller}.
     *
     * @param caller a class of the calling bundle, usually the view class
     * @return an open tracker
     * @throws IllegalStateException when the class is not loaded by a started OSGi bundle
     */
    public static GatewayTracker open(Class<?> caller) {
        Bundle bundle = FrameworkUtil.getBundle(caller);
        if (bundle == null || bundle.getBundleContext() == null) {
            throw new IllegalStateException(caller.getName() + " is not loaded by a started OSGi bundle;"
                    + " declare Bundle-ActivationPolicy: lazy in its manifest");
        }
        return new GatewayTracker(bundle.getBundleContext()).open();
    }

    /**
     * Starts tracking.
     *
     * @return this tracker
     */
    public GatewayTracker open() {
        tracker.open();
        return this;
    }

    /** Stops tracking. Idempotent; listeners are not called. */
    @Override
    public void close() {
        listeners.clear();
        tracker.close();
    }

    /**
     * Adds a change listener.
     *
     * @param listener told when the gateway comes or goes
     * @return removes it
     */
    public Registration addListener(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * The gateway, best-ranked first.
     *
     * @return the gateway, or empty while none is registered
     */
    public Optional<OrderGateway> gateway() {
        return Optional.ofNullable(tracker.getService());
    }

    private void tell() {
        for (Listener l : listeners) {
            try {
                l.gatewayChanged(this);
            } catch (RuntimeException e) {
                System.getLogger(GatewayTracker.class.getName()).log(System.Logger.Level.WARNING,
                        "a gateway listener failed", e);
            }
        }
    }
}
