package org.tradebench.ui.core.format;

import java.math.BigDecimal;

import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.instrument.PricePrecision;

/**
 * Prices as text with the instrument's tick scale: fixed decimals, thousands separators, half-even
 * rounding of extra decimals. An instrument priced in significant digits (Bitfinex: 5) has no fixed
 * scale: a price is shown with the decimals its digits reach at its size, and never with fewer
 * than it has.
 *
 * <pre>{@code
 * PriceFormat btc = PriceFormat.of(instrument.spec());     // tick 0.1
 * btc.format(new BigDecimal("65000.25"));                 // "65,000.2" (half-even)
 * btc.formatUnits(650003);                                // "65,000.3" (core's scaled long)
 * PriceFormat.format(new BigDecimal("0.00001234"), 8);    // "0.00001234"
 * PriceFormat.format(null, 2);                            // "–"
 *
 * PriceFormat sig = PriceFormat.of(bitfinexSpec);          // 5 significant digits, at most 8 decimals
 * sig.format(new BigDecimal("104250"));                   // "104,250"
 * sig.format(new BigDecimal("0.12345"));                  // "0.12345"
 * sig.format(new BigDecimal("2.5"));                      // "2.5000"
 * }</pre>
 *
 * <p>Immutable; safe on any thread.
 */
public final class PriceFormat {

    /** Shown for an absent value: an en dash. */
    public static final String MISSING = "\u2013";

    private final int scale;
    // > 0 for an instrument priced in significant digits: the decimals then depend on the price
    private final int significantDigits;

    private PriceFormat(int scale, int significantDigits) {
        this.scale = DecimalText.checkScale(scale);
        this.significantDigits = significantDigits;
    }

    private PriceFormat(int scale) {
        this(scale, 0);
    }

    /**
     * The format for an instrument: as many decimals as its tick size has, or, for an instrument
     * priced in significant digits, as many as a price's digits reach.
     *
     * @param spec the instrument's trading rules
     * @return the format
     */
    public static PriceFormat of(InstrumentSpec spec) {
        if (spec.pricePrecision() instanceof PricePrecision.SignificantDigits sig) {
            return new PriceFormat(sig.maxScale(), sig.digits());
        }
        return new PriceFormat(spec.priceScale());
    }

    /**
     * The fewest decimals a price of an instrument is shown with: its tick's, or none for an
     * instrument priced in significant digits (where 104,250 has none and 2.5 has four).
     *
     * @param spec the instrument's trading rules
     * @return the scale
     */
    public static int minScale(InstrumentSpec spec) {
        return spec.pricePrecision() instanceof PricePrecision.SignificantDigits ? 0 : spec.priceScale();
    }

    /**
     * A format with a fixed number of decimals.
     *
     * @param scale decimals, 0 to 18
     * @return the format
     */
    public static PriceFormat withScale(int scale) {
        return new PriceFormat(scale);
    }

    /**
     * Decimals shown (the most shown, for an instrument priced in significant digits).
     *
     * @return the scale
     */
    public int scale() {
        return scale;
    }

    /**
     * Formats a price.
     *
     * @param price the price, nullable
     * @return for example {@code "65,000.2"}, or {@link #MISSING}
     */
    public String format(BigDecimal price) {
        if (price == null || significantDigits == 0) {
            return format(price, scale);
        }
        return format(price, significantScale(price));
    }

    /** The decimals the significant digits reach at this price, or more when the price has them. */
    private int significantScale(BigDecimal price) {
        if (price.signum() == 0) {
            return 0;
        }
        int leading = price.precision() - price.scale() - 1; // 104250 -> 5, 0.0123 -> -2
        int byDigits = significantDigits - 1 - leading;
        int own = price.stripTrailingZeros().scale();
        return Math.max(0, Math.min(scale, Math.max(byDigits, own)));
    }

    /**
     * Formats a price held as a scaled long (units of 10<sup>-scale</sup>, as in the core order
     * book).
     *
     * @param units the price in units of this format's scale
     * @return for example {@code "65,000.2"} for 650002 at scale 1
     */
    public String formatUnits(long units) {
        if (significantDigits > 0) {
            return format(BigDecimal.valueOf(units, scale));
        }
        return DecimalText.fixed(units, scale, true);
    }

    /**
     * Formats a price with a given number of decimals.
     *
     * @param price the price, nullable
     * @param scale decimals, 0 to 18
     * @return the text, or {@link #MISSING}
     */
    public static String format(BigDecimal price, int scale) {
        DecimalText.checkScale(scale);
        return price == null ? MISSING : DecimalText.fixed(price, scale, true);
    }

    /**
     * Formats a scaled long.
     *
     * @param units the value in units of 10<sup>-scale</sup>
     * @param scale decimals, 0 to 18
     * @return the text
     */
    public static String formatUnits(long units, int scale) {
        return DecimalText.fixed(units, DecimalText.checkScale(scale), true);
    }
}
