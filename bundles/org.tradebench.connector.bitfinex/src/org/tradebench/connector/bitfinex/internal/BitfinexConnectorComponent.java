package org.tradebench.connector.bitfinex.internal;

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
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.CredentialStore;
import org.tradebench.api.credentials.KeyEnvironment;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.connector.support.service.ConnectorServiceLifecycle;

/**
 * Registers the Bitfinex connector as an {@link ExchangeConnector} service ({@code exchange.id=bitfinex},
 * {@code exchange.name=Bitfinex}, normal ranking 0) <em>only while Bitfinex is enabled</em>:
 *
 * <ul>
 * <li>explicitly, with {@code enabled=true} in the configuration (PID {@value BitfinexConfig#PID})
 * or system property {@code tradebench.bitfinex.enabled=true}: market data, plus trading when keys
 * are stored; or</li>
 * <li>by keys: the {@link CredentialStore} holds credentials for exchange id {@code bitfinex}
 * (Window &gt; Preferences &gt; Tradebench &gt; Exchange Accounts).</li>
 * </ul>
 *
 * <p>Otherwise nothing runs: no service, no connector, no socket, no thread; the embedded simulated
 * exchange stays the workbench's default connector. The headless commands reach Bitfinex through
 * the {@link BitfinexProvider} service, which is always registered.
 *
 * <p>The component itself is immediate and provides no service. It references the credential store
 * optionally and dynamically; the toolkit's {@link ConnectorServiceLifecycle} does the rest: when
 * the Bitfinex keys are stored, replaced or removed, the running connector is stopped and its
 * service unregistered, and, while still enabled, a new connector with the new keys is started and
 * registered (views tracking {@code ExchangeConnector} services rebind), all on one serial lifecycle
 * thread, {@value #LIFECYCLE_THREAD}. Bitfinex has no testnet: keys stored for a testnet are refused
 * with a message that says so.
 *
 * <p>Keys go from the store's {@link ApiCredentials} into the connector's own copy (the toolkit's
 * {@code Signer}, wiped when the connector closes); the store's copy is wiped as soon as the
 * connector started. Nothing here logs or prints a secret.
 */
@Component(service = {}, immediate = true, configurationPid = BitfinexConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class BitfinexConnectorComponent {

    /** The name of the lifecycle thread: {@value}. */
    public static final String LIFECYCLE_THREAD = "bitfinex-lifecycle";

    private final ConnectorServiceLifecycle lifecycle = new ConnectorServiceLifecycle(BitfinexConnector.ID,
            BitfinexConnector.DISPLAY_NAME, props -> BitfinexConfig.enabled(props, System.getProperties()),
            BitfinexConnectorComponent::start);

    /** Created by DS. */
    public BitfinexConnectorComponent() {
    }

    /**
     * Starts the connector when Bitfinex is enabled (on the lifecycle thread).
     *
     * @param context the bundle context that registers the connector service
     * @param properties the component properties
     */
    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        lifecycle.activate(properties,
                c -> context.registerService(ExchangeConnector.class, c, lifecycle.serviceProperties())::unregister);
    }

    /** Unregisters the service and stops the connector before returning. */
    @Deactivate
    void deactivate() {
        lifecycle.deactivate();
    }

    /**
     * A credential store appeared (or replaced the previous one).
     *
     * @param credentialStore the store
     */
    @Reference(name = "store", service = CredentialStore.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindStore")
    void bindStore(CredentialStore credentialStore) {
        lifecycle.bindStore(credentialStore);
    }

    /**
     * The credential store went away: without the explicit switch, Bitfinex is disabled.
     *
     * @param credentialStore the store
     */
    void unbindStore(CredentialStore credentialStore) {
        lifecycle.unbindStore(credentialStore);
    }

    private static BitfinexConnector start(Map<String, Object> properties, ApiCredentials keys) {
        if (keys != null && keys.environment() != KeyEnvironment.LIVE) {
            throw new IllegalArgumentException("the stored Bitfinex keys are marked " + keys.environment().wireName()
                    + ", and Bitfinex has no testnet (its paper trading uses live endpoints with a paper"
                    + " sub-account's keys): store them as live keys");
        }
        return BitfinexConnector.start(BitfinexConfig.from(properties, System.getProperties()), keys, FrameTap.NONE);
    }
}
