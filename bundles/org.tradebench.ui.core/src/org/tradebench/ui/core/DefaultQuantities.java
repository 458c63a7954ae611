package org.tradebench.ui.core;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The quantity a ticket starts with: one per instrument symbol ("BTC/USD" → 0.01) and a global one for
 * the others, as saved in the preferences ({@code BTC/USD=0.01;ETH/USD=0.5}).
 *
 * <pre>{@code
 * DefaultQuantities d = DefaultQuantities.parse("BTC/USD=0.01;ETH/USD=0.5", "1");
 * d.forSymbol("ETH/USD"); // 0.5
 * d.forSymbol("SOL/USD"); // 1 (the global default)
 * }</pre>
 *
 * @param bySymbol the quantity of each symbol, insertion-ordered, each positive
 * @param global the quantity of any other symbol, null for none (the ticket starts blank)
 */
public record DefaultQuantities(Map<String, BigDecimal> bySymbol, BigDecimal global) {

    /** No defaults: every ticket starts blank. */
    public static final DefaultQuantities NONE = new DefaultQuantities(Map.of(), null);

    /** Validates and copies. */
    public DefaultQuantities {
        bySymbol = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bySymbol));
        bySymbol.forEach((s, q) -> {
            if (s.isBlank() || q.signum() <= 0) {
                throw new IllegalArgumentException("a default quantity needs a symbol and a positive quantity: "
                        + s + "=" + q);
            }
        });
        if (global != null && global.signum() <= 0) {
            throw new IllegalArgumentException("the global default quantity must be positive, was " + global);
        }
    }

    /**
     * The quantity a ticket for a symbol starts with.
     *
     * @param symbol the unified symbol
     * @return the symbol's, else the global one, else empty
     */
    public Optional<BigDecimal> forSymbol(String symbol) {
        return Optional.ofNullable(bySymbol.get(symbol)).or(() -> Optional.ofNullable(global));
    }

    /**
     * Why a typed quantity is not a valid default, for the preference page.
     *
     * @param text the text typed
     * @return the error for people, or empty when it is a positive decimal
     */
    public static Optional<String> check(String text) {
        try {
            BigDecimal q = new BigDecimal(text.strip());
            return q.signum() > 0 ? Optional.empty()
                    : Optional.of("the quantity must be above zero, such as 0.01 (was " + text.strip() + ")");
        } catch (NumberFormatException e) {
            return Optional.of("the quantity must be a decimal number such as 0.01 (was \"" + text.strip() + "\")");
        }
    }

    /**
     * Reads the saved form; entries that do not parse are skipped (the page never saves them).
     *
     * @param table {@code SYMBOL=QUANTITY} entries separated by {@code ;}
     * @param global the global default, blank for none
     * @return the defaults
     */
    public static DefaultQuantities parse(String table, String global) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (String entry : table == null ? new String[0] : table.split(";")) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0) {
                continue;
            }
            String symbol = entry.substring(0, eq).strip();
            String q = entry.substring(eq + 1).strip();
            if (!symbol.isEmpty() && check(q).isEmpty()) {
                m.put(symbol, new BigDecimal(q).stripTrailingZeros());
            }
        }
        BigDecimal g = global == null || global.isBlank() || check(global).isPresent() ? null
                : new BigDecimal(global.strip()).stripTrailingZeros();
        return new DefaultQuantities(m, g);
    }

    /**
     * The saved form of the table.
     *
     * @return {@code SYMBOL=QUANTITY} entries separated by {@code ;}
     */
    public String format() {
        StringJoiner j = new StringJoiner(";");
        bySymbol.forEach((s, q) -> j.add(s + "=" + q.toPlainString()));
        return j.toString();
    }
}
