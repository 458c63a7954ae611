package org.tradebench.connector.bitfinex.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.Capability;
import org.tradebench.api.account.Balance;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.connector.bitfinex.internal.market.BitfinexMarketData;
import org.tradebench.connector.bitfinex.internal.trading.BitfinexTrading;
import org.tradebench.venues.bitfinex.BitfinexSimulator;

/** Trading end to end against the simulator's paper account. */
class TradingTest {

    private SimHarness h;
    private TradingAccount account;
    private Events events;
    private BookModel book;

    /** Records the account streams and checks every order transition against the state machine. */
    static final class Events implements TradingListener {
        final List<Order> orders = new ArrayList<>();
        final List<Fill> fills = new ArrayList<>();
        final List<Balance> balances = new ArrayList<>();
        final List<String> badTransitions = new ArrayList<>();
        /** Orders and fills in the order delivered. */
        final List<Object> timeline = new ArrayList<>();
        private final java.util.Map<String, OrderStatus> last = new java.util.HashMap<>();

        @Override
        public synchronized void onOrder(Order o) {
            OrderStatus before = last.put(o.clientOrderId(), o.status());
            if (before != null && !before.canBecome(o.status())) {
                badTransitions.add(o.clientOrderId() + ": " + before + " -> " + o.status());
            }
            orders.add(o);
            timeline.add(o);
        }

        @Override
        public synchronized void onFill(Fill f) {
            fills.add(f);
            timeline.add(f);
        }

        @Override
        public synchronized void onBalance(Balance b) {
            balances.add(b);
        }

        synchronized List<OrderStatus> statuses(String clientOrderId) {
            List<OrderStatus> out = new ArrayList<>();
            for (Order o : orders) {
                if (o.clientOrderId().equals(clientOrderId) && (out.isEmpty() || out.get(out.size() - 1) != o.status())) {
                    out.add(o.status());
                }
            }
            return out;
        }

        synchronized Optional<Order> latest(String clientOrderId) {
            Order found = null;
            for (Order o : orders) {
                if (o.clientOrderId().equals(clientOrderId)) {
                    found = o;
                }
            }
            return Optional.ofNullable(found);
        }

        /** The fills and order updates of one order from the first one with the given status on. */
        synchronized List<Object> timelineOf(String clientOrderId, OrderStatus from) {
            List<Object> out = new ArrayList<>();
            for (Object x : timeline) {
                String id = x instanceof Order o ? o.clientOrderId() : ((Fill) x).clientOrderId();
                if (id.equals(clientOrderId) && (!out.isEmpty() || (x instanceof Order o && o.status() == from))) {
                    out.add(x);
                }
            }
            return out;
        }

        synchronized List<Fill> fillsOf(String clientOrderId) {
            return fills.stream().filter(f -> f.clientOrderId().equals(clientOrderId)).toList();
        }
    }

    @BeforeEach
    void start() {
        h = SimHarness.start(true, false, 1, 5);
        account = h.connector.trading().orElseThrow();
        events = new Events();
        account.subscribe(events);
        book = new BookModel();
        h.connector.marketData().subscribeBook(new BookRequest(MarketDataTest.BTC, 25), book);
        BitfinexTrading t = h.connector.bitfinexTrading().orElseThrow();
        Await.until(t::isAuthenticated, () -> "authenticated");
        Await.until(() -> book.valid() && !account.balances().isEmpty(), () -> "a book and balances");
        h.awaitCurrent(ConnectionState.LIVE);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static Order await(java.util.concurrent.CompletionStage<Order> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A buy price a few dollars under the best bid: rests, inside the risk check's price band. */
    private BigDecimal restingBuyPrice() {
        return book.bestBid().setScale(0, RoundingMode.FLOOR).subtract(new BigDecimal("50"));
    }

    @Test
    void capabilitiesIncludeTradingWithKeys() {
        assertTrue(h.connector.capabilities().containsAll(Set.of(Capability.TRADING, Capability.ORDER_LIMIT,
                Capability.ORDER_STOP_LIMIT, Capability.ORDER_POST_ONLY, Capability.BALANCES)));
        assertFalse(h.connector.capabilities().contains(Capability.ORDER_AMEND), "the API has no amend");
        Balance usd = account.balances().stream().filter(b -> b.currency().equals("USD")).findFirst().orElseThrow();
        assertEquals(0, usd.total().compareTo(new BigDecimal("100000")));
    }

    @Test
    void placeAndCancelRoundTripWithBitfinexStatusesMapped() throws Exception {
        OrderRequest req = OrderRequest.limit("rt-1", MarketDataTest.BTC, Side.BUY, new BigDecimal("0.01"),
                restingBuyPrice());
        Order placed = await(account.place(req));
        assertEquals(OrderStatus.OPEN, placed.status(), placed.reason());
        assertFalse(placed.id().isEmpty(), "Bitfinex's order id");
        assertEquals(1, account.openOrders().size());
        assertEquals(placed, await(account.place(req)), "the same client order id returns the same order");

        Order cancelled = await(account.cancel("rt-1"));
        assertEquals(OrderStatus.CANCELLED, cancelled.status());
        assertEquals(List.of(OrderStatus.PENDING_NEW, OrderStatus.OPEN, OrderStatus.PENDING_CANCEL,
                OrderStatus.CANCELLED), events.statuses("rt-1"));
        assertEquals(List.of(), events.badTransitions);
        assertTrue(account.openOrders().isEmpty());
        Order again = await(account.cancel("rt-1"));
        assertEquals(OrderStatus.CANCELLED, again.status());
        assertTrue(again.reason().contains("already cancelled"), again.reason());
    }

    @Test
    void marketOrderFillsWithAFill() throws Exception {
        Order o = await(account.place(OrderRequest.market("mkt-1", MarketDataTest.BTC, Side.BUY, new BigDecimal("0.01"))));
        Await.until(() -> events.latest("mkt-1").map(x -> x.status() == OrderStatus.FILLED).orElse(false),
                () -> "filled; statuses " + events.statuses("mkt-1") + ", placed " + o);
        Await.until(() -> !events.fillsOf("mkt-1").isEmpty(), () -> "a fill");
        Fill f = events.fillsOf("mkt-1").get(0);
        assertEquals(Side.BUY, f.side());
        assertTrue(f.fee().signum() >= 0, "a charged fee is positive in the API");
        assertEquals(0, events.latest("mkt-1").orElseThrow().filledQuantity().compareTo(new BigDecimal("0.01")));
        assertEquals(List.of(), events.badTransitions);
    }

    @Test
    void riskCheckRefusalNeverReachesTheExchange() throws Exception {
        BigDecimal far = book.bestBid().multiply(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR);
        Order o = await(account.place(OrderRequest.limit("risk-1", MarketDataTest.BTC, Side.BUY, BigDecimal.ONE, far)));
        assertEquals(OrderStatus.REJECTED, o.status());
        assertTrue(o.reason().contains("risk check") && o.reason().contains("band"), o.reason());
        assertEquals("", o.id());
    }

    @Test
    void exchangeRejectionTextReachesTheUser() throws Exception {
        // 10 BTC passes the risk limits but not the paper account's 100 000 USD.
        Order o = await(account.place(OrderRequest.limit("big-1", MarketDataTest.BTC, Side.BUY, BigDecimal.TEN,
                restingBuyPrice())));
        assertEquals(OrderStatus.REJECTED, o.status());
        assertTrue(o.reason().startsWith("Bitfinex rejected the order: Invalid order: not enough exchange balance"),
                o.reason());
        assertEquals(List.of(OrderStatus.PENDING_NEW, OrderStatus.REJECTED), events.statuses("big-1"));
    }

    @Test
    void maintenancePausesOrderEntry() throws Exception {
        h.sim.sendInfo(20060);
        h.awaitCurrent(ConnectionState.MAINTENANCE);
        Order o = await(account.place(OrderRequest.limit("mnt-1", MarketDataTest.BTC, Side.BUY, new BigDecimal("0.01"),
                restingBuyPrice())));
        assertEquals(OrderStatus.REJECTED, o.status());
        assertTrue(o.reason().contains("Bitfinex is in maintenance"), o.reason());
        h.sim.sendInfo(20061);
        h.awaitCurrent(ConnectionState.LIVE);
        Order after = await(account.place(OrderRequest.limit("mnt-2", MarketDataTest.BTC, Side.BUY,
                new BigDecimal("0.01"), restingBuyPrice())));
        assertEquals(OrderStatus.OPEN, after.status(), after.reason());
    }

    @Test
    void cancelAllCancelsEveryWorkingOrder() throws Exception {
        await(account.place(OrderRequest.limit("ca-1", MarketDataTest.BTC, Side.BUY, new BigDecimal("0.01"),
                restingBuyPrice())));
        await(account.place(OrderRequest.limit("ca-2", MarketDataTest.BTC, Side.BUY, new BigDecimal("0.02"),
                restingBuyPrice().subtract(BigDecimal.TEN))));
        int n = account.cancelAll(Optional.empty()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(2, n);
        Await.until(() -> account.openOrders().isEmpty(), () -> "no open orders: " + account.openOrders());
        assertEquals(OrderStatus.CANCELLED, events.latest("ca-2").orElseThrow().status());
    }

    @Test
    void amendChangesPriceAndQuantityOverTheWire() throws Exception {
        BigDecimal price = restingBuyPrice();
        await(account.place(OrderRequest.limit("am-1", MarketDataTest.BTC, Side.BUY, new BigDecimal("0.01"), price)));
        BitfinexTrading t = h.connector.bitfinexTrading().orElseThrow();
        t.amend("am-1", new BigDecimal("0.02"), price.subtract(BigDecimal.ONE)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        Await.until(() -> account.openOrders().stream().anyMatch(o -> o.clientOrderId().equals("am-1")
                && o.request().quantity().compareTo(new BigDecimal("0.02")) == 0), () -> "amended: " + account.openOrders());
    }

    @Test
    void orderFilledWhileDisconnectedIsReconciledAsFilled() throws Exception {
        h.pause(); // no market flow: only the participant below fills the order
        BigDecimal price = restingBuyPrice();
        Order placed = await(account.place(OrderRequest.limit("rec-1", MarketDataTest.BTC, Side.BUY,
                new BigDecimal("0.01"), price)));
        assertEquals(OrderStatus.OPEN, placed.status(), placed.reason());
        h.sim.refuseConnections(503);
        h.sim.dropConnections();
        Await.until(() -> events.latest("rec-1").orElseThrow().status() == OrderStatus.UNKNOWN_AFTER_DISCONNECT,
                () -> "unknown after the disconnect: " + events.statuses("rec-1"));
        // Sweeps every bid down to the order's price (and rests the rest): the order fills.
        h.sim.submitParticipantOrder("tBTCUSD", Side.SELL, price, new BigDecimal("1000"));
        h.resume();
        h.sim.acceptConnections();
        Await.until(Duration.ofSeconds(15),
                () -> events.latest("rec-1").orElseThrow().status() == OrderStatus.FILLED,
                () -> "filled after reconciliation: " + events.statuses("rec-1"));
        assertEquals(List.of(OrderStatus.PENDING_NEW, OrderStatus.OPEN, OrderStatus.UNKNOWN_AFTER_DISCONNECT,
                OrderStatus.FILLED), events.statuses("rec-1"));
        assertEquals(0, events.latest("rec-1").orElseThrow().filledQuantity().compareTo(new BigDecimal("0.01")));
        assertEquals(List.of(), events.badTransitions);
        assertNotNull(account.balances());
    }

    @Test
    void fillsMissedWhileDisconnectedAreRecoveredOnceAndBeforeTheOrderUpdate() throws Exception {
        h.pause(); // no market flow: only the participants below trade
        BigDecimal price = restingBuyPrice();
        int chan = h.chanId(BitfinexMarketData.bookKey("tBTCUSD", "P0", 25));
        // Make the order the only one at its price: sweep every bid at or above it, then take what rested.
        h.sim.submitParticipantOrder("tBTCUSD", Side.SELL, price, new BigDecimal("1000"));
        BitfinexSimulator.BookRow rested = h.sim.bookState(chan).asks().get(0);
        assertEquals(0, rested.price().compareTo(price), "the sweep's rest is the best ask");
        h.sim.submitParticipantOrder("tBTCUSD", Side.BUY, price, rested.amount().abs());
        Await.until(() -> book.bestBid().compareTo(price) < 0 && book.bestAsk().compareTo(price) > 0,
                () -> "the level " + price + " empty in the connector's book");
        Order placed = await(account.place(OrderRequest.limit("miss-1", MarketDataTest.BTC, Side.BUY,
                new BigDecimal("0.02"), price)));
        assertEquals(OrderStatus.OPEN, placed.status(), placed.reason());
        long orderId = Long.parseLong(placed.id());

        h.sim.refuseConnections(503);
        h.sim.dropConnections();
        Await.until(() -> events.latest("miss-1").orElseThrow().status() == OrderStatus.UNKNOWN_AFTER_DISCONNECT,
                () -> "unknown after the disconnect: " + events.statuses("miss-1"));
        // Partly, then fully, while the connector cannot see it.
        h.sim.submitParticipantOrder("tBTCUSD", Side.SELL, price, new BigDecimal("0.008"));
        h.sim.advance(Duration.ofMillis(5));
        h.sim.submitParticipantOrder("tBTCUSD", Side.SELL, price, new BigDecimal("0.012"));
        List<BitfinexSimulator.OwnTrade> missed = h.sim.ownTrades().stream().filter(t -> t.orderId() == orderId)
                .toList();
        assertEquals(2, missed.size(), "two executions: " + missed);
        assertTrue(events.fillsOf("miss-1").isEmpty());

        h.resume();
        h.sim.acceptConnections();
        Await.until(Duration.ofSeconds(15), () -> events.latest("miss-1").orElseThrow().status() == OrderStatus.FILLED,
                () -> "filled after reconciliation: " + events.statuses("miss-1"));
        assertEquals(List.of(OrderStatus.PENDING_NEW, OrderStatus.OPEN, OrderStatus.UNKNOWN_AFTER_DISCONNECT,
                OrderStatus.FILLED), events.statuses("miss-1"));
        List<Object> after = events.timelineOf("miss-1", OrderStatus.UNKNOWN_AFTER_DISCONNECT);
        assertEquals(4, after.size(), "UNKNOWN, two fills, FILLED: " + after);
        for (int i = 0; i < 2; i++) {
            Fill f = (Fill) after.get(i + 1);
            BitfinexSimulator.OwnTrade t = missed.get(i);
            assertEquals(Long.toString(t.id()), f.id());
            assertEquals(placed.id(), f.orderId());
            assertEquals(Side.BUY, f.side());
            assertEquals(0, f.price().compareTo(t.price()));
            assertEquals(0, f.quantity().compareTo(t.amount().abs()));
            assertEquals(0, f.fee().compareTo(t.fee().negate()), "Bitfinex's negative fee is a charged fee");
            assertEquals(t.mts(), f.time().toEpochMilli());
        }
        assertEquals(0, ((Fill) after.get(1)).quantity().compareTo(new BigDecimal("0.008")), "oldest first");
        Order filled = (Order) after.get(3);
        assertEquals(OrderStatus.FILLED, filled.status());
        assertEquals(0, filled.filledQuantity().compareTo(new BigDecimal("0.02")));
        assertEquals(0, filled.averagePrice().compareTo(price));

        // te/tu of the same trades arriving late change nothing; the marker order's answer comes after them.
        h.sim.resendOwnTrades();
        Order marker = await(account.place(OrderRequest.limit("miss-2", MarketDataTest.BTC, Side.BUY,
                new BigDecimal("0.01"), price.subtract(new BigDecimal("100")))));
        assertEquals(OrderStatus.OPEN, marker.status(), marker.reason());
        assertEquals(2, events.fillsOf("miss-1").size(), "no duplicates: " + events.fillsOf("miss-1"));
        assertEquals(List.of(), events.badTransitions);
    }

    @Test
    void attachedTakeProfitAndStopLossGoOutAsAnOcoExitOnceTheEntryFilled() throws Exception {
        // The simulator's venue reserves each OCO leg's amount separately (Bitfinex shares it): hold
        // enough BTC for both legs.
        await(account.place(OrderRequest.market("pre-1", MarketDataTest.BTC, Side.BUY, new BigDecimal("0.01"))));
        Await.until(() -> events.latest("pre-1").orElseThrow().status() == OrderStatus.FILLED, () -> "pre-1 filled");
        BigDecimal mid = book.bestBid().setScale(0, RoundingMode.FLOOR);
        BigDecimal tp = mid.add(new BigDecimal("1000"));
        BigDecimal sl = mid.subtract(new BigDecimal("1000"));
        await(account.place(OrderRequest.market("br-1", MarketDataTest.BTC, Side.BUY, new BigDecimal("0.01"))
                .withTakeProfit(tp).withStopLoss(sl)));
        Await.until(() -> account.openOrders().size() == 2, () -> "the exit's two legs: " + account.openOrders());
        Order limit = account.openOrders().stream().filter(o -> o.clientOrderId().equals("br-1-tp")).findFirst()
                .orElseThrow();
        assertEquals(Side.SELL, limit.side());
        assertEquals(0, limit.request().price().compareTo(tp));
        Order stop = account.openOrders().stream().filter(o -> o != limit).findFirst().orElseThrow();
        assertEquals(org.tradebench.api.trading.OrderType.STOP, stop.request().type());
        assertEquals(0, stop.request().triggerPrice().compareTo(sl));
        assertEquals(OrderStatus.FILLED, events.latest("br-1").orElseThrow().status());
    }

    @Test
    void perpetualFillOpensAPosition() throws Exception {
        org.tradebench.api.instrument.InstrumentId perp = new org.tradebench.api.instrument.InstrumentId("bitfinex",
                "BTC/USDT:USDT");
        List<org.tradebench.api.account.Position> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        account.subscribe(new TradingListener() {
            @Override
            public void onPosition(org.tradebench.api.account.Position p) {
                seen.add(p);
            }
        });
        Order o = await(account.place(OrderRequest.market("perp-1", perp, Side.BUY, new BigDecimal("0.01"))));
        assertTrue(o.status() == OrderStatus.FILLED || o.status() == OrderStatus.OPEN, o.toString());
        Await.until(() -> seen.stream().anyMatch(p -> p.instrument().equals(perp)
                && p.side() == org.tradebench.api.account.PositionSide.LONG), () -> "a long position: " + seen);
        Await.until(() -> account.positions().stream().anyMatch(p -> p.instrument().equals(perp)),
                () -> "positions() has it");
    }

    @Test
    void secretsNeverAppearInTextsMeantForPeople() {
        String texts = h.connector.config().toString() + h.connector.config().credentials() + h.connector
                + h.connector.health();
        assertFalse(texts.contains(SimHarness.SECRET), texts);
        assertFalse(texts.contains(SimHarness.KEY), texts);
    }
}
