package org.tradebench.ui.status;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.status.internal.MarketStatusBinding;
import org.tradebench.ui.status.internal.MarketStatusPanel;

/**
 * The Market Status view: the default connector's name and health, and a ticker row for each of
 * its instruments. Double-click a row to show that instrument in the linked views.
 *
 * <p>Open it programmatically with {@code page.showView(MarketStatusView.ID)}.
 */
public final class MarketStatusView extends ViewPart {

    /** The view id: {@value}. */
    public static final String ID = "org.tradebench.ui.status.view";

    private ConnectorTracker tracker;
    private MarketStatusBinding binding;
    private MarketStatusPanel panel;

    @Override
    public void createPartControl(Composite parent) {
        panel = new MarketStatusPanel(parent, SWT.NONE);
        tracker = ConnectorTracker.open(MarketStatusView.class);
        binding = new MarketStatusBinding(panel, tracker, InstrumentLinkGroup.DEFAULT);
    }

    @Override
    public void setFocus() {
        panel.setFocus();
    }

    @Override
    public void dispose() {
        if (binding != null) {
            binding.close();
        }
        if (tracker != null) {
            tracker.close();
        }
        super.dispose();
    }
}
