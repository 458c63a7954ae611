package org.tradebench.ui.connections;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;
import org.tradebench.ui.connections.internal.ConnectionsPanel;
import org.tradebench.ui.connections.internal.HealthFeed;
import org.tradebench.ui.core.ConnectorTracker;

/**
 * The Connections view: every connector with each session's state (market data, order entry,
 * account stream), cause, latency, message rate, data source, reconnects and errors, and the
 * selected connector's switches (connect, disconnect, WebSocket or REST). Connectors started or
 * stopped at runtime appear and vanish without a restart.
 *
 * <p>Open it programmatically with {@code page.showView(ConnectionsView.ID)}.
 */
public final class ConnectionsView extends ViewPart {

    /** The view id: {@value}. */
    public static final String ID = "org.tradebench.ui.connections.view";

    private ConnectorTracker tracker;
    private HealthFeed feed;
    private ConnectionsPanel panel;

    @Override
    public void createPartControl(Composite parent) {
        panel = new ConnectionsPanel(parent, SWT.NONE);
        tracker = ConnectorTracker.open(ConnectionsView.class);
        feed = new HealthFeed(tracker, panel::changed);
        panel.setFeed(feed);
    }

    /**
     * The view's content (tests and diagnostics).
     *
     * @return the panel
     */
    public ConnectionsPanel panel() {
        return panel;
    }

    @Override
    public void setFocus() {
        panel.setFocus();
    }

    @Override
    public void dispose() {
        if (feed != null) {
            feed.close();
        }
        if (tracker != null) {
            tracker.close();
        }
        super.dispose();
    }
}
