package org.tradebench.connector.bitfinex.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.connector.bitfinex.internal.BitfinexConnector;
import org.tradebench.venues.bitfinex.BitfinexSimulator;
import org.tradebench.venues.bitfinex.BitfinexSimulatorConfig;

/** The connector as views find it: an OSGi service registered by Declarative Services. */
class ComponentTest {

    private static final String[] KEYS = {"ws.public", "ws.auth", "rest.public", "rest.auth"};
    private BitfinexSimulator sim;

    @AfterEach
    void stop() {
        for (String k : KEYS) {
            System.clearProperty("tradebench.bitfinex." + k);
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void registeredWithDeclarativeServicesAsTheBitfinexExchangeConnector() throws Exception {
        sim = BitfinexSimulator.start(BitfinexSimulatorConfig.defaults());
        // Endpoints are configuration: point the component at the simulator before it activates.
        System.setProperty("tradebench.bitfinex.ws.public", sim.webSocketUri().toString());
        System.setProperty("tradebench.bitfinex.ws.auth", sim.webSocketUri().toString());
        System.setProperty("tradebench.bitfinex.rest.public", sim.restUri().resolve("v2/").toString());
        System.setProperty("tradebench.bitfinex.rest.auth", sim.restUri().resolve("v2/").toString());

        BundleContext context = context();
        ServiceReference<ExchangeConnector> ref = awaitService(context);
        assertEquals("Bitfinex", ref.getProperty(ExchangeConnector.PROPERTY_DISPLAY_NAME));
        assertEquals(0, ((Number) ref.getProperty("service.ranking")).intValue());
        ExchangeConnector connector = context.getService(ref);
        try {
            assertEquals("bitfinex", connector.id());
            AtomicInteger tickers = new AtomicInteger();
            Subscription s = connector.marketData().subscribeTicker(MarketDataTest.BTC, t -> tickers.incrementAndGet());
            Await.until(Duration.ofSeconds(10), () -> tickers.get() > 0, () -> "a ticker through the service");
            assertEquals(ConnectionState.LIVE, connector.health().state());
            s.close();
        } finally {
            context.ungetService(ref);
        }
    }

    private static BundleContext context() throws BundleException {
        Bundle bundle = FrameworkUtil.getBundle(BitfinexConnector.class);
        assertNotNull(bundle, "running in OSGi");
        if (bundle.getState() != Bundle.ACTIVE && bundle.getState() != Bundle.STARTING) {
            bundle.start(Bundle.START_TRANSIENT);
        }
        BundleContext context = bundle.getBundleContext();
        assertNotNull(context);
        return context;
    }

    private static ServiceReference<ExchangeConnector> awaitService(BundleContext context) throws InvalidSyntaxException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Collection<ServiceReference<ExchangeConnector>> refs = context.getServiceReferences(ExchangeConnector.class,
                    "(" + ExchangeConnector.PROPERTY_EXCHANGE_ID + "=bitfinex)");
            if (!refs.isEmpty()) {
                return refs.iterator().next();
            }
            SimHarness.sleep(20);
        }
        throw new AssertionError("no ExchangeConnector service with exchange.id=bitfinex within 10 s");
    }
}
