package org.tradebench.ui.core.internal;

import org.eclipse.e4.ui.css.swt.theme.IThemeEngine;
import org.eclipse.ui.PlatformUI;

/**
 * Turns the workbench chrome (tabs, toolbars, trees and tables of every part) to the e4 dark or default
 * CSS theme. The engine saves the choice itself and applies it at the next start, so the chrome and
 * {@link org.tradebench.ui.core.widgets.Palette} agree after a restart. Display thread.
 */
public final class WorkbenchTheme {

    /** The e4 dark theme: {@value}. */
    public static final String E4_DARK = "org.eclipse.e4.ui.css.theme.e4_dark";
    /** The e4 light theme, the product's default: {@value}. */
    public static final String E4_DEFAULT = "org.eclipse.e4.ui.css.theme.e4_default";

    private WorkbenchTheme() {
    }

    /**
     * {@link #apply} on the workbench's display thread (now when called on it), then {@code then};
     * without a workbench only {@code then}.
     *
     * @param dark true for the dark theme
     * @param then what follows the switch (the palette's), on the same thread
     */
    public static void applyThen(boolean dark, Runnable then) {
        org.eclipse.swt.widgets.Display display = null;
        try {
            display = PlatformUI.isWorkbenchRunning() ? PlatformUI.getWorkbench().getDisplay() : null;
        } catch (IllegalStateException closing) {
            display = null;
        }
        if (display == null || display.isDisposed()) {
            then.run();
        } else if (display.getThread() == Thread.currentThread()) {
            apply(dark);
            then.run();
        } else {
            display.asyncExec(() -> {
                apply(dark);
                then.run();
            });
        }
    }

    /**
     * Applies the theme to the running workbench; nothing without one (tests) or without the theme
     * engine.
     *
     * @param dark true for the dark theme
     * @return what happened, for people
     */
    public static String apply(boolean dark) {
        try {
            if (!PlatformUI.isWorkbenchRunning()) {
                return "no workbench running";
            }
            IThemeEngine engine = PlatformUI.getWorkbench().getService(IThemeEngine.class);
            if (engine == null) {
                return "the workbench has no CSS theme engine";
            }
            String id = dark ? E4_DARK : E4_DEFAULT;
            if (engine.getActiveTheme() == null || !id.equals(engine.getActiveTheme().getId())) {
                engine.setTheme(id, true);
            }
            return "workbench theme " + id;
        } catch (NoClassDefFoundError | IllegalStateException e) {
            return "the workbench theme is not available: " + e;
        }
    }
}
