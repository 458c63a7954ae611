package org.tradebench.venues.bitfinex;

import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleHistoryRequest;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.DayStats;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.Trade;
import org.tradebench.connector.simulated.internal.SimulatedVenue;
import org.tradebench.venues.LoopbackJetty;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A Bitfinex WebSocket v2 and REST v2 server on 127.0.0.1, driven by the embedded simulated venue
 * (its seeded synthetic market and matching engine), with fault injection. Connector tests, chaos
 * tests and benchmarks point a Bitfinex connector at {@link #webSocketUri()} and
 * {@link #restUri()}.
 *
 * <pre>{@code
 * try (BitfinexSimulator bfx = BitfinexSimulator.start(BitfinexSimulatorConfig.defaults())) {
 *     connector.configure(bfx.webSocketUri(), bfx.restUri());
 *     ...
 *     bfx.dropConnections();              // every socket drops without a close frame
 *     bfx.corruptNextChecksum(chanId);    // the connector must re-snapshot
 *     BitfinexSimulator.BookState s = bfx.bookState(chanId);   // compare with the connector's book
 * }
 * }</pre>
 *
 * <h2>What it speaks</h2>
 * <ul>
 * <li>On connect {@code {"event":"info","version":2,"serverId":..,"platform":{"status":1}}}; info
 * codes 20051, 20060, 20061 on demand ({@link #sendInfo}).</li>
 * <li>{@code conf} flags TIMESTAMP 32768, SEQ_ALL 65536, OB_CHECKSUM 131072. Trailing fields are
 * appended to every data frame (heartbeats and checksums included): the connection's sequence
 * number (one counter for all channels, +1 per frame), on channel 0 also the account sequence
 * number, then the timestamp in epoch ms.</li>
 * <li>{@code subscribe}/{@code unsubscribe} for {@code ticker}, {@code trades}, {@code book}
 * (P0–P4, R0; len 1/25/100/250; F0, F1 every 2 s) and {@code candles}
 * ({@code trade:TF:SYMBOL}, TF 1m 5m 15m 30m 1h 3h 6h 12h 1D 1W 14D 1M); errors 10000, 10001,
 * 10011, 10012, 10300 (generic subscription failure), 10301, 10302 (unknown channel), 10305 (25
 * channels), 10400, 10401. Snapshots: ticker, the last 30
 * trades and the last 240 candles (newest first), the book (bids descending, then asks
 * ascending). Trades are sent as {@code te} and then {@code tu}. Heartbeats {@code [chanId,"hb"]}
 * after {@link BitfinexSimulatorConfig#heartbeat()} of silence on a channel. Book checksums
 * {@code [chanId,"cs",INT32]} after every batch of book updates, over the wire text of the
 * numbers (JavaScript number text: {@link BitfinexWire#number}).</li>
 * <li>{@code ping} → {@code pong} with {@code ts} and {@code cid}.</li>
 * <li>{@code auth} with HMAC-SHA384 of {@code authPayload} (which must be {@code "AUTH"+authNonce}),
 * the nonce strictly increasing per key (shared with REST); {@code dms:4} cancels all orders when
 * the connection closes. Then the account channel 0: {@code ps}, {@code ws}, {@code os} snapshots;
 * order inputs {@code on}, {@code oc}, {@code oc_multi}, {@code ou}; notifications {@code n};
 * {@code on/ou/oc}, {@code te/tu}, {@code wu}, {@code pn/pu/pc} streams (see
 * {@link BitfinexAccount}).</li>
 * <li>REST: {@code GET /v2/platform/status}, {@code /v2/ticker/SYM}, {@code /v2/tickers?symbols=},
 * {@code /v2/trades/SYM/hist}, {@code /v2/book/SYM/PREC?len=}, {@code /v2/candles/KEY/hist};
 * {@code POST /v2/auth/r/orders[/SYM]} (optionally {@code {"id":[..]}} or {@code {"cid":N,"cid_date":"YYYY-MM-DD"}}),
 * {@code /v2/auth/r/orders[/SYM]/hist} (closed orders; {@code id}, {@code start}, {@code end},
 * {@code limit}, {@code sort}), {@code /v2/auth/w/order/submit}, {@code /cancel}, {@code /update}
 * (REST order entry, answered with the notification), {@code /v2/auth/r/trades[/SYM]/hist} (own trades; {@code start}, {@code end},
 * {@code limit}, {@code sort}), {@code /v2/auth/r/positions}, {@code /v2/auth/r/wallets}
 * with {@code bfx-nonce}, {@code bfx-apikey}, {@code bfx-signature} = hex HMAC-SHA384 of
 * {@code "/api" + path + nonce + body}. Errors are {@code ["error",CODE,"text"]} with HTTP 500,
 * rate limits HTTP 429 {@code ["error",11010,"ratelimit: error"]}.</li>
 * </ul>
 *
 * <h2>Symbols</h2> Venue {@code BTC/USD}, {@code ETH/USD}, {@code SOL/USD} are {@code tBTCUSD},
 * {@code tETHUSD}, {@code tSOLUSD}; the venue's perpetual {@code BTC/USD:USD} is Bitfinex's real
 * perpetual {@code tBTCF0:USTF0} (a connector maps it to {@code BTC/USDT:USDT}); its margin
 * is the venue's single USD wallet, reported as the {@code exchange} wallet {@code USD}.
 *
 * <h2>Threading</h2> All state lives on one thread ({@code bitfinex-simulator}); Jetty threads
 * post to it. Public methods may be called from any thread: they run on that thread and wait
 * (at most 10 s) for it. Deterministic for a seed with {@link BitfinexSimulatorConfig#manualClock()}
 * and a fixed order of client actions.
 */
public final class BitfinexSimulator implements AutoCloseable {

    /** conf flag: append a timestamp. */
    public static final int TIMESTAMP = 32768;
    /** conf flag: append sequence numbers. */
    public static final int SEQ_ALL = 65536;
    /** conf flag: send book checksums. */
    public static final int OB_CHECKSUM = 131072;
    /** Channels one connection may hold (error 10305 beyond). */
    public static final int CHANNEL_LIMIT = 25;

    static final System.Logger LOG = System.getLogger(BitfinexSimulator.class.getName());
    private static final long TICK_NANOS = 10_000_000;
    private static final long F1_NANOS = 2_000_000_000L;
    private static final int TRADE_SNAPSHOT = 30;
    private static final int CANDLE_SNAPSHOT = 240;
    private static final String RATE_LIMIT_BODY = "[\"error\",11010,\"ratelimit: error\"]";

    final BitfinexSimulatorConfig config;
    final SimulatedVenue venue;
    final AtomicLong framesSent = new AtomicLong();
    private final ScheduledThreadPoolExecutor thread;
    private final LoopbackJetty jetty;
    private final long startNanos;
    final Map<String, MarketMirror> bySymbol = new LinkedHashMap<>();
    final Map<org.tradebench.api.instrument.InstrumentId, MarketMirror> byInstrument = new HashMap<>();
    final List<BitfinexConnection> connections = new ArrayList<>();
    final BitfinexAccount account;
    private final long[] syntheticOrderIds = {1_000_000_000L};
    private long tradeIds = 1_600_000_000L;
    private int chanIds = 100;
    private int connectionIds;
    private long silentUntil = Long.MIN_VALUE;
    private final java.util.Set<String> delisted = new java.util.HashSet<>();
    private boolean wasSilent;
    private int platformStatus = 1;
    long lastNonce;

    // Jetty-thread state.
    private volatile int refuseStatus;
    private final ArrayDeque<Long> upgradeTimes = new ArrayDeque<>();
    private final Map<String, ArrayDeque<Long>> restTimes = new HashMap<>();
    private int restRateLimited;

    private BitfinexSimulator(BitfinexSimulatorConfig config) {
        this.config = config;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "bitfinex-simulator");
            t.setDaemon(true);
            return t;
        });
        Instant epoch = config.manualClock() ? config.epoch() : Instant.ofEpochMilli(System.currentTimeMillis());
        // Bitfinex's rules: prices with 5 significant digits, a spot buy's fee taken from what was bought
        this.venue = new SimulatedVenue(config.market(), epoch, true, SimulatedVenue.Rules.BITFINEX);
        this.startNanos = System.nanoTime();
        this.account = new BitfinexAccount(this);
        this.jetty = LoopbackJetty.start("bitfinex-sim", "/ws/2", this::upgrade, new Rest());
    }

    /**
     * Starts the server and the market.
     *
     * @param config behaviour
     * @return the running simulator
     */
    public static BitfinexSimulator start(BitfinexSimulatorConfig config) {
        Objects.requireNonNull(config, "config");
        BitfinexSimulator sim = new BitfinexSimulator(config);
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
        int index = 0;
        for (Instrument i : venue.instruments()) {
            String symbol = symbolOf(i);
            MarketMirror m = new MarketMirror(i, symbol, index++, syntheticOrderIds);
            bySymbol.put(symbol, m);
            byInstrument.put(i.id(), m);
            venue.subscribeBook(new BookRequest(i.id(), 10_000), BookListener.ofEvents(e -> m.apply(e)));
            venue.subscribeTrades(i.id(), t -> onTrade(m, t));
            venue.subscribeTicker(i.id(), t -> m.ticker = t);
            if (i.kind() != InstrumentKind.SPOT) {
                venue.subscribeMarkPrice(i.id(), mark -> m.mark = mark);
                venue.subscribeLiquidations(i.id(), l -> liquidated(m, l.side() == Side.SELL ? l.quantity()
                        : l.quantity().negate(), l.price(), l.time().toEpochMilli()));
            }
            for (BaseInterval b : BaseInterval.values()) {
                venue.subscribeCandles(new CandleRequest(i.id(), b.interval, 0), c -> onCandle(m, b, c));
            }
        }
        account.init();
    }

    /** Bitfinex's symbol for a venue instrument. */
    static String symbolOf(Instrument i) {
        String base = i.id().base();
        String quote = i.id().quote();
        if (i.kind() != InstrumentKind.SPOT) {
            return "t" + base + "F0:USTF0";
        }
        return base.length() > 3 || quote.length() > 3 ? "t" + base + ":" + quote : "t" + base + quote;
    }

    // ---------------------------------------------------------------- addresses

    /** {@code ws://127.0.0.1:PORT/ws/2}. */
    public URI webSocketUri() {
        return jetty.webSocketUri();
    }

    /** {@code http://127.0.0.1:PORT/}; REST paths are {@code v2/...} below it. */
    public URI restUri() {
        return jetty.httpUri();
    }

    /** The Bitfinex symbols listed, for example {@code [tBTCUSD, tETHUSD, tSOLUSD, tBTCF0:USTF0]}. */
    public List<String> symbols() {
        return List.copyOf(bySymbol.keySet());
    }

    // ---------------------------------------------------------------- time

    long nowNanos() {
        return venue.now();
    }

    long epochMillis() {
        return venue.epoch().toEpochMilli() + venue.now() / 1_000_000;
    }

    boolean silent() {
        return venue.now() < silentUntil;
    }

    private void tick() {
        try {
            venue.advanceTo(System.nanoTime() - startNanos);
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "simulator tick failed", e);
        }
    }

    /**
     * Moves venue time forward (manual clock only) and sends what it produced.
     *
     * @param duration how far
     */
    public void advance(Duration duration) {
        if (!config.manualClock()) {
            throw new IllegalStateException("advance() needs a manual clock; this simulator follows the wall clock");
        }
        call(() -> {
            long target = venue.now() + duration.toNanos();
            // In steps, so heartbeats and F1 books see the time pass as they would in real time.
            while (venue.now() < target) {
                venue.advanceTo(Math.min(target, venue.now() + 100_000_000L));
                flush();
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
                    LOG.log(Level.WARNING, "simulator task failed", e);
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

    // ---------------------------------------------------------------- connections

    private Object upgrade(org.eclipse.jetty.websocket.server.ServerUpgradeRequest request,
            org.eclipse.jetty.websocket.server.ServerUpgradeResponse response, Callback callback) {
        int refuse = refuseStatus;
        if (refuse != 0) {
            Response.writeError(request, response, callback, refuse, "connection refused by fault injection");
            return null;
        }
        synchronized (upgradeTimes) {
            long now = System.nanoTime();
            while (!upgradeTimes.isEmpty() && now - upgradeTimes.peekFirst() > 60_000_000_000L) {
                upgradeTimes.pollFirst();
            }
            if (upgradeTimes.size() >= config.connectionsPerMinute()) {
                Response.writeError(request, response, callback, 429, "too many connections");
                return null;
            }
            upgradeTimes.addLast(now);
        }
        synchronized (upgradeTimes) {
            return new BitfinexConnection(this, ++connectionIds);
        }
    }

    void opened(BitfinexConnection c) {
        connections.add(c);
        c.write("{\"event\":\"info\",\"version\":2,\"serverId\":\"sim-" + c.id + "\",\"platform\":{\"status\":"
                + platformStatus + "}}");
    }

    void closed(BitfinexConnection c) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        connections.remove(c);
        account.connectionClosed(c);
    }

    // ---------------------------------------------------------------- input

    void input(BitfinexConnection c, String text) {
        if (c.closed) {
            return;
        }
        JsonElement msg;
        try {
            msg = JsonParser.parseString(text);
        } catch (RuntimeException e) {
            c.event("{\"event\":\"error\",\"msg\":\"invalid JSON\",\"code\":10000}");
            return;
        }
        if (msg.isJsonArray()) {
            account.input(c, msg.getAsJsonArray());
            return;
        }
        if (!msg.isJsonObject() || !msg.getAsJsonObject().has("event")) {
            c.event("{\"event\":\"error\",\"msg\":\"Unknown event\",\"code\":10000}");
            return;
        }
        JsonObject o = msg.getAsJsonObject();
        String event = str(o, "event");
        switch (event) {
            case "conf" -> {
                c.flags = o.has("flags") ? o.get("flags").getAsInt() : 0;
                c.event("{\"event\":\"conf\",\"status\":\"OK\",\"flags\":" + c.flags + "}");
            }
            case "ping" -> c.event("{\"event\":\"pong\",\"ts\":" + epochMillis() + ",\"cid\":"
                    + (o.has("cid") ? o.get("cid").getAsLong() : 0) + "}");
            case "subscribe" -> subscribe(c, o);
            case "unsubscribe" -> unsubscribe(c, o);
            case "auth" -> account.auth(c, o);
            case "unauth" -> {
                c.authenticated = false;
                c.event("{\"event\":\"unauth\",\"status\":\"OK\",\"chanId\":0}");
            }
            default -> c.event("{\"event\":\"error\",\"msg\":\"Unknown event\",\"code\":10000}");
        }
    }

    static String str(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private void error(BitfinexConnection c, JsonObject request, int code, String msg) {
        StringBuilder b = new StringBuilder("{\"event\":\"error\"");
        for (String k : new String[] {"channel", "symbol", "prec", "freq", "len", "key", "subId", "chanId"}) {
            if (request.has(k) && !request.get(k).isJsonNull()) {
                b.append(",\"").append(k).append("\":").append(request.get(k).toString());
            }
        }
        b.append(",\"msg\":").append(BitfinexWire.string(msg)).append(",\"code\":").append(code).append('}');
        c.event(b.toString());
    }

    private MarketMirror market(String symbol) {
        if (symbol == null || delisted.contains(symbol) || delisted.contains("t" + symbol)) {
            return null;
        }
        MarketMirror m = bySymbol.get(symbol);
        if (m == null && !symbol.startsWith("t")) {
            m = bySymbol.get("t" + symbol);
        }
        return m;
    }

    private void subscribe(BitfinexConnection c, JsonObject o) {
        String channel = str(o, "channel");
        if (channel == null) {
            error(c, o, 10300, "subscribe: failed (no channel)");
            return;
        }
        String subId = o.has("subId") && !o.get("subId").isJsonNull() ? ",\"subId\":" + o.get("subId") : "";
        int chanId = chanIds + 1;
        Channel ch;
        String echo;
        switch (channel) {
            case "ticker", "trades" -> {
                MarketMirror m = market(str(o, o.has("symbol") ? "symbol" : "pair"));
                if (m == null) {
                    error(c, o, 10001, "Unknown pair");
                    return;
                }
                ch = channel.equals("ticker") ? new Channel.Tickers(chanId, m) : new Channel.Trades(chanId, m);
                echo = ",\"symbol\":\"" + m.symbol + "\",\"pair\":\"" + m.pair + "\"";
            }
            case "book" -> {
                MarketMirror m = market(str(o, o.has("symbol") ? "symbol" : "pair"));
                if (m == null) {
                    error(c, o, 10001, "Unknown pair");
                    return;
                }
                String prec = o.has("prec") ? str(o, "prec") : "P0";
                if (!List.of("P0", "P1", "P2", "P3", "P4", "R0").contains(prec)) {
                    error(c, o, 10011, "Unknown book precision");
                    return;
                }
                String lenText = o.has("len") ? str(o, "len") : "25";
                if (!List.of("1", "25", "100", "250").contains(lenText)) {
                    error(c, o, 10012, "Unknown book length");
                    return;
                }
                String freq = o.has("freq") ? str(o, "freq") : "F0";
                if (!freq.equals("F0") && !freq.equals("F1")) {
                    error(c, o, 10300, "subscribe: failed (unknown frequency)");
                    return;
                }
                ch = new Channel.Book(new BookChannel(chanId, m, prec, freq, Integer.parseInt(lenText)));
                echo = ",\"symbol\":\"" + m.symbol + "\",\"prec\":\"" + prec + "\",\"freq\":\"" + freq + "\",\"len\":\""
                        + lenText + "\",\"pair\":\"" + m.pair + "\"";
            }
            case "candles" -> {
                String key = str(o, "key");
                String[] parts = key == null ? new String[0] : key.split(":", 3);
                Timeframe tf = parts.length == 3 && parts[0].equals("trade") ? Timeframe.parse(parts[1]) : null;
                if (tf == null) {
                    error(c, o, 10300, "subscribe: failed (invalid candle key)");
                    return;
                }
                MarketMirror m = market(parts[2]);
                if (m == null) {
                    error(c, o, 10001, "Unknown pair");
                    return;
                }
                ch = new Channel.Candles(chanId, m, tf, key);
                echo = ",\"key\":" + BitfinexWire.string(key);
            }
            case "status" -> {
                String key = str(o, "key");
                if ("liq:global".equals(key)) {
                    ch = new Channel.Liquidations(chanId);
                } else {
                    MarketMirror m = key != null && key.startsWith("deriv:") ? market(key.substring(6)) : null;
                    if (m == null || m.instrument.kind() == InstrumentKind.SPOT) {
                        error(c, o, 10300, "subscribe: failed (invalid status key)");
                        return;
                    }
                    ch = new Channel.Status(chanId, m);
                }
                echo = ",\"key\":" + BitfinexWire.string(key);
            }
            default -> {
                // Bitfinex's documented code for a channel it does not have (docs.bitfinex.com/docs/ws-general)
                error(c, o, 10302, "subscribe: unknown channel");
                return;
            }
        }
        for (Channel existing : c.channels.values()) {
            if (existing.identity.equals(ch.identity)) {
                error(c, o, 10301, "subscribe: dup");
                return;
            }
        }
        if (c.channels.size() >= CHANNEL_LIMIT) {
            error(c, o, 10305, "subscribe: limit");
            return;
        }
        chanIds = chanId;
        ch.lastSentNanos = nowNanos();
        c.channels.put(chanId, ch);
        c.event("{\"event\":\"subscribed\",\"channel\":\"" + channel + "\",\"chanId\":" + chanId + echo + subId + "}");
        snapshot(c, ch);
    }

    private void unsubscribe(BitfinexConnection c, JsonObject o) {
        if (!o.has("chanId")) {
            error(c, o, 10400, "unsubscribe: failed (no chanId)");
            return;
        }
        int chanId = o.get("chanId").getAsInt();
        if (c.channels.remove(chanId) == null) {
            error(c, o, 10401, "unsubscribe: invalid");
            return;
        }
        c.event("{\"event\":\"unsubscribed\",\"status\":\"OK\",\"chanId\":" + chanId + "}");
    }

    // ---------------------------------------------------------------- snapshots and updates

    private void snapshot(BitfinexConnection c, Channel ch) {
        MarketMirror m = ch.market;
        switch (ch) {
            case Channel.Tickers t -> {
                if (priced(m.ticker)) {
                    t.sent = m.ticker;
                    t.sentNanos = nowNanos();
                    c.data(ch.chanId, ch.chanId + "," + tickerArray(m.ticker));
                }
            }
            case Channel.Trades t -> {
                StringBuilder b = new StringBuilder().append(ch.chanId).append(",[");
                appendTrades(b, m.recentTrades(TRADE_SNAPSHOT));
                c.data(ch.chanId, b.append(']').toString());
            }
            case Channel.Book bk -> {
                BookChannel book = bk.book;
                StringBuilder b = new StringBuilder().append(ch.chanId).append(",[");
                List<BookChannel.Row> rows = book.snapshot();
                for (int i = 0; i < rows.size(); i++) {
                    b.append(i == 0 ? "" : ",").append(book.wire(rows.get(i)));
                }
                book.lastFlushNanos = nowNanos();
                bookVersions.put(book, m.bookVersion);
                c.data(ch.chanId, b.append(']').toString());
            }
            case Channel.Candles cd -> {
                List<Timeframe.Row> rows = candleRows(m, cd.timeframe, CANDLE_SNAPSHOT, Long.MAX_VALUE);
                StringBuilder b = new StringBuilder().append(ch.chanId).append(",[");
                for (int i = rows.size() - 1, n = 0; i >= 0; i--, n++) {
                    b.append(n == 0 ? "" : ",").append(candleArray(rows.get(i)));
                }
                c.data(ch.chanId, b.append(']').toString());
                // Seed the forming bucket with the venue candles it already has.
                if (!rows.isEmpty()) {
                    cd.bucket = rows.get(rows.size() - 1).mts();
                    for (Candle base : baseCandles(m, cd.timeframe.base, cd.timeframe.baseCandlesFor(1))) {
                        if (cd.timeframe.bucketStart(base.start().toEpochMilli()) == cd.bucket) {
                            cd.parts.put(base.start().toEpochMilli(), base);
                        }
                    }
                }
            }
            case Channel.Status st -> {
                if (m.mark != null) {
                    st.sent = m.mark;
                    st.sentNanos = nowNanos();
                    c.data(ch.chanId, ch.chanId + "," + statusArray(m, m.mark, false));
                }
            }
            case Channel.Liquidations lq -> {
                StringBuilder b = new StringBuilder().append(ch.chanId).append(",[");
                for (int i = 0; i < recentLiquidations.size(); i++) {
                    b.append(i == 0 ? "" : ",").append(recentLiquidations.get(i));
                }
                c.data(ch.chanId, b.append(']').toString());
            }
            default -> throw new IllegalStateException("unknown channel " + ch);
        }
    }

    /** The liquidation rows sent last (newest last), for the snapshot of a new liq:global channel. */
    private final List<String> recentLiquidations = new ArrayList<>();
    private long liquidationIds = 142_397_000L;

    /**
     * A derivatives status row in the shape of the {@code status} channel (REST rows lead with the
     * key): {@code [MTS,_,DERIV_PRICE,SPOT_PRICE,_,INSURANCE_FUND_BALANCE,_,NEXT_FUNDING_EVT_MTS,
     * NEXT_FUNDING_ACCRUED,NEXT_FUNDING_STEP,_,CURRENT_FUNDING,_,_,MARK_PRICE,_,_,OPEN_INTEREST,_,_,_,
     * CLAMP_MIN,CLAMP_MAX]}.
     */
    private String statusArray(MarketMirror m, MarkPrice mark, boolean withKey) {
        BigDecimal last = m.ticker == null || m.ticker.last() == null ? mark.markPrice() : m.ticker.last();
        BigDecimal funding = mark.fundingRate() == null ? BigDecimal.ZERO : mark.fundingRate();
        long next = mark.nextFunding() == null ? 0 : mark.nextFunding().toEpochMilli();
        // Funding accrues over the 8 hours before it is paid: the step counts minutes into the period.
        long step = next == 0 ? 0 : Math.max(0, 480 - (next - epochMillis()) / 60_000);
        return "[" + (withKey ? BitfinexWire.string(m.symbol) + "," : "") + mark.time().toEpochMilli() + ",null,"
                + num(last == null ? null : last.round(PRICE)) + "," + num(mark.indexPrice()) + ",null,"
                + "70821880.5,null," + (next == 0 ? "null" : next) + "," + num(funding.multiply(BigDecimal.valueOf(step))
                        .divide(BigDecimal.valueOf(480), 8, RoundingMode.HALF_EVEN)) + "," + step + ",null,"
                + num(funding) + ",null,null," + num(mark.markPrice()) + ",null,null,"
                + num(openInterest(m)) + ",null,null,null,0.0005,0.0025]";
    }

    /** The perpetual's open interest: the venue's synthetic participants plus the account's position. */
    private BigDecimal openInterest(MarketMirror m) {
        BigDecimal own = BigDecimal.ZERO;
        for (org.tradebench.api.account.Position p : venue.positions()) {
            if (p.instrument().equals(m.instrument.id())) {
                own = own.add(p.quantity());
            }
        }
        return new BigDecimal("1250").add(own);
    }

    private static String num(BigDecimal v) {
        return v == null ? "null" : BitfinexWire.number(v);
    }

    /**
     * A position liquidated on a derivative: the trigger (IS_MATCH 0), then its execution (1),
     * to every liq:global channel.
     */
    private void liquidated(MarketMirror m, BigDecimal amount, BigDecimal price, long mts) {
        long id = ++liquidationIds;
        String trigger = "[\"pos\"," + id + "," + mts + ",null," + BitfinexWire.string(m.symbol) + ","
                + BitfinexWire.number(amount) + "," + BitfinexWire.number(price) + ",null,0,0,null,null]";
        String match = "[\"pos\"," + id + "," + mts + ",null," + BitfinexWire.string(m.symbol) + ","
                + BitfinexWire.number(amount) + "," + BitfinexWire.number(price) + ",null,1,1,null,"
                + BitfinexWire.number(price) + "]";
        for (String row : List.of(trigger, match)) {
            recentLiquidations.add(row);
            if (recentLiquidations.size() > 10) {
                recentLiquidations.remove(0);
            }
            for (BitfinexConnection c : connections) {
                for (Channel ch : c.channels.values()) {
                    if (ch instanceof Channel.Liquidations) {
                        c.data(ch.chanId, ch.chanId + ",[" + row + "]");
                    }
                }
            }
        }
    }

    private final Map<BookChannel, Long> bookVersions = new java.util.IdentityHashMap<>();

    /** Venue candles of one interval ending now, oldest first, with the forming one last. */
    private List<Candle> baseCandles(MarketMirror m, BaseInterval base, int count) {
        List<Candle> out = new ArrayList<>(venue.candleHistory(CandleHistoryRequest.before(m.instrument.id(),
                base.interval, null, Math.max(1, Math.min(10_000, count)))));
        Candle forming = m.forming.get(base);
        if (forming != null && (out.isEmpty() || forming.start().isAfter(out.get(out.size() - 1).start()))) {
            out.add(forming);
        }
        return out;
    }

    /** Candles of a timeframe ending at or before {@code end} (epoch ms), oldest first. */
    List<Timeframe.Row> candleRows(MarketMirror m, Timeframe tf, int limit, long end) {
        List<Timeframe.Row> rows = tf.aggregate(baseCandles(m, tf.base, tf.baseCandlesFor(limit)));
        List<Timeframe.Row> kept = new ArrayList<>();
        for (Timeframe.Row r : rows) {
            if (r.mts() <= end) {
                kept.add(r);
            }
        }
        return kept.subList(Math.max(0, kept.size() - limit), kept.size());
    }

    static String candleArray(Timeframe.Row r) {
        // 5 significant digits (a no-op for candles of the venue's trades; the synthetic history
        // before the venue started is rounded)
        return "[" + r.mts() + "," + BitfinexWire.number(r.open().round(PRICE)) + ","
                + BitfinexWire.number(r.close().round(PRICE)) + "," + BitfinexWire.number(r.high().round(PRICE)) + ","
                + BitfinexWire.number(r.low().round(PRICE)) + ","
                + BitfinexWire.number(r.volume()) + "]";
    }

    /** Bitfinex prices carry 5 significant digits: the best bid rounds down and the best ask up, as in P0. */
    private static final MathContext BID_PRICE = new MathContext(5, RoundingMode.FLOOR);
    private static final MathContext ASK_PRICE = new MathContext(5, RoundingMode.CEILING);
    private static final MathContext PRICE = new MathContext(5, RoundingMode.HALF_EVEN);

    /** Whether a venue ticker has a price to show (Bitfinex has no ticker before a market trades). */
    static boolean priced(Ticker t) {
        return t != null && (t.quote() != null || t.last() != null);
    }

    static String tickerArray(Ticker t) {
        DayStats day = t.day();
        BigDecimal lastPrice = t.last() != null ? t.last() : t.mid(); // priced(t): one of them is there
        BigDecimal high = day == null || day.high() == null ? lastPrice : day.high();
        BigDecimal low = day == null || day.low() == null ? lastPrice : day.low();
        // Bitfinex always sends a bid and an ask; a venue ticker without a quote (an empty book side)
        // shows the last price there with no size, as the exchange does for an empty side.
        BigDecimal bid = t.quote() == null ? lastPrice : t.bid();
        BigDecimal ask = t.quote() == null ? lastPrice : t.ask();
        BigDecimal bidSize = t.quote() == null ? BigDecimal.ZERO : t.quote().bidSize();
        BigDecimal askSize = t.quote() == null ? BigDecimal.ZERO : t.quote().askSize();
        return "[" + BitfinexWire.number(bid.round(BID_PRICE)) + "," + BitfinexWire.number(bidSize)
                + "," + BitfinexWire.number(ask.round(ASK_PRICE)) + ","
                + BitfinexWire.number(askSize) + ","
                + BitfinexWire.number(nz(day == null ? null : day.change()).round(PRICE)) + ","
                + BitfinexWire.number(nz(day == null ? null : day.changeRatio())) + ","
                + BitfinexWire.number(lastPrice.round(PRICE)) + "," + BitfinexWire.number(nz(t.volume())) + ","
                + BitfinexWire.number(high.round(PRICE)) + "," + BitfinexWire.number(low.round(PRICE)) + "]";
    }

    private static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    static void appendTrades(StringBuilder b, List<MarketMirror.PublicTrade> trades) {
        for (int i = 0; i < trades.size(); i++) {
            MarketMirror.PublicTrade t = trades.get(i);
            b.append(i == 0 ? "" : ",").append(tradeArray(t));
        }
    }

    static String tradeArray(MarketMirror.PublicTrade t) {
        return "[" + t.id() + "," + t.mts() + "," + BitfinexWire.number(t.amount()) + ","
                + BitfinexWire.number(t.price()) + "]";
    }

    private void onTrade(MarketMirror m, Trade trade) {
        BigDecimal amount = trade.takerSide() == Side.BUY ? trade.quantity() : trade.quantity().negate();
        MarketMirror.PublicTrade t = new MarketMirror.PublicTrade(++tradeIds, trade.time().toEpochMilli(), amount,
                trade.price());
        m.addTrade(t);
        String array = tradeArray(t);
        for (BitfinexConnection c : connections) {
            for (Channel ch : c.channels.values()) {
                if (ch instanceof Channel.Trades && ch.market == m) {
                    c.data(ch.chanId, ch.chanId + ",\"te\"," + array);
                    c.data(ch.chanId, ch.chanId + ",\"tu\"," + array);
                }
            }
        }
    }

    private void onCandle(MarketMirror m, BaseInterval base, Candle candle) {
        m.forming.put(base, candle);
        for (BitfinexConnection c : connections) {
            for (Channel ch : c.channels.values()) {
                if (ch instanceof Channel.Candles cd && ch.market == m && cd.timeframe.base == base) {
                    long start = candle.start().toEpochMilli();
                    long bucket = cd.timeframe.bucketStart(start);
                    if (bucket < cd.bucket) {
                        continue;
                    }
                    if (bucket > cd.bucket) {
                        cd.bucket = bucket;
                        cd.parts.clear();
                    }
                    cd.parts.put(start, candle);
                    List<Timeframe.Row> rows = cd.timeframe.aggregate(new ArrayList<>(cd.parts.values()));
                    c.data(ch.chanId, ch.chanId + "," + candleArray(rows.get(rows.size() - 1)));
                }
            }
        }
    }

    /** After every venue step: silence end, books, tickers, heartbeats. */
    void flush() {
        account.afterVenue();
        long now = nowNanos();
        if (silent()) {
            wasSilent = true;
            return;
        }
        if (wasSilent) {
            wasSilent = false;
            for (BitfinexConnection c : connections) {
                c.release();
            }
        }
        long hb = config.heartbeat().toNanos();
        long tickerEvery = config.tickerInterval().toNanos();
        for (BitfinexConnection c : List.copyOf(connections)) {
            for (Channel ch : c.channels.values()) {
                if (ch instanceof Channel.Book bk) {
                    flushBook(c, bk.book, now);
                } else if (ch instanceof Channel.Status st) {
                    MarkPrice latest = ch.market.mark;
                    if (latest != null && latest != st.sent && now - st.sentNanos >= config.tickerInterval().toNanos()) {
                        st.sent = latest;
                        st.sentNanos = now;
                        c.data(ch.chanId, ch.chanId + "," + statusArray(ch.market, latest, false));
                    }
                } else if (ch instanceof Channel.Tickers t) {
                    Ticker latest = ch.market.ticker;
                    if (priced(latest) && latest != t.sent && now - t.sentNanos >= tickerEvery) {
                        t.sent = latest;
                        t.sentNanos = now;
                        c.data(ch.chanId, ch.chanId + "," + tickerArray(latest));
                    }
                }
                if (now - ch.lastSentNanos >= hb) {
                    c.data(ch.chanId, ch.chanId + ",\"hb\"");
                }
            }
            if (c.authenticated && now - c.authLastSentNanos >= hb) {
                c.data(0, "0,\"hb\"");
            }
        }
    }

    private void flushBook(BitfinexConnection c, BookChannel book, long now) {
        Long seen = bookVersions.get(book);
        if (seen != null && seen == book.market.bookVersion) {
            return;
        }
        if (book.freq.equals("F1") && now - book.lastFlushNanos < F1_NANOS) {
            return;
        }
        bookVersions.put(book, book.market.bookVersion);
        book.lastFlushNanos = now;
        List<String> rows = book.diff();
        if (rows.isEmpty()) {
            return;
        }
        for (String row : rows) {
            c.data(book.chanId, book.chanId + "," + row);
        }
        if (c.has(OB_CHECKSUM)) {
            int cs = book.checksum();
            if (c.corruptChecksum.remove(book.chanId)) {
                cs = cs + 1;
            }
            c.data(book.chanId, book.chanId + ",\"cs\"," + cs);
        }
    }

    // ---------------------------------------------------------------- state for tests

    /**
     * One level (or raw order) of a book channel as last sent.
     *
     * @param key the checksum key: the price text, or the order id for R0
     * @param price the price
     * @param count orders at the level (1 for R0)
     * @param amount signed amount (negative for asks)
     * @param wire the row as sent, for example {@code [65000,3,1.25]}
     */
    public record BookRow(String key, BigDecimal price, int count, BigDecimal amount, String wire) {
    }

    /**
     * The book of one channel as the simulator last sent it: what a correct client holds once it
     * has applied every frame up to now.
     *
     * @param chanId the channel
     * @param symbol its symbol
     * @param prec its precision
     * @param bids bids, best first
     * @param asks asks, best first
     * @param checksum the checksum of that state
     */
    public record BookState(int chanId, String symbol, String prec, List<BookRow> bids, List<BookRow> asks,
            int checksum) {
    }

    /**
     * The current sent state of a book channel of any connection.
     *
     * @param chanId the channel id
     * @return the state
     * @throws IllegalArgumentException when no connection has a book channel with that id
     */
    public BookState bookState(int chanId) {
        return call(() -> {
            for (BitfinexConnection c : connections) {
                if (c.channels.get(chanId) instanceof Channel.Book bk) {
                    BookChannel b = bk.book;
                    return new BookState(chanId, b.market.symbol, b.prec, rows(b, b.bids), rows(b, b.asks),
                            b.checksum());
                }
            }
            throw new IllegalArgumentException("no book channel " + chanId);
        });
    }

    private static List<BookRow> rows(BookChannel b, List<BookChannel.Row> rows) {
        List<BookRow> out = new ArrayList<>(rows.size());
        for (BookChannel.Row r : rows) {
            out.add(new BookRow(r.key(), r.price(), r.count(), r.amount(), b.wire(r)));
        }
        return List.copyOf(out);
    }

    /** Public channels subscribed now, over every connection. */
    public int channelCount() {
        return call(() -> connections.stream().mapToInt(c -> c.channels.size()).sum());
    }

    /** Open WebSocket connections. */
    public int connectionCount() {
        return call(connections::size);
    }

    /** Text frames sent over all connections so far. */
    public long framesSent() {
        return framesSent.get();
    }

    /**
     * Moves the market: a participant's limit order (rests what does not match), or with a null
     * price a market order.
     *
     * @param symbol Bitfinex symbol
     * @param side buy or sell
     * @param price limit price or null
     * @param quantity quantity
     */
    public void submitParticipantOrder(String symbol, Side side, BigDecimal price, BigDecimal quantity) {
        call(() -> {
            MarketMirror m = bySymbol.get(symbol);
            if (m == null) {
                throw new IllegalArgumentException("unknown symbol " + symbol + "; listed: " + bySymbol.keySet());
            }
            venue.submitParticipantOrder(m.instrument.id(), side, price, quantity);
            flush();
            return null;
        });
    }

    /**
     * One of the account's own trades, as {@code tu} and {@code /v2/auth/r/trades/hist} report it.
     *
     * @param id trade id
     * @param symbol Bitfinex symbol
     * @param mts execution time, epoch ms (venue time)
     * @param orderId Bitfinex order id
     * @param amount signed executed amount (positive buy)
     * @param price execution price
     * @param maker whether the order provided liquidity
     * @param fee Bitfinex's fee (negative when charged)
     * @param feeCurrency the fee's currency
     * @param cid the order's client id
     */
    public record OwnTrade(long id, String symbol, long mts, long orderId, BigDecimal amount, BigDecimal price,
            boolean maker, BigDecimal fee, String feeCurrency, long cid) {
    }

    /**
     * How many new-order requests with this cid reached the exchange (over the socket or REST,
     * executed or refused; requests dropped by {@link #ignoreNextOrderInputs} never reached it).
     *
     * @param cid the client's cid
     * @return the count
     */
    public int newOrderRequests(long cid) {
        return call(() -> account.newOrderRequests.getOrDefault(cid, 0));
    }

    /** The cids of the account's active orders (what a client sent as {@code cid}). */
    public List<Long> activeOrderCids() {
        return call(account::activeCids);
    }

    /** The account's own trades so far, oldest first. */
    public List<OwnTrade> ownTrades() {
        return call(account::ownTrades);
    }

    /**
     * Sends {@code te} and {@code tu} of every own trade so far again to every authenticated
     * connection (a client must not count them twice).
     */
    public void resendOwnTrades() {
        call(() -> {
            account.resendOwnTrades();
            flush();
            return null;
        });
    }

    /**
     * A participant's position on a derivative is liquidated: liq:global sends its trigger and its
     * execution.
     *
     * @param symbol the derivative, for example {@code tBTCF0:USTF0}
     * @param amount the position's signed amount (positive: a long position, sold off)
     * @param price the price it was taken over at
     */
    public void liquidate(String symbol, BigDecimal amount, BigDecimal price) {
        call(() -> {
            MarketMirror m = bySymbol.get(symbol);
            if (m == null || m.instrument.kind() == InstrumentKind.SPOT) {
                throw new IllegalArgumentException(symbol + " is not a listed derivative; listed: " + bySymbol.keySet());
            }
            liquidated(m, amount, price, epochMillis());
            return null;
        });
    }

    /**
     * Stops listing a pair: subscriptions to it are refused with error 10001 ("Unknown pair") and
     * the configuration endpoints leave it out, as when the exchange delists a market. Clients
     * that loaded the list before still name it.
     *
     * @param symbol the Bitfinex symbol, for example {@code tSOLUSD}
     */
    public void delist(String symbol) {
        call(() -> {
            if (!bySymbol.containsKey(symbol)) {
                throw new IllegalArgumentException("unknown symbol " + symbol + "; listed: " + bySymbol.keySet());
            }
            delisted.add(symbol);
            return null;
        });
    }

    // ---------------------------------------------------------------- fault injection

    /** The largest page a REST history answers (Bitfinex: 2,500); lower it to make clients page. */
    volatile int historyPageCap = 2500;

    /**
     * Answers REST history requests ({@code /v2/auth/r/trades/hist}, {@code /orders/hist}) with at
     * most this many rows, whatever limit is asked for: a client that stops after one page misses
     * the rest.
     *
     * @param rows the page size cap, at least 1
     */
    public void capHistoryPages(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1: " + rows);
        }
        historyPageCap = rows;
    }

    /**
     * The next order inputs ({@code on}, {@code oc}, {@code ou}) are executed, but no notification
     * and no account message about them reaches any connection (answers lost on the way): the
     * exchange's state changed and only REST tells.
     *
     * @param count how many
     */
    public void executeNextOrderInputsSilently(int count) {
        call(() -> {
            account.inputsToExecuteSilently = count;
            return null;
        });
    }

    /**
     * The next {@code count} authentications are refused with 10114 "nonce: small", as when
     * another request of the same key took a later nonce and arrived first (their nonces are still
     * recorded: a later one is accepted).
     *
     * @param count how many
     */
    public void refuseNextAuthNonces(int count) {
        call(() -> {
            account.authNoncesToRefuse = count;
            return null;
        });
    }

    /**
     * Authentication requests received so far, accepted or refused.
     *
     * @return the count
     */
    public int authRequests() {
        return call(() -> account.authRequests);
    }

    /**
     * The next order inputs are dropped: no notification, no order message (a reply that never
     * comes).
     *
     * @param count how many
     */
    public void ignoreNextOrderInputs(int count) {
        call(() -> {
            account.inputsToIgnore = count;
            return null;
        });
    }

    /**
     * How many of the inputs {@link #ignoreNextOrderInputs} asked to drop have not arrived yet.
     *
     * @return the count; 0 once every one of them reached the exchange (and was dropped)
     */
    public int ignoredInputsLeft() {
        return call(() -> account.inputsToIgnore);
    }

    /** Drops every WebSocket connection without a close frame (a crash or a cut cable). */
    public void dropConnections() {
        call(() -> {
            for (BitfinexConnection c : List.copyOf(connections)) {
                org.eclipse.jetty.websocket.api.Session s = c.session;
                closed(c);
                if (s != null) {
                    s.disconnect();
                }
            }
            return null;
        });
    }

    /**
     * Sends nothing at all (no data, no heartbeats, no answers) for a while of venue time, with
     * every connection left open. Afterwards the held answers, trades and candles go out in order
     * and each book sends the net change of the silence as one batch (so a client that waits stays
     * consistent; one that re-snapshots is also right).
     *
     * @param duration how long
     */
    public void goSilent(Duration duration) {
        call(() -> {
            silentUntil = venue.now() + duration.toNanos();
            wasSilent = true;
            return null;
        });
    }

    /**
     * Sends a text frame as is to every connection (for example {@code "[17,[1,2"} or
     * {@code "not json"}).
     *
     * @param text the frame
     */
    public void sendMalformedFrame(String text) {
        call(() -> {
            connections.forEach(c -> c.write(text));
            return null;
        });
    }

    /**
     * Makes the next frame of a channel skip one sequence number (visible with SEQ_ALL).
     *
     * @param chanId the channel (0 for the account channel)
     */
    public void skipSequence(int chanId) {
        call(() -> {
            connections.forEach(c -> c.skipSequence.add(chanId));
            return null;
        });
    }

    /**
     * Makes the next checksum of a book channel wrong (by one).
     *
     * @param chanId the book channel
     */
    public void corruptNextChecksum(int chanId) {
        call(() -> {
            connections.forEach(c -> c.corruptChecksum.add(chanId));
            return null;
        });
    }

    /**
     * Sends an info event to every connection: 20051 (server restarting: reconnect), 20060
     * (maintenance starting: the platform status becomes 0) or 20061 (maintenance ended: 1).
     *
     * @param code the info code
     */
    public void sendInfo(int code) {
        String msg = switch (code) {
            case 20051 -> "Stopping. Please try to reconnect";
            case 20060 -> "Entering in Maintenance mode. Please pause any activity and resume after receiving the "
                    + "info message 20061 (it should take 120 seconds at most).";
            case 20061 -> "Maintenance ended. You can resume normal activity. It is advised to unsubscribe/subscribe "
                    + "again all channels.";
            default -> throw new IllegalArgumentException("info codes are 20051, 20060, 20061; not " + code);
        };
        call(() -> {
            if (code == 20060) {
                platformStatus = 0;
            } else if (code == 20061) {
                platformStatus = 1;
            }
            connections.forEach(c -> c.event("{\"event\":\"info\",\"code\":" + code + ",\"msg\":\"" + msg + "\"}"));
            return null;
        });
    }

    /**
     * Sets the platform status reported by REST and by {@code info} on connect.
     *
     * @param status 1 operative, 0 maintenance
     */
    public void setPlatformStatus(int status) {
        if (status != 0 && status != 1) {
            throw new IllegalArgumentException("platform status is 0 or 1, not " + status);
        }
        call(() -> platformStatus = status);
    }

    /**
     * Refuses new WebSocket connections with an HTTP status (for example 503 or 429) until
     * {@link #acceptConnections()}.
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
     * Answers the next {@code count} REST requests with HTTP 429
     * {@code ["error",11010,"ratelimit: error"]}.
     *
     * @param count how many
     */
    public void rateLimitRest(int count) {
        synchronized (restTimes) {
            restRateLimited = count;
        }
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

    // ---------------------------------------------------------------- authentication

    /** Hex HMAC-SHA384 of a payload with the configured secret. */
    String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA384");
            mac.init(new SecretKeySpec(config.apiSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA384"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA384 unavailable", e);
        }
    }

    /** Checks key, nonce and signature; returns null when fine, else [code, message]. */
    Object[] verify(String key, String nonce, String payload, String signature) {
        if (key == null || !key.equals(config.apiKey())) {
            return new Object[] {10100, "apikey: invalid"};
        }
        long n;
        try {
            n = Long.parseLong(nonce);
        } catch (RuntimeException e) {
            return new Object[] {10114, "nonce: invalid"};
        }
        if (n <= lastNonce || n > (1L << 53) - 1) {
            return new Object[] {10114, "nonce: small"};
        }
        if (signature == null || !java.security.MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.UTF_8),
                signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8))) {
            return new Object[] {10100, "apikey: digest invalid"};
        }
        lastNonce = n;
        return null;
    }

    // ---------------------------------------------------------------- REST

    private record Answer(int status, String body) {
    }

    /** Jetty handler for REST; the work runs on the simulator thread. */
    private final class Rest extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            String body = request.getMethod().equals("POST") ? Content.Source.asString(request) : "";
            Fields query = Request.extractQueryParameters(request);
            Map<String, String> params = new HashMap<>();
            query.forEach(f -> params.put(f.getName(), f.getValue()));
            String nonce = request.getHeaders().get("bfx-nonce");
            String key = request.getHeaders().get("bfx-apikey");
            String signature = request.getHeaders().get("bfx-signature");
            Answer a = limited(path);
            if (a == null) {
                a = call(() -> rest(request.getMethod(), path, params, body, nonce, key, signature));
            }
            response.setStatus(a.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            Content.Sink.write(response, true, a.body(), callback);
            return true;
        }
    }

    private Answer limited(String path) {
        String[] seg = path.split("/");
        String endpoint = seg.length > 3 && seg[2].equals("auth") ? path : seg.length > 2 ? seg[2] : path;
        synchronized (restTimes) {
            if (restRateLimited > 0) {
                restRateLimited--;
                return new Answer(429, RATE_LIMIT_BODY);
            }
            ArrayDeque<Long> times = restTimes.computeIfAbsent(endpoint, k -> new ArrayDeque<>());
            long now = System.nanoTime();
            while (!times.isEmpty() && now - times.peekFirst() > 60_000_000_000L) {
                times.pollFirst();
            }
            if (times.size() >= config.restRequestsPerMinute()) {
                return new Answer(429, RATE_LIMIT_BODY);
            }
            times.addLast(now);
        }
        return null;
    }

    private static Answer error(int code, String msg) {
        return new Answer(500, "[\"error\"," + code + "," + BitfinexWire.string(msg) + "]");
    }

    private Answer rest(String method, String path, Map<String, String> params, String body, String nonce, String key,
            String signature) {
        String[] p = path.split("/");
        if (p.length < 3 || !p[1].equals("v2")) {
            return new Answer(404, "[\"error\",10020,\"unknown path\"]");
        }
        if (method.equals("POST") && p.length == 6 && p[2].equals("auth") && p[3].equals("w") && p[4].equals("order")) {
            Object[] problem = verify(key, nonce, "/api" + path + nonce + body, signature);
            if (problem != null) {
                return error((Integer) problem[0], (String) problem[1]);
            }
            BitfinexAccount.RestReply r = account.restOrder(p[5], body);
            return new Answer(r.status, r.body);
        }
        if (method.equals("POST") && p.length >= 5 && p[2].equals("auth") && p[3].equals("r")) {
            Object[] problem = verify(key, nonce, "/api" + path + nonce + body, signature);
            if (problem != null) {
                return error((Integer) problem[0], (String) problem[1]);
            }
            return switch (p[4]) {
                case "orders" -> new Answer(200, p[p.length - 1].equals("hist")
                        ? account.ordersHistJson(p.length > 6 ? p[5] : null, body)
                        : account.ordersJson(p.length > 5 ? p[5] : null, body));
                case "trades" -> {
                    if (!p[p.length - 1].equals("hist") || p.length > 7) {
                        yield new Answer(404, "[\"error\",10020,\"unknown endpoint\"]");
                    }
                    String symbol = p.length == 7 ? p[5] : null;
                    if (symbol != null && !bySymbol.containsKey(symbol)) {
                        yield error(10020, "symbol: invalid");
                    }
                    String json = account.ownTradesHistJson(symbol, body);
                    yield json == null ? error(10020, "body: invalid") : new Answer(200, json);
                }
                case "positions" -> new Answer(200, account.positionsJson());
                case "wallets" -> new Answer(200, account.walletsJson());
                default -> new Answer(404, "[\"error\",10020,\"unknown endpoint\"]");
            };
        }
        if (!method.equals("GET")) {
            return new Answer(404, "[\"error\",10020,\"unknown endpoint\"]");
        }
        switch (p[2]) {
            case "platform" -> {
                return new Answer(200, "[" + platformStatus + "]");
            }
            case "conf" -> {
                if (p.length != 4) {
                    return new Answer(404, "[\"error\",10020,\"unknown endpoint\"]");
                }
                StringBuilder b = new StringBuilder("[");
                String[] labels = p[3].split(",");
                for (int i = 0; i < labels.length; i++) {
                    b.append(i == 0 ? "" : ",").append(conf(labels[i]));
                }
                return new Answer(200, b.append(']').toString());
            }
            case "status" -> {
                if (p.length != 4 || !p[3].equals("deriv")) {
                    return new Answer(404, "[\"error\",10020,\"unknown endpoint\"]");
                }
                String keys = params.getOrDefault("keys", "ALL");
                StringBuilder b = new StringBuilder("[");
                for (MarketMirror m : bySymbol.values()) {
                    if (m.mark != null && !delisted.contains(m.symbol)
                            && (keys.equals("ALL") || List.of(keys.split(",")).contains(m.symbol))) {
                        b.append(b.length() == 1 ? "" : ",").append(statusArray(m, m.mark, true));
                    }
                }
                return new Answer(200, b.append(']').toString());
            }
            case "ticker" -> {
                MarketMirror m = p.length > 3 ? bySymbol.get(p[3]) : null;
                if (m == null) {
                    return error(10020, "symbol: invalid");
                }
                return new Answer(200, !priced(m.ticker) ? "[]" : tickerArray(m.ticker));
            }
            case "tickers" -> {
                String symbols = params.getOrDefault("symbols", "ALL");
                StringBuilder b = new StringBuilder("[");
                for (MarketMirror m : bySymbol.values()) {
                    if (priced(m.ticker) && (symbols.equals("ALL") || List.of(symbols.split(",")).contains(m.symbol))) {
                        b.append(b.length() == 1 ? "" : ",").append("[\"").append(m.symbol).append("\",")
                                .append(tickerArray(m.ticker), 1, tickerArray(m.ticker).length());
                    }
                }
                return new Answer(200, b.append(']').toString());
            }
            case "trades" -> {
                MarketMirror m = p.length > 4 && p[4].equals("hist") ? bySymbol.get(p[3]) : null;
                if (m == null) {
                    return error(10020, "symbol: invalid");
                }
                int limit = Math.min(10_000, intParam(params, "limit", 125));
                long start = params.containsKey("start") ? Long.parseLong(params.get("start")) : Long.MIN_VALUE;
                long end = params.containsKey("end") ? Long.parseLong(params.get("end")) : Long.MAX_VALUE;
                // within [start, end], at most limit: the newest first, or with sort=1 the oldest first
                boolean ascending = "1".equals(params.get("sort"));
                List<MarketMirror.PublicTrade> recent = new ArrayList<>(m.recentTrades(MarketMirror.TRADE_HISTORY));
                if (ascending) {
                    java.util.Collections.reverse(recent);
                }
                List<MarketMirror.PublicTrade> trades = new ArrayList<>();
                for (MarketMirror.PublicTrade t : recent) {
                    if (t.mts() >= start && t.mts() <= end && trades.size() < limit) {
                        trades.add(t);
                    }
                }
                StringBuilder b = new StringBuilder("[");
                appendTrades(b, trades);
                return new Answer(200, b.append(']').toString());
            }
            case "book" -> {
                MarketMirror m = p.length > 4 ? bySymbol.get(p[3]) : null;
                if (m == null) {
                    return error(10020, "symbol: invalid");
                }
                String prec = p[4];
                if (!List.of("P0", "P1", "P2", "P3", "P4", "R0").contains(prec)) {
                    return error(10020, "prec: invalid");
                }
                int len = intParam(params, "len", 25);
                if (!List.of(1, 25, 100, 250).contains(len)) {
                    return error(10020, "len: invalid");
                }
                BookChannel view = new BookChannel(0, m, prec, "F0", len);
                List<BookChannel.Row> rows = view.snapshot();
                StringBuilder b = new StringBuilder("[");
                for (int i = 0; i < rows.size(); i++) {
                    b.append(i == 0 ? "" : ",").append(view.wire(rows.get(i)));
                }
                return new Answer(200, b.append(']').toString());
            }
            case "candles" -> {
                String candleKey = p.length > 4 && p[p.length - 1].equals("hist")
                        ? String.join(":", java.util.Arrays.copyOfRange(p, 3, p.length - 1)) : null;
                String[] parts = candleKey == null ? new String[0] : candleKey.split(":", 3);
                Timeframe tf = parts.length == 3 && parts[0].equals("trade") ? Timeframe.parse(parts[1]) : null;
                MarketMirror m = tf == null ? null : bySymbol.get(parts[2]);
                if (m == null) {
                    return error(10020, "key: invalid");
                }
                int limit = Math.min(10_000, intParam(params, "limit", 100));
                long end = params.containsKey("end") ? Long.parseLong(params.get("end")) : Long.MAX_VALUE;
                long start = params.containsKey("start") ? Long.parseLong(params.get("start")) : Long.MIN_VALUE;
                boolean ascending = "1".equals(params.get("sort"));
                // enough candles to reach back to start, then [start, end]: the oldest `limit` of
                // them with sort=1, else the newest `limit`, newest first
                int reach = start == Long.MIN_VALUE ? limit
                        : (int) Math.min(10_000, Math.max(limit, (Math.min(end, epochMillis()) - start) / tf.millis + 2));
                List<Timeframe.Row> rows = new ArrayList<>();
                for (Timeframe.Row r : candleRows(m, tf, reach, end)) {
                    if (r.mts() >= start) {
                        rows.add(r);
                    }
                }
                rows = ascending ? rows.subList(0, Math.min(limit, rows.size()))
                        : new ArrayList<>(rows.subList(Math.max(0, rows.size() - limit), rows.size()));
                if (!ascending) {
                    java.util.Collections.reverse(rows);
                }
                StringBuilder b = new StringBuilder("[");
                for (int i = 0; i < rows.size(); i++) {
                    b.append(i == 0 ? "" : ",").append(candleArray(rows.get(i)));
                }
                return new Answer(200, b.append(']').toString());
            }
            default -> {
                return new Answer(404, "[\"error\",10020,\"unknown endpoint\"]");
            }
        }
    }

    /**
     * One configuration label's answer: pair and currency lists, and per pair
     * {@code [PAIR,[_,_,_,MIN_ORDER_SIZE,MAX_ORDER_SIZE,_,_,_,INITIAL_MARGIN,MIN_MARGIN]]} with the
     * sizes as strings, as Bitfinex sends them. Labels it does not know answer an empty list.
     */
    private String conf(String label) {
        List<MarketMirror> spot = new ArrayList<>();
        List<MarketMirror> futures = new ArrayList<>();
        for (MarketMirror m : bySymbol.values()) {
            if (!delisted.contains(m.symbol)) {
                (m.instrument.kind() == InstrumentKind.SPOT ? spot : futures).add(m);
            }
        }
        StringBuilder b = new StringBuilder("[");
        switch (label) {
            case "pub:list:pair:exchange", "pub:list:pair:margin" -> spot.forEach(
                    m -> b.append(b.length() == 1 ? "" : ",").append(BitfinexWire.string(m.pair)));
            case "pub:list:pair:futures" -> futures.forEach(
                    m -> b.append(b.length() == 1 ? "" : ",").append(BitfinexWire.string(m.pair)));
            case "pub:info:pair", "pub:info:pair:futures" -> {
                for (MarketMirror m : label.endsWith("futures") ? futures : spot) {
                    var spec = m.instrument.spec();
                    String max = spec.maxQuantity() == null ? "null" : BitfinexWire.string(spec.maxQuantity().toPlainString());
                    b.append(b.length() == 1 ? "" : ",").append("[").append(BitfinexWire.string(m.pair))
                            .append(",[null,null,null,").append(BitfinexWire.string(spec.minQuantity().toPlainString()))
                            .append(",").append(max).append(",null,null,null,")
                            .append(label.endsWith("futures") ? "0.01,0.005" : "0.2,0.1").append("]]");
                }
            }
            case "pub:list:currency" -> {
                java.util.Set<String> currencies = new java.util.LinkedHashSet<>();
                for (MarketMirror m : spot) {
                    currencies.add(m.instrument.id().base());
                    currencies.add(m.instrument.id().quote());
                }
                currencies.forEach(x -> b.append(b.length() == 1 ? "" : ",").append(BitfinexWire.string(x)));
            }
            default -> {
                // an unknown label answers nothing
            }
        }
        return b.append(']').toString();
    }

    private static int intParam(Map<String, String> params, String name, int dflt) {
        String v = params.get(name);
        try {
            return v == null ? dflt : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    @Override
    public String toString() {
        return "BitfinexSimulator[" + webSocketUri() + "]";
    }
}
