package org.tradebench.ui.tests;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.TradeListener;
import org.tradebench.api.trading.TradingAccount;

/**
 * An in-test connector: four instruments like the simulated exchange's, a scripted health value,
 * and streams that record their listeners so a test can push events, on the connector's own
 * single thread, as a real connector does.
 */
final class FakeConnector implements ExchangeConnector {

    /** A recorded subscription. */
    static class FakeSubscription implements Subscription {
        final Object request;
        final Object listener;
        volatile boolean closed;

        FakeSubscription(Object request, Object listener) {
            this.request = request;
            this.listener = listener;
        }

        @Override
        public DataHealth health() {
            return new DataHealth(closed ? DataState.CLOSED : DataState.LIVE, null, 0, 0);
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
    private final List<Instrument> instruments;
    private final ExecutorService thread;
    private final List<FakeSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<HealthListener> healthListeners = new CopyOnWriteArrayList<>();
    private volatile ConnectionHealth health;
    private ServiceRegistration<ExchangeConnector> registration;

    FakeConnector(String id, String name) {
        this.id = id;
        this.name = name;
        this.instruments = List.of(
                instrument(id, "BTC/USD", InstrumentKind.SPOT, "0.1", "0.0001"),
                instrument(id, "ETH/USD", InstrumentKind.SPOT, "0.01", "0.001"),
                instrument(id, "SOL/USD", InstrumentKind.SPOT, "0.001", "0.01"),
                instrument(id, "BTC/USD:USD", InstrumentKind.PERPETUAL, "0.5", "0.001"));
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

    /** Pushes a book event to every open book subscription of its instrument, on the connector thread. */
    void push(BookEvent event) {
        onConnectorThread(() -> {
            for (FakeSubscription s : subscriptions) {
                if (!s.closed && s.request instanceof BookRequest r && r.instrument().equals(event.instrument())) {
                    ((BookListener) s.listener).onBook(event);
                }
            }
        });
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
    public Optional<TradingAccount> trading() {
        return Optional.empty();
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
        if (known.isEmpty()) {
            instruments.forEach(i -> known.put(i.id(), true));
        }
        if (!known.containsKey(instrument)) {
            throw new IllegalArgumentException("not an instrument of " + id + ": " + instrument);
        }
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
            return record(request, listener);
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
        public CompletionStage<List<Candle>> candleHistory(CandleRequest request) {
            return CompletableFuture.completedFuture(List.of());
        }
    };
}
