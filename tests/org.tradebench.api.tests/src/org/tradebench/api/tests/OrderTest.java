package org.tradebench.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.api.tests.TestValues.BTC;
import static org.tradebench.api.tests.TestValues.T0;
import static org.tradebench.api.tests.TestValues.d;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.Placement;
import org.tradebench.api.trading.Reconciliation;

class OrderTest {

    private static final OrderRequest REQUEST = OrderRequest.limit("c1", BTC, Side.BUY, d("2"), d("100"));
    private static final Instant T1 = T0.plusSeconds(1);

    @Test
    void pendingOrderIsAsSentWithNoExchangeIdYet() {
        Order pending = Order.pending(REQUEST, "main", T0);
        assertEquals("", pending.id());
        assertEquals("c1", pending.clientOrderId());
        assertEquals(OrderStatus.PENDING_NEW, pending.status());
        assertEquals(BigDecimal.ZERO, pending.filledQuantity());
        assertNull(pending.averagePrice());
        assertEquals("", pending.reason());
        assertEquals(T0, pending.created());
        assertEquals(T0, pending.updated());
        assertEquals("main", pending.accountId());
        assertNull(pending.errorCode());
        assertEquals(Placement.EXCHANGE, pending.placement());
        assertEquals(BTC, pending.instrument());
        assertEquals(Side.BUY, pending.side());
        assertEquals(d("2"), pending.remainingQuantity());
    }

    @Test
    void withIdSetsTheExchangeIdAndNothingElse() {
        Order pending = Order.pending(REQUEST, "main", T0);
        Order acknowledged = pending.withId("1747281");
        assertEquals("1747281", acknowledged.id());
        assertEquals(OrderStatus.PENDING_NEW, acknowledged.status());
        assertEquals(T0, acknowledged.updated());
        assertEquals(pending, acknowledged.withId(""));
    }

    @Test
    void rejectedKeepsTheExchangesCodeAndText() {
        Order rejected = Order.pending(REQUEST, "main", T0).rejected("-1013", "Filter failure: PRICE_FILTER", T1);
        assertEquals(OrderStatus.REJECTED, rejected.status());
        assertEquals("-1013", rejected.errorCode());
        assertEquals("Filter failure: PRICE_FILTER", rejected.reason());
        assertEquals(T0, rejected.created());
        assertEquals(T1, rejected.updated());
        assertNull(Order.pending(REQUEST, "main", T0).rejected(null, "risk: notional above 250000", T1).errorCode());
        Order open = Order.pending(REQUEST, "main", T0).withStatus(OrderStatus.OPEN, "", T1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> open.rejected("x", "late", T1));
        assertEquals("order c1 cannot go from open to rejected", e.getMessage());
    }

    @Test
    void fillsMoveThroughPartiallyFilledToFilled() {
        Order open = Order.pending(REQUEST, "main", T0).withId("1").withStatus(OrderStatus.OPEN, "", T0);
        Order partial = open.withFill(d("0.5"), d("100"), T1);
        assertEquals(OrderStatus.PARTIALLY_FILLED, partial.status());
        assertEquals(d("1.5"), partial.remainingQuantity());
        assertEquals(T1, partial.updated());
        Order filled = partial.withFill(d("2.0"), d("99.90"), T1.plusSeconds(1));
        assertEquals(OrderStatus.FILLED, filled.status());
        assertEquals(d("99.9"), filled.averagePrice());
        assertEquals(BigDecimal.ZERO, filled.remainingQuantity());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> filled.withStatus(OrderStatus.CANCELLED, "late cancel", T1));
        assertEquals("order c1 cannot go from filled to cancelled", e.getMessage());
        Order cancelled = open.withStatus(OrderStatus.CANCELLED, "", T1);
        assertEquals("order c1 cannot fill in status cancelled",
                assertThrows(IllegalStateException.class, () -> cancelled.withFill(d("1"), d("100"), T1)).getMessage());
    }

    @Test
    void filledQuantityCannotExceedTheOrder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Order("1", "c1", REQUEST,
                OrderStatus.FILLED, d("3"), d("100"), "", T0, T0, "main", null, Placement.EXCHANGE));
        assertEquals("order c1 filled 3 exceeds its quantity 2", e.getMessage());
        assertEquals("placement", assertThrows(NullPointerException.class, () -> new Order("1", "c1", REQUEST,
                OrderStatus.OPEN, d("0"), null, "", T0, T0, "main", null, null)).getMessage());
    }

    @Test
    void stateMachineAllowsOnlyDocumentedTransitions() {
        assertTrue(OrderStatus.PENDING_NEW.canBecome(OrderStatus.OPEN));
        assertTrue(OrderStatus.PENDING_NEW.canBecome(OrderStatus.REJECTED));
        assertTrue(OrderStatus.OPEN.canBecome(OrderStatus.PARTIALLY_FILLED));
        assertTrue(OrderStatus.PARTIALLY_FILLED.canBecome(OrderStatus.FILLED));
        assertTrue(OrderStatus.PENDING_CANCEL.canBecome(OrderStatus.FILLED), "a fill can race a cancel");
        assertTrue(OrderStatus.PENDING_CANCEL.canBecome(OrderStatus.OPEN), "a refused cancel");
        assertTrue(OrderStatus.UNKNOWN_AFTER_DISCONNECT.canBecome(OrderStatus.FILLED));
        assertTrue(OrderStatus.UNKNOWN_AFTER_DISCONNECT.canBecome(OrderStatus.REJECTED));
        assertFalse(OrderStatus.OPEN.canBecome(OrderStatus.REJECTED));
        assertFalse(OrderStatus.OPEN.canBecome(OrderStatus.PENDING_NEW));
        assertFalse(OrderStatus.PARTIALLY_FILLED.canBecome(OrderStatus.OPEN));
        for (OrderStatus terminal : EnumSet.of(OrderStatus.FILLED, OrderStatus.CANCELLED, OrderStatus.REJECTED)) {
            assertTrue(terminal.isFinal());
            assertFalse(terminal.isWorking());
            for (OrderStatus other : OrderStatus.values()) {
                assertEquals(other == terminal, terminal.canBecome(other), terminal + " -> " + other);
            }
        }
        assertEquals(EnumSet.of(OrderStatus.OPEN, OrderStatus.PARTIALLY_FILLED, OrderStatus.PENDING_CANCEL),
                EnumSet.copyOf(List.of(OrderStatus.values()).stream().filter(OrderStatus::isWorking).toList()));
        assertEquals("unknown-after-disconnect", OrderStatus.UNKNOWN_AFTER_DISCONNECT.wireName());
    }

    @Test
    void reconciliationSaysWhetherAnythingChanged() {
        Reconciliation none = new Reconciliation("main", T0, "reconnect", List.of(), List.of());
        assertFalse(none.changedAnything());
        Fill missed = new Fill(BTC, "1", "c1", "f-9", Side.BUY, d("100.0"), d("0.5"), d("-0.010"), "USD", true, T0,
                "main");
        assertEquals(d("-0.01"), missed.fee(), "a rebate, normalised");
        assertTrue(new Reconciliation("main", T0, "start", List.of(), List.of(missed)).changedAnything());
        Order cancelled = Order.pending(REQUEST, "main", T0).withStatus(OrderStatus.CANCELLED, "expired", T1);
        assertTrue(new Reconciliation("main", T0, "reconnect", List.of(cancelled), List.of()).changedAnything());
    }
}
