package org.tradebench.connector.binance.internal;

import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.credentials.CredentialStore;
import org.tradebench.connector.support.service.ConnectorServiceLifecycle;

/**
 * Registers the spot Binance connector (see {@link BinanceMarket#SPOT}) as an
 * {@link ExchangeConnector} service only while it is enabled (configuration PID
 * {@code org.tradebench.connector.binance}, {@code enabled=true}, or stored keys), restarted when its keys
 * change; see {@link ConnectorServiceLifecycle} and {@link BinanceConnector#lifecycle(BinanceMarket)}.
 * Immediate, no service of its own.
 */
@Component(service = {}, immediate = true, configurationPid = "org.tradebench.connector.binance",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class BinanceConnectorComponent {

    private final ConnectorServiceLifecycle lifecycle = BinanceConnector.lifecycle(BinanceMarket.SPOT);

    /** Created by DS. */
    public BinanceConnectorComponent() {
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        lifecycle.activate(properties,
                c -> context.registerService(ExchangeConnector.class, c, lifecycle.serviceProperties())::unregister);
    }

    @Deactivate
    void deactivate() {
        lifecycle.deactivate();
    }

    @Reference(name = "store", service = CredentialStore.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindStore")
    void bindStore(CredentialStore store) {
        lifecycle.bindStore(store);
    }

    void unbindStore(CredentialStore store) {
        lifecycle.unbindStore(store);
    }
}
