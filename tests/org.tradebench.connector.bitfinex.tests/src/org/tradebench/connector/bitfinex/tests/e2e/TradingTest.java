package org.tradebench.connector.bitfinex.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
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
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Side;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.trading.AmendRequest;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.HistoryRequest;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.Placement;
import org.tradebench.api.trading.Reconciliation;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.connector.bitfinex.internal.BitfinexConnector;
import org.tradebench.connector.conformance.Await;
import org.tradebench.connector.conformance.BookModel;
import org.tradebench.venues.bitfinex.BitfinexSimulator;

/**
 * Trading end to end against the simulator's paper account (100,000 USD): orders placed, amended
 * and cancelled over the authenticated socket with Bitfinex's answers mapped onto the API's state
 * machine (every transition checked), what the connector itself refuses (its risk check,
 * maintenance), reconciliation after a reconnect (an order filled and fills missed while
 * disconnected, delivered before the order update and announced as a {@link Reconciliation}),
 * exits, positions, the order and fill queries, and the trading session's own health.
 */
class TradingTest {

    static final InstrumentId BTC = BitfinexTarget.BTC;
    static final InstrumentId PERP = new InstrumentId("bitfinex", "BTC/USDT:USDT");

    private SimHarness h;
    private BitfinexConnector c;
    private TradingAccount account;
    private TradingEvents events;
    private BookModel book;

    @BeforeEach
    void start() {
        h = SimHarness.start(1, 5);
        c = h.connectWithKeys(false);
        account = c.trading().orElseThrow();
        events = new TradingEvents();
        account.subscribe(events);
        book = new BookModel();
        c.marketData().subscribeBook(new BookRequest(BTC, 25), book);
        awaitReady(h, c, account, book);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** Authenticated, balances known, a BTC book, the connection LIVE. */
    static void awaitReady(SimHarness h, BitfinexConnector c, TradingAccount account, BookModel book) {
        Await.until(() -> authenticated(c), () -> "authenticated: " + account.health());
        Await.until(() -> book.valid() && !account.balances().isEmpty(), () -> "a book and balances: " + book);
        h.awaitCurrent(c, ConnectionState.LIVE);
    }

    static boolean authenticated(BitfinexConnector c) {
        return c.bitfinexTrading().orElseThrow().isAuthenticated();
    }

    /**
     * Waits for a reconciliation with a cause ({@code "start"}, {@code "reconnect"}).
     *
     * @return the latest one with that cause
     */
    static Reconciliation awaitReconciliation(TradingEvents events, String cause) {
        Await.until(() -> events.reconciliations().stream().anyMatch(r -> r.cause().equals(cause)),
                () -> "a reconciliation after a " + cause + ": " + events.reconciliations());
        return events.reconciliations().stream().filter(r -> r.cause().equals(cause)).reduce((a, b) -> b)
                .orElseThrow();
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The best price of a side of the connector's book. */
    static BigDecimal best(BookModel book, Side side) {
        List<String> top = book.top(side, 1);
        assertFalse(top.isEmpty(), "a " + side + " side in " + book);
        return new BigDecimal(top.get(0).substring(0, top.get(0).indexOf(" x ")));
    }

    /**
     * A buy price this far under the best bid, on Bitfinex's price grid (5 significant digits: a
     * multiple of 10 is on it at any BTC price over 10,000): rests, inside the risk check's 10 % band.
     */
    static BigDecimal buyUnder(BookModel book, BigDecimal distance) {
        return best(book, Side.BUY).subtract(distance).divide(BigDecimal.TEN, 0, RoundingMode.FLOOR)
                .multiply(BigDecimal.TEN);
    }

    /** A buy price 1 % under the best bid: with the market moving it still rests for the test's length. */
    static BigDecimal restingBuyPrice(BookModel book) {
        return buyUnder(book, best(book, Side.BUY).movePointLeft(2));
    }

    /**
     * Waits until the listener heard an order reach a status. A future may complete before the
     * listener hears the same change (the delivery thread runs completions ahead of listener
     * mailboxes), so listener assertions wait for the listener.
     */
    private void awaitStatus(String clientOrderId, OrderStatus status) {
        Await.until(() -> events.is(clientOrderId, status),
                () -> clientOrderId + " " + status + " heard; statuses " + events.statuses(clientOrderId));
    }

    private Order place(OrderRequest request) throws Exception {
        return await(account.place(request));
    }

    private static OrderRequest limitBuy(String id, String quantity, BigDecimal price) {
        return OrderRequest.limit(id, BTC, Side.BUY, new BigDecimal(quantity), price);
    }

    @Test
    void capabilitiesIncludeTradingAndAmendAndTheUsdBalanceIsInTheExchangeWallet() {
        Set<Capability> trading = Set.of(Capability.TRADING, Capability.ORDER_LIMIT, Capability.ORDER_MARKET,
                Capability.ORDER_STOP, Capability.ORDER_STOP_LIMIT, Capability.ORDER_POST_ONLY,
                Capability.ORDER_ATTACHED_TP_SL, Capability.ORDER_AMEND, Capability.ORDER_QUERY,
                Capability.ORDER_HISTORY, Capability.FILL_HISTORY, Capability.BALANCES, Capability.POSITIONS,
                Capability.FILLS);
        assertTrue(c.capabilities().containsAll(trading), c.capabilities().toString());
        assertTrue(account.capabilities().containsAll(trading), account.capabilities().toString());
        assertFalse(account.capabilities().contains(Capability.DEAD_MAN_SWITCH), "not asked for");
        assertEquals("main", account.accountId());
        assertEquals("bitfinex", account.exchangeId());
        assertEquals(List.of(account), c.tradingAccounts());

        Balance usd = account.balances().stream().filter(b -> b.currency().equals("USD")).findFirst().orElseThrow();
        assertEquals(Balance.EXCHANGE, usd.wallet(), "the wallet is a field, not part of the currency");
        assertEquals("bitfinex", usd.exchangeId());
        assertEquals("main", usd.accountId());
        assertEquals(0, usd.total().compareTo(new BigDecimal("100000")), usd.toString());
        assertEquals(0, usd.available().compareTo(usd.total()), "nothing reserved yet: " + usd);
        Await.until(() -> events.balances().contains(usd), () -> "a listener gets the balances first: " + events);
    }

    @Test
    void placeAndCancelRoundTripWithBitfinexStatusesMapped() throws Exception {
        OrderRequest req = limitBuy("rt-1", "0.01", restingBuyPrice(book));
        Order placed = place(req);
        assertEquals(OrderStatus.OPEN, placed.status(), placed.reason());
        assertFalse(placed.id().isEmpty(), "Bitfinex's order id");
        assertEquals("main", placed.accountId());
        assertEquals(Placement.EXCHANGE, placed.placement());
        assertNull(placed.errorCode());
        assertEquals(0, placed.request().price().compareTo(req.price()));
        assertEquals(List.of(placed), account.openOrders());
        assertEquals(placed, place(req), "the same client order id returns the same order and sends nothing");

        Order cancelled = await(account.cancel("rt-1"));
        assertEquals(OrderStatus.CANCELLED, cancelled.status());
        assertEquals(placed.id(), cancelled.id());
        awaitStatus("rt-1", OrderStatus.CANCELLED);
        assertEquals(List.of(OrderStatus.PENDING_NEW, OrderStatus.OPEN, OrderStatus.PENDING_CANCEL,
                OrderStatus.CANCELLED), events.statuses("rt-1"));
        assertEquals(List.of(), events.badTransitions());
        assertTrue(account.openOrders().isEmpty(), account.openOrders().toString());
        Order again = await(account.cancel("rt-1"));
        assertEquals(OrderStatus.CANCELLED, again.status());
        assertTrue(again.reason().contains("already cancelled"), again.reason());
    }

    @Test
    void marketOrderFillsWithAFillAndTheBalanceChanges() throws Exception {
        Order o = place(OrderRequest.market("mkt-1", BTC, Side.BUY, new BigDecimal("0.01")));
        Await.until(() -> events.is("mkt-1", OrderStatus.FILLED),
                () -> "filled; statuses " + events.statuses("mkt-1") + ", placed " + o);
        Await.until(() -> !events.fillsOf("mkt-1").isEmpty(), () -> "a fill");
        Fill f = events.fillsOf("mkt-1").get(0);
        assertEquals(Side.BUY, f.side());
        assertEquals(BTC, f.instrument());
        assertEquals("main", f.accountId());
        assertEquals(events.latest("mkt-1").orElseThrow().id(), f.orderId());
        assertNotNull(f.fee(), "the tu carries the fee");
        assertTrue(f.fee().signum() >= 0, "a charged fee is positive in the API: " + f);
        assertNotNull(f.feeCurrency());
        assertFalse(f.maker(), "a market order takes liquidity");
        Order filled = events.latest("mkt-1").orElseThrow();
        assertEquals(0, filled.filledQuantity().compareTo(new BigDecimal("0.01")));
        assertNotNull(filled.averagePrice());
        assertEquals(List.of(), events.badTransitions());
        Await.until(() -> account.balances().stream().anyMatch(b -> b.currency().equals("BTC")
                && b.wallet().equals(Balance.EXCHANGE) && b.total().signum() > 0),
                () -> "BTC in the exchange wallet: " + account.balances());
    }

    @Test
    void attachedExitsAreRefusedAndNeverReachTheExchange() throws Exception {
        // The order gateway emulates exits and sends each leg as its own order: the connector
        // refuses a request that still carries them instead of inventing a bracket.
        BigDecimal price = restingBuyPrice(book);
        Order o = place(limitBuy("ex-1", "0.01", price).withTakeProfit(ExitLeg.market(price.add(new BigDecimal(
                "1000")))));
        assertEquals(OrderStatus.REJECTED, o.status());
        assertTrue(o.reason().contains("attached exits are managed by the order gateway"), o.reason());
        assertEquals("", o.id(), "never sent");
        awaitStatus("ex-1", OrderStatus.REJECTED);
        assertEquals(List.of(OrderStatus.REJECTED), events.statuses("ex-1"));
        assertTrue(account.openOrders().isEmpty());
        assertFalse(account.capabilities().contains(Capability.ORDER_EXITS_NATIVE), "exits are local, not Bitfinex's");
    }

    @Test
    void exchangeRejectionTextReachesTheUser() throws Exception {
        // 10 BTC passes the risk limits but not the paper account's 100 000 USD.
        Order o = place(limitBuy("big-1", "10", restingBuyPrice(book)));
        assertEquals(OrderStatus.REJECTED, o.status());
        assertTrue(o.reason().startsWith("Bitfinex rejected the order: Invalid order: not enough exchange balance"),
                o.reason());
        awaitStatus("big-1", OrderStatus.REJECTED);
        assertEquals(List.of(OrderStatus.PENDING_NEW, OrderStatus.REJECTED), events.statuses("big-1"));
        assertEquals(List.of(), events.badTransitions());
    }

    @Test
    void maintenancePausesOrderEntryOnBothSessions() throws Exception {
        h.sim.sendInfo(20060);
        h.awaitCurrent(c, ConnectionState.MAINTENANCE);
        Await.until(() -> account.health().state() == ConnectionState.MAINTENANCE,
                () -> "the trading session in maintenance: " + account.health());
        Order o = place(limitBuy("mnt-1", "0.01", restingBuyPrice(book)));
        assertEquals(OrderStatus.REJECTED, o.status());
        assertTrue(o.reason().contains("Bitfinex is in maintenance"), o.reason());
        h.sim.sendInfo(20061);
        h.awaitCurrent(c, ConnectionState.LIVE);
        Await.until(() -> account.health().state() == ConnectionState.LIVE,
                () -> "the trading session live again: " + account.health());
        Await.until(book::valid, () -> "the book again after maintenance: " + book);
        Order after = place(limitBuy("mnt-2", "0.01", restingBuyPrice(book)));
        assertEquals(OrderStatus.OPEN, after.status(), after.reason());
    }

    @Test
    void cancelAllCancelsEveryWorkingOrder() throws Exception {
        BigDecimal price = restingBuyPrice(book);
        place(limitBuy("ca-1", "0.01", price));
        place(limitBuy("ca-2", "0.02", price.subtract(BigDecimal.TEN)));
        assertEquals(2, account.openOrders().size());
        int n = await(account.cancelAll(Optional.empty()));
        assertEquals(2, n);
        Await.until(() -> account.openOrders().isEmpty(), () -> "no open orders: " + account.openOrders());
        awaitStatus("ca-1", OrderStatus.CANCELLED);
        awaitStatus("ca-2", OrderStatus.CANCELLED);
        assertEquals(List.of(), events.badTransitions());
        assertEquals(0, (int) await(account.cancelAll(Optional.of(BTC))), "nothing left to cancel");
    }

    @Test
    void amendChangesPriceAndQuantityOverTheWire() throws Exception {
        // Smaller, not larger: the simulator's ou-req notification carries the old remaining amount
        // with the new original amount, which reads as a fill when the amount grows (Bitfinex sends
        // both updated).
        BigDecimal price = restingBuyPrice(book);
        Order placed = place(limitBuy("am-1", "0.02", price));
        BigDecimal lower = price.subtract(BigDecimal.TEN);
        Order amended = await(account.amend(new AmendRequest("am-1", lower, new BigDecimal("0.01"), null)));
        assertEquals(placed.id(), amended.id(), "Bitfinex keeps the order id");
        assertEquals(0, amended.request().price().compareTo(lower), "the answer shows the change: " + amended);
        Await.until(() -> account.openOrders().stream().anyMatch(o -> o.clientOrderId().equals("am-1")
                && o.request().quantity().compareTo(new BigDecimal("0.01")) == 0
                && o.request().price().compareTo(lower) == 0), () -> "amended: " + account.openOrders());
        Order now = account.openOrders().get(0);
        assertEquals(OrderStatus.OPEN, now.status(), "an amend is not a fill: " + events.statuses("am-1"));
        assertEquals(0, now.filledQuantity().signum(), now.toString());
        Await.until(() -> events.latest("am-1").orElseThrow().request().price().compareTo(lower) == 0,
                () -> "listeners told of the amendment: " + events.latest("am-1"));
        assertEquals(List.of(), events.badTransitions());

        await(account.cancel("am-1"));
        Order refused = await(account.amend(AmendRequest.price("am-1", lower.subtract(BigDecimal.TEN))));
        assertEquals(OrderStatus.CANCELLED, refused.status(), "unchanged");
        assertTrue(refused.reason().contains("cannot amend"), refused.reason());
    }

    @Test
    void orderFilledWhileDisconnectedIsReconciledAsFilled() throws Exception {
        h.pause(); // no market flow: only the participant below fills the order
        BigDecimal price = buyUnder(book, new BigDecimal("50"));
        Order placed = place(limitBuy("rec-1", "0.01", price));
        assertEquals(OrderStatus.OPEN, placed.status(), placed.reason());
        h.sim.refuseConnections(503);
        h.sim.dropConnections();
        Await.until(() -> events.is("rec-1", OrderStatus.UNKNOWN_AFTER_DISCONNECT),
                () -> "unknown after the disconnect: " + events.statuses("rec-1"));
        // Sweeps every bid down to the order's price (and rests the rest): the order fills.
        h.sim.submitParticipantOrder("tBTCUSD", Side.SELL, price, new BigDecimal("1000"));
        h.resume();
        h.sim.acceptConnections();
        Await.until(Duration.ofSeconds(15), () -> events.is("rec-1", OrderStatus.FILLED),
                () -> "filled after reconciliation: " + events.statuses("rec-1"));
        assertEquals(List.of(OrderStatus.PENDING_NEW, OrderStatus.OPEN, OrderStatus.UNKNOWN_AFTER_DISCONNECT,
                OrderStatus.FILLED), events.statuses("rec-1"));
        Order filled = events.latest("rec-1").orElseThrow();
        assertEquals(0, filled.filledQuantity().compareTo(new BigDecimal("0.01")));
        assertEquals(List.of(), events.badTransitions());

        Reconciliation r = awaitReconciliation(events, "reconnect");
        assertEquals("main", r.accountId());
        assertTrue(r.changedAnything());
        assertEquals(List.of(filled), r.changedOrders().stream().filter(o -> o.clientOrderId().equals("rec-1"))
                .toList(), "the filled order, in its new state: " + r);
        assertEquals(1, r.recoveredFills().size(), "the fill missed: " + r);
        assertEquals("rec-1", r.recoveredFills().get(0).clientOrderId());
        assertEquals(events.fillsOf("rec-1"), r.recoveredFills(), "delivered before the reconciliation");
    }

    @Test
    void fillsMissedWhileDisconnectedAreRecoveredOnceAndBeforeTheOrderUpdate() throws Exception {
        h.pause(); // no market flow: only the participants below trade
        BigDecimal price = buyUnder(book, new BigDecimal("50"));
        int chan = h.chanId(c, SimHarness.bookKey("tBTCUSD", "P0", 25));
        // Make the order the only one at its price: sweep every bid at or above it, then take what rested.
        h.sim.submitParticipantOrder("tBTCUSD", Side.SELL, price, new BigDecimal("1000"));
        BitfinexSimulator.BookRow rested = h.sim.bookState(chan).asks().get(0);
        assertEquals(0, rested.price().compareTo(price), "the sweep's rest is the best ask");
        h.sim.submitParticipantOrder("tBTCUSD", Side.BUY, price, rested.amount().abs());
        // (the sweep may have taken every bid the 25-level channel shows)
        Await.until(() -> (book.top(Side.BUY, 1).isEmpty() || best(book, Side.BUY).compareTo(price) < 0)
                && best(book, Side.SELL).compareTo(price) > 0,
                () -> "the level " + price + " empty in the connector's book: " + book.top(Side.BUY, 3) + " / "
                        + book.top(Side.SELL, 3));
        Order placed = place(limitBuy("miss-1", "0.02", price));
        assertEquals(OrderStatus.OPEN, placed.status(), placed.reason());
        long orderId = Long.parseLong(placed.id());

        h.sim.refuseConnections(503);
        h.sim.dropConnections();
        Await.until(() -> events.is("miss-1", OrderStatus.UNKNOWN_AFTER_DISCONNECT),
                () -> "unknown after the disconnect: " + events.statuses("miss-1"));
        // Partly, then fully, while the connector cannot see it.
        h.sim.submitParticipantOrder("tBTCUSD", Side.SELL, price, new BigDecimal("0.008"));
        h.sim.advance(Duration.ofMillis(5));
        h.sim.submitParticipantOrder("tBTCUSD", Side.SELL, price, new BigDecimal("0.012"));
        List<BitfinexSimulator.OwnTrade> missed = h.sim.ownTrades().stream().filter(t -> t.orderId() == orderId)
                .toList();
        assertEquals(2, missed.size(), "two executions: " + missed);
        assertTrue(events.fillsOf("miss-1").isEmpty());

        // one row a page: the connector must page through the trade history to find both
        h.sim.capHistoryPages(1);
        h.resume();
        h.sim.acceptConnections();
        Await.until(Duration.ofSeconds(15), () -> events.is("miss-1", OrderStatus.FILLED),
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
            assertEquals(t.feeCurrency(), f.feeCurrency());
            assertEquals(t.mts(), f.time().toEpochMilli());
            assertTrue(f.maker(), "the resting order made the market");
        }
        assertEquals(0, ((Fill) after.get(1)).quantity().compareTo(new BigDecimal("0.008")), "oldest first");
        Order filled = (Order) after.get(3);
        assertEquals(OrderStatus.FILLED, filled.status());
        assertEquals(0, filled.filledQuantity().compareTo(new BigDecimal("0.02")));
        assertEquals(0, filled.averagePrice().compareTo(price));

        Reconciliation r = awaitReconciliation(events, "reconnect");
        assertEquals(List.of(after.get(1), after.get(2)), r.recoveredFills(), "both fills, oldest first");
        assertTrue(r.changedOrders().contains(filled), "the order's new state: " + r.changedOrders());

        // te/tu of the same trades arriving late change nothing; the marker order's answer comes after them.
        h.sim.resendOwnTrades();
        Order marker = place(limitBuy("miss-2", "0.01", price.subtract(new BigDecimal("100"))));
        assertEquals(OrderStatus.OPEN, marker.status(), marker.reason());
        awaitStatus("miss-2", OrderStatus.OPEN); // listeners hear in order: the resent trades came before
        assertEquals(2, events.fillsOf("miss-1").size(), "no duplicates: " + events.fillsOf("miss-1"));
        assertEquals(List.of(), events.badTransitions());
    }

    @Test
    void anOrderFilledWhileItsAnswersWereLostIsFoundByItsCidAfterTheReconnect() throws Exception {
        h.sim.executeNextOrderInputsSilently(1);
        java.util.concurrent.CompletableFuture<Order> f = account.place(OrderRequest.market("lost-1", BTC, Side.BUY,
                new BigDecimal("0.01"))).toCompletableFuture();
        long cid = org.tradebench.connector.bitfinex.internal.protocol.BitfinexCid.of("lost-1");
        Await.until(() -> h.sim.ownTrades().stream().anyMatch(t -> t.cid() == cid), () -> "executed on the exchange");
        assertTrue(events.is("lost-1", OrderStatus.PENDING_NEW) || !f.isDone(), "the connector heard nothing");
        h.sim.dropConnections();
        assertEquals(OrderStatus.UNKNOWN_AFTER_DISCONNECT, await(f).status());
        Await.until(Duration.ofSeconds(15), () -> events.is("lost-1", OrderStatus.FILLED),
                () -> "filled after the reconciliation found it by cid: " + events.statuses("lost-1"));
        Await.until(() -> !events.fillsOf("lost-1").isEmpty(), () -> "its fill recovered");
        assertEquals(List.of(), events.badTransitions());
    }

    @Test
    void anExitLegIsAnOrdinaryOrderUnderItsEntry() throws Exception {
        place(OrderRequest.market("pre-1", BTC, Side.BUY, new BigDecimal("0.01")));
        Await.until(() -> events.is("pre-1", OrderStatus.FILLED), () -> "pre-1 filled");
        BigDecimal tp = best(book, Side.SELL).add(new BigDecimal("1000")).setScale(-1, RoundingMode.CEILING);
        // less than bought: Bitfinex took the buy's fee from the BTC
        Order leg = place(OrderRequest.limit("pre-1-tp", BTC, Side.SELL, new BigDecimal("0.009"), tp)
                .asExitOf(OrderRole.TAKE_PROFIT, "pre-1"));
        assertEquals(OrderStatus.OPEN, leg.status(), leg.reason());
        assertEquals(OrderRole.TAKE_PROFIT, leg.request().role());
        assertEquals("pre-1", leg.request().parentClientOrderId());
        assertEquals(OrderType.LIMIT, leg.request().type());
        assertEquals(List.of(leg), account.openOrders());
        assertEquals(List.of(), events.badTransitions());
    }

    @Test
    void perpetualFillOpensAPosition() throws Exception {
        List<Position> seen = new CopyOnWriteArrayList<>();
        account.subscribe(new org.tradebench.api.trading.TradingListener() {
            @Override
            public void onPosition(Position p) {
                seen.add(p);
            }
        });
        Order o = place(OrderRequest.market("perp-1", PERP, Side.BUY, new BigDecimal("0.01")));
        assertTrue(o.status() == OrderStatus.FILLED || o.status() == OrderStatus.OPEN, o.toString());
        Await.until(() -> seen.stream().anyMatch(p -> p.instrument().equals(PERP) && p.side() == PositionSide.LONG),
                () -> "a long position: " + seen);
        Await.until(() -> account.positions().stream().anyMatch(p -> p.instrument().equals(PERP)),
                () -> "positions() has it");
        Position p = account.positions().stream().filter(x -> x.instrument().equals(PERP)).findFirst().orElseThrow();
        assertEquals(0, p.quantity().compareTo(new BigDecimal("0.01")), p.toString());
        assertEquals("main", p.accountId());
        assertNotNull(p.entryPrice());
        assertFalse(p.hedged(), "Bitfinex has one position per instrument");
    }

    @Test
    void queriesAnswerForOneOrderTheOrderHistoryAndTheFills() throws Exception {
        Order open = place(limitBuy("q-1", "0.01", restingBuyPrice(book)));
        Optional<Order> asked = await(account.queryOrder("q-1"));
        assertEquals(OrderStatus.OPEN, asked.orElseThrow().status());
        assertEquals(open.id(), asked.get().id());
        assertEquals(Optional.empty(), await(account.queryOrder("never-placed")));
        await(account.cancel("q-1"));
        assertEquals(OrderStatus.CANCELLED, await(account.queryOrder("q-1")).orElseThrow().status());

        place(OrderRequest.market("q-2", BTC, Side.BUY, new BigDecimal("0.01")));
        Await.until(() -> events.is("q-2", OrderStatus.FILLED) && !events.fillsOf("q-2").isEmpty(),
                () -> "q-2 filled with a fill: " + events.statuses("q-2"));
        Fill live = events.fillsOf("q-2").get(0);

        List<Fill> fills = await(account.fills(HistoryRequest.latest(BTC, 10)));
        assertEquals(List.of(live), fills, "the history's fill is the one delivered live");

        List<Order> history = await(account.orderHistory(HistoryRequest.latest(BTC, 10)));
        assertEquals(List.of("q-1", "q-2"), history.stream().map(Order::clientOrderId).toList(),
                "oldest first, under the client order ids they were placed with: " + history);
        assertEquals(OrderStatus.CANCELLED, history.get(0).status());
        assertEquals(open.id(), history.get(0).id());
        assertEquals(OrderStatus.FILLED, history.get(1).status());
        assertEquals(0, history.get(1).filledQuantity().compareTo(new BigDecimal("0.01")));
        assertTrue(history.stream().allMatch(o -> o.accountId().equals("main") && o.placement() == Placement.EXCHANGE));
    }

    @Test
    void theTradingSessionHasItsOwnHealthThroughALossAndBack() throws Exception {
        ConnectionHealth a = account.health();
        assertEquals(ConnectionState.LIVE, a.state(), a.toString());
        assertEquals(List.of(SessionHealth.TRADING), List.copyOf(a.sessions().keySet()),
                "order entry and the account stream share Bitfinex's one authenticated socket");
        assertEquals(List.of(SessionHealth.MARKET_DATA, SessionHealth.TRADING), List.copyOf(c.health().sessions()
                .keySet()));
        assertEquals(ConnectionState.LIVE, c.health().session(SessionHealth.TRADING).orElseThrow().state());
        List<ConnectionHealth> seen = new CopyOnWriteArrayList<>();
        account.subscribeHealth(seen::add);
        Await.until(() -> !seen.isEmpty(), () -> "the current value first");
        assertEquals(ConnectionState.LIVE, seen.get(0).state());

        BigDecimal price = restingBuyPrice(book); // the book resets with the drop
        h.sim.refuseConnections(503);
        h.sim.dropConnections();
        Await.until(() -> account.health().state() == ConnectionState.RECONNECTING,
                () -> "the trading session reconnecting: " + account.health());
        assertFalse(account.health().cause().isEmpty(), "says what was lost");
        // the socket is down, signed REST is not: the order goes over REST
        Order viaRest = place(limitBuy("down-1", "0.01", price));
        assertEquals(OrderStatus.OPEN, viaRest.status(), viaRest.reason());

        h.sim.acceptConnections();
        Await.until(() -> authenticated(c) && account.health().state() == ConnectionState.LIVE,
                () -> "live again: " + account.health());
        assertTrue(seen.stream().anyMatch(x -> x.state() == ConnectionState.RECONNECTING), seen.toString());
        Await.until(() -> account.health().reconnects() >= 1, () -> "the reconnect counted: " + account.health());
        Await.until(() -> events.states().getLast() == DataState.LIVE, () -> "the account stream live: " + events);
        assertTrue(events.states().contains(DataState.RESYNCING), "the account stream said it was resyncing: "
                + events.states());
    }

    @Test
    void aKeyTheExchangeRefusesFailsTheTradingSessionWithItsText() throws Exception {
        BitfinexConnector wrong = h.connect(h.config(), new ApiCredentials("bitfinex", "main", SimHarness.KEY,
                "not-the-secret".toCharArray(), null), FrameTap.NONE);
        TradingAccount refused = wrong.trading().orElseThrow();
        Await.until(() -> refused.health().state() == ConnectionState.FAILED,
                () -> "the trading session failed: " + refused.health());
        assertTrue(refused.health().cause().contains("Bitfinex refused the API key"), refused.health().cause());
        assertEquals(ConnectionState.FAILED, wrong.health().session(SessionHealth.TRADING).orElseThrow().state());
        // the key can be refused before the instrument list arrived: the order needs the list
        Await.until(() -> wrong.instrument(BTC.symbol()).isPresent(), () -> "the instruments: " + wrong.instruments());
        Order o = await(refused.place(OrderRequest.market("nokey-1", BTC, Side.BUY, new BigDecimal("0.01"))));
        assertEquals(OrderStatus.REJECTED, o.status());
        // the socket refused the key; the REST fallback is refused with Bitfinex's code and text
        assertTrue(o.reason().contains("apikey") && o.reason().contains("10100"), o.reason());
        assertEquals("10100", o.errorCode());
        h.awaitCurrent(wrong, ConnectionState.LIVE); // market data does not need the key
    }

    @Test
    void secretsNeverAppearInTextsMeantForPeople() {
        String texts = c.config().toString() + c + c.health() + account.health() + account.balances()
                + SimHarness.keys() + events;
        assertFalse(texts.contains(SimHarness.SECRET), texts);
        assertFalse(texts.contains(SimHarness.KEY), texts);
    }
}
