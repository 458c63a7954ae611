package org.tradebench.connector.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.tradebench.api.Capability;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataSource;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleHistoryRequest;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.trading.AccountSetting;
import org.tradebench.api.trading.AmendRequest;
import org.tradebench.api.trading.HistoryRequest;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.Placement;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.core.book.OrderBook;

/**
 * The running connector: the venue on the runtime's control thread, every listener and future on its
 * delivery thread, books shared and conflated for slow listeners.
 */
class SimulatedExchangeTest {

    private static final InstrumentId BTC = new InstrumentId(SimulatedExchange.ID, "BTC/USD");
    private static final InstrumentId PERP = new InstrumentId(SimulatedExchange.ID, "BTC/USD:USD");

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Applies a book update to a book a listener keeps (what a view does with deltas). */
    private static void apply(BookUpdate u, OrderBook book) {
        if (u.kind() != BookUpdate.Kind.DELTA) {
            book.clear();
        }
        for (Side side : Side.values()) {
            for (int i = 0; i < u.changes(side); i++) {
                book.set(side, u.changePrice(side, i), u.changeSize(side, i), u.changeOrderCount(side, i));
            }
        }
    }

    /** Where two books differ, for a message; empty when they hold the same levels. */
    private static String difference(OrderBook expected, org.tradebench.api.market.OrderBookView actual, int depth) {
        for (Side side : Side.values()) {
            int n = Math.min(depth, expected.levels(side));
            if (Math.min(depth, actual.levels(side)) != n) {
                return side + " has " + actual.levels(side) + " levels, expected " + expected.levels(side);
            }
            for (int i = 0; i < n; i++) {
                if (expected.price(side, i) != actual.price(side, i) || expected.size(side, i) != actual.size(side, i)
                        || expected.orderCount(side, i) != actual.orderCount(side, i)) {
                    return side + " level " + i + ": " + expected.price(side, i) + "x" + expected.size(side, i)
                            + " expected, was " + actual.price(side, i) + "x" + actual.size(side, i);
                }
            }
        }
        return "";
    }

    @Test
    void aMarketThatCannotKeepUpStillLetsOrdersAndSubscriptionsThrough() throws Exception {
        // a million events a second on one instrument: far more than the venue's thread runs, so the
        // market falls behind the wall clock and catches up slice after slice
        try (SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchangeConfig.DEFAULTS
                .withEventsPerSecond(SimulatedExchangeConfig.MAX_RATE).withFocus("BTC/USD"))) {
            Thread.sleep(500);
            TradingAccount account = exchange.trading().orElseThrow();
            Order order = account.place(OrderRequest.limit("behind-1", BTC, Side.BUY, new BigDecimal("0.01"),
                    new BigDecimal("60000"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(OrderStatus.OPEN, order.status(), "an order is answered while the market catches up: " + order);
            CountDownLatch ticker = new CountDownLatch(1);
            try (Subscription s = exchange.marketData().subscribeTicker(BTC, t -> ticker.countDown())) {
                assertTrue(ticker.await(10, TimeUnit.SECONDS), "a subscription is served while the market catches up");
            }
            assertEquals(OrderStatus.CANCELLED, account.cancel("behind-1").toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void listenersAndFuturesRunOnTheDeliveryThreadNeverOnTheVenueThread() throws Exception {
        try (SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(500))) {
            assertEquals("simulated", exchange.id());
            assertEquals("Simulated Exchange", exchange.displayName());
            assertTrue(exchange.capabilities().containsAll(Set.of(Capability.TRADING, Capability.ORDER_BOOK,
                    Capability.ORDER_ATTACHED_TP_SL, Capability.CANDLE_HISTORY, Capability.POSITIONS,
                    Capability.ORDER_AMEND, Capability.MARK_PRICE, Capability.LIQUIDATIONS)));
            assertFalse(exchange.capabilities().contains(Capability.ORDER_BOOK_RAW));
            assertFalse(exchange.capabilities().contains(Capability.ORDER_TRIGGER_MARK));
            assertEquals(4, exchange.instruments().size());
            assertEquals(SimulatedExchange.VENUE_THREAD, exchange.inspect(v -> Thread.currentThread().getName()));

            Set<String> threads = ConcurrentHashMap.newKeySet();
            CountDownLatch trades = new CountDownLatch(5);
            exchange.marketData().subscribeTrades(BTC, t -> {
                threads.add(Thread.currentThread().getName());
                trades.countDown();
            });
            exchange.marketData().subscribeBook(new BookRequest(BTC, 50),
                    u -> threads.add(Thread.currentThread().getName()));
            List<Order> orders = new CopyOnWriteArrayList<>();
            TradingAccount account = exchange.trading().orElseThrow();
            assertEquals("main", account.accountId());
            assertEquals(Optional.of(account), exchange.tradingAccount("main"));
            account.subscribe(new TradingListener() {
                @Override
                public void onOrder(Order order) {
                    threads.add(Thread.currentThread().getName());
                    orders.add(order);
                }
            });
            assertTrue(trades.await(10, TimeUnit.SECONDS), "trades flow");

            AtomicReference<String> completedOn = new AtomicReference<>();
            // Hold the delivery thread until the callback is attached: attached to a future that
            // has completed already, it would run on this thread and tell nothing.
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicBoolean hold = new java.util.concurrent.atomic.AtomicBoolean(true);
            exchange.marketData().subscribeTrades(BTC, t -> {
                if (hold.getAndSet(false)) {
                    holding.countDown();
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            assertTrue(holding.await(10, TimeUnit.SECONDS), "the delivery thread held");
            CompletableFuture<Order> placing = account.place(OrderRequest.market("t-1", BTC, Side.BUY,
                    new BigDecimal("0.01"))).whenComplete((v, e) -> completedOn.set(Thread.currentThread().getName()))
                    .toCompletableFuture();
            release.countDown();
            Order o = placing.get(5, TimeUnit.SECONDS);
            assertEquals(OrderStatus.FILLED, o.status());
            assertEquals("main", o.accountId());
            assertEquals(Placement.EXCHANGE, o.placement());
            assertEquals(SimulatedExchange.DELIVERY_THREAD, completedOn.get());
            await(() -> !orders.isEmpty() && orders.get(orders.size() - 1).status() == OrderStatus.FILLED,
                    Duration.ofSeconds(5), "the filled order on the stream");
            assertEquals(Set.of(SimulatedExchange.DELIVERY_THREAD), threads);
            assertEquals(new BigDecimal("0.01"), account.balances().stream()
                    .filter(b -> b.currency().equals("BTC")).findFirst().orElseThrow().total());
        }
    }

    @Test
    void bookUpdatesComeInSequenceWithAValidBookAfterEveryOneAndDeltasThatRebuildIt() throws Exception {
        try (SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(2000))) {
            List<String> problems = new CopyOnWriteArrayList<>();
            AtomicInteger updates = new AtomicInteger();
            OrderBook rebuilt = new OrderBook(1, 4);
            OrderBook check = new OrderBook(1, 4);
            long[] last = { 0 };
            Subscription s = exchange.marketData().subscribeBook(new BookRequest(BTC, 50), u -> {
                if (!Thread.currentThread().getName().equals(SimulatedExchange.DELIVERY_THREAD)) {
                    problems.add("called on " + Thread.currentThread().getName());
                }
                if (u.sequence() != last[0] + 1) {
                    problems.add("sequence " + u.sequence() + " after " + last[0]);
                }
                last[0] = u.sequence();
                if (updates.get() == 0 && u.kind() != BookUpdate.Kind.SNAPSHOT) {
                    problems.add("first update is a " + u.kind());
                }
                OrderBook book;
                if (u.book() instanceof OrderBook own) {
                    book = own; // the update's own book: core's order book
                } else {
                    check.copyFrom(u.book());
                    book = check;
                }
                if (!book.violations().isEmpty()) {
                    problems.add("invalid book after update " + u.sequence() + ": " + book.violations());
                }
                apply(u, rebuilt);
                String diff = difference(rebuilt, u.book(), Integer.MAX_VALUE);
                if (!diff.isEmpty()) {
                    problems.add("deltas do not rebuild the book at " + u.sequence() + ": " + diff);
                }
                if (u.book().levels(Side.BUY) != 50 || u.book().levels(Side.SELL) != 50) {
                    problems.add("not 50 levels a side");
                }
                updates.incrementAndGet();
            });
            await(() -> updates.get() >= 300, Duration.ofSeconds(20), "300 book updates");
            s.close();
            assertEquals(List.of(), problems);
            assertEquals(DataState.CLOSED, s.health().state());
        }
    }

    @Test
    void aSlowListenerDoesNotSlowTheMarketAndItsMergedDeltasStillRebuildTheExactBook() throws Exception {
        double rate = 5000;
        try (SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(rate))) {
            List<String> problems = new CopyOnWriteArrayList<>();
            AtomicInteger updates = new AtomicInteger();
            OrderBook rebuilt = new OrderBook(1, 4);
            long startNanos = System.nanoTime();
            long startEvents = exchange.inspect(v -> v.marketEvents());
            exchange.marketData().subscribeBook(new BookRequest(BTC, 25), u -> {
                apply(u, rebuilt);
                String diff = difference(rebuilt, u.book(), Integer.MAX_VALUE);
                if (!diff.isEmpty()) {
                    problems.add("update " + u.sequence() + ": " + diff);
                }
                updates.incrementAndGet();
                try {
                    Thread.sleep(50); // a view that blocks: what the contract forbids, and must survive
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.sleep(2000);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            long events = exchange.inspect(v -> v.marketEvents()) - startEvents;
            long venueLagMillis = exchange.inspect(v -> Duration.between(v.instant(), java.time.Instant.now()).toMillis());
            long commits = exchange.inspect(v -> v.bookStreams(BTC).get(0).commits());
            assertTrue(events > rate * seconds * 0.8, "the market kept its pace: " + events + " events in " + seconds
                    + " s at " + rate + " a second");
            assertTrue(updates.get() <= 2 * seconds / 0.05 + 2, "the listener took " + updates.get() + " updates");
            assertTrue(commits > 5L * updates.get(), "its updates merged " + commits + " commits into " + updates.get());
            assertTrue(venueLagMillis < 1000, "venue time follows the wall clock: " + venueLagMillis + " ms behind");

            exchange.runMarket(false); // freeze, then let the listener catch up
            int[] seen = { -1 };
            await(() -> {
                int now = updates.get();
                boolean quiet = now == seen[0];
                seen[0] = now;
                if (!quiet) {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return quiet;
            }, Duration.ofSeconds(10), "the slow listener to catch up");
            OrderBook venueBook = exchange.inspect(v -> {
                OrderBook copy = new OrderBook(1, 4);
                copy.copyFrom(v.book(BTC));
                return copy;
            });
            assertEquals("", difference(venueBook, rebuilt, 25), "the listener's book is the venue's top 25");
            assertEquals(25, rebuilt.levels(Side.BUY));
            assertEquals(List.of(), problems);
        }
    }

    @Test
    void healthHasALiveSimulatedMarketDataSessionAndATradingSessionWithAMeasuredLatency() throws Exception {
        try (SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(200))) {
            List<ConnectionHealth> values = new CopyOnWriteArrayList<>();
            CountDownLatch three = new CountDownLatch(3);
            exchange.subscribeHealth(h -> {
                values.add(h);
                three.countDown();
            });
            assertTrue(three.await(10, TimeUnit.SECONDS));
            ConnectionHealth h = exchange.health();
            assertEquals(ConnectionState.LIVE, h.state());
            assertNotNull(h.latency(), "the loop delay was measured");
            assertTrue(h.messagesPerSecond() > 50, "events flow: " + h.messagesPerSecond());
            SessionHealth md = h.session(SessionHealth.MARKET_DATA).orElseThrow();
            assertEquals(DataSource.SIMULATED, md.source());
            assertEquals(ConnectionState.LIVE, h.session(SessionHealth.TRADING).orElseThrow().state());
            assertEquals(ConnectionState.LIVE, values.get(0).state());
            ConnectionHealth account = exchange.trading().orElseThrow().health();
            assertEquals(List.of(SessionHealth.TRADING), List.copyOf(account.sessions().keySet()));
        }
    }

    @Test
    void aThrowingListenerKeepsItsSubscriptionAndCloseStopsCallbacks() throws Exception {
        try (SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(1000))) {
            AtomicInteger calls = new AtomicInteger();
            CountDownLatch many = new CountDownLatch(20);
            Subscription s = exchange.marketData().subscribeBook(new BookRequest(BTC, 10), e -> {
                calls.incrementAndGet();
                many.countDown();
                throw new IllegalStateException("listener bug");
            });
            assertTrue(many.await(10, TimeUnit.SECONDS), "callbacks continue after the listener threw");
            assertTrue(s.isActive());
            s.close();
            int after = calls.get();
            Thread.sleep(100);
            assertEquals(after, calls.get(), "no callback starts after close returned");
            await(() -> exchange.inspect(v -> v.bookStreams(BTC).isEmpty()), Duration.ofSeconds(5),
                    "the venue to stop feeding the closed book");
        }
    }

    @Test
    void theMarkPriceOfThePerpetualStreamsOnceASecond() throws Exception {
        try (SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchangeConfig.DEFAULTS)) {
            List<MarkPrice> marks = new CopyOnWriteArrayList<>();
            exchange.marketData().subscribeMarkPrice(PERP, marks::add);
            await(() -> marks.size() >= 3, Duration.ofSeconds(10), "three mark prices");
            MarkPrice m = marks.get(marks.size() - 1);
            assertNotNull(m.markPrice());
            assertNotNull(m.indexPrice());
            assertNotNull(m.fundingRate());
            assertTrue(m.nextFunding().isAfter(m.time()));
        }
    }

    @Test
    void anUnlistedInstrumentEndsFailedOnTheDeliveryThreadAndAnotherExchangesIsRefused() throws Exception {
        try (SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchangeConfig.DEFAULTS)) {
            List<String> heard = new CopyOnWriteArrayList<>();
            Subscription s = exchange.marketData().subscribeTicker(new InstrumentId("simulated", "XRP/USD"),
                    new TickerListener() {
                        @Override
                        public void onTicker(org.tradebench.api.market.Ticker ticker) {
                            heard.add("ticker");
                        }

                        @Override
                        public void onHealth(DataHealth h) {
                            heard.add(h.state().wireName() + " on " + Thread.currentThread().getName() + ": "
                                    + h.cause());
                        }
                    });
            await(() -> !heard.isEmpty(), Duration.ofSeconds(5), "the failure");
            assertEquals(List.of("failed on simulated-delivery: unknown instrument simulated:XRP/USD: the simulated "
                    + "exchange lists BTC/USD, ETH/USD, SOL/USD, BTC/USD:USD"), heard);
            await(() -> !s.isActive(), Duration.ofSeconds(5), "the subscription to end");
            assertThrows(IllegalArgumentException.class,
                    () -> exchange.marketData().subscribeTicker(new InstrumentId("binance", "BTC/USDT"), t -> { }));
        }
    }

    @Test
    void ordersAmendsQueriesHistoriesAndSettingsGoThroughTheAccount() throws Exception {
        try (SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(200))) {
            TradingAccount account = exchange.trading().orElseThrow();
            BigDecimal bid = exchange.inspect(v -> v.book(BTC).bestBid() == 0 ? null
                    : new BigDecimal(v.book(BTC).bestBid()).movePointLeft(1));
            BigDecimal price = bid.subtract(new BigDecimal("50"));
            Order placed = account.place(OrderRequest.limit("o-1", BTC, Side.BUY, new BigDecimal("0.01"), price))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(OrderStatus.OPEN, placed.status());

            Order amended = account.amend(AmendRequest.price("o-1", price.subtract(BigDecimal.ONE)))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(price.subtract(BigDecimal.ONE), amended.request().price());
            assertEquals(Optional.of(amended), account.queryOrder("o-1").toCompletableFuture().get(5, TimeUnit.SECONDS));
            assertEquals(List.of(amended), account.openOrders());
            assertEquals(Optional.empty(), account.queryOrder("never").toCompletableFuture().get(5, TimeUnit.SECONDS));

            account.place(OrderRequest.market("o-2", BTC, Side.BUY, new BigDecimal("0.01")))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            List<Order> history = account.orderHistory(HistoryRequest.latest(BTC, 10))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(List.of("o-1", "o-2"), history.stream().map(Order::clientOrderId).toList());
            assertFalse(account.fills(HistoryRequest.latest(BTC, 10)).toCompletableFuture().get(5, TimeUnit.SECONDS)
                    .isEmpty());
            assertTrue(account.configure(new AccountSetting.Leverage(PERP, new BigDecimal("3")))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS).applied());

            List<Candle> candles = exchange.marketData().candleHistory(CandleHistoryRequest.before(BTC,
                    CandleInterval.M1, null, 100)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(100, candles.size());
            CompletionException unknown = assertThrows(CompletionException.class, () -> exchange.marketData()
                    .candleHistory(CandleHistoryRequest.before(new InstrumentId("simulated", "XRP/USD"),
                            CandleInterval.M1, null, 10))
                    .toCompletableFuture().join());
            assertInstanceOf(IllegalArgumentException.class, unknown.getCause());
            assertTrue(unknown.getCause().getMessage().startsWith("unknown instrument simulated:XRP/USD"));
            CompletionException cancel = assertThrows(CompletionException.class,
                    () -> account.cancel("never").toCompletableFuture().join());
            assertEquals("no order with client order id 'never'", cancel.getCause().getMessage());
        }
    }

    @Test
    void aClosedExchangeRejectsOrdersWithACodeAndFailsOtherRequests() {
        SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchangeConfig.DEFAULTS);
        TradingAccount account = exchange.trading().orElseThrow();
        exchange.close();
        exchange.close();
        Order late = account.place(OrderRequest.market("late", BTC, Side.BUY, new BigDecimal("0.01")))
                .toCompletableFuture().join();
        assertEquals(OrderStatus.REJECTED, late.status());
        assertEquals(SimulatedExchange.CLOSED, late.errorCode());
        assertEquals("the simulated exchange is closed", late.reason());
        CompletionException cancel = assertThrows(CompletionException.class,
                () -> account.cancel("x").toCompletableFuture().join());
        assertInstanceOf(IllegalStateException.class, cancel.getCause());
        assertEquals(ConnectionState.DISCONNECTED, exchange.health().state());
        assertFalse(account.configure(new AccountSetting.HedgeMode(false)).toCompletableFuture().join().applied());
    }

    @Test
    void everyAccountSubscriptionGetsTheCurrentStateFirstThenTheSameEvents() throws Exception {
        try (SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchangeConfig.DEFAULTS)) {
            TradingAccount account = exchange.trading().orElseThrow();
            List<Object> first = new CopyOnWriteArrayList<>();
            List<Object> second = new CopyOnWriteArrayList<>();
            account.subscribe(new TradingListener() {
                @Override
                public void onBalance(org.tradebench.api.account.Balance b) {
                    first.add(b);
                }
            });
            account.subscribe(new TradingListener() {
                @Override
                public void onBalance(org.tradebench.api.account.Balance b) {
                    second.add(b);
                }
            });
            await(() -> first.size() == 5 && second.size() == 5, Duration.ofSeconds(5), "the five balances each");
            assertEquals(first, second);
            Order o = account.place(OrderRequest.market("both", BTC, Side.BUY, new BigDecimal("0.01")))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            await(() -> first.size() > 5 && second.size() == first.size(), Duration.ofSeconds(5),
                    "the balance changes of " + o.clientOrderId() + " on both");
            assertEquals(first, second);
        }
    }
}
