package org.tradebench.ui.core.internal;

import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.tradebench.ui.core.Theme;

/**
 * The "Tradebench" preference node ({@link org.tradebench.ui.core.PreferenceCategory}): the theme
 * (light or dark: the workbench chrome through the e4 theme engine, the views' own colours through
 * {@link org.tradebench.ui.core.widgets.Palette}) and one-click trading
 * ({@link org.tradebench.ui.core.TradingPreferences}); the other settings live in the pages below it.
 */
public final class TradebenchPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    private Button light;
    private Button dark;
    private Button oneClick;

    @Override
    public void init(IWorkbench workbench) {
        // the theme is kept by ThemePreference, not in a preference store of this page
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        body.setLayout(layout);
        Label text = new Label(body, SWT.WRAP);
        text.setText("Settings of the Tradebench workbench. Expand this node to choose a page,"
                + " for example Exchange Accounts for your exchange API keys.");
        GridData data = new GridData(SWT.FILL, SWT.TOP, true, false);
        data.widthHint = 400;
        text.setLayoutData(data);

        Group theme = new Group(body, SWT.NONE);
        theme.setText("Theme");
        theme.setLayout(new GridLayout(2, false));
        theme.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        light = new Button(theme, SWT.RADIO);
        light.setText("&Light");
        dark = new Button(theme, SWT.RADIO);
        dark.setText("&Dark");
        show(ThemePreference.isDark());

        Group trading = new Group(body, SWT.NONE);
        trading.setText("Trading");
        trading.setLayout(new GridLayout(1, false));
        trading.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        oneClick = new Button(trading, SWT.CHECK);
        oneClick.setText("&One-click trading in the order book");
        oneClick.setSelection(org.tradebench.ui.core.TradingPreferences.oneClickTrading());
        Label explain = new Label(trading, SWT.WRAP);
        explain.setText("When on, a click on a bid places a buy limit order at that price and a click on an ask"
                + " a sell limit order, at once and without confirmation, for the default quantity of the"
                + " instrument (Order Entry page), through the order gateway and its risk limits. Off by default;"
                + " the order book says \"One-click ON\" while it is on.");
        GridData explainData = new GridData(SWT.FILL, SWT.TOP, true, false);
        explainData.widthHint = 400;
        explain.setLayoutData(explainData);
        return body;
    }

    private void show(boolean isDark) {
        dark.setSelection(isDark);
        light.setSelection(!isDark);
    }

    @Override
    protected void performDefaults() {
        show(false);
        oneClick.setSelection(false);
        super.performDefaults();
    }

    @Override
    public boolean performOk() {
        if (oneClick.getSelection() != org.tradebench.ui.core.TradingPreferences.oneClickTrading()) {
            org.tradebench.ui.core.TradingPreferences.setOneClickTrading(oneClick.getSelection());
        }
        Theme chosen = dark.getSelection() ? Theme.DARK : Theme.LIGHT;
        if (chosen == Theme.chosen()) {
            return true;
        }
        Theme.choose(chosen);
        // the platform's CSS engine does not undo every colour of the previous theme in place
        if (org.eclipse.ui.PlatformUI.isWorkbenchRunning() && org.eclipse.jface.dialogs.MessageDialog.openQuestion(
                getShell(), "Theme", "The Tradebench views use the " + chosen.name().toLowerCase(java.util.Locale.ROOT)
                        + " theme now; some parts of the window take it fully only after a restart. Restart now?")) {
            org.eclipse.swt.widgets.Display d = getShell().getDisplay();
            d.asyncExec(() -> org.eclipse.ui.PlatformUI.getWorkbench().restart());
        }
        return true;
    }
}
