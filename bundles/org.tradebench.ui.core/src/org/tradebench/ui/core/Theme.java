package org.tradebench.ui.core;

import org.tradebench.ui.core.internal.ThemePreference;
import org.tradebench.ui.core.internal.WorkbenchTheme;
import org.tradebench.ui.core.widgets.Palette;

/**
 * The trader's theme choice (Window &gt; Preferences &gt; Tradebench &gt; Theme), saved in the preferences
 * and applied at the next start: the workbench chrome through the e4 CSS theme engine, the views' own
 * colours through {@link Palette}.
 *
 * <pre>{@code
 * Theme.choose(Theme.DARK);              // saved; Palette.current() is Palette.DARK, listeners repaint
 * boolean dark = Theme.chosen() == Theme.DARK;
 * }</pre>
 *
 * <p>Any thread; the workbench is switched on its display thread.
 *
 * @since 0.3
 */
public enum Theme {
    /** Light: the platform's colours ({@code e4_default}), {@link Palette#LIGHT}. */
    LIGHT,
    /** Dark: the e4 dark theme, {@link Palette#DARK}. */
    DARK;

    /**
     * The theme chosen (light unless the trader chose dark).
     *
     * @return the theme
     */
    public static Theme chosen() {
        return ThemePreference.isDark() ? DARK : LIGHT;
    }

    /**
     * Chooses a theme: saves it, switches {@link Palette#current()} (its listeners repaint on their
     * display threads) and the running workbench's CSS theme.
     *
     * @param theme the theme
     */
    public static void choose(Theme theme) {
        Palette.current(); // the palette follows the preference from now on
        boolean dark = theme == DARK;
        // the workbench's CSS theme first: it restyles every widget, then the palette's listeners
        // recolour the views on top of it (a light view must not keep the dark CSS text colours)
        WorkbenchTheme.applyThen(dark, () -> ThemePreference.set(dark));
    }

    /**
     * Applies the saved choice to the running workbench's CSS theme, for the application at startup:
     * the theme engine normally restores it itself; this keeps the chrome and {@link Palette} in line
     * when its record was lost or the product's default theme differs. Display thread.
     */
    public static void applyToWorkbench() {
        WorkbenchTheme.apply(chosen() == DARK);
    }

    /**
     * This theme's palette.
     *
     * @return {@link Palette#LIGHT} or {@link Palette#DARK}
     */
    public Palette palette() {
        return this == DARK ? Palette.DARK : Palette.LIGHT;
    }
}
