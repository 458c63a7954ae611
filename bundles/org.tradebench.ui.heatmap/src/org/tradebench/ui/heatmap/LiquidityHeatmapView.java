package org.tradebench.ui.heatmap;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.heatmap.internal.HeatmapBinding;
import org.tradebench.ui.heatmap.internal.HeatmapPanel;

/**
 * The Liquidity Heatmap view: the resting size of the link group's instrument per price over the
 * last minutes (Bookmap-style), with the best bid and ask and the trades over it. Remembers the
 * instrument, the column interval and the window.
 */
public final class LiquidityHeatmapView extends ViewPart {

    /** The view id. */
    public static final String ID = "org.tradebench.ui.heatmap.view";

    private static final String MEMENTO_INSTRUMENT = "instrument";
    private static final String MEMENTO_INTERVAL = "intervalMillis";
    private static final String MEMENTO_WINDOW = "windowMinutes";

    private InstrumentId restored;
    private long restoredInterval;
    private int restoredWindow;
    private ConnectorTracker tracker;
    private HeatmapBinding binding;
    private HeatmapPanel panel;

    @Override
    public void init(IViewSite site, IMemento memento) throws PartInitException {
        super.init(site, memento);
        if (memento == null) {
            return;
        }
        try {
            String text = memento.getString(MEMENTO_INSTRUMENT);
            restored = text == null ? null : InstrumentId.parse(text);
        } catch (IllegalArgumentException stale) {
            restored = null; // saved by an older version; start with the default
        }
        Integer interval = memento.getInteger(MEMENTO_INTERVAL);
        Integer window = memento.getInteger(MEMENTO_WINDOW);
        restoredInterval = interval == null ? 0 : interval;
        restoredWindow = window == null ? 0 : window;
    }

    @Override
    public void createPartControl(Composite parent) {
        panel = new HeatmapPanel(parent);
        panel.choose(restoredInterval, restoredWindow);
        tracker = ConnectorTracker.open(LiquidityHeatmapView.class);
        binding = new HeatmapBinding(panel, tracker, InstrumentLinkGroup.DEFAULT, restored, true);
    }

    @Override
    public void setFocus() {
        panel.canvas().setFocus();
    }

    @Override
    public void saveState(IMemento memento) {
        super.saveState(memento);
        if (binding == null) {
            return;
        }
        binding.shown().ifPresent(id -> memento.putString(MEMENTO_INSTRUMENT, id.toString()));
        memento.putInteger(MEMENTO_INTERVAL, (int) panel.interval().toMillis());
        memento.putInteger(MEMENTO_WINDOW, (int) panel.window().toMinutes());
    }

    /**
     * Nanoseconds spent painting the map so far, for the load benchmark.
     *
     * @return the total, 0 before the view is shown
     */
    public long paintNanos() {
        return panel == null ? 0 : panel.canvas().paintNanos();
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
