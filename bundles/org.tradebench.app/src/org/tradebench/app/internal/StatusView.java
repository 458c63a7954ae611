package org.tradebench.app.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;

/**
 * Placeholder ticker/status view ({@code org.tradebench.app.status}); its content is replaced
 * when the connection status widgets exist.
 */
public final class StatusView extends ViewPart {

    private Label label;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        label = new Label(parent, SWT.NONE);
        label.setText("Status");
        label.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
    }

    @Override
    public void setFocus() {
        label.setFocus();
    }
}
