package org.tradebench.ui.tape;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.ViewLink;
import org.tradebench.ui.tape.internal.TradeTapeBinding;
import org.tradebench.ui.tape.internal.TradeTapePanel;

/**
 * The Trade Tape view ("Trades"): the latest 500 public trades of the default link group's
 * instrument, newest first, with the trade stream's health; trades at or above the instrument's
 * size threshold are highlighted. The threshold is set from the view menu and remembered per
 * instrument across restarts, as is the instrument.
 *
 * <p>Open it programmatically with {@code page.showView(TradeTapeView.ID)}.
 */
public final class TradeTapeView extends ViewPart {

    /** The view id: {@value}. */
    public static final String ID = "org.tradebench.ui.tape.view";

    private static final String MEMENTO_INSTRUMENT = "instrument";
    private static final String MEMENTO_THRESHOLD = "threshold";
    private static final String MEMENTO_SIZE = "size";

    private ViewLink link;
    private InstrumentId restored;
    private final Map<InstrumentId, BigDecimal> restoredThresholds = new HashMap<>();
    private ConnectorTracker tracker;
    private TradeTapeBinding binding;
    private TradeTapePanel panel;

    @Override
    public void init(IViewSite site, IMemento memento) throws PartInitException {
        super.init(site, memento);
        link = ViewLink.restore(memento);
        if (memento == null) {
            return;
        }
        try {
            String text = memento.getString(MEMENTO_INSTRUMENT);
            restored = text == null ? null : InstrumentId.parse(text);
        } catch (IllegalArgumentException stale) {
            restored = null; // saved by an older version; start with the default
        }
        for (IMemento child : memento.getChildren(MEMENTO_THRESHOLD)) {
            try {
                BigDecimal size = new BigDecimal(child.getString(MEMENTO_SIZE));
                if (size.signum() > 0) {
                    restoredThresholds.put(InstrumentId.parse(child.getString(MEMENTO_INSTRUMENT)), size);
                }
            } catch (RuntimeException unreadable) {
                // one unreadable entry must not cost the others
            }
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        panel = new TradeTapePanel(parent, SWT.NONE);
        tracker = ConnectorTracker.open(TradeTapeView.class);
        binding = new TradeTapeBinding(panel, tracker, link.member(), restored, restoredThresholds);
        link.install(getViewSite(), this::setTitleImage);
        getViewSite().getActionBars().getMenuManager().add(new Action("Highlight Threshold\u2026") {
            @Override
            public void run() {
                askThreshold();
            }
        });
    }

    private void askThreshold() {
        if (binding.shown().isEmpty()) {
            return;
        }
        InstrumentId id = binding.shown().get();
        BigDecimal now = panel.threshold();
        InputDialog dialog = new InputDialog(panel.getShell(), "Highlight Threshold",
                "Highlight trades of " + id.symbol() + " whose size is at least (empty for none):",
                now == null ? "" : now.toPlainString(), text -> {
                    if (text.isBlank()) {
                        return null;
                    }
                    try {
                        return new BigDecimal(text.strip()).signum() > 0 ? null : "The size must be above 0";
                    } catch (NumberFormatException e) {
                        return "Not a number: " + text.strip();
                    }
                });
        if (dialog.open() == IDialogConstants.OK_ID) {
            String text = dialog.getValue().strip();
            binding.setThreshold(text.isEmpty() ? null : new BigDecimal(text));
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
        binding.about().ifPresent(id -> memento.putString(MEMENTO_INSTRUMENT, id.toString()));
        binding.thresholds().forEach((id, size) -> {
            IMemento child = memento.createChild(MEMENTO_THRESHOLD);
            child.putString(MEMENTO_INSTRUMENT, id.toString());
            child.putString(MEMENTO_SIZE, size.toPlainString());
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
