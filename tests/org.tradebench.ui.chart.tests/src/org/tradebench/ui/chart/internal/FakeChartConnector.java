package org.tradebench.ui.chart.internal;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
import org.tradebench.api.instrument.InstrumentListener;
import org.tradebench.api.instrument.InstrumentSpec;
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
import org.tradebench.api.account.Position;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;

/**
 * A connector for chart tests: one instrument, the candle intervals a test chooses, candle and
 * trade listeners kept so the test delivers data on a connector thread, history requests recorded
 * and answered by the test, and one trading account whose orders and positions the test sets.
 */
final class FakeChartConnector implements ExchangeConnector {

    static final InstrumentId BTC = new InstrumentId("fake", "BTC/USD");
    static final Instrument BTC_INSTRUMENT = new Instrument(BTC, InstrumentKind.SPOT,
            new InstrumentSpec(new BigDecimal("0.1"), new BigDecimal("0.0001"), BigDecimal.ONE), "BTCUSD");

    final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-chart-connector"));
    volatile List<CandleInterval> intervals = List.of(CandleInterval.M1);
    final List<CandleRequest> candleRequests = new CopyOnWriteArrayList<>();
    final List<CandleListener> candleListeners = new CopyOnWriteArrayList<>();
    final List<TradeListener> tradeListeners = new CopyOnWriteArrayList<>();
    final List<CandleHistoryRequest> historyRequests = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<List<Candle>>> historyAnswers = new CopyOnWriteArrayList<>();
    final List<TradeHistoryRequest> tradeHistoryRequests = new CopyOnWriteArrayList<>();
    volatile List<Trade> tradeHistory = List.of();
    volatile List<Order> orders = List.of();
    volatile List<Position> positions = List.of();
    final List<TradingListener> tradingListeners = new CopyOnWriteArrayList<>();

    private final MarketData market = new MarketData() {
        @Override
        public Subscription subscribeTicker(InstrumentId instrument, TickerListener listener) {
            return none();
        }

        @Override
        public Subscription subscribeTrades(InstrumentId instrument, TradeListener listener) {
            tradeListeners.add(listener);
            thread.execute(() -> listener.onHealth(new DataHealth(DataState.LIVE, null, 0, 0)));
            return sub(() -> tradeListeners.remove(listener));
        }

        @Override
        public Subscription subscribeBook(BookRequest request, BookListener listener) {
            return none();
        }

        @Override
        public BookOptions bookOptions(InstrumentId instrument) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Subscription subscribeCandles(CandleRequest request, CandleListener listener) {
            candleRequests.add(request);
            candleListeners.add(listener);
            thread.execute(() -> listener.onHealth(new DataHealth(DataState.LIVE, null, 0, 0)));
            return sub(() -> candleListeners.remove(listener));
        }

        @Override
        public List<CandleInterval> candleIntervals() {
            return intervals;
        }

        @Override
        public CompletionStage<List<Candle>> candleHistory(CandleHistoryRequest request) {
            historyRequests.add(request);
            CompletableFuture<List<Candle>> f = new CompletableFuture<>();
            historyAnswers.add(f);
            return f;
        }

        @Override
        public CompletionStage<List<Trade>> tradeHistory(TradeHistoryRequest request) {
            tradeHistoryRequests.add(request);
            List<Trade> h = tradeHistory;
            if (h == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("the exchange keeps no trade history"));
            }
            return CompletableFuture.supplyAsync(() -> h, thread);
        }

        @Override
        public Subscription subscribeMarkPrice(InstrumentId instrument, MarkPriceListener listener) {
            return none();
        }

        @Override
        public Subscription subscribeLiquidations(InstrumentId instrument, LiquidationListener listener) {
            return none();
        }
    };

    private final TradingAccount account = (TradingAccount) Proxy.newProxyInstance(
            FakeChartConnector.class.getClassLoader(), new Class<?>[] { TradingAccount.class }, (p, m, args) -> {
                return switch (m.getName()) {
                    case "accountId" -> "main";
                    case "exchangeId" -> "fake";
                    case "displayName" -> "Fake";
                    case "openOrders" -> orders;
                    case "positions" -> positions;
                    case "subscribe" -> {
                        TradingListener l = (TradingListener) args[0];
                        tradingListeners.add(l);
                        yield sub(() -> tradingListeners.remove(l));
                    }
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    case "toString" -> "fake account";
                    default -> throw new UnsupportedOperationException(m.getName());
                };
            });

    private static Subscription none() {
        return sub(() -> {
        });
    }

    private static Subscription sub(Runnable onClose) {
        return new Subscription() {
            private volatile boolean open = true;

            @Override
            public DataHealth health() {
                return new DataHealth(open ? DataState.LIVE : DataState.CLOSED, null, 0, 0);
            }

            @Override
            public boolean isActive() {
                return open;
            }

            @Override
            public void close() {
                open = false;
                onClose.run();
            }
        };
    }

    /** Sends a candle to every candle listener, on the connector thread. */
    void candle(Candle c) {
        thread.execute(() -> candleListeners.forEach(l -> l.onCandle(c)));
    }

    /** Reports a candle stream's health to every candle listener, on the connector thread. */
    void candleHealth(DataHealth h) {
        thread.execute(() -> candleListeners.forEach(l -> l.onHealth(h)));
    }

    /** Sends a trade to every trade listener, on the connector thread. */
    void trade(Trade t) {
        thread.execute(() -> tradeListeners.forEach(l -> l.onTrade(t)));
    }

    /** Sets the account's orders and positions and tells its listeners, on the connector thread. */
    void account(List<Order> newOrders, List<Position> newPositions) {
        thread.execute(() -> {
            orders = List.copyOf(newOrders);
            positions = List.copyOf(newPositions);
            tradingListeners.forEach(l -> newOrders.forEach(l::onOrder));
        });
    }

    void shutdown() {
        thread.shutdownNow();
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public String displayName() {
        return "Fake";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public List<Instrument> instruments() {
        return List.of(BTC_INSTRUMENT);
    }

    @Override
    public Subscription subscribeInstruments(InstrumentListener listener) {
        return none();
    }

    @Override
    public MarketData marketData() {
        return market;
    }

    @Override
    public List<TradingAccount> tradingAccounts() {
        return List.of(account);
    }

    @Override
    public ConnectionHealth health() {
        return new ConnectionHealth(ConnectionState.LIVE, "", Instant.now(), Duration.ofMillis(5), 10, 1, 0);
    }

    @Override
    public Subscription subscribeHealth(HealthListener listener) {
        return none();
    }
}
