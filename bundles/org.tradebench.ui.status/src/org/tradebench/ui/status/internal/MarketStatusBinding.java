package org.tradebench.ui.status.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.Registration;
import org.tradebench.ui.core.UiThrottler;

/**
 * Keeps the Market Status panel on the default connector: follows its health, subscribes a ticker
 * per instrument, and switches (closing every subscription) when the default connector changes or
 * goes away. A double-clicked row selects its instrument in the link group.
 *
 * <p>Display thread only; the tracker's notifications hop over through a {@link UiThrottler}.
 */
public final class MarketStatusBinding implements AutoCloseable {

    private final MarketStatusPanel panel;
    private final ConnectorTracker tracker;
    private final UiThrottler rebind;
    private final Registration trackerRegistration;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private ExchangeConnector connector;
    private boolean closed;

    /**
     * Binds the panel and shows the default connector at once if there is one.
     *
     * @param panel the panel
     * @param tracker an open connector tracker (the caller closes it)
     * @param group the link group a double-clicked row selects into
     */
    public MarketStatusBinding(MarketStatusPanel panel, ConnectorTracker tracker, InstrumentLinkGroup group) {
        this.panel = Objects.requireNonNull(panel, "panel");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(group, "group");
        this.rebind = new UiThrottler(panel, UiThrottler.DEFAULT_INTERVAL, this::rebind);
        panel.onInstrumentOpened(group::select);
        trackerRegistration = tracker.addListener(t -> rebind.schedule());
        rebind();
    }

    /**
     * The connector shown.
     *
     * @return the connector, or empty
     */
    public Optional<ExchangeConnector> connector() {
        return Optional.ofNullable(connector);
    }

    /** Switches to the current default connector if it changed. */
    public void rebind() {
        if (closed || panel.isDisposed()) {
            return;
        }
        ExchangeConnector best = tracker.defaultConnector().orElse(null);
        if (best == connector) {
            return;
        }
        unsubscribe();
        connector = best;
        panel.healthBadge().follow(best);
        if (best == null) {
            panel.setConnector(null, List.of());
            return;
        }
        List<Instrument> instruments;
        String name;
        try {
            instruments = best.instruments();
            name = best.displayName();
        } catch (RuntimeException goingAway) {
            connector = null;
            rebind.schedule(); // being unregistered; the tracker tells us what comes next
            return;
        }
        panel.setConnector(name, instruments);
        for (Instrument instrument : instruments) {
            try {
                subscriptions.add(best.marketData().subscribeTicker(instrument.id(), panel::offer));
            } catch (RuntimeException refused) {
                // this instrument has no ticker stream: its row keeps the dashes
            }
        }
    }

    private void unsubscribe() {
        for (Subscription s : subscriptions) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // close never throws by contract; a connector going away must not break the view
            }
        }
        subscriptions.clear();
    }

    /** Closes every subscription and stops following the tracker. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        rebind.cancel();
        trackerRegistration.close();
        unsubscribe();
        if (!panel.isDisposed()) {
            panel.healthBadge().follow(null);
        }
        connector = null;
    }
}
