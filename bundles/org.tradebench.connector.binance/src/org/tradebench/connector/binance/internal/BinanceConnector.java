package org.tradebench.connector.binance.internal;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import org.tradebench.api.Capability;
import org.tradebench.api.ConnectionControl;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.KeyEnvironment;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentListener;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.connector.binance.internal.market.BinanceMarketData;
import org.tradebench.connector.binance.internal.trading.BinanceTradingAccount;
import org.tradebench.connector.binance.internal.trading.BinanceTradingConfig;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.service.ConnectorServiceLifecycle;
import org.tradebench.connector.support.sign.Signer;
import org.tradebench.transport.HttpJsonClient;
import org.tradebench.transport.JettyTransport;
import org.tradebench.transport.RateLimiter;

/**
 * A Binance connector for one market: {@code binance} (spot) or {@code binance-usdm} (USD-M
 * perpetuals). Market data over combined-stream WebSockets with REST snapshots and REST fallback,
 * instruments from exchangeInfo. With keys, one trading account ({@code BinanceTradingAccount}: orders over
 * the WebSocket API, REST while it is down, the account stream, reconciliation).
 * Threads: {@code <id>-connector}, {@code <id>-delivery}, the transport's {@code <id>-jetty-N}.
 *
 * <pre>{@code
 * try (BinanceConnector c = BinanceConnector.start(BinanceConfig.defaults(BinanceMarket.SPOT), FrameTap.NONE)) {
 *     c.marketData().subscribeTicker(new InstrumentId("binance", "BTC/USDT"), t -> System.out.println(t));
 * }
 * }</pre>
 */
public final class BinanceConnector implements ExchangeConnector, OpenConnector {

    private final BinanceConfig config;
    private final ConnectorRuntime runtime;
    private final JettyTransport transport;
    private final HealthModel health;
    private final BinanceCatalog catalog;
    private final BinanceMarketData marketData;
    private final Set<Capability> capabilities;
    private final ScheduledFuture<?> healthTick;
    private final Signer signer;
    private final BinanceTradingAccount account;

    private BinanceConnector(BinanceConfig config, BinanceTradingConfig trading, ApiCredentials keys, FrameTap tap) {
        this.config = config;
        String id = config.market().id();
        this.runtime = ConnectorRuntime.start(id);
        this.transport = JettyTransport.start(id);
        this.health = new HealthModel(runtime);
        HttpJsonClient http = new HttpJsonClient(transport, Duration.ofSeconds(10), Duration.ofSeconds(5));
        // Binance weighs requests (spot 6000, futures 2400 a minute): stay well inside, snapshots weigh most
        http.limit(config.market().restPrefix(), RateLimiter.of(id + " REST", 600, Duration.ofMinutes(1)));
        http.limit(config.market().restPrefix() + "depth", RateLimiter.of(id + " depth snapshots", 60,
                Duration.ofMinutes(1)));
        this.catalog = new BinanceCatalog(runtime, config, http);
        this.marketData = new BinanceMarketData(config, transport, runtime, health, http, catalog, tap);
        Set<Capability> caps = EnumSet.of(Capability.TICKER, Capability.TRADES, Capability.TRADE_HISTORY,
                Capability.ORDER_BOOK, Capability.CANDLES, Capability.CANDLE_HISTORY);
        if (config.market().derivatives()) {
            caps.addAll(EnumSet.of(Capability.MARK_PRICE, Capability.FUNDING, Capability.LIQUIDATIONS));
        }
        this.signer = keys == null ? null : Signer.of(keys);
        this.account = signer == null ? null : new BinanceTradingAccount(config, trading, transport, runtime, health,
                http, catalog, signer);
        if (account != null) {
            caps.addAll(account.capabilities());
        }
        this.capabilities = Set.copyOf(caps);
        this.healthTick = runtime.every(Duration.ofSeconds(1), health::tick);
    }

    /**
     * Starts a connector: loads the instruments and connects.
     *
     * @param config market, endpoints and timings
     * @param tap receives every raw frame and every depth snapshot ({@link FrameTap#NONE} for none)
     * @return the running connector
     */
    public static BinanceConnector start(BinanceConfig config, FrameTap tap) {
        return start(config, BinanceTradingConfig.defaults(config.market()), null, tap);
    }

    /**
     * Starts a connector with a trading account.
     *
     * @param config market, endpoints and timings
     * @param trading the trading endpoints and timings
     * @param keys the account's keys (the connector keeps its own copy), or null for market data only
     * @param tap receives every raw frame and every depth snapshot
     * @return the running connector
     */
    public static BinanceConnector start(BinanceConfig config, BinanceTradingConfig trading, ApiCredentials keys,
            FrameTap tap) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(trading, "trading");
        Objects.requireNonNull(tap, "tap");
        BinanceConnector c = new BinanceConnector(config, trading, keys, tap);
        c.catalog.start();
        c.marketData.start();
        if (c.account != null) {
            c.account.start();
        }
        return c;
    }

    /**
     * The workbench's lifecycle of a market's connector service: enabled by {@code enabled=true}
     * (component property or {@code tradebench.<id>.enabled}) or by keys stored for the market's id;
     * the environment (live or testnet) is the stored key's, else the {@code testnet} setting, and
     * moves every endpoint together (streams, REST, WebSocket API, user data); explicit URL settings
     * still win.
     *
     * @param market spot or USD-M
     * @return the lifecycle, not yet activated
     */
    public static ConnectorServiceLifecycle lifecycle(BinanceMarket market) {
        return new ConnectorServiceLifecycle(market.id(), market.displayName(),
                props -> BinanceConfig.enabled(market, props, System.getProperties()), (props, keys) -> {
                    Properties system = System.getProperties();
                    KeyEnvironment environment = keys != null ? keys.environment()
                            : BinanceConfig.environment(market, props, system);
                    return start(BinanceConfig.from(market, environment, props, system),
                            BinanceTradingConfig.from(market, environment, props, system), keys, FrameTap.NONE);
                });
    }

    /** The trading account, or null without keys. */
    public BinanceTradingAccount account() {
        return account;
    }

    /** The configuration. */
    public BinanceConfig config() {
        return config;
    }

    /** The runtime (tests run checks under its lock). */
    public ConnectorRuntime runtime() {
        return runtime;
    }

    /** The instruments. */
    public BinanceCatalog catalog() {
        return catalog;
    }

    /** The market data service with its diagnostics. */
    public BinanceMarketData binanceMarketData() {
        return marketData;
    }

    @Override
    public ExchangeConnector connector() {
        return this;
    }

    @Override
    public String id() {
        return config.market().id();
    }

    @Override
    public String displayName() {
        return config.market().displayName();
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public List<Instrument> instruments() {
        return catalog.instruments();
    }

    @Override
    public Subscription subscribeInstruments(InstrumentListener listener) {
        return catalog.subscribe(listener);
    }

    @Override
    public MarketData marketData() {
        return marketData;
    }

    @Override
    public List<TradingAccount> tradingAccounts() {
        return account == null ? List.of() : List.of(account);
    }

    @Override
    public java.util.Optional<ConnectionControl> connectionControl() {
        return java.util.Optional.of(marketData.control());
    }

    @Override
    public ConnectionHealth health() {
        return health.current();
    }

    @Override
    public Subscription subscribeHealth(HealthListener listener) {
        Objects.requireNonNull(listener, "listener");
        return health.subscribe(listener);
    }

    /** Closes the sockets, the HTTP client and the threads; every stream ends CLOSED. */
    @Override
    public void close() {
        if (healthTick != null) {
            healthTick.cancel(false);
        }
        if (account != null) {
            account.close();
        }
        catalog.close();
        marketData.close();
        try {
            runtime.call(() -> {
                health.closed();
                return null;
            });
        } catch (IllegalStateException e) {
            // already closed
        }
        transport.close();
        runtime.close();
        if (signer != null) {
            signer.wipe();
        }
    }

    @Override
    public String toString() {
        return "BinanceConnector[" + id() + ", " + health.current().state().wireName() + ", " + config.wsPublic() + "]";
    }
}
