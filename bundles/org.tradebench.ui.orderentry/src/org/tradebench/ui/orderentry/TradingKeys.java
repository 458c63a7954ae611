package org.tradebench.ui.orderentry;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;
import org.eclipse.ui.handlers.HandlerUtil;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.ViewLink;

/**
 * The trading keys (Window &gt; Preferences &gt; General &gt; Keys, category "Tradebench Trading"):
 * focus the order entry (Ctrl+Shift+O), buy at the best ask (Ctrl+Shift+B), sell at the best bid
 * (Ctrl+Shift+S), cancel every order of the instrument (Ctrl+Shift+X), flatten the position
 * (Ctrl+Shift+F) and switch instrument (Ctrl+Shift+I). Orders use the Order Entry view's quantity,
 * go through the order gateway and are confirmed first unless Preferences &gt; Tradebench &gt; Order
 * Entry says otherwise; flattening is always confirmed.
 */
public final class TradingKeys {

    private TradingKeys() {
    }

    private static OrderEntryView orderEntry(ExecutionEvent event, boolean activate) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        IWorkbenchPage page = window.getActivePage();
        if (page == null) {
            throw new ExecutionException("no workbench page is open");
        }
        try {
            return (OrderEntryView) page.showView(OrderEntryView.ID, null,
                    activate ? IWorkbenchPage.VIEW_ACTIVATE : IWorkbenchPage.VIEW_VISIBLE);
        } catch (PartInitException e) {
            throw new ExecutionException("the Order Entry view cannot open: " + e.getMessage(), e);
        }
    }

    /** Ctrl+Shift+O: the Order Entry view, its quantity field focused. */
    public static final class Focus extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) throws ExecutionException {
            orderEntry(event, true).focusQuantity();
            return null;
        }
    }

    /** Ctrl+Shift+B: a limit buy at the best ask for the form's quantity. */
    public static final class BuyAtBest extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) throws ExecutionException {
            orderEntry(event, false).controller().tradeAtBest(Side.BUY, OrderEntryPreferences.confirmKeyboardOrders());
            return null;
        }
    }

    /** Ctrl+Shift+S: a limit sell at the best bid for the form's quantity. */
    public static final class SellAtBest extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) throws ExecutionException {
            orderEntry(event, false).controller().tradeAtBest(Side.SELL, OrderEntryPreferences.confirmKeyboardOrders());
            return null;
        }
    }

    /** Ctrl+Shift+X: cancels every working order of the instrument. */
    public static final class CancelAll extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) throws ExecutionException {
            orderEntry(event, false).controller().cancelAll();
            return null;
        }
    }

    /** Ctrl+Shift+F: closes the position in the instrument (reduce-only market, confirmed). */
    public static final class Flatten extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) throws ExecutionException {
            orderEntry(event, false).controller().flatten();
            return null;
        }
    }

    /** Ctrl+Shift+I: picks an instrument of the running connectors for the link group. */
    public static final class SwitchInstrument extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) throws ExecutionException {
            IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
            List<InstrumentId> ids = new ArrayList<>();
            try (ConnectorTracker t = ConnectorTracker.open(TradingKeys.class)) {
                for (ExchangeConnector c : t.connectors()) {
                    try {
                        for (Instrument i : c.instruments()) {
                            ids.add(i.id());
                        }
                    } catch (RuntimeException goingAway) {
                        // the tracker will not list it next time
                    }
                }
            }
            ElementListSelectionDialog d = new ElementListSelectionDialog(window.getShell(), new LabelProvider() {
                @Override
                public String getText(Object element) {
                    InstrumentId id = (InstrumentId) element;
                    return id.symbol() + "  \u00b7  " + id.exchangeId();
                }
            });
            d.setTitle("Switch instrument");
            InstrumentLinkGroup group = ViewLink.groupOf(HandlerUtil.getActivePart(event));
            d.setMessage("Instrument for the views of the " + group.label() + " link group (type to filter):");
            d.setElements(ids.toArray());
            d.setMultipleSelection(false);
            if (d.open() == ElementListSelectionDialog.OK && d.getFirstResult() instanceof InstrumentId id) {
                group.select(id);
            }
            return null;
        }
    }
}
