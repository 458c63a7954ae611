package org.tradebench.connector.support.service;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.CredentialStore;
import org.tradebench.api.credentials.ListenerRegistration;
import org.tradebench.api.spi.OpenConnector;

/**
 * Runs the workbench's connector of one exchange <em>only while that exchange is enabled</em>:
 * explicitly (a setting such as {@code enabled=true}, read by the bundle's predicate), switched on
 * in the installation's {@link ExchangeSwitches} (the installer does that for an exchange installed
 * from an update site), or by keys stored for its id in the {@link CredentialStore}. Otherwise
 * nothing runs: no connector, no socket, no thread, no service. What every connector bundle's DS
 * component would otherwise write again.
 *
 * <p>In a headless command ({@value #SERVICES_PROPERTY}{@code =off}, which the {@code tradebench}
 * launcher sets for every command) no connector service starts at all: commands open the
 * connectors they need through their {@link org.tradebench.api.spi.ConnectorProvider}, with their
 * own settings, and a second connection to the exchange would only count against its limits.
 *
 * <p>When the stored keys of the exchange change (stored, replaced, removed, or moved to another
 * {@link org.tradebench.api.credentials.KeyEnvironment environment}), the running connector is
 * stopped and its service unregistered, and, while still enabled, a new connector with the new keys
 * is started and registered (views tracking {@code ExchangeConnector} services rebind). Keys saved
 * unchanged do not restart it: a restart can cancel open orders (Bitfinex's dead-man switch). The
 * comparison uses a salted HMAC of the keys, never the keys.
 *
 * <p>Every start, stop, registration and unregistration runs on one serial executor whose only
 * thread, {@code <exchangeId>-lifecycle}, exists while there is work and ends a second after. The
 * store's copy of the keys is wiped once the connector started with its own copy. Nothing here
 * logs a secret: failures are logged with the store's or the connector's message, which never
 * carries one.
 *
 * <pre>{@code
 * @Component(service = {}, immediate = true, configurationPid = "org.tradebench.connector.acme",
 *         configurationPolicy = ConfigurationPolicy.OPTIONAL)
 * public final class AcmeComponent {
 *     private final ConnectorServiceLifecycle lifecycle = new ConnectorServiceLifecycle("acme", "Acme",
 *             props -> AcmeConfig.enabled(props, System.getProperties()),
 *             (props, keys) -> AcmeConnector.start(AcmeConfig.from(props, keys), keys));
 *
 *     @Activate
 *     void activate(BundleContext ctx, Map<String, Object> props) {
 *         lifecycle.activate(props, c -> ctx.registerService(ExchangeConnector.class, c,
 *                 lifecycle.serviceProperties())::unregister);
 *     }
 *     @Deactivate void deactivate() { lifecycle.deactivate(); }
 *     // bindStore / unbindStore: a dynamic, optional, greedy reference to CredentialStore
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ConnectorServiceLifecycle {

    /** Starts a connector. */
    @FunctionalInterface
    public interface Starter {
        /**
         * Starts the exchange's connector (on the lifecycle thread).
         *
         * @param properties the component properties
         * @param keys the stored keys (the starter keeps its own copy; this one is wiped after), or
         *        null for market data only
         * @return the running connector
         * @throws RuntimeException with a message that names what is wrong (logged; nothing runs)
         */
        OpenConnector start(Map<String, Object> properties, ApiCredentials keys);
    }

    /** Registers a running connector as a service. */
    @FunctionalInterface
    public interface Registrar {
        /**
         * Registers the connector.
         *
         * @param connector the connector
         * @return unregisters it
         * @throws IllegalStateException when the bundle is stopping (the connector is then closed)
         */
        Runnable register(ExchangeConnector connector);
    }

    /**
     * The system property that keeps every connector service off in this process when it is
     * {@code off}: {@value}.
     */
    public static final String SERVICES_PROPERTY = "tradebench.connector.services";

    private static final Logger LOG = System.getLogger(ConnectorServiceLifecycle.class.getName());

    private final String exchangeId;
    private final String displayName;
    private final Predicate<Map<String, Object>> enabled;
    private final Starter starter;
    private final ExchangeSwitches switches;
    /** Random per lifecycle: a fingerprint says nothing outside this process. */
    private final byte[] fingerprintSalt = new SecureRandom().generateSeed(32);

    private final Object lock = new Object();
    // guarded by lock
    private CredentialStore store;
    private ListenerRegistration storeSubscription;
    private Registrar registrar;
    private Map<String, Object> properties = Map.of();
    private ThreadPoolExecutor lifecycle;
    private Runnable switchListener;

    // confined to the lifecycle executor
    private OpenConnector running;
    private Runnable unregister;
    private byte[] runningFingerprint;

    /**
     * @param exchangeId the connector id, for example {@code "binance"}
     * @param displayName a name for people, for the service property and log messages
     * @param enabled whether the component's properties (and the system properties the predicate
     *        reads) switch the exchange on without keys; may throw with a message naming the bad
     *        setting (the exchange then counts as not switched on)
     * @param starter starts the connector
     */
    public ConnectorServiceLifecycle(String exchangeId, String displayName, Predicate<Map<String, Object>> enabled,
            Starter starter) {
        this(exchangeId, displayName, enabled, starter, ExchangeSwitches.shared());
    }

    /**
     * The same with switches of the caller's choice (tests).
     *
     * @param exchangeId the connector id
     * @param displayName a name for people
     * @param enabled whether the component's properties switch the exchange on
     * @param starter starts the connector
     * @param switches the exchanges switched on
     */
    public ConnectorServiceLifecycle(String exchangeId, String displayName, Predicate<Map<String, Object>> enabled,
            Starter starter, ExchangeSwitches switches) {
        this.exchangeId = ApiCredentials.requireExchangeId(exchangeId);
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.enabled = Objects.requireNonNull(enabled, "enabled");
        this.starter = Objects.requireNonNull(starter, "starter");
        this.switches = Objects.requireNonNull(switches, "switches");
    }

    /**
     * Whether connector services may run in this process.
     *
     * @return false when {@value #SERVICES_PROPERTY} is {@code off} (headless commands)
     */
    public static boolean servicesAllowed() {
        return !"off".equalsIgnoreCase(System.getProperty(SERVICES_PROPERTY, "").strip());
    }

    /** The lifecycle thread's name: {@code <exchangeId>-lifecycle}. */
    public String threadName() {
        return exchangeId + "-lifecycle";
    }

    /**
     * The connector service's properties: {@code exchange.id}, {@code exchange.name} and the normal
     * ranking 0.
     *
     * @return a new dictionary
     */
    public Dictionary<String, Object> serviceProperties() {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(ExchangeConnector.PROPERTY_EXCHANGE_ID, exchangeId);
        p.put(ExchangeConnector.PROPERTY_DISPLAY_NAME, displayName);
        p.put("service.ranking", Integer.valueOf(0));
        return p;
    }

    /**
     * The component was activated: starts the connector when the exchange is enabled (on the
     * lifecycle thread).
     *
     * @param componentProperties the component properties
     * @param serviceRegistrar registers a started connector
     */
    public void activate(Map<String, Object> componentProperties, Registrar serviceRegistrar) {
        Objects.requireNonNull(serviceRegistrar, "serviceRegistrar");
        synchronized (lock) {
            properties = Map.copyOf(componentProperties);
            registrar = serviceRegistrar;
            lifecycle = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, threadName());
                t.setDaemon(true);
                return t;
            });
            switchListener = switches.listen(id -> {
                if (exchangeId.equals(id)) {
                    submit(false); // the switching thread: hand over, don't block
                }
            });
            lifecycle.execute(() -> reconcile(false));
        }
    }

    /** The component is deactivated: unregisters the service and stops the connector before returning. */
    public void deactivate() {
        ThreadPoolExecutor executor;
        Runnable listener;
        synchronized (lock) {
            executor = lifecycle;
            lifecycle = null;
            registrar = null;
            listener = switchListener;
            switchListener = null;
        }
        if (listener != null) {
            listener.run();
        }
        if (executor == null) {
            return;
        }
        executor.execute(this::stop);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, displayName + ": the connector did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A credential store appeared (or replaced the previous one).
     *
     * @param credentialStore the store
     */
    public void bindStore(CredentialStore credentialStore) {
        // subscribed outside the lock: the store's own locks never nest inside ours
        ListenerRegistration subscription = credentialStore.subscribe(id -> {
            if (exchangeId.equals(id)) {
                submit(true); // the store's thread: hand over, don't block
            }
        });
        ListenerRegistration previous;
        synchronized (lock) {
            previous = storeSubscription;
            store = credentialStore;
            storeSubscription = subscription;
            submitLocked(false);
        }
        if (previous != null) {
            previous.close();
        }
    }

    /**
     * The credential store went away: without the explicit switch, the exchange is disabled.
     *
     * @param credentialStore the store
     */
    public void unbindStore(CredentialStore credentialStore) {
        ListenerRegistration subscription;
        synchronized (lock) {
            if (store != credentialStore) {
                return; // already replaced by bindStore
            }
            store = null;
            subscription = storeSubscription;
            storeSubscription = null;
            submitLocked(false);
        }
        if (subscription != null) {
            subscription.close();
        }
    }

    private void submit(boolean keysChanged) {
        synchronized (lock) {
            submitLocked(keysChanged);
        }
    }

    private void submitLocked(boolean keysChanged) {
        if (lifecycle != null) {
            lifecycle.execute(() -> reconcile(keysChanged));
        }
    }

    /** Lifecycle thread: brings the running connector in line with the settings and the keys. */
    private void reconcile(boolean keysChanged) {
        CredentialStore s;
        Map<String, Object> props;
        Registrar r;
        synchronized (lock) {
            s = store;
            props = properties;
            r = registrar;
        }
        if (r == null) {
            return; // deactivated; the queued stop() follows
        }
        if (!servicesAllowed()) {
            stop();
            return; // a headless command: it opens its own connectors through the providers
        }
        boolean explicit;
        try {
            explicit = enabled.test(props) || switches.isOn(exchangeId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, displayName + ": unreadable setting: " + e.getMessage());
            explicit = false;
        }
        ApiCredentials keys = readKeys(s);
        try {
            boolean on = explicit || keys != null;
            byte[] fingerprint = fingerprint(keys);
            if (running != null && (!on || !MessageDigest.isEqual(fingerprint, runningFingerprint))) {
                if (keysChanged) {
                    LOG.log(Level.INFO, displayName + ": the stored keys changed; restarting the connector");
                }
                stop();
            } else if (running != null && keysChanged) {
                LOG.log(Level.DEBUG, displayName + ": the keys were saved unchanged; the connector keeps running");
            }
            if (on && running == null) {
                start(r, props, keys, fingerprint);
            }
        } finally {
            if (keys != null) {
                keys.wipe();
            }
        }
    }

    private ApiCredentials readKeys(CredentialStore s) {
        if (s == null) {
            return null;
        }
        try {
            Optional<ApiCredentials> keys = s.credentials(exchangeId);
            return keys.orElse(null);
        } catch (RuntimeException e) {
            // CredentialStoreException messages say what failed, never with which secret
            LOG.log(Level.WARNING, displayName + ": could not read the API key from the credential store, so "
                    + displayName + " trading stays off: " + e.getMessage());
            return null;
        }
    }

    private void start(Registrar r, Map<String, Object> props, ApiCredentials keys, byte[] fingerprint) {
        OpenConnector started;
        try {
            started = starter.start(props, keys);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, displayName + ": the connector could not start: " + e.getMessage());
            return;
        }
        running = started;
        runningFingerprint = fingerprint;
        try {
            unregister = r.register(started.connector());
        } catch (IllegalStateException e) {
            stop(); // the bundle is stopping
        }
    }

    private void stop() {
        if (unregister != null) {
            try {
                unregister.run();
            } catch (IllegalStateException e) {
                // already unregistered with the bundle
            }
            unregister = null;
        }
        if (running != null) {
            try {
                running.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, displayName + ": closing the connector failed: " + e);
            }
            running = null;
        }
        runningFingerprint = null;
    }

    /**
     * HMAC-SHA256 under a random per-lifecycle key of the key type, environment, API key, secret and
     * passphrase: equal for equal credentials, useless to anyone else. Empty without keys.
     */
    private byte[] fingerprint(ApiCredentials keys) {
        if (keys == null) {
            return new byte[0];
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(fingerprintSalt, "HmacSHA256"));
            mac.update((keys.keyType() + "\u0000" + keys.environment() + "\u0000" + keys.apiKey() + "\u0000")
                    .getBytes(StandardCharsets.UTF_8));
            keys.withSecret(secret -> {
                ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
                mac.update(b);
                Arrays.fill(b.array(), (byte) 0);
                return null;
            });
            if (keys.hasPassphrase()) {
                char[] p = keys.passphrase();
                try {
                    mac.update((byte) 0);
                    ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(p));
                    mac.update(b);
                    Arrays.fill(b.array(), (byte) 0);
                } finally {
                    Arrays.fill(p, '\0');
                }
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
