package org.tradebench.api.trading;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.tradebench.api.Decimals;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;

/**
 * A request for a new order. The client order id makes it idempotent: sending the same request again
 * (after a reconnect or a restart) never creates a second order.
 *
 * <pre>{@code
 * OrderRequest buy = OrderRequest.limit("c-1", btc, Side.BUY, new BigDecimal("0.5"), new BigDecimal("65000"))
 *         .withTakeProfit(ExitLeg.market(new BigDecimal("70000")))
 *         .withStopLoss(ExitLeg.market(new BigDecimal("62000")));
 * gateway.place(account, buy).thenAccept(order -> ...);
 * }</pre>
 *
 * <p>An exit leg sent as an order of its own carries {@link #role()} TAKE_PROFIT or STOP_LOSS and
 * its entry's client order id in {@link #parentClientOrderId()}, so that parallel legs and a leg
 * that failed while the other succeeded can be shown under their entry.
 *
 * @param clientOrderId the caller's id: 1 to 36 characters of {@code [A-Za-z0-9_-]}
 * @param instrument the instrument
 * @param side buy or sell
 * @param type order type
 * @param quantity quantity in the base currency (contracts where the instrument says), &gt; 0
 * @param price limit price, required for limit-like types, else null
 * @param triggerPrice stop/trigger price, required for stop and take-profit types, else null
 * @param timeInForce time in force
 * @param flags post-only, reduce-only, close-position, hidden
 * @param takeProfit an attached take-profit leg, nullable
 * @param stopLoss an attached stop-loss leg, nullable
 * @param triggerSource which price triggers a stop or take-profit type
 * @param positionSide the position leg in hedge mode (LONG or SHORT), null in one-way mode
 * @param parentClientOrderId the entry's client order id for an exit leg, else null
 * @param role primary, or which exit leg
 */
public record OrderRequest(String clientOrderId, InstrumentId instrument, Side side, OrderType type,
        BigDecimal quantity, BigDecimal price, BigDecimal triggerPrice, TimeInForce timeInForce,
        Set<OrderFlag> flags, ExitLeg takeProfit, ExitLeg stopLoss, TriggerSource triggerSource,
        PositionSide positionSide, String parentClientOrderId, OrderRole role) {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,36}");

    /** Validates the request's shape (not the market: that is the risk check's job). */
    public OrderRequest {
        requireClientOrderId(clientOrderId);
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        quantity = Decimals.requirePositive(quantity, "quantity");
        Objects.requireNonNull(timeInForce, "timeInForce");
        flags = Set.copyOf(flags);
        Objects.requireNonNull(triggerSource, "triggerSource");
        Objects.requireNonNull(role, "role");
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
        if (positionSide == PositionSide.FLAT) {
            throw new IllegalArgumentException("the position side of an order is LONG, SHORT or null (one-way mode)");
        }
        if (role.isExit()) {
            if (parentClientOrderId == null) {
                throw new IllegalArgumentException("a " + role.wireName() + " leg needs its entry's client order id");
            }
            if (takeProfit != null || stopLoss != null) {
                throw new IllegalArgumentException("an exit leg carries no exits of its own");
            }
        }
        if (parentClientOrderId != null) {
            requireClientOrderId(parentClientOrderId);
        }
        if (takeProfit != null && stopLoss != null) {
            BigDecimal tp = takeProfit.triggerPrice();
            BigDecimal sl = stopLoss.triggerPrice();
            boolean ordered = side == Side.BUY ? sl.compareTo(tp) < 0 : sl.compareTo(tp) > 0;
            if (!ordered) {
                throw new IllegalArgumentException("for a " + side.wireName() + " the stop-loss must be "
                        + (side == Side.BUY ? "below" : "above") + " the take-profit");
            }
        }
    }

    /**
     * Checks a client order id.
     *
     * @param clientOrderId the id
     * @return the id
     * @throws IllegalArgumentException when it is not 1-36 characters of A-Z a-z 0-9 _ -
     */
    public static String requireClientOrderId(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        if (!CLIENT_ID.matcher(clientOrderId).matches()) {
            throw new IllegalArgumentException("client order id must be 1-36 characters of A-Z a-z 0-9 _ -: '"
                    + clientOrderId + "'");
        }
        return clientOrderId;
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
        return of(clientOrderId, instrument, side, OrderType.LIMIT, quantity, price, null, TimeInForce.GTC);
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
        return of(clientOrderId, instrument, side, OrderType.MARKET, quantity, null, null, TimeInForce.IOC);
    }

    /**
     * A stop (stop-market) order triggered by the last price.
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
        return of(clientOrderId, instrument, side, OrderType.STOP, quantity, null, triggerPrice, TimeInForce.GTC);
    }

    /**
     * A primary order of any type with no flags and no exits, triggered by the last price.
     *
     * @param clientOrderId client order id
     * @param instrument instrument
     * @param side side
     * @param type type
     * @param quantity quantity
     * @param price limit price or null
     * @param triggerPrice trigger price or null
     * @param timeInForce time in force
     * @return the request
     */
    public static OrderRequest of(String clientOrderId, InstrumentId instrument, Side side, OrderType type,
            BigDecimal quantity, BigDecimal price, BigDecimal triggerPrice, TimeInForce timeInForce) {
        return new OrderRequest(clientOrderId, instrument, side, type, quantity, price, triggerPrice, timeInForce,
                Set.of(), null, null, TriggerSource.LAST, null, null, OrderRole.PRIMARY);
    }

    /**
     * The same request with other flags.
     *
     * @param newFlags the flags
     * @return a new request
     */
    public OrderRequest withFlags(Set<OrderFlag> newFlags) {
        return new OrderRequest(clientOrderId, instrument, side, type, quantity, price, triggerPrice, timeInForce,
                newFlags, takeProfit, stopLoss, triggerSource, positionSide, parentClientOrderId, role);
    }

    /**
     * The same request with another time in force.
     *
     * @param tif the time in force
     * @return a new request
     */
    public OrderRequest withTimeInForce(TimeInForce tif) {
        return new OrderRequest(clientOrderId, instrument, side, type, quantity, price, triggerPrice, tif, flags,
                takeProfit, stopLoss, triggerSource, positionSide, parentClientOrderId, role);
    }

    /**
     * The same request with an attached take-profit.
     *
     * @param leg the take-profit leg, nullable to remove it
     * @return a new request
     */
    public OrderRequest withTakeProfit(ExitLeg leg) {
        return new OrderRequest(clientOrderId, instrument, side, type, quantity, price, triggerPrice, timeInForce,
                flags, leg, stopLoss, triggerSource, positionSide, parentClientOrderId, role);
    }

    /**
     * The same request with an attached stop-loss.
     *
     * @param leg the stop-loss leg, nullable to remove it
     * @return a new request
     */
    public OrderRequest withStopLoss(ExitLeg leg) {
        return new OrderRequest(clientOrderId, instrument, side, type, quantity, price, triggerPrice, timeInForce,
                flags, takeProfit, leg, triggerSource, positionSide, parentClientOrderId, role);
    }

    /**
     * The same request triggered by another price.
     *
     * @param source the price a stop or take-profit type watches
     * @return a new request
     */
    public OrderRequest withTriggerSource(TriggerSource source) {
        return new OrderRequest(clientOrderId, instrument, side, type, quantity, price, triggerPrice, timeInForce,
                flags, takeProfit, stopLoss, source, positionSide, parentClientOrderId, role);
    }

    /**
     * The same request for a hedge-mode position leg.
     *
     * @param leg LONG or SHORT, or null for one-way mode
     * @return a new request
     */
    public OrderRequest withPositionSide(PositionSide leg) {
        return new OrderRequest(clientOrderId, instrument, side, type, quantity, price, triggerPrice, timeInForce,
                flags, takeProfit, stopLoss, triggerSource, leg, parentClientOrderId, role);
    }

    /**
     * The same request as an exit leg of an entry.
     *
     * @param exitRole TAKE_PROFIT or STOP_LOSS
     * @param entryClientOrderId the entry's client order id
     * @return a new request without attached exits
     */
    public OrderRequest asExitOf(OrderRole exitRole, String entryClientOrderId) {
        if (!exitRole.isExit()) {
            throw new IllegalArgumentException("an exit leg is TAKE_PROFIT or STOP_LOSS, not " + exitRole);
        }
        return new OrderRequest(clientOrderId, instrument, side, type, quantity, price, triggerPrice, timeInForce,
                flags, null, null, triggerSource, positionSide, entryClientOrderId, exitRole);
    }

    /**
     * The same request with another quantity and prices (used after rounding to the instrument's
     * grid, and to size an exit leg by a fill).
     *
     * @param newQuantity quantity
     * @param newPrice limit price, or null for types without one
     * @param newTrigger trigger price, or null for types without one
     * @return a new request
     */
    public OrderRequest withAmounts(BigDecimal newQuantity, BigDecimal newPrice, BigDecimal newTrigger) {
        return new OrderRequest(clientOrderId, instrument, side, type, newQuantity, newPrice, newTrigger, timeInForce,
                flags, takeProfit, stopLoss, triggerSource, positionSide, parentClientOrderId, role);
    }

    /**
     * The same request under another client order id.
     *
     * @param newClientOrderId the id
     * @return a new request
     */
    public OrderRequest withClientOrderId(String newClientOrderId) {
        return new OrderRequest(newClientOrderId, instrument, side, type, quantity, price, triggerPrice, timeInForce,
                flags, takeProfit, stopLoss, triggerSource, positionSide, parentClientOrderId, role);
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

    /**
     * Whether take-profit or stop-loss legs are attached.
     *
     * @return true when either is
     */
    public boolean hasExits() {
        return takeProfit != null || stopLoss != null;
    }
}
