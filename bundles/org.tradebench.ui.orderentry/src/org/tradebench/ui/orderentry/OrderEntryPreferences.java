package org.tradebench.ui.orderentry;

import java.math.BigDecimal;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.tradebench.ui.core.DefaultQuantities;
import org.tradebench.ui.orderentry.internal.OrderTicket;

/**
 * The order entry's preferences (Window &gt; Preferences &gt; Tradebench &gt; Order Entry), kept in
 * the workspace's instance scope of this bundle: whether market orders are confirmed first (on by
 * default), the quantity a ticket starts with (per symbol, else global), the warning thresholds, and the fee and maintenance-margin rates the estimates assume
 * (exchanges do not publish a trader's own rates through the API).
 */
public final class OrderEntryPreferences {

    /** Whether a market order asks before it is sent: {@value}. */
    public static final String CONFIRM_MARKET = "confirmMarketOrders";
    /** Whether orders from the trading keys ask before they are sent: {@value}. */
    public static final String CONFIRM_KEYS = "confirmKeyboardOrders";
    /** Spread in basis points above which the form warns: {@value}. */
    public static final String WIDE_SPREAD_BPS = "wideSpreadBps";
    /** Book levels an order may take before the form warns: {@value}. */
    public static final String THIN_BOOK_LEVELS = "thinBookLevels";
    /** Taker fee in percent: {@value}. */
    public static final String TAKER_FEE_PERCENT = "takerFeePercent";
    /** Maker fee in percent: {@value}. */
    public static final String MAKER_FEE_PERCENT = "makerFeePercent";
    /** Maintenance margin rate in percent: {@value}. */
    public static final String MAINTENANCE_PERCENT = "maintenanceMarginPercent";
    /** Distance to liquidation in percent below which the form warns: {@value}. */
    public static final String LIQUIDATION_WARN_PERCENT = "liquidationWarnPercent";

    /** The quantity a ticket starts with for a symbol not in the table, blank for none: {@value}. */
    public static final String DEFAULT_QUANTITY = org.tradebench.ui.core.TradingPreferences.DEFAULT_QUANTITY;
    /** The quantity a ticket starts with per symbol, {@code SYMBOL=QUANTITY;...}: {@value}. */
    public static final String DEFAULT_QUANTITIES = org.tradebench.ui.core.TradingPreferences.DEFAULT_QUANTITIES;

    private static IPreferenceStore store;

    private OrderEntryPreferences() {
    }

    /**
     * The store, with its defaults set.
     *
     * @return the store
     */
    public static synchronized IPreferenceStore store() {
        if (store == null) {
            ScopedPreferenceStore s = new ScopedPreferenceStore(InstanceScope.INSTANCE, "org.tradebench.ui.orderentry");
            OrderTicket.Settings d = OrderTicket.Settings.DEFAULTS;
            s.setDefault(CONFIRM_MARKET, true);
            s.setDefault(CONFIRM_KEYS, true);
            s.setDefault(WIDE_SPREAD_BPS, d.wideSpreadBps().toPlainString());
            s.setDefault(THIN_BOOK_LEVELS, d.thinBookLevels());
            s.setDefault(TAKER_FEE_PERCENT, d.takerFeeRate().movePointRight(2).toPlainString());
            s.setDefault(MAKER_FEE_PERCENT, d.makerFeeRate().movePointRight(2).toPlainString());
            s.setDefault(MAINTENANCE_PERCENT, d.maintenanceMarginRate().movePointRight(2).toPlainString());
            s.setDefault(LIQUIDATION_WARN_PERCENT, d.liquidationWarnFraction().movePointRight(2).toPlainString());
            s.setDefault(DEFAULT_QUANTITY, "");
            s.setDefault(DEFAULT_QUANTITIES, "");
            store = s;
        }
        return store;
    }

    /**
     * The settings the form uses now; a value that does not parse falls back to its default.
     *
     * @return the settings
     */
    public static OrderTicket.Settings settings() {
        IPreferenceStore s = store();
        OrderTicket.Settings d = OrderTicket.Settings.DEFAULTS;
        int levels = s.getInt(THIN_BOOK_LEVELS);
        return new OrderTicket.Settings(decimal(s, WIDE_SPREAD_BPS, d.wideSpreadBps(), 0),
                levels > 0 ? levels : d.thinBookLevels(), decimal(s, TAKER_FEE_PERCENT, d.takerFeeRate(), 2),
                decimal(s, MAKER_FEE_PERCENT, d.makerFeeRate(), 2),
                decimal(s, MAINTENANCE_PERCENT, d.maintenanceMarginRate(), 2),
                decimal(s, LIQUIDATION_WARN_PERCENT, d.liquidationWarnFraction(), 2));
    }

    /**
     * The quantities tickets start with, per symbol and global.
     *
     * @return the defaults saved now
     */
    public static DefaultQuantities defaultQuantities() {
        IPreferenceStore s = store();
        return DefaultQuantities.parse(s.getString(DEFAULT_QUANTITIES), s.getString(DEFAULT_QUANTITY));
    }

    /** Whether orders from the trading keys are confirmed first. */
    public static boolean confirmKeyboardOrders() {
        return store().getBoolean(CONFIRM_KEYS);
    }

    /** Whether market orders are confirmed first. */
    public static boolean confirmMarketOrders() {
        return store().getBoolean(CONFIRM_MARKET);
    }

    private static BigDecimal decimal(IPreferenceStore s, String key, BigDecimal dflt, int movePointLeft) {
        try {
            BigDecimal v = new BigDecimal(s.getString(key).strip()).movePointLeft(movePointLeft);
            return v.signum() < 0 ? dflt : v;
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
