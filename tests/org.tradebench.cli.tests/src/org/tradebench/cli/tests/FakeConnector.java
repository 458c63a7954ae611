package org.tradebench.cli.tests;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.tradebench.api.Capability;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.StreamListener;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataSource;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentListener;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.instrument.InstrumentsChanged;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookOptions;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookUpdate;
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
import org.tradebench.api.market.BookGrouping;
import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.api.trading.TradingAccount;

/**
 * A running fake connector. Everything happens on one thread of its own (the "network" and
 * delivery thread): subscribing queues the first health value there, and {@link #play()} runs the
 * provider's script there: each frame goes to the frame tap (through a reused buffer, at an offset,
 * as a real reader does), then through a {@link FakeDecoder} to the subscribed listeners; each
 * {@code @health} line changes the health and tells the health listeners. Frames are received at
 * {@value #T0} + 100 ms per script line.
 */
final class FakeConnector implements OpenConnector, ExchangeConnector, MarketData {

    static final long T0 = 1737972930000L;

    private final FakeProvider provider;
    private final FrameTap tap;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-network"));
    private final FakeDecoder decoder;
    private final List<Instrument> instruments;
    private final Map<InstrumentId, List<BookListener>> books = new LinkedHashMap<>();
    private final Map<InstrumentId, List<TradeListener>> trades = new LinkedHashMap<>();
    private final Map<InstrumentId, List<TickerListener>> tickers = new LinkedHashMap<>();
    private final List<HealthListener> healthListeners = new CopyOnWriteArrayList<>();
    private final byte[] buffer = new byte[1 << 16];
    final List<BookRequest> bookRequests = new CopyOnWriteArrayList<>();
    final List<String> streams = new CopyOnWriteArrayList<>();
    final List<String> tapThreads = new CopyOnWriteArrayList<>();
    private volatile ConnectionHealth health = new ConnectionHealth(ConnectionState.CONNECTING, "", Instant.ofEpochMilli(T0 - 1000),
            null, 0, 0, 0);
    volatile boolean closed;

    FakeConnector(FakeProvider provider, FrameTap tap) {
        this.provider = provider;
        this.tap = tap;
        this.decoder = new FakeDecoder("fake", new Dispatch());
        InstrumentSpec spec = new InstrumentSpec(new BigDecimal("0.1"), new BigDecimal("0.0001"), BigDecimal.ONE);
        this.instruments = List.of(
                new Instrument(new InstrumentId("fake", "BTC/USD"), InstrumentKind.SPOT, spec, "BTCUSD"),
                new Instrument(new InstrumentId("fake", "BTC/EUR"), InstrumentKind.SPOT, spec, "BTCEUR"),
                new Instrument(new InstrumentId("fake", "ETH/USD"), InstrumentKind.SPOT, spec, "ETHUSD"),
                new Instrument(new InstrumentId("fake", "BTC/USDT:USDT"), InstrumentKind.PERPETUAL, spec, "BTCUSDT-PERP"));
    }

    /** Plays the script on the connector's thread and waits until it is done. */
    void play() {
        try {
            thread.submit(() -> {
                long received = T0;
                for (String line : provider.script) {
                    received += 100;
                    if (line.startsWith("@health ")) {
                        health(line);
                        continue;
                    }
                    int space = line.indexOf(' ');
                    String session = line.substring(0, space);
                    byte[] frame = line.substring(space + 1).getBytes(StandardCharsets.UTF_8);
                    // A reader's buffer: valid during the call only, overwritten afterwards.
                    System.arraycopy(frame, 0, buffer, 7, frame.length);
                    tapThreads.add(Thread.currentThread().getName());
                    tap.onFrame(session, buffer, 7, frame.length, received);
                    java.util.Arrays.fill(buffer, (byte) 'X');
                    decoder.decode(session, frame, 0, frame.length, received);
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the fake script failed", e);
        }
    }

    private void health(String line) {
        String[] words = line.split("\\s+");
        ConnectionState state = state(words[1]);
        Instant since = Instant.ofEpochMilli(T0);
        String reason = "";
        Map<String, SessionHealth> sessions = new LinkedHashMap<>();
        double total = 0;
        for (int i = 2; i < words.length; i++) {
            String[] kv = words[i].split("=", 2);
            switch (kv[0]) {
                case "at" -> since = Instant.ofEpochMilli(Long.parseLong(kv[1]));
                case "reason" -> reason = kv[1].replace('_', ' ');
                default -> {
                    String[] p = kv[1].split(":");
                    double rate = Double.parseDouble(p[1]);
                    total += rate;
                    sessions.put(kv[0], new SessionHealth(kv[0], state(p[0]), p.length > 3 ? p[3].replace('_', ' ') : "",
                            since, DataSource.WEBSOCKET, Duration.ofMillis(Long.parseLong(p[2])), rate, 1, 0));
                }
            }
        }
        health = new ConnectionHealth(state, reason, since, null, total, 1, 0, sessions, null, 0);
        for (HealthListener l : healthListeners) {
            l.onHealth(health);
        }
    }

    private static ConnectionState state(String wire) {
        for (ConnectionState s : ConnectionState.values()) {
            if (s.wireName().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no state " + wire);
    }

    /** Decoded values to the listeners, on the connector's thread. */
    private final class Dispatch implements DecodedEvents {
        @Override
        public void onBook(BookUpdate update) {
            books.getOrDefault(update.instrument(), List.of()).forEach(l -> l.onBook(update));
        }

        @Override
        public void onTrade(Trade trade) {
            trades.getOrDefault(trade.instrument(), List.of()).forEach(l -> l.onTrade(trade));
        }

        @Override
        public void onTicker(Ticker ticker) {
            tickers.getOrDefault(ticker.instrument(), List.of()).forEach(l -> l.onTicker(ticker));
        }
    }

    private <L> Subscription add(Map<InstrumentId, List<L>> map, InstrumentId id, L listener) {
        synchronized (map) {
            map.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(listener);
        }
        return new FakeSubscription(() -> map.getOrDefault(id, List.of()).remove(listener));
    }

    // --- OpenConnector -------------------------------------------------------------------------

    @Override
    public ExchangeConnector connector() {
        return this;
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
    }

    // --- ExchangeConnector ---------------------------------------------------------------------

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public String displayName() {
        return "Fake Exchange";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.TICKER, Capability.TRADES, Capability.ORDER_BOOK);
    }

    @Override
    public List<Instrument> instruments() {
        return provider.instrumentsListed ? instruments : List.of();
    }

    @Override
    public Subscription subscribeInstruments(InstrumentListener listener) {
        thread.execute(() -> listener.onInstruments(InstrumentsChanged.initial("fake", instruments())));
        return new FakeSubscription(() -> { });
    }

    @Override
    public MarketData marketData() {
        return this;
    }

    @Override
    public List<TradingAccount> tradingAccounts() {
        return List.of();
    }

    @Override
    public ConnectionHealth health() {
        return health;
    }

    @Override
    public Subscription subscribeHealth(HealthListener listener) {
        thread.execute(() -> {
            healthListeners.add(listener);
            listener.onHealth(health);
        });
        return new FakeSubscription(() -> healthListeners.remove(listener));
    }

    // --- MarketData ----------------------------------------------------------------------------

    @Override
    public Subscription subscribeTicker(InstrumentId instrument, TickerListener listener) {
        streams.add("ticker " + instrument.symbol());
        return add(tickers, instrument, listener);
    }

    @Override
    public Subscription subscribeTrades(InstrumentId instrument, TradeListener listener) {
        streams.add("trades " + instrument.symbol());
        if (provider.noTrades.contains(instrument.symbol())) {
            return failed(listener, "fake: no trades for " + instrument.symbol());
        }
        return add(trades, instrument, listener);
    }

    @Override
    public Subscription subscribeBook(BookRequest request, BookListener listener) {
        streams.add("book " + request.instrument().symbol() + " " + request.depth());
        bookRequests.add(request);
        return add(books, request.instrument(), listener);
    }

    @Override
    public BookOptions bookOptions(InstrumentId instrument) {
        return new BookOptions(List.of(25), false, List.of(BookGrouping.NONE), List.of(Duration.ZERO), false, false);
    }

    @Override
    public Subscription subscribeCandles(CandleRequest request, CandleListener listener) {
        return failed(listener, "fake: no candles");
    }

    @Override
    public List<CandleInterval> candleIntervals() {
        return List.of();
    }

    @Override
    public CompletionStage<List<Candle>> candleHistory(CandleHistoryRequest request) {
        return CompletableFuture.failedFuture(new IllegalStateException("fake: no candle history"));
    }

    @Override
    public CompletionStage<List<Trade>> tradeHistory(TradeHistoryRequest request) {
        return CompletableFuture.failedFuture(new IllegalStateException("fake: no trade history"));
    }

    @Override
    public Subscription subscribeMarkPrice(InstrumentId instrument, MarkPriceListener listener) {
        return failed(listener, "fake: no mark prices");
    }

    @Override
    public Subscription subscribeLiquidations(InstrumentId instrument, LiquidationListener listener) {
        return failed(listener, "fake: no liquidations");
    }

    private Subscription failed(StreamListener listener, String cause) {
        thread.execute(() -> listener.onHealth(new DataHealth(DataState.FAILED, null, 0, 0, cause, Instant.ofEpochMilli(T0))));
        return new FakeSubscription(() -> { });
    }

    /** A subscription that runs its removal once. */
    private static final class FakeSubscription implements Subscription {
        private final Runnable remove;
        private volatile boolean active = true;

        FakeSubscription(Runnable remove) {
            this.remove = remove;
        }

        @Override
        public DataHealth health() {
            return new DataHealth(active ? DataState.LIVE : DataState.CLOSED, null, 0, 0);
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public void close() {
            if (active) {
                active = false;
                remove.run();
            }
        }
    }
}
