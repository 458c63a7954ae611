package org.tradebench.connector.bitfinex.internal.market;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;

import org.tradebench.api.ConnectionControl.TransportMode;
import org.tradebench.api.ConnectionControl;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.market.BookGrouping;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookOptions;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleHistoryRequest;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.LiquidationListener;
import org.tradebench.api.market.MarkPriceListener;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeHistoryRequest;
import org.tradebench.api.market.TradeListener;
import org.tradebench.api.risk.MarketContext;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.BitfinexCatalog;
import org.tradebench.connector.bitfinex.internal.BitfinexConfig;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexError;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSymbols;
import org.tradebench.connector.bitfinex.internal.rest.BitfinexRest;
import org.tradebench.connector.bitfinex.internal.rest.RestPayloads;
import org.tradebench.connector.bitfinex.internal.session.BitfinexSocket;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.control.ConnectionSwitch;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.rest.RestFallback;
import org.tradebench.connector.support.stream.BookSubscription;
import org.tradebench.connector.support.stream.EventStream;
import org.tradebench.connector.support.stream.EventSubscription;
import org.tradebench.connector.support.stream.SharedStream;
import org.tradebench.core.book.OrderBook;
import org.tradebench.core.book.ScaledDecimal;
import org.tradebench.transport.JettyTransport;
import org.tradebench.transport.PingMode;
import org.tradebench.transport.RateLimiter;
import org.tradebench.transport.ReconnectPolicy;
import org.tradebench.transport.WebSocketDisconnect;
import org.tradebench.transport.WebSocketOptions;

/**
 * Bitfinex market data: one logical connection shared by every view.
 *
 * <ul>
 * <li>Each distinct stream (ticker, trades, book of one precision, frequency and length, candles of
 * a timeframe, a derivatives status, the liquidation feed) is one exchange channel ({@link Topic}),
 * however many subscriptions share it through the toolkit's reference-counted streams.</li>
 * <li>Channels live on public connection 0; another opens only when 25 channels (the exchange's
 * limit per connection) are in use, within the 20 connections a minute it allows.</li>
 * <li>Per-channel silence (heartbeat + margin) makes a channel STALE and resubscribes it;
 * whole-socket silence reconnects.</li>
 * <li>While a socket is down, its channels are polled over REST (the toolkit's
 * {@link RestFallback}); the platform status is polled too.</li>
 * </ul>
 *
 * <p>Public methods may be called from any thread and return at once; state lives under the
 * runtime lock. A stream this connector cannot serve ends FAILED with a cause, never an exception
 * (only an instrument of another exchange is refused with one).
 */
public final class BitfinexMarketData implements MarketData {

    private static final System.Logger LOG = System.getLogger(BitfinexMarketData.class.getName());
    private static final int[] LENGTHS = {1, 25, 100, 250};

    private final BitfinexConfig config;
    private final JettyTransport transport;
    private final ConnectorRuntime runtime;
    private final HealthModel health;
    private final HealthModel.Session session;
    private final BitfinexCatalog catalog;
    private final FrameTap tap;
    private final RestPayloads payloads = new RestPayloads();
    private final RateLimiter connects = RateLimiter.of("Bitfinex public connections", 20, Duration.ofMinutes(1));
    private final List<PublicConnection> connections = new ArrayList<>();
    private final Map<String, Topic> topicByKey = new LinkedHashMap<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final MarketRest restCalls;
    private final PlatformWatch watch;
    private PassiveFeed passive;
    private int nextConnection;
    private boolean closed;
    /** The user's switches: connected, transport mode. */
    private final ConnectionSwitch control;
    private boolean userConnected = true;
    private TransportMode userMode = TransportMode.AUTO;

    /**
     * Creates the service; {@link #start()} connects.
     *
     * @param config endpoints and timings
     * @param transport the Jetty clients (null for a stream decoder)
     * @param runtime the connector's runtime
     * @param health the health model (this service owns its market-data session)
     * @param rest the REST client
     * @param catalog the instruments
     * @param tap receives every raw frame read
     */
    public BitfinexMarketData(BitfinexConfig config, JettyTransport transport, ConnectorRuntime runtime,
            HealthModel health, BitfinexRest rest, BitfinexCatalog catalog, FrameTap tap) {
        this.config = Objects.requireNonNull(config, "config");
        this.transport = transport;
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.health = Objects.requireNonNull(health, "health");
        this.session = health.session(SessionHealth.MARKET_DATA);
        this.catalog = catalog;
        this.tap = Objects.requireNonNull(tap, "tap");
        this.restCalls = new MarketRest(this, rest);
        this.watch = new PlatformWatch(this, config, rest);
        this.control = new ConnectionSwitch(runtime, "Bitfinex", ConnectionSwitch.ALL_MODES);
    }

    /**
     * The user's switches for the public connections: disconnect, connect, WebSocket or REST.
     *
     * @return the control
     */
    public ConnectionControl control() {
        return control;
    }

    /** The user's choice changed (runtime lock held). */
    private void userChoice(boolean connected, TransportMode mode) {
        if (closed || passive != null) {
            return;
        }
        boolean wasConnected = userConnected;
        userConnected = connected;
        userMode = mode;
        session.disconnected(connected ? null : ConnectionControl.DISCONNECTED_CAUSE);
        for (PublicConnection c : connections) {
            applyChoice(c);
        }
        ConnectionSwitch.StreamMark mark = ConnectionSwitch.streamMark(connected, wasConnected, mode);
        for (Topic t : topicByKey.values()) {
            if (mark != null && !t.state().isFinal()) {
                t.state(mark.state(), mark.cause());
            }
        }
        health.update();
    }

    /** Brings one connection's socket and REST polling to the user's choice (runtime lock held). */
    private void applyChoice(PublicConnection c) {
        if (c.fallback != null) {
            c.fallback.mode(userConnected ? userMode : null);
        }
        if (c.socket == null) {
            return;
        }
        if (ConnectionSwitch.socketWanted(userConnected, userMode)) {
            c.socket.webSocket().resume();
        } else {
            c.socket.webSocket().pause(ConnectionSwitch.pauseReason(userConnected));
        }
    }

    /** Whether the user has the public connections disconnected (runtime lock held). */
    boolean userDisconnected() {
        return !userConnected;
    }

    /** Opens the primary connection and starts the watchdogs. Any thread. */
    public void start() {
        runtime.execute(() -> {
            session.started();
            openConnection();
            Duration check = Duration.ofMillis(Math.max(50, config.staleAfter().toMillis() / 4));
            timers.add(runtime.every(check, watch::checkSilence));
            health.update();
        });
        control.add(this::userChoice);
        watch.pollPlatformStatus();
    }

    /** Closes every socket; every stream ends CLOSED. Any thread. */
    public void close() {
        runtime.execute(() -> {
            closed = true;
            timers.forEach(t -> {
                if (t != null) {
                    t.cancel(false);
                }
            });
            for (PublicConnection c : connections) {
                if (c.socket != null) {
                    c.socket.close();
                }
            }
            for (Topic t : List.copyOf(topicByKey.values())) {
                t.closed();
            }
        });
    }

    ConnectorRuntime runtime() {
        return runtime;
    }

    HealthModel health() {
        return health;
    }

    HealthModel.Session session() {
        return session;
    }

    RestPayloads payloads() {
        return payloads;
    }

    MarketRest restCalls() {
        return restCalls;
    }

    PlatformWatch watch() {
        return watch;
    }

    boolean isClosed() {
        return closed;
    }

    /** Whether the exchange is in maintenance (order entry asks). Runtime lock held. */
    public boolean inMaintenance() {
        return watch.inMaintenance();
    }

    // ---------------------------------------------------------------- stream decoders

    void passive(PassiveFeed feed) {
        passive = feed;
    }

    /** The connection a passive feed is fed through (runtime lock held). */
    PublicConnection passiveConnection() {
        PublicConnection c = new PublicConnection(nextConnection++, this);
        c.configured = true;
        connections.add(c);
        return c;
    }

    /** A passive connection saw a channel subscribed that no topic asked for (stream decoders). */
    Topic passive(PublicConnection c, BitfinexChannel ch) {
        return passive == null ? null : passive.channel(c, ch);
    }

    void checksumChecked(BookTopic t, boolean ok) {
        if (passive != null) {
            passive.checksumChecked(t, ok);
        }
    }

    void statusAnnounced(int code, String message) {
        if (passive != null) {
            passive.statusAnnounced(code, message);
        }
    }

    void platformAnnounced(int version, int platformStatus) {
        if (passive != null && platformStatus >= 0) {
            passive.platformAnnounced(version, platformStatus);
        }
    }

    void errorAnnounced(BitfinexError error) {
        if (passive != null) {
            passive.errorAnnounced(error);
        }
    }

    // ---------------------------------------------------------------- MarketData

    @Override
    public Subscription subscribeTicker(InstrumentId instrument, TickerListener listener) {
        Objects.requireNonNull(listener, "listener");
        String raw = raw(instrument);
        if (raw == null) {
            return failed(instrument, "ticker", listener);
        }
        TickerTopic t = topic(TickerTopic.key(raw), () -> new TickerTopic(instrument, raw, this));
        return t.stream.attach(t.stream.subscription(listener, TickerListener::onTicker));
    }

    @Override
    public Subscription subscribeTrades(InstrumentId instrument, TradeListener listener) {
        Objects.requireNonNull(listener, "listener");
        String raw = raw(instrument);
        if (raw == null) {
            return failed(instrument, "trades", listener);
        }
        TradesTopic t = topic(TradesTopic.key(raw), () -> new TradesTopic(instrument, raw, this));
        return t.stream.attach(t.stream.subscription(listener, TradeListener::onTrade));
    }

    @Override
    public Subscription subscribeBook(BookRequest request, BookListener listener) {
        Objects.requireNonNull(listener, "listener");
        InstrumentId instrument = request.instrument();
        String raw = raw(instrument);
        if (raw == null) {
            return failed(instrument, "book", listener);
        }
        String precision = precision(request);
        if (precision == null) {
            return EventStream.failed(runtime, "book " + instrument.symbol(), "Bitfinex groups books by significant digits (P0 to P4),"
                    + " not by " + request.grouping().describe(), listener);
        }
        String frequency = request.updateInterval() != null && request.updateInterval().compareTo(Duration.ofSeconds(2)) >= 0
                ? "F1" : "F0";
        int len = length(request.depth());
        String key = BookTopic.key(raw, precision, frequency, len);
        BookTopic t = topic(key, () -> new BookTopic(key, instrument, raw, precision, frequency, len, this));
        return t.stream.attach(new BookSubscription(runtime, t.stream, listener));
    }

    /** The Bitfinex precision of a book request: R0, P0 (finest) or P1..P4 (4..1 significant digits). */
    static String precision(BookRequest request) {
        if (request.perOrder()) {
            return "R0";
        }
        BookGrouping g = request.grouping();
        return switch (g.kind()) {
            case NONE -> "P0";
            case SIGNIFICANT_DIGITS -> g.digits() >= 5 ? "P0" : "P" + (5 - g.digits());
            case INCREMENT -> null;
        };
    }

    @Override
    public BookOptions bookOptions(InstrumentId instrument) {
        return new BookOptions(List.of(1, 25, 100, 250), true,
                List.of(BookGrouping.NONE, BookGrouping.significantDigits(4), BookGrouping.significantDigits(3),
                        BookGrouping.significantDigits(2), BookGrouping.significantDigits(1)),
                List.of(Duration.ZERO, Duration.ofSeconds(2)), true, true);
    }

    /**
     * The Bitfinex book length for a requested depth: the next of 1, 25, 100, 250 (250 at most).
     *
     * @param depth the requested depth
     * @return the length
     */
    public static int length(int depth) {
        for (int l : LENGTHS) {
            if (depth <= l) {
                return l;
            }
        }
        return 250;
    }

    @Override
    public Subscription subscribeCandles(CandleRequest request, CandleListener listener) {
        Objects.requireNonNull(listener, "listener");
        InstrumentId instrument = request.instrument();
        String raw = raw(instrument);
        if (raw == null) {
            return failed(instrument, "candles", listener);
        }
        String tf = BitfinexAdapters.timeframe(request.interval()).orElse(null);
        if (tf == null) {
            return EventStream.failed(runtime, "candles " + instrument.symbol() + " " + request.interval(), "Bitfinex has no "
                    + request.interval() + " candles; it has " + BitfinexAdapters.candleIntervals(), listener);
        }
        String key = CandlesTopic.key(CandlesTopic.candleKey(tf, raw));
        CandlesTopic t = topic(key, () -> new CandlesTopic(instrument, request.interval(), tf, raw, this));
        EventSubscription<CandleListener, Candle> sub = t.stream.subscription(listener, CandleListener::onCandle);
        synchronized (runtime.lock()) {
            t.expect(sub, request.history());
        }
        return t.stream.attach(sub);
    }

    @Override
    public List<CandleInterval> candleIntervals() {
        return BitfinexAdapters.candleIntervals();
    }

    @Override
    public CompletionStage<List<Candle>> candleHistory(CandleHistoryRequest request) {
        return restCalls.candleHistory(request);
    }

    @Override
    public CompletionStage<List<Trade>> tradeHistory(TradeHistoryRequest request) {
        return restCalls.tradeHistory(request);
    }

    @Override
    public Subscription subscribeMarkPrice(InstrumentId instrument, MarkPriceListener listener) {
        Objects.requireNonNull(listener, "listener");
        String raw = raw(instrument);
        if (raw == null) {
            return failed(instrument, "mark price", listener);
        }
        if (kind(raw) != InstrumentKind.PERPETUAL) {
            return EventStream.failed(runtime, "mark price " + instrument.symbol(), "Bitfinex publishes mark prices and funding for its "
                    + "perpetuals only; " + instrument.symbol() + " is spot", listener);
        }
        DerivativeStatusTopic t = topic(DerivativeStatusTopic.key(raw), () -> new DerivativeStatusTopic(instrument,
                raw, this));
        return t.stream.attach(t.stream.subscription(listener, MarkPriceListener::onMarkPrice));
    }

    @Override
    public Subscription subscribeLiquidations(InstrumentId instrument, LiquidationListener listener) {
        Objects.requireNonNull(listener, "listener");
        String raw = raw(instrument);
        if (raw == null) {
            return failed(instrument, "liquidations", listener);
        }
        if (kind(raw) != InstrumentKind.PERPETUAL) {
            return EventStream.failed(runtime, "liquidations " + instrument.symbol(), "Bitfinex publishes liquidations of its perpetuals "
                    + "only; " + instrument.symbol() + " is spot", listener);
        }
        LiquidationsTopic t = topic(LiquidationsTopic.KEY, () -> new LiquidationsTopic(this));
        EventStream<LiquidationListener, org.tradebench.api.market.Liquidation> s;
        synchronized (runtime.lock()) {
            s = t.stream(instrument);
        }
        return s.attach(s.subscription(listener, LiquidationListener::onLiquidation));
    }

    // ---------------------------------------------------------------- instruments and failures

    /** The Bitfinex symbol of one of this connector's instruments, or null when it names none. */
    String raw(InstrumentId instrument) {
        Objects.requireNonNull(instrument, "instrument");
        if (!BitfinexSymbols.EXCHANGE_ID.equals(instrument.exchangeId())) {
            throw new IllegalArgumentException(instrument + " is not a Bitfinex instrument (exchange id "
                    + BitfinexSymbols.EXCHANGE_ID + ")");
        }
        if (catalog != null && catalog.loaded() && catalog.find(instrument).isEmpty()) {
            return null;
        }
        try {
            return BitfinexSymbols.toRaw(instrument.symbol());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static InstrumentKind kind(String raw) {
        return BitfinexSymbols.parse(raw).instrumentKind();
    }

    String notListed(InstrumentId instrument) {
        return "Bitfinex lists no instrument " + instrument.symbol();
    }

    private Subscription failed(InstrumentId instrument, String what, Object listener) {
        return EventStream.failed(runtime, what + " " + instrument.symbol(), notListed(instrument), listener);
    }

    @SuppressWarnings("unchecked")
    private <T extends Topic> T topic(String key, java.util.function.Supplier<T> create) {
        synchronized (runtime.lock()) {
            Topic t = topicByKey.get(key);
            if (t == null || closed) {
                t = create.get();
                topicByKey.put(key, t);
                if (closed) {
                    t.closed();
                }
            }
            return (T) t;
        }
    }

    // ---------------------------------------------------------------- topics on connections

    /** A topic got its first subscription: put it on a connection (runtime lock). */
    void acquire(Topic t) {
        if (closed) {
            return;
        }
        topicByKey.put(t.key, t);
        PublicConnection c = null;
        for (PublicConnection candidate : connections) {
            if (candidate.hasRoom()) {
                c = candidate;
                break;
            }
        }
        if (c == null) {
            c = openConnection();
        }
        c.add(t);
    }

    /** A topic lost its last subscription: unsubscribe and forget it (runtime lock). */
    void release(Topic t) {
        forget(t);
    }

    /** Forgets a topic (released, or refused by the exchange). */
    void forget(Topic t) {
        topicByKey.remove(t.key, t);
        PublicConnection c = t.conn;
        if (c == null) {
            return;
        }
        c.remove(t);
        t.conn = null;
        if (!c.isPrimary() && c.topics.isEmpty() && c.socket != null) {
            c.socket.close();
            connections.remove(c);
        }
    }

    private PublicConnection openConnection() {
        PublicConnection c = new PublicConnection(nextConnection++, this);
        WebSocketOptions options = WebSocketOptions.of(config.wsPublic())
                .withReconnect(new ReconnectPolicy(config.reconnect(), config.reconnectMax(), 2.0, 0.2), System.nanoTime())
                .withConnectLimiter(connects).withPing(PingMode.APPLICATION, config.pingInterval());
        c.socket = new BitfinexSocket("public-" + c.index, transport, options, runtime, session, c, c, tap);
        c.fallback = new RestFallback(runtime, "bitfinex public " + c.index, config.restFallbackAfter(),
                config.restPollInterval(), session);
        connections.add(c);
        c.socket.start();
        if (!userConnected || userMode != TransportMode.AUTO) {
            applyChoice(c);
        }
        return c;
    }

    // ---------------------------------------------------------------- connection events

    void connectionOpened(PublicConnection c) {
        if (closed) {
            return;
        }
        if (c.isPrimary()) {
            session.opened();
        }
        LOG.log(Level.INFO, "Bitfinex " + c + " connected");
        health.update();
    }

    void connectionLost(PublicConnection c, WebSocketDisconnect d) {
        if (closed) {
            return;
        }
        if (c.isPrimary()) {
            session.lost(d.describe());
            watch.pollPlatformStatus();
        }
        health.update();
    }

    void checksumMismatch(BookTopic t, int theirs, int mine) {
        session.error();
        LOG.log(Level.WARNING, () -> "Bitfinex " + t.describe() + ": checksum mismatch (exchange " + theirs + ", local "
                + mine + "); resubscribing for a fresh snapshot");
        if (t.conn != null) {
            t.conn.resubscribe(t, BookReset.CHECKSUM_MISMATCH);
        }
        health.update();
    }

    // ---------------------------------------------------------------- market context for the risk check

    /**
     * What the connector knows of a market now: best bid/ask from a valid book (else the ticker),
     * the last price from trades (else the ticker). Runtime lock held.
     *
     * @param instrument the instrument
     * @return the context (fields null when unknown)
     */
    public MarketContext marketContext(InstrumentId instrument) {
        java.math.BigDecimal bid = null;
        java.math.BigDecimal ask = null;
        java.math.BigDecimal last = null;
        for (Topic t : topicByKey.values()) {
            if (t instanceof BookTopic b && b.instrument.equals(instrument) && b.stream.isValid() && !b.perOrder) {
                OrderBook book = b.stream.book();
                if (book.levels(Side.BUY) > 0 && book.levels(Side.SELL) > 0) {
                    bid = ScaledDecimal.fromUnits(book.bestBid(), book.priceScale());
                    ask = ScaledDecimal.fromUnits(book.bestAsk(), book.priceScale());
                }
            } else if (t instanceof TradesTopic r && r.instrument.equals(instrument) && r.last() != null) {
                last = r.last().price();
            }
        }
        TickerTopic ticker = (TickerTopic) topicByKey.get(TickerTopic.key(BitfinexSymbols.toRaw(instrument.symbol())));
        Ticker tk = ticker == null ? null : ticker.latest();
        if (tk != null) {
            if (bid == null && tk.quote() != null) {
                bid = tk.bid();
                ask = tk.ask();
            }
            if (last == null) {
                last = tk.last();
            }
        }
        return new MarketContext(bid, ask, last);
    }

    /**
     * Counters and books for tests and diagnostics.
     *
     * @return the diagnostics view
     */
    public MarketDiagnostics diagnostics() {
        return new MarketDiagnostics(this);
    }

    Map<String, Topic> topics() {
        return topicByKey;
    }

    List<PublicConnection> connections() {
        return connections;
    }
}
