package org.tradebench.ui.testing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.tradebench.api.Capability;
import org.tradebench.api.ConnectionControl;
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
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.MarkPriceListener;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeHistoryRequest;
import org.tradebench.api.market.TradeListener;
import org.tradebench.api.trading.TradingAccount;

/**
 * An in-test connector: a spot and a perpetual instrument list, a scripted connection health, no
 * trading accounts, and streams that record their listeners so a test can push trades, tickers,
 * mark prices and stream health on the connector's own single thread, as a real connector does.
 */
public final class FakeConnector implements ExchangeConnector {

    /** A recorded subscription. */
    public static final class FakeSubscription implements Subscription {
        /** What it streams: {@code "trades"}, {@code "ticker"}, {@code "mark"}, ... */
        public final String kind;
        /** The instrument. */
        public final InstrumentId instrument;
        /** The subscriber's listener. */
        public final Object listener;
        /** Whether the subscriber closed it. */
        public volatile boolean closed;
        /** The stream health it reports. */
        public volatile DataHealth health = new DataHealth(DataState.LIVE, null, 0, 0);

        FakeSubscription(String kind, InstrumentId instrument, Object listener) {
            this.kind = kind;
            this.instrument = instrument;
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
            return kind + " " + instrument + (closed ? " (closed)" : " (open)");
        }
    }

    private final String id;
    private final String name;
    private volatile List<Instrument> instruments;
    private final ExecutorService thread;
    private final List<FakeSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile ConnectionHealth health = new ConnectionHealth(ConnectionState.LIVE, "",
            Instant.parse("2026-11-22T10:00:00Z"), Duration.ofMillis(12), 345.6, 0, 0);
    private ServiceRegistration<ExchangeConnector> registration;
    private volatile ConnectionControl control;

    public FakeConnector(String id, String name) {
        this.id = id;
        this.name = name;
        this.instruments = List.of(instrument("BTC/USD", InstrumentKind.SPOT, "0.1", "0.0001"),
                instrument("ETH/USD", InstrumentKind.SPOT, "0.01", "0.001"),
                instrument("BTC/USD:USD", InstrumentKind.PERPETUAL, "0.5", "0.001"));
        this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-connector-" + id));
    }

    private Instrument instrument(String symbol, InstrumentKind kind, String tick, String lot) {
        return new Instrument(new InstrumentId(id, symbol), kind,
                new InstrumentSpec(new BigDecimal(tick), new BigDecimal(lot), BigDecimal.ONE),
                symbol.replace("/", "").replace(":", ""));
    }

    /**
     * Offers connection switches ({@link #connectionControl()}).
     *
     * @param c the control, or null for none
     * @return this
     */
    public FakeConnector withControl(ConnectionControl c) {
        control = c;
        return this;
    }

    @Override
    public Optional<ConnectionControl> connectionControl() {
        return Optional.ofNullable(control);
    }

    public InstrumentId id(String symbol) {
        return new InstrumentId(id, symbol);
    }

    public FakeConnector register(int ranking) {
        Bundle bundle = FrameworkUtil.getBundle(FakeConnector.class);
        BundleContext context = bundle.getBundleContext();
        if (context == null) {
            try {
                bundle.start(Bundle.START_TRANSIENT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            context = bundle.getBundleContext();
        }
        Dictionary<String, Object> props = new Hashtable<>(Map.of(PROPERTY_EXCHANGE_ID, id, PROPERTY_DISPLAY_NAME,
                name, Constants.SERVICE_RANKING, ranking));
        registration = context.registerService(ExchangeConnector.class, this, props);
        return this;
    }

    public void unregister() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    public void shutdown() {
        unregister();
        thread.shutdownNow();
    }

    public void onConnectorThread(Runnable r) {
        Future<?> f = thread.submit(r);
        try {
            f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public List<FakeSubscription> open(String kind) {
        return subscriptions.stream().filter(s -> !s.closed && s.kind.equals(kind)).toList();
    }

    public List<FakeSubscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    public void push(Trade trade) {
        onConnectorThread(() -> {
            for (FakeSubscription s : open("trades")) {
                if (s.instrument.equals(trade.instrument())) {
                    ((TradeListener) s.listener).onTrade(trade);
                }
            }
        });
    }

    public void push(Ticker ticker) {
        onConnectorThread(() -> {
            for (FakeSubscription s : open("ticker")) {
                if (s.instrument.equals(ticker.instrument())) {
                    ((TickerListener) s.listener).onTicker(ticker);
                }
            }
        });
    }

    public void push(MarkPrice mark) {
        onConnectorThread(() -> {
            for (FakeSubscription s : open("mark")) {
                if (s.instrument.equals(mark.instrument())) {
                    ((MarkPriceListener) s.listener).onMarkPrice(mark);
                }
            }
        });
    }

    /** Changes the health of every open stream of a kind and instrument and tells its listener. */
    public void pushHealth(String kind, InstrumentId instrument, DataHealth h) {
        onConnectorThread(() -> {
            for (FakeSubscription s : open(kind)) {
                if (s.instrument.equals(instrument)) {
                    s.health = h;
                    ((StreamListener) s.listener).onHealth(h);
                }
            }
        });
    }

    public void setHealth(ConnectionHealth h) {
        health = h;
        onConnectorThread(() -> {
            for (FakeSubscription s : open("health")) {
                ((HealthListener) s.listener).onHealth(h);
            }
        });
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
        return Set.of(Capability.TICKER, Capability.TRADES, Capability.MARK_PRICE, Capability.FUNDING);
    }

    @Override
    public List<Instrument> instruments() {
        return instruments;
    }

    @Override
    public Subscription subscribeInstruments(InstrumentListener listener) {
        FakeSubscription s = record("instruments", null, listener);
        List<Instrument> now = instruments;
        thread.execute(() -> {
            if (!s.closed) {
                listener.onInstruments(InstrumentsChanged.initial(id, now));
            }
        });
        return s;
    }

    @Override
    public MarketData marketData() {
        return market;
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
        FakeSubscription s = record("health", null, listener);
        ConnectionHealth now = health;
        thread.execute(() -> {
            if (!s.closed) {
                listener.onHealth(now);
            }
        });
        return s;
    }

    private FakeSubscription record(String kind, InstrumentId instrument, Object listener) {
        if (instrument != null && !instrument.exchangeId().equals(id)) {
            throw new IllegalArgumentException("not an instrument of " + id + ": " + instrument);
        }
        FakeSubscription s = new FakeSubscription(kind, instrument, listener);
        subscriptions.add(s);
        return s;
    }

    private FakeSubscription notOffered(String kind, InstrumentId instrument, StreamListener listener) {
        FakeSubscription s = record(kind, instrument, listener);
        DataHealth failed = new DataHealth(DataState.FAILED, null, 0, 0, name + " does not offer " + kind
                + " for " + instrument.symbol(), Instant.now());
        s.health = failed;
        thread.execute(() -> listener.onHealth(failed));
        return s;
    }

    private final MarketData market = new MarketData() {
        @Override
        public Subscription subscribeTicker(InstrumentId instrument, TickerListener listener) {
            return record("ticker", instrument, listener);
        }

        @Override
        public Subscription subscribeTrades(InstrumentId instrument, TradeListener listener) {
            return record("trades", instrument, listener);
        }

        @Override
        public Subscription subscribeBook(BookRequest request, BookListener listener) {
            return notOffered("book", request.instrument(), listener);
        }

        @Override
        public BookOptions bookOptions(InstrumentId instrument) {
            return new BookOptions(List.of(25), false, List.of(BookGrouping.NONE), List.of(Duration.ZERO), false,
                    false);
        }

        @Override
        public Subscription subscribeCandles(CandleRequest request, CandleListener listener) {
            return notOffered("candles", request.instrument(), listener);
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
            if (instruments.stream().anyMatch(i -> i.id().equals(instrument) && i.kind() == InstrumentKind.SPOT)) {
                return notOffered("mark", instrument, listener);
            }
            return record("mark", instrument, listener);
        }

        @Override
        public Subscription subscribeLiquidations(InstrumentId instrument, LiquidationListener listener) {
            return notOffered("liquidations", instrument, listener);
        }
    };
}
