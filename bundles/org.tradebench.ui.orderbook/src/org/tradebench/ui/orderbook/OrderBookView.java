package org.tradebench.ui.orderbook;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.orderbook.internal.OrderBookBinding;
import org.tradebench.ui.orderbook.internal.OrderBookPanel;

/**
 * The Order Book view: a depth-of-market ladder of 25 levels per side for the instrument of the
 * default link group (BTC/USD on the default connector when nothing is linked), with connection
 * health and the time of the last update. It follows connectors as they come and go and
 * remembers its instrument across restarts.
 *
 * <p>Open it programmatically with
 * {@code page.showView(OrderBookView.ID)}.
 */
public final class OrderBookView extends ViewPart {

    /** The view id: {@value}. */
    public static final String ID = "org.tradebench.ui.orderbook.view";

    private static final String MEMENTO_INSTRUMENT = "instrument";

    private InstrumentId restored;
    private ConnectorTracker tracker;
    private OrderBookBinding binding;
    private OrderBookPanel panel;

    @Override
    public void init(IViewSite site, IMemento memento) throws PartInitException {
        super.init(site, memento);
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
        binding = new OrderBookBinding(panel, tracker, InstrumentLinkGroup.DEFAULT, restored);
    }

    @Override
    public void setFocus() {
        panel.setFocus();
    }

    @Override
    public void saveState(IMemento memento) {
        super.saveState(memento);
        if (binding != null) {
            binding.shown().ifPresent(id -> memento.putString(MEMENTO_INSTRUMENT, id.toString()));
        }
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
