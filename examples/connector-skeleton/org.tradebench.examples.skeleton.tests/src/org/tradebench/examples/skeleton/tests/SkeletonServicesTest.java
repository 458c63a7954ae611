package org.tradebench.examples.skeleton.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.Collection;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.connector.conformance.Await;
import org.tradebench.connector.support.service.ExchangeSwitches;
import org.tradebench.examples.skeleton.internal.SkeletonProvider;

/**
 * The bundle's services as the workbench and the tools find them: the provider always, by its
 * exchange id; the connector not while it is not enabled (the simulated exchange stays the
 * default), and at once when the installation's switch turns it on, as the installer does after
 * installing the connector from an update site.
 */
class SkeletonServicesTest {

    private final BundleContext context = FrameworkUtil.getBundle(SkeletonProvider.class).getBundleContext();

    @Test
    void theProviderIsRegisteredByItsExchangeIdAndTheConnectorStaysOffUntilEnabled() throws Exception {
        if (context.getBundle().getState() != org.osgi.framework.Bundle.ACTIVE) {
            context.getBundle().start(); // lazy activation: DS starts the components once the bundle is active
        }
        Await.until(Duration.ofSeconds(10), () -> !providers().isEmpty(), () -> "the skeleton's ConnectorProvider");
        ServiceReference<ConnectorProvider> ref = providers().iterator().next();
        assertEquals("skeleton", ref.getProperty(ExchangeConnector.PROPERTY_EXCHANGE_ID));
        ConnectorProvider provider = context.getService(ref);
        assertNotNull(provider);
        assertEquals("Skeleton Exchange", provider.displayName());
        context.ungetService(ref);
        assertEquals(0, context.getServiceReferences(ExchangeConnector.class, "(exchange.id=skeleton)").size(),
                "no connector without tradebench.skeleton.enabled=true or stored keys");
    }

    @Test
    void theInstallationsSwitchRegistersTheConnectorAtOnceAndTakesItAway() throws Exception {
        if (context.getBundle().getState() != org.osgi.framework.Bundle.ACTIVE) {
            context.getBundle().start();
        }
        Await.until(Duration.ofSeconds(10), () -> !providers().isEmpty(), () -> "the skeleton's components");
        ExchangeSwitches switches = ExchangeSwitches.shared();
        try {
            switches.set("skeleton", true);
            Await.until(Duration.ofSeconds(10), () -> connectors() == 1, () -> "the connector service, switched on");
            ServiceReference<ExchangeConnector> ref = context.getServiceReferences(ExchangeConnector.class,
                    "(exchange.id=skeleton)").iterator().next();
            assertEquals("Skeleton Exchange", ref.getProperty(ExchangeConnector.PROPERTY_DISPLAY_NAME));
            switches.set("skeleton", false);
            Await.until(Duration.ofSeconds(10), () -> connectors() == 0, () -> "no connector, switched off");
        } finally {
            switches.set("skeleton", false);
        }
    }

    private int connectors() {
        try {
            return context.getServiceReferences(ExchangeConnector.class, "(exchange.id=skeleton)").size();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Collection<ServiceReference<ConnectorProvider>> providers() {
        try {
            return context.getServiceReferences(ConnectorProvider.class, "(exchange.id=skeleton)");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
