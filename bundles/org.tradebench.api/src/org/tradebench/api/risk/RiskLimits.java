package org.tradebench.api.risk;

import java.math.BigDecimal;

import org.tradebench.api.Decimals;

/**
 * Limits applied to every order of one trading account (the user sets them per account).
 *
 * <pre>{@code
 * RiskLimits limits = new RiskLimits(new BigDecimal("10"), new BigDecimal("250000"), new BigDecimal("0.05"), true,
 *         50, new BigDecimal("0.5"));
 * }</pre>
 *
 * @param maxQuantity largest quantity per order, in the base currency
 * @param maxNotional largest price × quantity per order, in the quote currency
 * @param priceBand largest relative distance of a limit or trigger price from the mid (0.05 = 5%)
 * @param roundToGrid true to round price and quantity to the instrument's precision (and say so);
 *        false to reject values that are not valid as they are
 * @param maxOpenOrders most working orders on the account at once, 0 for no limit
 * @param maxBalanceFraction fat-finger guard: the largest share of the available quote balance
 *        one order may use (0.5 = half), nullable for no guard
 */
public record RiskLimits(BigDecimal maxQuantity, BigDecimal maxNotional, BigDecimal priceBand, boolean roundToGrid,
        int maxOpenOrders, BigDecimal maxBalanceFraction) {

    /** Conservative defaults for a new installation. */
    public static final RiskLimits DEFAULTS = new RiskLimits(new BigDecimal("100"), new BigDecimal("1000000"),
            new BigDecimal("0.1"), true, 200, null);

    /** Validates and normalises. */
    public RiskLimits {
        maxQuantity = Decimals.requirePositive(maxQuantity, "maxQuantity");
        maxNotional = Decimals.requirePositive(maxNotional, "maxNotional");
        priceBand = Decimals.requirePositive(priceBand, "priceBand");
        if (maxOpenOrders < 0) {
            throw new IllegalArgumentException("maxOpenOrders must be >= 0 (0: no limit), was " + maxOpenOrders);
        }
        if (maxBalanceFraction != null) {
            maxBalanceFraction = Decimals.requirePositive(maxBalanceFraction, "maxBalanceFraction");
        }
    }

    /**
     * Limits without an open-order limit and without the balance guard.
     *
     * @param maxQuantity largest quantity
     * @param maxNotional largest notional
     * @param priceBand largest distance from the mid
     * @param roundToGrid round or reject off-grid values
     */
    public RiskLimits(BigDecimal maxQuantity, BigDecimal maxNotional, BigDecimal priceBand, boolean roundToGrid) {
        this(maxQuantity, maxNotional, priceBand, roundToGrid, 0, null);
    }
}
