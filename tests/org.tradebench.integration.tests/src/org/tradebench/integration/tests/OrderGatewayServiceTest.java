package org.tradebench.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderGateway;
import org.tradebench.api.trading.OrderProgress;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderStep;
import org.tradebench.api.trading.TradingListener;

/**
 * The order gateway as the product runs it: core's DS component, the simulated exchange's DS
 * component, an order placed, seen through the gateway's stream, and cancelled.
 */
class OrderGatewayServiceTest {

    private static final AccountRef SIMULATED = new AccountRef("simulated", "main");
    private static ServiceTracker<OrderGateway, OrderGateway> gateways;
    private static ServiceTracker<ExchangeConnector, ExchangeConnector> connectors;

    @BeforeAll
    static void track() {
        BundleContext context = FrameworkUtil.getBundle(OrderGatewayServiceTest.class).getBundleContext();
        gateways = new ServiceTracker<>(context, OrderGateway.class, null);
        gateways.open();
        connectors = new ServiceTracker<>(context, ExchangeConnector.class, null);
        connectors.open();
    }

    @AfterAll
    static void untrack() {
        gateways.close();
        connectors.close();
    }

    @Test
    void anOrderGoesThroughTheGatewayServiceToTheSimulatedExchangeAndBack() throws Exception {
        OrderGateway gateway = gateways.waitForService(20_000);
        assertNotNull(gateway, "core must register the OrderGateway service");
        ExchangeConnector simulated = connectors.waitForService(20_000);
        assertNotNull(simulated);
        Ticker[] last = new Ticker[1];
        java.util.concurrent.CountDownLatch priced = new java.util.concurrent.CountDownLatch(1);
        Subscription t = simulated.marketData().subscribeTicker(simulated.instrument("BTC/USD").orElseThrow().id(),
                k -> {
                    if (k.quote() != null) {
                        last[0] = k;
                        priced.countDown();
                    }
                });
        assertTrue(priced.await(20, TimeUnit.SECONDS), "a BTC/USD ticker");
        t.close();
        List<Order> seen = new CopyOnWriteArrayList<>();
        Subscription stream = gateway.subscribe(SIMULATED, new TradingListener() {
            @Override
            public void onOrder(Order order) {
                seen.add(order);
            }
        });
        BigDecimal price = last[0].quote().bid().multiply(new BigDecimal("0.98")).setScale(0, RoundingMode.DOWN);
        String id = gateway.newClientOrderId();
        List<OrderProgress> steps = new CopyOnWriteArrayList<>();

        Order placed = gateway.place(SIMULATED, OrderRequest.limit(id, last[0].instrument(), Side.BUY,
                new BigDecimal("0.01"), price), steps::add).toCompletableFuture().get(20, TimeUnit.SECONDS);

        assertEquals(OrderStatus.OPEN, placed.status(), placed.toString());
        assertFalse(placed.id().isEmpty());
        assertEquals(List.of(OrderStep.CHECKING, OrderStep.SENDING, OrderStep.ACCEPTED),
                steps.stream().map(OrderProgress::step).toList());
        Order cancelled = gateway.cancel(SIMULATED, id).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(OrderStatus.CANCELLED, cancelled.status());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.stream().noneMatch(o -> o.clientOrderId().equals(id) && o.status() == OrderStatus.CANCELLED)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(seen.stream().anyMatch(o -> o.clientOrderId().equals(id) && o.status() == OrderStatus.OPEN),
                "the stream saw it open: " + seen);
        assertTrue(seen.stream().anyMatch(o -> o.clientOrderId().equals(id) && o.status() == OrderStatus.CANCELLED),
                "and cancelled: " + seen);
        stream.close();

        Order again = gateway.place(SIMULATED, OrderRequest.limit(id, last[0].instrument(), Side.BUY,
                new BigDecimal("0.01"), price)).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertEquals(OrderStatus.CANCELLED, again.status(), "the same client order id is not sent again");
    }
}
