package org.tradebench.connector.bitfinex.internal.trading;

import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.Placement;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChange;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrder;
import org.tradebench.connector.support.Delivery;
import org.tradebench.connector.support.orders.OrderRegistry;
import org.tradebench.connector.support.stream.TradingStream;

/**
 * Every order the Bitfinex account knows, by client order id, by Bitfinex {@code cid} and by
 * exchange id, moved through the API's state machine ({@link OrderStatus#canBecome}) by what the
 * exchange says, and published to the account's listeners. Orders placed elsewhere (the website,
 * another session) are tracked under a made-up client order id ({@code bfx-ID}).
 *
 * <p>Retention: the orders live in an {@link OrderRegistry}; a finished order stays for the
 * retention's time and count (ten minutes, 1,000 orders by default), then leaves memory with a
 * tombstone of its client order id. Publishing the open orders walks the working orders only.
 *
 * <p>Runtime lock held for everything.
 */
final class OrderTracker {

    private static final System.Logger LOG = System.getLogger(OrderTracker.class.getName());

    /** The made-up client order id of an order placed elsewhere: {@code bfx-ID}. */
    static final String FOREIGN_PREFIX = "bfx-";

    private final TradingStream events;
    private final Delivery delivery;
    private final java.util.function.Function<String, Optional<Instrument>> instrumentOfRaw;
    /** By client order id and exchange id; finished orders leave after the retention's bounds. */
    private final OrderRegistry<TrackedOrder> orders;
    /** Bitfinex's cid of the orders in memory (the registry's forget callback keeps it in step). */
    private final Map<Long, TrackedOrder> byCid = new HashMap<>();
    private Consumer<TrackedOrder> onFinal = t -> {
    };
    private volatile List<Order> openOrders = List.of();
    /** Orders placed elsewhere that the exchange told of but whose state was not published yet. */
    private final java.util.Set<TrackedOrder> unannounced = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    OrderTracker(TradingStream events, Delivery delivery,
            java.util.function.Function<String, Optional<Instrument>> instrumentOfRaw) {
        this(events, delivery, instrumentOfRaw, OrderRegistry.Retention.DEFAULTS, System::currentTimeMillis);
    }

    OrderTracker(TradingStream events, Delivery delivery,
            java.util.function.Function<String, Optional<Instrument>> instrumentOfRaw,
            OrderRegistry.Retention retention, java.util.function.LongSupplier clockMillis) {
        this.events = Objects.requireNonNull(events, "events");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.instrumentOfRaw = Objects.requireNonNull(instrumentOfRaw, "instrumentOfRaw");
        this.orders = new OrderRegistry<>(retention, clockMillis, this::forgotten);
    }

    private void forgotten(TrackedOrder t) {
        if (t.cid != 0 && byCid.get(t.cid) == t) {
            byCid.remove(t.cid);
        }
        unannounced.remove(t);
    }

    /** What happens when an order reaches a final state (requests waiting for it complete). */
    void onFinal(Consumer<TrackedOrder> action) {
        onFinal = action;
    }

    TrackedOrder get(String clientOrderId) {
        return orders.get(clientOrderId);
    }

    /** Whether the client order id was used by an order that has left memory. */
    boolean isTombstoned(String clientOrderId) {
        return orders.isTombstoned(clientOrderId);
    }

    TrackedOrder byCid(long cid) {
        return byCid.get(cid);
    }

    TrackedOrder byId(long id) {
        return orders.byExchangeId(Long.toString(id));
    }

    boolean knowsId(long id) {
        return byId(id) != null;
    }

    /** The orders not finished (working, pending or unknown after a disconnect). */
    List<TrackedOrder> live() {
        return orders.live();
    }

    /** Lets finished orders older than the retention go (called from a timer). */
    void expire() {
        orders.expire();
    }

    /** The registry's counts (tests, diagnostics). */
    String retentionState() {
        return orders.toString();
    }

    /** The working orders now (any thread). */
    List<Order> openOrders() {
        return openOrders;
    }

    /** Tracks an order the connector is sending. */
    void register(TrackedOrder t) {
        orders.add(t.clientOrderId, t);
        byCid.put(t.cid, t);
        emit(t.order);
    }

    /**
     * Tracks an order found on the exchange (after a restart) under the client order id it was
     * sent with, in place of the made-up {@code bfx-ID} it may be tracked under.
     *
     * @return the tracked order
     */
    TrackedOrder adopt(String clientOrderId, BitfinexOrder o, Instrument instrument) {
        TrackedOrder known = byId(o.id());
        if (known != null && known.clientOrderId.equals(clientOrderId)) {
            return known;
        }
        if (known != null) {
            orders.remove(known.clientOrderId);
            forgotten(known);
        }
        OrderRequest request = BitfinexAdapters.requestOf(o, instrument.id(), clientOrderId);
        Instant created = o.created() > 0 ? Instant.ofEpochMilli(o.created()) : Instant.now();
        Order first = new Order(Long.toString(o.id()), clientOrderId, request, OrderStatus.OPEN, BigDecimal.ZERO, null,
                "", created, created, BitfinexAdapters.ACCOUNT_ID, null, Placement.EXCHANGE);
        TrackedOrder t = new TrackedOrder(clientOrderId, instrument, o.clientOrderId() == null ? 0 : o.clientOrderId(),
                BitfinexAdapters.CID_DATE.format(created), first);
        if (orders.isTombstoned(clientOrderId)) {
            orders.restore(clientOrderId, t); // forgotten here, asked about again
        } else {
            orders.add(clientOrderId, t);
        }
        if (t.cid != 0) {
            byCid.put(t.cid, t);
        }
        identified(t, o.id());
        unannounced.add(t);
        return t;
    }

    /** The exchange id of a tracked order became known. */
    void identified(TrackedOrder t, long id) {
        if (t.id == 0 && id != 0) {
            t.id = id;
            orders.identify(t.clientOrderId, Long.toString(id));
        }
    }

    /** Applies an exchange order message. */
    void onExchangeOrder(BitfinexChange change, BitfinexOrder o) {
        TrackedOrder t = track(o);
        if (t == null) {
            return;
        }
        Instant when = o.updated() > 0 ? Instant.ofEpochMilli(o.updated()) : Instant.now();
        OrderStatus next = BitfinexAdapters.orderStatus(change, o);
        boolean resized = change == BitfinexChange.UPDATE && next.isWorking() && resize(t, o);
        String reason = next.isFinal() ? BitfinexAdapters.closeReason(o.status()) : "";
        BigDecimal filled = BitfinexAdapters.filled(o);
        BigDecimal average = BitfinexAdapters.averagePrice(o);
        if (t.fillQuantity.compareTo(filled) > 0) {
            // The message is older than fills already emitted: the fills' totals are the truth.
            filled = t.fillQuantity;
            average = t.fillNotional.divide(t.fillQuantity, MathContext.DECIMAL64).stripTrailingZeros();
        }
        // an amendment alone (same status, same fills) is news too: listeners see the new request
        update(t, next, filled, average, reason, null, when, resized);
    }

    /** Finds (or, for orders placed elsewhere, creates) the tracked order of an exchange order. */
    TrackedOrder track(BitfinexOrder o) {
        TrackedOrder t = o.id() != 0 ? byId(o.id()) : null;
        if (t == null && o.clientOrderId() != null) {
            TrackedOrder c = byCid.get(o.clientOrderId());
            if (c != null && (c.id == 0 || c.id == o.id())) {
                t = c;
            } else if (c != null) {
                // A second exchange order under one cid: the stop leg of an OCO exit.
                t = ocoStop(o, c);
            }
        }
        if (t == null) {
            if (o.id() == 0) {
                return null;
            }
            t = foreign(o, FOREIGN_PREFIX + o.id());
        }
        if (t != null) {
            identified(t, o.id());
        }
        return t;
    }

    /**
     * The stop leg Bitfinex creates for an OCO order whose limit leg the connector sent: for an
     * exit sent by {@link OrderEntry} (a take-profit {@code ENTRY-tp} with its stop-loss as the OCO
     * stop) it is the STOP_LOSS leg {@code ENTRY-sl} of the same entry, so a view shows both legs
     * under their entry.
     */
    private TrackedOrder ocoStop(BitfinexOrder o, TrackedOrder limitLeg) {
        OrderRequest limit = limitLeg.order.request();
        String entry = limit.parentClientOrderId();
        if (limit.role() != OrderRole.TAKE_PROFIT || entry == null || !limitLeg.clientOrderId.endsWith("-tp")) {
            return foreign(o, limitLeg.clientOrderId + "-" + (o.id() % 100_000));
        }
        String id = limitLeg.clientOrderId.substring(0, limitLeg.clientOrderId.length() - 3) + "-sl";
        TrackedOrder t = foreign(o, id);
        if (t != null && t.order.request().role() == OrderRole.PRIMARY) {
            try {
                Order c = t.order;
                t.order = new Order(c.id(), c.clientOrderId(), c.request().asExitOf(OrderRole.STOP_LOSS, entry),
                        c.status(), c.filledQuantity(), c.averagePrice(), c.reason(), c.created(), c.updated(),
                        c.accountId(), c.errorCode(), c.placement());
            } catch (IllegalArgumentException e) {
                LOG.log(Level.DEBUG, "Bitfinex OCO stop " + o.id() + " cannot be shown as a stop-loss leg: " + e);
            }
        }
        return t;
    }

    private TrackedOrder foreign(BitfinexOrder o, String clientOrderId) {
        Optional<Instrument> instrument = instrumentOfRaw.apply(o.symbol());
        if (instrument.isEmpty()) {
            LOG.log(Level.DEBUG, "Bitfinex order " + o.id() + " on " + o.symbol() + " is not on a listed instrument");
            return null;
        }
        String id = clientOrderId.length() > 36 ? clientOrderId.substring(0, 36) : clientOrderId;
        TrackedOrder existing = orders.get(id);
        if (existing != null) {
            return existing;
        }
        OrderRequest request = BitfinexAdapters.requestOf(o, instrument.get().id(), id);
        Instant created = o.created() > 0 ? Instant.ofEpochMilli(o.created()) : Instant.now();
        // Known from the exchange: its first published state is the one the exchange gives
        // (update() publishes it without the state machine's check: OPEN is only a placeholder).
        Order first = new Order(Long.toString(o.id()), id, request, OrderStatus.OPEN, BigDecimal.ZERO, null, "",
                created, created, BitfinexAdapters.ACCOUNT_ID, null, Placement.EXCHANGE);
        TrackedOrder t = new TrackedOrder(id, instrument.get(), o.clientOrderId() == null ? 0 : o.clientOrderId(),
                BitfinexAdapters.CID_DATE.format(created), first);
        if (orders.isTombstoned(id)) {
            return null; // an order placed elsewhere that finished and was forgotten: old news
        }
        orders.add(id, t);
        identified(t, o.id());
        unannounced.add(t);
        return t;
    }

    /**
     * An {@code ou} may carry a new amount or price (an amendment).
     *
     * @return whether the order's request changed
     */
    private static boolean resize(TrackedOrder t, BitfinexOrder o) {
        OrderRequest r = t.order.request();
        BigDecimal qty = o.originalAmount().abs();
        BigDecimal price = o.price() == null || o.price().signum() <= 0 ? null : o.price();
        try {
            OrderRequest changed = r;
            if (qty.signum() > 0 && qty.compareTo(r.quantity()) != 0) {
                changed = changed.withAmounts(qty, changed.price(), changed.triggerPrice());
            }
            if (price != null && r.type() == OrderType.LIMIT && r.price().compareTo(price) != 0) {
                changed = changed.withAmounts(changed.quantity(), price, null);
            } else if (price != null && r.type().needsTrigger() && r.triggerPrice().compareTo(price) != 0) {
                changed = changed.withAmounts(changed.quantity(), changed.price(), price);
            }
            if (changed != r) {
                Order c = t.order;
                t.order = new Order(c.id(), c.clientOrderId(), changed, c.status(), c.filledQuantity().min(qty),
                        c.averagePrice(), c.reason(), c.created(), c.updated(), c.accountId(), c.errorCode(),
                        c.placement());
                return true;
            }
        } catch (IllegalArgumentException e) {
            LOG.log(Level.DEBUG, "Bitfinex order " + t.clientOrderId + " changed in a way the API cannot show: " + e);
        }
        return false;
    }

    /** Moves an order to a new state when the state machine allows it, and tells everyone. */
    void update(TrackedOrder t, OrderStatus next, BigDecimal filled, BigDecimal average, String reason, Instant when) {
        update(t, next, filled, average, reason, null, when);
    }

    /** As {@link #update(TrackedOrder, OrderStatus, BigDecimal, BigDecimal, String, Instant)} with an error code. */
    void update(TrackedOrder t, OrderStatus next, BigDecimal filled, BigDecimal average, String reason, String code,
            Instant when) {
        update(t, next, filled, average, reason, code, when, false);
    }

    private void update(TrackedOrder t, OrderStatus next, BigDecimal filled, BigDecimal average, String reason,
            String code, Instant when, boolean requestChanged) {
        Order cur = t.order;
        BigDecimal qty = cur.request().quantity();
        BigDecimal f = filled.min(qty);
        if (cur.status() == OrderStatus.PENDING_CANCEL && (next == OrderStatus.OPEN
                || (next == OrderStatus.PARTIALLY_FILLED && f.compareTo(cur.filledQuantity()) == 0))) {
            next = OrderStatus.PENDING_CANCEL; // still waiting for the cancel's answer
        }
        String id = t.id == 0 ? cur.id() : Long.toString(t.id);
        boolean same = !requestChanged && cur.status() == next && f.compareTo(cur.filledQuantity()) == 0
                && Objects.equals(average, cur.averagePrice()) && id.equals(cur.id());
        boolean first = unannounced.remove(t);
        if (!same || first) {
            if (!first && !cur.status().canBecome(next)) {
                LOG.log(Level.DEBUG, "Bitfinex " + t + ": ignoring a move to " + next.wireName());
                return;
            }
            Order n = new Order(id, cur.clientOrderId(), cur.request(), next, f, average,
                    next.isFinal() && next != OrderStatus.FILLED ? reason : "", cur.created(), when, cur.accountId(),
                    next == OrderStatus.REJECTED ? code : cur.errorCode(), cur.placement());
            t.order = n;
            emit(n);
        }
        Order now = t.order;
        if (next != OrderStatus.PENDING_NEW && t.placed != null && !t.placed.isDone()
                && next != OrderStatus.PENDING_CANCEL) {
            CompletableFuture<Order> placed = t.placed;
            t.placed = null;
            t.placeTimeout();
            delivery.complete(placed, now);
        }
        if (next.isFinal() || next == OrderStatus.UNKNOWN_AFTER_DISCONNECT) {
            for (CompletableFuture<Order> c : t.cancels) {
                delivery.complete(c, now);
            }
            t.cancels.clear();
            t.cancelTimeout();
            Order answer = withReason(now, "the amend was not confirmed: the order is " + next.wireName());
            for (CompletableFuture<Order> a : t.amends) {
                delivery.complete(a, answer);
            }
            t.amends.clear();
            t.amendTimeout();
        }
        if (next.isFinal()) {
            onFinal.accept(t);
            orders.finished(t.clientOrderId);
        }
    }

    /** The same order with a reason (an answer that changed nothing). */
    static Order withReason(Order o, String reason) {
        return new Order(o.id(), o.clientOrderId(), o.request(), o.status(), o.filledQuantity(), o.averagePrice(),
                reason, o.created(), o.updated(), o.accountId(), o.errorCode(), o.placement());
    }

    void emit(Order o) {
        events.order(o);
        List<Order> open = new ArrayList<>();
        for (TrackedOrder t : orders.live()) {
            if (t.isLive()) {
                open.add(t.order);
            }
        }
        openOrders = List.copyOf(open);
    }
}
