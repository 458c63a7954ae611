package org.tradebench.connector.bitfinex.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.Capability;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.Reconciliation;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.connector.bitfinex.internal.BitfinexConnector;
import org.tradebench.connector.conformance.Await;
import org.tradebench.connector.conformance.BookModel;

/** With {@code dms:4} the exchange cancels every order when the trading socket drops. */
class DeadManSwitchTest {

    private SimHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void ordersCancelledByTheDeadManSwitchAreReconciledAsCancelled() throws Exception {
        h = SimHarness.start(1, 5);
        BitfinexConnector c = h.connectWithKeys(true);
        assertTrue(c.capabilities().contains(Capability.DEAD_MAN_SWITCH), c.capabilities().toString());
        TradingAccount account = c.trading().orElseThrow();
        assertTrue(account.capabilities().contains(Capability.DEAD_MAN_SWITCH));
        TradingEvents events = new TradingEvents();
        account.subscribe(events);
        BookModel book = new BookModel();
        c.marketData().subscribeBook(new BookRequest(TradingTest.BTC, 25), book);
        TradingTest.awaitReady(h, c, account, book);

        Order o = TradingTest.await(account.place(OrderRequest.limit("dms-1", TradingTest.BTC, Side.BUY,
                new BigDecimal("0.01"), TradingTest.restingBuyPrice(book))));
        assertEquals(OrderStatus.OPEN, o.status(), o.reason());
        h.sim.dropConnections();
        Await.until(() -> events.is("dms-1", OrderStatus.CANCELLED),
                () -> "cancelled after the reconnect: " + events.statuses("dms-1"));
        assertEquals(List.of(OrderStatus.PENDING_NEW, OrderStatus.OPEN, OrderStatus.UNKNOWN_AFTER_DISCONNECT,
                OrderStatus.CANCELLED), events.statuses("dms-1"));
        assertEquals(List.of(), events.badTransitions());
        assertTrue(account.openOrders().isEmpty(), account.openOrders().toString());

        Reconciliation r = TradingTest.awaitReconciliation(events, "reconnect");
        assertEquals(List.of("dms-1"), r.changedOrders().stream().map(Order::clientOrderId).toList(), r.toString());
        assertEquals(OrderStatus.CANCELLED, r.changedOrders().get(0).status());
        assertEquals(List.of(), r.recoveredFills());
    }
}
