package org.tradebench.connector.bitfinex.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.venues.bitfinex.BitfinexSimulator;
import org.tradebench.venues.bitfinex.BitfinexSimulatorConfig;

/**
 * The connector as views find it: an OSGi service registered by Declarative Services once Bitfinex
 * is enabled (see {@link EnablementTest} for when it is and is not).
 */
class ComponentTest {

    private BitfinexSimulator sim;

    @AfterEach
    void stop() throws Exception {
        ServiceHarness.clearProperties();
        ServiceHarness.stop();
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void registeredWithDeclarativeServicesAsTheBitfinexExchangeConnector() throws Exception {
        sim = BitfinexSimulator.start(BitfinexSimulatorConfig.defaults());
        // Endpoints are configuration: point the component at the simulator before it activates.
        ServiceHarness.pointAt(sim);
        System.setProperty(ServiceHarness.PREFIX + "enabled", "true");

        BundleContext context = ServiceHarness.restart();
        ServiceReference<ExchangeConnector> ref = ServiceHarness.awaitService(context);
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
}
