package org.tradebench.ui.positions;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.GatewayTracker;
import org.tradebench.ui.positions.internal.PositionsBinding;
import org.tradebench.ui.positions.internal.PositionsPanel;

/**
 * The Positions view: the open positions of every trading account of every connector with entry,
 * live mark, unrealised P&amp;L (recomputed from the live mark when the connector's is older),
 * leverage, margin and liquidation price with a proximity warning; Close and Reduce send
 * reduce-only market orders through the order gateway after confirmation. Remembers the warning
 * threshold across restarts.
 *
 * <p>Open it programmatically with {@code page.showView(PositionsView.ID)}.
 */
public final class PositionsView extends ViewPart {

    /** The view id: {@value}. */
    public static final String ID = "org.tradebench.ui.positions.view";

    private static final String MEMENTO_WARN = "warnWithinPercent";

    private Integer restoredWarn;
    private ConnectorTracker connectors;
    private GatewayTracker gateways;
    private PositionsBinding binding;
    private PositionsPanel panel;

    @Override
    public void init(IViewSite site, IMemento memento) throws PartInitException {
        super.init(site, memento);
        restoredWarn = memento == null ? null : memento.getInteger(MEMENTO_WARN);
    }

    @Override
    public void createPartControl(Composite parent) {
        panel = new PositionsPanel(parent, SWT.NONE);
        if (restoredWarn != null) {
            panel.setWarnWithin(restoredWarn);
        }
        connectors = ConnectorTracker.open(PositionsView.class);
        gateways = GatewayTracker.open(PositionsView.class);
        binding = new PositionsBinding(panel, connectors, gateways);
    }

    @Override
    public void saveState(IMemento memento) {
        super.saveState(memento);
        if (panel != null && !panel.isDisposed()) {
            memento.putInteger(MEMENTO_WARN, panel.warnWithin().movePointRight(2).intValue());
        }
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
        if (gateways != null) {
            gateways.close();
        }
        if (connectors != null) {
            connectors.close();
        }
        super.dispose();
    }
}
