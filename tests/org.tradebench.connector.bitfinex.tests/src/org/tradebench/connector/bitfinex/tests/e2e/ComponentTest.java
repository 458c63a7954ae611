package org.tradebench.connector.bitfinex.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.connector.bitfinex.internal.BitfinexConnector;
import org.tradebench.connector.conformance.Await;
import org.tradebench.venues.bitfinex.BitfinexSimulator;
import org.tradebench.venues.bitfinex.BitfinexSimulatorConfig;

/**
 * The connector as views find it: an OSGi service registered by Declarative Services once Bitfinex
 * is enabled (see {@link EnablementTest} for when it is and is not), configured from the
 * {@code tradebench.bitfinex.*} system properties; and the {@link ConnectorProvider} tools use,
 * registered whether or not Bitfinex is enabled.
 */
class ComponentTest {

    private BitfinexSimulator sim;

    @BeforeEach
    void start() {
        ServiceHarness.ignoreThreadsAliveNow();
    }

    @AfterEach
    void stop() throws Exception {
        ServiceHarness.clearProperties();
        ServiceHarness.stop();
        if (sim != null) {
            sim.close();
        }
        ServiceHarness.awaitNoConnectorThreads(); // stopping the bundle stopped everything it ran
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
        assertEquals(0, ((Number) ref.getProperty(Constants.SERVICE_RANKING)).intValue());
        ExchangeConnector connector = context.getService(ref);
        try {
            assertEquals("bitfinex", connector.id());
            assertEquals("Bitfinex", connector.displayName());
            AtomicInteger tickers = new AtomicInteger();
            Subscription s = connector.marketData().subscribeTicker(TradingTest.BTC, t -> tickers.incrementAndGet());
            Await.until(Duration.ofSeconds(10), () -> tickers.get() > 0, () -> "a ticker through the service");
            assertEquals(ConnectionState.LIVE, connector.health().state());
            assertEquals(List.of(SessionHealth.MARKET_DATA), List.copyOf(connector.health().sessions().keySet()));
            assertEquals(sim.webSocketUri(), ((BitfinexConnector) connector).config().wsPublic(),
                    "from the system property");
            s.close();
        } finally {
            context.ungetService(ref);
        }
    }

    @Test
    void theProviderIsRegisteredEvenWhenBitfinexIsNotEnabled() throws Exception {
        ServiceHarness.clearProperties();
        BundleContext context = ServiceHarness.restart();
        List<ServiceReference<ConnectorProvider>> refs = List.copyOf(context.getServiceReferences(
                ConnectorProvider.class, ServiceHarness.FILTER));
        assertEquals(1, refs.size(), "one exchange.id=bitfinex provider");
        ConnectorProvider provider = context.getService(refs.get(0));
        try {
            assertEquals("bitfinex", provider.exchangeId());
            assertEquals(List.of("spot"), provider.markets());
        } finally {
            context.ungetService(refs.get(0));
        }
        assertTrue(ServiceHarness.find(context).isEmpty(), "but no connector service");
    }
}
