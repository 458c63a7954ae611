package org.tradebench.api.instrument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import org.tradebench.api.Decimals;

/**
 * Trading rules of an instrument. Precision is data: the order gateway rounds and validates against
 * it before anything is sent.
 *
 * <pre>{@code
 * InstrumentSpec spec = new InstrumentSpec(new BigDecimal("0.1"), new BigDecimal("0.0001"), new BigDecimal("10"));
 * spec.isValidPrice(new BigDecimal("100.25"));                  // false
 * spec.roundPrice(new BigDecimal("100.25"), RoundingMode.HALF_UP); // 100.3
 *
 * InstrumentSpec bitfinex = new InstrumentSpec(new PricePrecision.SignificantDigits(5, 8),
 *         new BigDecimal("0.00000001"), new BigDecimal("0.00004"), new BigDecimal("2000"), BigDecimal.ZERO, BigDecimal.ONE);
 * bitfinex.priceStep(new BigDecimal("104000"));                  // 10
 * }</pre>
 *
 * @param pricePrecision a tick size or significant digits
 * @param lotSize smallest quantity increment, &gt; 0
 * @param minQuantity smallest quantity an order may have, &gt; 0
 * @param maxQuantity largest quantity an order may have, nullable when the exchange sets none
 * @param minNotional smallest price × quantity an order may have, &gt;= 0
 * @param contractSize how much of the base currency one unit of quantity is (1 for spot and for
 *        linear swaps quoted in the base currency), &gt; 0
 */
public record InstrumentSpec(PricePrecision pricePrecision, BigDecimal lotSize, BigDecimal minQuantity,
        BigDecimal maxQuantity, BigDecimal minNotional, BigDecimal contractSize) {

    /** Validates and normalises. */
    public InstrumentSpec {
        Objects.requireNonNull(pricePrecision, "pricePrecision");
        lotSize = Decimals.requirePositive(lotSize, "lotSize");
        minQuantity = Decimals.requirePositive(minQuantity, "minQuantity");
        if (maxQuantity != null) {
            maxQuantity = Decimals.requirePositive(maxQuantity, "maxQuantity");
            if (maxQuantity.compareTo(minQuantity) < 0) {
                throw new IllegalArgumentException("maxQuantity " + maxQuantity.toPlainString()
                        + " is below minQuantity " + minQuantity.toPlainString());
            }
        }
        minNotional = Decimals.requireNonNegative(minNotional, "minNotional");
        contractSize = Decimals.requirePositive(contractSize, "contractSize");
    }

    /**
     * A fixed tick, the lot as the minimum quantity, no maximum, contract size 1.
     *
     * @param tickSize smallest price increment, &gt; 0
     * @param lotSize smallest quantity increment, &gt; 0
     * @param minNotional smallest price × quantity, &gt;= 0
     */
    public InstrumentSpec(BigDecimal tickSize, BigDecimal lotSize, BigDecimal minNotional) {
        this(new PricePrecision.TickSize(tickSize), lotSize, lotSize, null, minNotional, BigDecimal.ONE);
    }

    /**
     * The smallest price step of any price (the tick, or {@code 10^-maxScale} for significant
     * digits).
     *
     * @return the step
     */
    public BigDecimal tickSize() {
        return pricePrecision.smallestStep();
    }

    /**
     * The price step at a price.
     *
     * @param price a price
     * @return the step there
     */
    public BigDecimal priceStep(BigDecimal price) {
        return pricePrecision.step(price);
    }

    /**
     * Most decimal places of a price.
     *
     * @return for a tick of 0.01, 2
     */
    public int priceScale() {
        return pricePrecision.maxScale();
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
     * Whether a price is valid as it is (on the tick grid, or within the significant digits).
     *
     * @param price the price
     * @return true when valid
     */
    public boolean isValidPrice(BigDecimal price) {
        return pricePrecision.isValid(price);
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
     * Rounds a price to a valid one.
     *
     * @param price the price
     * @param mode how to round
     * @return the rounded, normalised price
     */
    public BigDecimal roundPrice(BigDecimal price, RoundingMode mode) {
        return pricePrecision.round(price, mode);
    }

    /**
     * Rounds a quantity to the lot grid.
     *
     * @param quantity the quantity
     * @param mode how to round
     * @return the rounded, normalised quantity
     */
    public BigDecimal roundQuantity(BigDecimal quantity, RoundingMode mode) {
        Objects.requireNonNull(quantity, "quantity");
        BigDecimal steps = quantity.divide(lotSize, 0, mode);
        return Decimals.normalize(steps.multiply(lotSize));
    }
}
