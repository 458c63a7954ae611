package org.tradebench.ui.core;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

/**
 * The trading preferences every view may read: whether one-click trading is on (off unless the
 * trader turns it on in Window &gt; Preferences &gt; Tradebench), and the quantity an order starts
 * with per symbol (set in Preferences &gt; Tradebench &gt; Order Entry). Kept in the workspace, so
 * they survive restarts. Any thread.
 *
 * <pre>{@code
 * if (TradingPreferences.oneClickTrading()) {
 *     Optional<BigDecimal> q = TradingPreferences.defaultQuantities().forSymbol("BTC/USD");
 *     ...   // place through the OrderGateway
 * }
 * Registration r = TradingPreferences.onOneClickChange(on -> display.asyncExec(() -> label.setVisible(on)));
 * }</pre>
 */
public final class TradingPreferences {

    /** Whether a click on a price in the order book places an order: {@value}. */
    public static final String ONE_CLICK = "oneClickTrading";

    /** The quantity an order starts with for a symbol not in the table, blank for none: {@value}. */
    public static final String DEFAULT_QUANTITY = "defaultQuantity";
    /** The quantity an order starts with per symbol, {@code SYMBOL=QUANTITY;...}: {@value}. */
    public static final String DEFAULT_QUANTITIES = "defaultQuantities";

    private static final String CORE_NODE = "org.tradebench.ui.core";
    // the order entry's page writes the default quantities; they stay where it always kept them
    private static final String ORDER_ENTRY_NODE = "org.tradebench.ui.orderentry";

    private TradingPreferences() {
    }

    private static IEclipsePreferences node(String name) {
        return InstanceScope.INSTANCE.getNode(name);
    }

    /**
     * Whether one-click trading is on.
     *
     * @return false unless the trader turned it on
     */
    public static boolean oneClickTrading() {
        return node(CORE_NODE).getBoolean(ONE_CLICK, false);
    }

    /**
     * Turns one-click trading on or off and saves the choice.
     *
     * @param on the choice
     */
    public static void setOneClickTrading(boolean on) {
        IEclipsePreferences n = node(CORE_NODE);
        n.putBoolean(ONE_CLICK, on);
        try {
            n.flush();
        } catch (BackingStoreException e) {
            // kept for this session
        }
    }

    /**
     * Tells a listener each time one-click trading is turned on or off.
     *
     * @param listener receives the new value, on the thread that changed it
     * @return removes the listener when closed
     */
    public static Registration onOneClickChange(java.util.function.Consumer<Boolean> listener) {
        Objects.requireNonNull(listener, "listener");
        IEclipsePreferences n = node(CORE_NODE);
        IPreferenceChangeListener l = e -> {
            if (ONE_CLICK.equals(e.getKey())) {
                listener.accept(Boolean.parseBoolean(String.valueOf(e.getNewValue())));
            }
        };
        n.addPreferenceChangeListener(l);
        return () -> n.removePreferenceChangeListener(l);
    }

    /**
     * The quantities orders start with, per symbol and global, as saved now.
     *
     * @return the defaults ({@link DefaultQuantities#NONE} when none are set)
     */
    public static DefaultQuantities defaultQuantities() {
        IEclipsePreferences n = node(ORDER_ENTRY_NODE);
        return DefaultQuantities.parse(n.get(DEFAULT_QUANTITIES, ""), n.get(DEFAULT_QUANTITY, ""));
    }

    /**
     * The quantity an order for a symbol starts with.
     *
     * @param symbol the unified symbol
     * @return the quantity, or empty when none is set
     */
    public static Optional<BigDecimal> defaultQuantity(String symbol) {
        return defaultQuantities().forSymbol(symbol);
    }
}
