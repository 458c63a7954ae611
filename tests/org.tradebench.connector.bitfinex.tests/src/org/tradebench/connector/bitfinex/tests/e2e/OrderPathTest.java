package org.tradebench.connector.bitfinex.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Side;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.connector.bitfinex.internal.BitfinexConfig;
import org.tradebench.connector.bitfinex.internal.BitfinexConnector;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexCid;
import org.tradebench.connector.conformance.Await;
import org.tradebench.connector.conformance.BookModel;

/**
 * The order path's promises against the simulator: a client order id is sent once, also across a
 * restart of the connector (the cid is derived from it); every future completes (answer, refusal,
 * timeout, disconnect, close); order entry falls back to REST while the socket is down.
 */
class OrderPathTest {

    private SimHarness h;
    private BitfinexConnector c;
    private TradingAccount account;
    private TradingEvents events;
    private BookModel book;

    @BeforeEach
    void start() {
        h = SimHarness.start(1, 5);
        c = connect("500");
        account = c.trading().orElseThrow();
        events = new TradingEvents();
        account.subscribe(events);
        book = new BookModel();
        c.marketData().subscribeBook(new BookRequest(TradingTest.BTC, 25), book);
        TradingTest.awaitReady(h, c, account, book);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** A trading connector whose order requests wait this long for an answer. */
    private BitfinexConnector connect(String replyTimeoutMs) {
        Map<String, String> s = h.settings();
        s.put("stale.margin.ms", "4600");
        s.put("reply.timeout.ms", replyTimeoutMs);
        return h.connect(BitfinexConfig.fromSettings(s), SimHarness.keys(), FrameTap.NONE);
    }

    private OrderRequest resting(String id) {
        return OrderRequest.limit(id, TradingTest.BTC, Side.BUY, new BigDecimal("0.01"),
                TradingTest.restingBuyPrice(book));
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theCidIsDerivedFromTheClientOrderIdAndSentWithIt() throws Exception {
        Order o = await(account.place(resting("cid-1")));
        assertEquals(OrderStatus.OPEN, o.status(), o.reason());
        long cid = BitfinexCid.of("cid-1");
        assertTrue(h.sim.ownTrades().isEmpty());
        // the exchange knows the order under exactly that cid
        Await.until(() -> h.sim.activeOrderCids().contains(cid), () -> "cid " + cid + " on the exchange: "
                + h.sim.activeOrderCids());
    }

    @Test
    void anOrderSentBeforeARestartIsFoundByItsCidAndNeverSentTwice() throws Exception {
        Order placed = await(account.place(resting("rs-1")));
        assertEquals(OrderStatus.OPEN, placed.status(), placed.reason());
        c.close();

        BitfinexConnector again = connect("2000");
        TradingAccount second = again.trading().orElseThrow();
        Await.until(() -> TradingTest.authenticated(again), () -> "authenticated again");
        Optional<Order> found = await(second.queryOrder("rs-1"));
        assertTrue(found.isPresent(), "found by its cid among the active orders");
        assertEquals(placed.id(), found.get().id());
        assertEquals("rs-1", found.get().clientOrderId());
        assertEquals(OrderStatus.OPEN, found.get().status());

        int before = h.sim.activeOrderCids().size();
        Order same = await(second.place(resting("rs-1")));
        assertEquals(placed.id(), same.id(), "the same client order id returns the order and sends nothing");
        assertEquals(before, h.sim.activeOrderCids().size());

        Order cancelled = await(second.cancel("rs-1"));
        assertEquals(OrderStatus.CANCELLED, cancelled.status());
        again.close();

        BitfinexConnector third = connect("2000");
        TradingAccount later = third.trading().orElseThrow();
        Await.until(() -> TradingTest.authenticated(third), () -> "authenticated a third time");
        Optional<Order> closed = await(later.queryOrder("rs-1"));
        assertTrue(closed.isPresent(), "found by its cid in the order history");
        assertEquals(OrderStatus.CANCELLED, closed.get().status());
        assertEquals(placed.id(), closed.get().id());
        assertEquals(Optional.empty(), await(later.queryOrder("never-sent")));
    }

    @Test
    void placingAnIdWhoseOrderLeftMemorySendsNothingAndAnswersWithWhatBitfinexKnows() throws Exception {
        c.close();
        Map<String, String> s = h.settings();
        s.put("stale.margin.ms", "4600");
        s.put("reply.timeout.ms", "2000");
        s.put("retention.finished.ms", "0");
        BitfinexConnector forgetful = h.connect(BitfinexConfig.fromSettings(s), SimHarness.keys(), FrameTap.NONE);
        TradingAccount a = forgetful.trading().orElseThrow();
        Await.until(() -> TradingTest.authenticated(forgetful), () -> "authenticated");
        Order placed = await(a.place(resting("tomb-1")));
        Order cancelled = await(a.cancel("tomb-1"));
        assertEquals(OrderStatus.CANCELLED, cancelled.status());
        int before = h.sim.activeOrderCids().size();
        Order again = await(a.place(resting("tomb-1")));
        assertEquals(placed.id(), again.id(), "the same order, from Bitfinex's history");
        assertEquals(OrderStatus.CANCELLED, again.status());
        assertEquals(before, h.sim.activeOrderCids().size(), "nothing sent");
    }

    @Test
    void aPlaceWhoseAnswerNeverComesCompletesUnknownAfterItsTimeout() throws Exception {
        h.sim.ignoreNextOrderInputs(1);
        Order o = await(account.place(resting("lost-1")));
        assertEquals(OrderStatus.UNKNOWN_AFTER_DISCONNECT, o.status(), "no answer within 500 ms: " + o);
    }

    @Test
    void anOrderWhoseAnswersWereLostIsLookedUpByItsCidAfterTheTimeout() throws Exception {
        h.sim.executeNextOrderInputsSilently(1);
        Order o = await(account.place(OrderRequest.market("silent-1", TradingTest.BTC, Side.BUY,
                new BigDecimal("0.01"))));
        assertEquals(OrderStatus.UNKNOWN_AFTER_DISCONNECT, o.status(), "no answer within 500 ms: " + o);
        Await.until(() -> events.is("silent-1", OrderStatus.FILLED),
                () -> "filled, found by its cid: " + events.statuses("silent-1"));
        Await.until(() -> !events.fillsOf("silent-1").isEmpty(), () -> "its fill recovered from the trade history");
        assertEquals(0, events.fillsOf("silent-1").get(0).quantity().compareTo(new BigDecimal("0.01")));
        assertEquals(List.of(), events.badTransitions());
    }

    @Test
    void aCancelWhoseAnswerNeverComesCompletesAfterItsTimeout() throws Exception {
        Order o = await(account.place(resting("lost-2")));
        assertEquals(OrderStatus.OPEN, o.status(), o.reason());
        h.sim.ignoreNextOrderInputs(1);
        Order answer = await(account.cancel("lost-2"));
        assertTrue(answer.reason().contains("did not answer the cancel"), answer.reason());
    }

    @Test
    void aRefusedCancelIsMatchedByTheOrderItNames() throws Exception {
        Order o = await(account.place(resting("gone-1")));
        assertEquals(OrderStatus.OPEN, o.status(), o.reason());
        h.sim.executeNextOrderInputsSilently(1); // cancelled on the exchange, the connector hears nothing
        Order first = await(account.cancel("gone-1"));
        assertTrue(first.reason().contains("did not answer the cancel"), first.reason());
        Order second = await(account.cancel("gone-1"));
        assertEquals("Bitfinex refused the cancel: Order not found.", second.reason(),
                "the oc-req error names the order's id: " + second);
        assertEquals(o.id(), second.id());
        Await.until(() -> events.is("gone-1", OrderStatus.CANCELLED),
                () -> "its true state looked up after the refusal: " + events.statuses("gone-1"));
    }

    @Test
    void anAmendWhoseAnswerNeverComesCompletesAfterItsTimeout() throws Exception {
        Order o = await(account.place(resting("lost-3")));
        assertEquals(OrderStatus.OPEN, o.status(), o.reason());
        h.sim.ignoreNextOrderInputs(1);
        Order answer = await(account.amend(new org.tradebench.api.trading.AmendRequest("lost-3", null,
                new BigDecimal("0.005"), null)));
        assertTrue(answer.reason().contains("did not answer the amend"), answer.reason());
    }

    @Test
    void aDisconnectBeforeTheAnswerCompletesThePlaceAsUnknown() throws Exception {
        h.sim.ignoreNextOrderInputs(1);
        CompletableFuture<Order> f = account.place(resting("drop-1")).toCompletableFuture();
        Await.until(() -> events.is("drop-1", OrderStatus.PENDING_NEW), () -> "sent");
        // Dropped only once the exchange took the request: a drop before the frame left would
        // rightly make it REJECTED (never sent) instead.
        Await.until(() -> h.sim.ignoredInputsLeft() == 0, () -> "the request reached the exchange");
        h.sim.dropConnections();
        Order o = f.get(10, TimeUnit.SECONDS);
        assertEquals(OrderStatus.UNKNOWN_AFTER_DISCONNECT, o.status());
        // after the reconnect: not on the exchange, so it was never placed
        Await.until(() -> events.is("drop-1", OrderStatus.REJECTED), () -> "settled: " + events.statuses("drop-1"));
    }

    @Test
    void closingTheConnectorCompletesEveryWaitingFuture() throws Exception {
        Order open = await(account.place(resting("cl-0")));
        assertEquals(OrderStatus.OPEN, open.status(), open.reason());
        h.sim.ignoreNextOrderInputs(2);
        CompletableFuture<Order> placing = account.place(resting("cl-1")).toCompletableFuture();
        CompletableFuture<Order> cancelling = account.cancel("cl-0").toCompletableFuture();
        Await.until(() -> events.is("cl-1", OrderStatus.PENDING_NEW) && events.is("cl-0", OrderStatus.PENDING_CANCEL),
                () -> "both sent");
        Await.until(() -> h.sim.ignoredInputsLeft() == 0, () -> "both requests reached the exchange");
        c.close();
        assertEquals(OrderStatus.UNKNOWN_AFTER_DISCONNECT, placing.get(5, TimeUnit.SECONDS).status());
        assertEquals(OrderStatus.UNKNOWN_AFTER_DISCONNECT, cancelling.get(5, TimeUnit.SECONDS).status());
        Order after = await(account.place(resting("cl-2")));
        assertEquals(OrderStatus.REJECTED, after.status());
        assertTrue(after.reason().contains("closed"), after.reason());
    }

    @Test
    void cancelAndAmendOfAnUnknownClientOrderIdCompleteWithAClearMessage() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(account.cancel("nope")));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals("no Bitfinex order with client order id nope", e.getCause().getMessage());
        ExecutionException a = assertThrows(ExecutionException.class, () -> await(account.amend(
                new org.tradebench.api.trading.AmendRequest("nope", null, BigDecimal.ONE, null))));
        assertTrue(a.getCause().getMessage().contains("nope"), a.getCause().getMessage());
    }

    @Test
    void whileTheSocketIsDownOrdersGoOverRest() throws Exception {
        BigDecimal price = TradingTest.restingBuyPrice(book); // the book resets with the drop
        h.sim.refuseConnections(503);
        h.sim.dropConnections();
        Await.until(() -> !TradingTest.authenticated(c), () -> "the trading socket is down");
        Order placed = await(account.place(OrderRequest.limit("rest-1", TradingTest.BTC, Side.BUY,
                new BigDecimal("0.01"), price)));
        assertEquals(OrderStatus.OPEN, placed.status(), placed.reason());
        assertFalse(placed.id().isEmpty(), "Bitfinex's id from the REST answer");
        assertTrue(h.sim.activeOrderCids().contains(BitfinexCid.of("rest-1")));

        Order refused = await(account.place(OrderRequest.limit("rest-2", TradingTest.BTC, Side.BUY,
                new BigDecimal("10"), price)));
        assertEquals(OrderStatus.REJECTED, refused.status());
        assertTrue(refused.reason().contains("not enough exchange balance") && refused.reason().contains("10001"),
                refused.reason());
        assertEquals("10001", refused.errorCode());

        Order cancelled = await(account.cancel("rest-1"));
        assertEquals(OrderStatus.CANCELLED, cancelled.status(), cancelled.reason());
        assertEquals(List.of(), events.badTransitions());
        h.sim.acceptConnections();
    }
}
