package org.tradebench.api.market;

import java.math.BigDecimal;
import java.util.Objects;

import org.tradebench.api.Decimals;

/**
 * One order book level: a price and the quantity resting there. In a {@link BookDelta} a quantity of
 * zero removes the level. In a per-order (raw) book a level is one order and carries its id.
 *
 * @param price the price, &gt; 0
 * @param quantity the quantity, &gt;= 0 (0 only in deltas, meaning "remove")
 * @param orderId the exchange's order id for raw books, null for aggregated books
 */
public record BookLevel(BigDecimal price, BigDecimal quantity, String orderId) {

    /** Validates and normalises. */
    public BookLevel {
        price = Decimals.requirePositive(price, "price");
        quantity = Decimals.requireNonNegative(quantity, "quantity");
    }

    /**
     * An aggregated level.
     *
     * @param price the price
     * @param quantity the quantity
     */
    public BookLevel(BigDecimal price, BigDecimal quantity) {
        this(price, quantity, null);
    }

    /**
     * Whether this level removes a price (quantity zero).
     *
     * @return true for a removal
     */
    public boolean isRemoval() {
        return quantity.signum() == 0;
    }

    static java.util.List<BookLevel> copy(java.util.List<BookLevel> levels, String name) {
        Objects.requireNonNull(levels, name);
        return java.util.List.copyOf(levels);
    }
}
