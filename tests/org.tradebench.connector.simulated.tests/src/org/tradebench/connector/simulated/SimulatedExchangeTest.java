package org.tradebench.connector.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.tradebench.api.Capability;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;

/** The running connector: one venue thread, posted calls, callbacks on that thread. */
class SimulatedExchangeTest {

    private static final InstrumentId BTC = new InstrumentId(SimulatedExchange.ID, "BTC/USD");

    @Test
    void callbacksRunOnTheVenueThreadAndOrdersCompleteThere() throws Exception {
        try (SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchangeConfig.DEFAULTS.withEventsPerSecond(500))) {
            assertEquals("simulated", exchange.id());
            assertEquals("Simulated Exchange", exchange.displayName());
            assertTrue(exchange.capabilities().containsAll(Set.of(Capability.TRADING, Capability.ORDER_BOOK,
                    Capability.ORDER_ATTACHED_TP_SL, Capability.CANDLE_HISTORY, Capability.POSITIONS)));
            assertEquals(4, exchange.instruments().size());

            Set<String> threads = ConcurrentHashMap.newKeySet();
            CountDownLatch trades = new CountDownLatch(5);
            exchange.marketData().subscribeTrades(BTC, t -> {
                threads.add(Thread.currentThread().getName());
                trades.countDown();
            });
            List<BookEvent> book = new CopyOnWriteArrayList<>();
            exchange.marketData().subscribeBook(new BookRequest(BTC, 50), book::add);
            List<Order> orders = new CopyOnWriteArrayList<>();
            TradingAccount account = exchange.trading().orElseThrow();
            account.subscribe(new TradingListener() {
                @Override
                public void onOrder(Order order) {
                    threads.add(Thread.currentThread().getName());
                    orders.add(order);
                }
            });
            assertTrue(trades.await(10, TimeUnit.SECONDS), "trades flow");

            Order o = account.place(OrderRequest.market("t-1", BTC, Side.BUY, new BigDecimal("0.01")))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(OrderStatus.FILLED, o.status());
            assertEquals(Set.of(SimulatedExchange.THREAD_NAME), threads);
            assertEquals(OrderStatus.FILLED, orders.get(orders.size() - 1).status());
            assertEquals(new BigDecimal("0.01"),
                    account.balances().stream().filter(b -> b.currency().equals("BTC")).findFirst().orElseThrow().total());
            assertInstanceOf(BookSnapshot.class, book.get(0));
            assertEquals(50, ((BookSnapshot) book.get(0)).bids().size());
        }
    }

    @Test
    void healthIsLiveWithAMeasuredLoopLatency() throws Exception {
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
            assertEquals(ConnectionState.LIVE, values.get(0).state());
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
        }
    }

    @Test
    void unknownInstrumentFailsAtOnceAndAClosedExchangeRefusesOrders() {
        SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchangeConfig.DEFAULTS);
        assertThrows(IllegalArgumentException.class,
                () -> exchange.marketData().subscribeTicker(new InstrumentId("simulated", "XRP/USD"), t -> { }));
        exchange.close();
        exchange.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> exchange.trading().orElseThrow()
                .place(OrderRequest.market("late", BTC, Side.BUY, new BigDecimal("0.01"))).toCompletableFuture()
                .get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        CompletionException unknown = assertThrows(CompletionException.class,
                () -> exchange.trading().orElseThrow().cancel("x").toCompletableFuture().join());
        assertInstanceOf(IllegalStateException.class, unknown.getCause());
    }
}
