package org.tradebench.connector.support.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.CredentialListener;
import org.tradebench.api.credentials.CredentialStore;
import org.tradebench.api.credentials.KeyEnvironment;
import org.tradebench.api.credentials.KeyType;
import org.tradebench.api.credentials.ListenerRegistration;
import org.tradebench.api.credentials.StoredAccount;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.connector.support.Await;

/**
 * The shared service lifecycle of connector bundles: nothing runs until enabled (setting or keys),
 * stored keys that change restart the connector with the new keys, the same keys saved again do
 * not, the key's environment counts as a change, removal stops it, a failing start leaves nothing
 * registered, and deactivation unregisters before it closes.
 */
class ConnectorServiceLifecycleTest {

    private final Store store = new Store();
    private final ExchangeSwitches switches = ExchangeSwitches.at(null);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<KeyEnvironment> startedWith = new CopyOnWriteArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private volatile boolean enabled;
    private volatile RuntimeException startFailure;
    private ConnectorServiceLifecycle lifecycle;

    @AfterEach
    void deactivate() {
        if (lifecycle != null) {
            lifecycle.deactivate();
        }
    }

    private ConnectorServiceLifecycle activate() {
        lifecycle = new ConnectorServiceLifecycle("acme", "Acme", props -> enabled, (props, keys) -> {
            if (startFailure != null) {
                throw startFailure;
            }
            int n = started.incrementAndGet();
            startedWith.add(keys == null ? null : keys.environment());
            events.add("start " + n + (keys == null ? " without keys" : " with " + keys.apiKey()));
            return new FakeConnector(n);
        }, switches);
        lifecycle.activate(Map.of(), c -> {
            events.add("register " + c);
            return () -> events.add("unregister " + c);
        });
        lifecycle.bindStore(store);
        return lifecycle;
    }

    private void awaitEvents(String... expected) {
        Await.until(() -> events.equals(List.of(expected)), () -> "events " + List.of(expected) + ", were " + events);
    }

    private static ApiCredentials keys(String apiKey, String secret, KeyEnvironment environment) {
        return new ApiCredentials("acme", "main", KeyType.HMAC, environment, apiKey, secret.toCharArray(), null);
    }

    @Test
    void nothingRunsUntilKeysAreStoredAndNewKeysRestartTheConnector() throws InterruptedException {
        activate();
        Thread.sleep(200);
        assertEquals(List.of(), events, "neither enabled nor keys: nothing runs");

        store.store(keys("acmeKEY-1", "s1", KeyEnvironment.LIVE));
        awaitEvents("start 1 with acmeKEY-1", "register acme#1");

        store.store(keys("acmeKEY-1", "s1", KeyEnvironment.LIVE)); // saved unchanged
        store.store(otherExchange());
        Thread.sleep(300);
        assertEquals(2, events.size(), "the same keys saved again, or another exchange's keys, restart nothing: "
                + events);

        store.store(keys("acmeKEY-1", "s2", KeyEnvironment.LIVE)); // new secret
        awaitEvents("start 1 with acmeKEY-1", "register acme#1", "unregister acme#1", "close acme#1",
                "start 2 with acmeKEY-1", "register acme#2");

        store.store(keys("acmeKEY-1", "s2", KeyEnvironment.TESTNET)); // the same key moved to the testnet
        Await.until(() -> started.get() == 3, () -> "a restart for the new environment: " + events);
        assertEquals(List.of(KeyEnvironment.LIVE, KeyEnvironment.LIVE, KeyEnvironment.TESTNET), startedWith);

        store.remove("acme");
        Await.until(() -> events.get(events.size() - 1).equals("close acme#3"), () -> "stopped: " + events);
        assertEquals("unregister acme#3", events.get(events.size() - 2), "unregistered before it closes");
    }

    private static ApiCredentials otherExchange() {
        return new ApiCredentials("other", "main", KeyType.HMAC, "otherKEY-1", "x".toCharArray(), null);
    }

    @Test
    void theSettingAloneRunsMarketDataAndDeactivationStopsIt() {
        enabled = true;
        activate();
        awaitEvents("start 1 without keys", "register acme#1");
        lifecycle.deactivate();
        assertEquals(List.of("start 1 without keys", "register acme#1", "unregister acme#1", "close acme#1"), events,
                "stopped before deactivate returns");
        lifecycle = null;
    }

    @Test
    void aConnectorThatCannotStartLeavesNothingRegisteredAndTheNextChangeTriesAgain() throws InterruptedException {
        startFailure = new IllegalArgumentException("Acme has no testnet");
        activate();
        store.store(keys("acmeKEY-1", "s1", KeyEnvironment.TESTNET));
        Thread.sleep(300);
        assertEquals(List.of(), events);
        startFailure = null;
        store.store(keys("acmeKEY-1", "s1", KeyEnvironment.LIVE));
        awaitEvents("start 1 with acmeKEY-1", "register acme#1");
    }

    @Test
    void anExchangeSwitchedOnRunsWithoutKeysAtOnceAndStopsWhenSwitchedOff() throws InterruptedException {
        activate();
        Thread.sleep(200);
        assertEquals(List.of(), events);
        switches.set("other", true);
        Thread.sleep(200);
        assertEquals(List.of(), events, "another exchange's switch changes nothing");
        switches.set("acme", true); // the installer, in the workbench's process
        awaitEvents("start 1 without keys", "register acme#1");
        store.store(keys("acmeKEY-1", "s1", KeyEnvironment.LIVE));
        awaitEvents("start 1 without keys", "register acme#1", "unregister acme#1", "close acme#1",
                "start 2 with acmeKEY-1", "register acme#2");
        store.remove("acme");
        awaitEvents("start 1 without keys", "register acme#1", "unregister acme#1", "close acme#1",
                "start 2 with acmeKEY-1", "register acme#2", "unregister acme#2", "close acme#2",
                "start 3 without keys", "register acme#3");
        switches.set("acme", false);
        Await.until(() -> events.get(events.size() - 1).equals("close acme#3"), () -> "stopped: " + events);
    }

    @Test
    void inAHeadlessCommandNoConnectorServiceStartsWhateverSaysOn() throws InterruptedException {
        String before = System.getProperty(ConnectorServiceLifecycle.SERVICES_PROPERTY);
        System.setProperty(ConnectorServiceLifecycle.SERVICES_PROPERTY, "off");
        try {
            assertFalse(ConnectorServiceLifecycle.servicesAllowed());
            enabled = true;
            switches.set("acme", true);
            activate();
            store.store(keys("acmeKEY-1", "s1", KeyEnvironment.LIVE));
            Thread.sleep(400);
            assertEquals(List.of(), events, "setting, switch and keys: still nothing in a headless command");
        } finally {
            if (before == null) {
                System.clearProperty(ConnectorServiceLifecycle.SERVICES_PROPERTY);
            } else {
                System.setProperty(ConnectorServiceLifecycle.SERVICES_PROPERTY, before);
            }
        }
        assertTrue(ConnectorServiceLifecycle.servicesAllowed());
    }

    @Test
    void serviceProperties() {
        ConnectorServiceLifecycle l = new ConnectorServiceLifecycle("acme", "Acme", p -> false, (p, k) -> null);
        assertEquals("acme-lifecycle", l.threadName());
        assertEquals("acme", l.serviceProperties().get(ExchangeConnector.PROPERTY_EXCHANGE_ID));
        assertEquals("Acme", l.serviceProperties().get(ExchangeConnector.PROPERTY_DISPLAY_NAME));
        assertEquals(0, l.serviceProperties().get("service.ranking"));
    }

    /** A running connector: its {@code connector()} is a proxy named {@code acme#N}. */
    private final class FakeConnector implements OpenConnector {
        private final ExchangeConnector connector;
        private final String name;

        FakeConnector(int n) {
            name = "acme#" + n;
            connector = (ExchangeConnector) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ExchangeConnector.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "toString" -> name;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "id" -> "acme";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        @Override
        public ExchangeConnector connector() {
            return connector;
        }

        @Override
        public void close() {
            events.add("close " + name);
        }
    }

    /** Keeps copies, tells listeners on the caller's thread. */
    private static final class Store implements CredentialStore {
        private final Map<String, ApiCredentials> keys = new LinkedHashMap<>();
        private final List<CredentialListener> listeners = new CopyOnWriteArrayList<>();

        @Override
        public synchronized Optional<ApiCredentials> credentials(String exchangeId) {
            ApiCredentials c = keys.get(exchangeId);
            return c == null ? Optional.empty()
                    : Optional.of(new ApiCredentials(c.exchangeId(), c.accountLabel(), c.keyType(), c.environment(),
                            c.apiKey(), c.secret(), c.passphrase()));
        }

        @Override
        public synchronized List<StoredAccount> accounts() {
            List<StoredAccount> a = new ArrayList<>();
            keys.values().forEach(c -> a.add(StoredAccount.of(c)));
            return Collections.unmodifiableList(a);
        }

        @Override
        public void store(ApiCredentials credentials) {
            synchronized (this) {
                keys.put(credentials.exchangeId(), credentials);
            }
            listeners.forEach(l -> l.credentialsChanged(credentials.exchangeId()));
        }

        @Override
        public void remove(String exchangeId) {
            boolean removed;
            synchronized (this) {
                removed = keys.remove(exchangeId) != null;
            }
            if (removed) {
                listeners.forEach(l -> l.credentialsChanged(exchangeId));
            }
        }

        @Override
        public ListenerRegistration subscribe(CredentialListener listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }
}
