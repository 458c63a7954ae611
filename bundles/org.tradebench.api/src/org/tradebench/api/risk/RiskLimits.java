package org.tradebench.api.risk;

import java.math.BigDecimal;
import org.tradebench.api.Decimals;

/**
 * Limits applied to every order.
 *
 * <pre>{@code
 * RiskLimits limits = new RiskLimits(new BigDecimal("10"), new BigDecimal("250000"), new BigDecimal("0.05"), true);
 * }</pre>
 *
 * @param maxQuantity largest quantity per order, in the base currency
 * @param maxNotional largest price × quantity per order, in the quote currency
 * @param priceBand largest relative distance of a limit or trigger price from the mid (0.05 = 5%)
 * @param roundToGrid true to round price and quantity to tick and lot (and say so); false to reject
 *        off-grid values
 */
public record RiskLimits(BigDecimal maxQuantity, BigDecimal maxNotional, BigDecimal priceBand, boolean roundToGrid) {

    /** Conservative defaults for a new installation. */
    public static final RiskLimits DEFAULTS = new RiskLimits(new BigDecimal("100"), new BigDecimal("1000000"),
            new BigDecimal("0.1"), true);

    /** Validates and normalises. */
    public RiskLimits {
        maxQuantity = Decimals.requirePositive(maxQuantity, "maxQuantity");
        maxNotional = Decimals.requirePositive(maxNotional, "maxNotional");
        priceBand = Decimals.requirePositive(priceBand, "priceBand");
    }
}
