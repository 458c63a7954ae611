package org.tradebench.connector.bitfinex.internal;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import org.tradebench.api.Capability;
import org.tradebench.api.ConnectionControl;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentListener;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.connector.bitfinex.internal.market.BitfinexMarketData;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexNonceSource;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSymbols;
import org.tradebench.connector.bitfinex.internal.rest.BitfinexRest;
import org.tradebench.connector.bitfinex.internal.trading.BitfinexTradingAccount;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.sign.Signer;
import org.tradebench.transport.JettyTransport;
import org.tradebench.transport.PlainTextRule;

/**
 * The Bitfinex connector: market data over one shared WebSocket connection (more only past 25
 * channels) with REST fallback, instruments from the exchange's configuration, and, when keys are
 * configured, trading over the authenticated socket. Threads and delivery are the connector
 * toolkit's ({@code bitfinex-connector}, {@code bitfinex-delivery}); frames are decoded on the
 * network reader. See {@link BitfinexMarketData} and {@link BitfinexTradingAccount} for the
 * protocol behaviour.
 *
 * <pre>{@code
 * try (BitfinexConnector bfx = BitfinexConnector.start(BitfinexConfig.defaults(), null, FrameTap.NONE)) {
 *     bfx.marketData().subscribeTicker(new InstrumentId("bitfinex", "BTC/USD"), t -> System.out.println(t));
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class BitfinexConnector implements ExchangeConnector, OpenConnector {

    /** The connector id. */
    public static final String ID = BitfinexSymbols.EXCHANGE_ID;
    /** The display name. */
    public static final String DISPLAY_NAME = "Bitfinex";

    private static final Set<Capability> MARKET_DATA = Set.copyOf(EnumSet.of(Capability.TICKER, Capability.TRADES,
            Capability.TRADE_HISTORY, Capability.ORDER_BOOK, Capability.ORDER_BOOK_RAW, Capability.ORDER_BOOK_COUNTS,
            Capability.CANDLES, Capability.CANDLE_HISTORY, Capability.MARK_PRICE, Capability.FUNDING,
            Capability.OPEN_INTEREST, Capability.LIQUIDATIONS));

    private final BitfinexConfig config;
    private final ConnectorRuntime runtime;
    private final JettyTransport transport;
    private final HealthModel health;
    private final BitfinexCatalog catalog;
    private final BitfinexMarketData marketData;
    private final BitfinexTradingAccount trading;
    private final Signer signer;
    private final Set<Capability> capabilities;
    private final ScheduledFuture<?> healthTick;

    private BitfinexConnector(BitfinexConfig config, ApiCredentials keys, FrameTap tap) {
        if (keys != null) {
            // before anything starts: no thread to stop when the addresses are refused
            PlainTextRule.requireEncryptedUnlessLoopback(config.wsAuth(), "Bitfinex account socket");
            PlainTextRule.requireEncryptedUnlessLoopback(config.restAuth(), "Bitfinex authenticated REST");
        }
        this.config = config;
        this.runtime = ConnectorRuntime.start("bitfinex");
        this.transport = JettyTransport.start("bitfinex");
        this.health = new HealthModel(runtime);
        BitfinexNonceSource nonces = BitfinexNonceSource.shared();
        this.signer = keys == null ? null : Signer.of(keys);
        BitfinexRest rest = new BitfinexRest(transport, config, nonces, signer);
        this.catalog = new BitfinexCatalog(runtime, rest);
        this.marketData = new BitfinexMarketData(config, transport, runtime, health, rest, catalog, tap);
        this.trading = signer == null ? null
                : new BitfinexTradingAccount(config, transport, runtime, health, rest, marketData, catalog, signer,
                        nonces, tap);
        Set<Capability> caps = EnumSet.copyOf(MARKET_DATA);
        if (trading != null) {
            caps.addAll(trading.capabilities());
        }
        this.capabilities = Set.copyOf(caps);
        this.healthTick = runtime.every(Duration.ofSeconds(1), health::tick);
    }

    /**
     * Starts a connector: loads the instruments, connects at once and asks the platform status.
     *
     * @param config endpoints and timings
     * @param keys the account's keys (copied; the caller may wipe its own), or null for market data only
     * @param tap receives every raw frame read ({@link FrameTap#NONE} for none)
     * @return the running connector
     */
    public static BitfinexConnector start(BitfinexConfig config, ApiCredentials keys, FrameTap tap) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(tap, "tap");
        BitfinexConnector c = new BitfinexConnector(config, keys, tap);
        c.catalog.start();
        c.marketData.start();
        if (c.trading != null) {
            c.trading.start();
        }
        return c;
    }

    /** The configuration. */
    public BitfinexConfig config() {
        return config;
    }

    /** The runtime (tests run checks under its lock). */
    public ConnectorRuntime runtime() {
        return runtime;
    }

    /** The market data service with its diagnostics. */
    public BitfinexMarketData bitfinexMarketData() {
        return marketData;
    }

    /** The trading account, when keys are configured. */
    public java.util.Optional<BitfinexTradingAccount> bitfinexTrading() {
        return java.util.Optional.ofNullable(trading);
    }

    /** The instrument catalog. */
    public BitfinexCatalog catalog() {
        return catalog;
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
        return trading == null ? List.of() : List.of(trading);
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
        catalog.close();
        marketData.close();
        if (trading != null) {
            trading.close();
        }
        try {
            runtime.call(() -> {
                health.closed();
                return null;
            });
        } catch (IllegalStateException e) {
            // already closed
        }
        transport.close();
        runtime.close(); // delivers what is queued (the CLOSED states) before its threads end
        if (signer != null) {
            signer.wipe();
        }
    }

    @Override
    public String toString() {
        return "BitfinexConnector[" + health.current().state().wireName() + ", " + config.wsPublic() + "]";
    }
}
