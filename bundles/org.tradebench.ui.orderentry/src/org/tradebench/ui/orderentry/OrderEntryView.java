package org.tradebench.ui.orderentry;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.GatewayTracker;
import org.tradebench.ui.core.ViewLink;
import org.tradebench.ui.orderentry.internal.OrderEntryController;
import org.tradebench.ui.orderentry.internal.OrderEntryPanel;

/**
 * The Order Entry view: a ticket for the link group's instrument on its exchange, sent through the
 * order gateway (see {@link OrderEntryController}).
 */
public final class OrderEntryView extends ViewPart {

    /** The view id: {@value}. */
    public static final String ID = "org.tradebench.ui.orderentry.view";

    private ViewLink link;
    private ConnectorTracker connectors;
    private GatewayTracker gateways;
    private OrderEntryController controller;
    private OrderEntryPanel panel;

    /** Created by the workbench. */
    public OrderEntryView() {
    }

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
        panel = new OrderEntryPanel(parent, SWT.NONE);
        connectors = ConnectorTracker.open(OrderEntryView.class);
        gateways = GatewayTracker.open(OrderEntryView.class);
        controller = new OrderEntryController(panel, connectors, gateways, link.member(),
                OrderEntryPreferences::settings, OrderEntryPreferences::confirmMarketOrders,
                text -> MessageDialog.openConfirm(panel.getShell(), "Send market order", text));
        link.install(getViewSite(), this::setTitleImage);
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
        if (link != null) {
            link.close();
        }
        super.dispose();
    }
}
