package org.tradebench.ui.orderentry.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.tradebench.api.Capability;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.account.MarginMode;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Side;
import org.tradebench.api.risk.RiskVerdict;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.AccountSetting;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderGateway;
import org.tradebench.api.trading.OrderProgress;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStep;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.SettingResult;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.GatewayTracker;
import org.tradebench.ui.core.InstrumentLinkGroup;
import org.tradebench.ui.core.Registration;
import org.tradebench.ui.core.UiThrottler;

/**
 * Drives the order entry form: the instrument of the link group on its exchange's connector, that
 * connector's trading accounts, the live top of the book ({@link QuoteFeed}), the account's
 * balances and position; every change re-reads the form through {@link OrderTicket} and the
 * gateway's risk preview, at most once per repaint. Placing goes through the order gateway only,
 * with a confirmation for market orders (a preference), and shows each step of the order in flight
 * ("sending…", "accepted", "placing TP/SL…", filled or rejected with the exchange's text).
 *
 * <p>Display thread, except the listeners, which only record and schedule.
 */
public final class OrderEntryController implements AutoCloseable {

    /** The symbol shown when the link group has chosen nothing. */
    public static final String PREFERRED_SYMBOL = "BTC/USD";

    private final OrderEntryPanel panel;
    private final ConnectorTracker connectors;
    private final GatewayTracker gateways;
    private final InstrumentLinkGroup group;
    private final Supplier<OrderTicket.Settings> settings;
    private final Supplier<Boolean> confirmMarket;
    private final Predicate<String> confirm;
    private final UiThrottler refresh;
    private boolean skipped;
    private final Registration connectorRegistration;
    private final Registration gatewayRegistration;
    private final Registration groupRegistration;
    private final Registration priceRegistration;

    private volatile InstrumentId linked;
    private InstrumentId wanted;
    private ExchangeConnector connector;
    private Instrument instrument;
    private List<TradingAccount> accounts = List.of();
    private TradingAccount account;
    private QuoteFeed feed;
    private Subscription book;
    private Subscription trading;
    /** The bound connector's instrument list: a ticket bound before the list arrived binds again when it does. */
    private Subscription instrumentList;
    private volatile String progressText = "";
    private volatile boolean progressFailed;
    private OrderTicket.Evaluation last;
    private boolean closed;
    /** The instrument and account the leverage fields were filled for. */
    private Object settingsShownFor;
    /** What was last sent (or shown as the exchange's) for the instrument: not sent again unasked. */
    private String sentLeverage = "";
    private MarginMode sentMode;
    private java.util.function.Function<String, Optional<BigDecimal>> defaultQuantity = s -> Optional.empty();
    private volatile String settingText = "";
    private volatile boolean settingFailed;
    /** The exchange refused: the fields go back to what the position has, so no estimate uses the refused value. */
    private volatile boolean revertSettings;

    /**
     * Binds the panel.
     *
     * @param panel the form
     * @param connectors an open connector tracker (the caller closes it)
     * @param gateways an open gateway tracker (the caller closes it)
     * @param group the link group to follow
     * @param settings the thresholds and fee assumptions (read at every evaluation)
     * @param confirmMarket whether market orders are confirmed first (read at every placement)
     * @param confirm asks the trader; true to send
     */
    public OrderEntryController(OrderEntryPanel panel, ConnectorTracker connectors, GatewayTracker gateways,
            InstrumentLinkGroup group, Supplier<OrderTicket.Settings> settings, Supplier<Boolean> confirmMarket,
            Predicate<String> confirm) {
        this.panel = Objects.requireNonNull(panel, "panel");
        this.connectors = Objects.requireNonNull(connectors, "connectors");
        this.gateways = Objects.requireNonNull(gateways, "gateways");
        this.group = Objects.requireNonNull(group, "group");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.confirmMarket = Objects.requireNonNull(confirmMarket, "confirmMarket");
        this.confirm = Objects.requireNonNull(confirm, "confirm");
        this.wanted = group.selected().orElse(null);
        this.refresh = new UiThrottler(panel, UiThrottler.DEFAULT_INTERVAL, this::refresh);
        panel.onChange(refresh::schedule);
        panel.onPlace(this::place);
        panel.onApplySettings(this::applySettings);
        connectorRegistration = connectors.addListener(t -> refresh.schedule());
        gatewayRegistration = gateways.addListener(t -> refresh.schedule());
        groupRegistration = group.addListener(id -> {
            linked = id;
            refresh.schedule();
        });
        priceRegistration = group.addPriceListener(this::pricePicked);
        // a hidden view (another tab in front of it) skips its refreshes; shown again, it catches up
        panel.addListener(org.eclipse.swt.SWT.Show, e -> catchUp());
        panel.addListener(org.eclipse.swt.SWT.Paint, e -> catchUp());
        panel.addListener(org.eclipse.swt.SWT.Resize, e -> catchUp());
        refresh();
    }

    /**
     * A price picked in a linked view (a click on a book level; display thread): a limit order at
     * that price, buying from a bid, selling from an ask. Nothing is sent.
     */
    private void pricePicked(InstrumentId id, Side side, BigDecimal price) {
        if (instrument == null || !instrument.id().equals(id) || panel.isDisposed()) {
            return;
        }
        panel.setSide(side);
        panel.selectType(OrderType.LIMIT);
        panel.setPrice(price);
        refresh.schedule();
    }

    /**
     * Where the quantity a ticket starts with comes from (the preferences); none by default.
     *
     * @param bySymbol the default quantity of a symbol, empty for none
     */
    public void useDefaultQuantities(java.util.function.Function<String, Optional<BigDecimal>> bySymbol) {
        defaultQuantity = Objects.requireNonNull(bySymbol, "bySymbol");
        if (instrument != null && panel.quantityField().getText().isBlank()) {
            startQuantity(instrument.id(), false);
            refresh.schedule();
        }
    }

    /**
     * The quantity field for a newly shown instrument: its default quantity; blank when it has none
     * and another instrument was shown (a quantity typed for one market is not carried to another).
     */
    private void startQuantity(InstrumentId id, boolean changed) {
        Optional<BigDecimal> q = defaultQuantity.apply(id.symbol());
        if (q.isPresent()) {
            panel.startQuantity(q.get());
        } else if (changed) {
            panel.startQuantity(null);
        }
    }

    /** The instrument shown, if any. */
    public Optional<InstrumentId> instrument() {
        return Optional.ofNullable(instrument).map(Instrument::id);
    }

    /** The last evaluation of the form (tests). */
    OrderTicket.Evaluation evaluation() {
        return last;
    }

    private void catchUp() {
        if (skipped) {
            refresh.schedule();
        }
    }

    /**
     * Whether refreshes were skipped while the view was hidden (tests).
     *
     * @return true until the view is shown and refreshed again
     */
    boolean skippedWhileHidden() {
        return skipped;
    }

    /**
     * Re-binds and re-reads the form. Display thread. Skipped while the panel is hidden (it would
     * redo the estimates and the layout of a form nobody sees every time the book moves); done at
     * once when it shows again.
     */
    public void refresh() {
        if (closed || panel.isDisposed()) {
            return;
        }
        if (!panel.isVisible() && panel.getShell().isVisible()) {
            skipped = true;
            return;
        }
        skipped = false;
        InstrumentId l = linked;
        if (l != null) {
            linked = null;
            wanted = l;
        }
        bind();
        show();
    }

    private void bind() {
        Optional<ExchangeConnector> c = (wanted == null ? Optional.<ExchangeConnector>empty()
                : connectors.connectorFor(wanted)).or(this::defaultTradingConnector);
        if (wanted != null && connectors.connectorFor(wanted).isEmpty()) {
            c = Optional.empty(); // never an order on another exchange than the one chosen
        }
        ExchangeConnector next = c.orElse(null);
        Instrument nextInstrument = null;
        if (next != null) {
            try {
                nextInstrument = (wanted != null ? next.instrument(wanted.symbol()) : Optional.<Instrument>empty())
                        .or(() -> next.instrument(PREFERRED_SYMBOL))
                        .or(() -> next.instruments().stream().findFirst()).orElse(null);
            } catch (RuntimeException goingAway) {
                nextInstrument = null;
            }
        }
        if (next != connector || !Objects.equals(nextInstrument, instrument)) {
            InstrumentId before = instrument == null ? null : instrument.id();
            if (nextInstrument != null && !nextInstrument.id().equals(before)) {
                startQuantity(nextInstrument.id(), before != null);
            }
            unsubscribe();
            if (next != connector) {
                closeInstrumentList();
                if (next != null) {
                    try {
                        instrumentList = next.subscribeInstruments(change -> refresh.schedule());
                    } catch (RuntimeException goingAway) {
                        instrumentList = null;
                    }
                }
            }
            connector = next;
            instrument = nextInstrument;
            panel.healthBadge().follow(next);
            if (next != null && nextInstrument != null) {
                feed = new QuoteFeed(refresh::schedule);
                book = next.marketData().subscribeBook(new BookRequest(nextInstrument.id(), QuoteFeed.LEVELS), feed);
            }
        }
        List<TradingAccount> now = connector == null ? List.of() : safeAccounts(connector);
        if (!now.equals(accounts)) {
            accounts = now;
            int keep = account == null ? 0 : Math.max(0, now.indexOf(account));
            selectAccount(now.isEmpty() ? null : now.get(keep));
        }
        int picked = panel.selectedAccount();
        if (picked >= 0 && picked < accounts.size() && accounts.get(picked) != account) {
            selectAccount(accounts.get(picked));
        }
    }

    /**
     * With no instrument chosen: the default connector when it trades, else the best one that
     * does (a market-data-only exchange is no place for a ticket), else the default.
     */
    private Optional<ExchangeConnector> defaultTradingConnector() {
        Optional<ExchangeConnector> d = connectors.defaultConnector();
        if (d.isEmpty() || !safeAccounts(d.get()).isEmpty()) {
            return d;
        }
        for (ExchangeConnector c : connectors.connectors()) {
            if (!safeAccounts(c).isEmpty()) {
                return Optional.of(c);
            }
        }
        return d;
    }

    private void closeInstrumentList() {
        if (instrumentList != null) {
            instrumentList.close();
            instrumentList = null;
        }
    }

    private static List<TradingAccount> safeAccounts(ExchangeConnector c) {
        try {
            return List.copyOf(c.tradingAccounts());
        } catch (RuntimeException goingAway) {
            return List.of();
        }
    }

    private void selectAccount(TradingAccount a) {
        if (trading != null) {
            trading.close();
            trading = null;
        }
        account = a;
        if (a != null) {
            trading = a.subscribe(new TradingListener() {
                @Override
                public void onOrder(Order order) {
                    refresh.schedule();
                }
            });
        }
    }

    private void show() {
        if (connector == null || instrument == null) {
            String why = wanted != null && connectors.connectorFor(wanted).isEmpty()
                    ? wanted.exchangeId() + " is not running: orders for " + wanted.symbol() + " cannot be sent"
                    : "Waiting for an exchange connector\u2026";
            panel.showInstrument(wanted != null ? wanted.symbol() : "");
            panel.showAccounts(List.of(), -1);
            panel.showQuote(null, null, null, null, false, why);
            panel.showEvaluation(OrderTicket.evaluate(panel.input(), emptyMarket(), settings.get(), "preview"), "",
                    "", false, List.of(why), "Cannot place", false);
            return;
        }
        boolean derivative = instrument.kind() != InstrumentKind.SPOT;
        String[] ccy = OrderTicket.currencies(instrument);
        panel.showInstrument(instrument.id().symbol() + "  \u00b7  " + connector.displayName());
        List<String> names = new ArrayList<>();
        accounts.forEach(a -> names.add(a.displayName() + " (" + a.accountId() + ")"));
        panel.showAccounts(names, account == null ? -1 : accounts.indexOf(account));

        QuoteFeed.Snapshot q = feed == null ? QuoteFeed.Snapshot.NONE : feed.snapshot();
        OrderTicket.Input in = panel.input();
        if (in.type().needsPrice() && q.live()) {
            List<BigDecimal> same = in.side() == Side.BUY ? q.bidPrices() : q.askPrices();
            panel.suggestPrice(same.isEmpty() ? null : same.get(0));
            in = panel.input();
        }
        java.util.Set<Capability> caps = account == null ? java.util.Set.of() : account.capabilities();
        List<OrderType> offered = new ArrayList<>();
        for (OrderType t : OrderEntryPanel.TYPES) {
            if (caps.contains(capabilityOf(t))) {
                offered.add(t);
            }
        }
        panel.showFields(in.type(), derivative, caps.contains(Capability.ORDER_POST_ONLY),
                caps.contains(Capability.ORDER_REDUCE_ONLY), offered);
        Optional<Position> position = account == null ? Optional.empty()
                : account.positions().stream().filter(p -> p.instrument().equals(instrument.id())
                        && p.side() != PositionSide.FLAT).findFirst();
        showSettings(derivative, caps, position);
        OrderTicket.Market market = new OrderTicket.Market(instrument, q.bidPrices(), q.bidSizes(), q.askPrices(),
                q.askSizes(), q.live(), caps, account == null ? List.of() : account.balances(), position);
        OrderTicket.Evaluation e = OrderTicket.evaluate(in, market, settings.get(), "preview");
        last = e;
        BigDecimal bid = q.bidPrices().isEmpty() ? null : q.bidPrices().get(0);
        BigDecimal ask = q.askPrices().isEmpty() ? null : q.askPrices().get(0);
        panel.showQuote(bid, ask, e.spread(), e.spreadBps(), q.live(), q.cause());

        List<String> blocking = new ArrayList<>();
        if (account == null) {
            blocking.add(connector.displayName() + " has no trading account: store API keys in Preferences >"
                    + " Tradebench > Exchange Accounts");
        } else if (!offered.contains(in.type())) {
            blocking.add(connector.displayName() + " does not offer " + in.type().wireName() + " orders");
        }
        Optional<OrderGateway> g = gateways.gateway();
        if (g.isEmpty()) {
            blocking.add(GatewayTracker.MISSING);
        } else if (e.request() != null && account != null && blocking.isEmpty()) {
            try {
                RiskVerdict v = g.get().preview(ref(), e.request());
                if (!v.accepted()) {
                    v.messages().forEach(m -> blocking.add("risk check: " + m));
                }
            } catch (RuntimeException ex) {
                blocking.add("risk check unavailable: " + ex.getMessage());
            }
        }
        boolean can = e.request() != null && blocking.isEmpty();
        String placeText = (in.side() == Side.BUY ? "Buy " : "Sell ")
                + (e.quantity() == null ? "" : e.quantity().toPlainString() + " ") + ccy[0] + " "
                + in.type().wireName() + (e.request() != null && e.request().price() != null
                        ? " @ " + e.request().price().toPlainString() : "");
        panel.showEvaluation(e, ccy[1], ccy[2], derivative, blocking, placeText, can);
        panel.showProgress(progressText, progressFailed);
    }

    /**
     * The leverage and margin mode: offered or not, filled from the position when the instrument or
     * account changes, and the line saying what the exchange answered.
     */
    private void showSettings(boolean derivative, java.util.Set<Capability> caps, Optional<Position> position) {
        boolean lev = derivative && instrument.offers(Capability.LEVERAGE, caps);
        boolean mode = derivative && instrument.offers(Capability.MARGIN_MODE, caps);
        panel.showSettingsOffered(lev, mode);
        List<Object> key = java.util.Arrays.asList(instrument.id(), account);
        if (!key.equals(settingsShownFor)) {
            settingsShownFor = key;
            BigDecimal l = position.map(Position::leverage).orElse(null);
            MarginMode m = position.map(Position::marginMode).orElse(null);
            panel.showSettings(l, m);
            sentLeverage = panel.leverageText();
            sentMode = m;
            settingText = "";
            settingFailed = false;
        }
        if (revertSettings) {
            revertSettings = false;
            if (position.isPresent()) {
                panel.showSettings(position.get().leverage(), position.get().marginMode());
                sentLeverage = panel.leverageText();
                sentMode = position.get().marginMode();
            }
        }
        String text = settingText;
        if (text.isEmpty() && position.isPresent()) {
            Position p = position.get();
            text = "position: " + p.leverage().stripTrailingZeros().toPlainString() + "\u00d7 "
                    + p.marginMode().wireName();
        } else if (text.isEmpty() && derivative && !lev && !mode) {
            text = connector.displayName() + " does not let you set the leverage or margin mode of "
                    + instrument.id().symbol() + " here";
        }
        panel.showSettingStatus(text, settingFailed);
    }

    /**
     * Sends the leverage and margin mode the form shows to the exchange ({@link TradingAccount#configure}),
     * one after the other, showing "applying…" and then the exchange's answer.
     *
     * @param force true to send even what was sent before (the Apply button); false to send only what
     *        changed (Enter, focus-out, a margin-mode choice)
     */
    void applySettings(boolean force) {
        if (closed || panel.isDisposed() || account == null || instrument == null
                || instrument.kind() == InstrumentKind.SPOT) {
            return;
        }
        java.util.Set<Capability> caps = account.capabilities();
        List<AccountSetting> todo = new ArrayList<>();
        String levText = panel.leverageText();
        if (instrument.offers(Capability.LEVERAGE, caps) && !levText.isEmpty()
                && (force || !levText.equals(sentLeverage))) {
            BigDecimal lev;
            try {
                lev = new BigDecimal(levText);
            } catch (NumberFormatException e) {
                lev = null;
            }
            if (lev == null || lev.compareTo(BigDecimal.ONE) < 0) {
                setting("not applied: the leverage must be a number of at least 1, such as 5 (was \"" + levText
                        + "\")", true);
                return;
            }
            todo.add(new AccountSetting.Leverage(instrument.id(), lev));
        }
        MarginMode mode = panel.marginModeChoice();
        if (instrument.offers(Capability.MARGIN_MODE, caps) && mode != null && (force || mode != sentMode)) {
            todo.add(new AccountSetting.Margin(instrument.id(), mode));
        }
        if (todo.isEmpty()) {
            return;
        }
        sentLeverage = levText;
        sentMode = mode;
        setting("applying\u2026", false);
        TradingAccount target = account;
        java.util.concurrent.CompletionStage<List<SettingResult>> chain =
                java.util.concurrent.CompletableFuture.completedFuture(List.of());
        for (AccountSetting s : todo) {
            chain = chain.thenCompose(done -> target.configure(s).thenApply(r -> {
                List<SettingResult> all = new ArrayList<>(done);
                all.add(r);
                return all;
            }));
        }
        chain.whenComplete((results, ex) -> {
            if (ex != null) {
                Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
                setting("not applied: " + cause.getMessage(), true);
                return;
            }
            List<String> lines = new ArrayList<>();
            boolean refused = false;
            for (SettingResult r : results) {
                refused |= !r.applied();
                lines.add(r.applied() ? "\u2713 " + r.message()
                        : "refused: " + r.message() + (r.code() == null ? "" : " (" + r.code() + ")"));
            }
            revertSettings = refused;
            setting(String.join("\n", lines), refused);
        });
    }

    private void setting(String text, boolean failed) {
        settingText = text; // any thread: shown at the next repaint
        settingFailed = failed;
        refresh.schedule();
    }

    private OrderTicket.Market emptyMarket() {
        Instrument i = instrument != null ? instrument
                : new Instrument(new InstrumentId("none", "BTC/USD"), InstrumentKind.SPOT,
                        new org.tradebench.api.instrument.InstrumentSpec(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO),
                        "none");
        return new OrderTicket.Market(i, List.of(), List.of(), List.of(), List.of(), false, java.util.Set.of(),
                List.of(), Optional.empty());
    }

    private AccountRef ref() {
        return new AccountRef(account.exchangeId(), account.accountId());
    }

    private static Capability capabilityOf(OrderType t) {
        return switch (t) {
            case MARKET -> Capability.ORDER_MARKET;
            case LIMIT -> Capability.ORDER_LIMIT;
            case STOP -> Capability.ORDER_STOP;
            case STOP_LIMIT -> Capability.ORDER_STOP_LIMIT;
            case TAKE_PROFIT -> Capability.ORDER_TAKE_PROFIT;
            case TAKE_PROFIT_LIMIT -> Capability.ORDER_TAKE_PROFIT_LIMIT;
        };
    }

    /** The place button: re-reads the form with a fresh id, confirms a market order, sends. */
    void place() {
        place(null);
    }

    /**
     * Places what the form says.
     *
     * @param keyboard how a keyboard order is priced ("at the best ask"), to confirm it; null for the
     *        place button (only market orders are confirmed, when the preference says so)
     */
    private void place(String keyboard) {
        refresh();
        Optional<OrderGateway> g = gateways.gateway();
        if (last == null || last.request() == null || account == null || g.isEmpty() || !panel.placeButton().isEnabled()) {
            if (keyboard != null) {
                progress("not sent: " + (panel.errorText().isEmpty() ? "the form is not complete" : panel.errorText()),
                        true);
            }
            return;
        }
        OrderRequest request = last.request().withClientOrderId(g.get().newClientOrderId());
        if (keyboard != null) {
            String what = (request.side() == Side.BUY ? "Buy " : "Sell ") + request.quantity().toPlainString() + " "
                    + request.instrument().symbol() + " " + keyboard + ", " + request.price().toPlainString() + ", on "
                    + connector.displayName() + (last.warnings().isEmpty() ? "" : "\n\n" + String.join("\n",
                            last.warnings().stream().map(OrderTicket.Warning::text).toList())) + "?";
            if (!confirm.test(what)) {
                progress("not sent: cancelled at the confirmation", false);
                return;
            }
        } else if (request.type() == OrderType.MARKET && Boolean.TRUE.equals(confirmMarket.get())) {
            String what = (request.side() == Side.BUY ? "Buy " : "Sell ") + request.quantity().toPlainString() + " "
                    + request.instrument().symbol() + " at market on " + connector.displayName()
                    + (last.price() != null ? " (\u2248 " + last.price().stripTrailingZeros().toPlainString()
                            + (last.cost() != null ? ", cost \u2248 " + last.cost().setScale(2,
                                    java.math.RoundingMode.HALF_UP).toPlainString() : "") + ")" : "")
                    + (last.warnings().isEmpty() ? "" : "\n\n" + String.join("\n",
                            last.warnings().stream().map(OrderTicket.Warning::text).toList()))
                    + "?";
            if (!confirm.test(what)) {
                progress("not sent: cancelled at the confirmation", false);
                return;
            }
        }
        progress("checking\u2026", false);
        g.get().place(ref(), request, this::onProgress).whenComplete((o, ex) -> {
            if (ex != null) {
                progress("failed: " + (ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage()), true);
            }
        });
    }

    /**
     * Keyboard: a limit order at the touch on the other side (buy at the best ask, sell at the best
     * bid) for the form's quantity, confirmed first when {@code confirmKeys} says so.
     *
     * @param s the side
     * @param confirmKeys whether keyboard orders are confirmed first
     */
    public void tradeAtBest(Side s, boolean confirmKeys) {
        refresh();
        QuoteFeed.Snapshot q = feed == null ? QuoteFeed.Snapshot.NONE : feed.snapshot();
        List<BigDecimal> other = s == Side.BUY ? q.askPrices() : q.bidPrices();
        if (!q.live() || other.isEmpty()) {
            progress("not sent: no live " + (s == Side.BUY ? "ask" : "bid") + (q.cause().isEmpty() ? "" : " (" + q.cause()
                    + ")"), true);
            return;
        }
        panel.setSide(s);
        panel.selectType(OrderType.LIMIT);
        panel.setPrice(other.get(0));
        refresh();
        if (last == null || last.request() == null) {
            progress("not sent: " + (last == null ? "no order" : String.join("; ", last.errors())), true);
            return;
        }
        place(confirmKeys ? "at the best " + (s == Side.BUY ? "ask" : "bid") : null);
    }

    /** Keyboard: cancels every working order of the shown instrument on the account, through the gateway. */
    public void cancelAll() {
        Optional<OrderGateway> g = gateways.gateway();
        if (account == null || instrument == null || g.isEmpty()) {
            progress("cancel-all not sent: " + (g.isEmpty() ? GatewayTracker.MISSING : "no trading account"), true);
            return;
        }
        InstrumentId id = instrument.id();
        progress("cancelling every " + id.symbol() + " order\u2026", false);
        g.get().cancelAll(ref(), Optional.of(id)).whenComplete((n, ex) -> progress(ex == null
                ? "cancel-all: " + n + " " + id.symbol() + " order" + (n == 1 ? "" : "s") + " cancelled"
                : "cancel-all failed: " + (ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage()),
                ex != null));
    }

    /**
     * Keyboard: closes the account's position in the shown instrument with a reduce-only market
     * order through the gateway, after a confirmation.
     */
    public void flatten() {
        refresh();
        Optional<OrderGateway> g = gateways.gateway();
        Optional<Position> p = account == null || instrument == null ? Optional.empty()
                : account.positions().stream().filter(x -> x.instrument().equals(instrument.id())
                        && x.side() != PositionSide.FLAT).findFirst();
        if (p.isEmpty() || g.isEmpty()) {
            progress(g.isEmpty() ? GatewayTracker.MISSING : "nothing to flatten: no position in "
                    + (instrument == null ? "this instrument" : instrument.id().symbol()), g.isEmpty());
            return;
        }
        Side side = p.get().side() == PositionSide.LONG ? Side.SELL : Side.BUY;
        OrderRequest close = OrderRequest.market(g.get().newClientOrderId(), instrument.id(), side, p.get().quantity())
                .withFlags(java.util.EnumSet.of(org.tradebench.api.trading.OrderFlag.REDUCE_ONLY));
        if (!confirm.test("Flatten: " + (side == Side.BUY ? "buy " : "sell ") + p.get().quantity().toPlainString() + " "
                + instrument.id().symbol() + " at market, reduce-only, on " + connector.displayName() + "?")) {
            progress("not sent: cancelled at the confirmation", false);
            return;
        }
        progress("checking\u2026", false);
        g.get().place(ref(), close, this::onProgress);
    }

    private void onProgress(OrderProgress p) {
        String text = switch (p.step()) {
            case REJECTED -> "rejected: " + p.message();
            case FAILED -> p.message();
            default -> p.message() == null || p.message().isEmpty() ? p.step().label() : p.message();
        };
        progress(text, p.step() == OrderStep.REJECTED || p.step() == OrderStep.FAILED);
    }

    private void progress(String text, boolean failed) {
        progressText = text; // any thread: shown at the next repaint
        progressFailed = failed;
        refresh.schedule();
    }

    private void unsubscribe() {
        if (book != null) {
            book.close();
            book = null;
        }
        feed = null;
        if (trading != null) {
            trading.close();
            trading = null;
        }
        account = null;
        accounts = List.of();
    }

    @Override
    public void close() {
        closed = true;
        refresh.cancel();
        closeInstrumentList();
        connectorRegistration.close();
        gatewayRegistration.close();
        groupRegistration.close();
        priceRegistration.close();
        unsubscribe();
    }
}
