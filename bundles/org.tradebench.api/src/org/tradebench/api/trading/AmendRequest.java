package org.tradebench.api.trading;

import java.math.BigDecimal;
import java.util.Objects;

import org.tradebench.api.Decimals;

/**
 * A change of an open order: a new price, quantity or trigger price (any that are null stay as
 * they are). Where the exchange has no amend, the connector says so in the returned order's reason
 * (and {@link org.tradebench.api.Capability#ORDER_AMEND} is absent).
 *
 * <pre>{@code
 * gateway.amend(account, AmendRequest.price("c-1", new BigDecimal("64950")));
 * }</pre>
 *
 * @param clientOrderId the order's client order id
 * @param price the new limit price, nullable to keep it
 * @param quantity the new total quantity, nullable to keep it
 * @param triggerPrice the new trigger price, nullable to keep it
 */
public record AmendRequest(String clientOrderId, BigDecimal price, BigDecimal quantity, BigDecimal triggerPrice) {

    /** Validates and normalises. */
    public AmendRequest {
        OrderRequest.requireClientOrderId(clientOrderId);
        price = price == null ? null : Decimals.requirePositive(price, "price");
        quantity = quantity == null ? null : Decimals.requirePositive(quantity, "quantity");
        triggerPrice = triggerPrice == null ? null : Decimals.requirePositive(triggerPrice, "trigger price");
        if (price == null && quantity == null && triggerPrice == null) {
            throw new IllegalArgumentException("an amend of " + clientOrderId + " changes nothing");
        }
    }

    /**
     * A new limit price.
     *
     * @param clientOrderId the order
     * @param price the price
     * @return the request
     */
    public static AmendRequest price(String clientOrderId, BigDecimal price) {
        return new AmendRequest(clientOrderId, Objects.requireNonNull(price, "price"), null, null);
    }

    /**
     * A new quantity.
     *
     * @param clientOrderId the order
     * @param quantity the total quantity
     * @return the request
     */
    public static AmendRequest quantity(String clientOrderId, BigDecimal quantity) {
        return new AmendRequest(clientOrderId, null, Objects.requireNonNull(quantity, "quantity"), null);
    }
}
