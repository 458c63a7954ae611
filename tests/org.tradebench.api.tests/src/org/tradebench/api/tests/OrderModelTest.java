package org.tradebench.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;

class OrderModelTest {

    private static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");
    private static final Instant T0 = Instant.parse("2025-01-27T10:15:30Z");

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void requestShapeIsValidatedPerType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OrderRequest("c1", BTC,
                Side.BUY, OrderType.LIMIT, d("1"), null, null, TimeInForce.GTC, Set.of(), null, null));
        assertTrue(e.getMessage().equals("a limit order needs a limit price"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new OrderRequest("c1", BTC, Side.BUY,
                OrderType.STOP_LIMIT, d("1"), d("10"), null, TimeInForce.GTC, Set.of(), null, null));
        assertTrue(e.getMessage().equals("a stop-limit order needs a trigger price"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new OrderRequest("c1", BTC, Side.BUY,
                OrderType.MARKET, d("1"), d("10"), null, TimeInForce.IOC, Set.of(), null, null));
        assertEquals("a market order takes no limit price", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OrderRequest.limit("c1", BTC, Side.BUY, d("0"), d("1")));
        assertEquals("quantity must be > 0, was 0", e.getMessage());
    }

    @Test
    void clientOrderIdIsRestricted() {
        assertThrows(IllegalArgumentException.class, () -> OrderRequest.limit("has space", BTC, Side.BUY, d("1"), d("1")));
        assertThrows(IllegalArgumentException.class,
                () -> OrderRequest.limit("x".repeat(37), BTC, Side.BUY, d("1"), d("1")));
        assertEquals("A-b_9", OrderRequest.limit("A-b_9", BTC, Side.BUY, d("1"), d("1")).clientOrderId());
    }

    @Test
    void postOnlyNeedsGtcLimit() {
        OrderRequest limit = OrderRequest.limit("c1", BTC, Side.BUY, d("1"), d("100"));
        assertTrue(limit.withFlags(Set.of(OrderFlag.POST_ONLY)).has(OrderFlag.POST_ONLY));
        assertThrows(IllegalArgumentException.class,
                () -> limit.withTimeInForce(TimeInForce.IOC).withFlags(Set.of(OrderFlag.POST_ONLY)));
        assertThrows(IllegalArgumentException.class, () -> OrderRequest.market("c2", BTC, Side.BUY, d("1"))
                .withFlags(Set.of(OrderFlag.POST_ONLY)));
    }

    @Test
    void attachedStopLossMustBeOnTheLosingSide() {
        OrderRequest buy = OrderRequest.limit("c1", BTC, Side.BUY, d("1"), d("100"));
        OrderRequest ok = buy.withTakeProfit(d("110")).withStopLoss(d("95"));
        assertEquals(d("110"), ok.takeProfit());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> buy.withTakeProfit(d("95")).withStopLoss(d("110")));
        assertEquals("for a buy the stop-loss must be below the take-profit", e.getMessage());
        OrderRequest sell = OrderRequest.limit("c2", BTC, Side.SELL, d("1"), d("100"));
        assertEquals(d("90"), sell.withTakeProfit(d("90")).withStopLoss(d("105")).takeProfit());
    }

    @Test
    void stateMachineAllowsOnlyDocumentedTransitions() {
        assertTrue(OrderStatus.PENDING_NEW.canBecome(OrderStatus.OPEN));
        assertTrue(OrderStatus.OPEN.canBecome(OrderStatus.PARTIALLY_FILLED));
        assertTrue(OrderStatus.PARTIALLY_FILLED.canBecome(OrderStatus.FILLED));
        assertTrue(OrderStatus.PENDING_CANCEL.canBecome(OrderStatus.FILLED), "a fill can race a cancel");
        assertTrue(OrderStatus.UNKNOWN_AFTER_DISCONNECT.canBecome(OrderStatus.FILLED));
        assertFalse(OrderStatus.OPEN.canBecome(OrderStatus.REJECTED));
        assertFalse(OrderStatus.PARTIALLY_FILLED.canBecome(OrderStatus.OPEN));
        for (OrderStatus terminal : EnumSet.of(OrderStatus.FILLED, OrderStatus.CANCELLED, OrderStatus.REJECTED)) {
            assertTrue(terminal.isFinal());
            for (OrderStatus other : OrderStatus.values()) {
                assertEquals(other == terminal, terminal.canBecome(other), terminal + " -> " + other);
            }
        }
    }

    @Test
    void orderFollowsTheStateMachine() {
        OrderRequest req = OrderRequest.limit("c1", BTC, Side.BUY, d("2"), d("100"));
        Order pending = new Order("", "c1", req, OrderStatus.PENDING_NEW, BigDecimal.ZERO, null, "", T0, T0);
        Order open = pending.withStatus(OrderStatus.OPEN, "", T0);
        Order partial = open.withFill(d("0.5"), d("100"), T0.plusSeconds(1));
        assertEquals(OrderStatus.PARTIALLY_FILLED, partial.status());
        assertEquals(d("1.5"), partial.remainingQuantity());
        Order filled = partial.withFill(d("2"), d("99.9"), T0.plusSeconds(2));
        assertEquals(OrderStatus.FILLED, filled.status());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> filled.withStatus(OrderStatus.CANCELLED, "late cancel", T0.plusSeconds(3)));
        assertEquals("order c1 cannot go from filled to cancelled", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Order("1", "c1", req, OrderStatus.FILLED, d("3"), d("100"), "", T0, T0));
    }
}
