package org.tradebench.ui.tests;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.tradebench.api.Capability;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.StreamListener;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentListener;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.instrument.InstrumentsChanged;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookGrouping;
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
import org.tradebench.api.trading.TradingAccount;

/**
 * An in-test connector: four instruments like the simulated exchange's (a list a test may change),
 * a scripted health value, no trading accounts, and streams that record their listeners so a test
 * can push data and stream health, on the connector's own single thread, as a real connector does.
 * Each book subscription keeps its own book ({@link BookFeed}) and receives {@link BookUpdate}s
 * over it. Streams it does not serve (mark price, liquidations) end FAILED with a cause, as the API
 * asks.
 */
final class FakeConnector implements ExchangeConnector {

    /** A recorded subscription. */
    static class FakeSubscription implements Subscription {
        final Object request;
        final Object listener;
        volatile boolean closed;
        volatile DataHealth health = new DataHealth(DataState.LIVE, null, 0, 0);
        // a book subscription's book, kept on the connector thread
        BookFeed feed;

        FakeSubscription(Object request, Object listener) {
            this.request = request;
            this.listener = listener;
        }

        @Override
        public DataHealth health() {
            return closed ? new DataHealth(DataState.CLOSED, null, 0, 0) : health;
        }

        @Override
        public boolean isActive() {
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String toString() {
            return request + (closed ? " (closed)" : " (open)");
        }
    }

    private final String id;
    private final String name;
    private volatile List<Instrument> instruments;
    private final ExecutorService thread;
    private final List<FakeSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<HealthListener> healthListeners = new CopyOnWriteArrayList<>();
    private volatile ConnectionHealth health;
    private ServiceRegistration<ExchangeConnector> registration;

    FakeConnector(String id, String name) {
        this.id = id;
        this.name = name;
        this.instruments = defaultInstruments();
        this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-connector-" + id));
        this.health = new ConnectionHealth(ConnectionState.LIVE, "", Instant.parse("2026-11-22T10:00:00Z"),
                Duration.ofMillis(12), 345.6, 1, 0);
    }

    private static Instrument instrument(String exchange, String symbol, InstrumentKind kind, String tick,
            String lot) {
        return new Instrument(new InstrumentId(exchange, symbol), kind,
                new InstrumentSpec(new BigDecimal(tick), new BigDecimal(lot), BigDecimal.ONE),
                symbol.replace("/", "").replace(":", ""));
    }

    /**
     * Registers this connector as a service of the test bundle.
     *
     * @param ranking the {@code service.ranking}
     * @return this
     */
    FakeConnector register(int ranking) {
        BundleContext context = FrameworkUtil.getBundle(FakeConnector.class).getBundleContext();
        Dictionary<String, Object> props = new Hashtable<>(Map.of(PROPERTY_EXCHANGE_ID, id, PROPERTY_DISPLAY_NAME,
                name, Constants.SERVICE_RANKING, ranking));
        registration = context.registerService(ExchangeConnector.class, this, props);
        return this;
    }

    /** Changes the service ranking of the registration. */
    void rank(int ranking) {
        registration.setProperties(new Hashtable<>(Map.of(PROPERTY_EXCHANGE_ID, id, PROPERTY_DISPLAY_NAME, name,
                Constants.SERVICE_RANKING, ranking)));
    }

    /** Unregisters the service (the connector bundle going away) and stops the thread. */
    void unregister() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    void shutdown() {
        unregister();
        thread.shutdownNow();
    }

    /** Runs on the connector thread and waits until done. */
    void onConnectorThread(Runnable r) {
        Future<?> f = thread.submit(r);
        try {
            f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subscriptions made so far, in order. */
    List<FakeSubscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /** The open book subscriptions. */
    List<FakeSubscription> openBooks() {
        return subscriptions.stream().filter(s -> !s.closed && s.request instanceof BookRequest).toList();
    }

    /**
     * Applies a book event to the book of every open book subscription of its instrument and hands
     * each its update, on the connector thread.
     */
    void push(BookEvent event) {
        onConnectorThread(() -> {
            for (FakeSubscription s : subscriptions) {
                if (!s.closed && s.request instanceof BookRequest r && r.instrument().equals(event.instrument())) {
                    ((BookListener) s.listener).onBook(s.feed.apply(event));
                }
            }
        });
    }

    /** Hands an update (over any book) to every open book subscription of its instrument, on the connector thread. */
    void push(BookUpdate update) {
        onConnectorThread(() -> {
            for (FakeSubscription s : subscriptions) {
                if (!s.closed && s.request instanceof BookRequest r && r.instrument().equals(update.instrument())) {
                    ((BookListener) s.listener).onBook(update);
                }
            }
        });
    }

    /** Changes a stream's health and tells its listener, on the connector thread. */
    void pushHealth(FakeSubscription subscription, DataHealth h) {
        subscription.health = h;
        onConnectorThread(() -> {
            if (!subscription.closed) {
                ((StreamListener) subscription.listener).onHealth(h);
            }
        });
    }

    /** The open ticker subscription of an instrument. */
    FakeSubscription openTicker(InstrumentId instrument) {
        return subscriptions.stream().filter(s -> !s.closed && instrument.equals(s.request)).findFirst()
                .orElseThrow(() -> new AssertionError("no open ticker subscription of " + instrument + ": "
                        + subscriptions));
    }

    /** Replaces the instrument list and tells the instrument listeners, on the connector thread. */
    void setInstruments(List<Instrument> list) {
        List<Instrument> before = instruments;
        instruments = List.copyOf(list);
        known.clear();
        InstrumentsChanged change = new InstrumentsChanged(id, list,
                list.stream().filter(i -> !before.contains(i)).toList(), List.of(),
                before.stream().filter(i -> !list.contains(i)).map(Instrument::id).toList());
        onConnectorThread(() -> {
            for (FakeSubscription s : subscriptions) {
                if (!s.closed && s.listener instanceof InstrumentListener l) {
                    l.onInstruments(change);
                }
            }
        });
    }

    /** The instruments this connector starts with. */
    List<Instrument> defaultInstruments() {
        return List.of(
                instrument(id, "BTC/USD", InstrumentKind.SPOT, "0.1", "0.0001"),
                instrument(id, "ETH/USD", InstrumentKind.SPOT, "0.01", "0.001"),
                instrument(id, "SOL/USD", InstrumentKind.SPOT, "0.001", "0.01"),
                instrument(id, "BTC/USD:USD", InstrumentKind.PERPETUAL, "0.5", "0.001"));
    }

    /** Pushes a ticker to every open ticker subscription of its instrument, on the connector thread. */
    void push(Ticker ticker) {
        onConnectorThread(() -> {
            for (FakeSubscription s : subscriptions) {
                if (!s.closed && ticker.instrument().equals(s.request)) {
                    ((TickerListener) s.listener).onTicker(ticker);
                }
            }
        });
    }

    /** Changes health and tells the listeners, on the connector thread. */
    void setHealth(ConnectionHealth h) {
        health = h;
        onConnectorThread(() -> healthListeners.forEach(l -> l.onHealth(h)));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return name;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.copyOf(EnumSet.of(Capability.TICKER, Capability.ORDER_BOOK));
    }

    @Override
    public List<Instrument> instruments() {
        return instruments;
    }

    @Override
    public MarketData marketData() {
        return market;
    }

    @Override
    public Subscription subscribeInstruments(InstrumentListener listener) {
        FakeSubscription s = record("instruments", listener);
        List<Instrument> now = instruments;
        thread.execute(() -> {
            if (!s.closed) {
                listener.onInstruments(InstrumentsChanged.initial(id, now));
            }
        });
        return s;
    }

    @Override
    public List<TradingAccount> tradingAccounts() {
        return List.of(); // market data only, like a connector without keys
    }

    @Override
    public ConnectionHealth health() {
        return health;
    }

    @Override
    public Subscription subscribeHealth(HealthListener listener) {
        healthListeners.add(listener);
        ConnectionHealth now = health;
        thread.execute(() -> listener.onHealth(now));
        FakeSubscription s = new FakeSubscription("health", listener) {
            @Override
            public void close() {
                super.close();
                healthListeners.remove(listener);
            }
        };
        subscriptions.add(s);
        return s;
    }

    private final Map<InstrumentId, Boolean> known = new ConcurrentHashMap<>();

    private void check(InstrumentId instrument) {
        if (!instrument.exchangeId().equals(id)) {
            throw new IllegalArgumentException("not an instrument of " + id + ": " + instrument);
        }
        if (known.isEmpty()) {
            instruments.forEach(i -> known.put(i.id(), true));
        }
        if (!known.containsKey(instrument)) {
            throw new IllegalArgumentException("not an instrument of " + id + ": " + instrument);
        }
    }

    /** A stream this connector does not serve: FAILED with a cause, as the API asks. */
    private FakeSubscription notOffered(String request, String what, StreamListener listener) {
        FakeSubscription s = record(request, listener);
        DataHealth failed = new DataHealth(DataState.FAILED, null, 0, 0, name + " does not offer " + what,
                Instant.now());
        s.health = failed;
        thread.execute(() -> listener.onHealth(failed));
        return s;
    }

    private FakeSubscription record(Object request, Object listener) {
        FakeSubscription s = new FakeSubscription(request, listener);
        subscriptions.add(s);
        return s;
    }

    private final MarketData market = new MarketData() {
        @Override
        public Subscription subscribeTicker(InstrumentId instrument, TickerListener listener) {
            check(instrument);
            return record(instrument, listener);
        }

        @Override
        public Subscription subscribeTrades(InstrumentId instrument, TradeListener listener) {
            check(instrument);
            return record("trades " + instrument, listener);
        }

        @Override
        public Subscription subscribeBook(BookRequest request, BookListener listener) {
            check(request.instrument());
            FakeSubscription s = record(request, listener);
            InstrumentSpec spec = instrument(request.instrument().symbol()).orElseThrow().spec();
            s.feed = new BookFeed(spec.priceScale(), spec.sizeScale());
            return s;
        }

        @Override
        public BookOptions bookOptions(InstrumentId instrument) {
            check(instrument);
            return new BookOptions(List.of(25, 100), false, List.of(BookGrouping.NONE), List.of(Duration.ZERO), false,
                    false);
        }

        @Override
        public Subscription subscribeCandles(CandleRequest request, CandleListener listener) {
            check(request.instrument());
            return record(request, listener);
        }

        @Override
        public List<CandleInterval> candleIntervals() {
            return List.of(CandleInterval.M1);
        }

        @Override
        public CompletionStage<List<Candle>> candleHistory(CandleHistoryRequest request) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletionStage<List<Trade>> tradeHistory(TradeHistoryRequest request) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public Subscription subscribeMarkPrice(InstrumentId instrument, MarkPriceListener listener) {
            check(instrument);
            return notOffered("mark price " + instrument, "mark prices", listener);
        }

        @Override
        public Subscription subscribeLiquidations(InstrumentId instrument, LiquidationListener listener) {
            check(instrument);
            return notOffered("liquidations " + instrument, "liquidations", listener);
        }
    };
}
