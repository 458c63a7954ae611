package org.tradebench.ui.core.format;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.tradebench.api.instrument.InstrumentSpec;

/**
 * Quantities as text: fixed decimals from the instrument's lot size (so a column of sizes lines
 * up), or compact ({@code 12.35M}) for large totals such as 24-hour volume.
 *
 * <pre>{@code
 * SizeFormat lots = SizeFormat.of(instrument.spec());    // lot 0.0001
 * lots.format(new BigDecimal("1.5"));                    // "1.5000"
 * lots.formatUnits(15000);                               // "1.5000"
 * SizeFormat.compact(new BigDecimal("12345678.9"));      // "12.35M"
 * SizeFormat.compact(new BigDecimal("4321.987"));        // "4,321.99"
 * SizeFormat.compact(new BigDecimal("0.01234"));         // "0.0123"
 * }</pre>
 *
 * <p>Immutable; safe on any thread.
 */
public final class SizeFormat {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000);

    private final int scale;

    private SizeFormat(int scale) {
        this.scale = DecimalText.checkScale(scale);
    }

    /**
     * The format for an instrument: as many decimals as its lot size has.
     *
     * @param spec the instrument's trading rules
     * @return the format
     */
    public static SizeFormat of(InstrumentSpec spec) {
        return new SizeFormat(spec.sizeScale());
    }

    /**
     * A format with a fixed number of decimals.
     *
     * @param scale decimals, 0 to 18
     * @return the format
     */
    public static SizeFormat withScale(int scale) {
        return new SizeFormat(scale);
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
     * Formats a quantity.
     *
     * @param size the quantity, nullable
     * @return for example {@code "1.5000"}, or {@link PriceFormat#MISSING}
     */
    public String format(BigDecimal size) {
        return size == null ? PriceFormat.MISSING : DecimalText.fixed(size, scale, true);
    }

    /**
     * Formats a quantity held as a scaled long (units of 10<sup>-scale</sup>).
     *
     * @param units the quantity in units of this format's scale
     * @return the text
     */
    public String formatUnits(long units) {
        return DecimalText.fixed(units, scale, true);
    }

    /**
     * Formats a large quantity briefly: four decimals below 1, two decimals below a million, then
     * {@code M} and {@code B} suffixes with two decimals.
     *
     * @param size the quantity, nullable
     * @return for example {@code "987.65"}, {@code "12.35M"}, {@code "1.20B"}, or
     *         {@link PriceFormat#MISSING}
     */
    public static String compact(BigDecimal size) {
        if (size == null) {
            return PriceFormat.MISSING;
        }
        BigDecimal abs = size.abs();
        if (abs.compareTo(BILLION) >= 0) {
            return DecimalText.fixed(size.divide(BILLION, 2, RoundingMode.HALF_EVEN), 2, true) + "B";
        }
        if (abs.compareTo(MILLION) >= 0) {
            return DecimalText.fixed(size.divide(MILLION, 2, RoundingMode.HALF_EVEN), 2, true) + "M";
        }
        return DecimalText.fixed(size, abs.compareTo(BigDecimal.ONE) < 0 ? 4 : 2, true);
    }
}
