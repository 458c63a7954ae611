package org.tradebench.ui.status;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.ViewLink;
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

    private ViewLink link;
    private ConnectorTracker tracker;
    private MarketStatusBinding binding;
    private MarketStatusPanel panel;

    @Override
    public void init(IViewSite site, IMemento memento) throws PartInitException {
        super.init(site, memento);
        link = ViewLink.restore(memento);
    }

    @Override
    public void saveState(IMemento memento) {
        super.saveState(memento);
        link.saveState(memento);
    }

    @Override
    public void createPartControl(Composite parent) {
        panel = new MarketStatusPanel(parent, SWT.NONE);
        tracker = ConnectorTracker.open(MarketStatusView.class);
        binding = new MarketStatusBinding(panel, tracker, link.member());
        link.install(getViewSite(), this::setTitleImage);
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
        if (link != null) {
            link.close();
        }
        super.dispose();
    }
}
