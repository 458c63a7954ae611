package org.tradebench.connector.simulated.internal;

import java.math.BigDecimal;

import org.tradebench.api.market.Side;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.api.trading.Order;

/**
 * The venue's working copy of one of the user's orders: the API value last emitted plus what the
 * matching engine needs (fills in units, the balance hold, the resting book entry, the OCO
 * sibling). Owned by the venue's thread (under the runtime lock).
 */
final class UserOrder {

    final InstrumentState market;
    /** The request as it stands now (an amend replaces it). */
    OrderRequest request;
    /** The total quantity in size units (an amend may change it). */
    long quantity;
    /** Set for the take-profit and stop-loss children an entry order creates when it fills. */
    final UserOrder parent;

    Order order;
    long filled;
    BigDecimal filledNotional = BigDecimal.ZERO;
    Account.Hold hold;
    MatchingBook.RestingOrder resting;
    boolean triggered;
    /** The other leg of an OCO pair, while both are working. */
    UserOrder sibling;

    UserOrder(InstrumentState market, OrderRequest request, UserOrder parent) {
        this.market = market;
        this.parent = parent;
        replaceRequest(request);
    }

    /** Takes a new request (placement, or an amend of price, quantity or trigger). */
    void replaceRequest(OrderRequest next) {
        this.request = next;
        this.quantity = market.profile.sizeUnits(next.quantity());
    }

    long remaining() {
        return quantity - filled;
    }

    Side side() {
        return request.side();
    }

    String clientOrderId() {
        return request.clientOrderId();
    }

    boolean reduceOnly() {
        return request.has(OrderFlag.REDUCE_ONLY);
    }

    boolean isTriggerType() {
        return request.type().needsTrigger();
    }

    /** Whether the order executes as a market order (once triggered for stop and take-profit). */
    boolean isMarketLike() {
        OrderType t = request.type();
        return t == OrderType.MARKET || t == OrderType.STOP || t == OrderType.TAKE_PROFIT;
    }

    /** Whether what is not filled at once is cancelled rather than left resting. */
    boolean isImmediate() {
        return isMarketLike() || request.timeInForce() != TimeInForce.GTC;
    }

    /** Whether the trigger condition holds at {@code last} (price units). */
    boolean triggerHit(long last) {
        return triggerHit(request, market.profile.priceUnits(request.triggerPrice()), last);
    }

    /** Whether a request's trigger at {@code trigger} units holds at {@code last} units. */
    static boolean triggerHit(OrderRequest request, long trigger, long last) {
        boolean stop = request.type() == OrderType.STOP || request.type() == OrderType.STOP_LIMIT;
        boolean buy = request.side() == Side.BUY;
        // A stop buys when the price has risen to the trigger and sells when it has fallen to it;
        // a take-profit the other way round.
        return stop == buy ? last >= trigger : last <= trigger;
    }

    /** Whether the order is a trigger type still waiting for its trigger. */
    boolean isWaiting() {
        return isTriggerType() && !triggered;
    }

    /** Whether the order still takes part in matching or waits for its trigger. */
    boolean isLive() {
        return !order.status().isFinal();
    }
}
