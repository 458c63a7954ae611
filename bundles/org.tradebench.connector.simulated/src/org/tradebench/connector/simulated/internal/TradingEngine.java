package org.tradebench.connector.simulated.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tradebench.api.Decimals;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Trade;
import org.tradebench.api.risk.PreTradeRiskCheck;
import org.tradebench.api.risk.RiskLimits;
import org.tradebench.api.risk.RiskVerdict;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.core.book.OrderBook;
import org.tradebench.core.risk.StandardRiskCheck;

/**
 * The user's side of the venue: order placement (risk check, venue rules, balance holds),
 * matching of the user's orders in the shared book, stop and take-profit triggers, attached
 * take-profit/stop-loss (OCO) children, cancels, fills, balances and positions, and the account
 * streams.
 *
 * <h2>Order life cycle as emitted</h2>
 * <ul>
 * <li>Refused by the risk check (or for an unknown instrument): one REJECTED order with an empty id;
 * the venue never saw it, so its client order id stays free.</li>
 * <li>Otherwise PENDING_NEW (empty id), then REJECTED with the venue's reason, or OPEN with the
 * venue's id; then fills as PARTIALLY_FILLED / FILLED, each preceded by its {@link Fill}; an IOC,
 * FOK or market remainder ends CANCELLED with the reason. Stop and take-profit orders stay OPEN
 * until triggered. A user cancel goes PENDING_CANCEL then CANCELLED.</li>
 * <li>Balances and positions that changed are emitted once at the end of each action, after the
 * order and fill events.</li>
 * </ul>
 *
 * <h2>Matching rules</h2>
 * Price-time priority in the book the synthetic participants use. Post-only orders that would take
 * are rejected. Fill-or-kill orders are rejected unless the participants' liquidity at acceptable
 * prices covers the whole quantity. A stop or take-profit whose trigger is already reached is
 * rejected ("would trigger at once"); triggers compare with the last trade price. Reduce-only
 * (perpetual only) is rejected when it would open or increase a position or exceed it, and capped
 * at fill time when the position has shrunk since. Self-trade prevention cancels the resting order
 * (the incoming one continues). Attached take-profit and stop-loss orders are created, reduce-only
 * on the perpetual, for the filled quantity when the entry order ends with a fill; they are an OCO
 * pair: when one triggers or ends, the other is cancelled.
 *
 * <p>Owned by the venue thread; the order/balance/position views are published as immutable lists
 * through volatile fields for other threads.
 */
final class TradingEngine {

    private final SimulatedVenue venue;
    private final Account account;
    private final PreTradeRiskCheck risk = new StandardRiskCheck();
    private final RiskLimits limits = RiskLimits.DEFAULTS;
    private final Map<String, UserOrder> orders = new HashMap<>();
    // Working orders (resting, or waiting for a trigger) in placement order, for cancel-all and views.
    private final Set<UserOrder> working = new LinkedHashSet<>();
    private final List<VenueSubscription<TradingListener>> subscriptions = new ArrayList<>();
    private long orderSequence;
    private long fillSequence;
    private long liquidationSequence;
    private boolean ordersChanged = true;

    private volatile List<Order> openOrdersView = List.of();
    private volatile List<Balance> balancesView = List.of();
    private volatile List<Position> positionsView = List.of();

    TradingEngine(SimulatedVenue venue, Account account) {
        this.venue = venue;
        this.account = account;
    }

    // ---------------------------------------------------------------- placing

    Order place(OrderRequest request) {
        UserOrder existing = orders.get(request.clientOrderId());
        if (existing != null) {
            return existing.order;
        }
        Instant t = venue.instant();
        InstrumentState s = venue.marketOrNull(request.instrument());
        if (s == null) {
            return refuse(request, "unknown instrument " + request.instrument() + ": the simulated exchange lists "
                    + venue.symbols(), t);
        }
        RiskVerdict verdict = risk.check(request, s.profile.instrument(), venue.marketContext(s), limits);
        if (!verdict.accepted()) {
            return refuse(request, "risk check refused the order: " + verdict.summary(), t);
        }
        UserOrder u = new UserOrder(s, verdict.request(), null);
        submit(u, t);
        venue.afterAction(s);
        return u.order;
    }

    private Order refuse(OrderRequest request, String reason, Instant t) {
        Order o = new Order("", request.clientOrderId(), request, OrderStatus.REJECTED, BigDecimal.ZERO, null, reason,
                t, t);
        emitOrder(o);
        return o;
    }

    /** Takes an order the risk check accepted (or a venue-made child) through the venue rules. */
    private void submit(UserOrder u, Instant t) {
        OrderRequest r = u.request;
        u.order = new Order("", r.clientOrderId(), r, OrderStatus.PENDING_NEW, BigDecimal.ZERO, null, "", t, t);
        orders.put(r.clientOrderId(), u);
        emitOrder(u.order);
        Hold hold = new Hold();
        String problem = validate(u, hold);
        String id = "S" + (++orderSequence);
        Order identified = new Order(id, r.clientOrderId(), r, OrderStatus.PENDING_NEW, BigDecimal.ZERO, null, "",
                t, t);
        if (problem != null) {
            update(u, identified.withStatus(OrderStatus.REJECTED, problem, t));
            return;
        }
        if (hold.amount != null && hold.amount.signum() > 0) {
            u.hold = account.hold(hold.wallet, hold.amount);
            u.holdInitial = hold.amount;
        }
        working.add(u);
        update(u, identified.withStatus(OrderStatus.OPEN, "", t));
        if (u.isTriggerType()) {
            u.market.triggers.add(u);
        } else {
            execute(u);
        }
    }

    /** What a validation decided to hold. */
    private static final class Hold {
        Account.Wallet wallet;
        BigDecimal amount;
    }

    /** The venue's rules beyond the risk check; returns the reason to reject, or null. */
    private String validate(UserOrder u, Hold hold) {
        OrderRequest r = u.request;
        InstrumentState s = u.market;
        InstrumentProfile p = s.profile;
        String symbol = p.id().symbol();
        if (r.has(OrderFlag.HIDDEN)) {
            return "hidden orders are not supported by the simulated exchange";
        }
        if (u.reduceOnly()) {
            if (!p.isPerpetual()) {
                return "reduce-only applies to perpetual positions; " + symbol + " is spot";
            }
            BigDecimal position = account.signedPosition(s);
            BigDecimal reducible = reducible(u.side(), position);
            if (reducible.signum() == 0) {
                return "reduce-only " + r.side().wireName() + " would open or increase a position: the " + symbol
                        + " position is " + describe(position);
            }
            if (r.quantity().compareTo(reducible) > 0) {
                return "reduce-only " + r.side().wireName() + " of " + plain(r.quantity()) + " exceeds the "
                        + describe(position) + " position";
            }
        }
        OrderBook book = s.book.aggregated();
        long bestOpposite = r.side() == Side.BUY ? book.bestAsk() : book.bestBid();
        if (r.has(OrderFlag.POST_ONLY) && bestOpposite > 0
                && SimulatedVenue.crosses(r.side(), p.priceUnits(r.price()), bestOpposite)) {
            return "post-only " + r.side().wireName() + " at " + plain(r.price()) + " would take liquidity: the best "
                    + (r.side() == Side.BUY ? "ask" : "bid") + " is " + plain(p.price(bestOpposite));
        }
        if (u.isTriggerType() && s.lastPrice > 0 && u.triggerHit(s.lastPrice)) {
            boolean above = s.lastPrice >= p.priceUnits(r.triggerPrice());
            return r.type().wireName() + " " + r.side().wireName() + " trigger " + plain(r.triggerPrice()) + " is "
                    + (above ? "at or below" : "at or above") + " the last price " + plain(p.price(s.lastPrice))
                    + ": it would trigger at once";
        }
        String attached = checkAttached(u);
        if (attached != null) {
            return attached;
        }
        if (!u.isTriggerType() && r.timeInForce() == TimeInForce.FOK) {
            String fok = checkFillOrKill(u);
            if (fok != null) {
                return fok;
            }
        }
        return checkBalance(u, hold);
    }

    private String checkAttached(UserOrder u) {
        OrderRequest r = u.request;
        if (r.takeProfit() == null && r.stopLoss() == null) {
            return null;
        }
        BigDecimal entry = r.price() != null ? r.price()
                : r.triggerPrice() != null ? r.triggerPrice() : venue.mark(u.market);
        if (entry == null) {
            return "attached take-profit/stop-loss need a price to compare with, but the market has none";
        }
        boolean buy = r.side() == Side.BUY;
        if (r.takeProfit() != null && (buy ? r.takeProfit().compareTo(entry) <= 0 : r.takeProfit().compareTo(entry) >= 0)) {
            return "take-profit " + plain(r.takeProfit()) + " of a " + r.side().wireName() + " must be "
                    + (buy ? "above" : "below") + " its entry price " + plain(entry);
        }
        if (r.stopLoss() != null && (buy ? r.stopLoss().compareTo(entry) >= 0 : r.stopLoss().compareTo(entry) <= 0)) {
            return "stop-loss " + plain(r.stopLoss()) + " of a " + r.side().wireName() + " must be "
                    + (buy ? "below" : "above") + " its entry price " + plain(entry);
        }
        return null;
    }

    private String checkFillOrKill(UserOrder u) {
        InstrumentState s = u.market;
        long limit = u.request.price() == null ? 0 : s.profile.priceUnits(u.request.price());
        long available = 0;
        // Only the participants' liquidity counts: the user's own resting orders would be
        // cancelled by self-trade prevention, not filled.
        outer: for (MatchingBook.PriceLevel level : s.book.levels(u.side().opposite())) {
            if (limit > 0 && !SimulatedVenue.crosses(u.side(), limit, level.price)) {
                break;
            }
            for (MatchingBook.RestingOrder o = level.head; o != null; o = o.next) {
                if (o.user == null) {
                    available += o.remaining;
                    if (available >= u.remaining()) {
                        break outer;
                    }
                }
            }
        }
        if (available >= u.remaining()) {
            return null;
        }
        return "fill-or-kill " + u.side().wireName() + " of " + plain(u.request.quantity()) + " cannot fill completely: only "
                + plain(s.profile.size(available)) + " available"
                + (limit > 0 ? " at " + plain(u.request.price()) + " or better" : "");
    }

    /** Decides the hold (see {@link Account}) and checks it is available. */
    private String checkBalance(UserOrder u, Hold hold) {
        OrderRequest r = u.request;
        InstrumentState s = u.market;
        InstrumentProfile p = s.profile;
        BigDecimal q = r.quantity();
        if (p.isPerpetual()) {
            if (u.reduceOnly()) {
                return null; // never adds margin; its fee is paid from the wallet like any other
            }
            BigDecimal reference = referencePrice(u);
            if (reference == null) {
                return "no price to compute the margin with: the " + p.id().symbol() + " book is empty";
            }
            BigDecimal opening = q.subtract(reducible(u.side(), account.signedPosition(s))).max(BigDecimal.ZERO);
            BigDecimal margin = opening.multiply(reference).divide(account.leverage(), p.priceScale() + 8,
                    RoundingMode.HALF_EVEN);
            BigDecimal amount = Decimals.normalize(margin.add(q.multiply(reference).multiply(Account.TAKER_FEE)));
            return require(hold, account.wallet(Account.SETTLE), amount, "margin for " + describeOrder(r)
                    + " (" + plain(opening) + " × " + plain(reference) + " / " + account.leverage()
                    + " leverage + taker fee)");
        }
        if (r.side() == Side.SELL) {
            return require(hold, account.wallet(p.id().base()), q, describeOrder(r));
        }
        BigDecimal cost;
        String how;
        if (r.type() == OrderType.MARKET) {
            cost = sweepCost(s, Side.BUY, u.quantity);
            how = "at the book's current prices";
        } else {
            BigDecimal price = referencePrice(u);
            cost = q.multiply(price);
            how = plain(q) + " × " + plain(price);
        }
        BigDecimal amount = Decimals.normalize(cost.multiply(BigDecimal.ONE.add(Account.TAKER_FEE)));
        return require(hold, account.wallet(Account.SETTLE), amount, describeOrder(r) + " (" + how + " + taker fee)");
    }

    private String require(Hold hold, Account.Wallet wallet, BigDecimal amount, String what) {
        BigDecimal available = account.available(wallet);
        if (available.compareTo(amount) < 0) {
            return "insufficient balance: " + what + " needs " + plain(amount) + " " + wallet.currency + ", available "
                    + plain(available) + " " + wallet.currency;
        }
        hold.wallet = wallet;
        hold.amount = amount;
        return null;
    }

    /** The price a hold is computed at: the limit price, the trigger (plus a buffer for market buys), or the book. */
    private BigDecimal referencePrice(UserOrder u) {
        OrderRequest r = u.request;
        if (r.price() != null) {
            return r.price();
        }
        if (r.triggerPrice() != null) {
            return r.side() == Side.BUY ? r.triggerPrice().multiply(BigDecimal.ONE.add(Account.STOP_BUFFER))
                    : r.triggerPrice();
        }
        long units = u.quantity;
        BigDecimal cost = sweepCost(u.market, u.side(), units);
        long covered = Math.min(units, depth(u.market, u.side().opposite()));
        if (covered == 0) {
            return venue.mark(u.market);
        }
        return cost.divide(u.market.profile.size(covered), u.market.profile.priceScale() + 8, RoundingMode.HALF_EVEN);
    }

    /** What an order on {@code side} sweeping {@code quantity} units would trade for now (the part the book covers). */
    private BigDecimal sweepCost(InstrumentState s, Side side, long quantity) {
        long left = quantity;
        BigDecimal cost = BigDecimal.ZERO;
        for (MatchingBook.PriceLevel level : s.book.levels(side.opposite())) {
            long q = Math.min(left, level.total);
            cost = cost.add(s.profile.price(level.price).multiply(s.profile.size(q)));
            left -= q;
            if (left == 0) {
                break;
            }
        }
        return cost;
    }

    private static long depth(InstrumentState s, Side side) {
        long total = 0;
        for (MatchingBook.PriceLevel level : s.book.levels(side)) {
            total += level.total;
        }
        return total;
    }

    // ---------------------------------------------------------------- matching

    /** Runs an order (or a triggered one) against the book, then rests or cancels the remainder. */
    private void execute(UserOrder u) {
        OrderRequest r = u.request;
        long limit = r.price() == null ? 0 : u.market.profile.priceUnits(r.price());
        String stopped = take(u, limit);
        if (!u.isLive() || u.remaining() == 0) {
            return;
        }
        if (stopped != null) {
            cancel(u, stopped + "; " + plain(u.market.profile.size(u.remaining())) + " unfilled", false);
        } else if (u.isMarketLike()) {
            cancel(u, "market order: no more liquidity in the book; " + plain(u.market.profile.size(u.remaining()))
                    + " unfilled", false);
        } else if (r.timeInForce() != TimeInForce.GTC) {
            cancel(u, (r.timeInForce() == TimeInForce.IOC ? "immediate-or-cancel" : "fill-or-kill") + ": "
                    + plain(u.market.profile.size(u.remaining())) + " unfilled, cancelled", false);
        } else {
            u.resting = u.market.book.add(u.side(), limit, u.remaining(), u);
        }
    }

    /**
     * Takes liquidity for a user order up to {@code limit} (0 = any price).
     *
     * @return why it stopped before the book ran out or the limit was reached, or null
     */
    private String take(UserOrder u, long limit) {
        InstrumentState s = u.market;
        Side opposite = u.side().opposite();
        while (u.isLive() && u.remaining() > 0) {
            MatchingBook.PriceLevel level = s.book.best(opposite);
            if (level == null || (limit > 0 && !SimulatedVenue.crosses(u.side(), limit, level.price))) {
                return null;
            }
            MatchingBook.RestingOrder maker = level.head;
            if (maker.user != null) {
                cancel(maker.user, "self-trade prevention: cancelled by your incoming order " + u.clientOrderId(),
                        false);
                continue;
            }
            long q = Math.min(u.remaining(), maker.remaining);
            if (u.reduceOnly()) {
                long reducible = s.profile.sizeUnits(reducible(u.side(), account.signedPosition(s)));
                if (reducible <= 0) {
                    return "reduce-only: the position is already closed";
                }
                q = Math.min(q, reducible);
            }
            if (!s.profile.isPerpetual() && u.side() == Side.BUY) {
                q = Math.min(q, affordable(u, level.price));
                if (q <= 0) {
                    return "insufficient balance to buy more";
                }
            }
            venue.trade(s, maker, u.side(), level.price, q, u);
        }
        return null;
    }

    /** How many units a spot buy can still pay for at {@code price}, fee included. */
    private long affordable(UserOrder u, long price) {
        InstrumentProfile p = u.market.profile;
        BigDecimal budget = account.available(account.wallet(Account.SETTLE));
        if (u.hold != null) {
            budget = budget.add(u.hold.remaining);
        }
        BigDecimal unitCost = p.price(price).multiply(BigDecimal.ONE.add(Account.TAKER_FEE));
        BigDecimal quantity = budget.divide(unitCost, p.sizeScale(), RoundingMode.FLOOR);
        long units = quantity.signum() <= 0 ? 0 : p.sizeUnits(quantity);
        return units / p.lotUnits() * p.lotUnits();
    }

    /** How much of a maker fill a resting user order may take (reduce-only caps it at the position). */
    long makerAllowance(UserOrder u, long quantity) {
        if (!u.reduceOnly()) {
            return quantity;
        }
        long reducible = u.market.profile.sizeUnits(reducible(u.side(), account.signedPosition(u.market)));
        return Math.min(quantity, reducible);
    }

    void cancelUnfillableMaker(UserOrder u) {
        cancel(u, "reduce-only: the position is already closed; " + plain(u.market.profile.size(u.remaining()))
                + " unfilled", false);
    }

    /** How much an order on {@code side} can reduce a position of signed size {@code position}. */
    private static BigDecimal reducible(Side side, BigDecimal position) {
        if (side == Side.BUY && position.signum() < 0) {
            return position.negate();
        }
        if (side == Side.SELL && position.signum() > 0) {
            return position;
        }
        return BigDecimal.ZERO;
    }

    /** Books a fill of a user order: fee, balances or position, the hold, and the events. */
    void onFill(UserOrder u, Trade trade, boolean maker) {
        InstrumentProfile p = u.market.profile;
        BigDecimal price = trade.price();
        BigDecimal quantity = trade.quantity();
        long units = p.sizeUnits(quantity);
        BigDecimal notional = price.multiply(quantity);
        BigDecimal fee = Decimals.normalize(notional.multiply(maker ? Account.MAKER_FEE : Account.TAKER_FEE));
        if (p.isPerpetual()) {
            account.perpFill(u.market, u.side(), price, quantity, fee);
            if (u.hold != null) {
                // Margin was held for the whole order: release the filled share of it.
                account.consume(u.hold, u.holdInitial.multiply(BigDecimal.valueOf(units))
                        .divide(BigDecimal.valueOf(u.quantity), p.priceScale() + 8, RoundingMode.HALF_EVEN));
            }
        } else {
            account.spotFill(p.id().base(), u.side(), price, quantity, fee);
            if (u.hold != null) {
                account.consume(u.hold, u.side() == Side.BUY ? notional.add(fee) : quantity);
            }
        }
        u.filled += units;
        u.filledNotional = u.filledNotional.add(notional);
        Instant t = trade.time();
        emitFill(new Fill(p.id(), u.order.id(), u.clientOrderId(), "F" + (++fillSequence), u.side(), price, quantity,
                fee, Account.SETTLE, maker, t));
        BigDecimal filled = p.size(u.filled);
        BigDecimal average = u.filledNotional.divide(filled, p.priceScale() + 8, RoundingMode.HALF_EVEN);
        update(u, u.order.withFill(filled, Decimals.normalize(average), t));
        if (u.remaining() == 0) {
            u.resting = null; // the book removed the filled order itself
            finish(u);
        }
    }

    // ---------------------------------------------------------------- triggers, liquidations

    /** After prices moved: liquidations first, then stop and take-profit triggers, until quiet. */
    void afterMarketChange(InstrumentState s) {
        checkLiquidation(s);
        // A triggered order trades and may move the last price through further triggers; the
        // bound only guards against a bug looping forever.
        for (int round = 0; round < 1000 && s.lastPrice > 0; round++) {
            UserOrder hit = null;
            for (UserOrder u : s.triggers) {
                if (u.triggerHit(s.lastPrice)) {
                    hit = u;
                    break;
                }
            }
            if (hit == null) {
                return;
            }
            trigger(hit);
        }
    }

    private void trigger(UserOrder u) {
        u.market.triggers.remove(u);
        u.triggered = true;
        UserOrder sibling = u.sibling;
        if (sibling != null) {
            u.sibling = null;
            sibling.sibling = null;
            cancel(sibling, "one-cancels-other: " + u.clientOrderId() + " triggered", false);
        }
        if (u.request.timeInForce() == TimeInForce.FOK && !u.isMarketLike()) {
            String fok = checkFillOrKill(u);
            if (fok != null) {
                cancel(u, "triggered, but " + fok, false);
                return;
            }
        }
        execute(u);
    }

    private void checkLiquidation(InstrumentState s) {
        if (!s.profile.isPerpetual()) {
            return;
        }
        Account.PerpPosition p = account.position(s);
        BigDecimal liquidation = account.liquidationPrice(p);
        BigDecimal mark = venue.mark(s);
        if (liquidation == null || mark == null) {
            return;
        }
        boolean hit = p.quantity.signum() > 0 ? mark.compareTo(liquidation) <= 0 : mark.compareTo(liquidation) >= 0;
        if (!hit) {
            return;
        }
        for (UserOrder w : List.copyOf(working)) {
            if (w.market == s) {
                cancel(w, "liquidation of the " + s.profile.id().symbol() + " position at mark " + plain(mark), false);
            }
        }
        Side side = p.quantity.signum() > 0 ? Side.SELL : Side.BUY;
        OrderRequest close = new OrderRequest(unusedId("liquidation-" + (++liquidationSequence)), s.profile.id(), side,
                OrderType.MARKET, p.quantity.abs(), null, null, TimeInForce.IOC, Set.of(OrderFlag.REDUCE_ONLY), null,
                null);
        submit(new UserOrder(s, close, null), venue.instant());
    }

    // ---------------------------------------------------------------- ending orders

    /** Cancels a live order; {@code requested} emits PENDING_CANCEL first, as for a user cancel. */
    private void cancel(UserOrder u, String reason, boolean requested) {
        if (!u.isLive()) {
            return;
        }
        Instant t = venue.instant();
        if (requested) {
            update(u, u.order.withStatus(OrderStatus.PENDING_CANCEL, "", t));
        }
        update(u, u.order.withStatus(OrderStatus.CANCELLED, reason, t));
        finish(u);
    }

    /** Cleans up after an order reached a final state and creates attached children. */
    private void finish(UserOrder u) {
        working.remove(u);
        u.market.triggers.remove(u);
        ordersChanged = true;
        if (u.resting != null) {
            u.market.book.remove(u.resting);
            u.resting = null;
        }
        if (u.hold != null) {
            account.release(u.hold);
            u.hold = null;
        }
        UserOrder sibling = u.sibling;
        if (sibling != null) {
            u.sibling = null;
            sibling.sibling = null;
            cancel(sibling, "one-cancels-other: " + u.clientOrderId() + " " + u.order.status().wireName(), false);
        }
        OrderRequest r = u.request;
        if (u.parent == null && u.filled > 0 && (r.takeProfit() != null || r.stopLoss() != null)) {
            createChildren(u);
        }
    }

    /** The attached take-profit and stop-loss of a filled entry order, as an OCO pair. */
    private void createChildren(UserOrder parent) {
        InstrumentState s = parent.market;
        OrderRequest r = parent.request;
        BigDecimal quantity = s.profile.size(parent.filled);
        Side side = r.side().opposite();
        Set<OrderFlag> flags = s.profile.isPerpetual() ? Set.of(OrderFlag.REDUCE_ONLY) : Set.of();
        List<UserOrder> children = new ArrayList<>(2);
        if (r.takeProfit() != null) {
            children.add(new UserOrder(s, new OrderRequest(childId(parent, "tp"), s.profile.id(), side,
                    OrderType.TAKE_PROFIT, quantity, null, r.takeProfit(), TimeInForce.GTC, flags, null, null), parent));
        }
        if (r.stopLoss() != null) {
            children.add(new UserOrder(s, new OrderRequest(childId(parent, "sl"), s.profile.id(), side,
                    OrderType.STOP, quantity, null, r.stopLoss(), TimeInForce.GTC, flags, null, null), parent));
        }
        Instant t = venue.instant();
        // On spot both legs would sell (or buy) the same coins: they share one hold, sized for the
        // more expensive leg, released when the last leg ends.
        Account.Hold shared = null;
        String holdProblem = null;
        if (!s.profile.isPerpetual()) {
            Account.Wallet wallet;
            BigDecimal amount;
            if (side == Side.SELL) {
                wallet = account.wallet(s.profile.id().base());
                amount = quantity;
            } else {
                wallet = account.wallet(Account.SETTLE);
                BigDecimal highest = r.takeProfit() == null ? r.stopLoss()
                        : r.stopLoss() == null ? r.takeProfit() : r.takeProfit().max(r.stopLoss());
                amount = Decimals.normalize(quantity.multiply(highest).multiply(BigDecimal.ONE.add(Account.STOP_BUFFER))
                        .multiply(BigDecimal.ONE.add(Account.TAKER_FEE)));
            }
            BigDecimal available = account.available(wallet);
            if (available.compareTo(amount) < 0) {
                holdProblem = "insufficient balance: the attached orders of " + parent.clientOrderId() + " need "
                        + plain(amount) + " " + wallet.currency + ", available " + plain(available) + " "
                        + wallet.currency;
            } else {
                shared = account.hold(wallet, amount);
                shared.refs = children.size();
            }
        }
        for (UserOrder c : children) {
            OrderRequest cr = c.request;
            c.order = new Order("", cr.clientOrderId(), cr, OrderStatus.PENDING_NEW, BigDecimal.ZERO, null, "", t, t);
            orders.put(cr.clientOrderId(), c);
            emitOrder(c.order);
            Order identified = new Order("S" + (++orderSequence), cr.clientOrderId(), cr, OrderStatus.PENDING_NEW,
                    BigDecimal.ZERO, null, "", t, t);
            if (holdProblem != null) {
                update(c, identified.withStatus(OrderStatus.REJECTED, holdProblem, t));
                continue;
            }
            c.hold = shared;
            c.holdInitial = shared == null ? BigDecimal.ZERO : shared.remaining;
            working.add(c);
            update(c, identified.withStatus(OrderStatus.OPEN, "", t));
            s.triggers.add(c);
        }
        if (holdProblem == null && children.size() == 2) {
            children.get(0).sibling = children.get(1);
            children.get(1).sibling = children.get(0);
        }
    }

    private String childId(UserOrder parent, String suffix) {
        String id = parent.clientOrderId() + "-" + suffix;
        // Client order ids are at most 36 characters, and the user may have used this one already:
        // fall back to the venue id of the parent, which is unique.
        return id.length() <= 36 && !orders.containsKey(id) ? id : unusedId(parent.order.id() + "-" + suffix);
    }

    /** {@code base}, or {@code base-2}, {@code base-3}... whichever no order uses yet. */
    private String unusedId(String base) {
        String id = base;
        for (int n = 2; orders.containsKey(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    // ---------------------------------------------------------------- cancels

    Order cancel(String clientOrderId) {
        UserOrder u = orders.get(clientOrderId);
        if (u == null) {
            throw new IllegalArgumentException("no order with client order id '" + clientOrderId + "'");
        }
        if (!u.isLive()) {
            return u.order.withStatus(u.order.status(), "cannot cancel: the order is already "
                    + u.order.status().wireName(), venue.instant());
        }
        cancel(u, "cancelled by the user", true);
        venue.afterAction(u.market);
        return u.order;
    }

    int cancelAll(Optional<InstrumentId> instrument) {
        List<UserOrder> targets = new ArrayList<>();
        for (UserOrder u : working) {
            if (instrument.map(id -> id.equals(u.market.profile.id())).orElse(true)) {
                targets.add(u);
            }
        }
        Set<InstrumentState> touched = new LinkedHashSet<>();
        for (UserOrder u : targets) {
            // An OCO leg may already have been cancelled with its sibling.
            cancel(u, "cancelled by the user (cancel all)", true);
            touched.add(u.market);
        }
        for (InstrumentState s : touched) {
            venue.afterAction(s);
        }
        int count = 0;
        for (UserOrder u : targets) {
            if (u.order.status() == OrderStatus.CANCELLED) {
                count++;
            }
        }
        return count;
    }

    // ---------------------------------------------------------------- views and streams

    Optional<Order> order(String clientOrderId) {
        UserOrder u = orders.get(clientOrderId);
        return u == null ? Optional.empty() : Optional.of(u.order);
    }

    List<Order> openOrders() {
        return openOrdersView;
    }

    List<Balance> balances() {
        return balancesView;
    }

    List<Position> positions() {
        return positionsView;
    }

    void addSubscription(VenueSubscription<TradingListener> sub) {
        Instant t = venue.instant();
        for (UserOrder u : working) {
            sub.deliver(TradingListener::onOrder, u.order, t);
        }
        for (Balance b : balancesView) {
            sub.deliver(TradingListener::onBalance, b, t);
        }
        for (Position p : positionsView) {
            sub.deliver(TradingListener::onPosition, p, t);
        }
        subscriptions.add(sub);
    }

    private void update(UserOrder u, Order next) {
        u.order = next;
        ordersChanged = true;
        emitOrder(next);
    }

    private void emitOrder(Order o) {
        SimulatedVenue.deliverAll(subscriptions, TradingListener::onOrder, o, o.updated());
    }

    private void emitFill(Fill f) {
        SimulatedVenue.deliverAll(subscriptions, TradingListener::onFill, f, f.time());
    }

    /** Emits the balances and positions that changed during an action and refreshes the views. */
    void flush() {
        Instant t = venue.instant();
        boolean balancesChanged = false;
        for (Account.Wallet w : account.wallets()) {
            if (!w.dirty) {
                continue;
            }
            w.dirty = false;
            Balance b = account.balance(w, t);
            if (w.published == null || w.published.total().compareTo(b.total()) != 0
                    || w.published.available().compareTo(b.available()) != 0) {
                w.published = b;
                balancesChanged = true;
                SimulatedVenue.deliverAll(subscriptions, TradingListener::onBalance, b, t);
            }
        }
        boolean positionsChanged = false;
        for (Account.PerpPosition p : account.positions()) {
            if (p.dirty) {
                p.dirty = false;
                publishPosition(p, t);
                positionsChanged = true;
                // Margin moved with the position: USD available changed even if nothing else did.
                Account.Wallet usd = account.wallet(Account.SETTLE);
                Balance b = account.balance(usd, t);
                if (usd.published == null || usd.published.available().compareTo(b.available()) != 0
                        || usd.published.total().compareTo(b.total()) != 0) {
                    usd.published = b;
                    balancesChanged = true;
                    SimulatedVenue.deliverAll(subscriptions, TradingListener::onBalance, b, t);
                }
            }
        }
        if (balancesChanged) {
            balancesView = account.balances(t);
        }
        if (positionsChanged) {
            refreshPositionsView();
        }
        if (ordersChanged) {
            ordersChanged = false;
            List<Order> open = new ArrayList<>(working.size());
            for (UserOrder u : working) {
                open.add(u.order);
            }
            openOrdersView = List.copyOf(open);
        }
    }

    private void publishPosition(Account.PerpPosition p, Instant t) {
        Position value = account.positionValue(p, venue.mark(p.market), t);
        p.published = value;
        SimulatedVenue.deliverAll(subscriptions, TradingListener::onPosition, value, t);
    }

    private void refreshPositionsView() {
        List<Position> open = new ArrayList<>();
        for (Account.PerpPosition p : account.positions()) {
            if (p.published != null && p.quantity.signum() != 0) {
                open.add(p.published);
            }
        }
        positionsView = List.copyOf(open);
    }

    /** Once a second: mark-to-market updates of open positions whose mark price moved. */
    void everySecond() {
        Instant t = venue.instant();
        boolean changed = false;
        for (Account.PerpPosition p : account.positions()) {
            if (p.quantity.signum() == 0) {
                continue;
            }
            BigDecimal mark = venue.mark(p.market);
            if (p.published == null || mark == null || p.published.markPrice() == null
                    || mark.compareTo(p.published.markPrice()) != 0) {
                publishPosition(p, t);
                changed = true;
            }
        }
        if (changed) {
            refreshPositionsView();
        }
    }

    /** Publishes the initial views (balances at start). */
    void publishViews() {
        Instant t = venue.instant();
        for (Account.Wallet w : account.wallets()) {
            w.published = account.balance(w, t);
            w.dirty = false;
        }
        balancesView = account.balances(t);
        openOrdersView = List.of();
        positionsView = List.of();
    }

    // ---------------------------------------------------------------- text

    private static String plain(BigDecimal value) {
        return Decimals.toPlainString(value);
    }

    private static String describe(BigDecimal position) {
        if (position.signum() == 0) {
            return "flat";
        }
        return (position.signum() > 0 ? "long " : "short ") + plain(position.abs());
    }

    private static String describeOrder(OrderRequest r) {
        return r.type().wireName() + " " + r.side().wireName() + " of " + plain(r.quantity()) + " "
                + r.instrument().symbol();
    }
}
