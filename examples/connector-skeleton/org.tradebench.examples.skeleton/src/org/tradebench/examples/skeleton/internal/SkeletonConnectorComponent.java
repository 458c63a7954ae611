package org.tradebench.examples.skeleton.internal;

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
import org.tradebench.api.spi.FrameTap;
import org.tradebench.connector.support.service.ConnectorServiceLifecycle;

/**
 * Registers the Skeleton Exchange connector as an {@link ExchangeConnector} service only while it
 * is enabled: {@code enabled=true} in the configuration (PID {@value SkeletonConfig#PID}) or
 * {@code -Dtradebench.skeleton.enabled=true}, or keys stored for exchange id {@code skeleton}
 * (the skeleton trades nothing, so it does not use them). Otherwise nothing runs and the embedded
 * simulated exchange stays the views' default. The toolkit's {@link ConnectorServiceLifecycle} does
 * the work on its {@code skeleton-lifecycle} thread.
 *
 * <p>Keep this class as it is when you copy the skeleton; only the names change (and a trading
 * connector passes the keys on to its start).
 */
@Component(service = {}, immediate = true, configurationPid = SkeletonConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class SkeletonConnectorComponent {

    private final ConnectorServiceLifecycle lifecycle = new ConnectorServiceLifecycle(SkeletonConnector.ID,
            SkeletonConnector.DISPLAY_NAME, props -> SkeletonConfig.enabled(props, System.getProperties()),
            (props, keys) -> SkeletonConnector.start(SkeletonConfig.from(props, System.getProperties()), FrameTap.NONE));

    /** Created by DS. */
    public SkeletonConnectorComponent() {
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
