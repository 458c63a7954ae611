package org.tradebench.api.trading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.Decimals;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;

/**
 * An order as the exchange (or the risk check) sees it now. Each change arrives as a new value.
 *
 * @param id the exchange's order id (empty while pending or when rejected before reaching it)
 * @param clientOrderId the id from the request
 * @param request the request this order came from
 * @param status where it is in the state machine
 * @param filledQuantity quantity filled so far
 * @param averagePrice average fill price, nullable before the first fill
 * @param reason why it was rejected or cancelled, for people (empty otherwise)
 * @param created when it was created
 * @param updated when it last changed
 * @param accountId the trading account it belongs to ({@link TradingAccount#accountId()})
 * @param errorCode the exchange's (or the risk check's) code when rejected or when a request about
 *        it failed, nullable; {@link #reason()} holds the text
 * @param placement on the exchange, or held locally by the order gateway (an emulated exit)
 */
public record Order(String id, String clientOrderId, OrderRequest request, OrderStatus status,
        BigDecimal filledQuantity, BigDecimal averagePrice, String reason, Instant created, Instant updated,
        String accountId, String errorCode, Placement placement) {

    /** Validates and normalises. */
    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        filledQuantity = Decimals.requireNonNegative(filledQuantity, "filledQuantity");
        averagePrice = Decimals.normalizeNullable(averagePrice);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(placement, "placement");
        if (filledQuantity.compareTo(request.quantity()) > 0) {
            throw new IllegalArgumentException("order " + clientOrderId + " filled " + filledQuantity
                    + " exceeds its quantity " + request.quantity());
        }
    }

    /**
     * The instrument.
     *
     * @return the request's instrument
     */
    public InstrumentId instrument() {
        return request.instrument();
    }

    /**
     * The side.
     *
     * @return the request's side
     */
    public Side side() {
        return request.side();
    }

    /**
     * The quantity not yet filled.
     *
     * @return quantity - filled
     */
    public BigDecimal remainingQuantity() {
        return Decimals.normalize(request.quantity().subtract(filledQuantity));
    }

    /**
     * A copy in a new status.
     *
     * @param newStatus the status
     * @param newReason the reason (empty for none)
     * @param when the time of the change
     * @return the new value
     * @throws IllegalStateException when the state machine forbids the transition
     */
    public Order withStatus(OrderStatus newStatus, String newReason, Instant when) {
        if (!status.canBecome(newStatus)) {
            throw new IllegalStateException("order " + clientOrderId + " cannot go from " + status.wireName()
                    + " to " + newStatus.wireName());
        }
        return new Order(id, clientOrderId, request, newStatus, filledQuantity, averagePrice, newReason, created, when,
                accountId, errorCode, placement);
    }

    /**
     * A copy with new fill amounts and the status that follows from them.
     *
     * @param filled total filled quantity
     * @param average average fill price
     * @param when the time of the fill
     * @return the new value (PARTIALLY_FILLED or FILLED)
     */
    public Order withFill(BigDecimal filled, BigDecimal average, Instant when) {
        OrderStatus next = filled.compareTo(request.quantity()) >= 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        if (!status.canBecome(next)) {
            throw new IllegalStateException("order " + clientOrderId + " cannot fill in status " + status.wireName());
        }
        return new Order(id, clientOrderId, request, next, filled, average, reason, created, when, accountId, errorCode,
                placement);
    }

    /**
     * A copy rejected with the exchange's code and text.
     *
     * @param code the exchange's error code, nullable
     * @param text what the exchange said, for people
     * @param when the time of the rejection
     * @return the new value
     * @throws IllegalStateException when the state machine forbids REJECTED
     */
    public Order rejected(String code, String text, Instant when) {
        if (!status.canBecome(OrderStatus.REJECTED)) {
            throw new IllegalStateException("order " + clientOrderId + " cannot go from " + status.wireName()
                    + " to rejected");
        }
        return new Order(id, clientOrderId, request, OrderStatus.REJECTED, filledQuantity, averagePrice, text, created,
                when, accountId, code, placement);
    }

    /**
     * A copy with the exchange's order id (once acknowledged).
     *
     * @param exchangeId the exchange's id
     * @return the new value
     */
    public Order withId(String exchangeId) {
        return new Order(exchangeId, clientOrderId, request, status, filledQuantity, averagePrice, reason, created,
                updated, accountId, errorCode, placement);
    }

    /**
     * A new order as sent: PENDING_NEW, nothing filled, no exchange id yet, on the exchange.
     *
     * @param request the request
     * @param accountId the account
     * @param when the time it was sent
     * @return the order
     */
    public static Order pending(OrderRequest request, String accountId, Instant when) {
        return new Order("", request.clientOrderId(), request, OrderStatus.PENDING_NEW, java.math.BigDecimal.ZERO, null,
                "", when, when, accountId, null, Placement.EXCHANGE);
    }
}
