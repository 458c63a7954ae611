package org.tradebench.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
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
 * }
 * }</pre>
 *
 * <p>Implemented by connectors; see the threading contract in the package documentation.
 */
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
     * What this connector can do now. Trading capabilities are present only when trading is
     * configured (keys available).
     *
     * @return an immutable set
     */
    Set<Capability> capabilities();

    /**
     * The tradable instruments known to this connector.
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
     * Market data streams.
     *
     * @return the market data service of this connector
     */
    MarketData marketData();

    /**
     * Orders, fills, balances and positions; empty when trading is not configured.
     *
     * @return the trading account, or empty
     */
    Optional<TradingAccount> trading();

    /**
     * The current connection health.
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
