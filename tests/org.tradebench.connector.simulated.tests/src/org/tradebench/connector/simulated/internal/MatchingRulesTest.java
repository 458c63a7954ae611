package org.tradebench.connector.simulated.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.connector.simulated.internal.Fixtures.BTC;
import static org.tradebench.connector.simulated.internal.Fixtures.ETH;
import static org.tradebench.connector.simulated.internal.Fixtures.PERP;
import static org.tradebench.connector.simulated.internal.Fixtures.d;
import static org.tradebench.connector.simulated.internal.Fixtures.ladder;
import static org.tradebench.connector.simulated.internal.Fixtures.limit;
import static org.tradebench.connector.simulated.internal.Fixtures.market;
import static org.tradebench.connector.simulated.internal.Fixtures.triggered;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.api.trading.TriggerSource;
import org.tradebench.core.book.OrderBook;

/**
 * The matching rules for the user's orders, on a quiet venue with a known book:
 * asks 0.1@65000, 0.2@65000.5, 0.3@65001; bids 0.1@64999.5, 0.2@64999, 0.3@64998.5.
 */
class MatchingRulesTest {

    private final SimulatedVenue venue = ladder(BTC);
    private final TradingRecorder recorder = new TradingRecorder();

    MatchingRulesTest() {
        venue.subscribeTrading(recorder);
    }

    private static Balance balance(SimulatedVenue venue, String currency) {
        return Fixtures.spot(venue, currency);
    }

    private BigDecimal price(InstrumentId id, long units) {
        return venue.market(id).profile.price(units);
    }

    private BigDecimal size(InstrumentId id, long units) {
        return venue.market(id).profile.size(units);
    }

    @Test
    void twoOrdersAtOnePriceFillInArrivalOrder() {
        Order first = venue.place(limit("first", BTC, Side.BUY, "0.1", "64999.8"));
        Order second = venue.place(limit("second", BTC, Side.BUY, "0.1", "64999.8"));
        assertEquals(OrderStatus.OPEN, first.status());
        assertEquals(OrderStatus.OPEN, second.status());

        venue.submitParticipantOrder(BTC, Side.SELL, null, d("0.15"));

        assertEquals(OrderStatus.FILLED, venue.order("first").orElseThrow().status());
        Order later = venue.order("second").orElseThrow();
        assertEquals(OrderStatus.PARTIALLY_FILLED, later.status());
        assertEquals(d("0.05"), later.filledQuantity());
        List<Fill> fills = recorder.fills();
        assertEquals(List.of("first", "second"), fills.stream().map(Fill::clientOrderId).toList());
        assertEquals(List.of(d("0.1"), d("0.05")), fills.stream().map(Fill::quantity).toList());
        assertTrue(fills.stream().allMatch(Fill::maker), "resting orders are makers");
        OrderBook book = venue.book(BTC);
        assertEquals(d("64999.8"), price(BTC, book.bestBid()));
        assertEquals(d("0.05"), size(BTC, book.bestBidSize()));
    }

    @Test
    void crossingLimitFillsWhatItCanAtAveragePriceAndRestsTheRest() {
        Order o = venue.place(limit("cross", BTC, Side.BUY, "0.4", "65000.5"));

        assertEquals(OrderStatus.PARTIALLY_FILLED, o.status());
        assertEquals(d("0.3"), o.filledQuantity());
        // (0.1 × 65000 + 0.2 × 65000.5) / 0.3
        assertEquals(d("65000.333333333"), o.averagePrice());
        assertEquals(List.of(d("65000"), d("65000.5")), recorder.fills().stream().map(Fill::price).toList());
        assertFalse(recorder.fills().stream().anyMatch(Fill::maker), "the incoming order is the taker");
        OrderBook book = venue.book(BTC);
        assertEquals(d("65000.5"), price(BTC, book.bestBid()));
        assertEquals(d("0.1"), size(BTC, book.bestBidSize()));
        assertEquals(d("65001"), price(BTC, book.bestAsk()));
        assertEquals(List.of("cross"), venue.openOrders().stream().map(Order::clientOrderId).toList());
        assertEquals(List.of(OrderStatus.PENDING_NEW, OrderStatus.OPEN, OrderStatus.PARTIALLY_FILLED,
                OrderStatus.PARTIALLY_FILLED), recorder.statuses("cross"));
    }

    @Test
    void marketOrderSweepsLevels() {
        Order o = venue.place(market("sweep", BTC, Side.BUY, "0.5"));

        assertEquals(OrderStatus.FILLED, o.status());
        // (0.1 × 65000 + 0.2 × 65000.5 + 0.2 × 65001) / 0.5
        assertEquals(d("65000.6"), o.averagePrice());
        assertEquals(3, recorder.fills().size());
        assertEquals(d("65001"), price(BTC, venue.book(BTC).bestAsk()));
        assertEquals(d("0.1"), size(BTC, venue.book(BTC).bestAskSize()));
        assertEquals(d("65001"), venue.lastPrice(BTC).orElseThrow());
    }

    @Test
    void marketOrderCancelsWhatTheBookCannotFill() {
        ladder(venue, PERP);
        Order o = venue.place(market("big", PERP, Side.BUY, "1"));

        assertEquals(OrderStatus.CANCELLED, o.status());
        assertEquals(d("0.6"), o.filledQuantity());
        assertEquals("market order: no more liquidity in the book; 0.4 unfilled", o.reason());
        assertEquals(0, venue.book(PERP).levels(Side.SELL));

        Order noPrice = venue.place(market("eth", ETH, Side.BUY, "1"));
        assertEquals(OrderStatus.REJECTED, noPrice.status(), "ETH has no book and no last price");
        assertTrue(noPrice.reason().contains("a market order needs a reference price"), noPrice.reason());
    }

    @Test
    void postOnlyThatWouldTakeIsRejected() {
        Order taking = venue.place(limit("po-1", BTC, Side.BUY, "0.1", "65000").withFlags(Set.of(OrderFlag.POST_ONLY)));
        assertEquals(OrderStatus.REJECTED, taking.status());
        assertEquals("post-only buy at 65000 would take liquidity: the best ask is 65000", taking.reason());
        assertEquals(TradingEngine.POST_ONLY, taking.errorCode());
        assertEquals(d("0.1"), size(BTC, venue.book(BTC).bestAskSize()), "nothing traded");

        Order making = venue.place(limit("po-2", BTC, Side.BUY, "0.1", "64999.9").withFlags(Set.of(OrderFlag.POST_ONLY)));
        assertEquals(OrderStatus.OPEN, making.status());
        assertEquals(d("64999.9"), price(BTC, venue.book(BTC).bestBid()));
    }

    @Test
    void immediateOrCancelRemainderIsCancelled() {
        Order o = venue.place(limit("ioc", BTC, Side.BUY, "0.4", "65000.5").withTimeInForce(TimeInForce.IOC));

        assertEquals(OrderStatus.CANCELLED, o.status());
        assertEquals(d("0.3"), o.filledQuantity());
        assertEquals("immediate-or-cancel: 0.1 unfilled, cancelled", o.reason());
        assertEquals(d("64999.5"), price(BTC, venue.book(BTC).bestBid()), "nothing rests");
        assertEquals(List.of(OrderStatus.PENDING_NEW, OrderStatus.OPEN, OrderStatus.PARTIALLY_FILLED,
                OrderStatus.PARTIALLY_FILLED, OrderStatus.CANCELLED), recorder.statuses("ioc"));
    }

    @Test
    void fillOrKillFillsEverythingOrNothing() {
        Order kill = venue.place(limit("fok-1", BTC, Side.BUY, "0.4", "65000.5").withTimeInForce(TimeInForce.FOK));
        assertEquals(OrderStatus.REJECTED, kill.status());
        assertEquals("fill-or-kill buy of 0.4 cannot fill completely: only 0.3 available at 65000.5 or better",
                kill.reason());
        assertEquals(d("65000"), price(BTC, venue.book(BTC).bestAsk()), "nothing traded");
        assertTrue(recorder.fills().isEmpty());

        Order fill = venue.place(limit("fok-2", BTC, Side.BUY, "0.3", "65000.5").withTimeInForce(TimeInForce.FOK));
        assertEquals(OrderStatus.FILLED, fill.status());
        assertEquals(d("0.3"), fill.filledQuantity());
    }

    @Test
    void reduceOnlyNeverOpensIncreasesOrFlipsAPosition() {
        ladder(venue, PERP);
        Order flat = venue.place(market("ro-1", PERP, Side.SELL, "0.1").withFlags(Set.of(OrderFlag.REDUCE_ONLY)));
        assertEquals(OrderStatus.REJECTED, flat.status());
        assertEquals("reduce-only sell would open or increase a position: the BTC/USD:USD position is flat",
                flat.reason());

        assertEquals(OrderStatus.FILLED, venue.place(market("open", PERP, Side.BUY, "0.2")).status());
        Order tooBig = venue.place(market("ro-2", PERP, Side.SELL, "0.3").withFlags(Set.of(OrderFlag.REDUCE_ONLY)));
        assertEquals(OrderStatus.REJECTED, tooBig.status());
        assertEquals("reduce-only sell of 0.3 exceeds the long 0.2 position", tooBig.reason());
        Order increase = venue.place(market("ro-3", PERP, Side.BUY, "0.1").withFlags(Set.of(OrderFlag.REDUCE_ONLY)));
        assertEquals(OrderStatus.REJECTED, increase.status());

        Order reduce = venue.place(market("ro-4", PERP, Side.SELL, "0.1").withFlags(Set.of(OrderFlag.REDUCE_ONLY)));
        assertEquals(OrderStatus.FILLED, reduce.status());
        assertEquals(d("0.1"), venue.positions().get(0).quantity());

        // A resting reduce-only order is capped when the position shrank after it was placed.
        Order resting = venue.place(limit("ro-5", PERP, Side.SELL, "0.1", "65002").withFlags(Set.of(OrderFlag.REDUCE_ONLY)));
        assertEquals(OrderStatus.OPEN, resting.status());
        venue.place(market("close", PERP, Side.SELL, "0.1"));
        assertTrue(venue.positions().isEmpty(), "flat");
        venue.submitParticipantOrder(PERP, Side.BUY, d("65002"), d("1"));
        Order capped = venue.order("ro-5").orElseThrow();
        assertEquals(OrderStatus.CANCELLED, capped.status());
        assertEquals(BigDecimal.ZERO, capped.filledQuantity());
        assertTrue(capped.reason().startsWith("reduce-only: the position is already closed"), capped.reason());
        assertTrue(venue.positions().isEmpty(), "the participant's buy did not open a short for the user");

        Order spot = venue.place(market("ro-6", BTC, Side.SELL, "0.1").withFlags(Set.of(OrderFlag.REDUCE_ONLY)));
        assertEquals("reduce-only applies to perpetual positions; BTC/USD is spot", spot.reason());
    }

    @Test
    void stopTriggersWhenTheMarketTradesThroughIt() {
        Order stop = venue.place(triggered("stop", BTC, Side.BUY, OrderType.STOP, "0.1", null, "65001"));
        assertEquals(OrderStatus.OPEN, stop.status());

        venue.submitParticipantOrder(BTC, Side.BUY, null, d("0.1")); // trades at 65000
        assertEquals(OrderStatus.OPEN, venue.order("stop").orElseThrow().status(), "65000 is below the trigger");

        venue.submitParticipantOrder(BTC, Side.BUY, null, d("0.25")); // 0.2 @ 65000.5, 0.05 @ 65001
        Order filled = venue.order("stop").orElseThrow();
        assertEquals(OrderStatus.FILLED, filled.status());
        assertEquals(d("65001"), filled.averagePrice());
        assertEquals(d("93496.64995"), balance(venue, "USD").total()); // 100000 - 6500.1 - 3.25005 fee
        assertEquals(d("93496.64995"), balance(venue, "USD").available(), "the hold was released");

        Order late = venue.place(triggered("late", BTC, Side.BUY, OrderType.STOP, "0.1", null, "64999"));
        assertEquals(OrderStatus.REJECTED, late.status());
        assertEquals("stop buy trigger 64999 is at or below the last price 65001: it would trigger at once",
                late.reason());
    }

    @Test
    void stopLimitBecomesALimitOrderWhenTriggered() {
        Order o = venue.place(triggered("sl", BTC, Side.BUY, OrderType.STOP_LIMIT, "0.5", "65001", "65000.5"));
        assertEquals(OrderStatus.OPEN, o.status());
        venue.submitParticipantOrder(BTC, Side.BUY, null, d("0.1"));
        assertEquals(BigDecimal.ZERO, venue.order("sl").orElseThrow().filledQuantity());

        venue.submitParticipantOrder(BTC, Side.BUY, null, d("0.05")); // trades at 65000.5: triggers

        Order after = venue.order("sl").orElseThrow();
        assertEquals(OrderStatus.PARTIALLY_FILLED, after.status());
        assertEquals(d("0.45"), after.filledQuantity()); // 0.15 @ 65000.5 + 0.3 @ 65001
        assertEquals(d("65000.833333333"), after.averagePrice());
        assertEquals(d("65001"), price(BTC, venue.book(BTC).bestBid()), "the remainder rests at the limit");
        assertEquals(d("0.05"), size(BTC, venue.book(BTC).bestBidSize()));
    }

    @Test
    void takeProfitSellsWhenThePriceRisesToIt() {
        venue.place(market("buy", BTC, Side.BUY, "0.1"));
        Order tp = venue.place(triggered("tp", BTC, Side.SELL, OrderType.TAKE_PROFIT, "0.1", null, "65001"));
        assertEquals(OrderStatus.OPEN, tp.status());
        assertEquals(BigDecimal.ZERO, balance(venue, "BTC").available(), "the coins are held for the order");

        venue.submitParticipantOrder(BTC, Side.BUY, null, d("0.25")); // 0.2 @ 65000.5, 0.05 @ 65001

        Order done = venue.order("tp").orElseThrow();
        assertEquals(OrderStatus.FILLED, done.status());
        assertEquals(d("64999.5"), done.averagePrice(), "sold at market into the best bid");
        assertEquals(BigDecimal.ZERO, balance(venue, "BTC").total());
    }

    @Test
    void attachedStopLossTriggersOnTheMarketAndCancelsTheTakeProfit() {
        Order entry = venue.place(limit("oco", BTC, Side.BUY, "0.1", "65000")
                .withTakeProfit(ExitLeg.market(d("65001"))).withStopLoss(ExitLeg.market(d("64999"))));
        assertEquals(OrderStatus.FILLED, entry.status());
        Order tp = venue.order("oco-tp").orElseThrow();
        Order sl = venue.order("oco-sl").orElseThrow();
        assertEquals(OrderStatus.OPEN, tp.status());
        assertEquals(OrderType.TAKE_PROFIT, tp.request().type());
        assertEquals(Side.SELL, tp.side());
        assertEquals(d("0.1"), tp.request().quantity());
        assertEquals(OrderType.STOP, sl.request().type());
        assertEquals(d("64999"), sl.request().triggerPrice());
        Balance btc = balance(venue, "BTC");
        assertEquals(d("0.1"), btc.total());
        assertEquals(BigDecimal.ZERO, btc.available(), "both legs share one hold of the coins");

        venue.submitParticipantOrder(BTC, Side.SELL, null, d("0.3")); // 0.1 @ 64999.5, 0.2 @ 64999

        Order slDone = venue.order("oco-sl").orElseThrow();
        Order tpDone = venue.order("oco-tp").orElseThrow();
        assertEquals(OrderStatus.FILLED, slDone.status());
        assertEquals(d("64998.5"), slDone.averagePrice());
        assertEquals(OrderStatus.CANCELLED, tpDone.status());
        assertEquals("one-cancels-other: oco-sl triggered", tpDone.reason());
        assertEquals(BigDecimal.ZERO, balance(venue, "BTC").total());
        // 100000 - (6500 + 3.25) + (6499.85 - 3.249925)
        assertEquals(d("99993.350075"), balance(venue, "USD").total());
        assertEquals(d("99993.350075"), balance(venue, "USD").available());
        assertTrue(venue.openOrders().isEmpty());
    }

    @Test
    void eachFillOfAnEntryIsProtectedAtOnceAndAPartialFillSurvivesTheCancel() {
        ladder(venue, PERP);
        // Buys 0.1 @ 65000 and 0.2 @ 65000.5 (two fills), rests 0.2 at 65000.5.
        Order entry = venue.place(limit("pf", PERP, Side.BUY, "0.5", "65000.5")
                .withTakeProfit(ExitLeg.market(d("65100"))).withStopLoss(ExitLeg.market(d("64900"))));
        assertEquals(OrderStatus.PARTIALLY_FILLED, entry.status());
        assertEquals(d("0.1"), venue.order("pf-tp").orElseThrow().request().quantity(), "first fill's pair");
        assertEquals(d("0.1"), venue.order("pf-sl").orElseThrow().request().quantity());
        assertEquals(d("0.2"), venue.order("pf-tp-2").orElseThrow().request().quantity(), "second fill's pair");
        assertEquals(d("0.2"), venue.order("pf-sl-2").orElseThrow().request().quantity());
        assertEquals(OrderStatus.OPEN, venue.order("pf-sl-2").orElseThrow().status());

        venue.cancel("pf");

        assertEquals(OrderStatus.CANCELLED, venue.order("pf").orElseThrow().status());
        for (String leg : List.of("pf-tp", "pf-sl", "pf-tp-2", "pf-sl-2")) {
            assertEquals(OrderStatus.OPEN, venue.order(leg).orElseThrow().status(), leg + " still protects its fill");
        }
    }

    @Test
    void attachedTakeProfitOnThePerpetualIsReduceOnlyAndCancelsTheStopLoss() {
        ladder(venue, PERP);
        Order entry = venue.place(market("p", PERP, Side.BUY, "0.1").withTakeProfit(ExitLeg.market(d("65001")))
                .withStopLoss(ExitLeg.market(d("64990"))));
        assertEquals(OrderStatus.FILLED, entry.status());
        assertTrue(venue.order("p-tp").orElseThrow().request().has(OrderFlag.REDUCE_ONLY));
        assertTrue(venue.order("p-sl").orElseThrow().request().has(OrderFlag.REDUCE_ONLY));

        venue.submitParticipantOrder(PERP, Side.BUY, null, d("0.25")); // trades up to 65001

        assertEquals(OrderStatus.FILLED, venue.order("p-tp").orElseThrow().status());
        Order sl = venue.order("p-sl").orElseThrow();
        assertEquals(OrderStatus.CANCELLED, sl.status());
        assertEquals("one-cancels-other: p-tp triggered", sl.reason());
        assertTrue(venue.positions().isEmpty(), "the take-profit closed the position");
    }

    @Test
    void attachedOrderIdsNeverReuseAClientOrderIdOfTheUser() {
        venue.place(limit("x-tp", BTC, Side.BUY, "0.01", "64990"));
        Order entry = venue.place(limit("x", BTC, Side.BUY, "0.1", "65000")
                .withTakeProfit(ExitLeg.market(d("65100"))));
        assertEquals(OrderStatus.FILLED, entry.status());
        assertEquals(OrderType.LIMIT, venue.order("x-tp").orElseThrow().request().type(), "the user's order is kept");
        Order child = venue.order("x-tp-2").orElseThrow();
        assertEquals(OrderType.TAKE_PROFIT, child.request().type());
        assertEquals(OrderStatus.OPEN, child.status());
        assertEquals(OrderRole.TAKE_PROFIT, child.request().role());
        assertEquals("x", child.request().parentClientOrderId(), "the exit names its entry");
    }

    @Test
    void attachedOrdersMustBeOnTheRightSideOfTheEntry() {
        Order o = venue.place(limit("bad", BTC, Side.BUY, "0.1", "64990").withTakeProfit(ExitLeg.market(d("64980"))));
        assertEquals(OrderStatus.REJECTED, o.status());
        assertEquals("take-profit 64980 of a buy must be above its entry price 64990", o.reason());
        assertEquals(TradingEngine.EXIT_PRICE, o.errorCode());
    }

    @Test
    void limitExitLegsBecomeLimitOrdersWhenTriggered() {
        Order entry = venue.place(limit("lx", BTC, Side.BUY, "0.1", "65000")
                .withTakeProfit(ExitLeg.limit(d("65001"), d("65000.5")))
                .withStopLoss(ExitLeg.limit(d("64998"), d("64997"))));
        assertEquals(OrderStatus.FILLED, entry.status());
        Order tp = venue.order("lx-tp").orElseThrow();
        assertEquals(OrderType.TAKE_PROFIT_LIMIT, tp.request().type());
        assertEquals(d("65000.5"), tp.request().price());
        assertEquals(OrderType.STOP_LIMIT, venue.order("lx-sl").orElseThrow().request().type());

        venue.submitParticipantOrder(BTC, Side.BUY, null, d("0.25")); // trades up to 65001: the take-profit triggers

        Order triggered = venue.order("lx-tp").orElseThrow();
        assertEquals(OrderStatus.OPEN, triggered.status(), "a limit sell at 65000.5 does not cross the bid 64999.5");
        assertEquals(d("65000.5"), price(BTC, venue.book(BTC).bestAsk()), "it rests at its limit");
        assertEquals(OrderStatus.CANCELLED, venue.order("lx-sl").orElseThrow().status(), "one-cancels-other");

        venue.submitParticipantOrder(BTC, Side.BUY, d("65000.5"), d("0.1"));
        Order done = venue.order("lx-tp").orElseThrow();
        assertEquals(OrderStatus.FILLED, done.status());
        assertEquals(d("65000.5"), done.averagePrice());
    }

    @Test
    void triggersOnTheMarkPriceAndOtherUnofferedFeaturesAreRefusedWithAReason() {
        Order mark = venue.place(triggered("m", BTC, Side.SELL, OrderType.STOP, "0.1", null, "64000")
                .withTriggerSource(TriggerSource.MARK));
        assertEquals(OrderStatus.REJECTED, mark.status());
        assertEquals(TradingEngine.NOT_OFFERED, mark.errorCode());
        assertEquals("trigger source mark of the stop order is not offered: the simulated exchange triggers stops "
                + "and take-profits on the last trade price (use last)", mark.reason());

        Order exit = venue.place(limit("e", BTC, Side.BUY, "0.1", "64990")
                .withStopLoss(ExitLeg.market(d("64000")).triggeredBy(TriggerSource.INDEX)));
        assertEquals("trigger source index of the stop-loss is not offered: the simulated exchange triggers stops "
                + "and take-profits on the last trade price (use last)", exit.reason());

        Order hidden = venue.place(limit("h", BTC, Side.BUY, "0.1", "64990").withFlags(Set.of(OrderFlag.HIDDEN)));
        assertEquals("hidden orders are not offered by the simulated exchange", hidden.reason());
        Order hedged = venue.place(limit("hm", BTC, Side.BUY, "0.1", "64990").withPositionSide(PositionSide.LONG));
        assertEquals(TradingEngine.NOT_OFFERED, hedged.errorCode());
        assertTrue(hedged.reason().startsWith("hedge mode is not offered"), hedged.reason());
        Order close = venue.place(limit("cp", BTC, Side.SELL, "0.1", "65010")
                .withFlags(Set.of(OrderFlag.CLOSE_POSITION)));
        assertTrue(close.reason().startsWith("the close-position flag is not offered"), close.reason());
        assertTrue(venue.openOrders().isEmpty());
    }

    @Test
    void cancelReleasesTheHoldAndRemovesTheOrderFromTheBook() {
        venue.place(limit("c", BTC, Side.BUY, "0.1", "64990"));
        assertEquals(d("93497.7505"), balance(venue, "USD").available()); // 0.1 × 64990 × 1.0005 held

        Order cancelled = venue.cancel("c");

        assertEquals(OrderStatus.CANCELLED, cancelled.status());
        assertEquals("cancelled by the user", cancelled.reason());
        assertEquals(List.of(OrderStatus.PENDING_NEW, OrderStatus.OPEN, OrderStatus.PENDING_CANCEL,
                OrderStatus.CANCELLED), recorder.statuses("c"));
        assertEquals(d("100000"), balance(venue, "USD").available());
        OrderBook book = venue.book(BTC);
        for (int i = 0; i < book.levels(Side.BUY); i++) {
            assertNotEquals(d("64990"), price(BTC, book.price(Side.BUY, i)));
        }
        Order again = venue.cancel("c");
        assertEquals(OrderStatus.CANCELLED, again.status());
        assertEquals("cannot cancel: the order is already cancelled", again.reason());
        assertEquals(TradingEngine.NOT_CANCELLABLE, again.errorCode());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> venue.cancel("nope"));
        assertEquals("no order with client order id 'nope'", unknown.getMessage());
    }

    @Test
    void cancelAllCancelsOneInstrumentOrEverything() {
        venue.place(limit("b1", BTC, Side.BUY, "0.1", "64990"));
        venue.place(limit("b2", BTC, Side.BUY, "0.1", "64980"));
        venue.place(limit("e1", ETH, Side.BUY, "1", "3000"));
        assertEquals(3, venue.openOrders().size());

        assertEquals(2, venue.cancelAll(Optional.of(BTC)));
        assertEquals(List.of("e1"), venue.openOrders().stream().map(Order::clientOrderId).toList());
        assertEquals(1, venue.cancelAll(Optional.empty()));
        assertTrue(venue.openOrders().isEmpty());
        assertEquals(d("100000"), balance(venue, "USD").available());
    }

    @Test
    void placingAClientOrderIdAgainReturnsTheExistingOrder() {
        Order first = venue.place(limit("same", BTC, Side.BUY, "0.1", "64990"));
        Order second = venue.place(limit("same", BTC, Side.BUY, "0.2", "64980"));

        assertEquals(first, second);
        assertEquals(d("0.1"), second.request().quantity());
        assertEquals(1, venue.openOrders().size());
        assertEquals(2, recorder.orders("same").size(), "pending-new and open, once");
    }

    @Test
    void insufficientBalanceIsRejectedWithTheNumbers() {
        Order buy = venue.place(limit("rich", BTC, Side.BUY, "2", "65000"));
        assertEquals(OrderStatus.REJECTED, buy.status());
        assertEquals("insufficient balance: limit buy of 2 BTC/USD (2 × 65000 + taker fee) needs 130065 USD, "
                + "available 100000 USD in the exchange wallet", buy.reason());
        assertEquals(TradingEngine.INSUFFICIENT_BALANCE, buy.errorCode());
        assertTrue(buy.id().startsWith("S"), "the venue saw and rejected it");

        Order sell = venue.place(limit("no-coins", BTC, Side.SELL, "0.1", "65010"));
        assertEquals("insufficient balance: limit sell of 0.1 BTC/USD needs 0.1 BTC, available 0 BTC in the "
                + "exchange wallet", sell.reason());
        assertEquals(List.of(OrderStatus.PENDING_NEW, OrderStatus.REJECTED), recorder.statuses("no-coins"));
    }

    @Test
    void filterRefusalSaysWhyAndNeverReachesTheVenue() {
        Order o = venue.place(limit("fat", BTC, Side.BUY, "0.1", "30000"));

        assertEquals(OrderStatus.REJECTED, o.status());
        assertEquals("", o.id());
        assertEquals("the order does not pass the venue's filters: limit price 30000 is 53.85% below the mid 64999.75"
                + " (band 50%)", o.reason());
        assertEquals(TradingEngine.FILTER, o.errorCode());
        assertEquals("main", o.accountId());
        assertEquals(List.of(OrderStatus.REJECTED), recorder.statuses("fat"));
        assertTrue(venue.order("fat").isEmpty(), "the venue never saw it");
        assertEquals(OrderStatus.OPEN, venue.place(limit("fat", BTC, Side.BUY, "0.1", "64990")).status(),
                "so the id may be used again");
    }

    @Test
    void valuesOffTheGridAreRefusedNotRounded() {
        // The venue does not round (the order gateway does, before sending): off-grid values are refused.
        Order o = venue.place(limit("round", BTC, Side.BUY, "0.12345", "64990.07"));
        assertEquals(OrderStatus.REJECTED, o.status());
        assertEquals(TradingEngine.FILTER, o.errorCode());
        assertTrue(o.reason().contains("0.12345") && o.reason().contains("64990.07"), o.reason());
        assertEquals(OrderStatus.OPEN, venue.place(limit("round", BTC, Side.BUY, "0.1234", "64990")).status());
    }

    @Test
    void unknownInstrumentIsRejected() {
        Order o = venue.place(limit("doge", new InstrumentId("simulated", "DOGE/USD"), Side.BUY, "1", "0.1"));
        assertEquals(OrderStatus.REJECTED, o.status());
        assertEquals("unknown instrument simulated:DOGE/USD: the simulated exchange lists BTC/USD, ETH/USD, SOL/USD, "
                + "BTC/USD:USD", o.reason());
        assertEquals(TradingEngine.UNKNOWN_INSTRUMENT, o.errorCode());
    }

    @Test
    void selfTradePreventionCancelsTheRestingOrder() {
        ladder(venue, PERP);
        venue.place(limit("own-ask", PERP, Side.SELL, "0.1", "65000.2"));
        Order buy = venue.place(market("own-buy", PERP, Side.BUY, "0.2"));

        assertEquals(OrderStatus.FILLED, buy.status());
        assertEquals(List.of(d("65000"), d("65000.5")),
                recorder.fills().stream().filter(f -> f.clientOrderId().equals("own-buy")).map(Fill::price).toList());
        Order ask = venue.order("own-ask").orElseThrow();
        assertEquals(OrderStatus.CANCELLED, ask.status());
        assertEquals("self-trade prevention: cancelled by your incoming order own-buy", ask.reason());
    }
}
