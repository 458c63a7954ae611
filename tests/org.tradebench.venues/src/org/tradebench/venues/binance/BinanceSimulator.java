package org.tradebench.venues.binance;

import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.connector.simulated.internal.SimulatedVenue;
import org.tradebench.venues.LoopbackJetty;
import org.tradebench.venues.binance.BinanceSimulatorConfig.Product;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A Binance market-data server on 127.0.0.1 (spot, or USD-M futures), driven by the embedded
 * simulated venue (its seeded synthetic market on Binance's tick and lot sizes), with fault
 * injection. Connector tests, chaos tests and benchmarks point a Binance connector at
 * {@link #webSocketUri()} (streams) and {@link #restUri()} (REST).
 *
 * <pre>{@code
 * try (BinanceSimulator spot = BinanceSimulator.start(BinanceSimulatorConfig.spot()
 *         .withManualClock(Instant.parse("2025-01-27T10:00:00Z")))) {
 *     URI streams = spot.webSocketUri();       // ws://127.0.0.1:PORT  (+ /ws/btcusdt@depth@100ms, /stream?streams=..)
 *     URI rest = spot.restUri();               // http://127.0.0.1:PORT/ (+ api/v3/depth?symbol=BTCUSDT&limit=5000)
 *     connector.configure(streams, rest);
 *     spot.advance(Duration.ofSeconds(5));     // five seconds of market, sent as it happens
 *     spot.dropNextDepthUpdates("BTCUSDT", 1); // the connector must see the gap and resync
 *     spot.advance(Duration.ofSeconds(1));
 *     BinanceSimulator.Book reference = spot.book("BTCUSDT");   // compare with the connector's book
 * }
 * try (BinanceSimulator futures = BinanceSimulator.start(BinanceSimulatorConfig.usdmFutures())) {
 *     URI depth = futures.webSocketUri().resolve("/public/ws/btcusdt@depth@100ms");
 *     URI marks = futures.webSocketUri().resolve("/market/stream?streams=btcusdt@markPrice@1s/btcusdt@aggTrade");
 *     URI snapshot = futures.restUri().resolve("fapi/v1/depth?symbol=BTCUSDT&limit=1000");
 * }
 * }</pre>
 *
 * <h2>Streams (WebSocket)</h2>
 * <ul>
 * <li>Paths: spot {@code /ws}, {@code /ws/<stream>[/<stream>...]} (raw payloads) and
 * {@code /stream?streams=<a>/<b>} (combined: each event wrapped as
 * {@code {"stream":"<name>","data":<payload>}}). USD-M futures route streams by path (Binance's
 * 2026 split): {@code /public/ws...}, {@code /public/stream...} deliver the book streams
 * ({@code @depth*}, {@code @bookTicker}); {@code /market/ws...}, {@code /market/stream...} every
 * other market stream; the legacy {@code /ws...}, {@code /stream...} behave as {@code /public}. A
 * stream subscribed on the wrong path is accepted and silently never delivered, as on Binance.</li>
 * <li>Live requests {@code {"method":"SUBSCRIBE"|"UNSUBSCRIBE","params":[..],"id":N}} answered
 * {@code {"result":null,"id":N}}; {@code LIST_SUBSCRIPTIONS} → {@code {"result":[..],"id":N}};
 * {@code SET_PROPERTY}/{@code GET_PROPERTY} {@code "combined"}. Errors
 * {@code {"error":{"code":C,"msg":".."},"id":N}}: 0 unknown property, 1 invalid value type, 2
 * invalid request (unknown method, too many streams), 3 invalid JSON. Stream names are lower case;
 * names of unknown symbols or unknown kinds are accepted and deliver nothing.</li>
 * <li>{@code <symbol>@depth} (spot 1000 ms, futures 250 ms), {@code @depth@100ms},
 * futures also {@code @depth@500ms}: {@code depthUpdate} with first and final update ids
 * {@code U}, {@code u} (spot: each event's {@code U} is the previous {@code u}+1; futures: ids
 * jump, and {@code pu} is the previous event's {@code u}; futures also carry {@code T}).</li>
 * <li>{@code <symbol>@bookTicker} on every change of the best bid or ask: spot
 * {@code {u,s,b,B,a,A}} (no {@code e}), futures {@code {e,u,E,T,s,b,B,a,A}}; {@code u} is the
 * book's update id.</li>
 * <li>{@code <symbol>@aggTrade} {@code {e,E,s,a,p,q,f,l,T,m[,M]}}, {@code m} true when the
 * buyer was the maker (the taker sold). {@code <symbol>@kline_<1s|1m|5m|15m|1h|1d>} (1s spot only)
 * every second and when a kline closes ({@code x} true). {@code <symbol>@ticker} (24 h statistics)
 * every second.</li>
 * <li>Futures: {@code <symbol>@markPrice} (3 s) and {@code @markPrice@1s}
 * {@code {e:"markPriceUpdate",E,s,p,i,P,r,T}}; {@code <symbol>@forceOrder} (the latest liquidation
 * of each second).</li>
 * <li>The server sends a ping frame every {@link BinanceSimulatorConfig#pingInterval()} and drops
 * a connection whose pong has not come within {@link BinanceSimulatorConfig#pongTimeout()}; closes
 * a connection (status 1000) after {@link BinanceSimulatorConfig#connectionLifetime()}; drops a
 * connection that sends more than {@link BinanceSimulatorConfig#incomingMessagesPerSecond()}
 * messages (text, ping or pong frames) in a second; refuses more than
 * {@link BinanceSimulatorConfig#streamsPerConnection()} streams.</li>
 * </ul>
 *
 * <h2>REST</h2> See {@link BinanceRest}: spot {@code /api/v3/ping, time, exchangeInfo, depth,
 * klines, aggTrades, ticker/24hr}; futures {@code /fapi/v1/ping, time, exchangeInfo, depth,
 * premiumIndex, klines, aggTrades, ticker/24hr}; every answer carries
 * {@code X-MBX-USED-WEIGHT-1M}; over the weight limit 429 with {@code Retry-After}, and a request
 * during that back-off 418 (banned) with {@code Retry-After}.
 *
 * <h2>Trading</h2> API keys ({@link #addHmacKey}, {@link #addEd25519Key(String, String)}), the
 * WebSocket API at {@link #webSocketApiUri()}, signed REST under {@code api/v3/} and {@code fapi/},
 * user data events and USD-M listen key streams ({@code /private/ws?listenKey=}) over the venue's
 * matching engine: see {@code BinanceAccount}, {@code BinanceTradingApi} and
 * docs/connectors/binance.md ("Simulator") for the endpoints, and the test hooks below
 * ({@link #setClockSkew}, {@link #dropWebSocketApiMidOrder}, {@link #newOrderRequests},
 * {@link #expireListenKey}, {@link #rejectNextOrder}, {@link #silenceAccountStream}).
 *
 * <h2>Symbols</h2> Spot lists {@code BTCUSDT}, {@code ETHUSDT}, {@code SOLUSDT} (the venue's
 * {@code BTC/USD}, {@code ETH/USD}, {@code SOL/USD}); USD-M futures lists the perpetual
 * {@code BTCUSDT} (the venue's {@code BTC/USD:USD}). Ticks, lots and minimum notionals are
 * Binance's ({@link SimulatedVenue.Rules#BINANCE}).
 *
 * <h2>Threading</h2> All state lives on one thread ({@code binance-simulator}); Jetty threads post
 * to it. Public methods may be called from any thread: they run on that thread and wait (at most
 * 10 s) for it. Deterministic for a seed with {@link BinanceSimulatorConfig#manualClock()} and a
 * fixed order of client actions (the incoming message limit is measured on the wall clock).
 */
public final class BinanceSimulator implements AutoCloseable {

    /**
     * The book of a symbol at an update id.
     *
     * @param symbol Binance symbol
     * @param lastUpdateId the update id the book is at
     * @param bids bids, best first
     * @param asks asks, best first
     */
    public record Book(String symbol, long lastUpdateId, List<Level> bids, List<Level> asks) {
        /** Copies. */
        public Book {
            bids = List.copyOf(bids);
            asks = List.copyOf(asks);
        }
    }

    /**
     * One price level.
     *
     * @param price the price
     * @param quantity the quantity, &gt; 0
     */
    public record Level(BigDecimal price, BigDecimal quantity) {
    }

    static final System.Logger LOG = System.getLogger(BinanceSimulator.class.getName());
    private static final long TICK_NANOS = 10_000_000;
    private static final long STEP_NANOS = 10_000_000;
    /** Binance kline interval names of the venue's streamed intervals. */
    static final Map<String, CandleInterval> INTERVALS;

    static {
        Map<String, CandleInterval> m = new LinkedHashMap<>();
        m.put("1s", CandleInterval.S1);
        m.put("1m", CandleInterval.M1);
        m.put("5m", CandleInterval.M5);
        m.put("15m", CandleInterval.M15);
        m.put("1h", CandleInterval.H1);
        m.put("1d", CandleInterval.D1);
        INTERVALS = java.util.Collections.unmodifiableMap(m);
    }

    final BinanceSimulatorConfig config;
    final boolean futures;
    final SimulatedVenue venue;
    final AtomicLong framesSent = new AtomicLong();
    private final ScheduledThreadPoolExecutor thread;
    private final LoopbackJetty jetty;
    private long startNanos;
    final Map<String, BinanceMarket> markets = new LinkedHashMap<>();
    final List<BinanceConnection> connections = new ArrayList<>();
    final BinanceRest rest;
    final BinanceAuth auth = new BinanceAuth();
    final BinanceAccount account;
    final BinanceTradingApi trading;
    private volatile long clockSkewMillis;
    private volatile boolean withdrawalsEnabled;
    private long accountSilentUntil = Long.MIN_VALUE;
    private int duplicateUserEvents;
    /** The USD-M listen key: its text, venue time (ns) it expires at, whether it expired. */
    private String listenKey;
    private long listenKeyExpiresAt;
    private boolean listenKeyExpired;
    private int listenKeyKeepAlives;
    /** The live listen key for Jetty threads (upgrades must not wait for the simulator thread). */
    private volatile String liveListenKey;
    private final Random ids;
    private final Map<BinanceMarket, Liquidation> pendingLiquidations = new HashMap<>();
    private long aggIds = 3_000_000_000L;
    private long tradeIds = 4_000_000_000L;
    private int connectionIds;
    private long silentUntil = Long.MIN_VALUE;
    private long lastSecond;
    private volatile boolean paused;
    private long pausedAtNanos;
    private volatile int refuseStatus;

    private BinanceSimulator(BinanceSimulatorConfig config) {
        this.config = config;
        this.futures = config.product() == Product.USDM_FUTURES;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "binance-simulator");
            t.setDaemon(true);
            return t;
        });
        Instant epoch = config.manualClock() ? config.epoch() : Instant.ofEpochMilli(System.currentTimeMillis());
        this.venue = new SimulatedVenue(config.market(), epoch, true, SimulatedVenue.Rules.BINANCE);
        this.ids = new Random(config.market().seed());
        this.startNanos = System.nanoTime();
        this.rest = new BinanceRest(this);
        this.account = new BinanceAccount(this);
        this.trading = new BinanceTradingApi(this, account);
        List<String> paths = futures ? List.of("/public/*", "/market/*", "/ws/*", "/stream/*", "/ws-fapi/*", "/private/*")
                : List.of("/ws/*", "/stream/*", "/ws-api/*");
        this.jetty = LoopbackJetty.start(futures ? "binance-fsim" : "binance-sim", "", paths, this::upgrade, rest);
    }

    /**
     * Starts the server and the market.
     *
     * @param config behaviour
     * @return the running simulator
     */
    public static BinanceSimulator start(BinanceSimulatorConfig config) {
        Objects.requireNonNull(config, "config");
        BinanceSimulator sim = new BinanceSimulator(config);
        sim.call(() -> {
            sim.init();
            return null;
        });
        if (!config.manualClock()) {
            sim.thread.scheduleAtFixedRate(sim::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
        }
        return sim;
    }

    private void init() {
        for (Instrument i : venue.instruments()) {
            if ((i.kind() == InstrumentKind.SPOT) == futures) {
                continue;
            }
            String symbol = i.id().base() + "USDT";
            // Binance's ids are large and unrelated between symbols and products.
            BinanceMarket m = new BinanceMarket(i, symbol, (futures ? 7_000_000_000L : 40_000_000_000L)
                    + 1_000_000L * markets.size());
            markets.put(symbol, m);
            m.batch(100);
            venue.subscribeBook(new BookRequest(i.id(), 10_000), BookListener.ofEvents(e -> onBook(m, e)));
            venue.subscribeTrades(i.id(), t -> onTrade(m, t));
            venue.subscribeTicker(i.id(), t -> m.ticker = t);
            for (Map.Entry<String, CandleInterval> e : INTERVALS.entrySet()) {
                if (futures && e.getKey().equals("1s")) {
                    continue;
                }
                venue.subscribeCandles(new CandleRequest(i.id(), e.getValue(), 0), c -> onCandle(m, e.getKey(), c));
            }
            if (futures) {
                venue.subscribeMarkPrice(i.id(), mark -> m.mark = mark);
                venue.subscribeLiquidations(i.id(), l -> pendingLiquidations.put(m, l));
            }
        }
        lastSecond = epochMillis() / 1000;
        account.init();
    }

    // ---------------------------------------------------------------- addresses

    /**
     * The stream server's base, {@code ws://127.0.0.1:PORT}: append {@code /ws/<stream>},
     * {@code /stream?streams=..} (spot) or {@code /public/ws/..}, {@code /market/stream?streams=..}
     * (futures).
     *
     * @return the base URI, without a path
     */
    public URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + jetty.port());
    }

    /**
     * The REST base, {@code http://127.0.0.1:PORT/}: resolve {@code api/v3/...} (spot) or
     * {@code fapi/v1/...} (futures) against it.
     *
     * @return the base URI
     */
    public URI restUri() {
        return jetty.httpUri();
    }

    /** The product this simulator speaks. */
    public Product product() {
        return config.product();
    }

    /** The symbols listed, for example {@code [BTCUSDT, ETHUSDT, SOLUSDT]}. */
    public List<String> symbols() {
        return List.copyOf(markets.keySet());
    }

    // ---------------------------------------------------------------- time

    long epochMillis() {
        return venue.epoch().toEpochMilli() + venue.now() / 1_000_000;
    }

    boolean silent() {
        return venue.now() < silentUntil;
    }

    private void tick() {
        try {
            if (paused) {
                return;
            }
            long target = System.nanoTime() - startNanos;
            while (venue.now() < target) {
                venue.advanceTo(Math.min(target, venue.now() + STEP_NANOS));
                flush();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "simulator tick failed", e);
        }
    }

    /**
     * Moves venue time forward (manual clock only) in 10 ms steps and sends what each step
     * produced, as a real-time simulator would.
     *
     * @param duration how far
     */
    public void advance(Duration duration) {
        if (!config.manualClock()) {
            throw new IllegalStateException("advance() needs a manual clock; this simulator follows the wall clock");
        }
        call(() -> {
            long target = venue.now() + duration.toNanos();
            while (venue.now() < target) {
                venue.advanceTo(Math.min(target, venue.now() + STEP_NANOS));
                flush();
            }
            return null;
        });
    }

    /**
     * Stops the market (real-time clock): venue time stands still, nothing is sent and REST answers
     * stay the same until {@link #resumeMarket()}. Changes made since the last depth event are
     * streamed first, so the paused market's book is the one its depth streams describe (a client
     * that fetched a snapshot holding such a change, and more after it, would otherwise wait for an
     * event that never comes). With a manual clock the market only moves through {@link #advance}
     * anyway.
     */
    public void pauseMarket() {
        call(() -> {
            if (!paused) {
                paused = true;
                pausedAtNanos = System.nanoTime();
                if (!silent()) {
                    long nowMs = epochMillis();
                    for (BinanceMarket m : markets.values()) {
                        for (BinanceMarket.DepthBatch b : m.depth.values()) {
                            if (b.firstId >= 0) {
                                b.lastEmitMillis = nowMs;
                                emitDepth(m, b, nowMs);
                            }
                        }
                    }
                }
            }
            return null;
        });
    }

    /** Lets the market move again from where it stopped. */
    public void resumeMarket() {
        call(() -> {
            if (paused) {
                startNanos += System.nanoTime() - pausedAtNanos;
                paused = false;
            }
            return null;
        });
    }

    /** Venue time now as an instant. */
    public Instant now() {
        return call(venue::instant);
    }

    // ---------------------------------------------------------------- thread plumbing

    void post(Runnable r) {
        try {
            thread.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "simulator task failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: nothing to do
        }
    }

    <T> T call(Callable<T> c) {
        Future<T> f = thread.submit(c);
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the simulator thread did not answer within 10 s");
        }
    }

    // ---------------------------------------------------------------- market events

    private void onBook(BinanceMarket m, BookEvent e) {
        // Spot ids are contiguous; futures ids also count changes this stream never shows.
        long next = m.updateId + (futures ? 1 + ids.nextInt(3) : 1);
        if (!m.apply(e, next)) {
            return;
        }
        var bestBid = m.bids.firstEntry();
        var bestAsk = m.asks.firstEntry();
        if (bestBid == null || bestAsk == null) {
            return;
        }
        if (bestBid.getKey().equals(m.topBid) && bestBid.getValue().equals(m.topBidSize)
                && bestAsk.getKey().equals(m.topAsk) && bestAsk.getValue().equals(m.topAskSize)) {
            return;
        }
        m.topBid = bestBid.getKey();
        m.topBidSize = bestBid.getValue();
        m.topAsk = bestAsk.getKey();
        m.topAskSize = bestAsk.getValue();
        String name = m.streamSymbol() + "@bookTicker";
        String data = futures
                ? "{\"e\":\"bookTicker\",\"u\":" + m.updateId + ",\"E\":" + epochMillis() + ",\"T\":" + epochMillis()
                        + ",\"s\":\"" + m.symbol + "\",\"b\":" + price(m.topBid) + ",\"B\":" + qty(m, m.topBidSize)
                        + ",\"a\":" + price(m.topAsk) + ",\"A\":" + qty(m, m.topAskSize) + "}"
                : "{\"u\":" + m.updateId + ",\"s\":\"" + m.symbol + "\",\"b\":" + price(m.topBid) + ",\"B\":"
                        + qty(m, m.topBidSize) + ",\"a\":" + price(m.topAsk) + ",\"A\":" + qty(m, m.topAskSize) + "}";
        publish(name, data);
    }

    private void onTrade(BinanceMarket m, Trade t) {
        long aggId = ++aggIds;
        long tradeId = ++tradeIds;
        long time = t.time().toEpochMilli();
        BinanceMarket.AggTrade a = new BinanceMarket.AggTrade(aggId, t.price(), t.quantity(), tradeId, tradeId, time,
                t.takerSide() == Side.SELL);
        m.addTrade(a);
        m.tradeCount++;
        if (m.firstTradeId < 0) {
            m.firstTradeId = tradeId;
        }
        for (Map.Entry<String, CandleInterval> e : INTERVALS.entrySet()) {
            BinanceMarket.KlineExtras x = m.extras.computeIfAbsent(e.getValue(), k -> new BinanceMarket.KlineExtras());
            long ms = e.getValue().millis();
            long bucket = Math.floorDiv(time, ms) * ms;
            if (bucket != x.bucket) {
                x.bucket = bucket;
                x.firstTradeId = tradeId;
                x.takerBuyBase = BigDecimal.ZERO;
                x.takerBuyQuote = BigDecimal.ZERO;
                x.quoteVolume = BigDecimal.ZERO;
            }
            x.lastTradeId = tradeId;
            BigDecimal quote = t.price().multiply(t.quantity());
            x.quoteVolume = x.quoteVolume.add(quote);
            if (t.takerSide() == Side.BUY) {
                x.takerBuyBase = x.takerBuyBase.add(t.quantity());
                x.takerBuyQuote = x.takerBuyQuote.add(quote);
            }
        }
        publish(m.streamSymbol() + "@aggTrade", aggTradeJson(m, a));
    }

    String aggTradeJson(BinanceMarket m, BinanceMarket.AggTrade a) {
        return "{\"e\":\"aggTrade\",\"E\":" + epochMillis() + ",\"s\":\"" + m.symbol + "\",\"a\":" + a.id() + ",\"p\":"
                + price(a.price()) + ",\"q\":" + qty(m, a.quantity()) + ",\"f\":" + a.firstId() + ",\"l\":"
                + a.lastId() + ",\"T\":" + a.time() + ",\"m\":" + a.buyerIsMaker() + (futures ? "" : ",\"M\":true")
                + "}";
    }

    private void onCandle(BinanceMarket m, String name, Candle c) {
        m.forming.put(c.interval(), c);
        if (c.closed()) {
            publish(m.streamSymbol() + "@kline_" + name, klineJson(m, name, c));
        }
    }

    String klineJson(BinanceMarket m, String name, Candle c) {
        long start = c.start().toEpochMilli();
        BinanceMarket.KlineExtras x = m.extras.get(c.interval());
        boolean match = x != null && x.bucket == start;
        return "{\"e\":\"kline\",\"E\":" + epochMillis() + ",\"s\":\"" + m.symbol + "\",\"k\":{\"t\":" + start
                + ",\"T\":" + (start + c.interval().millis() - 1) + ",\"s\":\"" + m.symbol + "\",\"i\":\"" + name
                + "\",\"f\":" + (match ? x.firstTradeId : -1) + ",\"L\":" + (match ? x.lastTradeId : -1) + ",\"o\":"
                + price(c.open()) + ",\"c\":" + price(c.close()) + ",\"h\":" + price(c.high()) + ",\"l\":"
                + price(c.low()) + ",\"v\":" + qty(m, c.volume()) + ",\"n\":" + c.trades() + ",\"x\":" + c.closed()
                + ",\"q\":" + quote(match ? x.quoteVolume : BigDecimal.ZERO) + ",\"V\":"
                + qty(m, match ? x.takerBuyBase : BigDecimal.ZERO) + ",\"Q\":"
                + quote(match ? x.takerBuyQuote : BigDecimal.ZERO) + ",\"B\":\"0\"}}";
    }

    /** Sends an event to every connection that holds the stream and whose path delivers it. */
    private void publish(String stream, String data) {
        if (silent()) {
            return;
        }
        for (BinanceConnection c : connections) {
            if (c.streams.contains(stream) && delivers(c, stream)) {
                c.event(stream, data);
            }
        }
    }

    private boolean delivers(BinanceConnection c, String stream) {
        if (c.route == BinanceConnection.Route.ALL) {
            return true;
        }
        boolean book = stream.contains("@depth") || stream.endsWith("@bookTicker");
        return book == (c.route == BinanceConnection.Route.PUBLIC);
    }

    // ---------------------------------------------------------------- flush

    /** After every venue step: depth batches, per-second streams, pings, lifetimes. */
    void flush() {
        account.afterMarket();
        checkListenKey();
        if (silent()) {
            return;
        }
        long nowMs = epochMillis();
        for (BinanceMarket m : markets.values()) {
            for (BinanceMarket.DepthBatch b : m.depth.values()) {
                if (Math.floorDiv(nowMs, b.periodMillis) != Math.floorDiv(b.lastEmitMillis, b.periodMillis)) {
                    b.lastEmitMillis = nowMs;
                    emitDepth(m, b, nowMs);
                }
            }
        }
        long second = nowMs / 1000;
        if (second != lastSecond) {
            lastSecond = second;
            everySecond(second);
        }
        long now = venue.now();
        for (BinanceConnection c : List.copyOf(connections)) {
            if (now - c.openedNanos >= config.connectionLifetime().toNanos()) {
                closeConnection(c, 1000, "connection lifetime reached");
                continue;
            }
            if (c.awaitingPongSince >= 0 && now - c.awaitingPongSince >= config.pongTimeout().toNanos()) {
                drop(c);
                continue;
            }
            if (now >= c.nextPingNanos) {
                c.nextPingNanos = now + config.pingInterval().toNanos();
                if (c.awaitingPongSince < 0) {
                    c.awaitingPongSince = now;
                }
                c.pingsSent++;
                var s = c.session;
                if (s != null && s.isOpen()) {
                    s.sendPing(ByteBuffer.wrap(Long.toString(nowMs).getBytes(StandardCharsets.US_ASCII)),
                            org.eclipse.jetty.websocket.api.Callback.NOOP);
                }
            }
        }
    }

    private void emitDepth(BinanceMarket m, BinanceMarket.DepthBatch b, long nowMs) {
        List<String> names = depthNames(m, b.periodMillis);
        List<String> out = new ArrayList<>(3);
        if (b.firstId >= 0) {
            long first = b.firstId;
            long last = m.updateId;
            StringBuilder j = new StringBuilder(256).append("{\"e\":\"depthUpdate\",\"E\":").append(nowMs);
            if (futures) {
                j.append(",\"T\":").append(nowMs);
            }
            j.append(",\"s\":\"").append(m.symbol).append("\",\"U\":").append(first).append(",\"u\":").append(last);
            if (futures) {
                j.append(",\"pu\":").append(b.lastFinalId);
            }
            j.append(",\"b\":").append(BinanceWire.levels(List.copyOf(b.bids.entrySet()), priceScale(), sizeScale(m)))
                    .append(",\"a\":").append(BinanceWire.levels(List.copyOf(b.asks.entrySet()), priceScale(),
                            sizeScale(m)))
                    .append('}');
            String json = j.toString();
            if (b.periodMillis == 100) {
                m.publish(b, last);
            }
            b.lastFinalId = last;
            b.firstId = -1;
            b.bids.clear();
            b.asks.clear();
            if (b.drop > 0) {
                b.drop--;
            } else if (b.reorder > 0 && b.heldBack == null) {
                b.reorder--;
                b.heldBack = json;
            } else {
                out.add(json);
                if (b.duplicate > 0) {
                    b.duplicate--;
                    out.add(json);
                }
            }
        }
        if (b.heldBack != null && !out.isEmpty()) {
            out.add(b.heldBack);
            b.heldBack = null;
        }
        for (String json : out) {
            for (String name : names) {
                publish(name, json);
            }
        }
    }

    private List<String> depthNames(BinanceMarket m, long period) {
        String s = m.streamSymbol();
        long standard = futures ? 250 : 1000;
        return period == standard ? List.of(s + "@depth", s + "@depth@" + period + "ms")
                : List.of(s + "@depth@" + period + "ms");
    }

    /** The depth period a stream name asks for, or -1 when it is no diff-depth stream. */
    private long depthPeriod(String rest) {
        return switch (rest) {
            case "depth" -> futures ? 250 : 1000;
            case "depth@100ms" -> 100;
            case "depth@1000ms" -> futures ? -1 : 1000;
            case "depth@250ms" -> futures ? 250 : -1;
            case "depth@500ms" -> futures ? 500 : -1;
            default -> -1;
        };
    }

    private void everySecond(long second) {
        long nowMs = epochMillis();
        for (BinanceMarket m : markets.values()) {
            String s = m.streamSymbol();
            for (Map.Entry<String, CandleInterval> e : INTERVALS.entrySet()) {
                Candle c = m.forming.get(e.getValue());
                if (c != null && !c.closed()) {
                    publish(s + "@kline_" + e.getKey(), klineJson(m, e.getKey(), c));
                }
            }
            if (m.ticker != null && m.ticker.last() != null) {
                publish(s + "@ticker", tickerStreamJson(m, nowMs));
            }
            if (futures && m.mark != null) {
                String json = markJson(m, nowMs);
                publish(s + "@markPrice@1s", json);
                if (second % 3 == 0) {
                    publish(s + "@markPrice", json);
                }
            }
            Liquidation l = pendingLiquidations.remove(m);
            if (l != null) {
                publish(s + "@forceOrder", forceOrderJson(m, l, nowMs));
            }
        }
    }

    String markJson(BinanceMarket m, long nowMs) {
        MarkPrice k = m.mark;
        return "{\"e\":\"markPriceUpdate\",\"E\":" + nowMs + ",\"s\":\"" + m.symbol + "\",\"p\":"
                + BinanceWire.decimal(k.markPrice(), 8) + ",\"i\":" + BinanceWire.decimal(k.indexPrice(), 8)
                + ",\"P\":" + BinanceWire.decimal(k.indexPrice(), 8) + ",\"r\":"
                + BinanceWire.decimal(k.fundingRate(), 8) + ",\"T\":" + k.nextFunding().toEpochMilli() + "}";
    }

    private String forceOrderJson(BinanceMarket m, Liquidation l, long nowMs) {
        return "{\"e\":\"forceOrder\",\"E\":" + nowMs + ",\"o\":{\"s\":\"" + m.symbol + "\",\"S\":\"" + l.side()
                + "\",\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":" + qty(m, l.quantity()) + ",\"p\":" + price(l.price())
                + ",\"ap\":" + price(l.price()) + ",\"X\":\"FILLED\",\"l\":" + qty(m, l.quantity()) + ",\"z\":"
                + qty(m, l.quantity()) + ",\"T\":" + l.time().toEpochMilli() + "}}";
    }

    private String tickerStreamJson(BinanceMarket m, long nowMs) {
        Ticker t = m.ticker;
        var d = t.day();
        StringBuilder b = new StringBuilder(400).append("{\"e\":\"24hrTicker\",\"E\":").append(nowMs)
                .append(",\"s\":\"").append(m.symbol).append("\",\"p\":").append(price(nz(d.change()))).append(",\"P\":")
                .append(BinanceWire.decimal(nz(d.changeRatio()).multiply(BigDecimal.valueOf(100)), 3)).append(",\"w\":")
                .append(price(weighted(nz(d.volume()), nz(d.quoteVolume()), t.last())));
        if (!futures) {
            b.append(",\"x\":").append(price(nz(d.open())));
        }
        b.append(",\"c\":").append(price(t.last())).append(",\"Q\":")
                .append(qty(m, m.trades.isEmpty() ? BigDecimal.ZERO : m.trades.peekLast().quantity()));
        if (!futures) {
            BigDecimal bid = m.topBid == null ? BigDecimal.ZERO : m.topBid;
            BigDecimal ask = m.topAsk == null ? BigDecimal.ZERO : m.topAsk;
            b.append(",\"b\":").append(price(bid)).append(",\"B\":")
                    .append(qty(m, m.topBidSize == null ? BigDecimal.ZERO : m.topBidSize)).append(",\"a\":")
                    .append(price(ask)).append(",\"A\":")
                    .append(qty(m, m.topAskSize == null ? BigDecimal.ZERO : m.topAskSize));
        }
        b.append(",\"o\":").append(price(nz(d.open()))).append(",\"h\":").append(price(nz(d.high()))).append(",\"l\":")
                .append(price(nz(d.low()))).append(",\"v\":").append(qty(m, nz(d.volume()))).append(",\"q\":")
                .append(quote(nz(d.quoteVolume()))).append(",\"O\":").append(nowMs - 86_400_000L).append(",\"C\":")
                .append(nowMs).append(",\"F\":").append(m.firstTradeId).append(",\"L\":")
                .append(m.trades.isEmpty() ? -1 : m.trades.peekLast().lastId()).append(",\"n\":")
                .append(m.tradeCount).append('}');
        return b.toString();
    }

    static BigDecimal weighted(BigDecimal volume, BigDecimal quoteVolume, BigDecimal fallback) {
        return volume.signum() == 0 || quoteVolume.signum() == 0 ? fallback
                : quoteVolume.divide(volume, MathContext.DECIMAL64);
    }

    /** Day statistics the venue has not computed yet are zero on Binance's wire. */
    static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    // ---------------------------------------------------------------- number text

    /** Price text: spot 8 decimals; futures 2 (BTCUSDT's price precision). */
    String price(BigDecimal p) {
        return BinanceWire.decimal(p, priceScale());
    }

    int priceScale() {
        return futures ? 2 : 8;
    }

    /** Quantity text: spot 8 decimals; futures the lot's decimals (BTCUSDT: 3). */
    String qty(BinanceMarket m, BigDecimal q) {
        return BinanceWire.decimal(q, sizeScale(m));
    }

    int sizeScale(BinanceMarket m) {
        return futures ? Math.max(0, m.instrument.spec().lotSize().stripTrailingZeros().scale()) : 8;
    }

    String quote(BigDecimal q) {
        return BinanceWire.decimal(q, 8);
    }

    // ---------------------------------------------------------------- connections

    private Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        int refuse = refuseStatus;
        if (refuse != 0) {
            Response.writeError(request, response, callback, refuse, "connection refused by fault injection");
            return null;
        }
        String path = Request.getPathInContext(request);
        if (path.equals(futures ? "/ws-fapi/v1" : "/ws-api/v3")) {
            synchronized (this) {
                return new BinanceConnection(this, ++connectionIds, BinanceConnection.Route.WS_API, false, Set.of());
            }
        }
        String userKey = futures ? userStreamKey(path, request.getHttpURI().getQuery()) : null;
        if (userKey != null) {
            if (!userKey.equals(liveListenKey)) {
                Response.writeError(request, response, callback, 400, "invalid listenKey");
                return null;
            }
            synchronized (this) {
                // /private/stream?streams=K (and /stream?streams=K) wrap events as {"stream":K,"data":..}
                BinanceConnection c = new BinanceConnection(this, ++connectionIds, BinanceConnection.Route.USER,
                        path.endsWith("/stream") || path.endsWith("/stream/"), Set.of());
                c.listenKey = userKey;
                return c;
            }
        }
        BinanceConnection.Route route = BinanceConnection.Route.ALL;
        if (futures) {
            route = BinanceConnection.Route.PUBLIC;
            if (path.startsWith("/market/")) {
                route = BinanceConnection.Route.MARKET;
                path = path.substring("/market".length());
            } else if (path.startsWith("/public/")) {
                path = path.substring("/public".length());
            }
        }
        Set<String> streams = new LinkedHashSet<>();
        boolean combined;
        if (path.equals("/stream") || path.equals("/stream/")) {
            combined = true;
            String query = request.getHttpURI().getQuery();
            if (query != null) {
                for (String part : query.split("&")) {
                    if (part.startsWith("streams=")) {
                        for (String s : URLDecoder.decode(part.substring(8), StandardCharsets.UTF_8).split("/")) {
                            if (!s.isEmpty()) {
                                streams.add(s);
                            }
                        }
                    }
                }
            }
        } else if (path.equals("/ws") || path.startsWith("/ws/")) {
            combined = false;
            for (String s : path.substring(3).split("/")) {
                if (!s.isEmpty()) {
                    streams.add(s);
                }
            }
        } else {
            Response.writeError(request, response, callback, 404, "no stream path " + path);
            return null;
        }
        if (streams.size() > config.streamsPerConnection()) {
            Response.writeError(request, response, callback, 400,
                    "too many streams: " + streams.size() + " > " + config.streamsPerConnection());
            return null;
        }
        synchronized (this) {
            return new BinanceConnection(this, ++connectionIds, route, combined, streams);
        }
    }

    void opened(BinanceConnection c) {
        connections.add(c);
        c.connectedSince = serverTime();
        c.openedNanos = venue.now();
        c.nextPingNanos = c.openedNanos + config.pingInterval().toNanos();
        c.streams.forEach(this::streamAdded);
    }

    void closed(BinanceConnection c) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        connections.remove(c);
    }

    void pong(BinanceConnection c) {
        c.pongsReceived++;
        c.awaitingPongSince = -1;
    }

    void tooManyMessages(BinanceConnection c) {
        LOG.log(System.Logger.Level.INFO, "{0} sent more than {1} messages in a second: dropped", c,
                config.incomingMessagesPerSecond());
        drop(c);
    }

    private void drop(BinanceConnection c) {
        var s = c.session;
        closed(c);
        if (s != null) {
            s.disconnect();
        }
    }

    private void closeConnection(BinanceConnection c, int status, String reason) {
        var s = c.session;
        closed(c);
        if (s != null && s.isOpen()) {
            s.close(status, reason, org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
    }

    /** A depth stream's batch exists from its first subscription on. */
    private void streamAdded(String stream) {
        int at = stream.indexOf('@');
        if (at <= 0) {
            return;
        }
        BinanceMarket m = markets.get(stream.substring(0, at).toUpperCase(java.util.Locale.ROOT));
        long period = depthPeriod(stream.substring(at + 1));
        if (m != null && period > 0) {
            m.batch(period);
        }
    }

    // ---------------------------------------------------------------- input

    void input(BinanceConnection c, String text) {
        if (c.closed) {
            return;
        }
        if (c.route == BinanceConnection.Route.WS_API) {
            trading.request(c, text);
            return;
        }
        if (c.route == BinanceConnection.Route.USER) {
            return;
        }
        JsonElement msg;
        try {
            msg = JsonParser.parseString(text);
        } catch (RuntimeException e) {
            c.send("{\"error\":{\"code\":3,\"msg\":" + BinanceWire.string("Invalid JSON: " + e.getMessage())
                    + "},\"id\":null}");
            return;
        }
        if (!msg.isJsonObject()) {
            c.send("{\"error\":{\"code\":2,\"msg\":\"Invalid request: request must be an object\"},\"id\":null}");
            return;
        }
        JsonObject o = msg.getAsJsonObject();
        String id = o.has("id") ? o.get("id").toString() : "null";
        JsonElement method = o.get("method");
        JsonArray params = o.has("params") && o.get("params").isJsonArray() ? o.getAsJsonArray("params")
                : new JsonArray();
        String name = method != null && method.isJsonPrimitive() ? method.getAsString() : "";
        switch (name) {
            case "SUBSCRIBE" -> {
                List<String> add = strings(params);
                if (add == null) {
                    error(c, id, 2, "Invalid request: params must be stream names");
                    return;
                }
                Set<String> after = new LinkedHashSet<>(c.streams);
                after.addAll(add);
                if (after.size() > config.streamsPerConnection()) {
                    error(c, id, 2, "Invalid request: too many streams (at most " + config.streamsPerConnection()
                            + " per connection)");
                    return;
                }
                for (String s : add) {
                    if (c.streams.add(s)) {
                        streamAdded(s);
                    }
                }
                c.send("{\"result\":null,\"id\":" + id + "}");
            }
            case "UNSUBSCRIBE" -> {
                List<String> remove = strings(params);
                if (remove == null) {
                    error(c, id, 2, "Invalid request: params must be stream names");
                    return;
                }
                remove.forEach(c.streams::remove);
                c.send("{\"result\":null,\"id\":" + id + "}");
            }
            case "LIST_SUBSCRIPTIONS" -> {
                StringBuilder b = new StringBuilder("{\"result\":[");
                int i = 0;
                for (String s : c.streams) {
                    b.append(i++ > 0 ? "," : "").append(BinanceWire.string(s));
                }
                c.send(b.append("],\"id\":").append(id).append('}').toString());
            }
            case "SET_PROPERTY" -> {
                if (params.size() != 2 || !params.get(0).isJsonPrimitive()
                        || !"combined".equals(params.get(0).getAsString())) {
                    error(c, id, 0, "Unknown property");
                } else if (!params.get(1).isJsonPrimitive() || !params.get(1).getAsJsonPrimitive().isBoolean()) {
                    error(c, id, 1, "Invalid value type: expected Boolean");
                } else {
                    c.combined = params.get(1).getAsBoolean();
                    c.send("{\"result\":null,\"id\":" + id + "}");
                }
            }
            case "GET_PROPERTY" -> {
                if (params.size() != 1 || !"combined".equals(params.get(0).getAsString())) {
                    error(c, id, 0, "Unknown property");
                } else {
                    c.send("{\"result\":" + c.combined + ",\"id\":" + id + "}");
                }
            }
            default -> error(c, id, 2, "Invalid request: unknown variant `" + name
                    + "`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`");
        }
    }

    private static List<String> strings(JsonArray params) {
        List<String> out = new ArrayList<>(params.size());
        for (JsonElement e : params) {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                return null;
            }
            out.add(e.getAsString());
        }
        return out;
    }

    private static void error(BinanceConnection c, String id, int code, String msg) {
        c.send("{\"error\":{\"code\":" + code + ",\"msg\":" + BinanceWire.string(msg) + "},\"id\":" + id + "}");
    }


    // ---------------------------------------------------------------- trading plumbing

    /** The server's clock as clients see it ({@code serverTime}, the recvWindow check): venue time plus the skew. */
    long serverTime() {
        return epochMillis() + clockSkewMillis;
    }

    /** A user data event: spot to every WebSocket API subscription, USD-M to every live listen key stream. */
    void userEvent(String json) {
        if (venue.now() < accountSilentUntil) {
            return;
        }
        if (duplicateUserEvents > 0) {
            duplicateUserEvents--;
            deliverUserEvent(json);
        }
        deliverUserEvent(json);
    }

    private void deliverUserEvent(String json) {
        for (BinanceConnection c : List.copyOf(connections)) {
            if (c.route == BinanceConnection.Route.WS_API && !futures) {
                for (Integer sub : c.subscriptions) {
                    c.send("{\"subscriptionId\":" + sub + ",\"event\":" + json + "}");
                }
            } else if (c.route == BinanceConnection.Route.USER && c.listenKey.equals(listenKey) && !listenKeyExpired) {
                c.event(c.listenKey, json);
            }
        }
    }

    void dropConnection(BinanceConnection c) {
        drop(c);
    }

    /** {@code /private/ws?listenKey=K}, {@code /private/ws/K}, legacy {@code /ws/K}: the key, else null. */
    private String userStreamKey(String path, String query) {
        String streamsParam = null;
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("streams=")) {
                    streamsParam = part.substring("streams=".length());
                }
            }
        }
        if (path.equals("/stream") && streamsParam != null) {
            return streamsParam.equals(liveListenKey) ? streamsParam : null;
        }
        if (path.startsWith("/private")) {
            if (query != null) {
                for (String part : query.split("&")) {
                    if (part.startsWith("listenKey=")) {
                        return part.substring("listenKey=".length());
                    }
                }
            }
            if (streamsParam != null) {
                return streamsParam;
            }
            int at = path.lastIndexOf('/');
            return at >= 0 && at < path.length() - 1 && !path.endsWith("/ws") ? path.substring(at + 1) : "";
        }
        if (path.startsWith("/ws/")) {
            String rest = path.substring(4);
            return rest.equals(liveListenKey) ? rest : null;
        }
        return null;
    }

    /** {@code POST /fapi/v1/listenKey}: the active key (its validity extended) or a new one, valid 60 min. */
    String startListenKey() {
        if (listenKey == null || listenKeyExpired) {
            StringBuilder b = new StringBuilder(64);
            String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            for (int i = 0; i < 64; i++) {
                b.append(chars.charAt(ids.nextInt(chars.length())));
            }
            listenKey = b.toString();
            listenKeyExpired = false;
        }
        listenKeyExpiresAt = venue.now() + Duration.ofMinutes(60).toNanos();
        liveListenKey = listenKey;
        return listenKey;
    }

    /** {@code PUT /fapi/v1/listenKey}: another 60 minutes, or -1125 when there is no live key. */
    String keepAliveListenKey() {
        if (listenKey == null || listenKeyExpired) {
            throw new BinanceAccount.Failure(400, -1125, "This listenKey does not exist.");
        }
        listenKeyKeepAlives++;
        listenKeyExpiresAt = venue.now() + Duration.ofMinutes(60).toNanos();
        return listenKey;
    }

    /** {@code DELETE /fapi/v1/listenKey}: the stream ends (no event). */
    void closeListenKey() {
        if (listenKey != null) {
            listenKeyExpired = true;
            liveListenKey = null;
        }
    }

    private void checkListenKey() {
        if (listenKey != null && !listenKeyExpired && venue.now() >= listenKeyExpiresAt) {
            expireListenKeyNow();
        }
    }

    private void expireListenKeyNow() {
        String json = "{\"e\":\"listenKeyExpired\",\"E\":" + epochMillis() + ",\"listenKey\":\"" + listenKey + "\"}";
        for (BinanceConnection c : List.copyOf(connections)) {
            if (c.route == BinanceConnection.Route.USER && listenKey.equals(c.listenKey)) {
                c.event(c.listenKey, json);
            }
        }
        listenKeyExpired = true;
        liveListenKey = null;
    }

    // ---------------------------------------------------------------- trading: keys and test hooks

    /**
     * Registers an HMAC-SHA256 API key (for example the docs' example key and secret).
     *
     * @param apiKey the API key ({@code X-MBX-APIKEY}, {@code apiKey})
     * @param secret its secret
     */
    public void addHmacKey(String apiKey, String secret) {
        auth.addHmac(Objects.requireNonNull(apiKey, "apiKey"), Objects.requireNonNull(secret, "secret"));
    }

    /**
     * Registers an Ed25519 API key by its public key.
     *
     * @param apiKey the API key
     * @param publicKey the Ed25519 public key
     */
    public void addEd25519Key(String apiKey, java.security.PublicKey publicKey) {
        auth.addEd25519(Objects.requireNonNull(apiKey, "apiKey"), Objects.requireNonNull(publicKey, "publicKey"));
    }

    /**
     * Registers an Ed25519 API key by its public key as PEM ({@code -----BEGIN PUBLIC KEY-----}) or
     * base64 X.509 text, as Binance's key registration takes it.
     *
     * @param apiKey the API key
     * @param publicKeyPem the public key
     */
    public void addEd25519Key(String apiKey, String publicKeyPem) {
        addEd25519Key(apiKey, BinanceAuth.ed25519PublicKey(publicKeyPem));
    }

    /** The WebSocket API address: {@code ws://127.0.0.1:PORT/ws-api/v3} (spot) or {@code /ws-fapi/v1} (USD-M). */
    public URI webSocketApiUri() {
        return URI.create(webSocketUri() + (futures ? "/ws-fapi/v1" : "/ws-api/v3"));
    }

    /**
     * Says whether the key may withdraw funds ({@code enableWithdrawals} of
     * {@code GET /sapi/v1/account/apiRestrictions}).
     *
     * @param enabled true for a key that may withdraw
     */
    public void setWithdrawalsEnabled(boolean enabled) {
        withdrawalsEnabled = enabled;
    }

    /**
     * Whether the key may withdraw, as {@code GET /sapi/v1/account/apiRestrictions} says.
     *
     * @return false unless {@link #setWithdrawalsEnabled} said otherwise
     */
    public boolean withdrawalsEnabled() {
        return withdrawalsEnabled;
    }

    /**
     * Offsets the server's clock (its {@code serverTime} and the {@code recvWindow} check) by some
     * milliseconds: a client that does not sync with {@code /time} gets -1021.
     *
     * @param millis positive: the server is ahead of the client
     */
    public void setClockSkew(long millis) {
        clockSkewMillis = millis;
    }

    /**
     * The next {@code count} order placements on the WebSocket API ({@code order.place},
     * {@code algoOrder.place}) are executed by the matching engine, then the connection drops before
     * the response is sent (user data events still go out on other connections).
     *
     * @param count how many
     */
    public void dropWebSocketApiMidOrder(int count) {
        call(() -> {
            trading.dropNextOrderPlacements += count;
            return null;
        });
    }

    /**
     * The next order placement (WebSocket API or REST) is refused with this Binance code and text
     * (HTTP/WS status 400), before the matching engine sees it.
     *
     * @param code for example -2010
     * @param msg for example "Account has insufficient balance for requested action."
     */
    public void rejectNextOrder(int code, String msg) {
        rejectNextOrder(null, code, msg);
    }

    /**
     * The next placement of one order type (WebSocket API or REST, {@code order.place} or
     * {@code algoOrder.place}) is refused with this Binance code and text (status 400), before the
     * matching engine sees it; placements of other types go through. For example one leg of a
     * take-profit and stop-loss pair: {@code rejectNextOrder("STOP_MARKET", -2021, "Order would
     * immediately trigger.")}.
     *
     * @param type Binance's order type ({@code STOP_MARKET}, {@code TAKE_PROFIT_MARKET}, {@code LIMIT},
     *        ...), or null for the next placement of any type
     * @param code for example -2021
     * @param msg for example "Order would immediately trigger."
     */
    public void rejectNextOrder(String type, int code, String msg) {
        call(() -> {
            account.rejectNext = new BinanceAccount.Failure(400, code, msg);
            account.rejectNextType = type;
            return null;
        });
    }

    /**
     * The next {@code count} order placements on the WebSocket API ({@code order.place},
     * {@code algoOrder.place}, {@code order.cancelReplace}) are received (and counted by
     * {@link #newOrderRequests}) but never executed and never answered; the connection stays open.
     *
     * @param count how many
     */
    public void ignoreNextOrderRequests(int count) {
        call(() -> {
            trading.ignoreNextOrderPlacements += count;
            return null;
        });
    }

    /**
     * How many of the placements {@link #ignoreNextOrderRequests} asked to ignore have not arrived yet.
     *
     * @return the count left
     */
    public int ignoredOrderRequestsLeft() {
        return call(() -> trading.ignoreNextOrderPlacements);
    }

    /**
     * The next {@code count} order placements (WebSocket API or REST) answer Binance's -1007 "Timeout
     * waiting for response from backend server. Send status unknown; execution status unknown."
     * (status 408): after the matching engine executed them ({@code executed} true) or without
     * executing them. A client must query the order to learn which.
     *
     * @param count how many
     * @param executed whether the orders reach the matching engine
     */
    public void timeOutNextOrders(int count, boolean executed) {
        call(() -> {
            account.timeoutNextOrders = count;
            account.timeoutExecutes = executed;
            return null;
        });
    }

    /**
     * The next {@code count} user data events are each sent twice (on every user data connection),
     * as a client that reconnects or a stream that repeats itself may see them.
     *
     * @param count how many
     */
    public void duplicateNextUserEvents(int count) {
        call(() -> {
            duplicateUserEvents += count;
            return null;
        });
    }

    /**
     * How many order placement requests (WebSocket API or REST, answered or not) carried this
     * client order id ({@code newClientOrderId}, or {@code clientAlgoId} for algo orders).
     *
     * @param clientOrderId the id
     * @return the count
     */
    public int newOrderRequests(String clientOrderId) {
        return call(() -> account.newOrderRequests.getOrDefault(clientOrderId, 0));
    }

    /** @return requests refused with -1022 (bad signature) so far */
    public int signatureFailures() {
        return auth.signatureFailures.get();
    }

    /** @return {@code PUT /fapi/v1/listenKey} (and {@code userDataStream.ping}) keep-alives seen */
    public int listenKeyKeepAlives() {
        return call(() -> listenKeyKeepAlives);
    }

    /** @return the live USD-M listen key, or null */
    public String listenKey() {
        return call(() -> listenKey != null && !listenKeyExpired ? listenKey : null);
    }

    /** Expires the USD-M listen key now: {@code listenKeyExpired} on its streams, then silence. */
    public void expireListenKey() {
        call(() -> {
            if (listenKey != null && !listenKeyExpired) {
                expireListenKeyNow();
            }
            return null;
        });
    }

    /**
     * Sends no user data events for a while of venue time (the account stream goes quiet while the
     * connection stays open); events of that time are lost.
     *
     * @param duration how long
     */
    public void silenceAccountStream(Duration duration) {
        call(() -> {
            accountSilentUntil = venue.now() + duration.toNanos();
            return null;
        });
    }

    /**
     * A deposit (spot): a {@code balanceUpdate} and an {@code outboundAccountPosition} with the asset
     * credited. The credit shows in balances but the venue's matching engine cannot spend it.
     *
     * @param asset for example {@code USDT}
     * @param amount the amount
     */
    public void deposit(String asset, BigDecimal amount) {
        call(() -> {
            account.deposit(asset, amount);
            return null;
        });
    }

    /**
     * A USD-M position leg as the simulator holds it.
     *
     * @param symbol Binance symbol
     * @param positionSide {@code BOTH}, {@code LONG} or {@code SHORT}
     * @return {@code [positionAmt (signed), entryPrice, realised P&L, unrealised P&L at mark, liquidation price]}
     */
    public BigDecimal[] futuresPosition(String symbol, String positionSide) {
        return call(() -> account.positionState(symbol, positionSide));
    }

    /** @return the USD-M wallet balance (USDT) */
    public BigDecimal futuresWalletBalance() {
        return call(account::walletBalance);
    }

    /** @return the mark price of a symbol now (USD-M), or the last price */
    public BigDecimal markPrice(String symbol) {
        return call(() -> account.markPrice(market(symbol)));
    }

    // ---------------------------------------------------------------- state for tests

    /**
     * The book of a symbol as of the last {@code <symbol>@depth@100ms} event the simulator made
     * (sent, or lost by fault injection): what a correct client holds once it has applied every
     * event up to now.
     *
     * @param symbol Binance symbol, for example {@code BTCUSDT}
     * @return the book with its update id
     * @throws IllegalArgumentException for a symbol not listed
     */
    public Book book(String symbol) {
        return call(() -> {
            BinanceMarket m = market(symbol);
            return new Book(m.symbol, m.sentUpdateId, levels(m.sentBids), levels(m.sentAsks));
        });
    }

    /**
     * The book of a symbol now, with changes not yet sent on any depth stream: what
     * {@code /api/v3/depth} (or {@code /fapi/v1/depth}) answers.
     *
     * @param symbol Binance symbol
     * @return the book with its update id
     */
    public Book liveBook(String symbol) {
        return call(() -> {
            BinanceMarket m = market(symbol);
            return new Book(m.symbol, m.updateId, levels(m.bids), levels(m.asks));
        });
    }

    private static List<Level> levels(Map<BigDecimal, BigDecimal> side) {
        List<Level> out = new ArrayList<>(side.size());
        side.forEach((p, q) -> out.add(new Level(p, q)));
        return out;
    }

    BinanceMarket market(String symbol) {
        BinanceMarket m = markets.get(symbol);
        if (m == null) {
            throw new IllegalArgumentException("unknown symbol " + symbol + "; listed: " + markets.keySet());
        }
        return m;
    }

    /**
     * Market streams subscribed over the open connections, counted once per connection that
     * carries them (what Binance serves now: a closed connection's streams are gone).
     *
     * @return the count
     */
    public int streamSubscriptions() {
        return call(() -> connections.stream().filter(c -> !c.closed).mapToInt(c -> c.streams.size()).sum());
    }

    /** Open WebSocket connections. */
    public int connectionCount() {
        return call(connections::size);
    }

    /** Ping frames sent and pong frames received over the open connections, as {@code [pings, pongs]}. */
    public int[] pingsAndPongs() {
        return call(() -> new int[] {connections.stream().mapToInt(c -> c.pingsSent).sum(),
            connections.stream().mapToInt(c -> c.pongsReceived).sum()});
    }

    /** Text frames sent over all connections so far. */
    public long framesSent() {
        return framesSent.get();
    }

    /**
     * Moves the market: a participant's limit order (rests what does not match), or with a null
     * price a market order.
     *
     * @param symbol Binance symbol
     * @param side buy or sell
     * @param price limit price or null
     * @param quantity quantity
     */
    public void submitParticipantOrder(String symbol, Side side, BigDecimal price, BigDecimal quantity) {
        call(() -> {
            venue.submitParticipantOrder(market(symbol).instrument.id(), side, price, quantity);
            flush();
            return null;
        });
    }

    // ---------------------------------------------------------------- fault injection

    /** Drops every WebSocket connection without a close frame (a crash or a cut cable). */
    public void dropConnections() {
        call(() -> {
            List.copyOf(connections).forEach(this::drop);
            return null;
        });
    }

    /**
     * Closes every WebSocket connection with a close frame (a server restart: status 1001 "going
     * away", or any other).
     *
     * @param status the close status
     * @param reason the close reason
     */
    public void closeConnections(int status, String reason) {
        call(() -> {
            List.copyOf(connections).forEach(c -> closeConnection(c, status, reason));
            return null;
        });
    }

    /**
     * Refuses new WebSocket connections with an HTTP status (for example 503) until
     * {@link #acceptConnections()}: with {@link #closeConnections} a server restart.
     *
     * @param httpStatus the status of the refusal
     */
    public void refuseConnections(int httpStatus) {
        refuseStatus = httpStatus;
    }

    /** Accepts connections again. */
    public void acceptConnections() {
        refuseStatus = 0;
    }

    /**
     * Sends nothing at all (no events, no answers, no pings) for a while of venue time, every
     * connection left open. Trades, tickers and klines of the silence are lost; book changes are
     * not: the first depth event afterwards covers the whole silence, so a client that waits stays
     * consistent.
     *
     * @param duration how long
     */
    public void goSilent(Duration duration) {
        call(() -> {
            silentUntil = venue.now() + duration.toNanos();
            return null;
        });
    }

    /**
     * Sends a text frame as is to every connection (for example {@code "{\"e\":\"depthUp"}).
     *
     * @param text the frame
     */
    public void sendMalformedFrame(String text) {
        call(() -> {
            connections.forEach(c -> c.send(text));
            return null;
        });
    }

    /**
     * The next {@code count} diff-depth events of a symbol (every speed) are made but never sent:
     * clients see a gap in the update ids.
     *
     * @param symbol Binance symbol
     * @param count how many
     */
    public void dropNextDepthUpdates(String symbol, int count) {
        depthFault(symbol, b -> b.drop += count);
    }

    /**
     * The next {@code count} diff-depth events of a symbol are each sent twice in a row.
     *
     * @param symbol Binance symbol
     * @param count how many
     */
    public void duplicateNextDepthUpdates(String symbol, int count) {
        depthFault(symbol, b -> b.duplicate += count);
    }

    /**
     * The next diff-depth event of a symbol is held back and sent after the one that follows it
     * (out of order), {@code count} times.
     *
     * @param symbol Binance symbol
     * @param count how many swaps
     */
    public void reorderNextDepthUpdates(String symbol, int count) {
        depthFault(symbol, b -> b.reorder += count);
    }

    private void depthFault(String symbol, java.util.function.Consumer<BinanceMarket.DepthBatch> f) {
        call(() -> {
            market(symbol).depth.values().forEach(f);
            return null;
        });
    }

    /**
     * The next {@code count} REST depth snapshots of a symbol are the book as it is now, however
     * much it moves meanwhile: a snapshot older than the events a client buffered.
     *
     * @param symbol Binance symbol
     * @param count how many answers
     */
    public void serveStaleDepthSnapshots(String symbol, int count) {
        call(() -> {
            BinanceMarket m = market(symbol);
            rest.stale(m, new Book(m.symbol, m.updateId, levels(m.bids), levels(m.asks)), count);
            return null;
        });
    }

    /**
     * The next {@code count} REST or WebSocket API requests are answered HTTP 429 with
     * {@code Retry-After} (WebSocket API: status 429, -1003 with {@code data.retryAfter}) as if over
     * the weight limit; a request during that back-off gets 418 and a ban of
     * {@link BinanceSimulatorConfig#banDuration()} (a WebSocket API connection is dropped).
     *
     * @param count how many
     */
    public void rateLimitRest(int count) {
        rest.force429(count);
    }

    /**
     * Like {@link #rateLimitRest(int)}, but only the next {@code count} new-order requests (REST
     * {@code POST} of an order or WebSocket API {@code order.place}) are the ones answered 429, so a
     * test knows which request meets the limit while the client's background requests go on. The
     * back-off that follows applies to every request, as Binance's per-IP limit does.
     *
     * @param count how many
     */
    public void rateLimitOrders(int count) {
        rest.forceOrder429(count);
    }

    /**
     * Publishes a liquidation on {@code <symbol>@forceOrder} (futures; the latest of each second).
     *
     * @param symbol Binance symbol
     * @param side the liquidation order's side
     * @param price its price
     * @param quantity its quantity
     */
    public void liquidation(String symbol, Side side, BigDecimal price, BigDecimal quantity) {
        if (!futures) {
            throw new IllegalStateException("liquidation streams are a futures feature");
        }
        call(() -> {
            BinanceMarket m = market(symbol);
            Instant t = venue.instant();
            pendingLiquidations.put(m, new Liquidation(m.instrument.id(), t, t, side, price, quantity));
            return null;
        });
    }

    /** Stops the server, the market and every connection. */
    @Override
    public void close() {
        try {
            jetty.close();
        } finally {
            thread.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "BinanceSimulator[" + config.product() + ", ws=" + webSocketUri() + ", rest=" + restUri() + "]";
    }
}
