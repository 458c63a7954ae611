package org.tradebench.ui.connections.internal;

import java.lang.System.Logger.Level;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.menus.WorkbenchWindowControlContribution;
import org.tradebench.ui.connections.ConnectionsView;
import org.tradebench.ui.core.ConnectorTracker;

/**
 * The status bar's connector dots ({@link ConnectionDots}): one per connector, following the
 * connectors that come and go; a click opens the Connections view.
 */
public final class ConnectionDotsContribution extends WorkbenchWindowControlContribution {

    private static final System.Logger LOG = System.getLogger(ConnectionDotsContribution.class.getName());

    private ConnectorTracker tracker;
    private HealthFeed feed;

    /** Creates the contribution (by the workbench). */
    public ConnectionDotsContribution() {
        super("org.tradebench.ui.connections.dots");
    }

    @Override
    protected Control createControl(Composite parent) {
        ConnectionDots dots = new ConnectionDots(parent);
        tracker = ConnectorTracker.open(ConnectionDotsContribution.class);
        feed = new HealthFeed(tracker, dots::changed);
        dots.setFeed(feed);
        dots.onOpen(this::openView);
        dots.addListener(org.eclipse.swt.SWT.Dispose, e -> close());
        return dots;
    }

    private void openView() {
        IWorkbenchWindow window = getWorkbenchWindow();
        if (window == null || window.getActivePage() == null) {
            return;
        }
        try {
            window.getActivePage().showView(ConnectionsView.ID);
        } catch (PartInitException e) {
            LOG.log(Level.WARNING, "the Connections view did not open: " + e.getMessage());
        }
    }

    private void close() {
        if (feed != null) {
            feed.close();
            feed = null;
        }
        if (tracker != null) {
            tracker.close();
            tracker = null;
        }
    }

    @Override
    public void dispose() {
        close();
        super.dispose();
    }
}
