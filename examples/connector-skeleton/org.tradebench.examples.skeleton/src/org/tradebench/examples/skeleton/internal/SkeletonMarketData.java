package org.tradebench.examples.skeleton.internal;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.tradebench.api.ConnectionControl;
import org.tradebench.api.ConnectionControl.TransportMode;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentsChanged;
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
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeHistoryRequest;
import org.tradebench.api.market.TradeListener;
import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.StreamDecoder;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.book.ChecksumBookSync;
import org.tradebench.connector.support.book.InterleavedCrc32;
import org.tradebench.connector.support.control.ConnectionSwitch;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.json.JsonScanner;
import org.tradebench.connector.support.stream.BookStream;
import org.tradebench.connector.support.stream.BookSubscription;
import org.tradebench.connector.support.stream.EventStream;
import org.tradebench.connector.support.stream.InstrumentDirectory;
import org.tradebench.connector.support.stream.SharedStream;
import org.tradebench.connector.support.stream.ValueStream;
import org.tradebench.core.book.OrderBook;
import org.tradebench.examples.skeleton.internal.protocol.SkeletonAdapters;
import org.tradebench.examples.skeleton.internal.protocol.SkeletonFrameReader;
import org.tradebench.examples.skeleton.internal.protocol.SkeletonMessage;
import org.tradebench.examples.skeleton.internal.protocol.SkeletonMessage.Channel;
import org.tradebench.examples.skeleton.internal.protocol.SkeletonRequests;
import org.tradebench.transport.JettyTransport;
import org.tradebench.transport.PingMode;
import org.tradebench.transport.ReconnectPolicy;
import org.tradebench.transport.ReconnectingWebSocket;
import org.tradebench.transport.WebSocketDisconnect;
import org.tradebench.transport.WebSocketHandler;
import org.tradebench.transport.WebSocketOptions;

/**
 * The Skeleton Exchange's market data over one WebSocket: books (a snapshot, then updates checked
 * by a checksum), trades and tickers, each a toolkit shared stream that one exchange subscription
 * feeds however many listeners it has.
 *
 * <p>What is the connector's own is the protocol: which message goes to which stream, when a book
 * must be taken afresh (a checksum mismatch, a gap in the connection's sequence numbers, a
 * reconnect, a stale connection, the end of maintenance) and what the exchange's refusals say. The
 * toolkit does the rest: threads and delivery ({@link ConnectorRuntime}), shared streams and their
 * subscriptions ({@link BookStream}, {@link ValueStream}, {@link EventStream}), the checksummed book
 * ({@link ChecksumBookSync}), health ({@link HealthModel}), the user's switches
 * ({@link ConnectionSwitch}); the transport reconnects, pings and watches for silence.
 *
 * <p>Without a transport it is the pipeline of the {@link StreamDecoder} ({@link #passive}): no
 * socket; every stream a recorded frame carries gets its topic with the decoder's events attached.
 *
 * <p>Threading: every field is guarded by the runtime lock; the Jetty reader takes it to decode a
 * frame in place; the socket's other events run on the control thread.
 */
public final class SkeletonMarketData implements MarketData {

    private static final System.Logger LOG = System.getLogger(SkeletonMarketData.class.getName());
    /** The session name a tap records the frames under (the decoder's default session). */
    public static final String SESSION = StreamDecoder.DEFAULT_SESSION;
    /** The one depth the exchange publishes. */
    public static final int DEPTH = 25;

    private final SkeletonConfig config;
    private final JettyTransport transport;
    private final ConnectorRuntime runtime;
    private final HealthModel health;
    private final HealthModel.Session session;
    private final InstrumentDirectory catalog;
    private final FrameTap tap;
    private final SkeletonFrameReader reader = new SkeletonFrameReader();
    private final ConnectionSwitch control;
    /** Every topic asked for, by "channel RAW"; a topic stays when unsubscribed (it is subscribed again). */
    private final Map<String, Topic> topics = new LinkedHashMap<>();
    /** Subscribe requests waiting for their answer, by request id. */
    private final Map<Long, Topic> pending = new HashMap<>();
    private ReconnectingWebSocket ws;
    private boolean open;
    private boolean closed;
    private boolean userConnected = true;
    private long lastSeq;
    private long nextReq = 1;
    private DecodedEvents passive;

    /**
     * Creates the service; {@link #start()} connects.
     *
     * @param config endpoint and timings
     * @param transport the Jetty client, or null for a decoder's pipeline
     * @param runtime the connector's runtime
     * @param health the health model (the {@code market-data} session is made here)
     * @param catalog the instruments, updated by welcome messages
     * @param tap receives every frame read
     */
    public SkeletonMarketData(SkeletonConfig config, JettyTransport transport, ConnectorRuntime runtime,
            HealthModel health, InstrumentDirectory catalog, FrameTap tap) {
        this.config = Objects.requireNonNull(config, "config");
        this.transport = transport;
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.health = Objects.requireNonNull(health, "health");
        this.session = health.session(SessionHealth.MARKET_DATA);
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tap = Objects.requireNonNull(tap, "tap");
        // no REST here, so nothing to choose: AUTO (always offered) is the socket; a connector with a
        // REST fallback offers WEBSOCKET and REST too (see the Bitfinex connector)
        this.control = new ConnectionSwitch(runtime, SkeletonConnector.DISPLAY_NAME, Set.of(TransportMode.AUTO));
    }

    /** @return the user's switches: connect and disconnect (the socket is the only transport) */
    public ConnectionControl control() {
        return control;
    }

    /** Opens the socket. Any thread. */
    public void start() {
        if (transport == null) {
            return;
        }
        WebSocketOptions options = WebSocketOptions.of(config.webSocket())
                .withName(SkeletonConnector.ID)
                .withReconnect(new ReconnectPolicy(config.reconnect(), config.reconnectMax(), 2.0, 0.2), System.nanoTime())
                .withStableAfter(Duration.ofSeconds(2))
                // application pings: the exchange answers with a numbered pong, so they measure its
                // own path, and a silent exchange stays silent (a pong frame would hide that)
                .withPing(PingMode.APPLICATION, config.pingInterval())
                .withStaleAfter(config.staleAfter(), true);
        runtime.execute(() -> {
            session.started();
            ws = new ReconnectingWebSocket(transport, options, new Socket());
            ws.start();
            health.update();
        });
        control.add(this::userChoice);
    }

    /** Closes the socket; every stream ends CLOSED. Any thread. */
    public void close() {
        runtime.execute(() -> {
            closed = true;
            if (ws != null) {
                ws.close();
            }
            for (Topic t : topics.values()) {
                t.stream().end(DataState.CLOSED, "connector closed");
            }
        });
    }

    /**
     * Makes this service a decoder's pipeline (runtime lock held): every stream the frames carry
     * gets a topic with the events attached.
     *
     * @param events where the values go
     */
    public void passive(DecodedEvents events) {
        this.passive = Objects.requireNonNull(events, "events");
    }

    /**
     * Every valid book, for the decoder's finish (runtime lock held).
     *
     * @param events where they go
     */
    public void finalBooks(DecodedEvents events) {
        for (Topic t : topics.values()) {
            if (t instanceof BookTopic b && b.stream.isValid()) {
                events.onFinalBook(b.instrument, b.stream.book());
            }
        }
    }

    /**
     * The subscriptions the connector holds at the exchange now (tests and diagnostics).
     *
     * @return channel and symbol of each, for example {@code "book BTC-USD"}
     */
    public List<String> subscribed() {
        synchronized (runtime.lock()) {
            return topics.values().stream().filter(t -> t.wanted && !t.stream().isEnded()).map(t -> t.key).toList();
        }
    }

    // ---------------------------------------------------------------- the socket

    /** The socket's events: {@code onFrame} on the Jetty reader, the others handed to the control thread. */
    private final class Socket implements WebSocketHandler {
        @Override
        public void onOpen(ReconnectingWebSocket socket) {
            runtime.execute(() -> {
                if (closed) {
                    return;
                }
                open = true;
                session.opened();
                for (Topic t : topics.values()) {
                    if (t.wanted && !t.stream().isEnded()) {
                        sendSubscribe(t);
                    }
                }
                health.update();
            });
        }

        @Override
        public void onFrame(ReconnectingWebSocket socket, byte[] buffer, int offset, int length, long receivedNanos) {
            long receivedMillis = System.currentTimeMillis();
            synchronized (runtime.lock()) {
                if (closed) {
                    return;
                }
                tap.onFrame(SESSION, buffer, offset, length, receivedMillis);
                session.message(receivedNanos);
                decode(buffer, offset, length, receivedMillis, receivedNanos);
            }
        }

        @Override
        public void onDisconnect(ReconnectingWebSocket socket, WebSocketDisconnect disconnect) {
            runtime.execute(() -> {
                open = false;
                pending.clear();
                if (closed) {
                    return;
                }
                session.lost(disconnect.describe());
                for (Topic t : topics.values()) {
                    t.down(BookReset.RECONNECT, "reconnecting: " + disconnect.describe());
                }
                health.update();
            });
        }

        @Override
        public void onStale(ReconnectingWebSocket socket, Duration silence) {
            runtime.execute(() -> {
                if (closed) {
                    return;
                }
                String why = "no message for " + silence.toMillis() + " ms";
                session.stale(why);
                for (Topic t : topics.values()) {
                    t.down(BookReset.STALE, why);
                }
                health.update();
            });
        }

        @Override
        public void onPingDue(ReconnectingWebSocket socket, long pingId) {
            socket.send(SkeletonRequests.ping(pingId));
        }

        @Override
        public void onLatency(ReconnectingWebSocket socket, Duration roundTrip) {
            synchronized (runtime.lock()) {
                session.latency(roundTrip);
            }
        }
    }

    /** The user's choice (control thread, runtime lock held). */
    private void userChoice(boolean connected, TransportMode mode) {
        if (closed || transport == null) {
            return;
        }
        boolean wasConnected = userConnected;
        userConnected = connected;
        session.disconnected(connected ? null : ConnectionControl.DISCONNECTED_CAUSE);
        if (!connected) {
            for (Topic t : topics.values()) {
                t.down(ConnectionControl.DISCONNECTED_CAUSE, ConnectionControl.DISCONNECTED_CAUSE);
            }
        }
        ConnectionSwitch.StreamMark mark = ConnectionSwitch.streamMark(connected, wasConnected, mode);
        for (Topic t : topics.values()) {
            if (mark != null && t.wanted && !t.stream().state().isFinal()) {
                t.stream().state(mark.state(), mark.cause());
            }
        }
        if (ws != null) {
            if (ConnectionSwitch.socketWanted(connected, mode)) {
                ws.resume();
            } else {
                ws.pause(ConnectionSwitch.pauseReason(connected));
            }
        }
        health.update();
    }

    // ---------------------------------------------------------------- frames (runtime lock held)

    /**
     * Decodes a frame and hands it on (runtime lock held). A frame that cannot be decoded is
     * counted and logged with an excerpt, and the stream goes on; a decoder's pipeline throws it on.
     */
    void decode(byte[] b, int off, int len, long receivedMillis, long receivedNanos) {
        try {
            frame(b, off, len, receivedMillis, receivedNanos);
        } catch (IllegalArgumentException e) {
            session.error();
            health.update();
            if (passive != null) {
                throw e;
            }
            LOG.log(Level.WARNING, SkeletonConnector.DISPLAY_NAME + ": a frame could not be decoded (" + e.getMessage()
                    + "): " + JsonScanner.excerpt(b, off, len, 200));
        }
    }

    /**
     * One frame (runtime lock held).
     *
     * @throws IllegalArgumentException when it cannot be decoded; nothing of it was handed on
     */
    private void frame(byte[] b, int off, int len, long receivedMillis, long receivedNanos) {
        SkeletonMessage m = reader.read(b, off, len);
        if (m.type() == SkeletonMessage.Type.WELCOME) {
            // a new connection: numbering starts again (a recording holds every connection's frames)
            InstrumentsChanged change = catalog.replace(SkeletonAdapters.instruments(SkeletonConnector.ID, m.instruments()));
            List<InstrumentId> gone = change == null ? List.of() : change.removed();
            for (Topic t : topics.values()) {
                t.down(BookReset.RECONNECT, "reconnected");
            }
            lastSeq = m.seq();
            for (Topic t : List.copyOf(topics.values())) {
                if (gone.contains(t.instrument)) {
                    t.refused(SkeletonConnector.DISPLAY_NAME + " no longer lists " + t.instrument.symbol());
                }
            }
            return;
        }
        if (lastSeq != 0 && m.seq() != lastSeq + 1) {
            gap(lastSeq + 1, m.seq());
        }
        lastSeq = m.seq();
        switch (m.type()) {
            case SNAPSHOT, UPDATE -> {
                Topic t = topic(Channel.BOOK, m);
                if (t != null) {
                    ((BookTopic) t).book(m, receivedMillis, receivedNanos);
                }
            }
            case TRADE -> {
                Topic t = topic(Channel.TRADES, m);
                if (t != null) {
                    Trade trade = SkeletonAdapters.trade(t.instrument, m, receivedMillis);
                    t.live();
                    ((TradesTopic) t).stream.publish(trade, receivedNanos);
                }
            }
            case TICKER -> {
                Topic t = topic(Channel.TICKER, m);
                if (t != null) {
                    Ticker ticker = SkeletonAdapters.ticker(t.instrument, m, receivedMillis);
                    t.live();
                    ((TickerTopic) t).stream.publish(ticker, receivedNanos);
                }
            }
            case SUBSCRIBED, UNSUBSCRIBED -> pending.remove(m.req());
            case ERROR -> {
                Topic t = pending.remove(m.req());
                if (t != null) {
                    String text = SkeletonAdapters.refusal(t.key, m);
                    LOG.log(Level.WARNING, text);
                    t.refused(text);
                } else {
                    session.error();
                    LOG.log(Level.WARNING, SkeletonAdapters.refusal("request " + m.req(), m));
                }
            }
            case PONG -> {
                if (ws != null) {
                    ws.pongReceived(m.req());
                }
            }
            case MAINTENANCE -> maintenance(m.maintenanceStarts(), m.message());
            case RESTART -> {
                // the server closes every connection next; the transport reconnects
                LOG.log(Level.INFO, SkeletonConnector.DISPLAY_NAME + " announces a restart: " + m.message());
                if (passive != null) {
                    passive.onStatus(ConnectionState.RECONNECTING, m.message());
                }
            }
            case HEARTBEAT -> {
                // counted as a message: the connection is alive
            }
            default -> {
                session.error();
                LOG.log(Level.WARNING, SkeletonConnector.DISPLAY_NAME + " sent a message of an unknown type '"
                        + m.unknownType() + "'; skipped");
            }
        }
    }

    /** Numbers were skipped: whatever they carried is lost, so every book is taken afresh. */
    private void gap(long expected, long got) {
        LOG.log(Level.WARNING, SkeletonConnector.DISPLAY_NAME + ": sequence gap, expected " + expected + ", got " + got
                + "; taking every book afresh");
        for (Topic t : topics.values()) {
            if (t instanceof BookTopic b && b.wanted) {
                b.resync(BookReset.SEQUENCE_GAP);
            }
        }
    }

    private void maintenance(boolean starts, String text) {
        String cause = text.isBlank() ? "maintenance" : text;
        session.maintenance(starts ? cause : null);
        health.update();
        if (passive != null) {
            passive.onStatus(starts ? ConnectionState.MAINTENANCE : ConnectionState.LIVE, cause);
        }
        if (!starts) {
            for (Topic t : topics.values()) {
                if (t instanceof BookTopic b && b.wanted) {
                    b.resync(BookReset.MAINTENANCE_ENDED);
                }
            }
        }
    }

    /** The topic a data message is for; in a decoder, created on first sight. */
    private Topic topic(Channel channel, SkeletonMessage m) {
        for (Topic t : topics.values()) {
            if (t.channel == channel && m.symbolIs(t.rawBytes) && !t.stream().isEnded()) {
                return t;
            }
        }
        if (passive == null) {
            return null; // a late message of a stream just unsubscribed
        }
        InstrumentId id = SkeletonAdapters.instrumentId(SkeletonConnector.ID, m.symbol());
        DecodedEvents e = passive;
        switch (channel) {
            case BOOK -> subscribeBook(new BookRequest(id, DEPTH), e::onBook);
            case TRADES -> subscribeTrades(id, e::onTrade);
            case TICKER -> subscribeTicker(id, e::onTicker);
        }
        return topics.get(channel.wireName() + " " + m.symbol());
    }

    private void sendSubscribe(Topic t) {
        if (ws != null && open) {
            long req = nextReq++;
            pending.put(req, t);
            ws.send(SkeletonRequests.subscribe(req, t.channel, t.raw));
        }
    }

    private void sendUnsubscribe(Topic t) {
        if (ws != null && open) {
            ws.send(SkeletonRequests.unsubscribe(nextReq++, t.channel, t.raw));
        }
    }

    private void sendSnapshotRequest(Topic t) {
        if (ws != null && open) {
            ws.send(SkeletonRequests.snapshot(nextReq++, t.raw));
        }
    }

    // ---------------------------------------------------------------- topics

    /** One exchange subscription (channel and symbol) and the shared stream it feeds. Runtime lock held. */
    private abstract class Topic implements SharedStream.Owner {
        final Channel channel;
        final InstrumentId instrument;
        final String raw;
        final byte[] rawBytes;
        final String key;
        boolean wanted;

        Topic(Channel channel, InstrumentId instrument) {
            this.channel = channel;
            this.instrument = instrument;
            this.raw = SkeletonAdapters.raw(instrument);
            this.rawBytes = raw.getBytes(StandardCharsets.US_ASCII);
            this.key = channel.wireName() + " " + raw;
        }

        abstract SharedStream<?> stream();

        /** The connection is lost, stale, or the user disconnected: a book resets, the others wait. */
        void down(String bookReason, String cause) {
            if (stream().state() == DataState.LIVE) {
                stream().state(DataState.RESYNCING, cause);
            }
        }

        /** Forgets what the stream held while nobody listens. */
        void forget() {
        }

        /** Data arrived: LIVE unless it ended. */
        final void live() {
            if (stream().state() != DataState.LIVE && !stream().isEnded()) {
                stream().state(DataState.LIVE, "");
            }
        }

        /** The exchange refused the subscription: FAILED with its text, for good. */
        final void refused(String text) {
            wanted = false;
            stream().end(DataState.FAILED, text);
            topics.remove(key, this);
        }

        @Override
        public final void firstSubscriber(SharedStream<?> s) {
            wanted = true;
            sendSubscribe(this);
        }

        @Override
        public final void lastSubscriberLeft(SharedStream<?> s) {
            wanted = false;
            sendUnsubscribe(this);
            forget();
            s.state(DataState.PENDING, "");
        }
    }

    private final class BookTopic extends Topic {
        final BookStream stream;
        final ChecksumBookSync sync;

        BookTopic(InstrumentId instrument) {
            super(Channel.BOOK, instrument);
            this.stream = new BookStream(runtime, key, this, instrument,
                    new OrderBook(SkeletonFrameReader.SCALE, SkeletonFrameReader.SCALE));
            this.sync = new ChecksumBookSync(stream, new InterleavedCrc32(DEPTH), false, (expected, actual) -> {
                LOG.log(Level.WARNING, SkeletonConnector.DISPLAY_NAME + ": " + key + " checksum " + actual
                        + " differs from the exchange's " + expected + "; taking the book afresh");
                sendSnapshotRequest(this);
            });
        }

        @Override
        SharedStream<?> stream() {
            return stream;
        }

        void book(SkeletonMessage m, long receivedMillis, long receivedNanos) {
            long time = m.time() >= 0 ? m.time() : receivedMillis;
            boolean snapshot = m.type() == SkeletonMessage.Type.SNAPSHOT;
            if (!snapshot && !sync.isValid()) {
                return; // updates before the (fresh) snapshot are already in it
            }
            if (snapshot) {
                sync.snapshotStart();
            }
            byte[] b = m.frame();
            for (int i = 0; i < m.rows(); i++) {
                sync.row(m.rowSide(i), m.rowPrice(i), m.rowSize(i), -1, 0, b, m.rowPriceStart(i), m.rowPriceEnd(i),
                        m.rowSizeStart(i), m.rowSizeEnd(i));
            }
            if (snapshot) {
                sync.snapshotEnd(time, receivedMillis, receivedNanos);
            } else {
                sync.updateEnd(time, receivedMillis, receivedNanos);
            }
            boolean ok = sync.checksum(m.checksum(), time, receivedMillis, receivedNanos);
            if (passive != null) {
                passive.onChecksum(instrument, ok);
            }
        }

        /** The book is lost: reset with the reason and ask for a fresh snapshot. */
        void resync(String reason) {
            sync.lost(reason);
            sendSnapshotRequest(this);
        }

        @Override
        void down(String bookReason, String cause) {
            sync.lost(bookReason);
            super.down(bookReason, cause);
        }

        @Override
        void forget() {
            sync.lost("unsubscribed");
        }
    }

    private final class TickerTopic extends Topic {
        final ValueStream<TickerListener, Ticker> stream;

        TickerTopic(InstrumentId instrument) {
            super(Channel.TICKER, instrument);
            this.stream = new ValueStream<>(runtime, key, this);
        }

        @Override
        SharedStream<?> stream() {
            return stream;
        }

        @Override
        void forget() {
            stream.clear();
        }
    }

    private final class TradesTopic extends Topic {
        final EventStream<TradeListener, Trade> stream;

        TradesTopic(InstrumentId instrument) {
            super(Channel.TRADES, instrument);
            this.stream = new EventStream<>(runtime, key, this);
        }

        @Override
        SharedStream<?> stream() {
            return stream;
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends Topic> T topic(String key, Supplier<T> create) {
        synchronized (runtime.lock()) {
            Topic t = topics.get(key);
            if (t == null || t.stream().isEnded()) {
                t = create.get();
                topics.put(key, t);
                if (closed) {
                    t.stream().end(DataState.CLOSED, "connector closed");
                }
            }
            return (T) t;
        }
    }

    // ---------------------------------------------------------------- MarketData

    @Override
    public Subscription subscribeTicker(InstrumentId instrument, TickerListener listener) {
        Objects.requireNonNull(listener, "listener");
        check(instrument);
        TickerTopic t = topic("ticker " + SkeletonAdapters.raw(instrument), () -> new TickerTopic(instrument));
        return t.stream.attach(t.stream.subscription(listener, TickerListener::onTicker));
    }

    @Override
    public Subscription subscribeTrades(InstrumentId instrument, TradeListener listener) {
        Objects.requireNonNull(listener, "listener");
        check(instrument);
        TradesTopic t = topic("trades " + SkeletonAdapters.raw(instrument), () -> new TradesTopic(instrument));
        return t.stream.attach(t.stream.subscription(listener, TradeListener::onTrade));
    }

    @Override
    public Subscription subscribeBook(BookRequest request, BookListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        InstrumentId instrument = request.instrument();
        check(instrument);
        if (request.perOrder()) {
            return EventStream.failed(runtime, "book " + instrument.symbol(), SkeletonConnector.DISPLAY_NAME
                    + " publishes aggregated price levels only; offered: " + DEPTH + " levels, ungrouped", listener);
        }
        if (request.grouping().kind() != BookGrouping.Kind.NONE) {
            return EventStream.failed(runtime, "book " + instrument.symbol(), SkeletonConnector.DISPLAY_NAME
                    + " does not group its book; offered: grouping none, not " + request.grouping().describe(), listener);
        }
        BookTopic t = topic("book " + SkeletonAdapters.raw(instrument), () -> new BookTopic(instrument));
        return t.stream.attach(new BookSubscription(runtime, t.stream, listener));
    }

    @Override
    public BookOptions bookOptions(InstrumentId instrument) {
        check(instrument);
        return new BookOptions(List.of(DEPTH), false, List.of(BookGrouping.NONE), List.of(Duration.ZERO), false, true);
    }

    @Override
    public Subscription subscribeCandles(CandleRequest request, CandleListener listener) {
        Objects.requireNonNull(request, "request");
        check(request.instrument());
        return EventStream.failed(runtime, "candles " + request.instrument().symbol(), notOffered("candles"), listener);
    }

    @Override
    public List<CandleInterval> candleIntervals() {
        return List.of();
    }

    @Override
    public CompletionStage<List<Candle>> candleHistory(CandleHistoryRequest request) {
        Objects.requireNonNull(request, "request");
        check(request.instrument());
        CompletableFuture<List<Candle>> f = new CompletableFuture<>();
        runtime.delivery().fail(f, new UnsupportedOperationException(notOffered("candle history")));
        return f;
    }

    @Override
    public CompletionStage<List<Trade>> tradeHistory(TradeHistoryRequest request) {
        Objects.requireNonNull(request, "request");
        check(request.instrument());
        CompletableFuture<List<Trade>> f = new CompletableFuture<>();
        runtime.delivery().fail(f, new UnsupportedOperationException(notOffered("trade history")));
        return f;
    }

    @Override
    public Subscription subscribeMarkPrice(InstrumentId instrument, MarkPriceListener listener) {
        check(instrument);
        return EventStream.failed(runtime, "mark price " + instrument.symbol(), notOffered("mark prices (it lists spot pairs only)"), listener);
    }

    @Override
    public Subscription subscribeLiquidations(InstrumentId instrument, LiquidationListener listener) {
        check(instrument);
        return EventStream.failed(runtime, "liquidations " + instrument.symbol(), notOffered("liquidations (it lists spot pairs only)"),
                listener);
    }

    // ---------------------------------------------------------------- helpers

    /** Only a malformed argument throws: null, or an instrument of another connector. */
    private static void check(InstrumentId instrument) {
        Objects.requireNonNull(instrument, "instrument");
        if (!SkeletonConnector.ID.equals(instrument.exchangeId())) {
            throw new IllegalArgumentException(instrument + " is not an instrument of " + SkeletonConnector.ID);
        }
    }

    private static String notOffered(String what) {
        return SkeletonConnector.DISPLAY_NAME + " publishes no " + what + "; it offers books, trades and tickers";
    }
}
