package org.tradebench.core.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tradebench.api.Capability;
import org.tradebench.api.market.Side;
import org.tradebench.api.risk.RiskLimits;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderProgress;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderStep;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.Placement;
import org.tradebench.api.trading.Reconciliation;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.core.risk.StandardRiskCheck;

/**
 * The order gateway on an in-test exchange: risk limits per account, rounding before sending,
 * idempotency across a restart, local exits on each fill and their re-arming after a restart,
 * answers that never come, and an exchange that is not running.
 */
class OrderGatewayTest {

    private static final AccountRef FAKE = new AccountRef("fake", "main");

    @TempDir
    Path dir;
    private final List<DefaultOrderGateway> gateways = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        gateways.forEach(DefaultOrderGateway::close);
    }

    private DefaultOrderGateway gateway(FakeExchange exchange) throws IOException {
        DefaultOrderGateway g = new DefaultOrderGateway(new StandardRiskCheck(),
                new RiskLimitsStore(dir.resolve(RiskLimitsStore.FILE)), dir, Duration.ofMillis(400));
        gateways.add(g);
        if (exchange != null) {
            g.addConnector(exchange);
            // The gateway subscribes the ticker on first use; then the market gets a price.
            g.preview(FAKE, OrderRequest.limit("warm-up", FakeExchange.PERP, Side.BUY, d("0.01"), d("65000")));
            exchange.ticker(FakeExchange.PERP, "64999.5", "65000.5", "65000");
            exchange.ticker(FakeExchange.SPOT, "64999.9", "65000.1", "65000");
        }
        return g;
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static Order get(java.util.concurrent.CompletionStage<Order> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Records what a subscriber to the gateway sees. */
    private static final class Seen implements TradingListener {
        final List<Order> orders = new CopyOnWriteArrayList<>();
        final List<Reconciliation> reconciliations = new CopyOnWriteArrayList<>();

        @Override
        public void onOrder(Order order) {
            orders.add(order);
        }

        @Override
        public void onReconciliation(Reconciliation r) {
            reconciliations.add(r);
        }

        Order last(String cid) {
            for (int i = orders.size() - 1; i >= 0; i--) {
                if (orders.get(i).clientOrderId().equals(cid)) {
                    return orders.get(i);
                }
            }
            return null;
        }
    }

    @Test
    void theUsersLimitsForTheAccountRefuseAnOrderBeforeAnythingIsSent() throws Exception {
        FakeExchange x = new FakeExchange(FakeExchange.withoutNativeExits());
        DefaultOrderGateway g = gateway(x);
        RiskLimitsStore store = new RiskLimitsStore(dir.resolve(RiskLimitsStore.FILE));
        store.store(FAKE, new RiskLimits(d("1"), d("1000000"), d("0.1"), true, 0, null));
        DefaultOrderGateway limited = new DefaultOrderGateway(new StandardRiskCheck(), store, dir.resolve("other"),
                Duration.ofMillis(400));
        gateways.add(limited);
        limited.addConnector(x);
        limited.preview(FAKE, OrderRequest.limit("warm", FakeExchange.PERP, Side.BUY, d("0.01"), d("65000")));
        x.ticker(FakeExchange.PERP, "64999.5", "65000.5", "65000");
        List<OrderProgress> steps = new CopyOnWriteArrayList<>();

        Order o = get(limited.place(FAKE, OrderRequest.limit("big", FakeExchange.PERP, Side.BUY, d("2"), d("65000")),
                steps::add));

        assertEquals(OrderStatus.REJECTED, o.status());
        assertEquals(DefaultOrderGateway.RISK_CHECK, o.errorCode());
        assertEquals("refused by the pre-trade risk check: quantity 2 exceeds the maximum of 1 per order", o.reason());
        assertTrue(x.account.placed.isEmpty(), "nothing reached the exchange");
        assertEquals(List.of(OrderStep.CHECKING, OrderStep.REJECTED), steps.stream().map(OrderProgress::step).toList());
        assertEquals(OrderStatus.OPEN,
                get(g.place(FAKE, OrderRequest.limit("big", FakeExchange.PERP, Side.BUY, d("2"), d("65000")))).status(),
                "another gateway with the default limits sends it");
        assertEquals(d("1"), store.limits(FAKE).maxQuantity());
        assertEquals(RiskLimits.DEFAULTS, store.limits(new AccountRef("fake", "other")));
        assertEquals(d("1"), new RiskLimitsStore(dir.resolve(RiskLimitsStore.FILE)).limits(FAKE).maxQuantity(),
                "the limits are kept in the file");
    }

    @Test
    void pricesAndQuantitiesAreRoundedToTheInstrumentBeforeSending() throws Exception {
        FakeExchange x = new FakeExchange(FakeExchange.withoutNativeExits());
        DefaultOrderGateway g = gateway(x);
        List<OrderProgress> steps = new CopyOnWriteArrayList<>();

        Order o = get(g.place(FAKE, OrderRequest.limit("r1", FakeExchange.PERP, Side.BUY, d("0.12345"), d("64990.3")),
                steps::add));

        assertEquals(OrderStatus.OPEN, o.status());
        OrderRequest sent = x.account.placed.get(0);
        assertEquals(d("0.123"), sent.quantity());
        assertEquals(d("64990"), sent.price(), "a buy is rounded down to the tick");
        assertTrue(steps.stream().anyMatch(s -> s.step() == OrderStep.SENDING && s.message().contains("rounded")),
                "the progress says what was rounded: " + steps);
    }

    @Test
    void aClientOrderIdIsNeverSentTwiceEvenAfterARestart() throws Exception {
        FakeExchange x = new FakeExchange(FakeExchange.withoutNativeExits());
        DefaultOrderGateway first = gateway(x);
        OrderRequest r = OrderRequest.limit("once", FakeExchange.PERP, Side.BUY, d("0.1"), d("64990"));
        assertEquals(OrderStatus.OPEN, get(first.place(FAKE, r)).status());
        assertEquals(OrderStatus.OPEN, get(first.place(FAKE, r)).status(), "a retry gets the order");
        assertEquals(1, x.account.placed.size());
        first.close();
        gateways.remove(first);

        DefaultOrderGateway second = gateway(x);
        Order again = get(second.place(FAKE, r));

        assertEquals(1, x.account.placed.size(), "the restarted gateway did not send it again");
        assertEquals("Xonce", again.id(), "it answers with the exchange's order");
        assertTrue(x.account.queried.contains("once"), "found again by asking the exchange");
    }

    @Test
    void ordersSentBeforeARestartAreFoundAgainAndShownWithTheirTrueState() throws Exception {
        FakeExchange x = new FakeExchange(FakeExchange.withoutNativeExits());
        DefaultOrderGateway first = gateway(x);
        OrderRequest r = OrderRequest.limit("before", FakeExchange.PERP, Side.BUY, d("0.1"), d("64990"));
        Order open = get(first.place(FAKE, r));
        first.close();
        gateways.remove(first);
        // While the workbench was closed the order filled.
        x.account.known.put("before", open.withFill(d("0.1"), d("64990"), Instant.now()));

        DefaultOrderGateway second = gateway(null);
        Seen seen = new Seen();
        second.subscribe(FAKE, seen);
        second.addConnector(x);

        await(() -> !seen.reconciliations.isEmpty(), "a reconciliation");
        Reconciliation rec = seen.reconciliations.get(0);
        assertEquals("1 order(s) sent before the restart found again", rec.cause());
        assertEquals(OrderStatus.FILLED, rec.changedOrders().get(0).status());
        assertEquals(OrderStatus.FILLED, seen.last("before").status());
    }

    @Test
    void connectorsBoundBeforeActivationAreResumedOnceTheJournalIsRead() throws Exception {
        FakeExchange x = new FakeExchange(FakeExchange.withoutNativeExits());
        DefaultOrderGateway first = gateway(x);
        get(first.place(FAKE, OrderRequest.limit("early", FakeExchange.PERP, Side.BUY, d("0.1"), d("64990"))));
        first.close();
        gateways.remove(first);

        // What DS does: references bound (connectors included), then activate.
        DefaultOrderGateway g = new DefaultOrderGateway();
        gateways.add(g);
        g.setRisk(new StandardRiskCheck());
        g.setLimits(new RiskLimitsStore(dir.resolve(RiskLimitsStore.FILE)));
        g.addConnector(x);
        g.open(dir);

        await(() -> x.account.queried.contains("early"), "the order sent before the restart asked for");
    }

    @Test
    void localExitsAreArmedOnEachFillAndTriggerAsReduceOnlyMarketOrders() throws Exception {
        FakeExchange x = new FakeExchange(FakeExchange.withoutNativeExits());
        DefaultOrderGateway g = gateway(x);
        Seen seen = new Seen();
        g.subscribe(FAKE, seen);
        OrderRequest r = OrderRequest.limit("e1", FakeExchange.PERP, Side.BUY, d("0.5"), d("65000"))
                .withTakeProfit(ExitLeg.market(d("66000"))).withStopLoss(ExitLeg.market(d("64000")));

        Order open = get(g.place(FAKE, r));

        OrderRequest sent = x.account.placed.get(0);
        assertFalse(sent.hasExits(), "the exchange gets the entry only: the gateway holds the exits");
        assertTrue(g.localOrders(FAKE).isEmpty(), "nothing to protect before a fill");

        x.account.push(open.withFill(d("0.2"), d("65000"), Instant.now()));
        await(() -> g.localOrders(FAKE).size() == 2, "the first fill's legs");
        x.account.push(open.withFill(d("0.3"), d("65000"), Instant.now()));
        await(() -> g.localOrders(FAKE).size() == 4, "the second fill's legs");
        Order cancelled = x.account.known.get("e1").withStatus(OrderStatus.CANCELLED, "user", Instant.now());
        x.account.push(cancelled);

        List<Order> legs = g.localOrders(FAKE);
        assertEquals(4, legs.size(), "a cancel after partial fills leaves the fills protected");
        for (Order leg : legs) {
            assertEquals(Placement.LOCAL, leg.placement());
            assertEquals("e1", leg.request().parentClientOrderId());
            assertEquals(Side.SELL, leg.side());
            assertTrue(leg.request().has(OrderFlag.REDUCE_ONLY));
        }
        assertEquals(List.of(d("0.2"), d("0.2"), d("0.1"), d("0.1")),
                legs.stream().map(o -> o.request().quantity()).toList());
        assertEquals(List.of(OrderRole.TAKE_PROFIT, OrderRole.STOP_LOSS, OrderRole.TAKE_PROFIT, OrderRole.STOP_LOSS),
                legs.stream().map(o -> o.request().role()).toList());

        x.trade(FakeExchange.PERP, "63990");

        await(() -> x.account.placed.size() == 3, "both stop-losses sent");
        List<OrderRequest> exits = x.account.placed.subList(1, 3);
        for (OrderRequest e : exits) {
            assertEquals(OrderType.MARKET, e.type());
            assertEquals(Side.SELL, e.side());
            assertEquals(OrderRole.STOP_LOSS, e.role());
            assertTrue(e.has(OrderFlag.REDUCE_ONLY));
        }
        assertEquals(Set.of(d("0.2"), d("0.1")), Set.of(exits.get(0).quantity(), exits.get(1).quantity()));
        await(() -> g.localOrders(FAKE).isEmpty(), "the take-profits cancelled");
        assertTrue(seen.orders.stream().anyMatch(o -> o.request().role() == OrderRole.TAKE_PROFIT
                && o.status() == OrderStatus.CANCELLED && o.reason().contains("sibling")));
    }

    @Test
    void armedLocalExitsAreReArmedAfterARestart() throws Exception {
        FakeExchange x = new FakeExchange(FakeExchange.withoutNativeExits());
        DefaultOrderGateway first = gateway(x);
        Order open = get(first.place(FAKE, OrderRequest.limit("e2", FakeExchange.PERP, Side.BUY, d("0.4"), d("65000"))
                .withTakeProfit(ExitLeg.market(d("66000"))).withStopLoss(ExitLeg.market(d("64000")))));
        x.account.push(open.withFill(d("0.4"), d("65000"), Instant.now()));
        await(() -> first.localOrders(FAKE).size() == 2, "legs armed");
        first.close();
        gateways.remove(first);

        DefaultOrderGateway second = gateway(null);
        Seen seen = new Seen();
        second.subscribe(FAKE, seen);
        second.addConnector(x);

        await(() -> second.localOrders(FAKE).size() == 2, "legs re-armed");
        await(() -> !seen.reconciliations.isEmpty(), "the notice");
        assertTrue(seen.reconciliations.get(0).cause().contains("not watched while Tradebench was closed"),
                seen.reconciliations.get(0).cause());
        int before = x.account.placed.size();
        x.trade(FakeExchange.PERP, "66000");
        await(() -> x.account.placed.size() == before + 1, "the take-profit sent");
        OrderRequest tp = x.account.placed.get(before);
        assertEquals(OrderRole.TAKE_PROFIT, tp.role());
        assertEquals(d("0.4"), tp.quantity());
    }

    @Test
    void localExitsSayTheyAreNotWatchedWhileTheirConnectorIsAway() throws Exception {
        FakeExchange x = new FakeExchange(FakeExchange.withoutNativeExits());
        DefaultOrderGateway g = gateway(x);
        Seen seen = new Seen();
        g.subscribe(FAKE, seen);
        Order open = get(g.place(FAKE, OrderRequest.limit("e4", FakeExchange.PERP, Side.BUY, d("0.1"), d("65000"))
                .withStopLoss(ExitLeg.market(d("64000")))));
        x.account.push(open.withFill(d("0.1"), d("65000"), Instant.now()));
        await(() -> g.localOrders(FAKE).size() == 1, "the leg armed");
        String leg = g.localOrders(FAKE).get(0).clientOrderId();

        g.removeConnector(x);
        await(() -> seen.last(leg).reason().equals("not watched: fake unavailable"), "the leg's notice");
        g.addConnector(x);
        await(() -> seen.last(leg).reason().isEmpty(), "watched again");
        assertEquals(OrderStatus.OPEN, seen.last(leg).status());
    }

    @Test
    void aRefusedLegIsShownOnItsEntry() throws Exception {
        FakeExchange x = new FakeExchange(FakeExchange.withoutNativeExits());
        DefaultOrderGateway g = gateway(x);
        Seen seen = new Seen();
        g.subscribe(FAKE, seen);
        List<OrderProgress> steps = new CopyOnWriteArrayList<>();
        Order open = get(g.place(FAKE, OrderRequest.limit("e3", FakeExchange.PERP, Side.BUY, d("0.1"), d("65000"))
                .withStopLoss(ExitLeg.market(d("64000"))), steps::add));
        // The market moves away: the stop is now outside the 10% band when the fill comes.
        x.ticker(FakeExchange.PERP, "74999.5", "75000.5", "75000");
        await(() -> g.preview(FAKE, OrderRequest.limit("p", FakeExchange.PERP, Side.BUY, d("0.1"), d("75000")))
                .accepted(), "the new price");

        x.account.push(open.withFill(d("0.1"), d("65000"), Instant.now()));

        await(() -> seen.last("e3") != null && seen.last("e3").reason().startsWith("exit failed"), "the entry's notice");
        assertTrue(seen.last("e3").reason().contains("band"), seen.last("e3").reason());
        await(() -> steps.stream().anyMatch(s -> s.step() == OrderStep.FAILED), "a FAILED step");
        assertTrue(g.localOrders(FAKE).isEmpty());
    }

    @Test
    void nativeExitsGoToTheExchangeWithTheEntry() throws Exception {
        FakeExchange x = new FakeExchange(FakeExchange.withNativeExits());
        DefaultOrderGateway g = gateway(x);
        Order open = get(g.place(FAKE, OrderRequest.limit("n1", FakeExchange.PERP, Side.BUY, d("0.1"), d("65000"))
                .withTakeProfit(ExitLeg.market(d("66000")))));
        assertTrue(x.account.placed.get(0).hasExits());
        x.account.push(open.withFill(d("0.1"), d("65000"), Instant.now()));
        Thread.sleep(100);
        assertTrue(g.localOrders(FAKE).isEmpty());
    }

    @Test
    void exchangeExitsAreSentInParallelOnEachFillAndOneCancelsTheOther() throws Exception {
        FakeExchange x = new FakeExchange(FakeExchange.withExchangeLegs());
        DefaultOrderGateway g = gateway(x);
        Seen seen = new Seen();
        g.subscribe(FAKE, seen);
        List<OrderProgress> steps = new CopyOnWriteArrayList<>();
        Order open = get(g.place(FAKE, OrderRequest.limit("x1", FakeExchange.PERP, Side.BUY, d("0.5"), d("65000"))
                .withTakeProfit(ExitLeg.market(d("66000"))).withStopLoss(ExitLeg.market(d("64000"))), steps::add));
        assertFalse(x.account.placed.get(0).hasExits());

        x.account.push(open.withFill(d("0.2"), d("65000"), Instant.now()));
        await(() -> x.account.placed.size() == 3, "the first fill's pair sent");
        x.account.push(open.withFill(d("0.5"), d("65000"), Instant.now()));
        await(() -> x.account.placed.size() == 5, "the second fill's pair sent");

        List<OrderRequest> legs = x.account.placed.subList(1, 5);
        assertEquals(List.of(OrderType.TAKE_PROFIT, OrderType.STOP, OrderType.TAKE_PROFIT, OrderType.STOP),
                legs.stream().map(OrderRequest::type).toList());
        assertEquals(List.of(d("0.2"), d("0.2"), d("0.3"), d("0.3")), legs.stream().map(OrderRequest::quantity).toList());
        for (OrderRequest leg : legs) {
            assertEquals("x1", leg.parentClientOrderId());
            assertEquals(Side.SELL, leg.side());
            assertTrue(leg.has(OrderFlag.REDUCE_ONLY));
        }
        assertTrue(g.localOrders(FAKE).isEmpty(), "the exchange holds them");
        await(() -> steps.stream().anyMatch(s -> s.step() == OrderStep.EXITS_PLACED), "TP/SL placed: " + steps);

        // The first pair's stop fills at the exchange: the gateway cancels its take-profit.
        OrderRequest stop = legs.get(1);
        Order stopOpen = x.account.known.get(stop.clientOrderId());
        x.account.push(stopOpen.withFill(stop.quantity(), d("63990"), Instant.now()));
        await(() -> x.account.cancelled.contains(legs.get(0).clientOrderId()), "its sibling cancelled");
        assertFalse(x.account.cancelled.contains(legs.get(2).clientOrderId()), "the other fill's pair stays");
    }

    @Test
    void anExchangeLegRefusedIsReportedOnTheEntryAndItsSiblingStands() throws Exception {
        FakeExchange x = new FakeExchange(FakeExchange.withExchangeLegs());
        x.account.rejectType = OrderType.STOP;
        DefaultOrderGateway g = gateway(x);
        Seen seen = new Seen();
        g.subscribe(FAKE, seen);
        List<OrderProgress> steps = new CopyOnWriteArrayList<>();
        Order open = get(g.place(FAKE, OrderRequest.limit("r1", FakeExchange.PERP, Side.BUY, d("0.5"), d("65000"))
                .withTakeProfit(ExitLeg.market(d("66000"))).withStopLoss(ExitLeg.market(d("64000"))), steps::add));
        x.account.push(open.withFill(d("0.5"), d("65000"), Instant.now()));

        await(() -> steps.stream().anyMatch(s -> s.step() == OrderStep.FAILED), "the refused leg reported: " + steps);
        assertEquals("exit failed: stop-loss r1-sl1 rejected by fake: Order would immediately trigger. (0.5 of the fill"
                + " has no stop-loss; the take-profit r1-tp1 stays)",
                steps.stream().filter(s -> s.step() == OrderStep.FAILED).findFirst().orElseThrow().message());
        assertTrue(steps.stream().noneMatch(s -> s.step() == OrderStep.EXITS_PLACED), "never 'TP/SL placed': " + steps);
        await(() -> seen.last("r1").reason().startsWith("exit failed: stop-loss r1-sl1"), "on the entry itself");
        assertEquals(OrderStatus.REJECTED, seen.last("r1-sl1").status());
        assertEquals(OrderStatus.OPEN, seen.last("r1-tp1").status(), "the take-profit still protects the position");
        assertFalse(x.account.cancelled.contains("r1-tp1"));
    }

    @Test
    void anExchangeWithoutTheExitOrderTypesRefusesTheEntryUpFront() throws Exception {
        java.util.EnumSet<Capability> caps = java.util.EnumSet.copyOf(FakeExchange.withExchangeLegs());
        caps.remove(Capability.ORDER_TAKE_PROFIT);
        FakeExchange x = new FakeExchange(caps);
        DefaultOrderGateway g = gateway(x);
        Order o = get(g.place(FAKE, OrderRequest.limit("x2", FakeExchange.PERP, Side.BUY, d("0.1"), d("65000"))
                .withTakeProfit(ExitLeg.market(d("66000")))));
        assertEquals(OrderStatus.REJECTED, o.status());
        assertEquals("Fake exchange takes no take-profit orders for the exit; order not sent", o.reason());
        assertTrue(x.account.placed.isEmpty());
    }

    @Test
    void anAnswerThatNeverComesCompletesUnknownAfterDisconnectAndIsAskedForAgain() throws Exception {
        FakeExchange x = new FakeExchange(FakeExchange.withoutNativeExits());
        DefaultOrderGateway g = gateway(x);
        x.account.answers = false;
        List<OrderProgress> steps = new CopyOnWriteArrayList<>();

        Order o = get(g.place(FAKE, OrderRequest.limit("silent", FakeExchange.PERP, Side.BUY, d("0.1"), d("65000")),
                steps::add));

        assertEquals(OrderStatus.UNKNOWN_AFTER_DISCONNECT, o.status());
        assertTrue(o.reason().startsWith("no answer from fake within"), o.reason());
        assertEquals(OrderStep.FAILED, steps.get(steps.size() - 1).step());
        await(() -> x.account.queried.contains("silent"), "a query for the order");
    }

    @Test
    void anExchangeThatIsNotRunningIsUnavailableAndNothingElseIsUsed() throws Exception {
        DefaultOrderGateway g = gateway(null);
        Order o = get(g.place(new AccountRef("bitfinex", "main"),
                OrderRequest.limit("u1", FakeExchange.PERP, Side.BUY, d("0.1"), d("65000"))));
        assertEquals(OrderStatus.REJECTED, o.status());
        assertEquals(DefaultOrderGateway.UNAVAILABLE, o.errorCode());
        assertEquals("bitfinex unavailable: its connector is not running (account main)", o.reason());
    }

    @Test
    void aTornLastJournalLineIsSkippedAndTheRestKept() throws Exception {
        FakeExchange x = new FakeExchange(FakeExchange.withoutNativeExits());
        DefaultOrderGateway first = gateway(x);
        get(first.place(FAKE, OrderRequest.limit("kept", FakeExchange.PERP, Side.BUY, d("0.1"), d("65000"))));
        first.close();
        gateways.remove(first);
        Files.writeString(dir.resolve(OrderJournal.FILE), "{\"k\":\"sent\",\"at\":1,\"acct", 
                java.nio.file.StandardOpenOption.APPEND);

        DefaultOrderGateway second = gateway(x);
        get(second.place(FAKE, OrderRequest.limit("kept", FakeExchange.PERP, Side.BUY, d("0.1"), d("65000"))));
        assertEquals(1, x.account.placed.stream().filter(p -> p.clientOrderId().equals("kept")).count());
    }

    @Test
    void newClientOrderIdsAreValidAndDistinct() throws Exception {
        DefaultOrderGateway g = gateway(null);
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 5000; i++) {
            String id = g.newClientOrderId();
            OrderRequest.requireClientOrderId(id);
            assertTrue(ids.add(id), "duplicate " + id);
        }
    }

}
