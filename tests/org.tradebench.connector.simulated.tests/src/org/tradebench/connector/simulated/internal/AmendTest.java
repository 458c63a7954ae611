package org.tradebench.connector.simulated.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tradebench.connector.simulated.internal.Fixtures.BTC;
import static org.tradebench.connector.simulated.internal.Fixtures.d;
import static org.tradebench.connector.simulated.internal.Fixtures.ladder;
import static org.tradebench.connector.simulated.internal.Fixtures.limit;
import static org.tradebench.connector.simulated.internal.Fixtures.market;
import static org.tradebench.connector.simulated.internal.Fixtures.spot;
import static org.tradebench.connector.simulated.internal.Fixtures.triggered;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.AmendRequest;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;

/**
 * Amending working orders, on a quiet venue with a known book:
 * asks 0.1@65000, 0.2@65000.5, 0.3@65001; bids 0.1@64999.5, 0.2@64999, 0.3@64998.5.
 */
class AmendTest {

    private final SimulatedVenue venue = ladder(BTC);
    private final TradingRecorder recorder = new TradingRecorder();

    AmendTest() {
        venue.subscribeTrading(recorder);
    }

    private List<String> fillOrder() {
        return recorder.fills().stream().map(f -> f.clientOrderId() + " " + f.quantity().toPlainString()).toList();
    }

    @Test
    void aSmallerQuantityKeepsTheOrdersPlaceInTheQueue() {
        venue.place(limit("a", BTC, Side.BUY, "0.1", "64999.8"));
        venue.place(limit("b", BTC, Side.BUY, "0.1", "64999.8"));

        Order amended = venue.amend(AmendRequest.quantity("a", d("0.06")));

        assertEquals(OrderStatus.OPEN, amended.status());
        assertEquals(d("0.06"), amended.request().quantity());
        assertEquals(d("0.16"), venue.market(BTC).profile.size(venue.book(BTC).bestBidSize()));
        venue.submitParticipantOrder(BTC, Side.SELL, null, d("0.08"));
        assertEquals(List.of("a 0.06", "b 0.02"), fillOrder(), "a is still first at 64999.8");
        assertEquals(OrderStatus.FILLED, venue.order("a").orElseThrow().status());
        assertEquals(OrderStatus.PARTIALLY_FILLED, venue.order("b").orElseThrow().status());
    }

    @Test
    void aNewPriceLosesTimePriority() {
        venue.place(limit("a", BTC, Side.BUY, "0.1", "64999.8"));
        venue.place(limit("b", BTC, Side.BUY, "0.1", "64999.8"));

        venue.amend(AmendRequest.price("a", d("64999.7")));
        Order back = venue.amend(AmendRequest.price("a", d("64999.8")));

        assertEquals(d("64999.8"), back.request().price());
        venue.submitParticipantOrder(BTC, Side.SELL, null, d("0.15"));
        assertEquals(List.of("b 0.1", "a 0.05"), fillOrder(), "a went to the back of the queue");
    }

    @Test
    void aLargerQuantityLosesTimePriority() {
        venue.place(limit("a", BTC, Side.BUY, "0.1", "64999.8"));
        venue.place(limit("b", BTC, Side.BUY, "0.1", "64999.8"));

        venue.amend(AmendRequest.quantity("a", d("0.2")));

        venue.submitParticipantOrder(BTC, Side.SELL, null, d("0.15"));
        assertEquals(List.of("b 0.1", "a 0.05"), fillOrder());
    }

    @Test
    void aPriceThatNowCrossesTradesAtOnceAsTaker() {
        venue.place(limit("a", BTC, Side.BUY, "0.1", "64999.8"));

        Order amended = venue.amend(AmendRequest.price("a", d("65000")));

        assertEquals(OrderStatus.FILLED, amended.status());
        assertEquals(d("65000"), amended.averagePrice());
        Fill fill = recorder.fills().get(0);
        assertFalse(fill.maker(), "the amended order took the resting ask");
        assertEquals(List.of(OrderStatus.PENDING_NEW, OrderStatus.OPEN, OrderStatus.OPEN, OrderStatus.FILLED),
                recorder.statuses("a"), "the amend is one update in the same status, then the fill");
    }

    @Test
    void aPostOnlyOrderIsNotAmendedIntoTakingLiquidity() {
        venue.place(limit("po", BTC, Side.BUY, "0.1", "64999.8").withFlags(Set.of(OrderFlag.POST_ONLY)));

        Order refused = venue.amend(AmendRequest.price("po", d("65000")));

        assertEquals(OrderStatus.OPEN, refused.status());
        assertEquals(TradingEngine.POST_ONLY, refused.errorCode());
        assertEquals("amend refused: post-only buy at 65000 would take liquidity: the best ask is 65000",
                refused.reason());
        assertEquals(d("64999.8"), refused.request().price(), "unchanged");
        assertEquals(d("64999.8"), venue.order("po").orElseThrow().request().price());
        assertEquals(d("64999.8"), venue.market(BTC).profile.price(venue.book(BTC).bestBid()));
    }

    @Test
    void theHoldFollowsTheAmend() {
        venue.place(limit("c", BTC, Side.BUY, "0.1", "64990"));
        assertEquals(d("93497.7505"), spot(venue, "USD").available()); // 0.1 × 64990 × 1.0005 held

        venue.amend(AmendRequest.price("c", d("64980")));
        assertEquals(d("93498.751"), spot(venue, "USD").available()); // 0.1 × 64980 × 1.0005
        venue.amend(AmendRequest.quantity("c", d("0.05")));
        assertEquals(d("96749.3755"), spot(venue, "USD").available()); // 0.05 × 64980 × 1.0005

        Order tooBig = venue.amend(AmendRequest.quantity("c", d("2")));
        assertEquals(TradingEngine.INSUFFICIENT_BALANCE, tooBig.errorCode());
        assertEquals("amend refused: insufficient balance: limit buy of 2 BTC/USD (2 × 64980 + taker fee) needs "
                + "130024.98 USD, available 100000 USD in the exchange wallet", tooBig.reason());
        assertEquals(d("96749.3755"), spot(venue, "USD").available(), "the refused amend held nothing more");

        venue.cancel("c");
        assertEquals(d("100000"), spot(venue, "USD").available());
    }

    @Test
    void aTriggerMovesWhileTheOrderWaitsButNotToWhereItWouldFireAtOnce() {
        venue.place(triggered("stop", BTC, Side.BUY, OrderType.STOP, "0.1", null, "65001"));
        venue.submitParticipantOrder(BTC, Side.BUY, null, d("0.1")); // trades at 65000

        Order now = venue.amend(new AmendRequest("stop", null, null, d("64999")));
        assertEquals(TradingEngine.WOULD_TRIGGER, now.errorCode());
        assertEquals("amend refused: stop buy trigger 64999 is at or below the last price 65000: it would trigger at "
                + "once", now.reason());

        Order moved = venue.amend(new AmendRequest("stop", null, null, d("65000.5")));
        assertEquals(OrderStatus.OPEN, moved.status());
        assertEquals(d("65000.5"), moved.request().triggerPrice());
        venue.submitParticipantOrder(BTC, Side.BUY, null, d("0.05")); // trades at 65000.5: triggers

        assertEquals(OrderStatus.FILLED, venue.order("stop").orElseThrow().status());
    }

    @Test
    void whatCannotBeAmendedIsRefusedWithTheReason() {
        venue.place(market("done", BTC, Side.BUY, "0.1"));
        Order filled = venue.amend(AmendRequest.quantity("done", d("0.2")));
        assertEquals(OrderStatus.FILLED, filled.status());
        assertEquals(TradingEngine.NOT_AMENDABLE, filled.errorCode());
        assertEquals("amend refused: the market order done is already filled", filled.reason());

        venue.place(triggered("stop", BTC, Side.BUY, OrderType.STOP, "0.1", null, "65005"));
        assertEquals("amend refused: the stop order stop has no limit price",
                venue.amend(AmendRequest.price("stop", d("65006"))).reason());
        venue.place(limit("lim", BTC, Side.BUY, "0.3", "65000.5")); // takes 0.2 @ 65000.5, rests 0.1
        assertEquals("amend refused: the limit order lim has no trigger price",
                venue.amend(new AmendRequest("lim", null, null, d("65001"))).reason());
        Order notAbove = venue.amend(AmendRequest.quantity("lim", d("0.2")));
        assertEquals("amend refused: the new quantity 0.2 is not above the filled 0.2: cancel the order instead",
                notAbove.reason());
        assertEquals(OrderStatus.PARTIALLY_FILLED, notAbove.status());
        Order fat = venue.amend(AmendRequest.price("lim", d("30000")));
        assertEquals(TradingEngine.FILTER, fat.errorCode());
        assertEquals(d("65000.5"), venue.order("lim").orElseThrow().request().price());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> venue.amend(AmendRequest.price("nope", BigDecimal.TEN)));
        assertEquals("no order with client order id 'nope'", unknown.getMessage());
    }

    @Test
    void exitsMoveTheirTriggerButFollowTheirEntrysFills() {
        venue.place(limit("e", BTC, Side.BUY, "0.1", "65000").withTakeProfit(ExitLeg.market(d("65010")))
                .withStopLoss(ExitLeg.market(d("64990"))));

        Order moved = venue.amend(new AmendRequest("e-tp", null, null, d("65020")));
        assertNull(moved.errorCode());
        assertEquals(d("65020"), moved.request().triggerPrice());
        Order quantity = venue.amend(AmendRequest.quantity("e-sl", d("0.05")));
        assertEquals(TradingEngine.NOT_AMENDABLE, quantity.errorCode());
        assertEquals("amend refused: the stop order e-sl is an exit of e and follows its fills: amend its trigger "
                + "or limit price only", quantity.reason());
    }
}
