package org.tradebench.connector.bitfinex.internal;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import org.tradebench.api.Capability;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.connector.bitfinex.BitfinexConfig;
import org.tradebench.connector.bitfinex.internal.market.BitfinexMarketData;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexCredentials;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexNonceSource;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSymbols;
import org.tradebench.connector.bitfinex.internal.rest.BitfinexRest;
import org.tradebench.connector.bitfinex.internal.trading.BitfinexTrading;
import org.tradebench.transport.JettyTransport;

/**
 * The Bitfinex connector: market data over one shared WebSocket connection (more only past 25
 * channels) with REST fallback, and, when keys are configured, trading over the authenticated
 * socket. Everything runs on its own thread, {@code bitfinex-connector}; see
 * {@link BitfinexMarketData} and {@link BitfinexTrading} for the protocol behaviour.
 *
 * <pre>{@code
 * try (BitfinexConnector bfx = BitfinexConnector.start(BitfinexConfig.defaults())) {
 *     bfx.marketData().subscribeTicker(new InstrumentId("bitfinex", "BTC/USD"), t -> System.out.println(t));
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class BitfinexConnector implements ExchangeConnector, AutoCloseable {

    /** The connector id. */
    public static final String ID = BitfinexSymbols.EXCHANGE_ID;
    /** The display name. */
    public static final String DISPLAY_NAME = "Bitfinex";

    private static final Set<Capability> MARKET_DATA = EnumSet.of(Capability.TICKER, Capability.TRADES,
            Capability.ORDER_BOOK, Capability.ORDER_BOOK_RAW, Capability.CANDLES, Capability.CANDLE_HISTORY);

    private final BitfinexConfig config;
    private final ConnectorThread thread;
    private final JettyTransport transport;
    private final HealthModel health;
    private final BitfinexRest rest;
    private final BitfinexMarketData marketData;
    private final BitfinexTrading trading;
    private final Set<Capability> capabilities;
    private final ScheduledFuture<?> healthTick;

    private BitfinexConnector(BitfinexConfig config) {
        this.config = config;
        this.thread = new ConnectorThread("bitfinex-connector");
        this.transport = JettyTransport.start("bitfinex");
        this.health = new HealthModel(thread);
        BitfinexNonceSource nonces = new BitfinexNonceSource();
        BitfinexCredentials credentials = credentials(config);
        this.rest = new BitfinexRest(transport, config, nonces, credentials);
        this.marketData = new BitfinexMarketData(config, transport, thread, health, rest);
        this.trading = credentials == null ? null
                : new BitfinexTrading(config, transport, thread, health, rest, marketData, credentials, nonces);
        Set<Capability> caps = EnumSet.copyOf(MARKET_DATA);
        if (trading != null) {
            caps.addAll(BitfinexTrading.CAPABILITIES);
            if (config.deadManSwitch()) {
                caps.add(Capability.DEAD_MAN_SWITCH);
            }
        }
        this.capabilities = Set.copyOf(caps);
        this.healthTick = thread.every(Duration.ofSeconds(1), health::tick);
    }

    private static BitfinexCredentials credentials(BitfinexConfig config) {
        Optional<String> key = config.credentials().apiKey();
        if (key.isEmpty()) {
            return null;
        }
        char[] secret = config.credentials().secret();
        try {
            return secret.length == 0 ? null : new BitfinexCredentials(key.get(), secret);
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
    }

    /**
     * Starts a connector: connects at once and asks the platform status.
     *
     * @param config endpoints, timings, keys
     * @return the running connector
     */
    public static BitfinexConnector start(BitfinexConfig config) {
        Objects.requireNonNull(config, "config");
        BitfinexConnector c = new BitfinexConnector(config);
        c.marketData.pollPlatformStatus();
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

    /** The connector thread (tests run checks on it). */
    public ConnectorThread thread() {
        return thread;
    }

    /** The market data service with its diagnostics. */
    public BitfinexMarketData bitfinexMarketData() {
        return marketData;
    }

    /** The trading service, when keys are configured. */
    public Optional<BitfinexTrading> bitfinexTrading() {
        return Optional.ofNullable(trading);
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
        return BitfinexInstruments.all();
    }

    @Override
    public MarketData marketData() {
        return marketData;
    }

    @Override
    public Optional<TradingAccount> trading() {
        return Optional.ofNullable(trading);
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

    /** Closes the sockets, the HTTP client and the thread. */
    @Override
    public void close() {
        if (healthTick != null) {
            healthTick.cancel(false);
        }
        marketData.close();
        if (trading != null) {
            trading.close();
        }
        try {
            thread.call(() -> {
                health.closed();
                health.update();
                return null;
            });
        } catch (IllegalStateException e) {
            // already closed
        }
        transport.close();
        thread.close();
    }

    @Override
    public String toString() {
        return "BitfinexConnector[" + health.current().state().wireName() + ", " + config.wsPublic() + "]";
    }
}
