package org.tradebench.connector.bitfinex.internal;

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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.CredentialStore;
import org.tradebench.api.credentials.ListenerRegistration;
import org.tradebench.api.spi.FrameTap;

/**
 * Registers the Bitfinex connector as an {@link ExchangeConnector} service ({@code exchange.id=bitfinex},
 * {@code exchange.name=Bitfinex}, normal ranking 0) <em>only while Bitfinex is enabled</em>:
 *
 * <ul>
 * <li>explicitly, with {@code enabled=true} in the configuration (PID {@value BitfinexConfig#PID})
 * or system property {@code tradebench.bitfinex.enabled=true}: market data, plus trading when keys
 * are stored; or</li>
 * <li>by keys: the {@link CredentialStore} holds credentials for exchange id {@code bitfinex}
 * (Window &gt; Preferences &gt; Tradebench &gt; Exchange Accounts).</li>
 * </ul>
 *
 * <p>Otherwise nothing runs: no service, no connector, no socket, no thread; the embedded simulated
 * exchange stays the workbench's default connector. The headless commands reach Bitfinex through
 * the {@link BitfinexProvider} service, which is always registered.
 *
 * <p>The component itself is immediate and provides no service. It references the credential store
 * optionally and dynamically and subscribes to its changes: when the Bitfinex keys are stored,
 * replaced or removed, the running connector is stopped and its service unregistered, and, while
 * still enabled, a new connector with the new keys is started and registered (views tracking
 * {@code ExchangeConnector} services rebind). Every start, stop, registration and unregistration
 * runs on one serial lifecycle executor whose only thread, {@value #LIFECYCLE_THREAD}, exists while
 * there is work and ends a second after.
 *
 * <p>Keys go from the store's {@link ApiCredentials} into the connector's own copy (the toolkit's
 * {@code Signer}, wiped when the connector closes); the store's copy is wiped as soon as the
 * connector started. Nothing here logs or prints a secret.
 */
@Component(service = {}, immediate = true, configurationPid = BitfinexConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class BitfinexConnectorComponent {

    /** The name of the lifecycle thread: {@value}. */
    public static final String LIFECYCLE_THREAD = "bitfinex-lifecycle";

    private static final Logger LOG = System.getLogger(BitfinexConnectorComponent.class.getName());

    private final Object lock = new Object();

    // guarded by lock
    private CredentialStore store;
    private ListenerRegistration storeSubscription;
    private BundleContext context;
    private Map<String, Object> properties = Map.of();
    private ThreadPoolExecutor lifecycle;

    // confined to the lifecycle executor
    private BitfinexConnector connector;
    private ServiceRegistration<ExchangeConnector> registration;
    /** Salted digest of the running connector's credentials (never the credentials themselves). */
    private byte[] runningFingerprint;
    /** Random per component: a fingerprint says nothing outside this process. */
    private final byte[] fingerprintSalt = new java.security.SecureRandom().generateSeed(32);

    /** Created by DS. */
    public BitfinexConnectorComponent() {
    }

    /**
     * Starts the connector when Bitfinex is enabled (on the lifecycle thread).
     *
     * @param context the bundle context that registers the connector service
     * @param properties the component properties
     */
    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        synchronized (lock) {
            this.context = context;
            this.properties = Map.copyOf(properties);
            ThreadPoolExecutor executor = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    r -> {
                        Thread t = new Thread(r, LIFECYCLE_THREAD);
                        t.setDaemon(true);
                        return t;
                    });
            this.lifecycle = executor;
            executor.execute(() -> reconcile(false));
        }
    }

    /** Unregisters the service and stops the connector before returning. */
    @Deactivate
    void deactivate() {
        ThreadPoolExecutor executor;
        synchronized (lock) {
            executor = lifecycle;
            lifecycle = null;
            context = null;
        }
        executor.execute(this::stop);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "The Bitfinex connector did not stop within 30 s");
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
    @Reference(name = "store", service = CredentialStore.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindStore")
    void bindStore(CredentialStore credentialStore) {
        // subscribed outside the lock: the store's own locks never nest inside ours
        ListenerRegistration subscription = credentialStore.subscribe(exchangeId -> {
            if (BitfinexConnector.ID.equals(exchangeId)) {
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
     * The credential store went away: without the explicit switch, Bitfinex is disabled.
     *
     * @param credentialStore the store
     */
    void unbindStore(CredentialStore credentialStore) {
        ListenerRegistration subscription = null;
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

    /**
     * Lifecycle thread: brings the running connector in line with the configuration and the keys.
     *
     * @param keysChanged the store reported a change of the Bitfinex keys: restart a running connector
     */
    private void reconcile(boolean keysChanged) {
        CredentialStore s;
        Map<String, Object> props;
        BundleContext ctx;
        synchronized (lock) {
            s = store;
            props = properties;
            ctx = context;
        }
        if (ctx == null) {
            return; // deactivated; the queued stop() follows
        }
        boolean explicit;
        try {
            explicit = BitfinexConfig.enabled(props, System.getProperties());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Bitfinex: unreadable setting " + BitfinexConfig.ENABLED + ": " + e.getMessage());
            explicit = false;
        }
        ApiCredentials keys = readKeys(s);
        try {
            boolean enabled = explicit || keys != null;
            // Saving keys that did not change is no reason to restart: with the dead-man switch on,
            // a restart would cancel every open order.
            byte[] fingerprint = fingerprint(keys);
            if (connector != null && (!enabled || !java.security.MessageDigest.isEqual(fingerprint, runningFingerprint))) {
                if (keysChanged) {
                    LOG.log(Level.INFO, "Bitfinex: the stored keys changed; restarting the connector");
                }
                stop();
            } else if (connector != null && keysChanged) {
                LOG.log(Level.DEBUG, "Bitfinex: the keys were saved unchanged; the connector keeps running");
            }
            if (enabled && connector == null) {
                start(ctx, props, keys);
            }
        } finally {
            if (keys != null) {
                keys.wipe();
            }
        }
    }

    private static ApiCredentials readKeys(CredentialStore s) {
        if (s == null) {
            return null;
        }
        try {
            Optional<ApiCredentials> keys = s.credentials(BitfinexConnector.ID);
            return keys.orElse(null);
        } catch (RuntimeException e) {
            // CredentialStoreException messages say what failed, never with which secret
            LOG.log(Level.WARNING, "Bitfinex: could not read the API key from the credential store, so Bitfinex"
                    + " trading stays off: " + e.getMessage());
            return null;
        }
    }

    private void start(BundleContext ctx, Map<String, Object> props, ApiCredentials keys) {
        BitfinexConnector started;
        try {
            BitfinexConfig config = BitfinexConfig.from(props, System.getProperties());
            started = BitfinexConnector.start(config, keys, FrameTap.NONE);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "The Bitfinex connector could not start: " + e.getMessage());
            return;
        }
        connector = started;
        runningFingerprint = fingerprint(keys);
        Dictionary<String, Object> serviceProperties = new Hashtable<>();
        serviceProperties.put(ExchangeConnector.PROPERTY_EXCHANGE_ID, BitfinexConnector.ID);
        serviceProperties.put(ExchangeConnector.PROPERTY_DISPLAY_NAME, BitfinexConnector.DISPLAY_NAME);
        serviceProperties.put(Constants.SERVICE_RANKING, Integer.valueOf(0));
        try {
            registration = ctx.registerService(ExchangeConnector.class, started, serviceProperties);
        } catch (IllegalStateException e) {
            stop(); // the bundle is stopping
        }
    }

    private void stop() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already unregistered with the bundle
            }
            registration = null;
        }
        if (connector != null) {
            try {
                connector.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Closing the Bitfinex connector failed: " + e);
            }
            connector = null;
        }
        runningFingerprint = null;
    }

    /**
     * HMAC-SHA256 under a random per-component key of the key type, API key, secret and
     * passphrase: equal for equal credentials, useless to anyone else. Empty without keys.
     */
    private byte[] fingerprint(ApiCredentials keys) {
        if (keys == null) {
            return new byte[0];
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(fingerprintSalt, "HmacSHA256"));
            mac.update((keys.keyType() + "\u0000" + keys.apiKey() + "\u0000")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            keys.withSecret(secret -> {
                java.nio.ByteBuffer b = java.nio.charset.StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(secret));
                mac.update(b);
                java.util.Arrays.fill(b.array(), (byte) 0);
                return null;
            });
            if (keys.hasPassphrase()) {
                char[] p = keys.passphrase();
                try {
                    mac.update((byte) 0);
                    java.nio.ByteBuffer b = java.nio.charset.StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(p));
                    mac.update(b);
                    java.util.Arrays.fill(b.array(), (byte) 0);
                } finally {
                    java.util.Arrays.fill(p, '\0');
                }
            }
            return mac.doFinal();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
