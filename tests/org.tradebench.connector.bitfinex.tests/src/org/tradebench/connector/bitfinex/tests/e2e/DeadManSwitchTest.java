package org.tradebench.connector.bitfinex.tests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.Capability;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.TradingAccount;

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
        h = SimHarness.start(true, true, 1, 5);
        assertTrue(h.connector.capabilities().contains(Capability.DEAD_MAN_SWITCH));
        TradingAccount account = h.connector.trading().orElseThrow();
        TradingTest.Events events = new TradingTest.Events();
        account.subscribe(events);
        BookModel book = new BookModel();
        h.connector.marketData().subscribeBook(new BookRequest(MarketDataTest.BTC, 25), book);
        Await.until(() -> book.valid() && h.connector.bitfinexTrading().orElseThrow().isAuthenticated(),
                () -> "authenticated, with a book");
        BigDecimal price = book.bestBid().setScale(0, RoundingMode.FLOOR).subtract(new BigDecimal("50"));
        Order o = account.place(OrderRequest.limit("dms-1", MarketDataTest.BTC, Side.BUY, new BigDecimal("0.01"), price))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(OrderStatus.OPEN, o.status(), o.reason());
        h.sim.dropConnections();
        Await.until(() -> events.latest("dms-1").orElseThrow().status() == OrderStatus.CANCELLED,
                () -> "cancelled after the reconnect: " + events.statuses("dms-1"));
        assertEquals(List.of(OrderStatus.PENDING_NEW, OrderStatus.OPEN, OrderStatus.UNKNOWN_AFTER_DISCONNECT,
                OrderStatus.CANCELLED), events.statuses("dms-1"));
        assertTrue(account.openOrders().isEmpty());
    }
}
