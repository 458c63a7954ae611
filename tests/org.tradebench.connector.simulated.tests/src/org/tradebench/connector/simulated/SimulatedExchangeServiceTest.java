package org.tradebench.connector.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.spi.ConnectorProvider;

/**
 * In a running framework, SCR registers the simulated exchange with the lowest ranking, and its
 * connector provider for tools.
 */
class SimulatedExchangeServiceTest {

    private static BundleContext started() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(SimulatedExchange.class);
        assertNotNull(bundle, "not running in OSGi");
        if (bundle.getState() != Bundle.ACTIVE) {
            bundle.start(Bundle.START_TRANSIENT); // lazy bundle; a product starts it through its configuration
        }
        return bundle.getBundleContext();
    }

    @Test
    void registeredAsExchangeConnectorWithLowestRanking() throws Exception {
        BundleContext context = started();
        ServiceTracker<ExchangeConnector, ExchangeConnector> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + ExchangeConnector.class.getName() + ")(exchange.id=simulated))"),
                null);
        tracker.open();
        try {
            ExchangeConnector connector = tracker.waitForService(10_000);
            assertNotNull(connector, "no simulated ExchangeConnector service within 10 s");
            ServiceReference<ExchangeConnector> ref = tracker.getServiceReference();
            assertEquals(-1000, ref.getProperty(Constants.SERVICE_RANKING));
            assertEquals("Simulated Exchange", ref.getProperty(ExchangeConnector.PROPERTY_DISPLAY_NAME));
            assertEquals("simulated", connector.id());
            assertEquals(4, connector.instruments().size());
            assertEquals(List.of("main"), connector.tradingAccounts().stream().map(a -> a.accountId()).toList());
            // the service offers what the exchange offers, defaults of the API included
            assertTrue(connector.connectionControl().isPresent(), "the service's connection switches");
            assertEquals(java.util.Set.of(org.tradebench.api.ConnectionControl.TransportMode.AUTO),
                    connector.connectionControl().get().transportModes());
        } finally {
            tracker.close();
        }
    }

    @Test
    void registersAConnectorProviderForTools() throws Exception {
        BundleContext context = started();
        ServiceTracker<ConnectorProvider, ConnectorProvider> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + ConnectorProvider.class.getName() + ")(exchange.id=simulated))"),
                null);
        tracker.open();
        try {
            ConnectorProvider provider = tracker.waitForService(10_000);
            assertNotNull(provider, "no simulated ConnectorProvider service within 10 s");
            assertEquals("simulated", provider.exchangeId());
            assertEquals(List.of("spot"), provider.markets());
        } finally {
            tracker.close();
        }
    }
}
