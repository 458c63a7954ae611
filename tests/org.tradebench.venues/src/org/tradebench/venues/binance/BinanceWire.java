package org.tradebench.venues.binance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Binance's wire text: decimals as JSON strings (spot with 8 decimals, as {@code api.binance.com}
 * writes them; futures with the symbol's price or quantity precision), JSON string escaping.
 */
final class BinanceWire {

    private BinanceWire() {
    }

    /** A decimal as a JSON string with exactly {@code scale} decimals, for example {@code "0.01000000"}. */
    static String decimal(BigDecimal value, int scale) {
        return "\"" + value.setScale(scale, RoundingMode.HALF_EVEN).toPlainString() + "\"";
    }

    /** A JSON string literal. */
    static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Price levels as {@code [["price","qty"],...]}. */
    static String levels(List<Map.Entry<BigDecimal, BigDecimal>> levels, int priceScale, int sizeScale) {
        StringBuilder b = new StringBuilder(levels.size() * 32 + 2).append('[');
        for (int i = 0; i < levels.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Map.Entry<BigDecimal, BigDecimal> e = levels.get(i);
            b.append('[').append(decimal(e.getKey(), priceScale)).append(',').append(decimal(e.getValue(), sizeScale))
                    .append(']');
        }
        return b.append(']').toString();
    }
}
