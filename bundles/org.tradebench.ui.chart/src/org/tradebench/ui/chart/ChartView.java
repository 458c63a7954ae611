package org.tradebench.ui.chart;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.ui.chart.internal.ChartBinding;
import org.tradebench.ui.chart.internal.ChartPanel;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.ViewLink;

/**
 * The Chart view: candlesticks with volume of the default link group's instrument, 1s to 1D, with
 * the live candle, history back-filled as the user pans left, a crosshair readout, the last price
 * and the user's orders, exits and position (entry, liquidation) as lines. Remembers instrument
 * and interval across restarts.
 *
 * <p>Open it with {@code page.showView(ChartView.ID)}.
 */
public final class ChartView extends ViewPart {

    /** The view id: {@value}. */
    public static final String ID = "org.tradebench.ui.chart.view";

    private static final String MEMENTO_INSTRUMENT = "instrument";
    private static final String MEMENTO_INTERVAL = "interval";

    private ViewLink link;
    private InstrumentId restored;
    private CandleInterval restoredInterval;
    private ConnectorTracker tracker;
    private ChartBinding binding;
    private ChartPanel panel;

    @Override
    public void init(IViewSite site, IMemento memento) throws PartInitException {
        super.init(site, memento);
        link = ViewLink.restore(memento);
        if (memento != null) {
            try {
                String i = memento.getString(MEMENTO_INSTRUMENT);
                restored = i == null ? null : InstrumentId.parse(i);
                String v = memento.getString(MEMENTO_INTERVAL);
                restoredInterval = v == null ? null : CandleInterval.parse(v);
            } catch (IllegalArgumentException stale) {
                restored = null; // saved by an older version; start with the default
                restoredInterval = null;
            }
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        panel = new ChartPanel(parent, SWT.NONE);
        tracker = ConnectorTracker.open(ChartView.class);
        binding = new ChartBinding(panel, tracker, link.member(), restored, restoredInterval);
        link.install(getViewSite(), this::setTitleImage);
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
            memento.putString(MEMENTO_INTERVAL, binding.interval().label());
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
        if (link != null) {
            link.close();
        }
        super.dispose();
    }
}
