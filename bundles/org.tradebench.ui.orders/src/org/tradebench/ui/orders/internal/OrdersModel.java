package org.tradebench.ui.orders.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.Reconciliation;

/**
 * The latest state of every tracked account's orders and fills, written from connector and gateway
 * threads and read by the display thread as an immutable {@link Snapshot}. Only the latest value of
 * each order is kept; nothing here touches a widget.
 *
 * <p>Reconciliation notices come from two places: a {@link Reconciliation} that changed anything,
 * and an order whose state changed within {@link #RECONNECT_WINDOW} of the account's health going
 * back to live without the trader having asked for anything on it.
 *
 * <p>Thread-safe (one lock; every method is short and never calls out).
 */
public final class OrdersModel {

    /** How long after the health comes back to live an unasked change counts as a reconnect's. */
    public static final Duration RECONNECT_WINDOW = Duration.ofSeconds(10);

    private static final int MAX_FILLS = 2_000;
    private static final int MAX_NOTICES = 50;

    /**
     * One account as the view shows it.
     *
     * @param ref the account
     * @param name its name for people
     * @param health its latest health, nullable before the first value
     * @param viaGateway whether its orders stream through the order gateway (else read-only)
     * @param orders every order seen, latest value each, oldest first
     * @param fills fills seen or fetched, oldest first
     * @param historyFetched orders fetched from the exchange's history, oldest first
     * @param historyNote what the history or fills fetch said (empty, "loading", a failure, "not offered")
     */
    public record AccountView(AccountRef ref, String name, ConnectionHealth health, boolean viaGateway,
            List<Order> orders, List<Fill> fills, List<Order> historyFetched, String historyNote) {

        /** Copies. */
        public AccountView {
            orders = List.copyOf(orders);
            fills = List.copyOf(fills);
            historyFetched = List.copyOf(historyFetched);
        }

        /**
         * Whether the numbers are live.
         *
         * @return true when the health is LIVE
         */
        public boolean live() {
            return health != null && health.state() == ConnectionState.LIVE;
        }
    }

    /**
     * What changed without the trader asking, to be shown as a notice.
     *
     * @param account the account
     * @param time when it was noticed
     * @param cause why ("reconnect", "start", "order changed after reconnect")
     * @param lines one line per changed order or recovered fill
     */
    public record Notice(AccountRef account, Instant time, String cause, List<String> lines) {

        /** Copies. */
        public Notice {
            lines = List.copyOf(lines);
        }
    }

    /**
     * Everything the display needs, immutable.
     *
     * @param accounts the accounts, in the order they were added
     * @param notices the notices not yet dismissed, oldest first
     */
    public record Snapshot(List<AccountView> accounts, List<Notice> notices) {

        /** Copies. */
        public Snapshot {
            accounts = List.copyOf(accounts);
            notices = List.copyOf(notices);
        }
    }

    private static final class State {
        final AccountRef ref;
        String name;
        ConnectionHealth health;
        boolean viaGateway;
        Instant liveAgainAt;
        final Map<String, Order> orders = new LinkedHashMap<>();
        final Map<String, Fill> fills = new LinkedHashMap<>();
        List<Order> history = List.of();
        String historyNote = "";

        State(AccountRef ref, String name) {
            this.ref = ref;
            this.name = name;
        }
    }

    private final Map<AccountRef, State> accounts = new LinkedHashMap<>();
    private final List<Notice> notices = new ArrayList<>();
    private final Set<String> asked = new HashSet<>();

    /**
     * Adds an account, or renames one already known (keeping its orders).
     *
     * @param ref the account
     * @param name its name for people
     * @param viaGateway whether orders come through the gateway
     */
    public synchronized void addAccount(AccountRef ref, String name, boolean viaGateway) {
        State s = accounts.computeIfAbsent(ref, r -> new State(r, name));
        s.name = name;
        s.viaGateway = viaGateway;
    }

    /**
     * Drops accounts not in a set (their connector went away).
     *
     * @param keep the accounts still there
     */
    public synchronized void retain(Set<AccountRef> keep) {
        accounts.keySet().retainAll(keep);
    }

    /**
     * The account's health changed.
     *
     * @param ref the account
     * @param health the new value
     * @param now the time
     */
    public synchronized void health(AccountRef ref, ConnectionHealth health, Instant now) {
        State s = accounts.get(ref);
        if (s == null) {
            return;
        }
        boolean wasLive = s.health != null && s.health.state() == ConnectionState.LIVE;
        if (s.health != null && !wasLive && health.state() == ConnectionState.LIVE) {
            s.liveAgainAt = now;
        }
        s.health = health;
    }

    /**
     * The trader asked for something on an order (cancel, amend): its next changes are expected.
     *
     * @param clientOrderId the order
     */
    public synchronized void asked(String clientOrderId) {
        asked.add(clientOrderId);
    }

    /**
     * An order changed.
     *
     * @param ref the account
     * @param order the new value
     * @param now the time
     */
    public synchronized void order(AccountRef ref, Order order, Instant now) {
        State s = accounts.get(ref);
        if (s == null) {
            return;
        }
        Order before = s.orders.put(order.clientOrderId(), order);
        boolean afterReconnect = s.liveAgainAt != null && Duration.between(s.liveAgainAt, now).compareTo(RECONNECT_WINDOW) <= 0;
        if (afterReconnect && before != null && before.status() != order.status()
                && !asked.contains(order.clientOrderId())) {
            addNotice(new Notice(ref, now, "order changed after reconnect", List.of(describeChange(before, order))));
        }
        if (order.status().isFinal()) {
            asked.remove(order.clientOrderId());
        }
    }

    /**
     * A fill happened or was fetched.
     *
     * @param ref the account
     * @param fill the fill
     */
    public synchronized void fill(AccountRef ref, Fill fill) {
        State s = accounts.get(ref);
        if (s == null) {
            return;
        }
        s.fills.put(fill.id() + "/" + fill.clientOrderId(), fill);
        while (s.fills.size() > MAX_FILLS) {
            s.fills.remove(s.fills.keySet().iterator().next());
        }
    }

    /**
     * A reconciliation finished; a notice when it changed anything.
     *
     * @param ref the account
     * @param r what it found
     */
    public synchronized void reconciliation(AccountRef ref, Reconciliation r) {
        if (!r.changedAnything() || !accounts.containsKey(ref)) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (Order o : r.changedOrders()) {
            lines.add(o.clientOrderId() + " " + o.instrument().symbol() + " " + o.side() + " " + o.request().quantity()
                    + ": now " + OrderText.status(o) + (o.reason().isEmpty() ? "" : " (" + o.reason() + ")"));
        }
        for (Fill f : r.recoveredFills()) {
            accounts.get(ref).fills.putIfAbsent(f.id() + "/" + f.clientOrderId(), f);
            lines.add("missed fill " + f.clientOrderId() + " " + f.side() + " " + f.quantity().toPlainString() + " @ "
                    + f.price().toPlainString());
        }
        addNotice(new Notice(ref, r.time(), r.cause(), lines));
    }

    /**
     * Fetched order and fill history (replaces the previous fetch).
     *
     * @param ref the account
     * @param history the orders, oldest first
     * @param fetchedFills the fills, oldest first
     * @param note what to say about it (empty when all went well)
     */
    public synchronized void history(AccountRef ref, List<Order> history, List<Fill> fetchedFills, String note) {
        State s = accounts.get(ref);
        if (s == null) {
            return;
        }
        s.history = List.copyOf(history);
        s.historyNote = note;
        for (Fill f : fetchedFills) {
            s.fills.putIfAbsent(f.id() + "/" + f.clientOrderId(), f);
        }
    }

    /**
     * Sets what the history fetch says (for example "loading").
     *
     * @param ref the account
     * @param note the text
     */
    public synchronized void historyNote(AccountRef ref, String note) {
        State s = accounts.get(ref);
        if (s != null) {
            s.historyNote = note;
        }
    }

    /** Drops every notice (the trader read them). */
    public synchronized void dismissNotices() {
        notices.clear();
    }

    /**
     * A copy of everything.
     *
     * @return the snapshot
     */
    public synchronized Snapshot snapshot() {
        List<AccountView> views = new ArrayList<>();
        for (State s : accounts.values()) {
            List<Fill> fills = new ArrayList<>(s.fills.values());
            fills.sort(Comparator.comparing(Fill::time));
            views.add(new AccountView(s.ref, s.name, s.health, s.viaGateway, List.copyOf(s.orders.values()), fills,
                    s.history, s.historyNote));
        }
        return new Snapshot(views, notices);
    }

    private void addNotice(Notice n) {
        notices.add(n);
        while (notices.size() > MAX_NOTICES) {
            notices.remove(0);
        }
    }

    private static String describeChange(Order before, Order after) {
        return after.clientOrderId() + " " + after.instrument().symbol() + " " + after.side() + " "
                + after.request().quantity().toPlainString() + ": " + OrderText.status(before) + " \u2192 "
                + OrderText.status(after) + (after.reason().isEmpty() ? "" : " (" + after.reason() + ")");
    }
}
