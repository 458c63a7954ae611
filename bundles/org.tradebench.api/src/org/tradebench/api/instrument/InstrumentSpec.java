package org.tradebench.api.instrument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import org.tradebench.api.Decimals;

/**
 * Trading rules of an instrument. Precision is data: order entry rounds and validates against it
 * before anything is sent.
 *
 * <pre>{@code
 * InstrumentSpec spec = new InstrumentSpec(new BigDecimal("0.1"), new BigDecimal("0.0001"), new BigDecimal("10"));
 * spec.isOnTick(new BigDecimal("100.25"));          // false
 * spec.roundPrice(new BigDecimal("100.25"), RoundingMode.HALF_UP); // 100.3
 * }</pre>
 *
 * @param tickSize smallest price increment, &gt; 0
 * @param lotSize smallest quantity increment, &gt; 0
 * @param minNotional smallest price × quantity an order may have, &gt;= 0
 */
public record InstrumentSpec(BigDecimal tickSize, BigDecimal lotSize, BigDecimal minNotional) {

    /** Validates and normalises. */
    public InstrumentSpec {
        tickSize = Decimals.requirePositive(tickSize, "tickSize");
        lotSize = Decimals.requirePositive(lotSize, "lotSize");
        minNotional = Decimals.requireNonNegative(minNotional, "minNotional");
    }

    /**
     * Decimal places of the tick size.
     *
     * @return for a tick of 0.01, 2
     */
    public int priceScale() {
        return Math.max(0, tickSize.scale());
    }

    /**
     * Decimal places of the lot size.
     *
     * @return for a lot of 0.0001, 4
     */
    public int sizeScale() {
        return Math.max(0, lotSize.scale());
    }

    /**
     * Whether a price is a whole multiple of the tick size.
     *
     * @param price the price
     * @return true when on the tick grid
     */
    public boolean isOnTick(BigDecimal price) {
        return price.remainder(tickSize).signum() == 0;
    }

    /**
     * Whether a quantity is a whole multiple of the lot size.
     *
     * @param quantity the quantity
     * @return true when on the lot grid
     */
    public boolean isOnLot(BigDecimal quantity) {
        return quantity.remainder(lotSize).signum() == 0;
    }

    /**
     * Rounds a price to the tick grid.
     *
     * @param price the price
     * @param mode how to round
     * @return the rounded, normalised price
     */
    public BigDecimal roundPrice(BigDecimal price, RoundingMode mode) {
        return roundTo(price, tickSize, mode);
    }

    /**
     * Rounds a quantity to the lot grid.
     *
     * @param quantity the quantity
     * @param mode how to round
     * @return the rounded, normalised quantity
     */
    public BigDecimal roundQuantity(BigDecimal quantity, RoundingMode mode) {
        return roundTo(quantity, lotSize, mode);
    }

    private static BigDecimal roundTo(BigDecimal value, BigDecimal step, RoundingMode mode) {
        Objects.requireNonNull(value, "value");
        BigDecimal steps = value.divide(step, 0, mode);
        return Decimals.normalize(steps.multiply(step));
    }
}
