package org.tradebench.ui.orderentry;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.GatewayTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.orderentry.internal.OrderEntryController;
import org.tradebench.ui.orderentry.internal.OrderEntryPanel;

/**
 * The Order Entry view: a ticket for the link group's instrument on its exchange, sent through the
 * order gateway (see {@link OrderEntryController}).
 */
public final class OrderEntryView extends ViewPart {

    /** The view id: {@value}. */
    public static final String ID = "org.tradebench.ui.orderentry.view";

    private ConnectorTracker connectors;
    private GatewayTracker gateways;
    private OrderEntryController controller;
    private OrderEntryPanel panel;

    /** Created by the workbench. */
    public OrderEntryView() {
    }

    @Override
    public void createPartControl(Composite parent) {
        panel = new OrderEntryPanel(parent, SWT.NONE);
        connectors = ConnectorTracker.open(OrderEntryView.class);
        gateways = GatewayTracker.open(OrderEntryView.class);
        controller = new OrderEntryController(panel, connectors, gateways, InstrumentLinkGroup.DEFAULT,
                OrderEntryPreferences::settings, OrderEntryPreferences::confirmMarketOrders,
                text -> MessageDialog.openConfirm(panel.getShell(), "Send market order", text));
        controller.useDefaultQuantities(symbol -> OrderEntryPreferences.defaultQuantities().forSymbol(symbol));
    }

    /**
     * The controller (keyboard commands).
     *
     * @return the controller
     */
    public OrderEntryController controller() {
        return controller;
    }

    /** Puts the keyboard focus on the quantity. */
    public void focusQuantity() {
        if (panel != null && !panel.isDisposed()) {
            panel.focusQuantity();
        }
    }

    @Override
    public void setFocus() {
        if (panel != null && !panel.isDisposed()) {
            panel.setFocus();
        }
    }

    @Override
    public void dispose() {
        if (controller != null) {
            controller.close();
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
