package org.tradebench.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.api.tests.TestValues.BTC;
import static org.tradebench.api.tests.TestValues.PERP;
import static org.tradebench.api.tests.TestValues.d;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.AmendRequest;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.api.trading.TriggerSource;

class OrderRequestTest {

    private static final OrderRequest BUY = OrderRequest.limit("c-1", BTC, Side.BUY, d("0.5"), d("65000"));

    private static String refused(Executable executable) {
        return assertThrows(IllegalArgumentException.class, executable).getMessage();
    }

    private static OrderRequest request(String id, OrderType type, BigDecimal price, BigDecimal trigger,
            TimeInForce tif, Set<OrderFlag> flags, ExitLeg tp, ExitLeg sl, PositionSide positionSide, String parent,
            OrderRole role) {
        return new OrderRequest(id, BTC, Side.BUY, type, d("1"), price, trigger, tif, flags, tp, sl,
                TriggerSource.LAST, positionSide, parent, role);
    }

    @Test
    void factoriesMakePrimaryOrdersTriggeredByTheLastPrice() {
        assertEquals(OrderType.LIMIT, BUY.type());
        assertEquals(TimeInForce.GTC, BUY.timeInForce());
        assertEquals(OrderRole.PRIMARY, BUY.role());
        assertEquals(TriggerSource.LAST, BUY.triggerSource());
        assertNull(BUY.parentClientOrderId());
        assertNull(BUY.positionSide());
        assertTrue(BUY.flags().isEmpty());
        assertFalse(BUY.hasExits());
        OrderRequest market = OrderRequest.market("c-2", BTC, Side.SELL, d("1"));
        assertEquals(TimeInForce.IOC, market.timeInForce());
        assertNull(market.price());
        OrderRequest stop = OrderRequest.stop("c-3", BTC, Side.SELL, d("1"), d("62000.0"));
        assertEquals(d("62000"), stop.triggerPrice());
        assertEquals(OrderType.STOP, stop.type());
    }

    @Test
    void shapeIsValidatedPerOrderType() {
        assertEquals("a limit order needs a limit price", refused(
                () -> OrderRequest.of("c1", BTC, Side.BUY, OrderType.LIMIT, d("1"), null, null, TimeInForce.GTC)));
        assertEquals("a stop-limit order needs a trigger price", refused(
                () -> OrderRequest.of("c1", BTC, Side.BUY, OrderType.STOP_LIMIT, d("1"), d("10"), null, TimeInForce.GTC)));
        assertEquals("a market order takes no limit price", refused(
                () -> OrderRequest.of("c1", BTC, Side.BUY, OrderType.MARKET, d("1"), d("10"), null, TimeInForce.IOC)));
        assertEquals("a market order takes no trigger price", refused(
                () -> OrderRequest.of("c1", BTC, Side.BUY, OrderType.MARKET, d("1"), null, d("10"), TimeInForce.IOC)));
        assertEquals("a take-profit order needs a trigger price", refused(
                () -> OrderRequest.of("c1", BTC, Side.BUY, OrderType.TAKE_PROFIT, d("1"), null, null, TimeInForce.GTC)));
        assertEquals("quantity must be > 0, was 0", refused(() -> OrderRequest.limit("c1", BTC, Side.BUY, d("0"), d("1"))));
        assertEquals("price of a limit order must be > 0, was -1",
                refused(() -> OrderRequest.limit("c1", BTC, Side.BUY, d("1"), d("-1"))));
        assertEquals("trigger price of a stop order must be > 0, was 0",
                refused(() -> OrderRequest.stop("c1", BTC, Side.BUY, d("1"), d("0"))));
        OrderRequest stopLimit = OrderRequest.of("c1", BTC, Side.BUY, OrderType.STOP_LIMIT, d("1.50"), d("66000.10"),
                d("65900"), TimeInForce.GTC);
        assertEquals(d("1.5"), stopLimit.quantity());
        assertEquals(d("66000.1"), stopLimit.price());
    }

    @Test
    void clientOrderIdIsOneToThirtySixSafeCharacters() {
        assertEquals("A-b_9", OrderRequest.limit("A-b_9", BTC, Side.BUY, d("1"), d("1")).clientOrderId());
        assertEquals(36, OrderRequest.limit("x".repeat(36), BTC, Side.BUY, d("1"), d("1")).clientOrderId().length());
        assertEquals("client order id must be 1-36 characters of A-Z a-z 0-9 _ -: 'has space'",
                refused(() -> OrderRequest.limit("has space", BTC, Side.BUY, d("1"), d("1"))));
        assertThrows(IllegalArgumentException.class, () -> OrderRequest.limit("x".repeat(37), BTC, Side.BUY, d("1"), d("1")));
        assertThrows(IllegalArgumentException.class, () -> OrderRequest.limit("", BTC, Side.BUY, d("1"), d("1")));
        assertThrows(IllegalArgumentException.class, () -> OrderRequest.limit("c/1", BTC, Side.BUY, d("1"), d("1")));
        assertEquals("clientOrderId", assertThrows(NullPointerException.class,
                () -> OrderRequest.requireClientOrderId(null)).getMessage());
        assertEquals("c-2", BUY.withClientOrderId("c-2").clientOrderId());
        assertThrows(IllegalArgumentException.class, () -> BUY.withClientOrderId("c 2"));
    }

    @Test
    void postOnlyNeedsAGtcLimitOrder() {
        assertTrue(BUY.withFlags(Set.of(OrderFlag.POST_ONLY)).has(OrderFlag.POST_ONLY));
        assertEquals("post-only needs a GTC limit order",
                refused(() -> BUY.withTimeInForce(TimeInForce.IOC).withFlags(Set.of(OrderFlag.POST_ONLY))));
        assertEquals("post-only needs a GTC limit order", refused(
                () -> OrderRequest.market("c2", BTC, Side.BUY, d("1")).withFlags(Set.of(OrderFlag.POST_ONLY))));
    }

    @Test
    void flagsAreCopied() {
        Set<OrderFlag> flags = EnumSet.of(OrderFlag.REDUCE_ONLY);
        OrderRequest reduce = BUY.withFlags(flags);
        flags.add(OrderFlag.HIDDEN);
        assertEquals(Set.of(OrderFlag.REDUCE_ONLY), reduce.flags());
        assertFalse(reduce.has(OrderFlag.HIDDEN));
    }

    @Test
    void exitLegsCarryTheirTriggerSourceAndOptionalLimit() {
        OrderRequest entry = BUY.withTakeProfit(ExitLeg.market(d("70000")))
                .withStopLoss(ExitLeg.limit(d("62000"), d("61900.0")).triggeredBy(TriggerSource.MARK));
        assertTrue(entry.hasExits());
        assertEquals(d("70000"), entry.takeProfit().triggerPrice());
        assertNull(entry.takeProfit().limitPrice(), "a market exit");
        assertEquals(TriggerSource.LAST, entry.takeProfit().triggerSource());
        assertEquals(d("62000"), entry.stopLoss().triggerPrice());
        assertEquals(d("61900"), entry.stopLoss().limitPrice());
        assertEquals(TriggerSource.MARK, entry.stopLoss().triggerSource());
        assertEquals("mark", entry.stopLoss().triggerSource().wireName());
        assertFalse(entry.withTakeProfit(null).withStopLoss(null).hasExits());
        assertTrue(entry.withTakeProfit(null).hasExits(), "the stop-loss alone is an exit");
    }

    @Test
    void exitLegPricesMustBePositive() {
        assertEquals("exit trigger price must be > 0, was 0", refused(() -> ExitLeg.market(d("0"))));
        assertEquals("exit limit price must be > 0, was -5", refused(() -> ExitLeg.limit(d("100"), d("-5"))));
        assertThrows(NullPointerException.class, () -> ExitLeg.market(d("100")).triggeredBy(null));
    }

    @Test
    void stopLossMustBeOnTheLosingSideOfTheTakeProfit() {
        assertEquals("for a buy the stop-loss must be below the take-profit", refused(
                () -> BUY.withTakeProfit(ExitLeg.market(d("62000"))).withStopLoss(ExitLeg.market(d("70000")))));
        assertEquals("for a buy the stop-loss must be below the take-profit", refused(
                () -> BUY.withTakeProfit(ExitLeg.market(d("65000"))).withStopLoss(ExitLeg.market(d("65000")))));
        OrderRequest sell = OrderRequest.limit("c-2", BTC, Side.SELL, d("1"), d("65000"));
        assertEquals("for a sell the stop-loss must be above the take-profit", refused(
                () -> sell.withTakeProfit(ExitLeg.market(d("70000"))).withStopLoss(ExitLeg.market(d("62000")))));
        OrderRequest ok = sell.withTakeProfit(ExitLeg.market(d("62000"))).withStopLoss(ExitLeg.market(d("70000")));
        assertEquals(d("62000"), ok.takeProfit().triggerPrice());
    }

    @Test
    void exitRolesNeedTheirEntryAndCarryNoExits() {
        OrderRequest tp = OrderRequest.of("c-1-tp", BTC, Side.SELL, OrderType.TAKE_PROFIT, d("0.5"), null, d("70000"),
                TimeInForce.GTC).asExitOf(OrderRole.TAKE_PROFIT, "c-1");
        assertEquals(OrderRole.TAKE_PROFIT, tp.role());
        assertEquals("c-1", tp.parentClientOrderId());
        assertTrue(tp.role().isExit());
        assertFalse(OrderRole.PRIMARY.isExit());
        assertEquals("a take-profit leg needs its entry's client order id", refused(() -> request("c-1-tp",
                OrderType.LIMIT, d("70000"), null, TimeInForce.GTC, Set.of(), null, null, null, null, OrderRole.TAKE_PROFIT)));
        assertEquals("an exit leg carries no exits of its own", refused(() -> request("c-1-sl", OrderType.LIMIT,
                d("62000"), null, TimeInForce.GTC, Set.of(), ExitLeg.market(d("70000")), null, null, "c-1",
                OrderRole.STOP_LOSS)));
        assertEquals("an exit leg is TAKE_PROFIT or STOP_LOSS, not PRIMARY",
                refused(() -> BUY.asExitOf(OrderRole.PRIMARY, "c-0")));
        assertEquals("client order id must be 1-36 characters of A-Z a-z 0-9 _ -: 'c 1'",
                refused(() -> BUY.asExitOf(OrderRole.STOP_LOSS, "c 1")));
        OrderRequest withExits = BUY.withTakeProfit(ExitLeg.market(d("70000")));
        OrderRequest leg = withExits.asExitOf(OrderRole.STOP_LOSS, "c-0");
        assertFalse(leg.hasExits(), "an entry's exits are dropped when it becomes a leg");
        assertEquals("stop-loss", leg.role().wireName());
    }

    @Test
    void positionSideIsLongShortOrOneWay() {
        assertEquals(PositionSide.LONG, BUY.withPositionSide(PositionSide.LONG).positionSide());
        assertNull(BUY.withPositionSide(PositionSide.SHORT).withPositionSide(null).positionSide());
        assertEquals("the position side of an order is LONG, SHORT or null (one-way mode)",
                refused(() -> BUY.withPositionSide(PositionSide.FLAT)));
    }

    @Test
    void copiesChangeOnlyWhatTheySay() {
        OrderRequest stop = OrderRequest.stop("c-3", PERP, Side.SELL, d("1"), d("62000"))
                .withTriggerSource(TriggerSource.MARK).withPositionSide(PositionSide.LONG);
        assertEquals(TriggerSource.MARK, stop.triggerSource());
        OrderRequest resized = stop.withAmounts(d("0.250"), null, d("61999.50"));
        assertEquals(d("0.25"), resized.quantity());
        assertEquals(d("61999.5"), resized.triggerPrice());
        assertEquals(TriggerSource.MARK, resized.triggerSource());
        assertEquals(PositionSide.LONG, resized.positionSide());
        assertEquals(PERP, resized.instrument());
        assertEquals("a stop order takes no limit price", refused(() -> stop.withAmounts(d("1"), d("62000"), d("62000"))));
    }

    @Test
    void amendChangesPriceQuantityOrTrigger() {
        AmendRequest price = AmendRequest.price("c-1", d("64950.0"));
        assertEquals(d("64950"), price.price());
        assertNull(price.quantity());
        assertNull(price.triggerPrice());
        AmendRequest quantity = AmendRequest.quantity("c-1", d("0.50"));
        assertEquals(d("0.5"), quantity.quantity());
        assertNull(quantity.price());
        assertEquals(d("61000"), new AmendRequest("c-1", null, null, d("61000")).triggerPrice());
        assertEquals("an amend of c-1 changes nothing", refused(() -> new AmendRequest("c-1", null, null, null)));
        assertEquals("quantity must be > 0, was -1", refused(() -> AmendRequest.quantity("c-1", d("-1"))));
        assertEquals("trigger price must be > 0, was 0", refused(() -> new AmendRequest("c-1", null, null, d("0"))));
        assertEquals("client order id must be 1-36 characters of A-Z a-z 0-9 _ -: 'c:1'",
                refused(() -> AmendRequest.price("c:1", d("1"))));
        assertThrows(NullPointerException.class, () -> AmendRequest.price("c-1", null));
    }
}
