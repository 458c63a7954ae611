package org.tradebench.connector.bitfinex.internal.trading;

import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.AmendRequest;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.BitfinexCatalog;
import org.tradebench.connector.bitfinex.internal.market.BitfinexMarketData;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChange;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexCid;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexNotification;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrder;
import org.tradebench.connector.support.ConnectorRuntime;

/**
 * Order entry: new orders ({@code on}), cancels ({@code oc}), cancel all ({@code oc_multi}) and
 * amends ({@code ou}) on the authenticated socket, and the exchange's request notifications
 * ({@code n}: {@code on-req}, {@code oc-req}, {@code oc_multi-req}, {@code ou-req}) that answer
 * them. While the socket is down and signed REST works, orders, cancels and amends go over REST
 * instead ({@link RestOrderEntry}).
 *
 * <ul>
 * <li>The connector only translates and sends: the order gateway in core has run the risk check
 * and rounded prices and quantities to the instrument before {@code place} is called. What
 * Bitfinex cannot express ({@link BitfinexAdapters#unsupported}), a request with attached exits
 * (the gateway sends exit legs as ordinary orders), maintenance and having neither socket nor REST
 * are refused (REJECTED, nothing sent).</li>
 * <li>Idempotency: the Bitfinex {@code cid} is derived from the client order id
 * ({@link BitfinexCid}); a client order id already known returns its order and sends nothing, one
 * that left memory (tombstoned) is looked up on the exchange.</li>
 * <li>Replies are matched by order id or cid only. Every future completes: with the answer, with
 * Bitfinex's refusal (code and text), as UNKNOWN_AFTER_DISCONNECT when the connection drops or the
 * connector closes first, or after {@code replyTimeout} when no answer comes.</li>
 * </ul>
 *
 * <p>Runtime lock held for everything; futures complete on the delivery thread.
 */
final class OrderEntry {

    private static final System.Logger LOG = System.getLogger(OrderEntry.class.getName());
    static final String MAINTENANCE = "Bitfinex is in maintenance; order entry is paused";
    static final String EXITS_REFUSED = "attached exits are managed by the order gateway: send the take-profit and"
            + " stop-loss as their own orders (role TAKE_PROFIT/STOP_LOSS); order not sent";

    /** A cancel-all waiting for its orders to be cancelled. */
    private static final class PendingCancelAll {
        final CompletableFuture<Integer> future;
        final Set<TrackedOrder> targets;
        final int count;
        java.util.concurrent.ScheduledFuture<?> timer;

        PendingCancelAll(CompletableFuture<Integer> future, Set<TrackedOrder> targets) {
            this.future = future;
            this.targets = targets;
            this.count = targets.size();
        }
    }

    private final ConnectorRuntime runtime;
    private final OrderTracker orders;
    private final BitfinexMarketData marketData;
    private final BitfinexCatalog catalog;
    private final AccountSession session;
    private final RestOrderEntry restEntry;
    private final OrderLookup lookup;
    private final Duration replyTimeout;
    private final List<PendingCancelAll> cancelAlls = new ArrayList<>();
    private boolean closed;

    OrderEntry(ConnectorRuntime runtime, OrderTracker orders, BitfinexMarketData marketData, BitfinexCatalog catalog,
            AccountSession session, RestOrderEntry restEntry, OrderLookup lookup, Duration replyTimeout) {
        this.runtime = runtime;
        this.orders = orders;
        this.marketData = marketData;
        this.catalog = catalog;
        this.session = session;
        this.restEntry = restEntry;
        this.lookup = lookup;
        this.replyTimeout = replyTimeout;
        orders.onFinal(this::finalState);
    }

    // ---------------------------------------------------------------- placing

    void place(OrderRequest request, CompletableFuture<Order> result) {
        TrackedOrder existing = orders.get(request.clientOrderId());
        if (existing != null) {
            if (existing.placed != null && !existing.placed.isDone()) {
                existing.placed.whenComplete((o, e) -> result.complete(existing.order));
            } else {
                runtime.delivery().complete(result, existing.order);
            }
            return;
        }
        Instant now = Instant.now();
        if (orders.isTombstoned(request.clientOrderId())) {
            // Sent before and forgotten since: never send it again; answer with what Bitfinex knows.
            findOnExchange(request.clientOrderId(), found -> runtime.delivery().complete(result, found.orElseGet(
                    () -> rejectedOrder(request, "client order id " + request.clientOrderId()
                            + " was used before (its order has left memory and Bitfinex no longer lists it); order"
                            + " not sent", now))));
            return;
        }
        if (closed) {
            reject(request, "the Bitfinex connector is closed; order not sent", result, now);
            return;
        }
        if (request.hasExits()) {
            reject(request, EXITS_REFUSED, result, now);
            return;
        }
        Optional<Instrument> instrument = catalog.find(request.instrument());
        if (instrument.isEmpty()) {
            reject(request, catalog.loaded() ? "Bitfinex lists no instrument " + request.instrument().symbol()
                    : "Bitfinex's instrument list is not loaded yet (" + catalog.problem() + "); order not sent", result,
                    now);
            return;
        }
        Optional<String> unsupported = BitfinexAdapters.unsupported(request);
        if (unsupported.isPresent()) {
            reject(request, unsupported.get(), result, now);
            return;
        }
        if (marketData.inMaintenance()) {
            reject(request, MAINTENANCE, result, now);
            return;
        }
        boolean socket = session.authenticated();
        if (!socket && !restEntry.usable()) {
            reject(request, "not connected to Bitfinex's trading socket (" + session.problem()
                    + ") and REST order entry is unavailable; order not sent", result, now);
            return;
        }
        long cid = BitfinexCid.of(request.clientOrderId());
        TrackedOrder sameCid = orders.byCid(cid);
        if (sameCid != null && sameCid.clientOrderId.startsWith(OrderTracker.FOREIGN_PREFIX)) {
            // Known from the exchange under a made-up id: sent with this client order id before a
            // restart. Never send it twice; take it over under its id.
            findOnExchange(request.clientOrderId(), found -> runtime.delivery().complete(result, found.orElseGet(
                    () -> rejectedOrder(request, "Bitfinex knows an order with this client order id's cid " + cid
                            + " that could not be read; order not sent", now))));
            return;
        }
        if (sameCid != null) {
            reject(request, "client order id " + request.clientOrderId() + " maps to Bitfinex cid " + cid
                    + ", already used by order " + sameCid.clientOrderId + "; use another id", result, now);
            return;
        }
        Order pending = Order.pending(request, BitfinexAdapters.ACCOUNT_ID, now);
        TrackedOrder t = new TrackedOrder(request.clientOrderId(), instrument.get(), cid, BitfinexCid.date(now), pending);
        t.placed = result;
        orders.register(t);
        String payload = BitfinexAdapters.newOrderPayload(request, instrument.get(), cid,
                BitfinexAdapters.exitFlags(request, instrument.get()), null);
        if (socket) {
            if (!session.send(BitfinexAdapters.input("on", payload))) {
                orders.update(t, OrderStatus.REJECTED, BigDecimal.ZERO, null,
                        "the trading connection dropped before the order was sent", now);
                return;
            }
            t.placeTimer = runtime.schedule(replyTimeout, () -> placeTimedOut(t));
        } else {
            LOG.log(Level.INFO, "Bitfinex order " + t.clientOrderId + " sent over REST: the trading socket is down");
            restEntry.submit(payload).thenAccept(reply -> runtime.execute(() -> restPlaced(t, reply)));
        }
    }

    private void placeTimedOut(TrackedOrder t) {
        t.placeTimer = null;
        if (t.order.status() != OrderStatus.PENDING_NEW) {
            return;
        }
        orders.update(t, OrderStatus.UNKNOWN_AFTER_DISCONNECT, t.order.filledQuantity(), t.order.averagePrice(), "",
                Instant.now());
        LOG.log(Level.WARNING, "Bitfinex did not acknowledge " + t + " within " + replyTimeout.toMillis()
                + " ms; looking it up");
        settleByLookup(t);
    }

    /** Asks the exchange for an order whose fate is unknown and applies what it says. */
    private void settleByLookup(TrackedOrder t) {
        lookup.find(t.cid, found -> {
            if (found.isPresent()) {
                BitfinexOrder o = found.get().order();
                orders.identified(t, o.id());
                orders.onExchangeOrder(found.get().closed() ? BitfinexChange.CLOSE : BitfinexChange.UPDATE, o);
                if (BitfinexAdapters.filled(o).signum() > 0 && session.authenticated()
                        && session.reconciliation != null) {
                    // it traded while its answers were lost: fetch the fills too
                    session.reconciliation.markTradesMissed(t.order.created().toEpochMilli());
                    session.reconciliation.reconcile("lost answer");
                }
            }
        });
    }

    private void restPlaced(TrackedOrder t, RestOrderEntry.Reply reply) {
        Instant now = Instant.now();
        BitfinexNotification n = reply.notification();
        if (reply.ok() && n.order() != null && n.order().id() != 0) {
            orders.identified(t, n.order().id());
            orders.onExchangeOrder(BitfinexChange.NEW, n.order());
        } else if (n != null && n.isFailure()) {
            orders.update(t, OrderStatus.REJECTED, BigDecimal.ZERO, null, "Bitfinex rejected the order: " + n.text(),
                    n.code() == null ? null : Integer.toString(n.code()), now);
        } else if (reply.code() != null || reply.known()) {
            orders.update(t, OrderStatus.REJECTED, BigDecimal.ZERO, null, reply.problem(), reply.code(), now);
        } else {
            orders.update(t, OrderStatus.UNKNOWN_AFTER_DISCONNECT, BigDecimal.ZERO, null, "", now);
            LOG.log(Level.WARNING, "Bitfinex REST order " + t + ": " + reply.problem() + "; looking it up");
            settleByLookup(t);
        }
    }

    /**
     * Finds an order of a client order id that is not in memory (sent before a restart, or
     * forgotten after it finished): by its cid among the active orders and the recent history. The
     * order found is tracked under the client order id again.
     */
    void findOnExchange(String clientOrderId, java.util.function.Consumer<Optional<Order>> then) {
        lookup.find(BitfinexCid.of(clientOrderId), found -> {
            if (found.isEmpty()) {
                then.accept(Optional.empty());
                return;
            }
            BitfinexOrder o = found.get().order();
            Optional<Instrument> instrument = catalog.instruments().stream()
                    .filter(i -> i.rawSymbol().equals(o.symbol())).findFirst();
            if (instrument.isEmpty()) {
                then.accept(Optional.empty());
                return;
            }
            TrackedOrder known = orders.get(clientOrderId);
            TrackedOrder t = known != null ? known : orders.adopt(clientOrderId, o, instrument.get());
            if (t == null) {
                then.accept(Optional.empty());
                return;
            }
            orders.onExchangeOrder(found.get().closed() ? BitfinexChange.CLOSE : BitfinexChange.UPDATE, o);
            then.accept(Optional.of(t.order));
        });
    }

    void reject(OrderRequest request, String reason, CompletableFuture<Order> result, Instant now) {
        Order o = rejectedOrder(request, reason, now);
        LOG.log(Level.INFO, "Bitfinex order " + request.clientOrderId() + " rejected: " + reason);
        orders.emit(o);
        if (result != null) {
            runtime.delivery().complete(result, o);
        }
    }

    private static Order rejectedOrder(OrderRequest request, String reason, Instant now) {
        return Order.pending(request, BitfinexAdapters.ACCOUNT_ID, now).rejected(null, reason, now);
    }

    // ---------------------------------------------------------------- cancelling

    void cancel(String clientOrderId, CompletableFuture<Order> result) {
        TrackedOrder t = orders.get(clientOrderId);
        if (t == null) {
            runtime.delivery().fail(result, new IllegalArgumentException("no Bitfinex order with client order id "
                    + clientOrderId + (orders.isTombstoned(clientOrderId) ? " in memory (it finished earlier)" : "")));
            return;
        }
        if (t.order.status().isFinal()) {
            runtime.delivery().complete(result, OrderTracker.withReason(t.order, "cannot cancel: the order is already "
                    + t.order.status().wireName()));
            return;
        }
        if (marketData.inMaintenance()) {
            runtime.delivery().complete(result, OrderTracker.withReason(t.order, "cannot cancel: " + MAINTENANCE));
            return;
        }
        boolean socket = session.authenticated();
        if (closed || !socket && !restEntry.usable()) {
            runtime.delivery().complete(result, OrderTracker.withReason(t.order,
                    "cannot cancel: not connected to Bitfinex's trading socket (" + session.problem()
                            + ") and REST order entry is unavailable"));
            return;
        }
        boolean alreadySent = !t.cancels.isEmpty();
        t.cancels.add(result);
        if (alreadySent) {
            return; // one cancel on the wire answers every caller
        }
        if (t.order.status() != OrderStatus.PENDING_CANCEL) {
            t.beforeCancel = t.order.status();
            orders.update(t, OrderStatus.PENDING_CANCEL, t.order.filledQuantity(), t.order.averagePrice(), "",
                    Instant.now());
        }
        String payload = t.id != 0 ? "{\"id\":" + t.id + "}"
                : "{\"cid\":" + t.cid + ",\"cid_date\":\"" + t.cidDate + "\"}";
        if (socket) {
            session.send(BitfinexAdapters.input("oc", payload));
            t.cancelTimer = runtime.schedule(replyTimeout, () -> cancelTimedOut(t));
        } else {
            restEntry.cancel(payload).thenAccept(reply -> runtime.execute(() -> restCancelled(t, reply)));
        }
    }

    private void cancelTimedOut(TrackedOrder t) {
        t.cancelTimer = null;
        if (t.cancels.isEmpty()) {
            return;
        }
        Order answer = OrderTracker.withReason(t.order, "Bitfinex did not answer the cancel within "
                + replyTimeout.toMillis() + " ms; the order's state follows when Bitfinex reports it");
        for (CompletableFuture<Order> c : t.cancels) {
            runtime.delivery().complete(c, answer);
        }
        t.cancels.clear();
    }

    private void restCancelled(TrackedOrder t, RestOrderEntry.Reply reply) {
        if (reply.ok()) {
            BitfinexOrder o = reply.notification().order();
            if (o != null && o.id() != 0) {
                orders.identified(t, o.id());
            }
            // Bitfinex confirms the cancellation itself later (oc); over REST nothing streams it:
            // the order's state is asked for at once.
            settleByLookup(t);
            if (!t.cancels.isEmpty()) {
                t.cancelTimer = runtime.schedule(replyTimeout, () -> cancelTimedOut(t));
            }
            return;
        }
        String text = reply.notification() != null ? reply.notification().text() : reply.problem();
        refuseCancel(t, text);
    }

    private void refuseCancel(TrackedOrder t, String text) {
        t.cancelTimeout();
        if (t.order.status() == OrderStatus.PENDING_CANCEL && t.beforeCancel != null) {
            orders.update(t, t.beforeCancel, t.order.filledQuantity(), t.order.averagePrice(), "", Instant.now());
        }
        Order answer = OrderTracker.withReason(t.order, "Bitfinex refused the cancel: " + text);
        for (CompletableFuture<Order> c : t.cancels) {
            runtime.delivery().complete(c, answer);
        }
        t.cancels.clear();
    }

    void cancelAll(Optional<InstrumentId> instrument, CompletableFuture<Integer> result) {
        if (closed || !session.authenticated() || marketData.inMaintenance()) {
            runtime.delivery().fail(result, new IllegalStateException(marketData.inMaintenance() ? MAINTENANCE
                    : closed ? "the Bitfinex connector is closed"
                            : "not connected to Bitfinex's trading socket (" + session.problem() + ")"));
            return;
        }
        Set<TrackedOrder> targets = new HashSet<>();
        for (TrackedOrder t : orders.live()) {
            if (t.order.status().isWorking() && instrument.map(i -> i.equals(t.order.instrument())).orElse(true)) {
                targets.add(t);
            }
        }
        if (targets.isEmpty()) {
            runtime.delivery().complete(result, 0);
            return;
        }
        StringBuilder ids = new StringBuilder();
        for (TrackedOrder t : targets) {
            if (t.order.status() != OrderStatus.PENDING_CANCEL) {
                t.beforeCancel = t.order.status();
                orders.update(t, OrderStatus.PENDING_CANCEL, t.order.filledQuantity(), t.order.averagePrice(), "",
                        Instant.now());
            }
            if (t.id != 0) {
                ids.append(ids.isEmpty() ? "" : ",").append(t.id);
            }
        }
        // Completed by the targets' own cancellations (correlated by order id), not by the
        // oc_multi-req notification, which names no request.
        PendingCancelAll p = new PendingCancelAll(result, targets);
        cancelAlls.add(p);
        p.timer = runtime.schedule(replyTimeout, () -> {
            if (cancelAlls.remove(p)) {
                runtime.delivery().complete(p.future, p.count - p.targets.size());
                LOG.log(Level.WARNING, "Bitfinex cancel-all: " + p.targets.size() + " of " + p.count
                        + " orders not confirmed cancelled within " + replyTimeout.toMillis() + " ms");
            }
        });
        String payload = instrument.isEmpty() ? "{\"all\":1}" : "{\"id\":[" + ids + "]}";
        session.send(BitfinexAdapters.input("oc_multi", payload));
    }

    /** An order reached a final state: cancel-alls waiting for it count it. */
    private void finalState(TrackedOrder t) {
        t.placeTimeout();
        for (PendingCancelAll p : List.copyOf(cancelAlls)) {
            if (p.targets.remove(t) && p.targets.isEmpty()) {
                cancelAlls.remove(p);
                if (p.timer != null) {
                    p.timer.cancel(false);
                }
                runtime.delivery().complete(p.future, p.count);
            }
        }
    }

    // ---------------------------------------------------------------- amending

    void amend(AmendRequest request, CompletableFuture<Order> result) {
        TrackedOrder t = orders.get(request.clientOrderId());
        if (t == null) {
            runtime.delivery().fail(result, new IllegalArgumentException("no Bitfinex order with client order id "
                    + request.clientOrderId()));
            return;
        }
        boolean socket = session.authenticated();
        boolean canSend = !closed && (socket || restEntry.usable());
        if (t.id == 0 || !t.order.status().isWorking() || !canSend) {
            runtime.delivery().complete(result, OrderTracker.withReason(t.order, "cannot amend now: the order is "
                    + t.order.status().wireName() + (canSend ? "" : " and neither the trading socket nor REST is up")));
            return;
        }
        OrderRequest r = t.order.request();
        BigDecimal quantity = request.quantity() != null ? request.quantity() : r.quantity();
        BigDecimal price = request.price() != null ? request.price()
                : request.triggerPrice() != null ? request.triggerPrice() : r.price() != null ? r.price()
                        : r.triggerPrice();
        BigDecimal amount = t.order.side() == Side.BUY ? quantity : quantity.negate();
        String payload = "{\"id\":" + t.id + ",\"amount\":\"" + amount.toPlainString() + "\""
                + (price == null ? "" : ",\"price\":\"" + price.toPlainString() + "\"") + "}";
        t.amends.add(result);
        if (socket) {
            session.send(BitfinexAdapters.input("ou", payload));
        } else {
            restEntry.update(payload).thenAccept(reply -> runtime.execute(() -> {
                if (reply.ok() && reply.notification().order() != null) {
                    amended(t, reply.notification().order());
                } else {
                    refuseAmends(t, reply.notification() != null ? reply.notification().text() : reply.problem());
                }
            }));
        }
        if (t.amendTimer == null) {
            t.amendTimer = runtime.schedule(replyTimeout, () -> {
                t.amendTimer = null;
                Order answer = OrderTracker.withReason(t.order, "Bitfinex did not answer the amend within "
                        + replyTimeout.toMillis() + " ms; the order's state follows when Bitfinex reports it");
                for (CompletableFuture<Order> a : t.amends) {
                    runtime.delivery().complete(a, answer);
                }
                t.amends.clear();
            });
        }
    }

    private void amended(TrackedOrder t, BitfinexOrder o) {
        orders.onExchangeOrder(BitfinexChange.UPDATE, o);
        if (!t.amends.isEmpty()) {
            runtime.delivery().complete(t.amends.remove(0), t.order);
        }
        if (t.amends.isEmpty()) {
            t.amendTimeout();
        }
    }

    private void refuseAmends(TrackedOrder t, String text) {
        if (t.amends.isEmpty()) {
            return;
        }
        runtime.delivery().complete(t.amends.remove(0), OrderTracker.withReason(t.order, "Bitfinex refused the amend: "
                + text));
        if (t.amends.isEmpty()) {
            t.amendTimeout();
        }
    }

    // ---------------------------------------------------------------- notifications

    /** The order a request notification is about: by exchange id, else by cid. */
    private TrackedOrder about(BitfinexNotification n) {
        BitfinexOrder o = n.order();
        if (o == null) {
            return null;
        }
        TrackedOrder t = o.id() != 0 ? orders.byId(o.id()) : null;
        if (t == null && o.clientOrderId() != null) {
            t = orders.byCid(o.clientOrderId());
        }
        return t;
    }

    void onNotification(BitfinexNotification n) {
        switch (n.type()) {
            case "on-req" -> {
                TrackedOrder t = about(n);
                if (t == null) {
                    if (n.isFailure()) {
                        LOG.log(Level.WARNING, "Bitfinex refused an order the connector does not know: " + n.text());
                    }
                    return;
                }
                if (n.isFailure()) {
                    orders.update(t, OrderStatus.REJECTED, BigDecimal.ZERO, null, "Bitfinex rejected the order: "
                            + n.text(), n.code() == null ? null : Integer.toString(n.code()), Instant.ofEpochMilli(n.time()));
                } else if (n.order().id() != 0) {
                    orders.identified(t, n.order().id());
                }
            }
            case "oc-req" -> {
                if (!n.isFailure()) {
                    return;
                }
                TrackedOrder t = about(n);
                if (t != null && !t.cancels.isEmpty()) {
                    refuseCancel(t, n.text());
                    // "Order not found." may mean it is gone already: ask what became of it
                    settleByLookup(t);
                } else {
                    // "Order not found." may carry no order: nothing names the request, so the
                    // cancel's own timeout answers it.
                    LOG.log(Level.INFO, "Bitfinex refused a cancel" + (t == null ? " naming no known order" : "")
                            + ": " + n.text());
                }
            }
            case "oc_multi-req" -> {
                if (n.isFailure()) {
                    LOG.log(Level.WARNING, "Bitfinex refused a cancel-all: " + n.text()
                            + "; waiting cancel-alls complete with what was cancelled when their time is up");
                }
            }
            case "ou-req" -> {
                TrackedOrder t = about(n);
                if (t == null) {
                    LOG.log(Level.INFO, "Bitfinex answered an amend naming no known order: " + n.status() + " "
                            + n.text());
                    return;
                }
                if (n.isFailure()) {
                    refuseAmends(t, n.text());
                } else {
                    amended(t, n.order());
                }
            }
            default -> {
                if (n.isFailure()) {
                    LOG.log(Level.WARNING, "Bitfinex notification " + n.type() + ": " + n.text());
                }
            }
        }
    }

    /** The connection dropped: what waited for an answer gets one (orders became unknown already). */
    void lost() {
        String why = "the trading connection dropped before Bitfinex answered";
        for (PendingCancelAll p : List.copyOf(cancelAlls)) {
            if (p.timer != null) {
                p.timer.cancel(false);
            }
            runtime.delivery().fail(p.future, new IllegalStateException(why
                    + "; the orders' states follow after the reconnect"));
        }
        cancelAlls.clear();
        for (TrackedOrder t : orders.live()) {
            if (!t.amends.isEmpty()) {
                Order answer = OrderTracker.withReason(t.order, why + " the amend");
                t.amends.forEach(a -> runtime.delivery().complete(a, answer));
                t.amends.clear();
                t.amendTimeout();
            }
            t.placeTimeout();
        }
    }

    /**
     * The connector closes: orders waiting for an answer become UNKNOWN_AFTER_DISCONNECT (their
     * futures complete with it), and everything else waiting completes too.
     */
    void close() {
        closed = true;
        Instant now = Instant.now();
        for (TrackedOrder t : orders.live()) {
            OrderStatus s = t.order.status();
            if (s == OrderStatus.PENDING_NEW || s == OrderStatus.PENDING_CANCEL || !t.cancels.isEmpty()) {
                orders.update(t, OrderStatus.UNKNOWN_AFTER_DISCONNECT, t.order.filledQuantity(),
                        t.order.averagePrice(), "", now);
            }
        }
        lost();
        for (TrackedOrder t : orders.live()) {
            t.cancelTimeout();
            Order answer = OrderTracker.withReason(t.order, "the Bitfinex connector closed before Bitfinex answered");
            t.cancels.forEach(c -> runtime.delivery().complete(c, answer));
            t.cancels.clear();
            if (t.placed != null && !t.placed.isDone()) {
                runtime.delivery().complete(t.placed, t.order);
                t.placed = null;
            }
        }
    }
}
