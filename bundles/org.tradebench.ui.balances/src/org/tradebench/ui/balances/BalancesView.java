package org.tradebench.ui.balances;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.tradebench.ui.balances.internal.BalancesBinding;
import org.tradebench.ui.balances.internal.BalancesPanel;
import org.tradebench.ui.core.ConnectorTracker;

/**
 * The Balances view: per exchange, account and wallet the total, available and in-orders amount of
 * each currency, valued in a chosen quote currency at live prices, with the portfolio total,
 * unrealised and realised P&amp;L and fees where the exchange gives them, and each account's
 * health. Remembers the quote currency across restarts.
 *
 * <p>Open it programmatically with {@code page.showView(BalancesView.ID)}.
 */
public final class BalancesView extends ViewPart {

    /** The view id: {@value}. */
    public static final String ID = "org.tradebench.ui.balances.view";

    private static final String MEMENTO_QUOTE = "quote";

    private String restoredQuote;
    private ConnectorTracker connectors;
    private BalancesBinding binding;
    private BalancesPanel panel;

    @Override
    public void init(IViewSite site, IMemento memento) throws PartInitException {
        super.init(site, memento);
        restoredQuote = memento == null ? null : memento.getString(MEMENTO_QUOTE);
    }

    @Override
    public void createPartControl(Composite parent) {
        panel = new BalancesPanel(parent, SWT.NONE);
        connectors = ConnectorTracker.open(BalancesView.class);
        binding = new BalancesBinding(panel, connectors);
        if (restoredQuote != null) {
            panel.setQuote(restoredQuote);
        }
    }

    @Override
    public void saveState(IMemento memento) {
        super.saveState(memento);
        if (panel != null && !panel.isDisposed()) {
            memento.putString(MEMENTO_QUOTE, panel.quote());
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
        if (connectors != null) {
            connectors.close();
        }
        super.dispose();
    }
}
