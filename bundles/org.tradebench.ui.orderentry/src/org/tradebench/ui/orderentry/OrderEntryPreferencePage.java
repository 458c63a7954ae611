package org.tradebench.ui.orderentry;

import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.tradebench.ui.core.DefaultQuantities;
import org.tradebench.ui.orderentry.internal.DefaultQuantitiesEditor;

/**
 * Window &gt; Preferences &gt; Tradebench &gt; Order Entry: confirmation of market orders, default
 * quantities (global and per symbol), the warning
 * thresholds and the fee and margin rates the estimates assume.
 */
public final class OrderEntryPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    /** The page id: {@value}. */
    public static final String ID = "org.tradebench.ui.orderentry.preferences";

    /** Created by the workbench. */
    public OrderEntryPreferencePage() {
        super(GRID);
        setDescription("How the order entry form checks an order before it is sent. Fees and the maintenance"
                + " margin are assumptions for the estimates: exchanges do not report your own rates.");
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(OrderEntryPreferences.store());
    }

    @Override
    protected void createFieldEditors() {
        addField(new BooleanFieldEditor(OrderEntryPreferences.CONFIRM_MARKET, "&Confirm market orders before sending",
                getFieldEditorParent()));
        addField(new BooleanFieldEditor(OrderEntryPreferences.CONFIRM_KEYS,
                "Confirm orders from the trading &keys (buy/sell at best)", getFieldEditorParent()));
        addField(new StringFieldEditor(OrderEntryPreferences.DEFAULT_QUANTITY, "Default &quantity (other symbols):",
                getFieldEditorParent()) {
            @Override
            protected boolean doCheckState() {
                String t = getStringValue();
                java.util.Optional<String> bad = t.isBlank() ? java.util.Optional.empty() : DefaultQuantities.check(t);
                setErrorMessage("Default quantity: " + bad.orElse(""));
                return bad.isEmpty();
            }
        });
        addField(new DefaultQuantitiesEditor(OrderEntryPreferences.DEFAULT_QUANTITIES,
                "Default quantity per symbol (the ticket starts with it when the instrument changes):",
                getFieldEditorParent()));
        addField(new StringFieldEditor(OrderEntryPreferences.WIDE_SPREAD_BPS, "Warn when the spread exceeds (bps):",
                getFieldEditorParent()));
        IntegerFieldEditor levels = new IntegerFieldEditor(OrderEntryPreferences.THIN_BOOK_LEVELS,
                "Warn when an order would take more levels than:", getFieldEditorParent());
        levels.setValidRange(1, 1000);
        addField(levels);
        addField(new StringFieldEditor(OrderEntryPreferences.TAKER_FEE_PERCENT, "Taker fee (%):", getFieldEditorParent()));
        addField(new StringFieldEditor(OrderEntryPreferences.MAKER_FEE_PERCENT, "Maker fee (%):", getFieldEditorParent()));
        addField(new StringFieldEditor(OrderEntryPreferences.MAINTENANCE_PERCENT, "Maintenance margin (%):",
                getFieldEditorParent()));
        addField(new StringFieldEditor(OrderEntryPreferences.LIQUIDATION_WARN_PERCENT,
                "Warn when liquidation is closer than (% of the price):", getFieldEditorParent()));
    }
}
