package org.tradebench.ui.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.swt.widgets.Widget;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;

/**
 * Decides which instrument on which connector a single-instrument view shows, and keeps the view's
 * subscriptions in line with it: the instrument of the link group (or the restored one) on the
 * connector of its exchange, else the preferred symbol (or the first instrument) of the default
 * connector. Re-binds when connectors come or go, when the connector's instrument list changes and
 * when the link group selects another instrument. When the exchange of the instrument shown goes
 * away the view is told so and the binding waits for it: it never moves to another exchange on its
 * own.
 *
 * <pre>{@code
 * binding = new InstrumentBinding(panel, tracker, InstrumentLinkGroup.DEFAULT, restored, "BTC/USD",
 *         new InstrumentBinding.Target() {
 *             public AutoCloseable bind(ExchangeConnector c, Instrument i) {
 *                 return c.marketData().subscribeTrades(i.id(), model);   // closed on the next change
 *             }
 *             public void unbound(ExchangeConnector c, String message) {
 *                 panel.setMessage(message);
 *             }
 *         });
 * }</pre>
 *
 * <p>Display thread only; the tracker and link group listeners hop over through a
 * {@link UiThrottler}.
 *
 * @since 0.3
 */
public final class InstrumentBinding implements AutoCloseable {

    /** What the view does when the binding changes. Called on the display thread. */
    public interface Target {
        /**
         * Shows an instrument: subscribes what the view needs.
         *
         * @param connector the connector
         * @param instrument the instrument
         * @return what to close when the view shows something else (nullable for nothing)
         * @throws RuntimeException when the connector refuses; the message is shown through
         *         {@link #unbound}
         */
        AutoCloseable bind(ExchangeConnector connector, Instrument instrument);

        /**
         * Nothing is shown (the previous subscriptions are closed already).
         *
         * @param connector the connector the view follows (for its health badge), nullable
         * @param message why, for the user
         */
        void unbound(ExchangeConnector connector, String message);
    }

    private final Widget owner;
    private final ConnectorTracker tracker;
    private final String preferredSymbol;
    private final Target target;
    private final UiThrottler rebind;
    private final Registration trackerRegistration;
    private final Registration groupRegistration;
    private final Map<String, String> knownNames = new HashMap<>();

    private InstrumentId wanted;
    private ExchangeConnector connector;
    private InstrumentId shown;
    private AutoCloseable subscription;
    private Subscription instrumentSubscription;
    private volatile InstrumentId linked;
    private boolean closed;

    /**
     * Binds and shows the first instrument at once if a connector is there.
     *
     * @param owner the view's widget (its display runs the re-binds; disposing it stops them)
     * @param tracker an open connector tracker (the caller closes it)
     * @param group the link group to follow
     * @param initial the instrument to show first (restored state), nullable for the group's
     * @param preferredSymbol the symbol shown when nothing else was chosen
     * @param target what the view does
     */
    public InstrumentBinding(Widget owner, ConnectorTracker tracker, InstrumentLinkGroup group, InstrumentId initial,
            String preferredSymbol, Target target) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(group, "group");
        this.preferredSymbol = Objects.requireNonNull(preferredSymbol, "preferredSymbol");
        this.target = Objects.requireNonNull(target, "target");
        this.wanted = group.selected().orElse(initial);
        this.rebind = new UiThrottler(owner, UiThrottler.DEFAULT_INTERVAL, this::rebind);
        trackerRegistration = tracker.addListener(t -> rebind.schedule());
        groupRegistration = group.addListener(id -> {
            linked = id; // any thread; applied on the display thread
            rebind.schedule();
        });
        rebind();
    }

    /**
     * The instrument shown.
     *
     * @return the instrument, or empty
     */
    public Optional<InstrumentId> shown() {
        return Optional.ofNullable(shown);
    }

    /**
     * The instrument the view is about: the one shown, or the one it waits for.
     *
     * @return the instrument, or empty
     */
    public Optional<InstrumentId> about() {
        return Optional.ofNullable(wanted != null ? wanted : shown);
    }

    /**
     * The connector followed.
     *
     * @return the connector, or empty
     */
    public Optional<ExchangeConnector> connector() {
        return Optional.ofNullable(connector);
    }

    /** Shows the same instrument again with fresh subscriptions (the user retries a failed stream). */
    public void resubscribe() {
        closeSubscription();
        rebind();
    }

    /** Re-evaluates connector and instrument and re-binds when either changed. */
    public void rebind() {
        if (closed || owner.isDisposed()) {
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
            target.unbound(null, name + " unavailable: its connector is not running. " + about.symbol()
                    + " comes back when it does.");
            return;
        }
        Optional<ExchangeConnector> best = (about == null ? Optional.<ExchangeConnector>empty()
                : tracker.connectorFor(about)).or(tracker::defaultConnector);
        if (best.isEmpty()) {
            unbind();
            target.unbound(null, "Waiting for an exchange connector\u2026");
            return;
        }
        ExchangeConnector c = best.get();
        List<Instrument> instruments;
        try {
            instruments = c.instruments();
        } catch (RuntimeException goingAway) {
            rebind.schedule(); // unregistering right now; the tracker tells us when it is gone
            return;
        }
        Optional<Instrument> instrument = choose(c, instruments, about);
        if (c == connector && subscription != null && instrument.map(Instrument::id).equals(Optional.ofNullable(shown))) {
            return;
        }
        closeSubscription();
        if (c != connector) {
            closeInstruments();
            connector = c;
            knownNames.put(c.id(), c.displayName());
            try {
                instrumentSubscription = c.subscribeInstruments(change -> rebind.schedule());
            } catch (RuntimeException refused) {
                instrumentSubscription = null;
            }
        }
        if (instrument.isEmpty()) {
            target.unbound(c, about != null && about.exchangeId().equals(c.id())
                    ? c.displayName() + " does not list " + about.symbol()
                    : c.displayName() + " lists no instruments");
            return;
        }
        shown = instrument.get().id();
        try {
            AutoCloseable s = target.bind(c, instrument.get());
            subscription = s != null ? s : () -> { };
        } catch (RuntimeException refused) {
            subscription = null;
            target.unbound(c, "Cannot stream " + shown.symbol() + ": " + refused.getMessage());
        }
    }

    private Optional<Instrument> choose(ExchangeConnector c, List<Instrument> instruments, InstrumentId about) {
        if (about != null && about.exchangeId().equals(c.id())) {
            return c.instrument(about.symbol()); // the exchange is there: its instrument, or nothing yet
        }
        Optional<Instrument> found = c.instrument(preferredSymbol);
        return found.isPresent() || instruments.isEmpty() ? found : Optional.of(instruments.get(0));
    }

    private void unbind() {
        closeSubscription();
        closeInstruments();
        connector = null;
    }

    private void closeSubscription() {
        AutoCloseable s = subscription;
        subscription = null;
        shown = null;
        quietlyClose(s);
    }

    private void closeInstruments() {
        Subscription s = instrumentSubscription;
        instrumentSubscription = null;
        quietlyClose(s);
    }

    private static void quietlyClose(AutoCloseable s) {
        if (s != null) {
            try {
                s.close();
            } catch (Exception ignored) {
                // close never throws by contract; a connector going away must not break the view
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
