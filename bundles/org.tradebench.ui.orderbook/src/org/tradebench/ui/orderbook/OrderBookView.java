package org.tradebench.ui.orderbook;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.ViewLink;
import org.tradebench.ui.orderbook.internal.OrderBookBinding;
import org.tradebench.ui.orderbook.internal.OrderBookPanel;

/**
 * The Order Book view: a depth-of-market ladder of 25 levels per side for the instrument of the
 * default link group (BTC/USD on the default connector when nothing is linked), with connection
 * health and the time of the last update. It follows connectors as they come and go and
 * remembers its instrument across restarts.
 *
 * <p>Open it programmatically with {@code page.showView(OrderBookView.ID)}. Several may be open at
 * once (a secondary id each; the view menu's New Order Book opens one, unlinked), each in the link
 * group chosen with its colour button.
 */
public final class OrderBookView extends ViewPart {

    /** The view id: {@value}. */
    public static final String ID = "org.tradebench.ui.orderbook.view";

    private static final String MEMENTO_INSTRUMENT = "instrument";
    private static final String MEMENTO_GROUPING = "grouping";
    private static final String MEMENTO_FLASH = "flash";
    private static final String MEMENTO_DEPTH = "depth";

    private ViewLink link;
    private InstrumentId restored;
    private String restoredGrouping;
    private boolean restoredFlash = true;
    private boolean restoredDepth;
    private org.tradebench.ui.core.GatewayTracker gateways;
    private org.tradebench.ui.core.Registration oneClickRegistration;
    private ConnectorTracker tracker;
    private OrderBookBinding binding;
    private OrderBookPanel panel;

    @Override
    public void init(IViewSite site, IMemento memento) throws PartInitException {
        super.init(site, memento);
        link = ViewLink.restore(memento);
        restoredGrouping = memento == null ? null : memento.getString(MEMENTO_GROUPING);
        Boolean flash = memento == null ? null : memento.getBoolean(MEMENTO_FLASH);
        restoredFlash = flash == null || flash;
        Boolean depth = memento == null ? null : memento.getBoolean(MEMENTO_DEPTH);
        restoredDepth = depth != null && depth;
        String text = memento == null ? null : memento.getString(MEMENTO_INSTRUMENT);
        if (text != null) {
            try {
                restored = InstrumentId.parse(text);
            } catch (IllegalArgumentException stale) {
                restored = null; // saved by an older version; start with the default
            }
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        panel = new OrderBookPanel(parent, SWT.NONE);
        tracker = ConnectorTracker.open(OrderBookView.class);
        binding = new OrderBookBinding(panel, tracker, link.member(), restored);
        link.install(getViewSite(), this::setTitleImage);
        org.eclipse.jface.action.IMenuManager menu = getViewSite().getActionBars().getMenuManager();
        menu.add(new Action("New Order Book") {
            @Override
            public void run() {
                openAnother();
            }
        });
        // the price groupings the shown book offers, read when the menu opens
        org.eclipse.jface.action.MenuManager groupingMenu = new org.eclipse.jface.action.MenuManager("Group Prices By");
        groupingMenu.setRemoveAllWhenShown(true);
        groupingMenu.addMenuListener(m -> {
            for (org.tradebench.api.market.BookGrouping g : binding.groupings()) {
                Action a = new Action(g.describe().equals("none") ? "No grouping" : g.describe(), Action.AS_RADIO_BUTTON) {
                    @Override
                    public void run() {
                        if (isChecked()) {
                            binding.group(g);
                        }
                    }
                };
                a.setChecked(g.equals(binding.grouping()));
                m.add(a);
            }
        });
        groupingMenu.add(new org.eclipse.jface.action.Separator()); // keeps the menu non-empty until it opens
        menu.add(groupingMenu);
        binding.restoreGrouping(restoredGrouping);

        Action flash = new Action("Flash Size Changes", Action.AS_CHECK_BOX) {
            @Override
            public void run() {
                panel.ladder().setFlashing(isChecked());
            }
        };
        flash.setChecked(restoredFlash);
        panel.ladder().setFlashing(restoredFlash);
        menu.add(flash);
        panel.showDepth(restoredDepth);

        // one-click trading: off unless turned on in the preferences; the header says when it is on
        gateways = org.tradebench.ui.core.GatewayTracker.open(OrderBookView.class);
        binding.useOneClick(new org.tradebench.ui.orderbook.internal.OneClick(panel, gateways,
                org.tradebench.ui.core.TradingPreferences::oneClickTrading,
                org.tradebench.ui.core.TradingPreferences::defaultQuantity));
        panel.setOneClick(org.tradebench.ui.core.TradingPreferences.oneClickTrading());
        oneClickRegistration = org.tradebench.ui.core.TradingPreferences.onOneClickChange(on -> {
            if (!panel.isDisposed()) {
                panel.getDisplay().asyncExec(() -> {
                    if (!panel.isDisposed()) {
                        panel.setOneClick(on);
                    }
                });
            }
        });
    }

    /**
     * Opens another order book beside this one (unlinked, so that it can show another exchange or
     * instrument; the user gives it a colour to link it).
     *
     * @return the new view, or null when the workbench refused to open it
     */
    public OrderBookView openAnother() {
        String secondary = "book-" + Long.toString(System.nanoTime(), 36);
        try {
            OrderBookView other = (OrderBookView) getSite().getPage().showView(ID, secondary,
                    IWorkbenchPage.VIEW_ACTIVATE);
            other.link.join(org.tradebench.ui.core.InstrumentLinkGroup.unlinked());
            return other;
        } catch (PartInitException e) {
            ErrorDialog.openError(getSite().getShell(), "New Order Book", "The order book could not be opened.",
                    e.getStatus());
            return null;
        }
    }

    /**
     * The instrument the view shows.
     *
     * @return the instrument, or empty before the binding chose one
     */
    public java.util.Optional<InstrumentId> shown() {
        return binding == null ? java.util.Optional.empty() : binding.shown();
    }

    /**
     * The binding, for tests.
     *
     * @return the binding
     */
    public OrderBookBinding binding() {
        return binding;
    }

    /**
     * The view's link to its group, for tests.
     *
     * @return the link
     */
    public ViewLink link() {
        return link;
    }

    @Override
    public void setFocus() {
        panel.setFocus();
    }

    @Override
    public void saveState(IMemento memento) {
        super.saveState(memento);
        link.saveState(memento);
        if (binding != null) {
            binding.shown().ifPresent(id -> memento.putString(MEMENTO_INSTRUMENT, id.toString()));
            memento.putString(MEMENTO_GROUPING, binding.grouping().describe());
        }
        if (panel != null && !panel.isDisposed()) {
            memento.putBoolean(MEMENTO_FLASH, panel.ladder().isFlashing());
            memento.putBoolean(MEMENTO_DEPTH, panel.depthShown());
        }
    }

    @Override
    public void dispose() {
        if (oneClickRegistration != null) {
            oneClickRegistration.close();
        }
        if (binding != null) {
            binding.close();
        }
        if (gateways != null) {
            gateways.close();
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
