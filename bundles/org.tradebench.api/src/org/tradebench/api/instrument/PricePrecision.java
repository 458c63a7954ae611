package org.tradebench.api.instrument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import org.tradebench.api.Decimals;

/**
 * How precise a price may be: a fixed {@link TickSize} (Binance: 0.01) or a number of
 * {@link SignificantDigits} (Bitfinex: 5, so at 65,000 the step is 1 and at 104,000 it is 10; a
 * price with more digits is truncated by the exchange).
 *
 * <pre>{@code
 * PricePrecision p = new PricePrecision.SignificantDigits(5, 8);
 * p.step(new BigDecimal("104250"));                                   // 10
 * p.round(new BigDecimal("104257"), RoundingMode.DOWN);               // 104250
 * p.isValid(new BigDecimal("65000.5"));                               // false (6 digits)
 * }</pre>
 */
public sealed interface PricePrecision permits PricePrecision.TickSize, PricePrecision.SignificantDigits {

    /**
     * The price step at a price: the difference to the next valid price above it.
     *
     * @param price a price &gt; 0
     * @return the step
     */
    BigDecimal step(BigDecimal price);

    /**
     * Rounds a price to a valid one.
     *
     * @param price a price &gt; 0
     * @param mode how to round
     * @return the rounded, normalised price
     */
    BigDecimal round(BigDecimal price, RoundingMode mode);

    /**
     * The most decimal places a valid price can have.
     *
     * @return the scale
     */
    int maxScale();

    /**
     * The smallest step any price can have.
     *
     * @return for a tick size the tick, for significant digits {@code 10^-maxScale}
     */
    BigDecimal smallestStep();

    /**
     * Whether a price is valid as it is.
     *
     * @param price a price &gt; 0
     * @return true when rounding would not change it
     */
    default boolean isValid(BigDecimal price) {
        return round(price, RoundingMode.DOWN).compareTo(price) == 0;
    }

    /**
     * For people: {@code "tick 0.01"} or {@code "5 significant digits"}.
     *
     * @return the description
     */
    String describe();

    /**
     * A fixed tick: valid prices are whole multiples of it.
     *
     * @param tick the tick size, &gt; 0
     */
    record TickSize(BigDecimal tick) implements PricePrecision {

        /** Validates and normalises. */
        public TickSize {
            tick = Decimals.requirePositive(tick, "tick size");
        }

        @Override
        public BigDecimal step(BigDecimal price) {
            return tick;
        }

        @Override
        public BigDecimal round(BigDecimal price, RoundingMode mode) {
            Objects.requireNonNull(price, "price");
            return Decimals.normalize(price.divide(tick, 0, mode).multiply(tick));
        }

        @Override
        public int maxScale() {
            return Math.max(0, tick.scale());
        }

        @Override
        public BigDecimal smallestStep() {
            return tick;
        }

        @Override
        public String describe() {
            return "tick " + tick.toPlainString();
        }
    }

    /**
     * A number of significant digits, and at most {@code maxScale} decimal places.
     *
     * @param digits significant digits, 1 to 18
     * @param maxScale most decimal places, 0 to 18
     */
    record SignificantDigits(int digits, int maxScale) implements PricePrecision {

        /** Validates. */
        public SignificantDigits {
            if (digits < 1 || digits > 18) {
                throw new IllegalArgumentException("significant digits must be 1..18, was " + digits);
            }
            if (maxScale < 0 || maxScale > 18) {
                throw new IllegalArgumentException("max scale must be 0..18, was " + maxScale);
            }
        }

        @Override
        public BigDecimal step(BigDecimal price) {
            Decimals.requirePositive(price, "price");
            // the exponent of the leading digit: 104250 -> 5, 0.0123 -> -2
            int leading = price.precision() - price.scale() - 1;
            int scale = Math.min(maxScale, digits - 1 - leading);
            // normalised: above 10^digits the step is 10, 100, ..., not 1E+1, 1E+2 (which print so)
            return Decimals.normalize(BigDecimal.ONE.scaleByPowerOfTen(-scale));
        }

        @Override
        public BigDecimal round(BigDecimal price, RoundingMode mode) {
            Objects.requireNonNull(price, "price");
            if (price.signum() == 0) {
                return BigDecimal.ZERO;
            }
            // One rounding, at the scale the price's magnitude allows (rounding twice, to the digits
            // and then to maxScale, can land one step off: 0.0000123449 -> 0.00001235).
            int leading = price.precision() - price.scale() - 1;
            return Decimals.normalize(price.setScale(Math.min(maxScale, digits - 1 - leading), mode));
        }

        @Override
        public int maxScale() {
            return maxScale;
        }

        @Override
        public BigDecimal smallestStep() {
            return BigDecimal.ONE.scaleByPowerOfTen(-maxScale);
        }

        @Override
        public String describe() {
            return digits + " significant digits";
        }
    }
}
