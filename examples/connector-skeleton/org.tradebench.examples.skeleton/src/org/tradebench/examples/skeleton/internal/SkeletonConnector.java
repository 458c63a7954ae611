package org.tradebench.examples.skeleton.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import org.tradebench.api.Capability;
import org.tradebench.api.ConnectionControl;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentListener;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.stream.InstrumentDirectory;
import org.tradebench.transport.JettyTransport;

/**
 * The Skeleton Exchange connector: market data (books, trades, tickers) from one WebSocket, the
 * instruments from the exchange's welcome message, health with a {@code market-data} session, and
 * the user's connect and disconnect switch. No trading: {@link #tradingAccounts()} is empty.
 *
 * <p>Threads, all the toolkit's and the transport's: {@code skeleton-connector} (requests, socket
 * events, timers), {@code skeleton-delivery} (every listener and future), {@code skeleton-jetty-N}
 * and {@code skeleton-timer} (the socket).
 *
 * <pre>{@code
 * try (SkeletonConnector c = SkeletonConnector.start(SkeletonConfig.defaults(), FrameTap.NONE)) {
 *     c.marketData().subscribeTicker(new InstrumentId("skeleton", "BTC/USD"), t -> System.out.println(t));
 * }
 * }</pre>
 *
 * <p><b>REPLACE</b> the id and name with your exchange's; add a trading account here when you
 * trade (see the Bitfinex and Binance connectors).
 */
public final class SkeletonConnector implements ExchangeConnector, OpenConnector {

    /** The connector id: {@value}. */
    public static final String ID = "skeleton";
    /** The name for people: {@value}. */
    public static final String DISPLAY_NAME = "Skeleton Exchange";

    private static final Set<Capability> CAPABILITIES = Set.of(Capability.TICKER, Capability.TRADES,
            Capability.ORDER_BOOK);

    private final SkeletonConfig config;
    private final ConnectorRuntime runtime;
    private final JettyTransport transport;
    private final HealthModel health;
    private final InstrumentDirectory catalog;
    private final SkeletonMarketData marketData;
    private final ScheduledFuture<?> healthTick;

    private SkeletonConnector(SkeletonConfig config, FrameTap tap) {
        this.config = config;
        this.runtime = ConnectorRuntime.start(ID);
        this.transport = JettyTransport.start(ID);
        this.health = new HealthModel(runtime);
        this.catalog = new InstrumentDirectory(runtime, ID);
        this.marketData = new SkeletonMarketData(config, transport, runtime, health, catalog, tap);
        this.healthTick = runtime.every(Duration.ofSeconds(1), health::tick);
    }

    /**
     * Starts a connector and connects.
     *
     * @param config endpoint and timings
     * @param tap receives every frame read ({@link FrameTap#NONE} for none)
     * @return the running connector; close it
     */
    public static SkeletonConnector start(SkeletonConfig config, FrameTap tap) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(tap, "tap");
        SkeletonConnector c = new SkeletonConnector(config, tap);
        c.marketData.start();
        return c;
    }

    /** @return the configuration */
    public SkeletonConfig config() {
        return config;
    }

    /** @return the instruments as the exchange listed them */
    public InstrumentDirectory catalog() {
        return catalog;
    }

    /** @return the market data service with its diagnostics */
    public SkeletonMarketData skeletonMarketData() {
        return marketData;
    }

    @Override
    public ExchangeConnector connector() {
        return this;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return DISPLAY_NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
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
        return List.of();
    }

    @Override
    public Optional<ConnectionControl> connectionControl() {
        return Optional.of(marketData.control());
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

    /** Closes the socket, the HTTP client and the threads; every stream ends CLOSED. */
    @Override
    public void close() {
        healthTick.cancel(false);
        marketData.close();
        try {
            runtime.call(() -> {
                health.closed();
                return null;
            });
        } catch (IllegalStateException e) {
            // the runtime was closed already
        }
        transport.close();
        runtime.close();
    }

    @Override
    public String toString() {
        return "SkeletonConnector[" + health.current().state().wireName() + ", " + config.webSocket() + "]";
    }
}
