package org.tradebench.app.internal;

import org.eclipse.core.commands.common.NotDefinedException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.part.ViewPart;

/**
 * The Trading perspective's fallback ({@code org.tradebench.app.status}), shown where the Market
 * Status view is not installed: in a workbench of the platform alone it says how to install the
 * views and links to Help &gt; Install Exchanges and Views.
 */
public final class StatusView extends ViewPart {

    /** The command of Help &gt; Install Exchanges and Views (org.tradebench.ui.install). */
    static final String INSTALL_COMMAND = "org.tradebench.ui.install.open";

    private Label label;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        label = new Label(parent, SWT.WRAP);
        label.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Link install = new Link(parent, SWT.WRAP);
        install.setText("The trading views (order book, chart, order entry, orders, positions, ...) are not"
                + " installed. <a>Install Exchanges and Views...</a> (Help menu) installs them from an update site;"
                + " they appear after the restart it offers.");
        install.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        install.addListener(SWT.Selection, e -> {
            IHandlerService handlers = getSite().getService(IHandlerService.class);
            try {
                handlers.executeCommand(INSTALL_COMMAND, null);
            } catch (NotDefinedException | RuntimeException | org.eclipse.core.commands.ExecutionException
                    | org.eclipse.core.commands.NotEnabledException | org.eclipse.core.commands.NotHandledException ex) {
                label.setText("Install Exchanges and Views is not available: " + ex.getMessage());
            }
        });
    }

    @Override
    public void setFocus() {
        label.setFocus();
    }
}
