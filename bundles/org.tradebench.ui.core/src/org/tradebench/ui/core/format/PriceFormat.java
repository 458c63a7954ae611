package org.tradebench.ui.core.format;

import java.math.BigDecimal;

import org.tradebench.api.instrument.InstrumentSpec;

/**
 * Prices as text with the instrument's tick scale: fixed decimals, thousands separators, half-even
 * rounding of extra decimals.
 *
 * <pre>{@code
 * PriceFormat btc = PriceFormat.of(instrument.spec());     // tick 0.1
 * btc.format(new BigDecimal("65000.25"));                 // "65,000.2" (half-even)
 * btc.formatUnits(650003);                                // "65,000.3" (core's scaled long)
 * PriceFormat.format(new BigDecimal("0.00001234"), 8);    // "0.00001234"
 * PriceFormat.format(null, 2);                            // "–"
 * }</pre>
 *
 * <p>Immutable; safe on any thread.
 */
public final class PriceFormat {

    /** Shown for an absent value: an en dash. */
    public static final String MISSING = "\u2013";

    private final int scale;

    private PriceFormat(int scale) {
        this.scale = DecimalText.checkScale(scale);
    }

    /**
     * The format for an instrument: as many decimals as its tick size has.
     *
     * @param spec the instrument's trading rules
     * @return the format
     */
    public static PriceFormat of(InstrumentSpec spec) {
        return new PriceFormat(spec.priceScale());
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
     * Decimals shown.
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
        return format(price, scale);
    }

    /**
     * Formats a price held as a scaled long (units of 10<sup>-scale</sup>, as in the core order
     * book).
     *
     * @param units the price in units of this format's scale
     * @return for example {@code "65,000.2"} for 650002 at scale 1
     */
    public String formatUnits(long units) {
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
