package org.tradebench.api.trading;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.tradebench.api.Decimals;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;

/**
 * A request for a new order. The client order id makes it idempotent: sending the same request again
 * (for example after a reconnect) never creates a second order.
 *
 * <pre>{@code
 * OrderRequest buy = OrderRequest.limit("c-1", btc, Side.BUY, new BigDecimal("0.5"), new BigDecimal("65000"))
 *         .withTakeProfit(new BigDecimal("70000"))
 *         .withStopLoss(new BigDecimal("62000"));
 * trading.place(buy).thenAccept(order -> ...);
 * }</pre>
 *
 * @param clientOrderId the caller's id: 1 to 36 characters of {@code [A-Za-z0-9_-]}
 * @param instrument the instrument
 * @param side buy or sell
 * @param type order type
 * @param quantity quantity in the base currency, &gt; 0
 * @param price limit price, required for limit-like types, else null
 * @param triggerPrice stop/trigger price, required for stop and take-profit types, else null
 * @param timeInForce time in force
 * @param flags post-only, reduce-only, hidden
 * @param takeProfit trigger price of an attached take-profit, nullable
 * @param stopLoss trigger price of an attached stop-loss, nullable
 */
public record OrderRequest(String clientOrderId, InstrumentId instrument, Side side, OrderType type,
        BigDecimal quantity, BigDecimal price, BigDecimal triggerPrice, TimeInForce timeInForce,
        Set<OrderFlag> flags, BigDecimal takeProfit, BigDecimal stopLoss) {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,36}");

    /** Validates the request's shape (not the market: that is the risk check's job). */
    public OrderRequest {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        if (!CLIENT_ID.matcher(clientOrderId).matches()) {
            throw new IllegalArgumentException("client order id must be 1-36 characters of A-Z a-z 0-9 _ -: '"
                    + clientOrderId + "'");
        }
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        quantity = Decimals.requirePositive(quantity, "quantity");
        Objects.requireNonNull(timeInForce, "timeInForce");
        flags = Set.copyOf(flags);
        if (type.needsPrice()) {
            if (price == null) {
                throw new IllegalArgumentException("a " + type.wireName() + " order needs a limit price");
            }
            price = Decimals.requirePositive(price, "price of a " + type.wireName() + " order");
        } else if (price != null) {
            throw new IllegalArgumentException("a " + type.wireName() + " order takes no limit price");
        }
        if (type.needsTrigger()) {
            if (triggerPrice == null) {
                throw new IllegalArgumentException("a " + type.wireName() + " order needs a trigger price");
            }
            triggerPrice = Decimals.requirePositive(triggerPrice, "trigger price of a " + type.wireName() + " order");
        } else if (triggerPrice != null) {
            throw new IllegalArgumentException("a " + type.wireName() + " order takes no trigger price");
        }
        if (flags.contains(OrderFlag.POST_ONLY) && (type != OrderType.LIMIT || timeInForce != TimeInForce.GTC)) {
            throw new IllegalArgumentException("post-only needs a GTC limit order");
        }
        takeProfit = takeProfit == null ? null : Decimals.requirePositive(takeProfit, "take-profit");
        stopLoss = stopLoss == null ? null : Decimals.requirePositive(stopLoss, "stop-loss");
        if (takeProfit != null && stopLoss != null) {
            boolean ordered = side == Side.BUY ? stopLoss.compareTo(takeProfit) < 0 : stopLoss.compareTo(takeProfit) > 0;
            if (!ordered) {
                throw new IllegalArgumentException("for a " + side.wireName() + " the stop-loss must be "
                        + (side == Side.BUY ? "below" : "above") + " the take-profit");
            }
        }
    }

    /**
     * A GTC limit order with no flags.
     *
     * @param clientOrderId client order id
     * @param instrument instrument
     * @param side side
     * @param quantity quantity
     * @param price limit price
     * @return the request
     */
    public static OrderRequest limit(String clientOrderId, InstrumentId instrument, Side side, BigDecimal quantity,
            BigDecimal price) {
        return new OrderRequest(clientOrderId, instrument, side, OrderType.LIMIT, quantity, price, null,
                TimeInForce.GTC, Set.of(), null, null);
    }

    /**
     * A market order.
     *
     * @param clientOrderId client order id
     * @param instrument instrument
     * @param side side
     * @param quantity quantity
     * @return the request
     */
    public static OrderRequest market(String clientOrderId, InstrumentId instrument, Side side, BigDecimal quantity) {
        return new OrderRequest(clientOrderId, instrument, side, OrderType.MARKET, quantity, null, null,
                TimeInForce.IOC, Set.of(), null, null);
    }

    /**
     * A stop (stop-market) order.
     *
     * @param clientOrderId client order id
     * @param instrument instrument
     * @param side side
     * @param quantity quantity
     * @param triggerPrice stop price
     * @return the request
     */
    public static OrderRequest stop(String clientOrderId, InstrumentId instrument, Side side, BigDecimal quantity,
            BigDecimal triggerPrice) {
        return new OrderRequest(clientOrderId, instrument, side, OrderType.STOP, quantity, null, triggerPrice,
                TimeInForce.GTC, Set.of(), null, null);
    }

    /**
     * The same request with other flags.
     *
     * @param newFlags the flags
     * @return a new request
     */
    public OrderRequest withFlags(Set<OrderFlag> newFlags) {
        return new OrderRequest(clientOrderId, instrument, side, type, quantity, price, triggerPrice, timeInForce,
                newFlags, takeProfit, stopLoss);
    }

    /**
     * The same request with another time in force.
     *
     * @param tif the time in force
     * @return a new request
     */
    public OrderRequest withTimeInForce(TimeInForce tif) {
        return new OrderRequest(clientOrderId, instrument, side, type, quantity, price, triggerPrice, tif, flags,
                takeProfit, stopLoss);
    }

    /**
     * The same request with an attached take-profit.
     *
     * @param trigger the take-profit trigger price
     * @return a new request
     */
    public OrderRequest withTakeProfit(BigDecimal trigger) {
        return new OrderRequest(clientOrderId, instrument, side, type, quantity, price, triggerPrice, timeInForce,
                flags, trigger, stopLoss);
    }

    /**
     * The same request with an attached stop-loss.
     *
     * @param trigger the stop-loss trigger price
     * @return a new request
     */
    public OrderRequest withStopLoss(BigDecimal trigger) {
        return new OrderRequest(clientOrderId, instrument, side, type, quantity, price, triggerPrice, timeInForce,
                flags, takeProfit, trigger);
    }

    /**
     * The same request with another quantity and price (used after rounding to the instrument's grid).
     *
     * @param newQuantity quantity
     * @param newPrice limit price, or null for types without one
     * @param newTrigger trigger price, or null for types without one
     * @return a new request
     */
    public OrderRequest withAmounts(BigDecimal newQuantity, BigDecimal newPrice, BigDecimal newTrigger) {
        return new OrderRequest(clientOrderId, instrument, side, type, newQuantity, newPrice, newTrigger, timeInForce,
                flags, takeProfit, stopLoss);
    }

    /**
     * Whether a flag is set.
     *
     * @param flag the flag
     * @return true when set
     */
    public boolean has(OrderFlag flag) {
        return flags.contains(flag);
    }
}
