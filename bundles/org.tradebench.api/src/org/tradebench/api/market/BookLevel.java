package org.tradebench.api.market;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import org.tradebench.api.Decimals;

/**
 * One order book level: a price and the quantity resting there. In a {@link BookDelta} a quantity of
 * zero removes the level. In a per-order (raw) book a level is one order and carries its id.
 *
 * @param price the price, &gt; 0
 * @param quantity the quantity, &gt;= 0 (0 only in deltas, meaning "remove")
 * @param orderId the exchange's order id for raw books, null for aggregated books
 * @param orderCount the number of orders at the level where the exchange says, else -1
 */
public record BookLevel(BigDecimal price, BigDecimal quantity, String orderId, int orderCount) {

    /** Validates and normalises. */
    public BookLevel {
        price = Decimals.requirePositive(price, "price");
        quantity = Decimals.requireNonNegative(quantity, "quantity");
        if (orderCount < -1) {
            throw new IllegalArgumentException("order count must be >= 0 or -1 (unknown), was " + orderCount);
        }
    }

    /**
     * An aggregated level without an order count.
     *
     * @param price the price
     * @param quantity the quantity
     */
    public BookLevel(BigDecimal price, BigDecimal quantity) {
        this(price, quantity, null, -1);
    }

    /**
     * A level with an order id (raw books) or null, without an order count.
     *
     * @param price the price
     * @param quantity the quantity
     * @param orderId the order id, nullable
     */
    public BookLevel(BigDecimal price, BigDecimal quantity, String orderId) {
        this(price, quantity, orderId, -1);
    }

    /**
     * Whether this level removes a price (quantity zero).
     *
     * @return true for a removal
     */
    public boolean isRemoval() {
        return quantity.signum() == 0;
    }

    static List<BookLevel> copy(List<BookLevel> levels, String name) {
        Objects.requireNonNull(levels, name);
        return List.copyOf(levels);
    }
}
