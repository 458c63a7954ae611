package org.tradebench.ui.watchlist.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.MarkPriceListener;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.Registration;
import org.tradebench.ui.core.UiThrottler;

/**
 * Keeps the Watchlist's rows and subscriptions: the watched instruments whose exchange has a
 * running connector that lists them, in the order of the list, each with a ticker subscription
 * and, for derivatives, a mark price subscription; one health subscription per connector. Rows
 * of a connector that goes away disappear (they stay in the list and come back with it); a
 * connector that comes adds its rows. Until the user changes the list, it is the first
 * {@value #DEFAULT_PER_EXCHANGE} instruments of every running connector. A double-click selects the
 * row's instrument in the link group.
 *
 * <p>Display thread only; the tracker and instrument listeners hop over through a
 * {@link UiThrottler}.
 */
public final class WatchlistBinding implements AutoCloseable {

    /** How many instruments of each exchange the default list holds. */
    public static final int DEFAULT_PER_EXCHANGE = 6;

    private record Row(ExchangeConnector connector, Instrument instrument, Subscription ticker, Subscription mark) {
    }

    private final WatchlistPanel panel;
    private final ConnectorTracker tracker;
    private final InstrumentLinkGroup group;
    private final UiThrottler rebind;
    private final Registration trackerRegistration;
    // null until the user changes the default list
    private List<InstrumentId> entries;
    private final Map<InstrumentId, Row> rows = new HashMap<>();
    private final Map<ExchangeConnector, List<Subscription>> perConnector = new HashMap<>();
    private List<String> shownNames = List.of();
    private boolean closed;

    /**
     * Binds a panel.
     *
     * @param panel the panel
     * @param tracker an open connector tracker (the caller closes it)
     * @param group the link group a double-click selects in
     * @param initial the watched instruments (restored state), nullable for the default list
     */
    public WatchlistBinding(WatchlistPanel panel, ConnectorTracker tracker, InstrumentLinkGroup group,
            List<InstrumentId> initial) {
        this.panel = Objects.requireNonNull(panel, "panel");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.group = Objects.requireNonNull(group, "group");
        this.entries = initial == null ? null : new ArrayList<>(new LinkedHashSet<>(initial));
        this.rebind = new UiThrottler(panel, UiThrottler.DEFAULT_INTERVAL, this::rebind);
        panel.onInstrumentOpened(group::select);
        trackerRegistration = tracker.addListener(t -> rebind.schedule());
        rebind();
    }

    /**
     * The watched instruments, in order, shown or not.
     *
     * @return the explicit list, or empty while the default list is used
     */
    public Optional<List<InstrumentId>> entries() {
        return entries == null ? Optional.empty() : Optional.of(List.copyOf(entries));
    }

    /**
     * Every instrument of every running connector, for the "Add" choice.
     *
     * @return the instruments, connector by connector
     */
    public List<Instrument> available() {
        List<Instrument> all = new ArrayList<>();
        for (ExchangeConnector c : tracker.connectors()) {
            try {
                all.addAll(c.instruments());
            } catch (RuntimeException goingAway) {
                // unregistering: its instruments come back with it
            }
        }
        return all;
    }

    /**
     * Adds an instrument at the end of the list (nothing when it is there already).
     *
     * @param id the instrument
     */
    public void add(InstrumentId id) {
        materialise();
        if (!entries.contains(id)) {
            entries.add(id);
        }
        rebind();
    }

    /**
     * Removes an instrument from the list.
     *
     * @param id the instrument
     */
    public void remove(InstrumentId id) {
        materialise();
        entries.remove(id);
        rebind();
    }

    private void materialise() {
        if (entries == null) {
            entries = new ArrayList<>(wanted());
        }
    }

    /** The instruments the list holds now. */
    private List<InstrumentId> wanted() {
        if (entries != null) {
            return entries;
        }
        List<InstrumentId> defaults = new ArrayList<>();
        for (ExchangeConnector c : tracker.connectors()) {
            try {
                c.instruments().stream().limit(DEFAULT_PER_EXCHANGE).forEach(i -> defaults.add(i.id()));
            } catch (RuntimeException goingAway) {
                // as above
            }
        }
        return defaults;
    }

    /** Re-reads connectors and lists, subscribes what is new and closes what went. */
    public void rebind() {
        if (closed || panel.isDisposed()) {
            return;
        }
        List<ExchangeConnector> connectors = tracker.connectors();
        Set<ExchangeConnector> running = Set.copyOf(connectors);
        for (ExchangeConnector gone : List.copyOf(perConnector.keySet())) {
            if (!running.contains(gone)) {
                perConnector.remove(gone).forEach(WatchlistBinding::close);
            }
        }
        for (ExchangeConnector c : connectors) {
            if (!perConnector.containsKey(c)) {
                perConnector.put(c, follow(c));
            }
        }
        List<Instrument> shown = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<InstrumentId, Row> keep = new HashMap<>();
        for (InstrumentId id : wanted()) {
            Optional<ExchangeConnector> c = tracker.connectorFor(id);
            Optional<Instrument> instrument;
            try {
                instrument = c.flatMap(x -> x.instrument(id.symbol()));
            } catch (RuntimeException goingAway) {
                instrument = Optional.empty();
            }
            if (instrument.isEmpty() || keep.containsKey(id)) {
                continue;
            }
            Row row = rows.get(id);
            if (row == null || row.connector() != c.get()) {
                row = subscribe(c.get(), instrument.get());
            }
            keep.put(id, row);
            shown.add(instrument.get());
            names.add(c.get().displayName());
        }
        for (Map.Entry<InstrumentId, Row> e : rows.entrySet()) {
            Row old = e.getValue();
            if (keep.get(e.getKey()) != old) {
                close(old.ticker());
                close(old.mark());
            }
        }
        rows.clear();
        rows.putAll(keep);
        if (!shown.equals(panel.instruments()) || !names.equals(shownNames)) {
            shownNames = names;
            panel.setRows(shown, names);
        }
    }

    private List<Subscription> follow(ExchangeConnector c) {
        List<Subscription> subs = new ArrayList<>();
        String exchangeId = c.id();
        try {
            subs.add(c.subscribeHealth(h -> panel.offerConnection(exchangeId, h)));
            subs.add(c.subscribeInstruments(change -> rebind.schedule()));
        } catch (RuntimeException goingAway) {
            rebind.schedule();
        }
        return subs;
    }

    private Row subscribe(ExchangeConnector c, Instrument instrument) {
        InstrumentId id = instrument.id();
        Subscription ticker = null;
        Subscription mark = null;
        try {
            ticker = c.marketData().subscribeTicker(id, new TickerListener() {
                @Override
                public void onTicker(Ticker t) {
                    panel.offer(t);
                }

                @Override
                public void onHealth(DataHealth h) {
                    panel.offerTickerHealth(id, h);
                }
            });
            if (instrument.kind() != InstrumentKind.SPOT) {
                mark = c.marketData().subscribeMarkPrice(id, new MarkPriceListener() {
                    @Override
                    public void onMarkPrice(MarkPrice m) {
                        panel.offer(m);
                    }

                    @Override
                    public void onHealth(DataHealth h) {
                        panel.offerMarkHealth(id, h);
                    }
                });
            }
        } catch (RuntimeException refused) {
            // an argument the connector does not take; the row stays with dashes
        }
        return new Row(c, instrument, ticker, mark);
    }

    private static void close(Subscription s) {
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // close never throws by contract; a connector going away must not break the view
            }
        }
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
        rows.values().forEach(r -> {
            close(r.ticker());
            close(r.mark());
        });
        rows.clear();
        perConnector.values().forEach(l -> l.forEach(WatchlistBinding::close));
        perConnector.clear();
    }
}
