package org.tradebench.connector.binance.internal.market;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.tradebench.api.ConnectionControl.TransportMode;
import org.tradebench.api.ConnectionControl;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentsChanged;
import org.tradebench.api.market.BookGrouping;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookOptions;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleHistoryRequest;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.LiquidationListener;
import org.tradebench.api.market.MarkPriceListener;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeHistoryRequest;
import org.tradebench.api.market.TradeListener;
import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.connector.binance.internal.BinanceAdapters;
import org.tradebench.connector.binance.internal.BinanceCatalog;
import org.tradebench.connector.binance.internal.BinanceConfig;
import org.tradebench.connector.binance.internal.BinanceMarket;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.control.ConnectionSwitch;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.json.JsonScanner;
import org.tradebench.connector.support.stream.BookSubscription;
import org.tradebench.connector.support.stream.EventStream;
import org.tradebench.connector.support.stream.EventSubscription;
import org.tradebench.connector.support.stream.SharedStream;
import org.tradebench.transport.HttpJsonClient;
import org.tradebench.transport.HttpResult;
import org.tradebench.transport.JettyTransport;
import org.tradebench.transport.RateLimiter;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;

/**
 * Binance market data of one market (spot or USD-M) over combined-stream WebSockets: spot on one
 * endpoint, USD-M on two (the public route for depth and book tickers, the market route for the
 * rest). Each API stream is a {@link Topic} shared by its subscriptions; the first subscription
 * subscribes its Binance streams live, the last one unsubscribes them. Frames are routed by their
 * {@code stream} name, in place, to the topic; the book path allocates nothing per diff.
 *
 * <p>Health: a {@code market-data} session for the (public) socket, and for USD-M a
 * {@code market-streams} session for the market route; each with the toolkit's REST fallback
 * (tickers, trades and mark prices are polled while its socket is down; books resynchronise when it
 * is back).
 *
 * <p>Without a transport it is the decoder's pipeline ({@link #passive}): no sockets, no REST; the
 * topics are created for every stream the frames carry, and snapshots come from the recording.
 */
public final class BinanceMarketData implements MarketData {

    private static final System.Logger LOG = System.getLogger(BinanceMarketData.class.getName());
    /** The session of the USD-M market route. */
    public static final String MARKET_STREAMS = "market-streams";

    private final BinanceConfig config;
    private final JettyTransport transport;
    private final ConnectorRuntime runtime;
    private final HealthModel health;
    private final BinanceCatalog catalog;
    private final FrameTap tap;
    private final HttpJsonClient http;
    private final RateLimiter connects = StreamSocket.connectLimiter();
    private final JsonScanner scanner = new JsonScanner();
    private final StreamSocket publicSocket;
    private final StreamSocket marketSocket;
    private final Map<String, Topic> topics = new LinkedHashMap<>();
    /** Topics with subscribers, in the order they got them (a replaced topic may overlap its successor). */
    private final List<Topic> acquired = new ArrayList<>();
    private Topic[] routeTopics = new Topic[0];
    private int[] routeIndex = new int[0];
    private byte[][] routeNames = new byte[0][];
    private DecodedEvents passive;
    private boolean closed;
    /** The user's switches: connected, transport mode. */
    private final ConnectionSwitch control;
    private boolean userConnected = true;

    /**
     * Creates the service; {@link #start()} connects.
     *
     * @param config market, endpoints and timings
     * @param transport the Jetty clients, or null for a decoder
     * @param runtime the runtime
     * @param health the health model (market data's sessions are created here, first)
     * @param http the REST client, or null for a decoder
     * @param catalog the instruments, or null for a decoder
     * @param tap receives every raw frame and every depth snapshot fed to a book
     */
    public BinanceMarketData(BinanceConfig config, JettyTransport transport, ConnectorRuntime runtime,
            HealthModel health, HttpJsonClient http, BinanceCatalog catalog, FrameTap tap) {
        this.config = Objects.requireNonNull(config, "config");
        this.transport = transport;
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.health = Objects.requireNonNull(health, "health");
        this.http = http;
        this.catalog = catalog;
        this.tap = Objects.requireNonNull(tap, "tap");
        HealthModel.Session md = health.session(SessionHealth.MARKET_DATA);
        this.publicSocket = new StreamSocket("market", this, config.wsPublic(), md);
        this.marketSocket = config.market() == BinanceMarket.SPOT ? publicSocket
                : new StreamSocket(MARKET_STREAMS, this, config.wsMarket(), health.session(MARKET_STREAMS));
        if (catalog != null) {
            catalog.watch(this::instrumentsChanged);
        }
        this.control = new ConnectionSwitch(runtime, config.market().displayName(), ConnectionSwitch.ALL_MODES);
    }

    /**
     * The user's switches for the market data sockets: disconnect, connect, WebSocket or REST.
     *
     * @return the control
     */
    public ConnectionControl control() {
        return control;
    }

    /** The user's choice changed (runtime lock held). */
    private void userChoice(boolean connected, TransportMode mode) {
        if (closed || transport == null) {
            return;
        }
        boolean wasConnected = userConnected;
        userConnected = connected;
        publicSocket.userChoice(connected, mode);
        if (marketSocket != publicSocket) {
            marketSocket.userChoice(connected, mode);
        }
        ConnectionSwitch.StreamMark mark = ConnectionSwitch.streamMark(connected, wasConnected, mode);
        for (Topic t : acquired) {
            if (mark != null && !t.stream().state().isFinal()) {
                t.stream().state(mark.state(), mark.cause());
            }
        }
        health.update();
    }

    /** Opens the sockets. Any thread. */
    public void start() {
        runtime.execute(() -> {
            publicSocket.start();
            if (marketSocket != publicSocket) {
                marketSocket.start();
            }
            health.update();
        });
        if (transport != null) {
            control.add(this::userChoice);
        }
    }

    /** Closes the sockets; every stream ends CLOSED. Any thread. */
    public void close() {
        runtime.execute(() -> {
            closed = true;
            publicSocket.close();
            marketSocket.close();
            java.util.Set<Topic> all = new java.util.LinkedHashSet<>(topics.values());
            all.addAll(acquired);
            for (Topic t : all) {
                t.closed();
            }
        });
    }

    // ---------------------------------------------------------------- for topics and sockets

    BinanceConfig config() {
        return config;
    }

    ConnectorRuntime runtime() {
        return runtime;
    }

    HealthModel health() {
        return health;
    }

    JettyTransport transport() {
        return transport;
    }

    FrameTap tap() {
        return tap;
    }

    RateLimiter connects() {
        return connects;
    }

    JsonScanner scanner() {
        return scanner;
    }

    boolean isPassive() {
        return transport == null;
    }

    CompletableFuture<HttpResult> rest(String path) {
        URI uri = config.restUri(path);
        return http.get(uri);
    }

    /** The socket a Binance stream lives on: USD-M depth and book tickers on the public route. */
    StreamSocket socketFor(String stream) {
        if (config.market() == BinanceMarket.SPOT) {
            return publicSocket;
        }
        return stream.contains("@depth") || stream.endsWith("@bookTicker") ? publicSocket : marketSocket;
    }

    /** A topic by key (tests; runtime lock held). */
    Topic topic(String key) {
        return topics.get(key);
    }

    /**
     * The update id a book stands at (diagnostics and tests; runtime lock held).
     *
     * @param instrument the instrument
     * @return the local update id of its valid book, or -1
     */
    public long bookUpdateId(InstrumentId instrument) {
        for (Topic t : acquired) {
            if (t instanceof DepthTopic d && d.instrument.equals(instrument) && d.sync().isValid()) {
                return d.sync().localUpdateId();
            }
        }
        return -1;
    }

    /** The sockets (tests and diagnostics): the public one first. */
    public List<String> sessions() {
        return marketSocket == publicSocket ? List.of(publicSocket.name) : List.of(publicSocket.name, marketSocket.name);
    }

    /** The Binance streams subscribed on all sockets now (tests). Runtime lock held. */
    public List<String> subscribedStreams() {
        List<String> l = new ArrayList<>(publicSocket.wanted());
        if (marketSocket != publicSocket) {
            l.addAll(marketSocket.wanted());
        }
        return l;
    }

    /** Replaces every socket's connection now, as before the 24 h limit (tests). Runtime lock held. */
    public void rolloverNow() {
        publicSocket.rolloverNow();
        if (marketSocket != publicSocket) {
            marketSocket.rolloverNow();
        }
    }

    /** A topic got its first subscription: subscribe its streams (runtime lock held). */
    void acquire(Topic t) {
        if (closed) {
            return;
        }
        t.acquired = true;
        acquired.add(t);
        topics.putIfAbsent(t.key, t);
        for (int i = 0; i < t.streams.length; i++) {
            t.sockets[i].subscribe(t.streams[i]);
        }
        rebuildRoutes();
        if (t.pollable() && t.sockets[0].fallback != null) {
            t.sockets[0].fallback.add(t);
            if (t.sockets[0].fallback.active()) {
                t.stream().state(DataState.REST_FALLBACK, "WebSocket down; polled over REST");
            }
        }
    }

    /** A topic lost its last subscription: unsubscribe and forget it (runtime lock held). */
    void release(Topic t) {
        t.acquired = false;
        acquired.remove(t);
        for (int i = 0; i < t.streams.length; i++) {
            t.sockets[i].unsubscribe(t.streams[i]);
        }
        if (t.sockets[0].fallback != null) {
            t.sockets[0].fallback.remove(t);
        }
        topics.remove(t.key, t);
        rebuildRoutes();
        if (t instanceof DepthTopic d) {
            d.restart("unsubscribed");
        }
    }

    private void rebuildRoutes() {
        List<Topic> ts = new ArrayList<>();
        List<Integer> idx = new ArrayList<>();
        for (Topic t : acquired) {
            for (int i = 0; i < t.streams.length; i++) {
                ts.add(t);
                idx.add(i);
            }
        }
        Topic[] rt = ts.toArray(new Topic[0]);
        int[] ri = new int[rt.length];
        byte[][] rn = new byte[rt.length][];
        for (int i = 0; i < rt.length; i++) {
            ri[i] = idx.get(i);
            rn[i] = rt[i].streamBytes[ri[i]];
        }
        routeTopics = rt;
        routeIndex = ri;
        routeNames = rn;
    }

    /** A stream event: to the topic that owns the stream name (runtime lock held, no allocation). */
    void route(byte[] b, int nameStart, int nameEnd, int dataStart, int dataEnd, long receivedMillis,
            long receivedNanos) {
        byte[][] names = routeNames;
        Topic[] ts = routeTopics;
        int[] idx = routeIndex;
        boolean routed = false;
        for (int i = 0; i < names.length; i++) {
            if (BinanceJson.equals(b, nameStart, nameEnd, names[i])) {
                ts[i].onData(idx[i], b, dataStart, dataEnd, receivedMillis, receivedNanos);
                routed = true;
            }
        }
        if (routed) {
            return;
        }
        if (passive != null) {
            String name = new String(b, nameStart, nameEnd - nameStart, java.nio.charset.StandardCharsets.US_ASCII);
            Topic t = passiveTopic(name);
            for (int i = 0; i < t.streams.length; i++) {
                if (t.streams[i].equals(name)) {
                    t.onData(i, b, dataStart, dataEnd, receivedMillis, receivedNanos);
                    return;
                }
            }
            throw new IllegalArgumentException("the stream '" + name + "' is not one this connector subscribes");
        }
        // a late event of a stream just unsubscribed
    }

    /** Binance refused a stream: its topic ends FAILED with Binance's text (runtime lock held). */
    void refused(String stream, String text) {
        for (Topic t : List.copyOf(acquired)) {
            for (String s : t.streams) {
                if (s.equals(stream)) {
                    t.failed(text);
                    forget(t);
                }
            }
        }
    }

    private void forget(Topic t) {
        if (t.acquired) {
            t.acquired = false;
            acquired.remove(t);
            for (int i = 0; i < t.streams.length; i++) {
                t.sockets[i].unsubscribe(t.streams[i]);
            }
            if (t.sockets[0].fallback != null) {
                t.sockets[0].fallback.remove(t);
            }
        }
        topics.remove(t.key, t);
        rebuildRoutes();
    }

    void socketDown(StreamSocket socket, String reason) {
        for (Topic t : List.copyOf(acquired)) {
            for (StreamSocket s : t.sockets) {
                if (s == socket) {
                    t.down(socket, reason);
                    break;
                }
            }
        }
    }

    void socketUp(StreamSocket socket) {
        for (Topic t : List.copyOf(acquired)) {
            for (StreamSocket s : t.sockets) {
                if (s == socket) {
                    t.up(socket);
                    break;
                }
            }
        }
    }

    void badFrame(HealthModel.Session session, IllegalArgumentException e, byte[] b, int off, int len) {
        session.error();
        health.update();
        LOG.log(Level.WARNING, config.market().displayName() + ": a frame could not be decoded (" + e.getMessage()
                + "): " + JsonScanner.excerpt(b, off, len, 200));
    }

    private void instrumentsChanged(InstrumentsChanged change) {
        for (InstrumentId gone : change.removed()) {
            for (Topic t : List.copyOf(topics.values())) {
                if (t.instrument.equals(gone)) {
                    t.failed(config.market().displayName() + " no longer lists " + gone.symbol());
                    forget(t);
                }
            }
        }
    }

    // ---------------------------------------------------------------- decoder

    /**
     * Makes this service a decoder's pipeline: every stream the frames carry gets its topic, with
     * the events attached (runtime lock held).
     *
     * @param events where the values go
     */
    public void passive(DecodedEvents events) {
        this.passive = Objects.requireNonNull(events, "events");
    }

    private Topic passiveTopic(String name) {
        int at = name.indexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("'" + name + "' is not a Binance stream name (<symbol>@<kind>)");
        }
        String raw = name.substring(0, at).toUpperCase(Locale.ROOT);
        String kind = name.substring(at + 1);
        InstrumentId id = new InstrumentId(config.market().id(), BinanceAdapters.unified(config.market(), raw));
        DecodedEvents e = passive;
        if (kind.startsWith("depth")) {
            Subscription s = subscribeBook(new BookRequest(id, config.depthLimit()), e::onBook);
            Objects.requireNonNull(s);
        } else if (kind.equals("bookTicker") || kind.equals("ticker")) {
            subscribeTicker(id, e::onTicker);
        } else if (kind.equals("aggTrade")) {
            subscribeTrades(id, e::onTrade);
        } else if (kind.startsWith("kline_")) {
            CandleInterval interval = BinanceAdapters.interval(kind.substring(6)).orElseThrow(
                    () -> new IllegalArgumentException("unknown kline interval in '" + name + "'"));
            subscribeCandles(new CandleRequest(id, interval, 0), e::onCandle);
        } else if (kind.startsWith("markPrice")) {
            subscribeMarkPrice(id, e::onMarkPrice);
        } else if (kind.equals("forceOrder")) {
            subscribeLiquidations(id, e::onLiquidation);
        } else {
            throw new IllegalArgumentException("the stream '" + name + "' is not one this connector decodes");
        }
        for (Topic t : topics.values()) {
            for (String s : t.streams) {
                if (s.equals(name)) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("the stream '" + name + "' is not one this connector subscribes"
                + " (depth is decoded from @depth@100ms, marks from @markPrice@1s)");
    }

    /**
     * A recorded depth snapshot (runtime lock held): for the book of {@code raw}, or when null for
     * the one book that waits for a snapshot.
     *
     * @param raw the Binance symbol, or null
     */
    public void passiveSnapshot(String raw, byte[] b, int off, int len, long receivedMillis) {
        DepthTopic target = null;
        for (Topic t : topics.values()) {
            if (t instanceof DepthTopic d && (raw == null ? d.awaitsSnapshot() : d.raw.equals(raw))) {
                if (target != null) {
                    throw new IllegalArgumentException("a depth snapshot, but several books wait for one; record"
                            + " snapshots under the session 'depth <SYMBOL>'");
                }
                target = d;
            }
        }
        if (target == null) {
            throw new IllegalArgumentException("a depth snapshot" + (raw == null ? "" : " of " + raw)
                    + ", but no book of it was seen yet");
        }
        target.snapshot(b, off, len, receivedMillis, System.nanoTime());
    }

    /** Hands a frame to the socket it came from (the decoder; runtime lock held). */
    public void passiveFrame(String session, byte[] b, int off, int len, long receivedMillis) {
        StreamSocket s = MARKET_STREAMS.equals(session) ? marketSocket : publicSocket;
        s.frame(b, off, len, receivedMillis, System.nanoTime());
    }

    /** Every valid book, for the decoder's finish (runtime lock held). */
    public void finalBooks(DecodedEvents events) {
        for (Topic t : topics.values()) {
            if (t instanceof DepthTopic d && d.stream().isValid()) {
                events.onFinalBook(d.instrument, d.stream().book());
            }
        }
    }

    // ---------------------------------------------------------------- MarketData

    @Override
    public Subscription subscribeTicker(InstrumentId instrument, TickerListener listener) {
        Objects.requireNonNull(listener, "listener");
        String raw = raw(instrument);
        if (raw == null) {
            return EventStream.failed(runtime, "ticker " + instrument.symbol(), notListed(instrument), listener);
        }
        TickerTopic t = topic("ticker " + raw, () -> new TickerTopic("ticker " + raw, this, instrument, raw));
        return t.stream().attach(t.stream().subscription(listener, TickerListener::onTicker));
    }

    @Override
    public Subscription subscribeTrades(InstrumentId instrument, TradeListener listener) {
        Objects.requireNonNull(listener, "listener");
        String raw = raw(instrument);
        if (raw == null) {
            return EventStream.failed(runtime, "trades " + instrument.symbol(), notListed(instrument), listener);
        }
        TradesTopic t = topic("trades " + raw, () -> new TradesTopic("trades " + raw, this, instrument, raw));
        return t.stream().attach(t.stream().subscription(listener, TradeListener::onTrade));
    }

    @Override
    public Subscription subscribeBook(BookRequest request, BookListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        InstrumentId instrument = request.instrument();
        String raw = raw(instrument);
        if (raw == null) {
            return EventStream.failed(runtime, "book " + instrument.symbol(), notListed(instrument), listener);
        }
        if (request.perOrder()) {
            return EventStream.failed(runtime, "book " + instrument.symbol(), "Binance publishes aggregated price levels only, no per-order"
                    + " book; offered: the full book (" + config.depthLimit() + " levels from the snapshot) ungrouped",
                    listener);
        }
        if (request.grouping().kind() != BookGrouping.Kind.NONE) {
            return EventStream.failed(runtime, "book " + instrument.symbol(), "Binance's diff depth is not grouped; offered: grouping none,"
                    + " not " + request.grouping().describe(), listener);
        }
        String key = "book " + raw;
        DepthTopic t = topic(key, () -> new DepthTopic(key, this, instrument, raw));
        return t.stream().attach(new BookSubscription(runtime, t.stream(), listener));
    }

    @Override
    public BookOptions bookOptions(InstrumentId instrument) {
        raw(instrument);
        return new BookOptions(List.of(config.depthLimit()), false, List.of(BookGrouping.NONE),
                List.of(BinanceAdapters.depthInterval()), false, false);
    }

    @Override
    public Subscription subscribeCandles(CandleRequest request, CandleListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        InstrumentId instrument = request.instrument();
        String raw = raw(instrument);
        if (raw == null) {
            return EventStream.failed(runtime, "candles " + instrument.symbol(), notListed(instrument), listener);
        }
        String name = BinanceAdapters.intervalName(config.market(), request.interval()).orElse(null);
        if (name == null) {
            return EventStream.failed(runtime, "candles " + instrument.symbol() + " " + request.interval(), config.market().displayName()
                    + " has no " + request.interval() + " klines; it has " + candleIntervals(), listener);
        }
        String key = "candles " + raw + " " + name;
        CandlesTopic t = topic(key, () -> new CandlesTopic(key, this, instrument, raw, request.interval(), name));
        EventSubscription<CandleListener, Candle> sub = t.stream().subscription(listener, CandleListener::onCandle);
        Subscription s = t.stream().attach(sub);
        if (request.history() > 0 && !isPassive()) {
            candleHistory(CandleHistoryRequest.before(instrument, request.interval(), null,
                    Math.min(request.history(), 1000))).thenAccept(list -> runtime.execute(() -> {
                        for (Candle c : list) {
                            if (c.closed()) {
                                t.stream().publishTo(sub, c);
                            }
                        }
                    }));
        }
        return s;
    }

    @Override
    public List<CandleInterval> candleIntervals() {
        return BinanceAdapters.intervals(config.market());
    }

    @Override
    public CompletionStage<List<Candle>> candleHistory(CandleHistoryRequest request) {
        Objects.requireNonNull(request, "request");
        String raw = raw(request.instrument());
        CompletableFuture<List<Candle>> f = new CompletableFuture<>();
        String name = BinanceAdapters.intervalName(config.market(), request.interval()).orElse(null);
        if (raw == null || name == null || isPassive()) {
            runtime.delivery().fail(f, new IllegalArgumentException(raw == null ? notListed(request.instrument())
                    : name == null ? "no " + request.interval() + " klines" : "a decoder has no REST"));
            return f;
        }
        StringBuilder path = new StringBuilder("klines?symbol=").append(raw).append("&interval=").append(name)
                .append("&limit=").append(Math.min(request.limit(), config.market() == BinanceMarket.SPOT ? 1000 : 1500));
        if (request.from() != null) {
            path.append("&startTime=").append(request.from().toEpochMilli());
        }
        if (request.to() != null) {
            path.append("&endTime=").append(request.to().toEpochMilli() - 1);
        }
        rest(path.toString()).thenAccept(r -> {
            try {
                if (r instanceof HttpResult.Success ok && ok.status() == 200) {
                    long now = System.currentTimeMillis();
                    List<Candle> out = new ArrayList<>();
                    for (JsonElement e : JsonTopic.parse(ok.body()).getAsJsonArray()) {
                        out.add(BinanceAdapters.candle(request.instrument(), request.interval(), (JsonArray) e, now));
                    }
                    runtime.delivery().complete(f, List.copyOf(out));
                } else {
                    runtime.delivery().fail(f, new IllegalStateException("klines: " + TickerTopic.describe(r)));
                }
            } catch (RuntimeException e) {
                runtime.delivery().fail(f, e);
            }
        });
        return f;
    }

    @Override
    public CompletionStage<List<Trade>> tradeHistory(TradeHistoryRequest request) {
        Objects.requireNonNull(request, "request");
        String raw = raw(request.instrument());
        CompletableFuture<List<Trade>> f = new CompletableFuture<>();
        if (raw == null || isPassive()) {
            runtime.delivery().fail(f, new IllegalArgumentException(raw == null ? notListed(request.instrument())
                    : "a decoder has no REST"));
            return f;
        }
        StringBuilder path = new StringBuilder("aggTrades?symbol=").append(raw).append("&limit=")
                .append(Math.min(request.limit(), 1000));
        if (request.before() != null) {
            // Binance takes a window of at most an hour when both ends are given
            long end = request.before().toEpochMilli() - 1;
            path.append("&startTime=").append(end - Duration.ofHours(1).toMillis() + 1).append("&endTime=").append(end);
        }
        rest(path.toString()).thenAccept(r -> {
            try {
                if (r instanceof HttpResult.Success ok && ok.status() == 200) {
                    Instant now = Instant.now();
                    List<Trade> out = new ArrayList<>();
                    for (JsonElement e : JsonTopic.parse(ok.body()).getAsJsonArray()) {
                        out.add(BinanceAdapters.trade(request.instrument(), e.getAsJsonObject(), now));
                    }
                    int from = Math.max(0, out.size() - request.limit());
                    runtime.delivery().complete(f, List.copyOf(out.subList(from, out.size())));
                } else {
                    runtime.delivery().fail(f, new IllegalStateException("aggTrades: " + TickerTopic.describe(r)));
                }
            } catch (RuntimeException e) {
                runtime.delivery().fail(f, e);
            }
        });
        return f;
    }

    @Override
    public Subscription subscribeMarkPrice(InstrumentId instrument, MarkPriceListener listener) {
        Objects.requireNonNull(listener, "listener");
        String raw = raw(instrument);
        if (raw == null) {
            return EventStream.failed(runtime, "mark price " + instrument.symbol(), notListed(instrument), listener);
        }
        if (!config.market().derivatives()) {
            return EventStream.failed(runtime, "mark price " + instrument.symbol(), "Binance spot has no mark price; USD-M perpetuals"
                    + " (binance-usdm) do", listener);
        }
        String key = "mark " + raw;
        MarkPriceTopic t = topic(key, () -> new MarkPriceTopic(key, this, instrument, raw));
        return t.stream().attach(t.stream().subscription(listener, MarkPriceListener::onMarkPrice));
    }

    @Override
    public Subscription subscribeLiquidations(InstrumentId instrument, LiquidationListener listener) {
        Objects.requireNonNull(listener, "listener");
        String raw = raw(instrument);
        if (raw == null) {
            return EventStream.failed(runtime, "liquidations " + instrument.symbol(), notListed(instrument), listener);
        }
        if (!config.market().derivatives()) {
            return EventStream.failed(runtime, "liquidations " + instrument.symbol(), "Binance spot has no liquidations; USD-M"
                    + " perpetuals (binance-usdm) do", listener);
        }
        String key = "liquidations " + raw;
        LiquidationsTopic t = topic(key, () -> new LiquidationsTopic(key, this, instrument, raw));
        return t.stream().attach(t.stream().subscription(listener, LiquidationListener::onLiquidation));
    }

    // ---------------------------------------------------------------- helpers

    /** Binance's symbol of one of this market's instruments, or null when Binance does not list it. */
    String raw(InstrumentId instrument) {
        Objects.requireNonNull(instrument, "instrument");
        if (!config.market().id().equals(instrument.exchangeId())) {
            throw new IllegalArgumentException(instrument + " is not an instrument of " + config.market().id());
        }
        if (config.market() == BinanceMarket.SPOT && instrument.symbol().indexOf(':') >= 0) {
            return null;
        }
        if (config.market() == BinanceMarket.USDM && instrument.symbol().indexOf(':') < 0) {
            return null;
        }
        if (catalog != null && catalog.loaded()) {
            return catalog.find(instrument).map(Instrument::rawSymbol).orElse(null);
        }
        return BinanceAdapters.raw(instrument);
    }

    private String notListed(InstrumentId instrument) {
        return config.market().displayName() + " lists no instrument " + instrument.symbol();
    }

    @SuppressWarnings("unchecked")
    private <T extends Topic> T topic(String key, Supplier<T> create) {
        synchronized (runtime.lock()) {
            Topic t = topics.get(key);
            if (t == null || t.stream().isEnded()) {
                t = create.get();
                topics.put(key, t);
                if (closed) {
                    t.closed();
                }
            }
            return (T) t;
        }
    }
}
