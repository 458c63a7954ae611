package org.tradebench.connector.simulated.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tradebench.api.Decimals;
import org.tradebench.api.Subscription;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Trade;
import org.tradebench.api.risk.MarketContext;
import org.tradebench.api.risk.PreTradeRiskCheck;
import org.tradebench.api.risk.RiskLimits;
import org.tradebench.api.risk.RiskVerdict;
import org.tradebench.api.trading.AccountSetting;
import org.tradebench.api.trading.AmendRequest;
import org.tradebench.api.trading.ExitLeg;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.HistoryRequest;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.SettingResult;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.api.trading.TriggerSource;
import org.tradebench.connector.simulated.SimulatedExchangeConfig;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.stream.TradingStream;
import org.tradebench.core.book.OrderBook;
import org.tradebench.core.risk.StandardRiskCheck;

/**
 * The user's side of the venue: order placement (the venue's filters and rules, balance holds),
 * matching of the user's orders in the shared book, stop and take-profit triggers, attached
 * take-profit/stop-loss (OCO) exits, amends, cancels, fills, balances and positions, the account
 * settings, and the account stream (the toolkit's {@link TradingStream}).
 *
 * <h2>Order life cycle as emitted</h2>
 * <ul>
 * <li>Refused by the venue's filters (or for an unknown instrument): one REJECTED order with an empty
 * id and the code {@value #FILTER} (or {@value #UNKNOWN_INSTRUMENT}); the venue never saw it, so its
 * client order id stays free.</li>
 * <li>Otherwise PENDING_NEW (empty id), then REJECTED with the venue's code and reason, or OPEN with
 * the venue's id; then fills as PARTIALLY_FILLED / FILLED, each preceded by its {@link Fill}; an IOC,
 * FOK or market remainder ends CANCELLED with the reason. Stop and take-profit orders stay OPEN
 * until triggered. A user cancel goes PENDING_CANCEL then CANCELLED. An amend emits the order with
 * its new request (same status).</li>
 * <li>Balances and positions that changed are emitted once at the end of each action, after the
 * order and fill events.</li>
 * </ul>
 *
 * <h2>Matching rules</h2>
 * Price-time priority in the book the synthetic participants use. Post-only orders that would take
 * are rejected. Fill-or-kill orders are rejected unless the participants' liquidity at acceptable
 * prices covers the whole quantity. A stop or take-profit whose trigger is already reached is
 * rejected ("would trigger at once"); triggers compare with the last trade price (trigger source
 * LAST; MARK and INDEX are refused). Reduce-only (perpetual only) is rejected when it would open or
 * increase a position or exceed it, and capped at fill time when the position has shrunk since.
 * Self-trade prevention cancels the resting order (the incoming one continues). Attached
 * take-profit and stop-loss exits ({@link ExitLeg}) become orders, reduce-only on the perpetual, on
 * each fill of the entry for that fill's quantity (partial fills included: a fill followed by a
 * cancel is protected); each fill's pair is an OCO pair: when one triggers or ends, the other is
 * cancelled.
 *
 * <h2>Amend rules</h2>
 * Working orders only. A new limit price takes the order out of its queue and back in at the new
 * price behind the orders already there (it trades at once when it now crosses; a post-only order
 * that would cross is refused instead); a smaller quantity keeps the order's place; a larger one
 * sends it to the back of its queue; the new quantity must stay above what is filled. A trigger
 * price changes only while the order waits for it, and is refused when it would trigger at once.
 * The exits of an entry follow its fills: only their trigger (and limit) prices change. The hold
 * follows the amend and the amend is refused when the balance cannot cover it; the venue's filters see
 * the amended order. A refused amend leaves the order as it was and returns it with the code and
 * the reason.
 *
 * <h2>Error codes</h2>
 * {@value #UNKNOWN_INSTRUMENT}, {@value #FILTER}, {@value #NOT_OFFERED} (hidden, close-position,
 * hedge mode, mark/index triggers), {@value #REDUCE_ONLY}, {@value #POST_ONLY}, {@value #WOULD_TRIGGER},
 * {@value #EXIT_PRICE}, {@value #FILL_OR_KILL}, {@value #INSUFFICIENT_BALANCE}, {@value #NO_PRICE},
 * {@value #NOT_AMENDABLE}, {@value #NOT_CANCELLABLE}.
 *
 * <p>Owned by the venue's thread (under the runtime lock); the order/balance/position views are
 * published as immutable lists through volatile fields for other threads.
 */
final class TradingEngine {

    /** The order's instrument is not listed. */
    static final String UNKNOWN_INSTRUMENT = "UNKNOWN_INSTRUMENT";
    /**
     * The venue's order filters refused the order: off the price or quantity grid, outside the
     * instrument's size limits or minimum notional, more than {@value #PRICE_FILTER_PERCENT}% away from
     * the mid, or too many working orders (an exchange's PRICE_FILTER, LOT_SIZE, PERCENT_PRICE and
     * MAX_NUM_ORDERS). The user's pre-trade risk check runs before, in the order gateway.
     */
    static final String FILTER = "FILTER";
    /** How far from the mid a price may be, in percent. */
    static final int PRICE_FILTER_PERCENT = 50;
    /** A feature the simulated exchange does not offer. */
    static final String NOT_OFFERED = "NOT_OFFERED";
    /** Reduce-only would open, increase or exceed a position, or applies to spot. */
    static final String REDUCE_ONLY = "REDUCE_ONLY";
    /** Post-only would take liquidity. */
    static final String POST_ONLY = "POST_ONLY";
    /** A trigger price is already reached. */
    static final String WOULD_TRIGGER = "WOULD_TRIGGER";
    /** An attached exit is on the wrong side of its entry. */
    static final String EXIT_PRICE = "EXIT_PRICE";
    /** Fill-or-kill cannot fill completely. */
    static final String FILL_OR_KILL = "FILL_OR_KILL";
    /** Not enough balance for the hold. */
    static final String INSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE";
    /** The market has no price to check or hold against. */
    static final String NO_PRICE = "NO_PRICE";
    /** The amend cannot be applied to this order. */
    static final String NOT_AMENDABLE = "NOT_AMENDABLE";
    /** The order is final: nothing to cancel. */
    static final String NOT_CANCELLABLE = "NOT_CANCELLABLE";

    /** Why the venue refused something: a code and a text for people. */
    record Refusal(String code, String text) {
    }

    private final SimulatedVenue venue;
    private final Account account;
    // The venue's filters, checked with the standard check's rules but without rounding: an exchange
    // refuses what is off its grid; the gateway rounds before sending.
    private final PreTradeRiskCheck filters = new StandardRiskCheck();
    private final RiskLimits limits = new RiskLimits(new BigDecimal("1000000"), new BigDecimal("1000000000000"),
            BigDecimal.valueOf(PRICE_FILTER_PERCENT, 2), false, 200, null);
    private final Map<String, UserOrder> orders = new HashMap<>();
    // Every order the venue saw, in placement order, for the order history.
    private final List<UserOrder> history = new ArrayList<>();
    private final List<Fill> fillLog = new ArrayList<>();
    // Working orders (resting, or waiting for a trigger) in placement order, for cancel-all and views.
    private final Set<UserOrder> working = new LinkedHashSet<>();
    /** The account stream: every subscription queues every event, a newcomer gets the current state first. */
    private final TradingStream stream;
    private long orderSequence;
    private long fillSequence;
    private long liquidationSequence;
    private boolean ordersChanged = true;

    private volatile List<Order> openOrdersView = List.of();
    private volatile List<Balance> balancesView = List.of();
    private volatile List<Position> positionsView = List.of();

    TradingEngine(SimulatedVenue venue, Account account, ConnectorRuntime runtime) {
        this.venue = venue;
        this.account = account;
        this.stream = new TradingStream(runtime, "account " + Account.ID, this::currentState);
        // In process there is nothing to wait for: the account stream is live from the start.
        stream.state(DataState.LIVE, "");
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
            return refuse(request, UNKNOWN_INSTRUMENT, "unknown instrument " + request.instrument()
                    + ": the simulated exchange lists " + venue.symbols(), t);
        }
        RiskVerdict verdict = filters.check(request, s.profile.instrument(), marketContext(s, 0), limits);
        if (!verdict.accepted()) {
            return refuse(request, FILTER, "the order does not pass the venue's filters: " + verdict.summary(), t);
        }
        UserOrder u = new UserOrder(s, verdict.request(), null);
        submit(u, t);
        venue.afterAction(s);
        return u.order;
    }

    /** The market and the account as the venue's filters see them; {@code excluded} working orders are not counted. */
    private MarketContext marketContext(InstrumentState s, int excluded) {
        OrderBook b = s.book.aggregated();
        InstrumentProfile p = s.profile;
        return new MarketContext(b.bestBid() == 0 ? null : p.price(b.bestBid()),
                b.bestAsk() == 0 ? null : p.price(b.bestAsk()), s.lastPrice == 0 ? null : p.price(s.lastPrice),
                account.available(account.quoteWallet(p)), Math.max(0, working.size() - excluded));
    }

    private Order refuse(OrderRequest request, String code, String reason, Instant t) {
        Order o = Order.pending(request, Account.ID, t).rejected(code, reason, t);
        emit(o);
        return o;
    }

    /** Takes an order the filters accepted (or a venue-made one) through the venue rules. */
    private void submit(UserOrder u, Instant t) {
        OrderRequest r = u.request;
        u.order = Order.pending(r, Account.ID, t);
        orders.put(r.clientOrderId(), u);
        history.add(u);
        emit(u.order);
        Hold hold = new Hold();
        Refusal problem = validate(u, hold);
        Order identified = u.order.withId("S" + (++orderSequence));
        if (problem != null) {
            update(u, identified.rejected(problem.code(), problem.text(), t));
            return;
        }
        if (hold.amount != null && hold.amount.signum() > 0) {
            u.hold = account.hold(hold.wallet, hold.amount);
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

    /** The venue's rules beyond its filters; returns the refusal, or null. */
    private Refusal validate(UserOrder u, Hold hold) {
        OrderRequest r = u.request;
        InstrumentState s = u.market;
        Refusal unsupported = unsupported(r);
        if (unsupported != null) {
            return unsupported;
        }
        if (u.reduceOnly()) {
            Refusal reduce = checkReduceOnly(u, r.side(), r.quantity());
            if (reduce != null) {
                return reduce;
            }
        }
        if (r.has(OrderFlag.POST_ONLY)) {
            Refusal post = checkPostOnly(s, r.side(), r.price());
            if (post != null) {
                return post;
            }
        }
        if (u.isTriggerType()) {
            Refusal trigger = checkTrigger(u, r);
            if (trigger != null) {
                return trigger;
            }
        }
        Refusal attached = checkAttached(u, r);
        if (attached != null) {
            return attached;
        }
        if (!u.isTriggerType() && r.timeInForce() == TimeInForce.FOK) {
            String fok = checkFillOrKill(u);
            if (fok != null) {
                return new Refusal(FILL_OR_KILL, fok);
            }
        }
        return checkBalance(u, r, u.quantity, BigDecimal.ZERO, hold);
    }

    /** What the simulated exchange does not offer, said as a refusal. */
    private static Refusal unsupported(OrderRequest r) {
        if (r.has(OrderFlag.HIDDEN)) {
            return new Refusal(NOT_OFFERED, "hidden orders are not offered by the simulated exchange");
        }
        if (r.has(OrderFlag.CLOSE_POSITION)) {
            return new Refusal(NOT_OFFERED, "the close-position flag is not offered by the simulated exchange: "
                    + "send a reduce-only order for the position's size");
        }
        if (r.positionSide() != null) {
            return new Refusal(NOT_OFFERED, "hedge mode is not offered: the simulated exchange keeps one position "
                    + "per instrument (one-way mode), so an order takes no position side");
        }
        if (r.type().needsTrigger() && r.triggerSource() != TriggerSource.LAST) {
            return triggerSourceRefusal("the " + r.type().wireName() + " order", r.triggerSource());
        }
        for (ExitLeg leg : new ExitLeg[] { r.takeProfit(), r.stopLoss() }) {
            if (leg != null && leg.triggerSource() != TriggerSource.LAST) {
                return triggerSourceRefusal(leg == r.takeProfit() ? "the take-profit" : "the stop-loss",
                        leg.triggerSource());
            }
        }
        return null;
    }

    private static Refusal triggerSourceRefusal(String what, TriggerSource source) {
        return new Refusal(NOT_OFFERED, "trigger source " + source.wireName() + " of " + what + " is not offered: "
                + "the simulated exchange triggers stops and take-profits on the last trade price (use last)");
    }

    private Refusal checkReduceOnly(UserOrder u, Side side, BigDecimal quantity) {
        InstrumentProfile p = u.market.profile;
        if (!p.isPerpetual()) {
            return new Refusal(REDUCE_ONLY, "reduce-only applies to perpetual positions; " + p.id().symbol()
                    + " is spot");
        }
        BigDecimal position = account.signedPosition(u.market);
        BigDecimal reducible = reducible(side, position);
        if (reducible.signum() == 0) {
            return new Refusal(REDUCE_ONLY, "reduce-only " + side.wireName() + " would open or increase a position: the "
                    + p.id().symbol() + " position is " + describe(position));
        }
        if (quantity.compareTo(reducible) > 0) {
            return new Refusal(REDUCE_ONLY, "reduce-only " + side.wireName() + " of " + plain(quantity)
                    + " exceeds the " + describe(position) + " position");
        }
        return null;
    }

    private static Refusal checkPostOnly(InstrumentState s, Side side, BigDecimal price) {
        InstrumentProfile p = s.profile;
        OrderBook book = s.book.aggregated();
        long bestOpposite = side == Side.BUY ? book.bestAsk() : book.bestBid();
        if (bestOpposite > 0 && SimulatedVenue.crosses(side, p.priceUnits(price), bestOpposite)) {
            return new Refusal(POST_ONLY, "post-only " + side.wireName() + " at " + plain(price)
                    + " would take liquidity: the best " + (side == Side.BUY ? "ask" : "bid") + " is "
                    + plain(p.price(bestOpposite)));
        }
        return null;
    }

    /** Refuses a trigger already reached by the last price; {@code r} holds the trigger to check. */
    private static Refusal checkTrigger(UserOrder u, OrderRequest r) {
        InstrumentState s = u.market;
        InstrumentProfile p = s.profile;
        if (s.lastPrice > 0 && UserOrder.triggerHit(r, p.priceUnits(r.triggerPrice()), s.lastPrice)) {
            boolean above = s.lastPrice >= p.priceUnits(r.triggerPrice());
            return new Refusal(WOULD_TRIGGER, r.type().wireName() + " " + r.side().wireName() + " trigger "
                    + plain(r.triggerPrice()) + " is " + (above ? "at or below" : "at or above") + " the last price "
                    + plain(p.price(s.lastPrice)) + ": it would trigger at once");
        }
        return null;
    }

    private Refusal checkAttached(UserOrder u, OrderRequest r) {
        if (r.takeProfit() == null && r.stopLoss() == null) {
            return null;
        }
        BigDecimal entry = r.price() != null ? r.price()
                : r.triggerPrice() != null ? r.triggerPrice() : venue.mid(u.market);
        if (entry == null) {
            return new Refusal(NO_PRICE, "attached take-profit/stop-loss need a price to compare with, but the market "
                    + "has none");
        }
        boolean buy = r.side() == Side.BUY;
        BigDecimal tp = r.takeProfit() == null ? null : r.takeProfit().triggerPrice();
        BigDecimal sl = r.stopLoss() == null ? null : r.stopLoss().triggerPrice();
        if (tp != null && (buy ? tp.compareTo(entry) <= 0 : tp.compareTo(entry) >= 0)) {
            return new Refusal(EXIT_PRICE, "take-profit " + plain(tp) + " of a " + r.side().wireName() + " must be "
                    + (buy ? "above" : "below") + " its entry price " + plain(entry));
        }
        if (sl != null && (buy ? sl.compareTo(entry) >= 0 : sl.compareTo(entry) <= 0)) {
            return new Refusal(EXIT_PRICE, "stop-loss " + plain(sl) + " of a " + r.side().wireName() + " must be "
                    + (buy ? "below" : "above") + " its entry price " + plain(entry));
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

    /**
     * Decides the hold (see {@link Account}) for {@code remaining} units of request {@code r} and
     * checks it is available, counting {@code credit} (what the order already holds) as available.
     */
    private Refusal checkBalance(UserOrder u, OrderRequest r, long remaining, BigDecimal credit, Hold hold) {
        InstrumentState s = u.market;
        InstrumentProfile p = s.profile;
        BigDecimal q = p.size(remaining);
        if (p.isPerpetual()) {
            if (u.reduceOnly()) {
                return null; // never adds margin; its fee is paid from the wallet like any other
            }
            BigDecimal reference = referencePrice(u, r, remaining);
            if (reference == null) {
                return new Refusal(NO_PRICE, "no price to compute the margin with: the " + p.id().symbol()
                        + " book is empty");
            }
            BigDecimal leverage = account.leverage(s);
            BigDecimal opening = q.subtract(reducible(r.side(), account.signedPosition(s))).max(BigDecimal.ZERO);
            BigDecimal margin = opening.multiply(reference).divide(leverage, p.priceScale() + 8, RoundingMode.HALF_EVEN);
            BigDecimal amount = Decimals.normalize(margin.add(q.multiply(reference).multiply(Account.TAKER_FEE)));
            return require(hold, account.margin(), amount, credit, "margin for " + describeOrder(r, q) + " ("
                    + plain(opening) + " × " + plain(reference) + " / " + plain(leverage)
                    + " leverage + taker fee)");
        }
        if (r.side() == Side.SELL) {
            return require(hold, account.spot(p.id().base()), q, credit, describeOrder(r, q));
        }
        BigDecimal cost;
        String how;
        if (r.type() == OrderType.MARKET) {
            cost = sweepCost(s, Side.BUY, remaining);
            how = "at the book's current prices";
        } else {
            BigDecimal price = referencePrice(u, r, remaining);
            cost = q.multiply(price);
            how = plain(q) + " × " + plain(price);
        }
        BigDecimal amount = Decimals.normalize(cost.multiply(BigDecimal.ONE.add(Account.TAKER_FEE)));
        return require(hold, account.spot(Account.SETTLE), amount, credit, describeOrder(r, q) + " (" + how
                + " + taker fee)");
    }

    private Refusal require(Hold hold, Account.Wallet wallet, BigDecimal amount, BigDecimal credit, String what) {
        BigDecimal available = account.available(wallet).add(credit);
        if (available.compareTo(amount) < 0) {
            return new Refusal(INSUFFICIENT_BALANCE, "insufficient balance: " + what + " needs " + plain(amount) + " "
                    + wallet.currency + ", available " + plain(available) + " " + wallet.currency + " in the "
                    + wallet.wallet + " wallet");
        }
        hold.wallet = wallet;
        hold.amount = amount;
        return null;
    }

    /** The price a hold is computed at: the limit price, the trigger (plus a buffer for market buys), or the book. */
    private BigDecimal referencePrice(UserOrder u, OrderRequest r, long remaining) {
        if (r.price() != null) {
            return r.price();
        }
        if (r.triggerPrice() != null) {
            return r.side() == Side.BUY ? r.triggerPrice().multiply(BigDecimal.ONE.add(Account.STOP_BUFFER))
                    : r.triggerPrice();
        }
        BigDecimal cost = sweepCost(u.market, r.side(), remaining);
        long covered = Math.min(remaining, depth(u.market, r.side().opposite()));
        if (covered == 0) {
            return venue.mid(u.market);
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
        BigDecimal budget = account.available(account.spot(Account.SETTLE));
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
        long remainingBefore = u.remaining();
        BigDecimal notional = price.multiply(quantity);
        BigDecimal fee = Decimals.normalize(notional.multiply(maker ? Account.MAKER_FEE : Account.TAKER_FEE));
        String feeCurrency = Account.SETTLE;
        if (p.isPerpetual()) {
            account.perpFill(u.market, u.side(), price, quantity, fee);
            if (u.hold != null) {
                // Margin is held for what is unfilled: release the filled share of it.
                account.consume(u.hold, u.hold.remaining.multiply(BigDecimal.valueOf(units))
                        .divide(BigDecimal.valueOf(remainingBefore), p.priceScale() + 8, RoundingMode.HALF_EVEN));
            }
        } else if (venue.rules().feeInReceivedCurrency() && u.side() == Side.BUY) {
            // the fee is taken from what was bought
            fee = Decimals.normalize(quantity.multiply(maker ? Account.MAKER_FEE : Account.TAKER_FEE));
            feeCurrency = p.id().base();
            account.spotBuyFeeInBase(p.id().base(), price, quantity, fee);
            if (u.hold != null) {
                account.consume(u.hold, notional);
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
        Fill fill = new Fill(p.id(), u.order.id(), u.clientOrderId(), "F" + (++fillSequence), u.side(), price,
                quantity, fee, feeCurrency, maker, t, Account.ID);
        fillLog.add(fill);
        emit(fill);
        BigDecimal filled = p.size(u.filled);
        BigDecimal average = u.filledNotional.divide(filled, p.priceScale() + 8, RoundingMode.HALF_EVEN);
        update(u, u.order.withFill(filled, Decimals.normalize(average), t));
        if (u.parent == null && u.request.hasExits()) {
            // Each fill is protected at once, partial fills included: a pair of exits for its quantity.
            createExits(u, quantity);
        }
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

    /** Whether the mark price of a perpetual has reached the liquidation price of its position. */
    boolean liquidationDue(InstrumentState s) {
        if (!s.profile.isPerpetual()) {
            return false;
        }
        Account.PerpPosition p = account.position(s);
        BigDecimal liquidation = account.liquidationPrice(p);
        BigDecimal mark = venue.mark(s);
        if (liquidation == null || mark == null) {
            return false;
        }
        return p.quantity.signum() > 0 ? mark.compareTo(liquidation) <= 0 : mark.compareTo(liquidation) >= 0;
    }

    private void checkLiquidation(InstrumentState s) {
        if (!liquidationDue(s)) {
            return;
        }
        Account.PerpPosition p = account.position(s);
        BigDecimal mark = venue.mark(s);
        for (UserOrder w : List.copyOf(working)) {
            if (w.market == s) {
                cancel(w, "liquidation of the " + s.profile.id().symbol() + " position at mark " + plain(mark), false);
            }
        }
        Side side = p.quantity.signum() > 0 ? Side.SELL : Side.BUY;
        OrderRequest close = OrderRequest.market(unusedId("liquidation-" + (++liquidationSequence)), s.profile.id(),
                side, p.quantity.abs()).withFlags(Set.of(OrderFlag.REDUCE_ONLY));
        UserOrder u = new UserOrder(s, close, null);
        Instant t = venue.instant();
        submit(u, t);
        if (u.filled > 0) {
            venue.publishLiquidation(s, new Liquidation(s.profile.id(), t, t, side, u.order.averagePrice(),
                    u.order.filledQuantity()));
        }
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

    /** Cleans up after an order reached a final state. */
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
    }

    /** The attached take-profit and stop-loss for one fill of an entry order, as an OCO pair. */
    private void createExits(UserOrder parent, BigDecimal quantity) {
        InstrumentState s = parent.market;
        OrderRequest r = parent.request;
        Side side = r.side().opposite();
        Set<OrderFlag> flags = s.profile.isPerpetual() ? Set.of(OrderFlag.REDUCE_ONLY) : Set.of();
        List<UserOrder> exits = new ArrayList<>(2);
        if (r.takeProfit() != null) {
            exits.add(new UserOrder(s, exitRequest(parent, r.takeProfit(), OrderRole.TAKE_PROFIT, side, quantity, flags),
                    parent));
        }
        if (r.stopLoss() != null) {
            exits.add(new UserOrder(s, exitRequest(parent, r.stopLoss(), OrderRole.STOP_LOSS, side, quantity, flags),
                    parent));
        }
        Instant t = venue.instant();
        // On spot both legs would sell (or buy) the same coins: they share one hold, sized for the
        // more expensive leg, released when the last leg ends.
        Account.Hold shared = null;
        Refusal holdProblem = null;
        if (!s.profile.isPerpetual()) {
            Account.Wallet wallet = side == Side.SELL ? account.spot(s.profile.id().base())
                    : account.spot(Account.SETTLE);
            BigDecimal amount = exitHold(side, quantity, exits);
            BigDecimal available = account.available(wallet);
            if (available.compareTo(amount) < 0) {
                holdProblem = new Refusal(INSUFFICIENT_BALANCE, "insufficient balance: the attached orders of "
                        + parent.clientOrderId() + " need " + plain(amount) + " " + wallet.currency + ", available "
                        + plain(available) + " " + wallet.currency + " in the " + wallet.wallet + " wallet");
            } else {
                shared = account.hold(wallet, amount);
                shared.refs = exits.size();
            }
        }
        for (UserOrder c : exits) {
            OrderRequest cr = c.request;
            c.order = Order.pending(cr, Account.ID, t);
            orders.put(cr.clientOrderId(), c);
            history.add(c);
            emit(c.order);
            Order identified = c.order.withId("S" + (++orderSequence));
            if (holdProblem != null) {
                update(c, identified.rejected(holdProblem.code(), holdProblem.text(), t));
                continue;
            }
            c.hold = shared;
            working.add(c);
            update(c, identified.withStatus(OrderStatus.OPEN, "", t));
            s.triggers.add(c);
        }
        if (holdProblem == null && exits.size() == 2) {
            exits.get(0).sibling = exits.get(1);
            exits.get(1).sibling = exits.get(0);
        }
    }

    private OrderRequest exitRequest(UserOrder parent, ExitLeg leg, OrderRole role, Side side, BigDecimal quantity,
            Set<OrderFlag> flags) {
        boolean tp = role == OrderRole.TAKE_PROFIT;
        OrderType type = leg.limitPrice() == null ? (tp ? OrderType.TAKE_PROFIT : OrderType.STOP)
                : (tp ? OrderType.TAKE_PROFIT_LIMIT : OrderType.STOP_LIMIT);
        String id = exitId(parent, tp ? "tp" : "sl");
        return OrderRequest.of(id, parent.market.profile.id(), side, type, quantity, leg.limitPrice(),
                leg.triggerPrice(), TimeInForce.GTC).withFlags(flags).asExitOf(role, parent.clientOrderId());
    }

    /**
     * What the exits of a spot entry hold together: the coins for sell legs; for buy legs the cost
     * at the highest trigger or limit price, with the stop buffer and the taker fee.
     */
    private static BigDecimal exitHold(Side side, BigDecimal quantity, List<UserOrder> legs) {
        if (side == Side.SELL) {
            return quantity;
        }
        BigDecimal highest = BigDecimal.ZERO;
        for (UserOrder leg : legs) {
            highest = highest.max(leg.request.triggerPrice());
            if (leg.request.price() != null) {
                highest = highest.max(leg.request.price());
            }
        }
        return Decimals.normalize(quantity.multiply(highest).multiply(BigDecimal.ONE.add(Account.STOP_BUFFER))
                .multiply(BigDecimal.ONE.add(Account.TAKER_FEE)));
    }

    private String exitId(UserOrder parent, String suffix) {
        String id = parent.clientOrderId() + "-" + suffix;
        // Each fill gets its own pair (x-tp, x-tp-2, ...), and the user may have used an id already:
        // the first one free. Client order ids are at most 36 characters: a long entry id falls back
        // to the venue id of the parent, which is short and unique.
        return id.length() <= 32 ? unusedId(id) : unusedId(parent.order.id() + "-" + suffix);
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
        UserOrder u = known(clientOrderId);
        if (!u.isLive()) {
            return annotated(u.order, NOT_CANCELLABLE, "cannot cancel: the order is already "
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

    private UserOrder known(String clientOrderId) {
        UserOrder u = orders.get(clientOrderId);
        if (u == null) {
            throw new IllegalArgumentException("no order with client order id '" + clientOrderId + "'");
        }
        return u;
    }

    /** The order unchanged, carrying why a request about it was refused. */
    private static Order annotated(Order o, String code, String reason, Instant t) {
        return new Order(o.id(), o.clientOrderId(), o.request(), o.status(), o.filledQuantity(), o.averagePrice(),
                reason, o.created(), t, o.accountId(), code, o.placement());
    }

    // ---------------------------------------------------------------- amends

    /**
     * Amends a working order (see the amend rules in the class documentation).
     *
     * @return the order after the amend, or unchanged with the code and the reason when refused
     * @throws IllegalArgumentException when no order has that client order id
     */
    Order amend(AmendRequest a) {
        UserOrder u = known(a.clientOrderId());
        Instant t = venue.instant();
        Refusal refusal = tryAmend(u, a, t);
        if (refusal != null) {
            return annotated(u.order, refusal.code(), "amend refused: " + refusal.text(), t);
        }
        venue.afterAction(u.market);
        return u.order;
    }

    private Refusal tryAmend(UserOrder u, AmendRequest a, Instant t) {
        OrderRequest r = u.request;
        InstrumentState s = u.market;
        InstrumentProfile p = s.profile;
        String what = "the " + r.type().wireName() + " order " + u.clientOrderId();
        if (!u.isLive()) {
            return new Refusal(NOT_AMENDABLE, what + " is already " + u.order.status().wireName());
        }
        if (a.price() != null && !r.type().needsPrice()) {
            return new Refusal(NOT_AMENDABLE, what + " has no limit price");
        }
        if (a.triggerPrice() != null && !r.type().needsTrigger()) {
            return new Refusal(NOT_AMENDABLE, what + " has no trigger price");
        }
        if (a.triggerPrice() != null && !u.isWaiting()) {
            return new Refusal(NOT_AMENDABLE, what + " has triggered: its trigger price no longer applies");
        }
        if (a.quantity() != null && u.parent != null) {
            return new Refusal(NOT_AMENDABLE, what + " is an exit of " + u.parent.clientOrderId()
                    + " and follows its fills: amend its trigger or limit price only");
        }
        OrderRequest amended;
        try {
            amended = r.withAmounts(a.quantity() != null ? a.quantity() : r.quantity(),
                    a.price() != null ? a.price() : r.price(),
                    a.triggerPrice() != null ? a.triggerPrice() : r.triggerPrice());
        } catch (IllegalArgumentException e) {
            return new Refusal(NOT_AMENDABLE, e.getMessage());
        }
        RiskVerdict verdict = filters.check(amended, p.instrument(), marketContext(s, 1), limits);
        if (!verdict.accepted()) {
            return new Refusal(FILTER, "the amended order does not pass the venue's filters: " + verdict.summary());
        }
        amended = verdict.request();
        long quantity = p.sizeUnits(amended.quantity());
        if (quantity <= u.filled) {
            return new Refusal(NOT_AMENDABLE, "the new quantity " + plain(amended.quantity())
                    + " is not above the filled " + plain(p.size(u.filled)) + ": cancel the order instead");
        }
        boolean priceChanged = !same(amended.price(), r.price());
        boolean triggerChanged = !same(amended.triggerPrice(), r.triggerPrice());
        long remaining = quantity - u.filled;
        if (!priceChanged && !triggerChanged && quantity == u.quantity) {
            return null; // nothing changes: the order stays as it is
        }
        if (u.reduceOnly() && quantity > u.quantity) {
            Refusal reduce = checkReduceOnly(u, r.side(), p.size(remaining));
            if (reduce != null) {
                return reduce;
            }
        }
        if (priceChanged && amended.has(OrderFlag.POST_ONLY)) {
            Refusal post = checkPostOnly(s, r.side(), amended.price());
            if (post != null) {
                return post;
            }
        }
        if (triggerChanged) {
            Refusal trigger = checkTrigger(u, amended);
            if (trigger != null) {
                return trigger;
            }
        }
        if (priceChanged && u.parent == null) {
            Refusal attached = checkAttached(u, amended);
            if (attached != null) {
                return attached;
            }
        }
        Refusal hold = rehold(u, amended, remaining);
        if (hold != null) {
            return hold;
        }
        boolean requeue = u.resting != null && (priceChanged || quantity > u.quantity);
        if (requeue) {
            // Loses time priority: out of the queue, back in behind the orders at its (new) price.
            s.book.remove(u.resting);
            u.resting = null;
        } else if (u.resting != null && quantity < u.quantity) {
            s.book.shrink(u.resting, remaining); // keeps its place in the queue
        }
        u.replaceRequest(amended);
        ordersChanged = true;
        Order o = u.order;
        update(u, new Order(o.id(), o.clientOrderId(), amended, o.status(), o.filledQuantity(), o.averagePrice(), "",
                o.created(), t, o.accountId(), null, o.placement()));
        if (requeue) {
            execute(u);
        }
        return null;
    }

    /** Makes the order's hold fit the amended request; a refusal when the balance cannot cover it. */
    private Refusal rehold(UserOrder u, OrderRequest amended, long remaining) {
        if (u.parent != null) {
            if (u.hold == null || u.side() == Side.SELL) {
                return null; // perpetual exits hold nothing; spot sell exits hold the coins, unchanged
            }
            List<UserOrder> legs = new ArrayList<>(2);
            legs.add(new UserOrder(u.market, amended, u.parent));
            if (u.sibling != null) {
                legs.add(u.sibling);
            }
            BigDecimal amount = exitHold(Side.BUY, amended.quantity(), legs);
            BigDecimal available = account.available(u.hold.wallet).add(u.hold.remaining);
            if (available.compareTo(amount) < 0) {
                return new Refusal(INSUFFICIENT_BALANCE, "insufficient balance: the exits of "
                        + u.parent.clientOrderId() + " would need " + plain(amount) + " " + u.hold.wallet.currency
                        + ", available " + plain(available) + " " + u.hold.wallet.currency);
            }
            account.resize(u.hold, amount);
            return null;
        }
        Hold hold = new Hold();
        BigDecimal credit = u.hold == null ? BigDecimal.ZERO : u.hold.remaining;
        Refusal problem = checkBalance(u, amended, remaining, credit, hold);
        if (problem != null) {
            return problem;
        }
        BigDecimal amount = hold.amount == null ? BigDecimal.ZERO : hold.amount;
        if (u.hold != null) {
            account.resize(u.hold, amount);
        } else if (amount.signum() > 0) {
            u.hold = account.hold(hold.wallet, amount);
        }
        return null;
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    // ---------------------------------------------------------------- settings

    SettingResult configure(AccountSetting setting) {
        return switch (setting) {
            case AccountSetting.Leverage l -> leverage(l);
            case AccountSetting.Margin m -> margin(m);
            case AccountSetting.HedgeMode h -> h.hedged()
                    ? SettingResult.refused(NOT_OFFERED, "hedge mode is not offered: the simulated exchange keeps one "
                            + "position per instrument (one-way mode)")
                    : SettingResult.applied("one-way mode, the simulated exchange's only position mode");
        };
    }

    /** Why a setting does not apply to an instrument (unknown, or spot), or null for the perpetual. */
    private SettingResult notPerpetual(InstrumentState s, InstrumentId id, String setting) {
        if (s == null) {
            return SettingResult.refused(UNKNOWN_INSTRUMENT, "unknown instrument " + id
                    + ": the simulated exchange lists " + venue.symbols());
        }
        return s.profile.isPerpetual() ? null : SettingResult.refused(NOT_OFFERED, s.profile.id().symbol()
                + " is spot: " + setting + " to the perpetual " + venue.perpetualSymbols());
    }

    private SettingResult margin(AccountSetting.Margin m) {
        InstrumentState s = venue.marketOrNull(m.instrument());
        SettingResult refused = notPerpetual(s, m.instrument(), "margin modes apply");
        if (refused != null) {
            return refused;
        }
        String symbol = s.profile.id().symbol();
        if (account.marginMode(s) == m.mode()) {
            return SettingResult.applied(symbol + " is margined " + m.mode().wireName() + " already");
        }
        if (busy(s)) {
            return SettingResult.refused(NOT_AMENDABLE, "the margin mode of " + symbol + " changes only while it has "
                    + "no position and no working orders");
        }
        account.setMarginMode(s, m.mode());
        flush();
        return SettingResult.applied(symbol + " margined " + m.mode().wireName());
    }

    /** Whether a perpetual has a position or working orders (its margin settings are then fixed). */
    private boolean busy(InstrumentState s) {
        boolean busy = account.signedPosition(s).signum() != 0;
        for (UserOrder w : working) {
            busy |= w.market == s;
        }
        return busy;
    }

    private SettingResult leverage(AccountSetting.Leverage l) {
        InstrumentState s = venue.marketOrNull(l.instrument());
        SettingResult refused = notPerpetual(s, l.instrument(), "leverage applies");
        if (refused != null) {
            return refused;
        }
        String symbol = s.profile.id().symbol();
        if (l.leverage().compareTo(BigDecimal.valueOf(SimulatedExchangeConfig.MAX_LEVERAGE)) > 0) {
            return SettingResult.refused(NOT_OFFERED, "leverage " + plain(l.leverage()) + " is above the simulated "
                    + "exchange's maximum of " + SimulatedExchangeConfig.MAX_LEVERAGE);
        }
        if (busy(s)) {
            return SettingResult.refused(NOT_AMENDABLE, "the leverage of " + symbol + " changes only while it has no "
                    + "position and no working orders (their margin was computed with "
                    + plain(account.leverage(s)) + ")");
        }
        account.setLeverage(s, l.leverage());
        flush();
        return SettingResult.applied("leverage of " + symbol + " set to " + plain(l.leverage()));
    }

    // ---------------------------------------------------------------- views, histories and streams

    Optional<Order> order(String clientOrderId) {
        UserOrder u = orders.get(clientOrderId);
        return u == null ? Optional.empty() : Optional.of(u.order);
    }

    /** Orders the venue saw (not those its filters refused), newest {@code limit} created in the range, oldest first. */
    List<Order> orderHistory(HistoryRequest request) {
        List<Order> out = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0 && out.size() < request.limit(); i--) {
            Order o = history.get(i).order;
            if (matches(request, o.instrument(), o.created())) {
                out.add(o);
            }
        }
        Collections.reverse(out);
        return out;
    }

    /** Own fills, newest {@code limit} in the range, oldest first. */
    List<Fill> fills(HistoryRequest request) {
        List<Fill> out = new ArrayList<>();
        for (int i = fillLog.size() - 1; i >= 0 && out.size() < request.limit(); i--) {
            Fill f = fillLog.get(i);
            if (matches(request, f.instrument(), f.time())) {
                out.add(f);
            }
        }
        Collections.reverse(out);
        return out;
    }

    private static boolean matches(HistoryRequest request, InstrumentId instrument, Instant time) {
        return (request.instrument() == null || request.instrument().equals(instrument))
                && (request.from() == null || !time.isBefore(request.from()))
                && (request.to() == null || time.isBefore(request.to()));
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

    /** Subscribes to the account stream: the open orders, the balances and the positions first. */
    Subscription subscribe(TradingListener listener) {
        return stream.subscribe(listener);
    }

    /** The account stream ends: the venue closed. */
    void close() {
        stream.close();
    }

    /** What a newcomer to the account stream gets first. Runtime lock held. */
    private List<Object> currentState() {
        List<Object> out = new ArrayList<>(working.size() + balancesView.size() + positionsView.size());
        for (UserOrder u : working) {
            out.add(u.order);
        }
        out.addAll(balancesView);
        out.addAll(positionsView);
        return out;
    }

    private void update(UserOrder u, Order next) {
        u.order = next;
        ordersChanged = true;
        emit(next);
    }

    private void emit(Order order) {
        stream.order(order);
    }

    private void emit(Fill fill) {
        stream.fill(fill);
    }

    private void emit(Balance balance) {
        stream.balance(balance);
    }

    private void emit(Position position) {
        stream.position(position);
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
            balancesChanged |= publishBalance(w, t);
        }
        boolean positionsChanged = false;
        for (Account.PerpPosition p : account.positions()) {
            if (p.dirty) {
                p.dirty = false;
                publishPosition(p, t);
                positionsChanged = true;
                // Margin moved with the position: the margin wallet's available changed even if nothing else did.
                balancesChanged |= publishBalance(account.margin(), t);
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

    private boolean publishBalance(Account.Wallet w, Instant t) {
        Balance b = account.balance(w, t);
        if (w.published != null && w.published.total().compareTo(b.total()) == 0
                && w.published.available().compareTo(b.available()) == 0) {
            return false;
        }
        w.published = b;
        emit(b);
        return true;
    }

    private void publishPosition(Account.PerpPosition p, Instant t) {
        Position value = account.positionValue(p, venue.mark(p.market), t);
        p.published = value;
        emit(value);
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

    private static String describeOrder(OrderRequest r, BigDecimal quantity) {
        return r.type().wireName() + " " + r.side().wireName() + " of " + plain(quantity) + " "
                + r.instrument().symbol();
    }
}
