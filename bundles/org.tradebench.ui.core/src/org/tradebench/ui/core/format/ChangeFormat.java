package org.tradebench.ui.core.format;

import java.math.BigDecimal;

/**
 * Relative changes as signed percentages, such as a ticker's 24-hour change.
 *
 * <pre>{@code
 * ChangeFormat.percent(new BigDecimal("0.0123"));    // "+1.23%"
 * ChangeFormat.percent(new BigDecimal("-0.00456"));  // "-0.46%"
 * ChangeFormat.percent(BigDecimal.ZERO);             // "0.00%"
 * ChangeFormat.percent(null);                        // "–"
 * }</pre>
 *
 * <p>Stateless; safe on any thread.
 */
public final class ChangeFormat {

    private ChangeFormat() {
    }

    /**
     * Formats a ratio (0.01 = 1%) as a percentage with two decimals and an explicit sign.
     *
     * @param ratio the ratio, nullable
     * @return for example {@code "+1.23%"}, or {@link PriceFormat#MISSING}
     */
    public static String percent(BigDecimal ratio) {
        if (ratio == null) {
            return PriceFormat.MISSING;
        }
        String text = DecimalText.fixed(ratio.movePointRight(2), 2, true);
        return (ratio.signum() > 0 && !"0.00".equals(text) ? "+" : "") + text + "%";
    }
}
