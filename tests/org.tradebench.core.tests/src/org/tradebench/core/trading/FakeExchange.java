package org.tradebench.core.trading;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.tradebench.api.Capability;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
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
import org.tradebench.api.market.BookOptions;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleHistoryRequest;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.LiquidationListener;
import org.tradebench.api.market.MarkPriceListener;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.market.Quote;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeHistoryRequest;
import org.tradebench.api.market.TradeListener;
import org.tradebench.api.trading.AccountSetting;
import org.tradebench.api.trading.AmendRequest;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.HistoryRequest;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.SettingResult;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;

/**
 * An in-test exchange for the gateway's unit tests: one perpetual and one spot instrument, a
 * ticker and trades a test pushes, and an account that records what reaches it, answers as the
 * test scripts it (or never), and streams the orders a test pushes. Real connectors run the
 * gateway in the conformance kit.
 */
final class FakeExchange implements ExchangeConnector, MarketData {

    static final InstrumentId PERP = new InstrumentId("fake", "BTC/USD:USD");
    static final InstrumentId SPOT = new InstrumentId("fake", "BTC/USD");

    final FakeAccount account;
    final List<TickerListener> tickers = new CopyOnWriteArrayList<>();
    final List<TradeListener> trades = new CopyOnWriteArrayList<>();
    private final List<Instrument> instruments = List.of(
            new Instrument(PERP, InstrumentKind.PERPETUAL,
                    new InstrumentSpec(new BigDecimal("0.5"), new BigDecimal("0.001"), new BigDecimal("0.001")), "PERP"),
            new Instrument(SPOT, InstrumentKind.SPOT,
                    new InstrumentSpec(new BigDecimal("0.1"), new BigDecimal("0.0001"), new BigDecimal("0.0001")),
                    "SPOT"));

    FakeExchange(Set<Capability> accountCapabilities) {
        this.account = new FakeAccount(accountCapabilities);
    }

    static Set<Capability> withoutNativeExits() {
        return EnumSet.of(Capability.TRADING, Capability.ORDER_LIMIT, Capability.ORDER_MARKET,
                Capability.ORDER_REDUCE_ONLY, Capability.ORDER_QUERY, Capability.ORDER_ATTACHED_TP_SL);
    }

    /** The exchange holds take-profit and stop orders, but not attached to an entry (Binance USD-M). */
    static Set<Capability> withExchangeLegs() {
        EnumSet<Capability> c = EnumSet.copyOf(withoutNativeExits());
        c.remove(Capability.ORDER_ATTACHED_TP_SL);
        c.add(Capability.ORDER_EXITS_NATIVE);
        c.add(Capability.ORDER_STOP);
        c.add(Capability.ORDER_TAKE_PROFIT);
        return c;
    }

    static Set<Capability> withNativeExits() {
        EnumSet<Capability> c = EnumSet.copyOf(withoutNativeExits());
        c.add(Capability.ORDER_EXITS_NATIVE);
        return c;
    }

    /** Pushes a ticker with this bid/ask/last. */
    void ticker(InstrumentId id, String bid, String ask, String last) {
        Instant now = Instant.now();
        Ticker t = new Ticker(id, now, now, new Quote(new BigDecimal(bid), BigDecimal.ONE, new BigDecimal(ask),
                BigDecimal.ONE), new BigDecimal(last), null);
        tickers.forEach(l -> l.onTicker(t));
    }

    /** Pushes a trade at this price. */
    void trade(InstrumentId id, String price) {
        Instant now = Instant.now();
        Trade t = new Trade(id, "t" + now.toEpochMilli(), now, now, new BigDecimal(price), BigDecimal.ONE, Side.BUY);
        trades.forEach(l -> l.onTrade(t));
    }

    private static Subscription subscription() {
        return new Subscription() {
            volatile boolean active = true;

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
                active = false;
            }
        };
    }

    // ------------------------------------------------------------------ ExchangeConnector

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public String displayName() {
        return "Fake exchange";
    }

    @Override
    public Set<Capability> capabilities() {
        EnumSet<Capability> c = EnumSet.of(Capability.TICKER, Capability.TRADES);
        c.addAll(account.capabilities());
        return c;
    }

    @Override
    public List<Instrument> instruments() {
        return instruments;
    }

    @Override
    public Subscription subscribeInstruments(InstrumentListener listener) {
        return subscription();
    }

    @Override
    public MarketData marketData() {
        return this;
    }

    @Override
    public List<TradingAccount> tradingAccounts() {
        return List.of(account);
    }

    @Override
    public ConnectionHealth health() {
        return new ConnectionHealth(ConnectionState.LIVE, "", Instant.now(), Duration.ZERO, 0, 0, 0);
    }

    @Override
    public Subscription subscribeHealth(HealthListener listener) {
        return subscription();
    }

    // ------------------------------------------------------------------ MarketData

    @Override
    public Subscription subscribeTicker(InstrumentId instrument, TickerListener listener) {
        tickers.add(listener);
        return subscription();
    }

    @Override
    public Subscription subscribeTrades(InstrumentId instrument, TradeListener listener) {
        trades.add(listener);
        return subscription();
    }

    @Override
    public Subscription subscribeBook(BookRequest request, BookListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public BookOptions bookOptions(InstrumentId instrument) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Subscription subscribeCandles(CandleRequest request, CandleListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<CandleInterval> candleIntervals() {
        return List.of();
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
        throw new UnsupportedOperationException();
    }

    @Override
    public Subscription subscribeLiquidations(InstrumentId instrument, LiquidationListener listener) {
        throw new UnsupportedOperationException();
    }

    /** The account: records requests, answers as scripted. */
    static final class FakeAccount implements TradingAccount {
        final Set<Capability> capabilities;
        final List<OrderRequest> placed = new CopyOnWriteArrayList<>();
        final List<String> cancelled = new CopyOnWriteArrayList<>();
        final List<String> queried = new CopyOnWriteArrayList<>();
        final List<TradingListener> listeners = new CopyOnWriteArrayList<>();
        final Map<String, Order> known = new ConcurrentHashMap<>();
        /** When false, place() never answers. */
        volatile boolean answers = true;
        /** Orders of this type are refused by the exchange (code -2021), null for none. */
        volatile OrderType rejectType;

        FakeAccount(Set<Capability> capabilities) {
            this.capabilities = Set.copyOf(capabilities);
        }

        /** Streams an order change (and remembers it for queries). */
        void push(Order o) {
            known.put(o.clientOrderId(), o);
            listeners.forEach(l -> l.onOrder(o));
        }

        Order open(OrderRequest r) {
            Instant now = Instant.now();
            return Order.pending(r, "main", now).withId("X" + r.clientOrderId()).withStatus(OrderStatus.OPEN, "", now);
        }

        @Override
        public String accountId() {
            return "main";
        }

        @Override
        public String exchangeId() {
            return "fake";
        }

        @Override
        public String displayName() {
            return "Fake account";
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }

        @Override
        public ConnectionHealth health() {
            return new ConnectionHealth(ConnectionState.LIVE, "", Instant.now(), Duration.ZERO, 0, 0, 0);
        }

        @Override
        public Subscription subscribeHealth(HealthListener listener) {
            return subscription();
        }

        @Override
        public CompletionStage<Order> place(OrderRequest request) {
            placed.add(request);
            if (!answers) {
                return new CompletableFuture<>();
            }
            if (request.type() == rejectType) {
                Instant now = Instant.now();
                Order r = Order.pending(request, "main", now).rejected("-2021", "Order would immediately trigger.", now);
                known.put(r.clientOrderId(), r);
                return CompletableFuture.completedFuture(r);
            }
            Order o = open(request);
            known.put(o.clientOrderId(), o);
            return CompletableFuture.completedFuture(o);
        }

        @Override
        public CompletionStage<Order> cancel(String clientOrderId) {
            cancelled.add(clientOrderId);
            Order o = known.get(clientOrderId);
            if (o == null) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("unknown " + clientOrderId));
            }
            Order c = o.withStatus(OrderStatus.CANCELLED, "", Instant.now());
            push(c);
            return CompletableFuture.completedFuture(c);
        }

        @Override
        public CompletionStage<Order> amend(AmendRequest request) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("no amend"));
        }

        @Override
        public CompletionStage<Integer> cancelAll(Optional<InstrumentId> instrument) {
            return CompletableFuture.completedFuture(0);
        }

        @Override
        public CompletionStage<Optional<Order>> queryOrder(String clientOrderId) {
            queried.add(clientOrderId);
            return CompletableFuture.completedFuture(Optional.ofNullable(known.get(clientOrderId)));
        }

        @Override
        public CompletionStage<List<Order>> orderHistory(HistoryRequest request) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletionStage<List<Fill>> fills(HistoryRequest request) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public CompletionStage<SettingResult> configure(AccountSetting setting) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public List<Order> openOrders() {
            return new ArrayList<>(known.values()).stream().filter(o -> o.status().isWorking()).toList();
        }

        @Override
        public List<Balance> balances() {
            return List.of();
        }

        @Override
        public List<Position> positions() {
            return List.of();
        }

        @Override
        public Subscription subscribe(TradingListener listener) {
            listeners.add(listener);
            return subscription();
        }
    }
}
