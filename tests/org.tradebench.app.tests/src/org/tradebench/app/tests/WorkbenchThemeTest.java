package org.tradebench.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tradebench.app.tests.Ui.activePage;
import static org.tradebench.app.tests.Ui.activeShell;
import static org.tradebench.app.tests.Ui.find;
import static org.tradebench.app.tests.Ui.onUi;
import static org.tradebench.app.tests.Ui.screenshot;
import static org.tradebench.app.tests.Ui.waitFor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;
import org.tradebench.ui.core.Theme;
import org.tradebench.ui.core.widgets.Palette;

/** The theme switch in the real workbench: the chrome's CSS theme and the views' palette. */
class WorkbenchThemeTest {

    @Test
    void theDarkThemeTurnsTheWorkbenchAndTheViewsDark() throws Exception {
        waitFor("the Trading perspective", () -> activePage() == null ? null : activePage().getPerspective());
        try {
            Theme.choose(Theme.DARK);
            // the views' tables: dark whether the CSS theme or the palette coloured them
            String table = waitFor("dark tables in the views", () -> {
                List<String> light = new ArrayList<>();
                for (Table t : find(activeShell(), Table.class)) {
                    org.eclipse.swt.graphics.RGB bg = t.getBackground().getRGB();
                    if (t.isVisible() && bg.red + bg.green + bg.blue > 3 * 90) {
                        light.add(t.getParent().getClass().getSimpleName() + " " + bg);
                    }
                }
                return light.isEmpty() ? "all dark" : null;
            });
            // the CSS theme does not take the order entry's bid colour back to the light one
            String bid = waitFor("the order entry's bid in the dark palette's green", () -> {
                for (org.eclipse.swt.widgets.Label l : find(activeShell(), org.eclipse.swt.widgets.Label.class)) {
                    if (l.getText().startsWith("Bid ") && l.isVisible()
                            && l.getForeground().getRGB().equals(Palette.DARK.bid().getRGB())) {
                        return l.getText();
                    }
                }
                return null;
            });
            Thread.sleep(1500);
            screenshot("workbench-dark.png");
            String engine = onUi(() -> {
                org.eclipse.e4.ui.css.swt.theme.IThemeEngine e = org.eclipse.ui.PlatformUI.getWorkbench()
                        .getService(org.eclipse.e4.ui.css.swt.theme.IThemeEngine.class);
                return e == null || e.getActiveTheme() == null ? "none" : e.getActiveTheme().getId();
            });
            assertEquals("org.eclipse.e4.ui.css.theme.e4_dark", engine, table + " " + bid);
            assertEquals(Palette.DARK, Palette.current());
        } finally {
            Theme.choose(Theme.LIGHT);
            Thread.sleep(1500);
            screenshot("workbench-light-again.png");
        }
    }
}
