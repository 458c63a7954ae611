package org.tradebench.connector.bitfinex.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tradebench.api.Capability;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.connector.bitfinex.BitfinexConfig;
import org.tradebench.connector.bitfinex.BitfinexCredentialsSource;

/**
 * Registers the Bitfinex connector as an {@link ExchangeConnector} service ({@code exchange.id=bitfinex},
 * normal ranking 0).
 *
 * <p>Configuration: PID {@value BitfinexConfig#PID}, else {@code tradebench.bitfinex.*} system
 * properties, else the real endpoints (see {@link BitfinexConfig#from}). Keys: an optional
 * {@link BitfinexCredentialsSource} service (the workbench backs it with Eclipse secure storage);
 * the reference is static and greedy, so the connector restarts with trading when one appears.
 */
@Component(service = ExchangeConnector.class, configurationPid = BitfinexConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {
                ExchangeConnector.PROPERTY_EXCHANGE_ID + "=" + BitfinexConnector.ID,
                ExchangeConnector.PROPERTY_DISPLAY_NAME + "=" + BitfinexConnector.DISPLAY_NAME,
                "service.ranking:Integer=0" })
public final class BitfinexConnectorComponent implements ExchangeConnector {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.STATIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private BitfinexCredentialsSource credentials;

    private BitfinexConnector connector;

    /** Created by DS. */
    public BitfinexConnectorComponent() {
    }

    /**
     * Starts the connector.
     *
     * @param properties the component properties
     */
    @Activate
    void activate(Map<String, Object> properties) {
        BitfinexConfig config = BitfinexConfig.from(properties, System.getProperties());
        if (credentials != null) {
            config = config.withCredentials(credentials);
        }
        connector = BitfinexConnector.start(config);
    }

    @Deactivate
    void deactivate() {
        connector.close();
    }

    @Override
    public String id() {
        return connector.id();
    }

    @Override
    public String displayName() {
        return connector.displayName();
    }

    @Override
    public Set<Capability> capabilities() {
        return connector.capabilities();
    }

    @Override
    public List<Instrument> instruments() {
        return connector.instruments();
    }

    @Override
    public MarketData marketData() {
        return connector.marketData();
    }

    @Override
    public Optional<TradingAccount> trading() {
        return connector.trading();
    }

    @Override
    public ConnectionHealth health() {
        return connector.health();
    }

    @Override
    public Subscription subscribeHealth(HealthListener listener) {
        return connector.subscribeHealth(listener);
    }
}
