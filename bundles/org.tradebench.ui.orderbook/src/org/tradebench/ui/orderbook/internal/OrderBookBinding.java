package org.tradebench.ui.orderbook.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookGrouping;
import org.tradebench.api.market.BookRequest;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.Registration;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.core.format.PriceFormat;

/**
 * Decides what the Order Book panel shows and keeps its subscription: the instrument of the link
 * group (or the one the user picked, or the preferred symbol) on the connector of that exchange,
 * else the same or the preferred symbol on the default connector. Re-binds when connectors come or
 * go, when the connector's instrument list changes (a connector that loads its markets after it
 * registers lists none at first), when the link group changes and when the stream delivered a book
 * the model could not show. A stream that failed (the exchange refused it) is not subscribed again
 * on its own: the ladder shows the cause until the user picks the instrument again or the connector
 * changes.
 *
 * <p>Display thread only; the tracker and link group listeners hop over through a
 * {@link UiThrottler}.
 */
public final class OrderBookBinding implements AutoCloseable {

    /** Levels per side subscribed and shown. */
    public static final int DEPTH = 25;

    /** The symbol shown when nothing else was chosen. */
    public static final String PREFERRED_SYMBOL = "BTC/USD";

    private final OrderBookPanel panel;
    private final ConnectorTracker tracker;
    private final InstrumentLinkGroup group;
    private final UiThrottler rebind;
    private final Registration trackerRegistration;
    private final Registration groupRegistration;

    // a stream that keeps sending data we cannot apply is not re-subscribed more often than this
    private static final long RESUBSCRIBE_PAUSE_NANOS = 2_000_000_000L;

    private long lastResubscribe = System.nanoTime() - RESUBSCRIBE_PAUSE_NANOS;
    private InstrumentId wanted;
    private ExchangeConnector connector;
    private InstrumentId shown;
    private final java.util.Map<String, String> knownNames = new java.util.HashMap<>();
    private Subscription subscription;
    private String groupingWanted = BookGrouping.NONE.describe();
    private BookGrouping grouping = BookGrouping.NONE;
    private List<BookGrouping> groupings = List.of(BookGrouping.NONE);
    private Subscription instrumentSubscription;
    private final List<Subscription> ownSubscriptions = new java.util.ArrayList<>();
    private List<InstrumentId> listed = List.of();
    private volatile InstrumentId linked;
    private boolean closed;
    private OneClick oneClick;

    /**
     * Binds a panel and shows the first book at once if a connector is there.
     *
     * @param panel the panel
     * @param tracker an open connector tracker (the caller closes it)
     * @param group the link group to follow and to lead
     * @param initial the instrument to show first (restored state), nullable for the link
     *        group's or the preferred one
     */
    public OrderBookBinding(OrderBookPanel panel, ConnectorTracker tracker, InstrumentLinkGroup group,
            InstrumentId initial) {
        this.panel = Objects.requireNonNull(panel, "panel");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.group = Objects.requireNonNull(group, "group");
        this.wanted = initial != null ? initial : group.selected().orElse(null);
        this.rebind = new UiThrottler(panel, UiThrottler.DEFAULT_INTERVAL, this::rebind);
        panel.onInstrumentPicked(this::pick);
        panel.setAfterRefresh(this::checkModel);
        panel.ladder().onPricePicked(this::pricePicked);
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
     * @return the instrument, or empty while no book is shown
     */
    public Optional<InstrumentId> shown() {
        return Optional.ofNullable(shown);
    }

    /**
     * The price groupings the shown book offers (from the connector's book options), none first.
     *
     * @return the groupings, at least {@link BookGrouping#NONE}
     */
    public List<BookGrouping> groupings() {
        return groupings;
    }

    /**
     * The grouping of the book shown.
     *
     * @return the grouping
     */
    public BookGrouping grouping() {
        return grouping;
    }

    /**
     * Shows the book grouped by another price increment (one the connector offers: the exchange
     * groups it); kept for the next instruments where they offer the same grouping.
     *
     * @param chosen one of {@link #groupings()}
     */
    public void group(BookGrouping chosen) {
        groupingWanted = chosen.describe();
        if (shown != null && !chosen.equals(grouping)) {
            InstrumentId id = shown;
            unsubscribe();
            if (connector != null) {
                connector.instrument(id.symbol()).ifPresent(this::subscribe);
            }
        }
    }

    /**
     * Restores the grouping chosen last (by its description), before the first book is shown.
     *
     * @param described {@link BookGrouping#describe()} of the grouping, nullable for none
     */
    public void restoreGrouping(String described) {
        if (described != null && !described.isBlank()) {
            groupingWanted = described;
            if (shown != null) {
                groupings.stream().filter(g -> g.describe().equals(described)).findFirst().ifPresent(this::group);
            }
        }
    }

    /**
     * The connector whose book is shown.
     *
     * @return the connector, or empty
     */
    public Optional<ExchangeConnector> connector() {
        return Optional.ofNullable(connector);
    }

    private void pick(InstrumentId id) {
        wanted = id;
        BookModel model = panel.model();
        if (model != null && model.isFailed() && id.equals(shown)) {
            unsubscribe(); // picking a failed book again is how the user retries it
        }
        rebind();
        group.select(id);
    }

    private void checkModel() {
        BookModel model = panel.model();
        if (model != null && model.isBroken() && subscription != null
                && System.nanoTime() - lastResubscribe > RESUBSCRIBE_PAUSE_NANOS) {
            lastResubscribe = System.nanoTime();
            // a new subscription starts with a fresh snapshot
            InstrumentId id = model.instrument();
            unsubscribe();
            connector().flatMap(c -> c.instrument(id.symbol())).ifPresent(this::subscribe);
        }
    }

    /**
     * Places orders on a click while one-click trading is on (else a click only picks the price).
     *
     * @param trader the one-click trader, nullable for none
     */
    public void useOneClick(OneClick trader) {
        oneClick = trader;
    }

    /**
     * A level clicked: with one-click trading on, a limit order at its price (a bid buys, an ask
     * sells) through the gateway; otherwise its price goes to the group (the order entry fills it
     * in, nothing is sent).
     */
    private void pricePicked(LadderCanvas.Row row) {
        if (shown == null || row.price() == null) {
            return;
        }
        java.math.BigDecimal price;
        try {
            price = new java.math.BigDecimal(row.price().replace(",", ""));
        } catch (NumberFormatException notAPrice) {
            return; // a placeholder row ("–"): nothing to pick
        }
        org.tradebench.api.market.Side side = row.kind() == LadderCanvas.Kind.BID ? org.tradebench.api.market.Side.BUY
                : org.tradebench.api.market.Side.SELL;
        OneClick trader = oneClick;
        if (trader != null && trader.enabled() && connector != null) {
            trader.place(connector, shown, side, price);
            return;
        }
        group.pickPrice(shown, side, price);
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
        // The exchange the view is about: the one the user (or the link group) picked, else the one
        // it shows. When that exchange's connector is gone the view says so and waits for it: it
        // never moves to another exchange (the simulated one lists the same symbols) on its own.
        InstrumentId about = wanted != null ? wanted : shown;
        if (about != null && tracker.connectorFor(about).isEmpty()) {
            unavailable(about);
            return;
        }
        Optional<ExchangeConnector> best = (wanted == null ? Optional.<ExchangeConnector>empty()
                : tracker.connectorFor(wanted)).or(tracker::defaultConnector);
        if (best.isEmpty()) {
            unsubscribe();
            unsubscribeInstruments();
            connector = null;
            listed = List.of();
            panel.healthBadge().follow(null);
            panel.setInstruments("", List.of(), null);
            panel.setMessage("Waiting for an exchange connector\u2026");
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
        Optional<Instrument> instrument = choose(c, instruments);
        List<InstrumentId> ids = instruments.stream().map(Instrument::id).toList();
        if (c == connector && instrument.map(Instrument::id).equals(Optional.ofNullable(shown)) && subscription != null) {
            if (!ids.equals(listed)) {
                listed = ids;
                panel.setInstruments(c.displayName(), ids, shown);
            }
            return;
        }
        unsubscribe();
        if (c != connector) {
            unsubscribeInstruments();
            connector = c;
            knownNames.put(c.id(), c.displayName());
            followInstruments(c);
        }
        panel.healthBadge().follow(c);
        InstrumentId selected = instrument.map(Instrument::id).orElse(null);
        listed = ids;
        panel.setInstruments(c.displayName(), ids, selected);
        if (instrument.isEmpty()) {
            panel.setMessage(c.displayName() + " lists no instruments");
            return;
        }
        subscribe(instrument.get());
    }

    /** The connector of the exchange the view is about went away (or never came). */
    private void unavailable(InstrumentId about) {
        String name = connector != null && connector.id().equals(about.exchangeId()) ? connector.displayName()
                : knownNames.getOrDefault(about.exchangeId(), about.exchangeId());
        wanted = about; // stays about this exchange until the user picks another instrument
        unsubscribe();
        unsubscribeInstruments();
        connector = null;
        listed = List.of();
        panel.healthBadge().follow(null);
        panel.setInstruments(name, List.of(), null);
        panel.setMessage(name + " unavailable: its connector is not running. The book of " + about.symbol()
                + " comes back when it does; another exchange is shown only when you pick it.");
    }

    private Optional<Instrument> choose(ExchangeConnector c, List<Instrument> instruments) {
        Optional<Instrument> found = Optional.empty();
        if (wanted != null) {
            found = c.instrument(wanted.symbol());
        }
        if (found.isEmpty()) {
            found = c.instrument(PREFERRED_SYMBOL);
        }
        return found.isPresent() || instruments.isEmpty() ? found : Optional.of(instruments.get(0));
    }

    private void subscribe(Instrument instrument) {
        InstrumentId id = instrument.id();
        // at least the tick's decimals (none for significant digits), more where a level has them
        BookModel model = new BookModel(id, PriceFormat.minScale(instrument.spec()), instrument.spec().sizeScale(),
                DEPTH, panel::requestRefresh);
        shown = id;
        panel.setModel(model);
        try {
            groupings = connector.marketData().bookOptions(id).groupings();
        } catch (RuntimeException unknown) {
            groupings = List.of(BookGrouping.NONE);
        }
        grouping = groupings.stream().filter(g -> g.describe().equals(groupingWanted)).findFirst()
                .orElse(BookGrouping.NONE);
        try {
            subscription = connector.marketData().subscribeBook(new BookRequest(id, DEPTH, false, grouping, null), model);
        } catch (RuntimeException refused) {
            subscription = null;
            panel.setMessage("Cannot stream the book of " + id.symbol() + ": " + refused.getMessage());
        }
        followOwnOrders(id);
    }

    /** The trader's working orders on the instrument, from every trading account of the connector. */
    private void followOwnOrders(InstrumentId id) {
        OwnOrders own = new OwnOrders(id, panel::requestRefresh);
        List<org.tradebench.api.trading.TradingAccount> accounts;
        try {
            accounts = connector.tradingAccounts();
        } catch (RuntimeException goingAway) {
            accounts = List.of();
        }
        for (org.tradebench.api.trading.TradingAccount a : accounts) {
            try {
                for (org.tradebench.api.trading.Order o : a.openOrders()) {
                    own.onOrder(o);
                }
                ownSubscriptions.add(a.subscribe(own));
            } catch (RuntimeException refused) {
                // an account that cannot stream shows no marks; the book is unaffected
            }
        }
        panel.ladder().setOwnOrders(own::marks);
    }

    private void unfollowOwnOrders() {
        for (Subscription s : ownSubscriptions) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // close never throws by contract
            }
        }
        ownSubscriptions.clear();
        if (!panel.isDisposed()) {
            panel.ladder().setOwnOrders(null);
        }
    }

    private void followInstruments(ExchangeConnector c) {
        try {
            // delivery thread: just schedule; rebind() reads the list again and changes only what differs
            instrumentSubscription = c.subscribeInstruments(change -> rebind.schedule());
        } catch (RuntimeException refused) {
            instrumentSubscription = null; // the list stays as it was read
        }
    }

    private void unsubscribeInstruments() {
        Subscription s = instrumentSubscription;
        instrumentSubscription = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // close never throws by contract
            }
        }
    }

    private void unsubscribe() {
        unfollowOwnOrders();
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

    /** Closes the subscription and stops following the tracker and the link group. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        rebind.cancel();
        trackerRegistration.close();
        groupRegistration.close();
        unsubscribe();
        unsubscribeInstruments();
        if (!panel.isDisposed()) {
            panel.healthBadge().follow(null);
        }
        connector = null;
    }
}
