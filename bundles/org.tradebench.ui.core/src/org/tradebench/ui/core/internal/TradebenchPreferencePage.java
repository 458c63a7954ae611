package org.tradebench.ui.core.internal;

import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

/**
 * The "Tradebench" preference node ({@link org.tradebench.ui.core.PreferenceCategory}): a short
 * text; the settings live in the pages below it.
 */
public final class TradebenchPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    @Override
    public void init(IWorkbench workbench) {
        noDefaultAndApplyButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        body.setLayout(new GridLayout(1, false));
        Label text = new Label(body, SWT.WRAP);
        text.setText("Settings of the Tradebench workbench. Expand this node to choose a page,"
                + " for example Exchange Accounts for your exchange API keys.");
        GridData data = new GridData(SWT.FILL, SWT.TOP, true, false);
        data.widthHint = 400;
        text.setLayoutData(data);
        return body;
    }
}
