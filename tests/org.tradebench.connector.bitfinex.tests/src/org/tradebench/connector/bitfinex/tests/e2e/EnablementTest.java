package org.tradebench.connector.bitfinex.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.tradebench.api.Capability;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.CredentialStore;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.connector.bitfinex.internal.BitfinexConnector;
import org.tradebench.connector.conformance.Await;
import org.tradebench.venues.bitfinex.BitfinexSimulator;
import org.tradebench.venues.bitfinex.BitfinexSimulatorConfig;

/**
 * The Bitfinex service exists only while Bitfinex is enabled: by keys in the {@link CredentialStore}
 * service or by {@code tradebench.bitfinex.enabled=true}. Otherwise the simulated exchange stays
 * the default and nothing of Bitfinex runs.
 */
class EnablementTest {

    private BitfinexSimulator sim;
    private ServiceRegistration<CredentialStore> storeRegistration;

    @BeforeEach
    void start() {
        ServiceHarness.ignoreThreadsAliveNow();
    }

    @AfterEach
    void stop() throws Exception {
        ServiceHarness.clearProperties();
        if (storeRegistration != null) {
            try {
                storeRegistration.unregister();
            } catch (IllegalStateException e) {
                // already gone
            }
        }
        ServiceHarness.stop();
        if (sim != null) {
            sim.close();
        }
        ServiceHarness.awaitNoConnectorThreads(); // stopping the bundle stopped everything it ran
    }

    private void startSimulator() {
        sim = BitfinexSimulator.start(BitfinexSimulatorConfig.defaults().withCredentials(SimHarness.KEY,
                SimHarness.SECRET));
        ServiceHarness.pointAt(sim);
    }

    private InMemoryCredentialStore registerStore(BundleContext context) {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        storeRegistration = context.registerService(CredentialStore.class, store, null);
        return store;
    }

    private static ApiCredentials keys() {
        return ApiCredentials.of("bitfinex", "main", SimHarness.KEY, SimHarness.SECRET.toCharArray());
    }

    private static boolean trades(ExchangeConnector c) {
        return c.capabilities().contains(Capability.TRADING) && c.trading().isPresent();
    }

    private static boolean authenticated(ExchangeConnector c) {
        return ((BitfinexConnector) c).bitfinexTrading().map(t -> {
            try {
                return t.isAuthenticated();
            } catch (IllegalStateException closed) {
                return false;
            }
        }).orElse(false);
    }

    @Test
    void nothingConfiguredRegistersNoServiceAndRunsNothing() throws Exception {
        ServiceHarness.clearProperties();
        BundleContext context = ServiceHarness.restart();
        // the component is active (restart waited for it) and has decided: nothing is left running
        ServiceHarness.awaitNoConnectorThreads();
        assertTrue(ServiceHarness.find(context).isEmpty(), "no exchange.id=bitfinex service");

        // a store without Bitfinex keys (other exchanges only) does not enable it either
        InMemoryCredentialStore store = registerStore(context);
        store.store(ApiCredentials.of("binance", "main", "other-key", "other-secret".toCharArray()));
        Await.until(() -> store.listenerCount() == 1, () -> "the component subscribed to the store");
        ServiceHarness.awaitNoConnectorThreads();
        assertTrue(ServiceHarness.find(context).isEmpty(), "no exchange.id=bitfinex service");
    }

    @Test
    void storedKeysEnableTradingAndRemovingThemDisablesWithoutARestart() throws Exception {
        startSimulator();
        BundleContext context = ServiceHarness.restart();
        InMemoryCredentialStore store = registerStore(context);
        Await.until(() -> store.listenerCount() == 1, () -> "the component subscribed to the store");
        assertTrue(ServiceHarness.find(context).isEmpty(), "no keys yet: no service");

        store.store(keys()); // what Save on the Exchange Accounts page does
        ServiceReference<ExchangeConnector> ref = ServiceHarness.awaitService(context, EnablementTest::authenticated,
                "trading and authenticated");
        assertEquals("Bitfinex", ref.getProperty(ExchangeConnector.PROPERTY_DISPLAY_NAME));
        assertEquals(0, ((Number) ref.getProperty(Constants.SERVICE_RANKING)).intValue());
        ExchangeConnector connector = context.getService(ref);
        try {
            assertTrue(trades(connector), "trading capability and account: " + connector.capabilities());
            assertTrue(connector.health().session(SessionHealth.TRADING).isPresent(), connector.health().toString());
            BitfinexConnector bfx = (BitfinexConnector) connector;
            for (String text : new String[] {bfx.toString(), bfx.config().toString(), bfx.health().toString(),
                    connector.trading().orElseThrow().health().toString()}) {
                assertFalse(text.contains(SimHarness.SECRET), "no secret in " + text);
            }
            assertFalse(store.handedOut().isEmpty(), "the component read the keys from the store");
            // the copy is wiped once start() returned; the service may be seen a moment before
            Await.until(() -> store.handedOut().stream().allMatch(ApiCredentials::isWiped),
                    () -> "the component wiped the store's copies once the connector had started");
        } finally {
            context.ungetService(ref);
        }

        store.remove("bitfinex"); // Remove on the Exchange Accounts page
        ServiceHarness.awaitNoService(context);
        ServiceHarness.awaitNoConnectorThreads();

        store.store(keys()); // and back, still without restarting anything
        ServiceHarness.awaitService(context, EnablementTest::authenticated, "trading again");

        storeRegistration.unregister(); // the store itself goes away: so do the keys
        storeRegistration = null;
        ServiceHarness.awaitNoService(context);
        ServiceHarness.awaitNoConnectorThreads();
    }

    @Test
    void savingKeysThatDidNotChangeDoesNotRestartTheConnector() throws Exception {
        // With the dead-man switch on, a restart would cancel every open order.
        startSimulator();
        BundleContext context = ServiceHarness.restart();
        InMemoryCredentialStore store = registerStore(context);
        Await.until(() -> store.listenerCount() == 1, () -> "the component subscribed to the store");
        store.store(keys());
        ServiceReference<ExchangeConnector> ref = ServiceHarness.awaitService(context, EnablementTest::authenticated,
                "trading and authenticated");
        ExchangeConnector running = context.getService(ref);
        try {
            int reads = store.handedOut().size();
            store.store(keys()); // Save again with the same key and secret
            Await.until(() -> store.handedOut().size() > reads, () -> "the component read the keys again");
            // A restart (unregister, stop, start, register) would follow the read at once; give it
            // time to happen before checking that it did not.
            Thread.sleep(500);
            assertEquals(ref.getProperty(Constants.SERVICE_ID), ServiceHarness.find(context).orElseThrow()
                    .getProperty(Constants.SERVICE_ID), "the same service registration");
            assertTrue(authenticated(running), "the running connector was not restarted");

            int again = store.handedOut().size();
            store.store(ApiCredentials.of("bitfinex", "main", SimHarness.KEY, "another-secret".toCharArray()));
            Await.until(() -> store.handedOut().size() > again, () -> "the component read the new keys");
            Await.until(() -> ServiceHarness.find(context).map(r -> !r.getProperty(Constants.SERVICE_ID).equals(
                    ref.getProperty(Constants.SERVICE_ID))).orElse(true), () -> "a changed secret restarts it");
        } finally {
            context.ungetService(ref);
        }
    }

    @Test
    void keysThatAreAlreadyStoredEnableBitfinexWhenTheComponentActivates() throws Exception {
        startSimulator();
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        store.store(keys());
        // registered by the framework, so it is there before the connector bundle starts (as in the
        // workbench, where the secure storage bundle may well come first)
        BundleContext system = ServiceHarness.restart().getBundle(Constants.SYSTEM_BUNDLE_ID).getBundleContext();
        ServiceHarness.stop();
        storeRegistration = system.registerService(CredentialStore.class, store, null);
        BundleContext context = ServiceHarness.restart();
        ServiceHarness.awaitService(context, EnablementTest::authenticated, "trading and authenticated");
    }

    @Test
    void theExplicitPropertyEnablesMarketDataWithoutKeysAndKeysAddTrading() throws Exception {
        startSimulator();
        System.setProperty(ServiceHarness.PREFIX + "enabled", "true");
        BundleContext context = ServiceHarness.restart();
        ServiceReference<ExchangeConnector> ref = ServiceHarness.awaitService(context);
        ExchangeConnector connector = context.getService(ref);
        try {
            assertFalse(trades(connector), "market data only: " + connector.capabilities());
            assertTrue(connector.capabilities().contains(Capability.ORDER_BOOK));
            assertTrue(connector.health().session(SessionHealth.TRADING).isEmpty(), "no trading session without keys: "
                    + connector.health());
            AtomicInteger tickers = new AtomicInteger();
            try (Subscription s = connector.marketData().subscribeTicker(TradingTest.BTC,
                    t -> tickers.incrementAndGet())) {
                Await.until(Duration.ofSeconds(10), () -> tickers.get() > 0, () -> "a ticker through the service");
            }
        } finally {
            context.ungetService(ref);
        }

        InMemoryCredentialStore store = registerStore(context);
        store.store(keys());
        ServiceHarness.awaitService(context, EnablementTest::authenticated, "restarted with trading");

        store.remove("bitfinex"); // explicitly enabled: the service stays, trading goes
        ServiceHarness.awaitService(context, c -> !trades(c), "restarted without trading");
        assertEquals(1, ServiceHarness.find(context).stream().count());
    }
}
