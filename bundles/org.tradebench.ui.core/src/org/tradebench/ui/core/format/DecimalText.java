package org.tradebench.ui.core.format;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Fixed-point text with thousands separators, shared by the public formats. */
final class DecimalText {

    static final int MAX_SCALE = 18;

    private DecimalText() {
    }

    static int checkScale(int scale) {
        if (scale < 0 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale must be 0.." + MAX_SCALE + ", was " + scale);
        }
        return scale;
    }

    static String fixed(long units, int scale, boolean grouping) {
        return fixed(Long.toString(units), scale, grouping);
    }

    static String fixed(BigDecimal value, int scale, boolean grouping) {
        BigDecimal scaled = value.setScale(scale, RoundingMode.HALF_EVEN);
        return fixed(scaled.unscaledValue().toString(), scale, grouping);
    }

    /** Renders the decimal digits of an unscaled value (optionally with a leading '-'). */
    private static String fixed(String unscaled, int scale, boolean grouping) {
        boolean negative = unscaled.charAt(0) == '-';
        String digits = negative ? unscaled.substring(1) : unscaled;
        if (digits.length() <= scale) {
            digits = "0".repeat(scale + 1 - digits.length()) + digits;
        }
        int intLength = digits.length() - scale;
        StringBuilder sb = new StringBuilder(digits.length() + intLength / 3 + 2);
        if (negative && !isZero(digits)) {
            sb.append('-');
        }
        for (int i = 0; i < intLength; i++) {
            if (grouping && i > 0 && (intLength - i) % 3 == 0) {
                sb.append(',');
            }
            sb.append(digits.charAt(i));
        }
        if (scale > 0) {
            sb.append('.').append(digits, intLength, digits.length());
        }
        return sb.toString();
    }

    private static boolean isZero(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
