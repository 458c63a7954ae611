package org.tradebench.connector.binance.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.CredentialStore;
import org.tradebench.api.credentials.ListenerRegistration;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.connector.binance.internal.trading.BinanceTradingConfig;

/**
 * What the two Binance components share: the workbench's {@link ExchangeConnector} service of one
 * market is registered <em>only while that market is enabled</em>, explicitly ({@code enabled=true}
 * in its configuration or {@code tradebench.<id>.enabled=true}) or by keys stored for its id in the
 * {@link CredentialStore}. Otherwise nothing runs. Starts, stops, registrations and
 * unregistrations run on one serial lifecycle executor ({@code <id>-lifecycle}), as the Bitfinex
 * component does. Keys only enable the market for now (trading comes later); they are read,
 * checked for presence and wiped at once.
 */
final class ConnectorLifecycle {

    private static final Logger LOG = System.getLogger(ConnectorLifecycle.class.getName());

    private final BinanceMarket market;
    private final Object lock = new Object();
    private CredentialStore store;
    private ListenerRegistration storeSubscription;
    private BundleContext context;
    private Map<String, Object> properties = Map.of();
    private ThreadPoolExecutor lifecycle;
    private BinanceConnector connector;
    private ServiceRegistration<ExchangeConnector> registration;

    ConnectorLifecycle(BinanceMarket market) {
        this.market = market;
    }

    void activate(BundleContext ctx, Map<String, Object> props) {
        synchronized (lock) {
            context = ctx;
            properties = Map.copyOf(props);
            lifecycle = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, market.id() + "-lifecycle");
                t.setDaemon(true);
                return t;
            });
            lifecycle.execute(this::reconcile);
        }
    }

    void deactivate() {
        ThreadPoolExecutor executor;
        synchronized (lock) {
            executor = lifecycle;
            lifecycle = null;
            context = null;
        }
        if (executor == null) {
            return;
        }
        executor.execute(this::stop);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, market.displayName() + ": the connector did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void bindStore(CredentialStore credentialStore) {
        ListenerRegistration subscription = credentialStore.subscribe(exchangeId -> {
            if (market.id().equals(exchangeId)) {
                submit();
            }
        });
        ListenerRegistration previous;
        synchronized (lock) {
            previous = storeSubscription;
            store = credentialStore;
            storeSubscription = subscription;
            submitLocked();
        }
        if (previous != null) {
            previous.close();
        }
    }

    void unbindStore(CredentialStore credentialStore) {
        ListenerRegistration subscription;
        synchronized (lock) {
            if (store != credentialStore) {
                return;
            }
            store = null;
            subscription = storeSubscription;
            storeSubscription = null;
            submitLocked();
        }
        if (subscription != null) {
            subscription.close();
        }
    }

    private void submit() {
        synchronized (lock) {
            submitLocked();
        }
    }

    private void submitLocked() {
        if (lifecycle != null) {
            lifecycle.execute(this::reconcile);
        }
    }

    private void reconcile() {
        CredentialStore s;
        Map<String, Object> props;
        BundleContext ctx;
        synchronized (lock) {
            s = store;
            props = properties;
            ctx = context;
        }
        if (ctx == null) {
            return;
        }
        boolean enabled;
        try {
            enabled = BinanceConfig.enabled(market, props, System.getProperties()) || hasKeys(s);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, market.displayName() + ": unreadable setting: " + e.getMessage());
            enabled = false;
        }
        if (!enabled && connector != null) {
            stop();
        } else if (enabled && connector == null) {
            start(ctx, props, s);
        }
    }

    private boolean hasKeys(CredentialStore s) {
        if (s == null) {
            return false;
        }
        try {
            Optional<ApiCredentials> keys = s.credentials(market.id());
            keys.ifPresent(ApiCredentials::wipe);
            return keys.isPresent();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, market.displayName() + ": could not read the credential store: " + e.getMessage());
            return false;
        }
    }

    private Optional<ApiCredentials> keys(CredentialStore s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return s.credentials(market.id());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, market.displayName() + ": could not read the credential store: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void start(BundleContext ctx, Map<String, Object> props, CredentialStore s) {
        BinanceConnector started;
        try {
            Optional<ApiCredentials> keys = keys(s);
            try {
                started = BinanceConnector.start(BinanceConfig.from(market, props, System.getProperties()),
                        BinanceTradingConfig.from(market, props, System.getProperties()), keys.orElse(null),
                        FrameTap.NONE);
            } finally {
                keys.ifPresent(ApiCredentials::wipe);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, market.displayName() + ": the connector could not start: " + e.getMessage());
            return;
        }
        connector = started;
        Dictionary<String, Object> sp = new Hashtable<>();
        sp.put(ExchangeConnector.PROPERTY_EXCHANGE_ID, market.id());
        sp.put(ExchangeConnector.PROPERTY_DISPLAY_NAME, market.displayName());
        sp.put(Constants.SERVICE_RANKING, Integer.valueOf(0));
        try {
            registration = ctx.registerService(ExchangeConnector.class, started, sp);
        } catch (IllegalStateException e) {
            stop();
        }
    }

    private void stop() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // the bundle unregistered it
            }
            registration = null;
        }
        if (connector != null) {
            try {
                connector.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, market.displayName() + ": closing the connector failed: " + e);
            }
            connector = null;
        }
    }
}
