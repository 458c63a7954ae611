package org.tradebench.connector.binance.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderProgress;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderStep;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.connector.binance.internal.BinanceConnector;
import org.tradebench.connector.binance.internal.trading.BinanceTradingAccount;
import org.tradebench.connector.conformance.Await;
import org.tradebench.core.risk.StandardRiskCheck;
import org.tradebench.core.trading.DefaultOrderGateway;
import org.tradebench.core.trading.RiskLimitsStore;

/**
 * USD-M orders with a take-profit and a stop-loss through the order gateway, end to end against
 * the simulator: the entry fills, the gateway sends both exits in parallel over the WebSocket API
 * (Binance's Algo Service: STOP_MARKET and TAKE_PROFIT_MARKET, reduce-only), and when Binance
 * refuses one of them the trader is told on the entry, with Binance's code and text, while the other
 * stays on the exchange protecting the position.
 */
class GatewayExitsTest {

    private BinanceTradingTarget target;
    private BinanceConnector connector;
    private DefaultOrderGateway gateway;
    private Path state;

    @AfterEach
    void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        if (connector != null) {
            connector.close();
        }
        if (target != null) {
            target.close();
        }
        if (state != null) {
            try (Stream<Path> files = Files.walk(state)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Order get(CompletionStage<Order> s) {
        try {
            return s.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theExitsGoInParallelAndOneRefusedLegIsReportedOnTheEntryWhileTheOtherStands() throws IOException {
        target = new BinanceTradingTarget(true);
        connector = target.connect(Map.of());
        BinanceTradingAccount a = connector.account();
        Await.until(() -> connector.catalog().loaded(), () -> "instruments");
        Await.until(() -> a.health().state() == ConnectionState.LIVE && a.accountLive(),
                () -> "order entry and account stream live: " + a.health());
        state = Files.createTempDirectory("tradebench-binance-gateway");
        gateway = new DefaultOrderGateway(new StandardRiskCheck(), new RiskLimitsStore(state.resolve("limits")), state,
                Duration.ofSeconds(10));
        gateway.addConnector(connector);
        AccountRef account = new AccountRef(connector.id(), target.accountId());
        List<Order> seen = new CopyOnWriteArrayList<>();
        gateway.subscribe(account, new TradingListener() {
            @Override
            public void onOrder(Order order) {
                seen.add(order);
            }
        });

        BigDecimal last = target.sim.liveBook(target.raw()).asks().get(0).price();
        BigDecimal tick = new BigDecimal("0.1");
        BigDecimal tp = last.multiply(new BigDecimal("1.05")).divide(tick, 0, RoundingMode.DOWN).multiply(tick);
        BigDecimal sl = last.multiply(new BigDecimal("0.95")).divide(tick, 0, RoundingMode.DOWN).multiply(tick);
        target.sim.rejectNextOrder("STOP_MARKET", -2021, "Order would immediately trigger.");
        String id = gateway.newClientOrderId();
        List<OrderProgress> steps = new CopyOnWriteArrayList<>();
        OrderRequest r = OrderRequest.market(id, target.primary(), Side.BUY, target.quantity())
                .withTakeProfit(ExitLeg.market(tp)).withStopLoss(ExitLeg.market(sl));
        Order entry = get(gateway.place(account, r, steps::add));
        assertTrue(entry.status() == OrderStatus.FILLED || entry.status().isWorking(), entry.toString());

        Await.until(() -> steps.stream().anyMatch(s -> s.step() == OrderStep.FAILED),
                () -> "the refused stop-loss reported on the entry: " + steps);
        OrderProgress failed = steps.stream().filter(s -> s.step() == OrderStep.FAILED).findFirst().orElseThrow();
        assertTrue(failed.message().startsWith("exit failed: stop-loss " + id + "-sl1 rejected by binance-usdm:"
                + " Binance rejected the order: Order would immediately trigger. (code -2021)"), failed.message());
        assertTrue(failed.message().contains("has no stop-loss; the take-profit " + id + "-tp1 stays"),
                failed.message());
        assertTrue(steps.stream().noneMatch(s -> s.step() == OrderStep.EXITS_PLACED), "not 'TP/SL placed': " + steps);
        Await.until(() -> latest(seen, id) != null && latest(seen, id).reason().startsWith("exit failed"),
                () -> "the entry carries the notice: " + latest(seen, id));

        // both legs were sent to Binance (each once), in parallel, for the filled quantity
        assertEquals(1, target.sim.newOrderRequests(id + "-tp1"));
        assertEquals(1, target.sim.newOrderRequests(id + "-sl1"));
        Order stopLoss = latest(seen, id + "-sl1");
        assertEquals(OrderStatus.REJECTED, stopLoss.status(), stopLoss.toString());
        assertEquals("-2021", stopLoss.errorCode());
        Await.until(() -> a.openOrders().stream().anyMatch(o -> o.clientOrderId().equals(id + "-tp1")),
                () -> "the take-profit resting at Binance: " + a.openOrders());
        Order takeProfit = a.openOrders().stream().filter(o -> o.clientOrderId().equals(id + "-tp1")).findFirst()
                .orElseThrow();
        assertEquals(OrderRole.TAKE_PROFIT, takeProfit.request().role());
        assertEquals(Side.SELL, takeProfit.request().side());
        assertTrue(takeProfit.request().has(OrderFlag.REDUCE_ONLY), takeProfit.toString());
        assertEquals(0, takeProfit.request().quantity().compareTo(target.quantity()), takeProfit.toString());
        assertEquals(0, takeProfit.request().triggerPrice().compareTo(tp), takeProfit.toString());
    }

    private static Order latest(List<Order> seen, String id) {
        List<Order> copy = new ArrayList<>(seen);
        for (int i = copy.size() - 1; i >= 0; i--) {
            if (copy.get(i).clientOrderId().equals(id)) {
                return copy.get(i);
            }
        }
        return null;
    }
}
