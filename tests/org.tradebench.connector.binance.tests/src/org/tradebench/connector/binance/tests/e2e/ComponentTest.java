package org.tradebench.connector.binance.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.connector.binance.tests.e2e.MarketDataTest.await;

import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.connector.binance.internal.BinanceConnector;

/**
 * The bundle's Declarative Services components: the provider ({@code exchange.id=binance}, markets
 * spot and usdm) always; each market's {@link ExchangeConnector} service only while that market is
 * enabled, configured from {@code tradebench.<id>.*}.
 */
class ComponentTest {

    private static final List<String> PROPERTIES = List.of("tradebench.binance.enabled", "tradebench.binance.ws.url",
            "tradebench.binance.rest.url", "tradebench.binance-usdm.enabled");

    private StreamServer server;

    @AfterEach
    void stop() throws Exception {
        PROPERTIES.forEach(System::clearProperty);
        bundle().stop(Bundle.STOP_TRANSIENT);
        bundle().start(Bundle.START_TRANSIENT);
        if (server != null) {
            server.close();
        }
    }

    private static Bundle bundle() {
        return FrameworkUtil.getBundle(BinanceConnector.class);
    }

    private static BundleContext restart() throws Exception {
        Bundle b = bundle();
        b.stop(Bundle.STOP_TRANSIENT);
        b.start(Bundle.START_TRANSIENT);
        BundleContext c = b.getBundleContext();
        assertNotNull(c);
        return c;
    }

    private static Collection<ServiceReference<ExchangeConnector>> connectors(BundleContext c, String id)
            throws InvalidSyntaxException {
        return c.getServiceReferences(ExchangeConnector.class, "(exchange.id=" + id + ")");
    }

    @Test
    void theProviderIsRegisteredAndNoConnectorRunsUntilEnabled() throws Exception {
        BundleContext c = restart();
        await(() -> {
            try {
                return !c.getServiceReferences(ConnectorProvider.class, "(exchange.id=binance)").isEmpty();
            } catch (InvalidSyntaxException e) {
                throw new AssertionError(e);
            }
        }, () -> "the provider service");
        ServiceReference<ConnectorProvider> ref = c.getServiceReferences(ConnectorProvider.class, "(exchange.id=binance)")
                .iterator().next();
        ConnectorProvider p = c.getService(ref);
        try {
            assertEquals(List.of("spot", "usdm"), p.markets());
        } finally {
            c.ungetService(ref);
        }
        Thread.sleep(300);
        assertTrue(connectors(c, "binance").isEmpty(), "no spot connector without enabled=true or keys");
        assertTrue(connectors(c, "binance-usdm").isEmpty(), "no USD-M connector either");
    }

    @Test
    void anEnabledMarketIsRegisteredWithItsConfiguration() throws Exception {
        server = new StreamServer();
        server.rest.put("/api/v3/exchangeInfo", q -> "{\"symbols\":[]}");
        System.setProperty("tradebench.binance.enabled", "true");
        System.setProperty("tradebench.binance.ws.url", server.wsUrl());
        System.setProperty("tradebench.binance.rest.url", server.restUrl());
        BundleContext c = restart();
        await(() -> {
            try {
                return !connectors(c, "binance").isEmpty();
            } catch (InvalidSyntaxException e) {
                throw new AssertionError(e);
            }
        }, () -> "the spot connector service");
        ServiceReference<ExchangeConnector> ref = connectors(c, "binance").iterator().next();
        assertEquals("Binance", ref.getProperty(ExchangeConnector.PROPERTY_DISPLAY_NAME));
        ExchangeConnector connector = c.getService(ref);
        try {
            assertEquals("binance", connector.id());
            assertEquals(server.wsUrl(), ((BinanceConnector) connector).config().wsPublic().toString());
            await(() -> !server.conns.isEmpty(), () -> "it connected to the configured endpoint");
        } finally {
            c.ungetService(ref);
        }
        assertTrue(connectors(c, "binance-usdm").isEmpty(), "USD-M is enabled on its own");
    }
}
