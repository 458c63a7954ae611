package org.tradebench.ui.core;

/**
 * The Show View category of Tradebench views, declared by this bundle's {@code plugin.xml}.
 *
 * <p>A view contributed from another bundle joins it in its own {@code plugin.xml}:
 *
 * <pre>{@code
 * <extension point="org.eclipse.ui.views">
 *    <view id="com.example.tradebench.spreadview" name="Spread" restorable="true"
 *          category="org.tradebench.ui.category"
 *          class="com.example.tradebench.SpreadView"/>
 * </extension>
 * }</pre>
 */
public final class ViewCategory {

    /** The category id: {@value}. */
    public static final String ID = "org.tradebench.ui.category";

    private ViewCategory() {
    }
}
