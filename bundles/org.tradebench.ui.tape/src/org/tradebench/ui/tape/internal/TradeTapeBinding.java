package org.tradebench.ui.tape.internal;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeListener;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.Registration;
import org.tradebench.ui.core.UiThrottler;

/**
 * Decides what the Trade Tape shows and keeps its trade subscription: the instrument of the link
 * group (or the restored one) on the connector of its exchange, else {@value #PREFERRED_SYMBOL} (or
 * the first instrument) of the default connector. Re-binds when connectors come or go, when the
 * connector's instrument list changes and when the link group selects another instrument. When the
 * exchange of the instrument shown goes away, the tape says so and keeps waiting for it: it never
 * moves to another exchange's trades on its own.
 *
 * <p>Highlight thresholds are kept per instrument; the panel shows the one of the instrument shown.
 *
 * <p>Display thread only; the tracker and link group listeners hop over through a
 * {@link UiThrottler}.
 */
public final class TradeTapeBinding implements AutoCloseable {

    /** The symbol shown when nothing else was chosen. */
    public static final String PREFERRED_SYMBOL = "BTC/USD";

    private final TradeTapePanel panel;
    private final ConnectorTracker tracker;
    private final UiThrottler rebind;
    private final Registration trackerRegistration;
    private final Registration groupRegistration;
    private final Map<InstrumentId, BigDecimal> thresholds = new HashMap<>();
    private final Map<String, String> knownNames = new HashMap<>();

    private InstrumentId wanted;
    private ExchangeConnector connector;
    private InstrumentId shown;
    private Subscription subscription;
    private Subscription instrumentSubscription;
    private volatile InstrumentId linked;
    private boolean closed;

    /**
     * Binds a panel and subscribes at once if a connector is there.
     *
     * @param panel the panel
     * @param tracker an open connector tracker (the caller closes it)
     * @param group the link group to follow
     * @param initial the instrument to show first (restored state), nullable for the link group's
     *        or the preferred one
     * @param initialThresholds highlight thresholds per instrument (restored state)
     */
    public TradeTapeBinding(TradeTapePanel panel, ConnectorTracker tracker, InstrumentLinkGroup group,
            InstrumentId initial, Map<InstrumentId, BigDecimal> initialThresholds) {
        this.panel = Objects.requireNonNull(panel, "panel");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(group, "group");
        thresholds.putAll(initialThresholds);
        this.wanted = group.selected().orElse(initial);
        this.rebind = new UiThrottler(panel, UiThrottler.DEFAULT_INTERVAL, this::rebind);
        trackerRegistration = tracker.addListener(t -> rebind.schedule());
        groupRegistration = group.addListener(id -> {
            linked = id; // any thread; applied on the display thread
            rebind.schedule();
        });
        rebind();
    }

    /**
     * The instrument whose trades are shown.
     *
     * @return the instrument, or empty
     */
    public Optional<InstrumentId> shown() {
        return Optional.ofNullable(shown);
    }

    /**
     * The instrument the tape is about: the one shown, or the one it waits for.
     *
     * @return the instrument, or empty
     */
    public Optional<InstrumentId> about() {
        return Optional.ofNullable(wanted != null ? wanted : shown);
    }

    /**
     * The highlight thresholds set so far, per instrument.
     *
     * @return an immutable copy
     */
    public Map<InstrumentId, BigDecimal> thresholds() {
        return Map.copyOf(thresholds);
    }

    /**
     * Sets the highlight threshold of the instrument shown.
     *
     * @param size the size at and above which a trade is highlighted, nullable for none
     */
    public void setThreshold(BigDecimal size) {
        if (shown == null) {
            return;
        }
        if (size == null) {
            thresholds.remove(shown);
        } else {
            thresholds.put(shown, size);
        }
        panel.setThreshold(size);
    }

    /** Re-evaluates connector and instrument and re-subscribes when either changed. */
    public void rebind() {
        if (closed || panel.isDisposed()) {
            return;
        }
        InstrumentId fromGroup = linked;
        if (fromGroup != null) {
            linked = null;
            wanted = fromGroup;
        }
        InstrumentId about = wanted != null ? wanted : shown;
        if (about != null && tracker.connectorFor(about).isEmpty()) {
            String name = knownNames.getOrDefault(about.exchangeId(), about.exchangeId());
            wanted = about;
            unbind();
            panel.setInstrument(null, name + " unavailable: its connector is not running. The trades of "
                    + about.symbol() + " come back when it does.");
            return;
        }
        Optional<ExchangeConnector> best = (about == null ? Optional.<ExchangeConnector>empty()
                : tracker.connectorFor(about)).or(tracker::defaultConnector);
        if (best.isEmpty()) {
            unbind();
            panel.setInstrument(null, "Waiting for an exchange connector\u2026");
            return;
        }
        ExchangeConnector c = best.get();
        List<Instrument> instruments;
        try {
            instruments = c.instruments();
        } catch (RuntimeException goingAway) {
            rebind.schedule();
            return;
        }
        Optional<Instrument> instrument = choose(c, instruments, about);
        if (c == connector && subscription != null && instrument.map(Instrument::id).equals(Optional.ofNullable(shown))) {
            return;
        }
        closeTrades();
        if (c != connector) {
            closeInstruments();
            connector = c;
            knownNames.put(c.id(), c.displayName());
            panel.healthBadge().follow(c);
            try {
                instrumentSubscription = c.subscribeInstruments(change -> rebind.schedule());
            } catch (RuntimeException refused) {
                instrumentSubscription = null;
            }
        }
        if (instrument.isEmpty()) {
            panel.setInstrument(null, about != null && about.exchangeId().equals(c.id())
                    ? c.displayName() + " does not list " + about.symbol()
                    : c.displayName() + " lists no instruments");
            return;
        }
        subscribe(instrument.get());
    }

    private Optional<Instrument> choose(ExchangeConnector c, List<Instrument> instruments, InstrumentId about) {
        if (about != null && about.exchangeId().equals(c.id())) {
            // the exchange is there: its instrument, or nothing (it may list it later)
            return c.instrument(about.symbol());
        }
        Optional<Instrument> found = c.instrument(PREFERRED_SYMBOL);
        return found.isPresent() || instruments.isEmpty() ? found : Optional.of(instruments.get(0));
    }

    private void subscribe(Instrument instrument) {
        InstrumentId id = instrument.id();
        shown = id;
        panel.setInstrument(instrument, null);
        panel.setThreshold(thresholds.get(id));
        TradeListener listener = new TradeListener() {
            @Override
            public void onTrade(Trade trade) {
                panel.offer(trade); // delivery thread: into the ring, one throttled refresh
            }

            @Override
            public void onHealth(DataHealth health) {
                panel.offerHealth(id, health);
            }
        };
        try {
            subscription = connector.marketData().subscribeTrades(id, listener);
        } catch (RuntimeException refused) {
            subscription = null;
            panel.setInstrument(null, "Cannot stream the trades of " + id.symbol() + ": " + refused.getMessage());
        }
    }

    private void unbind() {
        closeTrades();
        closeInstruments();
        connector = null;
        if (!panel.isDisposed()) {
            panel.healthBadge().follow(null);
        }
    }

    private void closeTrades() {
        Subscription s = subscription;
        subscription = null;
        shown = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // close never throws by contract; a connector going away must not break the view
            }
        }
    }

    private void closeInstruments() {
        Subscription s = instrumentSubscription;
        instrumentSubscription = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // as above
            }
        }
    }

    /** Closes the subscriptions and stops following the tracker and the link group. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        rebind.cancel();
        trackerRegistration.close();
        groupRegistration.close();
        unbind();
    }
}
