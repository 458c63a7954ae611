package org.tradebench.connector.simulated.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.tradebench.api.Capability;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentListener;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.connector.simulated.SimulatedExchange;
import org.tradebench.connector.simulated.SimulatedExchangeConfig;

/**
 * Registers the simulated exchange as the {@link ExchangeConnector} service with the lowest
 * ranking, so the workbench has a market with no network and no keys, and any real connector wins
 * where one connector is wanted.
 *
 * <p>Configuration comes from the component properties (configuration PID
 * {@code org.tradebench.connector.simulated}, keys {@code seed}, {@code rate}, {@code balance},
 * {@code leverage}), else from the {@code tradebench.simulated.*} system properties, see
 * {@link SimulatedExchangeConfig}. The exchange starts on activation and stops on deactivation.
 */
@Component(service = ExchangeConnector.class, configurationPid = "org.tradebench.connector.simulated",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {
                ExchangeConnector.PROPERTY_EXCHANGE_ID + "=" + SimulatedExchange.ID,
                ExchangeConnector.PROPERTY_DISPLAY_NAME + "=" + SimulatedExchange.DISPLAY_NAME,
                "service.ranking:Integer=-1000" })
public final class SimulatedExchangeComponent implements ExchangeConnector {

    private final SimulatedExchange exchange;

    /**
     * Starts the exchange.
     *
     * @param properties the component properties
     */
    @Activate
    public SimulatedExchangeComponent(Map<String, Object> properties) {
        this.exchange = SimulatedExchange.start(SimulatedExchangeConfig.from(properties, System.getProperties()));
    }

    @Deactivate
    void deactivate() {
        exchange.close();
    }

    @Override
    public String id() {
        return exchange.id();
    }

    @Override
    public String displayName() {
        return exchange.displayName();
    }

    @Override
    public Set<Capability> capabilities() {
        return exchange.capabilities();
    }

    @Override
    public List<Instrument> instruments() {
        return exchange.instruments();
    }

    @Override
    public Subscription subscribeInstruments(InstrumentListener listener) {
        return exchange.subscribeInstruments(listener);
    }

    @Override
    public MarketData marketData() {
        return exchange.marketData();
    }

    @Override
    public List<TradingAccount> tradingAccounts() {
        return exchange.tradingAccounts();
    }

    @Override
    public ConnectionHealth health() {
        return exchange.health();
    }

    @Override
    public Subscription subscribeHealth(HealthListener listener) {
        return exchange.subscribeHealth(listener);
    }

    @Override
    public java.util.Optional<org.tradebench.api.ConnectionControl> connectionControl() {
        return exchange.connectionControl();
    }

}
