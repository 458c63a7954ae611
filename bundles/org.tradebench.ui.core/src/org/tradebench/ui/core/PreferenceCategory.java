package org.tradebench.ui.core;

/**
 * The "Tradebench" node of Window &gt; Preferences, declared by this bundle's {@code plugin.xml}.
 *
 * <p>A preference page contributed from another bundle goes under it in its own {@code plugin.xml}:
 *
 * <pre>{@code
 * <extension point="org.eclipse.ui.preferencePages">
 *    <page id="com.example.tradebench.alerts" name="Price Alerts"
 *          category="org.tradebench.ui.preferences"
 *          class="com.example.tradebench.AlertsPreferencePage"/>
 * </extension>
 * }</pre>
 */
public final class PreferenceCategory {

    /** The id of the Tradebench preference page, the category of the others: {@value}. */
    public static final String ID = "org.tradebench.ui.preferences";

    private PreferenceCategory() {
    }
}
