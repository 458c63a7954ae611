package org.tradebench.core.trading;

import java.math.BigDecimal;
import java.time.Instant;

import org.tradebench.api.market.Side;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.Placement;
import org.tradebench.api.trading.TimeInForce;

/**
 * A take-profit or stop-loss the order gateway holds for an entry's fill (a "local" exit): armed
 * until its trigger price is reached, then sent as a market order (or a limit order at the leg's
 * limit price) and its sibling is cancelled. Owned by the gateway's thread.
 */
final class LocalLeg {

    final AccountRef account;
    /** What the leg is while armed: a stop/take-profit type with its trigger. */
    final OrderRequest request;
    final Instant created;
    Order order;
    LocalLeg sibling;

    LocalLeg(AccountRef account, OrderRequest request, Instant created, OrderStatus status, String reason) {
        this.account = account;
        this.request = request;
        this.created = created;
        this.order = local(request, status, reason, created, created, account.accountId());
    }

    boolean armed() {
        return order.status() == OrderStatus.OPEN;
    }

    String parent() {
        return request.parentClientOrderId();
    }

    /** Whether {@code price} reaches the trigger. */
    boolean hitBy(BigDecimal price) {
        int c = price.compareTo(request.triggerPrice());
        boolean takeProfit = request.role() == OrderRole.TAKE_PROFIT;
        boolean sells = request.side() == Side.SELL;
        // A sell take-profit (closing a long) waits for the price to rise, a sell stop-loss for it to fall.
        return takeProfit == sells ? c >= 0 : c <= 0;
    }

    /** The order sent when the leg triggers: same client order id, market or limit. */
    OrderRequest triggered() {
        boolean limit = request.type().needsPrice();
        return new OrderRequest(request.clientOrderId(), request.instrument(), request.side(),
                limit ? OrderType.LIMIT : OrderType.MARKET, request.quantity(), limit ? request.price() : null, null,
                limit ? TimeInForce.GTC : TimeInForce.IOC, request.flags(), null, null, request.triggerSource(),
                request.positionSide(), request.parentClientOrderId(), request.role());
    }

    void set(OrderStatus status, String reason, Instant when) {
        order = local(request, status, reason, created, when, order.accountId());
    }

    private static Order local(OrderRequest request, OrderStatus status, String reason, Instant created,
            Instant updated, String accountId) {
        return new Order("", request.clientOrderId(), request, status, BigDecimal.ZERO, null, reason, created, updated,
                accountId, null, Placement.LOCAL);
    }
}
