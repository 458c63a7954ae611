package org.tradebench.connector.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.Capability;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.market.Side;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.Placement;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.core.risk.StandardRiskCheck;
import org.tradebench.core.trading.DefaultOrderGateway;
import org.tradebench.core.trading.RiskLimitsStore;

/**
 * The trading part of the conformance kit: orders go through the real order gateway of
 * {@code org.tradebench.core} to the connector and its simulator. A connector's test bundle extends
 * it and says how to start its simulator ({@link #newTarget()}).
 *
 * <p>Checked: the life cycle of every order type the account declares; a client order id sent once
 * across a reconnect and across a restart of the connector; take-profit and stop-loss protecting
 * each partial fill (held by the exchange, or by the gateway); reconciliation of an order filled
 * while the connector was disconnected; cancel-all; and every stage completing when the connector
 * stops in the middle of an order.
 */
public abstract class TradingConformance {

    private static final Duration ANSWER = Duration.ofSeconds(5);

    private TradingTarget target;
    private final List<OpenConnector> opened = new ArrayList<>();
    private OpenConnector open;
    private DefaultOrderGateway gateway;
    private Path state;
    private AccountRef account;
    private final List<Order> seen = new CopyOnWriteArrayList<>();
    private BookModel book;

    /**
     * Starts the connector's simulator.
     *
     * @return a new target; the kit closes it after the test
     */
    protected abstract TradingTarget newTarget();

    @BeforeEach
    void start() throws IOException {
        target = newTarget();
        state = Files.createTempDirectory("tradebench-conformance-gateway");
        gateway = new DefaultOrderGateway(new StandardRiskCheck(), new RiskLimitsStore(state.resolve("limits")),
                state, ANSWER);
        open = openConnector();
        account = new AccountRef(connector().id(), target.accountId());
        gateway.subscribe(account, new TradingListener() {
            @Override
            public void onOrder(Order order) {
                seen.add(order);
            }
        });
        book = new BookModel();
        connector().marketData().subscribeBook(target.bookRequest(target.tradingInstrument()), book);
        Await.until(book::valid, () -> "the book of " + target.tradingInstrument() + ": " + book);
        Await.until(() -> tradingAccount().health().state() == org.tradebench.api.health.ConnectionState.LIVE,
                () -> "the trading account live: " + tradingAccount().health());
    }

    @AfterEach
    void stop() {
        try {
            gateway.close();
            for (OpenConnector c : opened) {
                c.close();
            }
        } finally {
            target.close();
            deleteQuietly(state);
        }
    }

    private OpenConnector openConnector() {
        OpenConnector c = target.openTrading();
        opened.add(c);
        gateway.addConnector(c.connector());
        return c;
    }

    private ExchangeConnector connector() {
        return open.connector();
    }

    private TradingAccount tradingAccount() {
        return connector().tradingAccount(target.accountId()).orElseThrow(
                () -> new AssertionError(connector().id() + " has no trading account " + target.accountId()));
    }

    private static Order get(CompletionStage<Order> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the order stage did not complete within 30 s: " + e, e);
        }
    }

    private Order latest(String clientOrderId) {
        for (int i = seen.size() - 1; i >= 0; i--) {
            if (seen.get(i).clientOrderId().equals(clientOrderId)) {
                return seen.get(i);
            }
        }
        return null;
    }

    private BigDecimal bid() {
        return book.best(Side.BUY);
    }

    private BigDecimal ask() {
        return book.best(Side.SELL);
    }

    private static BigDecimal times(BigDecimal price, String factor) {
        return price.multiply(new BigDecimal(factor)).setScale(Math.max(0, price.scale()), RoundingMode.HALF_EVEN);
    }

    private OrderRequest resting(String id) {
        return OrderRequest.limit(id, target.tradingInstrument(), Side.BUY, target.quantity(), times(bid(), "0.97"));
    }

    private Set<Capability> capabilities() {
        return tradingAccount().capabilities();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void everyDeclaredOrderTypeGoesThroughItsLifeCycle() {
        List<String> tried = new ArrayList<>();
        for (OrderType type : OrderType.values()) {
            Capability needed = switch (type) {
                case LIMIT -> Capability.ORDER_LIMIT;
                case MARKET -> Capability.ORDER_MARKET;
                case STOP -> Capability.ORDER_STOP;
                case STOP_LIMIT -> Capability.ORDER_STOP_LIMIT;
                case TAKE_PROFIT -> Capability.ORDER_TAKE_PROFIT;
                case TAKE_PROFIT_LIMIT -> Capability.ORDER_TAKE_PROFIT_LIMIT;
            };
            if (!capabilities().contains(needed)) {
                continue;
            }
            tried.add(type.wireName());
            String id = gateway.newClientOrderId();
            BigDecimal q = target.quantity();
            OrderRequest r = switch (type) {
                case LIMIT -> resting(id);
                case MARKET -> OrderRequest.market(id, target.tradingInstrument(), Side.BUY, q);
                case STOP -> OrderRequest.stop(id, target.tradingInstrument(), Side.BUY, q, times(ask(), "1.03"));
                case STOP_LIMIT -> OrderRequest.of(id, target.tradingInstrument(), Side.BUY, type, q,
                        times(ask(), "1.04"), times(ask(), "1.03"), TimeInForce.GTC);
                case TAKE_PROFIT -> OrderRequest.of(id, target.tradingInstrument(), Side.BUY, type, q, null,
                        times(bid(), "0.97"), TimeInForce.GTC);
                case TAKE_PROFIT_LIMIT -> OrderRequest.of(id, target.tradingInstrument(), Side.BUY, type, q,
                        times(bid(), "0.96"), times(bid(), "0.97"), TimeInForce.GTC);
            };
            Order placed = get(gateway.place(account, r));
            if (type == OrderType.MARKET) {
                Await.until(() -> latest(id) != null && latest(id).status() == OrderStatus.FILLED,
                        () -> "the market order filled: " + latest(id));
                assertTrue(latest(id).averagePrice() != null && latest(id).averagePrice().signum() > 0,
                        "a filled market order reports its price: " + latest(id));
                continue;
            }
            assertEquals(OrderStatus.OPEN, placed.status(), type + " placed: " + placed);
            assertFalse(placed.id().isEmpty(), "the exchange's id: " + placed);
            assertEquals(Placement.EXCHANGE, placed.placement());
            Order cancelled = get(gateway.cancel(account, id));
            Await.until(() -> latest(id) != null && latest(id).status() == OrderStatus.CANCELLED,
                    () -> type + " cancelled: " + cancelled + " / " + latest(id));
        }
        assertTrue(tried.contains("limit"), "every trading account offers limit orders: " + capabilities());
    }

    @Test
    void aClientOrderIdIsSentOnceAcrossAReconnectAndAConnectorRestart() {
        OrderRequest r = resting(gateway.newClientOrderId());
        assertEquals(OrderStatus.OPEN, get(gateway.place(account, r)).status());
        assertEquals(OrderStatus.OPEN, get(gateway.place(account, r)).status(), "sent again at once");
        assertEquals(1, target.newOrdersSeen(r.clientOrderId()));

        if (target.canDropTradingConnection()) {
            long reconnects = tradingAccount().health().reconnects();
            target.dropTradingConnection();
            Await.until(() -> tradingAccount().health().reconnects() > reconnects
                    && tradingAccount().health().state() == org.tradebench.api.health.ConnectionState.LIVE,
                    () -> "the trading session back: " + tradingAccount().health());
            get(gateway.place(account, r));
            assertEquals(1, target.newOrdersSeen(r.clientOrderId()), "not sent again after a reconnect");
        }

        gateway.removeConnector(open.connector());
        open.close();
        open = openConnector();
        Await.until(() -> tradingAccount().health().state() == org.tradebench.api.health.ConnectionState.LIVE,
                () -> "the new connector's trading account live: " + tradingAccount().health());
        // The gateway asks the new connector for what it knew as working: the exchange's answer wins.
        OrderStatus expected = target.keepsOrdersAcrossConnectors() ? OrderStatus.OPEN
                : OrderStatus.UNKNOWN_AFTER_DISCONNECT;
        Await.until(() -> get(gateway.place(account, r)).status() == expected,
                () -> "the order " + expected + " after the connector restarted: " + latest(r.clientOrderId()));
        assertEquals(1, target.newOrdersSeen(r.clientOrderId()), "not sent again after the connector restarted");
        if (target.keepsOrdersAcrossConnectors()) {
            get(gateway.cancel(account, r.clientOrderId()));
        }
    }

    @Test
    void takeProfitAndStopLossProtectEachPartialFill() {
        assumeTrue(capabilities().contains(Capability.ORDER_ATTACHED_TP_SL), "the account takes no exits");
        target.pauseMarket();
        Await.sleep(200);
        BigDecimal ask = ask();
        BigDecimal atAsk = book.size(Side.SELL, 0);
        BigDecimal part = target.quantity();
        if (atAsk.compareTo(part) > 0) {
            // Leave exactly `part` at the best ask: another participant buys the rest of the level.
            target.participantOrder(Side.BUY, ask, atAsk.subtract(part));
            Await.until(() -> book.best(Side.SELL).compareTo(ask) == 0
                    && book.size(Side.SELL, 0).compareTo(part) == 0,
                    () -> part + " left at the best ask " + ask + ": " + book.top(Side.SELL, 3));
        }
        BigDecimal filledFirst = book.size(Side.SELL, 0);
        BigDecimal quantity = filledFirst.add(target.quantity());
        String id = gateway.newClientOrderId();
        OrderRequest r = OrderRequest.limit(id, target.tradingInstrument(), Side.BUY, quantity, ask)
                .withTakeProfit(ExitLeg.market(times(ask, "1.05"))).withStopLoss(ExitLeg.market(times(ask, "0.95")));

        Order entry = get(gateway.place(account, r));
        Await.until(() -> latest(id) != null && latest(id).filledQuantity().signum() > 0,
                () -> "the entry partly filled: " + latest(id) + " (placed " + entry + ")");
        Order partly = latest(id);
        assertEquals(OrderStatus.PARTIALLY_FILLED, partly.status(), "fills the best ask, rests the rest: " + partly);
        BigDecimal filled = partly.filledQuantity();
        Await.until(() -> protectedQuantity(id, OrderRole.STOP_LOSS).compareTo(filled) == 0
                && protectedQuantity(id, OrderRole.TAKE_PROFIT).compareTo(filled) == 0,
                () -> "exits for the " + filled + " filled: " + exits(id));

        get(gateway.cancel(account, id));
        Await.until(() -> latest(id).status() == OrderStatus.CANCELLED, () -> "the entry cancelled: " + latest(id));
        Await.sleep(300);
        assertEquals(0, protectedQuantity(id, OrderRole.STOP_LOSS).compareTo(filled),
                "the filled part stays protected after the cancel: " + exits(id));
        target.resumeMarket();
    }

    private List<Order> exits(String entryId) {
        List<Order> out = new ArrayList<>(gateway.localOrders(account));
        out.addAll(tradingAccount().openOrders());
        out.removeIf(o -> !entryId.equals(o.request().parentClientOrderId()) || !o.status().isWorking());
        out.sort(Comparator.comparing(Order::clientOrderId));
        return out;
    }

    private BigDecimal protectedQuantity(String entryId, OrderRole role) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Order o : exits(entryId)) {
            if (o.request().role() == role) {
                sum = sum.add(o.remainingQuantity());
            }
        }
        return sum;
    }

    @Test
    void anOrderFilledWhileDisconnectedIsReconciled() {
        assumeTrue(target.canDropTradingConnection(), "the simulator has no connection to drop");
        OrderRequest r = resting(gateway.newClientOrderId());
        assertEquals(OrderStatus.OPEN, get(gateway.place(account, r)).status());

        target.fillWhileDisconnected(r.clientOrderId(), get(gateway.place(account, r)).request().price());

        Await.until(() -> latest(r.clientOrderId()).status() == OrderStatus.FILLED,
                () -> "the fill learnt after the reconnect: " + latest(r.clientOrderId()));
        assertEquals(0, latest(r.clientOrderId()).filledQuantity().compareTo(r.quantity()));
    }

    @Test
    void cancelAllCancelsEveryWorkingOrder() {
        OrderRequest a = resting(gateway.newClientOrderId());
        OrderRequest b = OrderRequest.limit(gateway.newClientOrderId(), target.tradingInstrument(), Side.BUY,
                target.quantity(), times(bid(), "0.96"));
        get(gateway.place(account, a));
        get(gateway.place(account, b));

        int n = gateway.cancelAll(account, Optional.empty()).toCompletableFuture().join();

        assertTrue(n >= 2, "cancelled " + n);
        Await.until(() -> latest(a.clientOrderId()).status() == OrderStatus.CANCELLED
                && latest(b.clientOrderId()).status() == OrderStatus.CANCELLED,
                () -> "both cancelled: " + latest(a.clientOrderId()) + ", " + latest(b.clientOrderId()));
        Await.until(() -> tradingAccount().openOrders().stream().noneMatch(o -> o.clientOrderId().equals(
                a.clientOrderId()) || o.clientOrderId().equals(b.clientOrderId())), () -> "no working orders");
    }

    @Test
    void everyStageCompletesWhenTheConnectorStopsMidOrder() {
        if (target.canSilenceOrders()) {
            target.silenceOrders();
        }
        OrderRequest r = resting(gateway.newClientOrderId());
        CompletionStage<Order> placing = gateway.place(account, r);
        if (target.canSilenceOrders()) {
            // Stopped only once the exchange took the request: stopped before the frame left, the
            // order would rightly be REJECTED (never sent) instead.
            Await.until(target::silencedRequestArrived, () -> "the order request at the exchange: "
                    + latest(r.clientOrderId()));
        } else {
            Await.sleep(100);
        }
        gateway.removeConnector(open.connector());
        open.close();

        Order o = get(placing);

        assertTrue(Set.of(OrderStatus.OPEN, OrderStatus.UNKNOWN_AFTER_DISCONNECT, OrderStatus.REJECTED)
                .contains(o.status()), "a state, not a hang: " + o);
        if (target.canSilenceOrders()) {
            assertEquals(OrderStatus.UNKNOWN_AFTER_DISCONNECT, o.status(), o.toString());
        }
        Order cancel = get(gateway.cancel(account, r.clientOrderId()).exceptionally(e -> null));
        assertTrue(cancel == null || cancel.clientOrderId().equals(r.clientOrderId()));
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory
        }
    }
}
