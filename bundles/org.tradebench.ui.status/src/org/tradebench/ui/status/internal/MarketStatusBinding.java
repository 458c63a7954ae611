package org.tradebench.ui.status.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.Registration;
import org.tradebench.ui.core.UiThrottler;

/**
 * Keeps the Market Status panel on the default connector: follows its health, subscribes a ticker
 * per instrument (data and stream health), follows the connector's instrument list (a connector
 * that loads its markets after it registers, or one that lists or delists one, gets its rows
 * rebuilt), and switches (closing every subscription) when the default connector changes or goes
 * away. A double-clicked row selects its instrument in the link group.
 *
 * <p>Display thread only; the tracker's and the connector's notifications hop over through a
 * {@link UiThrottler}.
 */
public final class MarketStatusBinding implements AutoCloseable {

    private final MarketStatusPanel panel;
    private final ConnectorTracker tracker;
    private final UiThrottler rebind;
    private final Registration trackerRegistration;
    private final List<Subscription> tickers = new ArrayList<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    // the instrument list last pushed by a connector (delivery thread), applied by rebind()
    private final AtomicReference<Listing> listed = new AtomicReference<>();
    private ExchangeConnector connector;
    private List<Instrument> shown = List.of();
    private String shownName;
    private boolean closed;

    private record Listing(ExchangeConnector connector, List<Instrument> instruments) {
    }

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

    /**
     * Switches to the current default connector if it changed, and rebuilds the rows when its
     * instrument list changed.
     */
    public void rebind() {
        if (closed || panel.isDisposed()) {
            return;
        }
        ExchangeConnector best = tracker.defaultConnector().orElse(null);
        if (best == connector) {
            Listing l = listed.getAndSet(null);
            // a changed list, or changed rules (a tick size: the row formats follow them)
            if (best != null && l != null && l.connector() == best && !l.instruments().equals(shown)) {
                closeTickers();
                show(best, shownName, l.instruments());
            }
            return;
        }
        unsubscribe();
        connector = best;
        listed.set(null);
        panel.healthBadge().follow(best);
        if (best == null) {
            shown = List.of();
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
        show(best, name, instruments);
        try {
            subscriptions.add(best.subscribeInstruments(change -> {
                listed.set(new Listing(best, change.instruments())); // delivery thread: record, hop over
                rebind.schedule();
            }));
        } catch (RuntimeException refused) {
            // the list stays as it was read
        }
    }

    private void show(ExchangeConnector c, String name, List<Instrument> instruments) {
        shown = List.copyOf(instruments);
        shownName = name;
        panel.setConnector(name, instruments);
        for (Instrument instrument : instruments) {
            try {
                tickers.add(c.marketData().subscribeTicker(instrument.id(), new Row(panel, instrument.id())));
            } catch (RuntimeException refused) {
                // a malformed request: the row keeps its dashes (a stream the connector cannot serve
                // says so through onHealth, FAILED with a cause, which the row shows)
            }
        }
    }

    /** One row's ticker stream: the tickers and the stream's health go to the panel. */
    private record Row(MarketStatusPanel panel, InstrumentId instrument) implements TickerListener {
        @Override
        public void onTicker(Ticker ticker) {
            panel.offer(ticker);
        }

        @Override
        public void onHealth(DataHealth health) {
            panel.offerHealth(instrument, health);
        }
    }

    private void closeTickers() {
        close(tickers);
    }

    private void unsubscribe() {
        close(tickers);
        close(subscriptions);
    }

    private static void close(List<Subscription> list) {
        for (Subscription s : list) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // close never throws by contract; a connector going away must not break the view
            }
        }
        list.clear();
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
