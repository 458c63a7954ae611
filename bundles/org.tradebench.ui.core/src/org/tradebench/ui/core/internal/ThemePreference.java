package org.tradebench.ui.core.internal;

import java.util.function.Consumer;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

/**
 * The Theme preference (light or dark), kept in this bundle's instance scope so it survives restarts;
 * {@link org.tradebench.ui.core.widgets.Palette#current()} follows it, and {@link WorkbenchTheme} turns
 * the workbench chrome with it. Any thread.
 */
public final class ThemePreference {

    /** The preference key: {@value}. */
    public static final String KEY = "theme";
    /** The value of the dark theme: {@value}. */
    public static final String DARK = "dark";
    /** The value of the light theme (the default): {@value}. */
    public static final String LIGHT = "light";

    private static final String NODE = "org.tradebench.ui.core";

    private ThemePreference() {
    }

    private static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    /**
     * Whether the dark theme is chosen.
     *
     * @return true for dark
     */
    public static boolean isDark() {
        return DARK.equals(node().get(KEY, LIGHT));
    }

    /**
     * Chooses the theme and saves the choice.
     *
     * @param dark true for dark, false for light
     */
    public static void set(boolean dark) {
        IEclipsePreferences n = node();
        n.put(KEY, dark ? DARK : LIGHT);
        try {
            n.flush();
        } catch (BackingStoreException e) {
            // kept for this session; the next start shows the theme saved before
        }
    }

    /**
     * Tells {@code listener} each time the choice changes.
     *
     * @param listener receives true for dark, on the thread that changed the preference
     */
    public static void onChange(Consumer<Boolean> listener) {
        node().addPreferenceChangeListener(e -> {
            if (KEY.equals(e.getKey())) {
                listener.accept(DARK.equals(e.getNewValue()));
            }
        });
    }
}
