package org.tradebench.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentListener;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.trading.TradingAccount;

/**
 * One exchange, as an OSGi service. Connector bundles register it; views consume it.
 *
 * <p>Service properties: {@value #PROPERTY_EXCHANGE_ID} (for example {@code "bitfinex"}) and
 * {@value #PROPERTY_DISPLAY_NAME}. The embedded simulated exchange registers with the lowest
 * {@code service.ranking} so that any real connector wins where a single connector is wanted.
 *
 * <pre>{@code
 * @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
 * void addConnector(ExchangeConnector c) {
 *     InstrumentId btc = new InstrumentId(c.id(), "BTC/USD");
 *     c.marketData().subscribeTicker(btc, ticker -> model.update(ticker));
 *     c.subscribeHealth(h -> badge.show(h.session(SessionHealth.MARKET_DATA)));
 * }
 * }</pre>
 *
 * <p>Implemented by connectors; see the threading contract in the package documentation.
 */
@ProviderType
public interface ExchangeConnector {

    /** Service property holding {@link #id()}. */
    String PROPERTY_EXCHANGE_ID = "exchange.id";

    /** Service property holding {@link #displayName()}. */
    String PROPERTY_DISPLAY_NAME = "exchange.name";

    /**
     * The connector id, as used in {@link InstrumentId#exchangeId()} and in JSON output.
     *
     * @return for example {@code "bitfinex"} or {@code "simulated"}
     */
    String id();

    /**
     * A name for people.
     *
     * @return for example {@code "Bitfinex"}
     */
    String displayName();

    /**
     * What this connector can do now: market data capabilities, plus the trading capabilities of
     * its accounts when trading is configured (keys available). An instrument may offer less
     * ({@link Instrument#capabilities()}).
     *
     * @return an immutable set
     */
    Set<Capability> capabilities();

    /**
     * The instruments known to this connector now. The list may change at runtime (the exchange
     * lists or delists a market); {@link #subscribeInstruments} tells when.
     *
     * @return an immutable list
     */
    List<Instrument> instruments();

    /**
     * Looks an instrument up by its unified symbol.
     *
     * @param symbol unified symbol, for example {@code "BTC/USD"}
     * @return the instrument, or empty
     */
    default Optional<Instrument> instrument(String symbol) {
        return instruments().stream().filter(i -> i.id().symbol().equals(symbol)).findFirst();
    }

    /**
     * Streams changes of the instrument list; the current list is delivered first.
     *
     * @param listener called with every change
     * @return the subscription
     */
    Subscription subscribeInstruments(InstrumentListener listener);

    /**
     * Market data streams.
     *
     * @return the market data service of this connector
     */
    MarketData marketData();

    /**
     * The trading accounts of this connector: one per market that trades separately (Binance spot
     * and USD-M futures are two accounts); empty when trading is not configured.
     *
     * @return an immutable list
     */
    List<TradingAccount> tradingAccounts();

    /**
     * The first trading account, for connectors with one market.
     *
     * @return the account, or empty when trading is not configured
     */
    default Optional<TradingAccount> trading() {
        List<TradingAccount> accounts = tradingAccounts();
        return accounts.isEmpty() ? Optional.empty() : Optional.of(accounts.get(0));
    }

    /**
     * A trading account by its id.
     *
     * @param accountId for example {@code "spot"} or {@code "usdm"}
     * @return the account, or empty
     */
    default Optional<TradingAccount> tradingAccount(String accountId) {
        return tradingAccounts().stream().filter(a -> a.accountId().equals(accountId)).findFirst();
    }

    /**
     * The user's switches for this connector's market data connections (connect, disconnect,
     * WebSocket or REST), where it has them.
     *
     * @return the control, or empty when the connector offers none
     * @since 0.3
     */
    default Optional<ConnectionControl> connectionControl() {
        return Optional.empty();
    }

    /**
     * The current connection health, with one entry per session (market data, trading, account
     * stream, ...).
     *
     * @return the latest health value
     */
    ConnectionHealth health();

    /**
     * Streams connection health changes; the current value is delivered first.
     *
     * @param listener called on every change
     * @return the subscription handle
     */
    Subscription subscribeHealth(HealthListener listener);
}
