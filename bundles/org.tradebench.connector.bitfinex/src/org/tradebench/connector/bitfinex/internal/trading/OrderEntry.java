package org.tradebench.connector.bitfinex.internal.trading;

import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.market.Side;
import org.tradebench.api.risk.MarketContext;
import org.tradebench.api.risk.RiskLimits;
import org.tradebench.api.risk.RiskVerdict;
import org.tradebench.api.trading.AmendRequest;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.BitfinexCatalog;
import org.tradebench.connector.bitfinex.internal.market.BitfinexMarketData;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChange;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexNotification;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexProtocolException;
import org.tradebench.connector.bitfinex.internal.rest.BitfinexRest;
import org.tradebench.connector.bitfinex.internal.rest.RestPayloads;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.core.risk.StandardRiskCheck;
import org.tradebench.transport.HttpResult;

/**
 * Order entry on the authenticated socket: new orders ({@code on}), cancels ({@code oc}), cancel
 * all ({@code oc_multi}) and amends ({@code ou}), and the exchange's request notifications
 * ({@code n}: {@code on-req}, {@code oc-req}, {@code oc_multi-req}, {@code ou-req}) that answer
 * them.
 *
 * <ul>
 * <li>Every request passes {@link StandardRiskCheck} with {@link RiskLimits#DEFAULTS} against the
 * latest book or ticker (a REST ticker when nothing is subscribed); a refusal completes REJECTED
 * with the reasons. During maintenance orders are REJECTED with "Bitfinex is in maintenance".</li>
 * <li>Limit, market, stop and stop-limit map to {@code EXCHANGE LIMIT}, {@code EXCHANGE MARKET},
 * {@code EXCHANGE STOP} and {@code EXCHANGE STOP LIMIT} (derivatives without {@code EXCHANGE}),
 * IOC/FOK limits to {@code EXCHANGE IOC}/{@code FOK}, flags to HIDDEN 64, REDUCE_ONLY 1024,
 * POSTONLY 4096.</li>
 * <li>An attached take-profit and stop-loss are sent once the entry has filled, as one OCO exit
 * order (limit at the take-profit, stop at the stop-loss, flag 16384).</li>
 * <li>The API's client order id maps to a numeric Bitfinex {@code cid} with its
 * {@code cid_date}.</li>
 * </ul>
 *
 * <p>Runtime lock held for everything; futures complete on the delivery thread.
 */
final class OrderEntry {

    private static final System.Logger LOG = System.getLogger(OrderEntry.class.getName());
    static final String MAINTENANCE = "Bitfinex is in maintenance; order entry is paused";

    private record PendingCancelAll(CompletableFuture<Integer> future, int count) {
    }

    private final ConnectorRuntime runtime;
    private final OrderTracker orders;
    private final BitfinexMarketData marketData;
    private final BitfinexCatalog catalog;
    private final BitfinexRest rest;
    private final RestPayloads payloads;
    private final AccountSession session;
    private final StandardRiskCheck risk = new StandardRiskCheck();
    private final ArrayDeque<PendingCancelAll> cancelAlls = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<Order>> amends = new ArrayDeque<>();
    private long lastCid;

    OrderEntry(ConnectorRuntime runtime, OrderTracker orders, BitfinexMarketData marketData, BitfinexCatalog catalog,
            BitfinexRest rest, RestPayloads payloads, AccountSession session) {
        this.runtime = runtime;
        this.orders = orders;
        this.marketData = marketData;
        this.catalog = catalog;
        this.rest = rest;
        this.payloads = payloads;
        this.session = session;
        orders.onFilled(this::sendBracket);
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
        if (!session.authenticated()) {
            reject(request, "not connected to Bitfinex's trading socket (" + session.problem() + "); order not sent",
                    result, now);
            return;
        }
        withMarket(instrument.get(), market -> {
            RiskVerdict verdict = risk.check(request, instrument.get(), market, RiskLimits.DEFAULTS);
            if (!verdict.accepted()) {
                reject(request, "refused by the pre-trade risk check: " + verdict.summary(), result, Instant.now());
                return;
            }
            if (marketData.inMaintenance()) {
                reject(request, MAINTENANCE, result, Instant.now());
                return;
            }
            send(verdict.request(), instrument.get(), result, 0, null);
        });
    }

    /** Runs with the market context, asking REST for a ticker when no stream knows the market. */
    private void withMarket(Instrument instrument, Consumer<MarketContext> then) {
        MarketContext known = marketData.marketContext(instrument.id());
        if (known.reference() != null) {
            then.accept(known);
            return;
        }
        rest.get("ticker/" + instrument.rawSymbol(), false).thenAccept(r -> runtime.execute(() -> {
            MarketContext market = known;
            if (r instanceof HttpResult.Success ok) {
                try {
                    Instant now = Instant.now();
                    market = BitfinexAdapters.ticker(instrument.id(), payloads.ticker(instrument.rawSymbol(), ok.body()),
                            now, now).map(t -> new MarketContext(t.bid(), t.ask(), t.last())).orElse(known);
                } catch (BitfinexProtocolException e) {
                    session.health().error();
                }
            }
            then.accept(market);
        }));
    }

    private TrackedOrder send(OrderRequest request, Instrument instrument, CompletableFuture<Order> result,
            int extraFlags, BigDecimal ocoStop) {
        Instant now = Instant.now();
        long cid = nextCid(now);
        Order pending = Order.pending(request, BitfinexAdapters.ACCOUNT_ID, now);
        TrackedOrder t = new TrackedOrder(request.clientOrderId(), instrument, cid, BitfinexAdapters.CID_DATE.format(now),
                pending);
        t.placed = result;
        orders.register(t);
        String message = BitfinexAdapters.input("on",
                BitfinexAdapters.newOrderPayload(request, instrument, cid, extraFlags, ocoStop));
        if (!session.send(message)) {
            orders.update(t, OrderStatus.REJECTED, BigDecimal.ZERO, null,
                    "the trading connection dropped before the order was sent", now);
        }
        return t;
    }

    private long nextCid(Instant now) {
        // Unique per day as Bitfinex requires, and below 2^45: milliseconds times ten plus a counter.
        lastCid = Math.max(lastCid + 1, now.toEpochMilli() * 10);
        return lastCid;
    }

    void reject(OrderRequest request, String reason, CompletableFuture<Order> result, Instant now) {
        Order o = Order.pending(request, BitfinexAdapters.ACCOUNT_ID, now).rejected(null, reason, now);
        LOG.log(Level.INFO, "Bitfinex order " + request.clientOrderId() + " rejected: " + reason);
        orders.emit(o);
        if (result != null) {
            runtime.delivery().complete(result, o);
        }
    }

    // ---------------------------------------------------------------- cancelling

    void cancel(String clientOrderId, CompletableFuture<Order> result) {
        TrackedOrder t = orders.get(clientOrderId);
        if (t == null) {
            runtime.delivery().fail(result, new IllegalArgumentException("no Bitfinex order with client order id "
                    + clientOrderId));
            return;
        }
        if (t.order.status().isFinal()) {
            runtime.delivery().complete(result, OrderTracker.withReason(t.order, "cannot cancel: the order is already "
                    + t.order.status().wireName()));
            return;
        }
        if (!session.authenticated()) {
            runtime.delivery().complete(result, OrderTracker.withReason(t.order,
                    "cannot cancel: not connected to Bitfinex's trading socket (" + session.problem() + ")"));
            return;
        }
        if (marketData.inMaintenance()) {
            runtime.delivery().complete(result, OrderTracker.withReason(t.order, "cannot cancel: " + MAINTENANCE));
            return;
        }
        t.cancels.add(result);
        sendCancel(t);
    }

    private void sendCancel(TrackedOrder t) {
        if (t.order.status() != OrderStatus.PENDING_CANCEL) {
            t.beforeCancel = t.order.status();
            orders.update(t, OrderStatus.PENDING_CANCEL, t.order.filledQuantity(), t.order.averagePrice(), "",
                    Instant.now());
        }
        String payload = t.id != 0 ? "{\"id\":" + t.id + "}"
                : "{\"cid\":" + t.cid + ",\"cid_date\":\"" + t.cidDate + "\"}";
        session.send(BitfinexAdapters.input("oc", payload));
    }

    void cancelAll(Optional<InstrumentId> instrument, CompletableFuture<Integer> result) {
        if (!session.authenticated() || marketData.inMaintenance()) {
            runtime.delivery().fail(result, new IllegalStateException(marketData.inMaintenance() ? MAINTENANCE
                    : "not connected to Bitfinex's trading socket (" + session.problem() + ")"));
            return;
        }
        List<TrackedOrder> targets = new ArrayList<>();
        for (TrackedOrder t : orders.all()) {
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
        cancelAlls.add(new PendingCancelAll(result, targets.size()));
        String payload = instrument.isEmpty() ? "{\"all\":1}" : "{\"id\":[" + ids + "]}";
        session.send(BitfinexAdapters.input("oc_multi", payload));
    }

    // ---------------------------------------------------------------- amending

    void amend(AmendRequest request, CompletableFuture<Order> result) {
        TrackedOrder t = orders.get(request.clientOrderId());
        if (t == null) {
            runtime.delivery().fail(result, new IllegalArgumentException("no Bitfinex order with client order id "
                    + request.clientOrderId()));
            return;
        }
        if (t.id == 0 || !t.order.status().isWorking() || !session.authenticated()) {
            runtime.delivery().complete(result, OrderTracker.withReason(t.order, "cannot amend now: the order is "
                    + t.order.status().wireName() + (session.authenticated() ? "" : " and the trading socket is down")));
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
        amends.add(result);
        session.send(BitfinexAdapters.input("ou", payload));
    }

    // ---------------------------------------------------------------- exits

    /** Sends the attached take-profit and stop-loss of a filled entry as one OCO exit order. */
    private void sendBracket(TrackedOrder t) {
        OrderRequest r = t.order.request();
        if (t.bracketSent || !r.hasExits() || !session.authenticated()) {
            return;
        }
        t.bracketSent = true;
        Side exit = r.side().opposite();
        BigDecimal qty = t.order.filledQuantity();
        String base = t.clientOrderId.length() > 33 ? t.clientOrderId.substring(0, 33) : t.clientOrderId;
        Set<OrderFlag> flags = t.instrument.kind() == InstrumentKind.SPOT ? Set.of() : Set.of(OrderFlag.REDUCE_ONLY);
        ExitLeg tp = r.takeProfit();
        ExitLeg sl = r.stopLoss();
        OrderRequest exitRequest;
        int extra = 0;
        BigDecimal ocoStop = null;
        if (tp != null) {
            exitRequest = OrderRequest.of(base + "-tp", r.instrument(), exit, OrderType.LIMIT, qty,
                    tp.limitPrice() != null ? tp.limitPrice() : tp.triggerPrice(), null, TimeInForce.GTC)
                    .withFlags(flags).asExitOf(OrderRole.TAKE_PROFIT, t.clientOrderId);
            if (sl != null) {
                extra = BitfinexAdapters.FLAG_OCO;
                ocoStop = sl.triggerPrice();
            }
        } else {
            exitRequest = OrderRequest.of(base + "-sl", r.instrument(), exit, OrderType.STOP, qty, null,
                    sl.triggerPrice(), TimeInForce.GTC).withFlags(flags).asExitOf(OrderRole.STOP_LOSS, t.clientOrderId);
        }
        send(exitRequest, t.instrument, null, extra, ocoStop);
    }

    // ---------------------------------------------------------------- notifications

    void onNotification(BitfinexNotification n) {
        switch (n.type()) {
            case "on-req" -> {
                TrackedOrder t = n.order() == null || n.order().clientOrderId() == null ? null
                        : orders.byCid(n.order().clientOrderId());
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
                TrackedOrder t = n.order() == null ? null
                        : n.order().id() != 0 && orders.knowsId(n.order().id()) ? orders.byId(n.order().id())
                                : n.order().clientOrderId() == null ? null : orders.byCid(n.order().clientOrderId());
                if (t == null) {
                    // "Order not found." carries no order: fail the oldest cancel waiting.
                    t = orders.all().stream().filter(o -> !o.cancels.isEmpty()).findFirst().orElse(null);
                }
                if (t != null) {
                    refuseCancel(t, n.text());
                }
            }
            case "oc_multi-req" -> {
                PendingCancelAll p = cancelAlls.poll();
                if (p != null) {
                    if (n.isFailure()) {
                        runtime.delivery().fail(p.future(), new IllegalStateException("Bitfinex refused to cancel all: "
                                + n.text()));
                    } else {
                        runtime.delivery().complete(p.future(), p.count());
                    }
                }
            }
            case "ou-req" -> {
                CompletableFuture<Order> f = amends.poll();
                if (f == null) {
                    return;
                }
                TrackedOrder t = n.order() == null ? null : orders.byId(n.order().id());
                if (n.isFailure()) {
                    Order answer = t == null ? null : OrderTracker.withReason(t.order, "Bitfinex refused the amend: "
                            + n.text());
                    if (answer != null) {
                        runtime.delivery().complete(f, answer);
                    } else {
                        runtime.delivery().fail(f, new IllegalStateException("Bitfinex refused the amend: " + n.text()));
                    }
                } else if (t != null) {
                    orders.onExchangeOrder(BitfinexChange.UPDATE, n.order());
                    runtime.delivery().complete(f, t.order);
                } else {
                    runtime.delivery().fail(f, new IllegalStateException("Bitfinex answered an amend for an unknown order"));
                }
            }
            default -> {
                if (n.isFailure()) {
                    LOG.log(Level.WARNING, "Bitfinex notification " + n.type() + ": " + n.text());
                }
            }
        }
    }

    private void refuseCancel(TrackedOrder t, String text) {
        if (t.order.status() == OrderStatus.PENDING_CANCEL && t.beforeCancel != null) {
            orders.update(t, t.beforeCancel, t.order.filledQuantity(), t.order.averagePrice(), "", Instant.now());
        }
        Order answer = OrderTracker.withReason(t.order, "Bitfinex refused the cancel: " + text);
        for (CompletableFuture<Order> c : t.cancels) {
            runtime.delivery().complete(c, answer);
        }
        t.cancels.clear();
    }

    /** The connection dropped: what waited for an answer gets one. */
    void lost() {
        while (!cancelAlls.isEmpty()) {
            runtime.delivery().fail(cancelAlls.poll().future(), new IllegalStateException(
                    "the trading connection dropped before Bitfinex answered; the orders' states follow after the reconnect"));
        }
        while (!amends.isEmpty()) {
            runtime.delivery().fail(amends.poll(), new IllegalStateException("the trading connection dropped"));
        }
    }
}
