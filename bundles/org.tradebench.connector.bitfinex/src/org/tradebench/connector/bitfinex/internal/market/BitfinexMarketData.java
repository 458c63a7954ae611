package org.tradebench.connector.bitfinex.internal.market;

import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import org.tradebench.api.Subscription;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.TradeListener;
import org.tradebench.api.risk.MarketContext;
import org.tradebench.connector.bitfinex.BitfinexConfig;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.BitfinexInstruments;
import org.tradebench.connector.bitfinex.internal.ConnectorThread;
import org.tradebench.connector.bitfinex.internal.HealthModel;
import org.tradebench.connector.bitfinex.internal.StreamHandle;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRow;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookRows;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexBookState;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexCandle;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFlags;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexProtocolException;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTicker;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTradeEvent;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.connector.bitfinex.internal.rest.BitfinexRest;
import org.tradebench.connector.bitfinex.internal.rest.RestPayloads;
import org.tradebench.connector.bitfinex.internal.session.BitfinexSocket;
import org.tradebench.transport.HttpResult;
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
 * <li>Each distinct stream (ticker, trades, book of a precision and length, candles of a
 * timeframe) is one exchange channel ({@link Topic}), however many listeners share it.</li>
 * <li>Channels live on public connection 0; a further socket opens only when 25 channels (the
 * exchange's per-connection limit) are in use, within the 20 connections a minute the exchange
 * allows (one {@link RateLimiter} for all public sockets).</li>
 * <li>On every (re)connect: {@code conf} with {@code TIMESTAMP|SEQ_ALL|OB_CHECKSUM}, then, once
 * confirmed, every channel is subscribed again.</li>
 * <li>Checks: connection sequence numbers (a gap resets and resubscribes every book of that
 * socket: Bitfinex numbers frames per connection, so a lost frame may have been any channel's),
 * book checksums (a mismatch resets and resubscribes that book), per-channel silence (a channel
 * silent longer than heartbeat + margin becomes STALE and is resubscribed), whole-socket silence
 * (reconnect).</li>
 * <li>Info 20051 reconnects; 20060 sets MAINTENANCE; 20061 ends it and resubscribes every
 * channel.</li>
 * <li>While a socket is down for longer than {@link BitfinexConfig#restFallbackAfter()}, its
 * channels are polled over REST, each endpoint within its rate limit (REST_FALLBACK); the
 * platform status is polled too. When the socket is back, the channels resubscribe and polling
 * stops by itself.</li>
 * </ul>
 *
 * <p>Public methods may be called from any thread and return at once; all state lives on the
 * connector thread.
 */
public final class BitfinexMarketData implements MarketData {

    private static final System.Logger LOG = System.getLogger(BitfinexMarketData.class.getName());
    private static final int CONF_FLAGS = BitfinexFlags.TIMESTAMP | BitfinexFlags.SEQ_ALL | BitfinexFlags.OB_CHECKSUM;
    private static final int[] LENGTHS = {1, 25, 100, 250};

    private final BitfinexConfig config;
    private final JettyTransport transport;
    private final ConnectorThread thread;
    private final HealthModel health;
    private final BitfinexRest rest;
    private final RestPayloads payloads = new RestPayloads();
    private final RateLimiter connects = RateLimiter.of("Bitfinex public connections", 20, Duration.ofMinutes(1));
    private final List<PublicConnection> connections = new ArrayList<>();
    private final Map<String, Topic<?>> topics = new LinkedHashMap<>();
    private final Map<InstrumentId, MarketContext> contexts = new HashMap<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private int nextConnection;
    private boolean closed;

    /**
     * Creates the service; {@link #start()} connects.
     *
     * @param config endpoints and timings
     * @param transport the Jetty clients
     * @param thread the connector thread
     * @param health the health model
     * @param rest the REST client
     */
    public BitfinexMarketData(BitfinexConfig config, JettyTransport transport, ConnectorThread thread,
            HealthModel health, BitfinexRest rest) {
        this.config = Objects.requireNonNull(config, "config");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.thread = Objects.requireNonNull(thread, "thread");
        this.health = Objects.requireNonNull(health, "health");
        this.rest = Objects.requireNonNull(rest, "rest");
    }

    /** Opens the primary connection and starts the watchdogs. Any thread. */
    public void start() {
        thread.execute(() -> {
            openConnection();
            Duration check = Duration.ofMillis(Math.max(50, config.staleAfter().toMillis() / 4));
            timers.add(thread.every(check, this::checkSilence));
            timers.add(thread.every(config.restPollInterval(), this::pollRound));
        });
    }

    /** Closes every socket. Connector thread or any thread. */
    public void close() {
        thread.execute(() -> {
            closed = true;
            timers.forEach(t -> {
                if (t != null) {
                    t.cancel(false);
                }
            });
            for (PublicConnection c : connections) {
                c.socket.close();
            }
            for (Topic<?> t : topics.values()) {
                t.state(DataState.CLOSED);
            }
        });
    }

    // ---------------------------------------------------------------- MarketData

    @Override
    public Subscription subscribeTicker(InstrumentId instrument, TickerListener listener) {
        Instrument i = BitfinexInstruments.require(instrument);
        return attach(TickerTopic.key(i.rawSymbol()), () -> new TickerTopic(i, this), listener, null);
    }

    @Override
    public Subscription subscribeTrades(InstrumentId instrument, TradeListener listener) {
        Instrument i = BitfinexInstruments.require(instrument);
        return attach(TradesTopic.key(i.rawSymbol()), () -> new TradesTopic(i, this), listener, null);
    }

    @Override
    public Subscription subscribeBook(BookRequest request, BookListener listener) {
        return subscribeBook(request, request.raw() ? "R0" : "P0", listener);
    }

    /**
     * Subscribes a book of a given precision (the API's requests are P0 or R0; the other
     * aggregations are here for views that want them).
     *
     * @param request instrument and depth (rounded up to 1, 25, 100 or 250)
     * @param precision {@code P0}..{@code P4} or {@code R0}
     * @param listener the listener
     * @return the subscription
     */
    public Subscription subscribeBook(BookRequest request, String precision, BookListener listener) {
        Instrument i = BitfinexInstruments.require(request.instrument());
        if (!List.of("P0", "P1", "P2", "P3", "P4", "R0").contains(precision)) {
            throw new IllegalArgumentException("Bitfinex book precision is P0..P4 or R0, not " + precision);
        }
        int len = length(request.depth());
        return attach(BookTopic.key(i.rawSymbol(), precision, len), () -> new BookTopic(i, precision, len, this),
                listener, null);
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
        Instrument i = BitfinexInstruments.require(request.instrument());
        String tf = BitfinexAdapters.timeframe(request.interval()).orElseThrow(() -> new IllegalArgumentException(
                "Bitfinex has no " + request.interval() + " candles; it has " + BitfinexAdapters.candleIntervals()));
        String key = CandlesTopic.key(CandlesTopic.candleKey(tf, i.rawSymbol()));
        return attach(key, () -> new CandlesTopic(i, request.interval(), tf, this), listener,
                (topic, h) -> ((CandlesTopic) topic).expect(h, request.history()));
    }

    @Override
    public List<CandleInterval> candleIntervals() {
        return BitfinexAdapters.candleIntervals();
    }

    @Override
    public CompletionStage<List<Candle>> candleHistory(CandleRequest request) {
        Instrument i = BitfinexInstruments.require(request.instrument());
        String tf = BitfinexAdapters.timeframe(request.interval()).orElseThrow(() -> new IllegalArgumentException(
                "Bitfinex has no " + request.interval() + " candles"));
        String key = CandlesTopic.candleKey(tf, i.rawSymbol());
        CompletableFuture<List<Candle>> result = new CompletableFuture<>();
        if (request.history() == 0) {
            thread.execute(() -> result.complete(List.of()));
            return result;
        }
        // One more than asked: the newest is usually still forming and is left out.
        restCall(BitfinexRestPaths.candles(key, request.history() + 1), body -> {
            Instant now = Instant.now();
            List<Candle> out = new ArrayList<>();
            for (BitfinexCandle c : payloads.candles(key, body)) {
                BitfinexAdapters.candle(i.id(), request.interval(), c, now).filter(Candle::closed).ifPresent(out::add);
            }
            result.complete(List.copyOf(out.subList(Math.max(0, out.size() - request.history()), out.size())));
        }, problem -> result.completeExceptionally(new IllegalStateException("Bitfinex candle history for " + key
                + " failed: " + problem)));
        return result;
    }

    // ---------------------------------------------------------------- market context for the risk check

    /**
     * What the connector knows of a market now: best bid/ask and last price from any ticker, book
     * or trades channel (also after it closed). Connector thread.
     *
     * @param instrument the instrument
     * @return the context (fields null when unknown)
     */
    public MarketContext marketContext(InstrumentId instrument) {
        return contexts.getOrDefault(instrument, new MarketContext(null, null, null));
    }

    void context(InstrumentId id, BigDecimal bid, BigDecimal ask, BigDecimal last) {
        MarketContext before = contexts.getOrDefault(id, new MarketContext(null, null, null));
        contexts.put(id, new MarketContext(bid != null ? bid : before.bid(), ask != null ? ask : before.ask(),
                last != null ? last : before.last()));
    }

    // ---------------------------------------------------------------- diagnostics (tests)

    /**
     * The channel id a stream is subscribed with now. Any thread.
     *
     * @param topicKey for example {@link #bookKey(String, String, int)}
     * @return the channel id, or empty while not subscribed
     */
    public OptionalInt channelId(String topicKey) {
        return thread.call(() -> {
            Topic<?> t = topics.get(topicKey);
            return t == null || t.chanId == 0 ? OptionalInt.empty() : OptionalInt.of(t.chanId);
        });
    }

    /**
     * The key of a book stream.
     *
     * @param raw the Bitfinex symbol
     * @param precision the precision
     * @param length the length
     * @return the key
     */
    public static String bookKey(String raw, String precision, int length) {
        return BookTopic.key(raw, precision, length);
    }

    /**
     * The key of a trades stream.
     *
     * @param raw the Bitfinex symbol
     * @return the key
     */
    public static String tradesKey(String raw) {
        return TradesTopic.key(raw);
    }

    /**
     * Runs a function on a book's state (with wire texts) on the connector thread.
     *
     * @param <T> result type
     * @param topicKey the book's key
     * @param f the function; receives null while the book has no snapshot
     * @return its result
     */
    public <T> T withBook(String topicKey, Function<BitfinexBookState, T> f) {
        return thread.call(() -> {
            Topic<?> t = topics.get(topicKey);
            return f.apply(t instanceof BookTopic b ? b.state() : null);
        });
    }

    /**
     * Book checksum mismatches seen so far on a book stream. Any thread.
     *
     * @param topicKey the key
     * @return the count
     */
    public long checksumMismatches(String topicKey) {
        return thread.call(() -> topics.get(topicKey) instanceof BookTopic b ? b.mismatches() : 0L);
    }

    /**
     * Duplicate trades dropped on a trades stream. Any thread.
     *
     * @param topicKey the key
     * @return the count
     */
    public long duplicateTrades(String topicKey) {
        return thread.call(() -> topics.get(topicKey) instanceof TradesTopic t ? t.duplicates() : 0L);
    }

    /** The number of public sockets. Any thread. */
    public int socketCount() {
        return thread.call(connections::size);
    }

    /** The primary socket (tests). */
    public BitfinexSocket primarySocket() {
        return thread.call(() -> connections.get(0).socket);
    }

    // ---------------------------------------------------------------- topics

    private <L> Subscription attach(String key, java.util.function.Supplier<Topic<L>> create, L listener,
            java.util.function.BiConsumer<Topic<L>, StreamHandle<L>> before) {
        Objects.requireNonNull(listener, "listener");
        StreamHandle<L> h = new StreamHandle<>(listener, key);
        h.onClose(() -> thread.execute(() -> detach(key, h)));
        thread.execute(() -> {
            if (closed || !h.isActive()) {
                return;
            }
            @SuppressWarnings("unchecked")
            Topic<L> t = (Topic<L>) topics.get(key);
            boolean created = t == null;
            if (created) {
                t = create.get();
                topics.put(key, t);
            }
            if (before != null) {
                before.accept(t, h);
            }
            t.attach(h);
            if (created) {
                assign(t);
            }
        });
        return h;
    }

    private <L> void detach(String key, StreamHandle<L> h) {
        @SuppressWarnings("unchecked")
        Topic<L> t = (Topic<L>) topics.get(key);
        if (t == null) {
            return;
        }
        t.subs.remove(h);
        if (t instanceof CandlesTopic c) {
            @SuppressWarnings("unchecked")
            StreamHandle<CandleListener> ch = (StreamHandle<CandleListener>) (StreamHandle<?>) h;
            c.forget(ch);
        }
        if (!t.subs.isEmpty()) {
            return;
        }
        topics.remove(key);
        PublicConnection c = t.conn;
        c.topics.remove(t);
        if (t.chanId != 0) {
            c.socket.send(unsubscribe(t.chanId));
            c.byChan.remove(t.chanId);
            t.chanId = 0;
        }
        if (!c.isPrimary() && c.topics.isEmpty()) {
            c.socket.close();
            connections.remove(c);
        }
    }

    private void assign(Topic<?> t) {
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
        c.topics.add(t);
        t.conn = c;
        if (c.fallback) {
            t.state(DataState.REST_FALLBACK);
            t.poll();
        } else if (c.configured && c.socket.isOpen()) {
            subscribe(t);
        }
    }

    private PublicConnection openConnection() {
        PublicConnection c = new PublicConnection(nextConnection++);
        WebSocketOptions options = WebSocketOptions.of(config.wsPublic())
                .withReconnect(new ReconnectPolicy(config.reconnect(), config.reconnectMax(), 2.0, 0.2), System.nanoTime())
                .withConnectLimiter(connects).withPing(PingMode.APPLICATION, config.pingInterval());
        c.socket = new BitfinexSocket("bitfinex public " + c.index, transport, options, thread, health, new Sink(c),
                new Owner(c));
        connections.add(c);
        c.socket.start();
        return c;
    }

    private void subscribe(Topic<?> t) {
        t.subscribing = t.conn.socket.send(t.subscribeMessage());
        t.subscribeSentNanos = System.nanoTime();
        t.lastDataNanos = t.subscribeSentNanos;
    }

    private static String unsubscribe(int chanId) {
        return "{\"event\":\"unsubscribe\",\"chanId\":" + chanId + "}";
    }

    /** Unsubscribes (when subscribed) and subscribes again: a fresh snapshot follows. */
    void resubscribe(Topic<?> t, String reason) {
        PublicConnection c = t.conn;
        if (t.chanId != 0) {
            c.socket.send(unsubscribe(t.chanId));
            c.byChan.remove(t.chanId);
            t.chanId = 0;
        } else if (t.subscribing) {
            return; // an answer is on its way
        }
        t.unbound(reason);
        if (c.configured && c.socket.isOpen()) {
            subscribe(t);
        }
    }

    void checksumMismatch(BookTopic t, int theirs, int mine) {
        health.error();
        LOG.log(Level.WARNING, () -> "Bitfinex " + t.describe() + ": checksum mismatch (exchange " + theirs + ", local "
                + mine + "); resubscribing for a fresh snapshot");
        resubscribe(t, BookReset.CHECKSUM_MISMATCH);
        health.update();
    }

    // ---------------------------------------------------------------- REST helpers

    RestPayloads payloads() {
        return payloads;
    }

    /**
     * One REST poll of a topic in fallback; the body is handled on the connector thread unless the
     * socket came back meanwhile.
     */
    void restPoll(Topic<?> t, String path, Consumer<String> onBody) {
        rest.get(path, true).thenAccept(r -> thread.execute(() -> {
            PublicConnection c = t.conn;
            if (closed || c == null || !c.fallback || !topics.containsKey(t.key)) {
                return;
            }
            if (r instanceof HttpResult.Success ok) {
                try {
                    onBody.accept(ok.body());
                    c.restProblem = null;
                    if (t.state != DataState.REST_FALLBACK) {
                        t.state(DataState.REST_FALLBACK);
                    }
                } catch (BitfinexProtocolException e) {
                    health.error();
                    LOG.log(Level.WARNING, "Bitfinex REST answer for " + path + " could not be read: " + e.getMessage());
                }
            } else if (r instanceof HttpResult.Failure f && f.kind() != HttpResult.Kind.RATE_LIMITED_LOCALLY) {
                c.restProblem = f.describe();
            } else if (r instanceof HttpResult.Failure f && rest.pausedBecause() != null) {
                c.restProblem = f.message();
            }
            updateFallbackHealth();
        }));
    }

    /** A one-off REST call; both outcomes are handled on the connector thread. */
    void restCall(String path, Consumer<String> onBody, Consumer<String> onFailure) {
        rest.get(path, false).thenAccept(r -> thread.execute(() -> {
            if (closed) {
                return;
            }
            if (r instanceof HttpResult.Success ok) {
                try {
                    onBody.accept(ok.body());
                } catch (BitfinexProtocolException e) {
                    health.error();
                    onFailure.accept("unreadable answer: " + e.getMessage());
                }
            } else if (r instanceof HttpResult.Failure f) {
                onFailure.accept(f.describe());
            }
        }));
    }

    /** Asks the platform status (at start and while the socket is down). */
    public void pollPlatformStatus() {
        rest.get("platform/status", true).thenAccept(r -> thread.execute(() -> {
            if (r instanceof HttpResult.Success ok) {
                try {
                    platformStatus(RestPayloads.platformStatus(ok.body()), "REST platform status");
                } catch (BitfinexProtocolException e) {
                    health.error();
                }
            }
        }));
    }

    private void platformStatus(int status, String source) {
        if (status == 0) {
            health.maintenance("Bitfinex is in maintenance (" + source + " 0)");
        } else if (status == 1 && health.inMaintenance()) {
            health.maintenance(null);
        }
        health.update();
    }

    private void pollRound() {
        if (closed) {
            return;
        }
        boolean any = false;
        for (PublicConnection c : List.copyOf(connections)) {
            if (!c.fallback) {
                continue;
            }
            any = true;
            for (Topic<?> t : List.copyOf(c.topics)) {
                t.poll();
            }
        }
        if (any) {
            pollPlatformStatus();
        }
        updateFallbackHealth();
    }

    private void enterFallback(PublicConnection c) {
        if (closed || c.socket.isOpen() || c.fallback) {
            return;
        }
        c.fallback = true;
        LOG.log(Level.INFO, "Bitfinex " + c + ": socket down for " + config.restFallbackAfter().toMillis()
                + " ms; polling REST");
        for (Topic<?> t : c.topics) {
            t.state(DataState.REST_FALLBACK);
            t.poll();
        }
        pollPlatformStatus();
        updateFallbackHealth();
    }

    private void updateFallbackHealth() {
        PublicConnection primary = connections.isEmpty() ? null : connections.get(0);
        if (primary == null) {
            return;
        }
        String paused = rest.pausedBecause();
        String problem = paused != null ? "paused after Bitfinex answered " + paused : primary.restProblem;
        health.fallback(primary.fallback, problem);
        health.update();
    }

    // ---------------------------------------------------------------- watchdog

    private void checkSilence() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        long staleAfter = config.staleAfter().toNanos();
        String staleCause = null;
        for (PublicConnection c : connections) {
            if (!c.socket.isOpen()) {
                continue;
            }
            long silent = c.socket.silentNanos();
            if (silent > config.silenceReconnect().toNanos()) {
                c.socket.reconnect("no data at all for " + silent / 1_000_000 + " ms");
                continue;
            }
            for (Topic<?> t : List.copyOf(c.topics)) {
                if (t.chanId == 0 && !t.subscribing) {
                    continue;
                }
                long quiet = now - t.lastDataNanos;
                if (!t.stale && quiet > staleAfter) {
                    t.stale = true;
                    String why = "no data on " + t.describe() + " for " + quiet / 1_000_000 + " ms";
                    LOG.log(Level.INFO, "Bitfinex " + why + "; resubscribing");
                    if (t.chanId != 0) {
                        resubscribe(t, "stale");
                    }
                    t.state(DataState.STALE);
                    t.lastDataNanos = now;
                }
                if (t.stale && staleCause == null) {
                    staleCause = "no data on " + t.describe() + " for more than " + config.staleAfter().toMillis()
                            + " ms";
                }
            }
        }
        health.stale(staleCause);
        health.update();
    }

    // ---------------------------------------------------------------- socket events

    /** Life-cycle events of one public socket. */
    private final class Owner implements BitfinexSocket.Owner {
        private final PublicConnection c;

        Owner(PublicConnection c) {
            this.c = c;
        }

        @Override
        public void opened(BitfinexSocket socket) {
            if (closed) {
                return;
            }
            boolean wasFallback = c.fallback;
            c.fallback = false;
            c.configured = false;
            c.downSinceNanos = 0;
            c.restProblem = null;
            c.byChan.clear();
            for (Topic<?> t : c.topics) {
                t.chanId = 0;
                t.subscribing = false;
                if (t.state != DataState.STALE) {
                    t.state(DataState.RESYNCING);
                }
            }
            if (socket.opens() > 1) {
                health.reconnected();
            }
            if (c.isPrimary()) {
                health.primaryOpen(true);
                health.fallback(false, null);
            }
            LOG.log(Level.INFO, "Bitfinex " + c + " connected" + (wasFallback ? "; leaving REST fallback" : ""));
            socket.send("{\"event\":\"conf\",\"flags\":" + CONF_FLAGS + "}");
            health.update();
        }

        @Override
        public void lost(BitfinexSocket socket, WebSocketDisconnect d) {
            if (closed) {
                return;
            }
            c.configured = false;
            boolean first = c.downSinceNanos == 0;
            if (first) {
                c.downSinceNanos = System.nanoTime();
                c.byChan.clear();
                for (Topic<?> t : c.topics) {
                    boolean had = t.chanId != 0 || t.subscribing;
                    t.chanId = 0;
                    t.subscribing = false;
                    t.stale = false;
                    if (had || t.state == DataState.LIVE) {
                        t.unbound(BookReset.RECONNECT);
                    }
                    if (!c.fallback) {
                        t.state(DataState.RESYNCING);
                    }
                }
                thread.schedule(config.restFallbackAfter(), () -> enterFallback(c));
            }
            if (c.isPrimary()) {
                health.primaryOpen(false);
                health.lost(d.describe());
                health.stale(null);
            }
            health.update();
        }

        @Override
        public void sequenceGap(BitfinexSocket socket, long expected, long got, boolean account) {
            health.error();
            LOG.log(Level.WARNING, () -> "Bitfinex " + c + ": sequence gap (expected " + expected + ", got " + got
                    + "); resubscribing every book of this connection");
            for (Topic<?> t : List.copyOf(c.topics)) {
                if (t instanceof BookTopic && t.chanId != 0) {
                    resubscribe(t, BookReset.SEQUENCE_GAP);
                }
            }
            health.update();
        }

        @Override
        public void latency(BitfinexSocket socket, Duration roundTrip) {
            if (c.isPrimary()) {
                health.latency(roundTrip);
            }
        }
    }

    /** Routes one public socket's decoded frames to topics. Connector thread. */
    private final class Sink implements BitfinexSink {
        private final PublicConnection c;

        Sink(PublicConnection c) {
            this.c = c;
        }

        private Topic<?> topic(BitfinexChannel ch) {
            Topic<?> t = c.byChan.get(ch.chanId());
            if (t != null) {
                t.alive();
            }
            return t;
        }

        @Override
        public void onInfo(int version, int platformStatus) {
            if (platformStatus >= 0) {
                platformStatus(platformStatus, "platform status");
            }
        }

        @Override
        public void onInfoCode(int code, String message) {
            LOG.log(Level.INFO, "Bitfinex " + c + ": info " + code + " (" + BitfinexFlags.describe(code) + ") " + message);
            switch (code) {
                case BitfinexFlags.INFO_RECONNECT -> c.socket.reconnect("Bitfinex server restarting (info 20051)");
                case BitfinexFlags.INFO_MAINTENANCE_START -> {
                    health.maintenance("Bitfinex maintenance started (info 20060); order entry paused");
                    health.update();
                }
                case BitfinexFlags.INFO_MAINTENANCE_END -> {
                    health.maintenance(null);
                    for (Topic<?> t : List.copyOf(c.topics)) {
                        resubscribe(t, "maintenance ended");
                    }
                    health.update();
                }
                default -> {
                    // other codes are informational
                }
            }
        }

        @Override
        public void onConf(String status, int flags) {
            if (!"OK".equals(status)) {
                LOG.log(Level.WARNING, "Bitfinex " + c + ": conf " + flags + " answered " + status
                        + "; continuing without sequence numbers or checksums");
            }
            c.configured = true;
            for (Topic<?> t : c.topics) {
                if (t.chanId == 0 && !t.subscribing) {
                    subscribe(t);
                }
            }
        }

        @Override
        public void onSubscribed(BitfinexChannel channel) {
            Topic<?> match = null;
            for (Topic<?> t : c.topics) {
                if (t.subscribing && t.matches(channel)) {
                    match = t;
                    break;
                }
            }
            if (match == null) {
                // Subscribed for a listener that left meanwhile.
                c.socket.send(unsubscribe(channel.chanId()));
                return;
            }
            match.subscribing = false;
            match.chanId = channel.chanId();
            match.lastDataNanos = System.nanoTime();
            c.byChan.put(channel.chanId(), match);
            match.bound(channel);
        }

        @Override
        public void onError(int code, String message) {
            boolean harmless = code == 10301 || code == 10401;
            LOG.log(harmless ? Level.DEBUG : Level.WARNING, "Bitfinex " + c + ": error " + code
                    + " (" + BitfinexFlags.describe(code) + ") " + message);
            if (!harmless) {
                // A refused subscription (unknown pair, bad precision, channel limit) leaves its stream
                // without data: count it so the health every view shows says something is wrong.
                health.error();
                health.update();
            }
        }

        @Override
        public void onHeartbeat(BitfinexChannel channel, BitfinexTrailer trailer) {
            topic(channel);
        }

        @Override
        public void onTicker(BitfinexChannel channel, BitfinexTicker ticker, BitfinexTrailer trailer) {
            if (topic(channel) instanceof TickerTopic t) {
                t.onTicker(channel, ticker, trailer);
            }
        }

        @Override
        public void onTradeSnapshot(BitfinexChannel channel, List<BitfinexTrade> trades, BitfinexTrailer trailer) {
            if (topic(channel) instanceof TradesTopic t) {
                t.onTradeSnapshot(channel, trades, trailer);
            }
        }

        @Override
        public void onTrade(BitfinexChannel channel, BitfinexTradeEvent event, BitfinexTrade trade,
                BitfinexTrailer trailer) {
            if (topic(channel) instanceof TradesTopic t) {
                t.onTrade(channel, event, trade, trailer);
            }
        }

        @Override
        public void onBookSnapshot(BitfinexChannel channel, BitfinexBookRows rows, BitfinexTrailer trailer) {
            if (topic(channel) instanceof BookTopic t) {
                t.onBookSnapshot(channel, rows, trailer);
            }
        }

        @Override
        public void onBookUpdate(BitfinexChannel channel, BitfinexBookRow row, BitfinexTrailer trailer) {
            if (topic(channel) instanceof BookTopic t) {
                t.onBookUpdate(channel, row, trailer);
            }
        }

        @Override
        public void onChecksum(BitfinexChannel channel, int checksum, BitfinexTrailer trailer) {
            if (topic(channel) instanceof BookTopic t) {
                t.onChecksum(channel, checksum, trailer);
            }
        }

        @Override
        public void onCandleSnapshot(BitfinexChannel channel, List<BitfinexCandle> candles, BitfinexTrailer trailer) {
            if (topic(channel) instanceof CandlesTopic t) {
                t.onCandleSnapshot(channel, candles, trailer);
            }
        }

        @Override
        public void onCandle(BitfinexChannel channel, BitfinexCandle candle, BitfinexTrailer trailer) {
            if (topic(channel) instanceof CandlesTopic t) {
                t.onCandle(channel, candle, trailer);
            }
        }
    }
}
