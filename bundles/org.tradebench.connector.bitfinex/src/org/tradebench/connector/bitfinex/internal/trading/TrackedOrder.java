package org.tradebench.connector.bitfinex.internal.trading;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderStatus;

/**
 * What the connector knows about one order: the API value, the Bitfinex ids ({@code cid} with its
 * {@code cid_date}, and the exchange id once known), and who waits for it. Connector thread only.
 */
final class TrackedOrder {

    final String clientOrderId;
    final Instrument instrument;
    final long cid;
    final String cidDate;
    long id;
    Order order;
    /** Completes when the exchange acknowledged or refused the order. */
    CompletableFuture<Order> placed;
    final List<CompletableFuture<Order>> cancels = new ArrayList<>();
    /** The status before a cancel was sent, to return to when the cancel is refused. */
    OrderStatus beforeCancel;
    /** Amends sent and not answered yet (Bitfinex answers them by order id). */
    final List<CompletableFuture<Order>> amends = new ArrayList<>();
    /** Completes the cancels when Bitfinex never answers them. */
    java.util.concurrent.ScheduledFuture<?> cancelTimer;
    /** Completes the amends when Bitfinex never answers them. */
    java.util.concurrent.ScheduledFuture<?> amendTimer;
    /** Sets the order unknown when Bitfinex never acknowledges it. */
    java.util.concurrent.ScheduledFuture<?> placeTimer;
    /** Quantity of the fills emitted for this order (live or recovered). */
    BigDecimal fillQuantity = BigDecimal.ZERO;
    /** Sum of price times quantity of those fills. */
    BigDecimal fillNotional = BigDecimal.ZERO;

    TrackedOrder(String clientOrderId, Instrument instrument, long cid, String cidDate, Order order) {
        this.clientOrderId = clientOrderId;
        this.instrument = instrument;
        this.cid = cid;
        this.cidDate = cidDate;
        this.order = order;
    }

    void cancelTimeout() {
        if (cancelTimer != null) {
            cancelTimer.cancel(false);
            cancelTimer = null;
        }
    }

    void amendTimeout() {
        if (amendTimer != null) {
            amendTimer.cancel(false);
            amendTimer = null;
        }
    }

    void placeTimeout() {
        if (placeTimer != null) {
            placeTimer.cancel(false);
            placeTimer = null;
        }
    }

    boolean isLive() {
        return !order.status().isFinal();
    }

    @Override
    public String toString() {
        return "order " + clientOrderId + " (cid " + cid + ", id " + id + ", " + order.status().wireName() + ")";
    }
}
