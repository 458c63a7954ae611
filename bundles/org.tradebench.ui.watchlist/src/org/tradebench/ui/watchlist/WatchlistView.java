package org.tradebench.ui.watchlist;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;
import org.eclipse.ui.part.ViewPart;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.ViewLink;
import org.tradebench.ui.watchlist.internal.WatchlistBinding;
import org.tradebench.ui.watchlist.internal.WatchlistPanel;

/**
 * The Watchlist view: instruments across every running exchange connector with last price, 24-hour
 * change, bid, ask, spread, 24-hour volume, mark price and funding where the market has them.
 * Instruments are added and removed from the view menu; the list is remembered across restarts.
 * Double-clicking a row shows its instrument in the views of the default link group.
 *
 * <p>Open it programmatically with {@code page.showView(WatchlistView.ID)}.
 */
public final class WatchlistView extends ViewPart {

    /** The view id: {@value}. */
    public static final String ID = "org.tradebench.ui.watchlist.view";

    private static final String MEMENTO_ENTRY = "instrument";
    private static final String MEMENTO_ID = "id";

    private ViewLink link;
    private List<InstrumentId> restored;
    private ConnectorTracker tracker;
    private WatchlistBinding binding;
    private WatchlistPanel panel;

    @Override
    public void init(IViewSite site, IMemento memento) throws PartInitException {
        super.init(site, memento);
        link = ViewLink.restore(memento);
        if (memento == null || memento.getChild(MEMENTO_ENTRY) == null && memento.getBoolean("edited") == null) {
            return; // never edited: the default list
        }
        restored = new ArrayList<>();
        for (IMemento child : memento.getChildren(MEMENTO_ENTRY)) {
            try {
                restored.add(InstrumentId.parse(child.getString(MEMENTO_ID)));
            } catch (RuntimeException unreadable) {
                // one unreadable entry must not cost the others
            }
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        panel = new WatchlistPanel(parent, SWT.NONE);
        tracker = ConnectorTracker.open(WatchlistView.class);
        binding = new WatchlistBinding(panel, tracker, link.member(), restored);
        link.install(getViewSite(), this::setTitleImage);
        IMenuManager menu = getViewSite().getActionBars().getMenuManager();
        menu.add(new Action("Add Instrument\u2026") {
            @Override
            public void run() {
                add();
            }
        });
        menu.add(new Action("Remove Selected Instrument") {
            @Override
            public void run() {
                InstrumentId selected = panel.selection();
                if (selected != null) {
                    binding.remove(selected);
                }
            }
        });
    }

    private void add() {
        ElementListSelectionDialog dialog = new ElementListSelectionDialog(panel.getShell(), new LabelProvider() {
            @Override
            public String getText(Object element) {
                Instrument i = (Instrument) element;
                return i.id().symbol() + "  (" + i.id().exchangeId() + ", " + i.kind().name().toLowerCase() + ")";
            }
        });
        dialog.setTitle("Add to Watchlist");
        dialog.setMessage("Instrument (type to filter):");
        dialog.setMultipleSelection(true);
        dialog.setElements(binding.available().toArray());
        if (dialog.open() == Window.OK) {
            for (Object o : dialog.getResult()) {
                binding.add(((Instrument) o).id());
            }
        }
    }

    @Override
    public void setFocus() {
        panel.setFocus();
    }

    @Override
    public void saveState(IMemento memento) {
        super.saveState(memento);
        link.saveState(memento);
        if (binding == null) {
            return;
        }
        binding.entries().ifPresent(list -> {
            memento.putBoolean("edited", true);
            for (InstrumentId id : list) {
                memento.createChild(MEMENTO_ENTRY).putString(MEMENTO_ID, id.toString());
            }
        });
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
