package org.tradebench.examples.spreadmonitor;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IMemento;
import org.eclipse.ui.IViewSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.Registration;
import org.tradebench.ui.core.ViewLink;

/**
 * The Spread Monitor view: the same instrument on two exchanges, the spreads between them and their
 * history. It follows its link group (choosing an instrument in a linked view makes side A that
 * exchange and both sides that symbol) and remembers what it watched across restarts.
 *
 * <p>Only the published API and {@code org.tradebench.ui.core}: connectors come from the OSGi
 * service registry through {@link ConnectorTracker}, ticks arrive on the connectors' delivery
 * threads and are shown through a throttled repaint, each side's health is shown by a
 * {@code HealthBadge}, and no spread is shown from a side that is not live.
 */
public final class SpreadMonitorView extends ViewPart {

    /** The view id: {@value}. */
    public static final String ID = "org.tradebench.examples.spreadmonitor.view";

    private static final String[] KEYS = {"exchangeA", "symbolA", "exchangeB", "symbolB"};

    private ViewLink link;
    private String[] restored;
    private ConnectorTracker tracker;
    private SpreadMonitorPanel panel;
    private Registration following;

    @Override
    public void init(IViewSite site, IMemento memento) throws PartInitException {
        super.init(site, memento);
        link = ViewLink.restore(memento);
        if (memento != null) {
            String[] values = new String[KEYS.length];
            for (int i = 0; i < KEYS.length; i++) {
                values[i] = memento.getString(KEYS[i]);
            }
            restored = java.util.Arrays.stream(values).allMatch(v -> v != null && !v.isBlank()) ? values : null;
        }
    }

    @Override
    public void createPartControl(Composite parent) {
        tracker = ConnectorTracker.open(SpreadMonitorView.class);
        panel = new SpreadMonitorPanel(parent, tracker);
        link.install(getViewSite(), this::setTitleImage);
        following = link.member().addListener(instrument -> panel.getDisplay().asyncExec(() -> {
            if (!panel.isDisposed()) {
                panel.follow(instrument);
            }
        }));
        if (restored != null) {
            panel.watch(restored[0], restored[1], restored[2], restored[3]);
        } else {
            link.member().selected().ifPresent(panel::follow);
        }
    }

    @Override
    public void saveState(IMemento memento) {
        super.saveState(memento);
        link.saveState(memento);
        if (panel != null && !panel.isDisposed()) {
            panel.watched().ifPresent(w -> {
                for (int i = 0; i < KEYS.length; i++) {
                    memento.putString(KEYS[i], w[i]);
                }
            });
        }
    }

    @Override
    public void setFocus() {
        panel.setFocus();
    }

    @Override
    public void dispose() {
        if (following != null) {
            following.close();
        }
        if (panel != null) {
            panel.dispose();
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
