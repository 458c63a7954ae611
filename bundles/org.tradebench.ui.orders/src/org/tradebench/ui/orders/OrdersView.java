package org.tradebench.ui.orders;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.GatewayTracker;
import org.tradebench.ui.orders.internal.OrdersBinding;
import org.tradebench.ui.orders.internal.OrdersPanel;

/**
 * The Orders view: open orders of every trading account of every connector, each entry with its
 * exits (exchange or local), history and fills; cancel one, cancel all, amend price or quantity in
 * place, all through the order gateway; a notice bar listing what changed during a reconnect. Each
 * account's health is shown; a stale account's orders are marked as last known.
 *
 * <p>Open it programmatically with {@code page.showView(OrdersView.ID)}.
 */
public final class OrdersView extends ViewPart {

    /** The view id: {@value}. */
    public static final String ID = "org.tradebench.ui.orders.view";

    private ConnectorTracker connectors;
    private GatewayTracker gateways;
    private OrdersBinding binding;
    private OrdersPanel panel;

    @Override
    public void createPartControl(Composite parent) {
        panel = new OrdersPanel(parent, SWT.NONE);
        connectors = ConnectorTracker.open(OrdersView.class);
        gateways = GatewayTracker.open(OrdersView.class);
        binding = new OrdersBinding(panel, connectors, gateways);
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
