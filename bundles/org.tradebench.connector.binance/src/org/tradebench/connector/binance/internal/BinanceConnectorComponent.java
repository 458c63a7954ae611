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
import org.tradebench.api.credentials.CredentialStore;

/**
 * Registers the spot Binance connector (see {@link BinanceMarket#SPOT}) as an
 * {@link org.tradebench.api.ExchangeConnector} service only while it is enabled (configuration PID
 * {@code org.tradebench.connector.binance}, {@code enabled=true}, or stored keys); see
 * {@link ConnectorLifecycle}. Immediate, no service of its own.
 */
@Component(service = {}, immediate = true, configurationPid = "org.tradebench.connector.binance",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class BinanceConnectorComponent {

    private final ConnectorLifecycle lifecycle = new ConnectorLifecycle(BinanceMarket.SPOT);

    /** Created by DS. */
    public BinanceConnectorComponent() {
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        lifecycle.activate(context, properties);
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
