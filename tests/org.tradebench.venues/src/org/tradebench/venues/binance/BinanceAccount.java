package org.tradebench.venues.binance;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tradebench.api.account.Balance;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.AmendRequest;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.api.trading.TradingListener;

/**
 * The trading side of a {@link BinanceSimulator}: Binance's orders, balances, positions and user
 * data events over the simulated venue's paper account and matching engine. Every API key of the
 * simulator trades this one account.
 *
 * <h2>Spot</h2> Orders go to the venue's matching engine: {@code LIMIT} (GTC, IOC, FOK),
 * {@code MARKET}, {@code LIMIT_MAKER} (post-only), {@code STOP_LOSS}, {@code STOP_LOSS_LIMIT},
 * {@code TAKE_PROFIT}, {@code TAKE_PROFIT_LIMIT} (triggered by the last trade price). Balances are
 * the venue's exchange wallet (its USD shown as USDT); fees are the venue's (maker 0.02 %, taker
 * 0.05 %) taken from the asset received, as Binance does without BNB: the base asset on a buy
 * ({@code commissionAsset} BTC), the quote asset on a sell. Events: {@code executionReport},
 * {@code outboundAccountPosition}, {@code balanceUpdate}.
 *
 * <h2>USD-M futures</h2> {@code LIMIT} and {@code MARKET} orders go to the matching engine; the
 * conditional types ({@code STOP}, {@code STOP_MARKET}, {@code TAKE_PROFIT},
 * {@code TAKE_PROFIT_MARKET}) are refused there with -4120, as Binance does since its conditional
 * orders moved to the Algo Service (December 2025), and are placed as algo orders
 * ({@code algoType=CONDITIONAL}, {@code triggerPrice}), held by the simulator and triggered by the
 * mark price ({@code workingType=MARK_PRICE}) or the last trade price ({@code CONTRACT_PRICE}, the
 * default); a triggered algo order places a {@code MARKET} or {@code LIMIT} order. Positions are
 * the simulator's own (one-way or hedge mode, leverage and margin type per symbol): entry price
 * (quantity-weighted), realised P&amp;L per closing fill, unrealised P&amp;L at the mark price,
 * wallet balance = 100 000 USDT + realised P&amp;L - commissions, liquidation price by Binance's
 * single-position formula with a maintenance margin rate of 0.4 % (isolated:
 * {@code entry × (1 ∓ 1/leverage ± mmr)}; cross: {@code (Q × entry ∓ wallet) / (Q × (1 ∓ mmr))}).
 * The venue margins the orders it matches at leverage 3 from its 100 000 USD margin wallet (so it
 * never liquidates its own net position first, and a position above about 300 000 USDT of notional is
 * refused with -2019); the simulator reports liquidation prices but does not liquidate.
 * {@code reduceOnly} never increases a position; {@code closePosition} algo orders close the whole
 * position when triggered and expire when the position closes before. Events:
 * {@code ORDER_TRADE_UPDATE}, {@code ACCOUNT_UPDATE}, {@code ACCOUNT_CONFIG_UPDATE},
 * {@code ALGO_UPDATE}.
 *
 * <p>Owned by the simulator thread.
 */
final class BinanceAccount implements TradingListener {

    /** A refused request: HTTP status, Binance code and message. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final int code;
        /** The error's {@code data} object as JSON (cancel-replace), or null. */
        final String data;

        Failure(int status, int code, String msg) {
            this(status, code, msg, null);
        }

        Failure(int status, int code, String msg, String data) {
            super(msg, null, false, false);
            this.status = status;
            this.code = code;
            this.data = data;
        }

        String json() {
            return "{\"code\":" + code + ",\"msg\":" + BinanceWire.string(getMessage()) + "}";
        }

        Failure(int code, String msg) {
            this(400, code, msg);
        }
    }

    static final BigDecimal MAINTENANCE_MARGIN_RATE = new BigDecimal("0.004");
    private static final BigDecimal FUTURES_START = new BigDecimal("100000");
    private static final MathContext MC = MathContext.DECIMAL64;

    /** A Binance order (for futures: a matching-engine order; algo orders are {@link Algo}). */
    final class BOrder {
        final long orderId;
        final String clientOrderId;
        final BinanceMarket m;
        final String side;
        final String type;
        final String origType;
        final String tif;
        final BigDecimal qty;
        final BigDecimal price;
        final BigDecimal stopPrice;
        final String venueCid;
        final long time;
        final boolean reduceOnly;
        final boolean closePosition;
        final String positionSide;
        final String workingType;
        BigDecimal currentQty;
        BigDecimal currentPrice;
        BigDecimal executed = BigDecimal.ZERO;
        BigDecimal cumQuote = BigDecimal.ZERO;
        String status = "NEW";
        long updateTime;
        long workingTime = -1;
        boolean announced;
        boolean cancelRequested;
        String origClientOrderIdOfCancel = "";
        final List<String> fullFills = new ArrayList<>();
        Algo parentAlgo;

        BOrder(long orderId, String clientOrderId, BinanceMarket m, String side, String type, String origType,
                String tif, BigDecimal qty, BigDecimal price, BigDecimal stopPrice, boolean reduceOnly,
                boolean closePosition, String positionSide, String workingType) {
            this.orderId = orderId;
            this.clientOrderId = clientOrderId;
            this.m = m;
            this.side = side;
            this.type = type;
            this.origType = origType;
            this.tif = tif;
            this.qty = qty;
            this.currentQty = qty;
            this.price = price;
            this.currentPrice = price;
            this.stopPrice = stopPrice;
            this.venueCid = "b" + orderId;
            this.time = sim.epochMillis();
            this.updateTime = time;
            this.reduceOnly = reduceOnly;
            this.closePosition = closePosition;
            this.positionSide = positionSide;
            this.workingType = workingType;
        }

        boolean open() {
            return status.equals("NEW") || status.equals("PARTIALLY_FILLED");
        }

        BigDecimal avgPrice() {
            return executed.signum() == 0 ? BigDecimal.ZERO : cumQuote.divide(executed, MC);
        }
    }

    /** A USD-M conditional (algo) order, held until its trigger price is reached. */
    final class Algo {
        final long algoId;
        final String clientAlgoId;
        final BinanceMarket m;
        final String side;
        final String type;
        final String tif;
        final BigDecimal qty;
        final BigDecimal price;
        final BigDecimal trigger;
        final boolean reduceOnly;
        final boolean closePosition;
        final boolean priceProtect;
        final String positionSide;
        final String workingType;
        final long createTime;
        long updateTime;
        long triggerTime;
        String status = "NEW";
        BOrder child;

        Algo(long algoId, String clientAlgoId, BinanceMarket m, String side, String type, String tif,
                BigDecimal qty, BigDecimal price, BigDecimal trigger, boolean reduceOnly, boolean closePosition,
                boolean priceProtect, String positionSide, String workingType) {
            this.algoId = algoId;
            this.clientAlgoId = clientAlgoId;
            this.m = m;
            this.side = side;
            this.type = type;
            this.tif = tif;
            this.qty = qty;
            this.price = price;
            this.trigger = trigger;
            this.reduceOnly = reduceOnly;
            this.closePosition = closePosition;
            this.priceProtect = priceProtect;
            this.positionSide = positionSide;
            this.workingType = workingType;
            this.createTime = sim.epochMillis();
            this.updateTime = createTime;
        }

        boolean open() {
            return status.equals("NEW");
        }
    }

    /** One own trade, for {@code myTrades}/{@code userTrades}. */
    record OwnTrade(long id, BOrder order, BigDecimal price, BigDecimal qty, BigDecimal commission,
            String commissionAsset, boolean maker, long time, BigDecimal realizedPnl) {
    }

    /** A USD-M position leg: BOTH (one-way) or LONG/SHORT (hedge); {@code amt} signed. */
    static final class Pos {
        final BinanceMarket m;
        final String side;
        BigDecimal amt = BigDecimal.ZERO;
        BigDecimal entry = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
        long updateTime;

        Pos(BinanceMarket m, String side) {
            this.m = m;
            this.side = side;
        }
    }

    final BinanceSimulator sim;
    final boolean futures;
    private final Map<Long, BOrder> byId = new LinkedHashMap<>();
    private final Map<String, BOrder> byVenueCid = new HashMap<>();
    private final Map<Long, Algo> algos = new LinkedHashMap<>();
    private final List<OwnTrade> trades = new ArrayList<>();
    private final Map<String, Pos> positions = new LinkedHashMap<>();
    private final Map<String, Integer> leverage = new HashMap<>();
    private final Map<String, String> marginType = new HashMap<>();
    private final Map<String, BigDecimal> depositOffsets = new HashMap<>();
    private final Map<String, Balance> changedBalances = new LinkedHashMap<>();
    private final List<Long> orderTimes = new ArrayList<>();
    boolean dualSide;
    private BigDecimal wallet = FUTURES_START;
    private long nextOrderId;
    private long nextTradeId;
    private long nextAlgoId = 3_000_000_000L;
    private long nextExecutionId = 1;
    private long lastAccountUpdate;
    private boolean listening;

    // Events made during a request are held until its response is sent.
    private int holding;
    private final List<String> held = new ArrayList<>();

    /** Fault injection: the next order is refused with this code and text. */
    Failure rejectNext;
    /** The order type {@link #rejectNext} waits for, or null for the next placement of any type. */
    String rejectNextType;
    /** Counts of order placement requests per client order id (answered or not). */
    final Map<String, Integer> newOrderRequests = new HashMap<>();

    BinanceAccount(BinanceSimulator sim) {
        this.sim = sim;
        this.futures = sim.futures;
        this.nextOrderId = futures ? 4_000_000_000L : 12_000_000_000L;
        this.nextTradeId = futures ? 300_000_000L : 1_600_000_000L;
    }

    /** The leverage the venue margins perpetual orders with, whatever the Binance leverage. */
    static final int VENUE_LEVERAGE = 3;

    void init() {
        sim.venue.subscribeTrading(this);
        if (futures) {
            // The venue keeps its own net position and would liquidate it at its own price; at leverage
            // 3 that needs a 33 % move, so the simulator's positions are the only ones that matter.
            for (BinanceMarket m : sim.markets.values()) {
                sim.venue.configure(new org.tradebench.api.trading.AccountSetting.Leverage(m.instrument.id(),
                        BigDecimal.valueOf(VENUE_LEVERAGE)));
            }
        }
        listening = true;
    }

    // ---------------------------------------------------------------- event plumbing

    void hold() {
        holding++;
    }

    /** Ends a request: its events are sent now (after its response). */
    void release() {
        if (--holding <= 0) {
            holding = 0;
            List<String> out = new ArrayList<>(held);
            held.clear();
            out.forEach(sim::userEvent);
            flushBalances();
        }
    }

    private void event(String json) {
        if (holding > 0) {
            held.add(json);
        } else {
            sim.userEvent(json);
        }
    }

    /** After each market step: spot balances changed by fills, futures triggers. */
    void afterMarket() {
        if (holding > 0) {
            return;
        }
        flushBalances();
        if (futures) {
            checkTriggers();
        }
    }

    // ---------------------------------------------------------------- venue listener

    @Override
    public void onFill(Fill f) {
        if (!listening) {
            return;
        }
        BOrder o = byVenueCid.get(f.clientOrderId());
        if (o == null) {
            return;
        }
        announce(o);
        long now = sim.epochMillis();
        if (o.workingTime < 0) {
            o.workingTime = now;
        }
        o.executed = o.executed.add(f.quantity());
        o.cumQuote = o.cumQuote.add(f.price().multiply(f.quantity()));
        o.status = o.executed.compareTo(o.currentQty) >= 0 ? "FILLED" : "PARTIALLY_FILLED";
        o.updateTime = now;
        long tradeId = ++nextTradeId;
        BigDecimal fee = f.fee() == null ? BigDecimal.ZERO : f.fee();
        String feeAsset = f.feeCurrency() == null || f.feeCurrency().equals("USD") ? "USDT" : f.feeCurrency();
        BigDecimal realized = BigDecimal.ZERO;
        Pos p = null;
        if (futures) {
            p = position(o.m, o.positionSide);
            realized = applyFill(p, o.side, f.price(), f.quantity());
            wallet = wallet.add(realized).subtract(fee);
        }
        OwnTrade t = new OwnTrade(tradeId, o, f.price(), f.quantity(), fee, feeAsset, f.maker(), now, realized);
        trades.add(t);
        o.fullFills.add("{\"price\":" + px(o.m, f.price()) + ",\"qty\":" + qty(o.m, f.quantity())
                + ",\"commission\":" + BinanceWire.decimal(fee, 8) + ",\"commissionAsset\":\"" + feeAsset
                + "\",\"tradeId\":" + tradeId + "}");
        if (futures) {
            event(orderTradeUpdate(o, "TRADE", t));
            accountUpdate("ORDER", List.of(p));
            if (p.amt.signum() == 0) {
                positionClosed(o.m, p.side);
            }
            if (o.parentAlgo != null && !o.open()) {
                finishAlgo(o.parentAlgo);
            }
        } else {
            event(executionReport(o, "TRADE", t));
        }
    }

    @Override
    public void onOrder(Order v) {
        if (!listening) {
            return;
        }
        BOrder o = byVenueCid.get(v.clientOrderId());
        if (o == null) {
            return;
        }
        switch (v.status()) {
            case OPEN -> {
                if (!o.announced) {
                    o.announced = true;
                    // a stop or take-profit order works (is on the book) once triggered
                    o.workingTime = conditional(o) ? -1 : sim.epochMillis();
                    event(futures ? orderTradeUpdate(o, "NEW", null) : executionReport(o, "NEW", null));
                }
            }
            case CANCELLED -> {
                if (o.open()) {
                    announce(o);
                    o.status = o.cancelRequested ? "CANCELED" : "EXPIRED";
                    o.updateTime = sim.epochMillis();
                    String x = o.status;
                    event(futures ? orderTradeUpdate(o, x, null) : executionReport(o, x, null));
                    if (o.parentAlgo != null) {
                        finishAlgo(o.parentAlgo);
                    }
                }
            }
            default -> {
                // fills come through onFill; rejections are the placing request's answer
            }
        }
    }

    private static boolean conditional(BOrder o) {
        return o.type.startsWith("STOP") || o.type.startsWith("TAKE");
    }

    private void announce(BOrder o) {
        if (!o.announced) {
            o.announced = true;
            if (o.workingTime < 0 && !conditional(o)) {
                o.workingTime = sim.epochMillis();
            }
            event(futures ? orderTradeUpdate(o, "NEW", null) : executionReport(o, "NEW", null));
        }
    }

    @Override
    public void onBalance(Balance b) {
        if (listening && !futures && b.wallet().equals(Balance.EXCHANGE)) {
            changedBalances.put(asset(b.currency()), b);
        }
    }

    private void flushBalances() {
        if (changedBalances.isEmpty()) {
            return;
        }
        StringBuilder j = new StringBuilder("{\"e\":\"outboundAccountPosition\",\"E\":").append(sim.epochMillis())
                .append(",\"u\":").append(sim.epochMillis()).append(",\"B\":[");
        int i = 0;
        for (Map.Entry<String, Balance> e : changedBalances.entrySet()) {
            BigDecimal off = depositOffsets.getOrDefault(e.getKey(), BigDecimal.ZERO);
            j.append(i++ > 0 ? "," : "").append("{\"a\":\"").append(e.getKey()).append("\",\"f\":")
                    .append(BinanceWire.decimal(e.getValue().available().add(off), 8)).append(",\"l\":")
                    .append(BinanceWire.decimal(e.getValue().reserved(), 8)).append('}');
        }
        changedBalances.clear();
        lastAccountUpdate = sim.epochMillis();
        event(j.append("]}").toString());
    }

    static String asset(String currency) {
        return currency.equals("USD") ? "USDT" : currency;
    }

    // ---------------------------------------------------------------- parameters

    static String str(Map<String, String> p, String name) {
        String v = p.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    static String required(Map<String, String> p, String name) {
        String v = str(p, name);
        if (v == null) {
            throw new Failure(-1102, "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
        }
        return v;
    }

    static BigDecimal dec(Map<String, String> p, String name) {
        String v = str(p, name);
        if (v == null) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(v);
            if (d.signum() < 0) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new Failure(-1100, "Illegal characters found in parameter '" + name + "'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.");
        }
    }

    static BigDecimal requiredDec(Map<String, String> p, String name) {
        required(p, name);
        return dec(p, name);
    }

    private static boolean bool(Map<String, String> p, String name) {
        String v = str(p, name);
        return v != null && v.equalsIgnoreCase("true");
    }

    private BinanceMarket market(Map<String, String> p) {
        String s = required(p, "symbol");
        BinanceMarket m = sim.markets.get(s);
        if (m == null) {
            throw new Failure(-1121, "Invalid symbol.");
        }
        return m;
    }

    private static String side(Map<String, String> p) {
        String s = required(p, "side");
        if (!s.equals("BUY") && !s.equals("SELL")) {
            throw new Failure(-1117, "Invalid side.");
        }
        return s;
    }

    private String px(BinanceMarket m, BigDecimal v) {
        return sim.price(v == null ? BigDecimal.ZERO : v);
    }

    private String qty(BinanceMarket m, BigDecimal v) {
        return sim.qty(m, v == null ? BigDecimal.ZERO : v);
    }

    private static String usdt(BigDecimal v) {
        return BinanceWire.decimal(v, 8);
    }

    private BigDecimal lastPrice(BinanceMarket m) {
        if (!m.trades.isEmpty()) {
            return m.trades.peekLast().price();
        }
        if (m.ticker != null && m.ticker.last() != null) {
            return m.ticker.last();
        }
        return m.topBid != null && m.topAsk != null ? m.topBid.add(m.topAsk).divide(BigDecimal.valueOf(2), MC) : null;
    }

    BigDecimal markPrice(BinanceMarket m) {
        if (m.mark != null) {
            return m.mark.markPrice();
        }
        BigDecimal last = lastPrice(m);
        return last == null ? BigDecimal.ZERO : last;
    }

    private String newClientId() {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder("sim");
        long x = nextOrderId * 2654435761L + nextExecutionId;
        for (int i = 0; i < 19; i++) {
            b.append(chars.charAt((int) Math.floorMod(x, chars.length())));
            x = x / chars.length() + 7919L * (i + 1);
        }
        return b.toString();
    }

    private void countOrder() {
        orderTimes.add(sim.epochMillis());
    }

    /** Orders placed in the last 10 s and (spot) the current day, (futures) the last minute. */
    long[] orderCounts() {
        long now = sim.epochMillis();
        long tenSeconds = Math.floorDiv(now, 10_000L);
        long longWindow = futures ? Math.floorDiv(now, 60_000L) : Math.floorDiv(now, 86_400_000L);
        long a = orderTimes.stream().filter(t -> Math.floorDiv(t, 10_000L) == tenSeconds).count();
        long b = orderTimes.stream()
                .filter(t -> (futures ? Math.floorDiv(t, 60_000L) : Math.floorDiv(t, 86_400_000L)) == longWindow)
                .count();
        return new long[] {a, b};
    }

    // ---------------------------------------------------------------- filters

    private void spotFilters(BinanceMarket m, String type, BigDecimal price, BigDecimal stop, BigDecimal q) {
        InstrumentSpec spec = m.instrument.spec();
        for (BigDecimal pr : new BigDecimal[] {price, stop}) {
            if (pr != null && (pr.compareTo(spec.tickSize()) < 0 || pr.compareTo(new BigDecimal("1000000")) > 0
                    || pr.remainder(spec.tickSize()).signum() != 0)) {
                throw new Failure(-1013, "Filter failure: PRICE_FILTER");
            }
        }
        if (q.compareTo(spec.minQuantity()) < 0 || q.compareTo(new BigDecimal("9000")) > 0
                || q.remainder(spec.lotSize()).signum() != 0) {
            throw new Failure(-1013, "Filter failure: LOT_SIZE");
        }
        BigDecimal ref = price != null ? price : stop != null ? stop : lastPrice(m);
        if (ref != null && ref.multiply(q).compareTo(spec.minNotional()) < 0) {
            throw new Failure(-1013, "Filter failure: NOTIONAL");
        }
        // the venue's own band: 50 % around the mid (exchangeInfo: PERCENT_PRICE_BY_SIDE 0.5 to 1.5)
        if (price != null && !m.bids.isEmpty() && !m.asks.isEmpty()) {
            BigDecimal mid = m.bids.firstKey().add(m.asks.firstKey()).divide(BigDecimal.valueOf(2), MC);
            if (price.compareTo(mid.multiply(new BigDecimal("1.5"))) > 0
                    || price.compareTo(mid.multiply(new BigDecimal("0.5"))) < 0) {
                throw new Failure(-1013, "Filter failure: PERCENT_PRICE_BY_SIDE");
            }
        }
        if (byId.values().stream().filter(o -> o.open() && o.m == m).count() >= 200) {
            throw new Failure(-1013, "Filter failure: MAX_NUM_ORDERS");
        }
    }

    private void futuresFilters(BinanceMarket m, String side, BigDecimal price, BigDecimal stop, BigDecimal q,
            boolean reduceOnly) {
        InstrumentSpec spec = m.instrument.spec();
        for (BigDecimal pr : new BigDecimal[] {price, stop}) {
            if (pr == null) {
                continue;
            }
            if (pr.stripTrailingZeros().scale() > 2) {
                throw new Failure(-1111, "Precision is over the maximum defined for this asset.");
            }
            if (pr.remainder(spec.tickSize()).signum() != 0) {
                throw new Failure(-4014, "Price not increased by tick size.");
            }
        }
        if (q.stripTrailingZeros().scale() > sim.sizeScale(m)) {
            throw new Failure(-1111, "Precision is over the maximum defined for this asset.");
        }
        if (q.signum() <= 0) {
            throw new Failure(-4003, "Quantity less than or equal to zero.");
        }
        if (q.compareTo(spec.minQuantity()) < 0) {
            throw new Failure(-4004, "Quantity less than min quantity.");
        }
        if (q.compareTo(new BigDecimal("1000")) > 0) {
            throw new Failure(-4005, "Quantity greater than max quantity.");
        }
        if (q.remainder(spec.lotSize()).signum() != 0) {
            throw new Failure(-4023, "Qty not increased by step size.");
        }
        BigDecimal mark = markPrice(m);
        if (price != null && mark.signum() > 0) {
            BigDecimal up = mark.multiply(new BigDecimal("1.05")).setScale(2, RoundingMode.DOWN);
            BigDecimal down = mark.multiply(new BigDecimal("0.95")).setScale(2, RoundingMode.UP);
            if (side.equals("BUY") && price.compareTo(up) > 0) {
                throw new Failure(-4016, "Limit price can't be higher than " + up.toPlainString() + ".");
            }
            if (side.equals("SELL") && price.compareTo(down) < 0) {
                throw new Failure(-4024, "Limit price can't be lower than " + down.toPlainString() + ".");
            }
        }
        BigDecimal ref = price != null ? price : stop != null ? stop : mark;
        if (!reduceOnly && ref.multiply(q).compareTo(spec.minNotional()) < 0) {
            throw new Failure(-4164, "Order's notional must be no smaller than "
                    + spec.minNotional().stripTrailingZeros().toPlainString() + " (unless you choose reduce only).");
        }
    }

    // ---------------------------------------------------------------- spot orders

    /**
     * {@code order.place} / {@code POST /api/v3/order} (spot) and {@code POST /fapi/v1/order}.
     *
     * @return the result JSON
     */
    String placeOrder(Map<String, String> p) {
        String requested = str(p, "newClientOrderId");
        if (requested != null) {
            newOrderRequests.merge(requested, 1, Integer::sum);
        }
        String result = futures ? placeFutures(p) : placeSpot(p);
        timeoutIfInjected();
        return result;
    }

    /** Fault injection: how many of the next placements answer -1007 after (or without) executing. */
    int timeoutNextOrders;
    boolean timeoutExecutes;

    static Failure timeout() {
        return new Failure(408, -1007,
                "Timeout waiting for response from backend server. Send status unknown; execution status unknown.");
    }

    /** Before the matching engine: a timeout that did not execute. */
    private void timeoutBeforeIfInjected() {
        if (timeoutNextOrders > 0 && !timeoutExecutes) {
            timeoutNextOrders--;
            throw timeout();
        }
    }

    /** After the matching engine: a timeout that executed. */
    private void timeoutIfInjected() {
        if (timeoutNextOrders > 0 && timeoutExecutes) {
            timeoutNextOrders--;
            throw timeout();
        }
    }

    private void failNextIfInjected(String type) {
        timeoutBeforeIfInjected();
        Failure f = rejectNext;
        if (f != null && (rejectNextType == null || rejectNextType.equals(type))) {
            rejectNext = null;
            rejectNextType = null;
            throw f;
        }
    }

    /** {@code order.test} / {@code POST /api/v3/order/test}: the checks of a placement, nothing placed. */
    String testOrder(Map<String, String> p) {
        if (futures) {
            throw new Failure(400, -1020, "This operation is not supported.");
        }
        placeSpot(p, true);
        return "{}";
    }

    private String placeSpot(Map<String, String> p) {
        return placeSpot(p, false);
    }

    private String placeSpot(Map<String, String> p, boolean test) {
        BinanceMarket m = market(p);
        String side = side(p);
        String type = required(p, "type");
        if (!Set.of("LIMIT", "MARKET", "LIMIT_MAKER", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT",
                "TAKE_PROFIT_LIMIT").contains(type)) {
            throw new Failure(-1116, "Invalid orderType.");
        }
        boolean limit = type.equals("LIMIT") || type.endsWith("_LIMIT");
        String tif = str(p, "timeInForce");
        if (limit) {
            required(p, "timeInForce");
            if (!Set.of("GTC", "IOC", "FOK").contains(tif)) {
                throw new Failure(-1115, "Invalid timeInForce.");
            }
        } else if (tif != null) {
            throw new Failure(-1106, "Parameter 'timeInForce' sent when not required.");
        }
        BigDecimal price = limit || type.equals("LIMIT_MAKER") ? requiredDec(p, "price") : null;
        if (!limit && !type.equals("LIMIT_MAKER") && str(p, "price") != null) {
            throw new Failure(-1106, "Parameter 'price' sent when not required.");
        }
        BigDecimal stop = type.startsWith("STOP") || type.startsWith("TAKE") ? requiredDec(p, "stopPrice") : null;
        BigDecimal q = dec(p, "quantity");
        BigDecimal quote = dec(p, "quoteOrderQty");
        if (q == null && type.equals("MARKET") && quote != null) {
            BigDecimal ref = side.equals("BUY") ? m.topAsk : m.topBid;
            if (ref == null) {
                throw new Failure(-2010, "Order book liquidity is less than symbol minimum quantity.");
            }
            BigDecimal lot = m.instrument.spec().lotSize();
            q = quote.divide(ref, MC).divide(lot, 0, RoundingMode.DOWN).multiply(lot);
        } else if (q == null) {
            required(p, "quantity");
        }
        String cid = str(p, "newClientOrderId");
        if (cid != null && !cid.matches("^[\\.A-Z\\:/a-z0-9_-]{1,36}$")) {
            throw new Failure(-1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.");
        }
        if (cid != null && byId.values().stream().anyMatch(o -> o.open() && o.clientOrderId.equals(cid))) {
            throw new Failure(-2010, "Duplicate order sent.");
        }
        if (!test) {
            failNextIfInjected(type);
        }
        spotFilters(m, type, price, stop, q);
        if (test) {
            return "{}";
        }
        String resp = str(p, "newOrderRespType");
        if (resp == null) {
            resp = type.equals("LIMIT") || type.equals("MARKET") ? "FULL" : "ACK";
        }
        BOrder o = new BOrder(++nextOrderId, cid == null ? newClientId() : cid, m, side, type, type,
                tif == null ? "GTC" : tif, q, price == null ? BigDecimal.ZERO : price,
                stop == null ? BigDecimal.ZERO : stop, false, false, "BOTH", "CONTRACT_PRICE");
        Side s = side.equals("BUY") ? Side.BUY : Side.SELL;
        OrderType ot = switch (type) {
            case "LIMIT", "LIMIT_MAKER" -> OrderType.LIMIT;
            case "MARKET" -> OrderType.MARKET;
            case "STOP_LOSS" -> OrderType.STOP;
            case "STOP_LOSS_LIMIT" -> OrderType.STOP_LIMIT;
            case "TAKE_PROFIT" -> OrderType.TAKE_PROFIT;
            default -> OrderType.TAKE_PROFIT_LIMIT;
        };
        TimeInForce vt = type.equals("MARKET") ? TimeInForce.IOC
                : tif == null ? TimeInForce.GTC : TimeInForce.valueOf(tif);
        OrderRequest r = OrderRequest.of(o.venueCid, m.instrument.id(), s, ot, q, price, stop, vt);
        if (type.equals("LIMIT_MAKER")) {
            r = r.withFlags(Set.of(OrderFlag.POST_ONLY));
        }
        submit(o, r);
        return orderResult(o, resp);
    }

    /** Places on the venue; a venue refusal becomes Binance's error. */
    private void submit(BOrder o, OrderRequest r) {
        byId.put(o.orderId, o);
        byVenueCid.put(o.venueCid, o);
        countOrder();
        Order result = sim.venue.place(r);
        if (result.status() == OrderStatus.REJECTED) {
            String code = result.errorCode() == null ? "" : result.errorCode();
            if (code.equals("FILL_OR_KILL")) {
                // Binance accepts a fill-or-kill order and expires it.
                o.announced = true;
                o.status = "EXPIRED";
                event(futures ? orderTradeUpdate(o, "NEW", null) : executionReport(o, "NEW", null));
                event(futures ? orderTradeUpdate(o, "EXPIRED", null) : executionReport(o, "EXPIRED", null));
                return;
            }
            byId.remove(o.orderId);
            byVenueCid.remove(o.venueCid);
            throw rejection(code, result.reason());
        }
    }

    private Failure rejection(String code, String reason) {
        if (futures) {
            return switch (code) {
                case "INSUFFICIENT_BALANCE" -> new Failure(-2019, "Margin is insufficient.");
                case "POST_ONLY" -> new Failure(-5022, "Due to the order could not be executed as maker, the Post "
                        + "Only order will be rejected. The order will not be recorded in the order history");
                case "REDUCE_ONLY" -> new Failure(-2022, "ReduceOnly Order is rejected.");
                case "WOULD_TRIGGER" -> new Failure(-2021, "Order would immediately trigger.");
                case "FILTER" -> new Failure(-1013, "Filter failure: " + reason);
                default -> new Failure(-1000, "An unknown error occurred while processing the request. (" + reason + ")");
            };
        }
        return switch (code) {
            case "INSUFFICIENT_BALANCE" -> new Failure(-2010, "Account has insufficient balance for requested action.");
            case "POST_ONLY" -> new Failure(-2010, "Order would immediately match and take.");
            case "WOULD_TRIGGER" -> new Failure(-2010, "Order would trigger immediately.");
            case "NO_PRICE" -> new Failure(-2010, "Market orders are not supported for this symbol.");
            case "FILTER" -> new Failure(-1013, "Filter failure: " + reason);
            default -> new Failure(-2010, reason);
        };
    }

    private String orderResult(BOrder o, String resp) {
        if (futures) {
            return futuresOrderJson(o, false);
        }
        StringBuilder b = new StringBuilder(400).append("{\"symbol\":\"").append(o.m.symbol).append("\",\"orderId\":")
                .append(o.orderId).append(",\"orderListId\":-1,\"clientOrderId\":")
                .append(BinanceWire.string(o.clientOrderId)).append(",\"transactTime\":").append(o.time);
        if (!resp.equals("ACK")) {
            b.append(',').append(spotOrderFields(o));
            if (o.workingTime >= 0) {
                b.append(",\"workingTime\":").append(o.workingTime);
            }
            b.append(",\"selfTradePreventionMode\":\"NONE\"");
            if (resp.equals("FULL")) {
                b.append(",\"fills\":[").append(String.join(",", o.fullFills)).append(']');
            }
        }
        return b.append('}').toString();
    }

    private String spotOrderFields(BOrder o) {
        String s = "\"price\":" + px(o.m, o.currentPrice) + ",\"origQty\":" + qty(o.m, o.currentQty)
                + ",\"executedQty\":" + qty(o.m, o.executed) + ",\"origQuoteOrderQty\":\"0.00000000\","
                + "\"cummulativeQuoteQty\":" + usdt(o.cumQuote) + ",\"status\":\"" + o.status + "\",\"timeInForce\":\""
                + o.tif + "\",\"type\":\"" + o.type + "\",\"side\":\"" + o.side + "\"";
        if (o.stopPrice.signum() > 0) {
            s += ",\"stopPrice\":" + px(o.m, o.stopPrice);
        }
        return s;
    }

    /** {@code order.status} / {@code GET /api/v3/order} result of a spot order. */
    private String spotQueryJson(BOrder o) {
        return "{\"symbol\":\"" + o.m.symbol + "\",\"orderId\":" + o.orderId + ",\"orderListId\":-1,"
                + "\"clientOrderId\":" + BinanceWire.string(o.clientOrderId) + ",\"price\":" + px(o.m, o.currentPrice)
                + ",\"origQty\":" + qty(o.m, o.currentQty) + ",\"executedQty\":" + qty(o.m, o.executed)
                + ",\"cummulativeQuoteQty\":" + usdt(o.cumQuote) + ",\"status\":\"" + o.status
                + "\",\"timeInForce\":\"" + o.tif + "\",\"type\":\"" + o.type + "\",\"side\":\"" + o.side
                + "\",\"stopPrice\":" + px(o.m, o.stopPrice) + ",\"icebergQty\":\"0.00000000\",\"time\":" + o.time
                + ",\"updateTime\":" + o.updateTime + ",\"isWorking\":" + (o.workingTime >= 0) + ",\"workingTime\":"
                + (o.workingTime >= 0 ? o.workingTime : -1)
                + ",\"origQuoteOrderQty\":\"0.00000000\",\"selfTradePreventionMode\":\"NONE\"}";
    }

    private BOrder find(Map<String, String> p, boolean cancel) {
        BinanceMarket m = market(p);
        String id = str(p, "orderId");
        String cid = str(p, "origClientOrderId");
        if (id == null && cid == null) {
            throw new Failure(-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        }
        BOrder found = null;
        if (id != null) {
            try {
                found = byId.get(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw new Failure(-1100, "Illegal characters found in parameter 'orderId'; legal range is '^[0-9]{1,20}$'.");
            }
        } else {
            for (BOrder o : byId.values()) {
                if (o.clientOrderId.equals(cid) && (found == null || o.open())) {
                    found = o;
                }
            }
        }
        if (found != null && (found.m != m || (id != null && cid != null && !found.clientOrderId.equals(cid)))) {
            found = null;
        }
        if (found == null) {
            throw cancel ? new Failure(-2011, "Unknown order sent.") : new Failure(-2013, "Order does not exist.");
        }
        return found;
    }

    /** {@code order.cancel} / {@code DELETE /api/v3/order}, {@code DELETE /fapi/v1/order}. */
    String cancelOrder(Map<String, String> p) {
        BOrder o = find(p, true);
        if (!o.open()) {
            throw new Failure(-2011, "Unknown order sent.");
        }
        cancel(o);
        if (futures) {
            return futuresOrderJson(o, false);
        }
        String newCid = str(p, "newClientOrderId");
        return "{\"symbol\":\"" + o.m.symbol + "\",\"origClientOrderId\":" + BinanceWire.string(o.clientOrderId)
                + ",\"orderId\":" + o.orderId + ",\"orderListId\":-1,\"clientOrderId\":"
                + BinanceWire.string(newCid == null ? newClientId() : newCid) + ",\"transactTime\":" + sim.epochMillis()
                + "," + spotOrderFields(o) + ",\"selfTradePreventionMode\":\"NONE\"}";
    }

    private void cancel(BOrder o) {
        o.cancelRequested = true;
        sim.venue.cancel(o.venueCid);
        if (o.open()) {
            // the venue had nothing working (already gone): end it here
            o.status = "CANCELED";
            o.updateTime = sim.epochMillis();
            event(futures ? orderTradeUpdate(o, "CANCELED", null) : executionReport(o, "CANCELED", null));
        }
    }

    /**
     * {@code order.cancelReplace} / {@code POST /api/v3/order/cancelReplace} (spot): cancels an order
     * and places a new one; {@code STOP_ON_FAILURE} places nothing when the cancel fails.
     */
    String cancelReplace(Map<String, String> p) {
        String mode = required(p, "cancelReplaceMode");
        if (!mode.equals("STOP_ON_FAILURE") && !mode.equals("ALLOW_FAILURE")) {
            throw new Failure(-1100, "Illegal characters found in parameter 'cancelReplaceMode'; legal range is 'STOP_ON_FAILURE, ALLOW_FAILURE'.");
        }
        Map<String, String> cancel = new LinkedHashMap<>();
        cancel.put("symbol", required(p, "symbol"));
        putIf(cancel, "orderId", str(p, "cancelOrderId"));
        putIf(cancel, "origClientOrderId", str(p, "cancelOrigClientOrderId"));
        putIf(cancel, "newClientOrderId", str(p, "cancelNewClientOrderId"));
        if (!cancel.containsKey("orderId") && !cancel.containsKey("origClientOrderId")) {
            throw new Failure(-1102, "Param 'cancelOrigClientOrderId' or 'cancelOrderId' must be sent, but both were empty/null!");
        }
        String cancelJson = null;
        Failure cancelFailure = null;
        try {
            cancelJson = cancelOrder(cancel);
        } catch (Failure f) {
            cancelFailure = f;
        }
        if (cancelFailure != null && mode.equals("STOP_ON_FAILURE")) {
            throw new Failure(400, -2022, "Order cancel-replace failed.", "{\"cancelResult\":\"FAILURE\","
                    + "\"newOrderResult\":\"NOT_ATTEMPTED\",\"cancelResponse\":" + cancelFailure.json()
                    + ",\"newOrderResponse\":null}");
        }
        Map<String, String> order = new LinkedHashMap<>(p);
        order.keySet().removeIf(k -> k.startsWith("cancel"));
        String newJson = null;
        Failure newFailure = null;
        try {
            newJson = placeOrder(order);
        } catch (Failure f) {
            newFailure = f;
        }
        String data = "{\"cancelResult\":\"" + (cancelFailure == null ? "SUCCESS" : "FAILURE")
                + "\",\"newOrderResult\":\"" + (newFailure == null ? "SUCCESS" : "FAILURE") + "\",\"cancelResponse\":"
                + (cancelFailure == null ? cancelJson : cancelFailure.json()) + ",\"newOrderResponse\":"
                + (newFailure == null ? newJson : newFailure.json()) + "}";
        if (cancelFailure == null && newFailure == null) {
            return data;
        }
        if (cancelFailure != null && newFailure != null) {
            throw new Failure(400, -2022, "Order cancel-replace failed.", data);
        }
        throw new Failure(409, -2021, "Order cancel-replace partially failed.", data);
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    /** {@code order.status} / {@code GET /api/v3/order}, {@code GET /fapi/v1/order}. */
    String queryOrder(Map<String, String> p) {
        BOrder o = find(p, false);
        return futures ? futuresOrderJson(o, true) : spotQueryJson(o);
    }

    /** {@code openOrders.status} / {@code GET /api/v3/openOrders}, {@code GET /fapi/v1/openOrders}. */
    String openOrders(Map<String, String> p) {
        BinanceMarket only = str(p, "symbol") == null ? null : market(p);
        StringBuilder b = new StringBuilder("[");
        for (BOrder o : byId.values()) {
            if (o.open() && (only == null || o.m == only)) {
                b.append(b.length() > 1 ? "," : "").append(futures ? futuresOrderJson(o, true) : spotQueryJson(o));
            }
        }
        return b.append(']').toString();
    }

    /** {@code allOrders} / {@code GET /api/v3/allOrders}, {@code GET /fapi/v1/allOrders}. */
    String allOrders(Map<String, String> p) {
        BinanceMarket m = market(p);
        int limit = Math.min(1000, intParam(p, "limit", 500));
        List<BOrder> list = byId.values().stream().filter(o -> o.m == m).toList();
        list = list.subList(Math.max(0, list.size() - limit), list.size());
        StringBuilder b = new StringBuilder("[");
        for (BOrder o : list) {
            b.append(b.length() > 1 ? "," : "").append(futures ? futuresOrderJson(o, true) : spotQueryJson(o));
        }
        return b.append(']').toString();
    }

    private static int intParam(Map<String, String> p, String name, int fallback) {
        String v = str(p, name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new Failure(-1100, "Illegal characters found in parameter '" + name + "'; legal range is '^[0-9]{1,20}$'.");
        }
    }

    /** {@code openOrders.cancelAll} / {@code DELETE /api/v3/openOrders}, {@code DELETE /fapi/v1/allOpenOrders}. */
    String cancelAll(Map<String, String> p) {
        BinanceMarket m = market(p);
        List<BOrder> open = byId.values().stream().filter(o -> o.open() && o.m == m).toList();
        StringBuilder b = new StringBuilder("[");
        for (BOrder o : open) {
            cancel(o);
            if (!futures) {
                b.append(b.length() > 1 ? "," : "").append("{\"symbol\":\"").append(m.symbol)
                        .append("\",\"origClientOrderId\":").append(BinanceWire.string(o.clientOrderId))
                        .append(",\"orderId\":").append(o.orderId).append(",\"orderListId\":-1,\"clientOrderId\":")
                        .append(BinanceWire.string(newClientId())).append(",\"transactTime\":")
                        .append(sim.epochMillis()).append(',').append(spotOrderFields(o))
                        .append(",\"selfTradePreventionMode\":\"NONE\"}");
            }
        }
        if (futures) {
            for (Algo a : List.copyOf(algos.values())) {
                if (a.open() && a.m == m) {
                    endAlgo(a, "CANCELED");
                }
            }
            return "{\"code\":200,\"msg\":\"The operation of cancel all open order is done.\"}";
        }
        if (open.isEmpty()) {
            throw new Failure(-2011, "Unknown order sent.");
        }
        return b.append(']').toString();
    }

    /**
     * {@code order.amend.keepPriority} / {@code PUT /api/v3/order/amend/keepPriority} (spot: a smaller
     * quantity keeps the order's place).
     */
    String amendKeepPriority(Map<String, String> p) {
        BOrder o = find(p, false);
        BigDecimal newQty = requiredDec(p, "newQty");
        if (!o.open()) {
            throw new Failure(-2038, "Order amend is not supported for this symbol.");
        }
        if (newQty.compareTo(o.currentQty) >= 0) {
            throw new Failure(-2038, newQty.compareTo(o.currentQty) == 0
                    ? "The requested action would change no state; rejecting" : "Order amend (quantity increase) is not supported.");
        }
        Order v = sim.venue.amend(AmendRequest.quantity(o.venueCid, newQty));
        if (v.errorCode() != null && !v.errorCode().isEmpty() && v.status() != OrderStatus.OPEN
                && v.status() != OrderStatus.PARTIALLY_FILLED) {
            throw new Failure(-2038, v.reason());
        }
        o.currentQty = newQty;
        o.updateTime = sim.epochMillis();
        if (o.executed.compareTo(newQty) >= 0) {
            o.status = "FILLED";
        }
        event(executionReport(o, "REPLACED", null));
        return "{\"transactTime\":" + sim.epochMillis() + ",\"executionId\":" + nextExecutionId
                + ",\"amendedOrder\":{\"symbol\":\"" + o.m.symbol + "\",\"orderId\":" + o.orderId
                + ",\"orderListId\":-1,\"origClientOrderId\":" + BinanceWire.string(o.clientOrderId)
                + ",\"clientOrderId\":" + BinanceWire.string(o.clientOrderId) + "," + spotOrderFields(o)
                + ",\"workingTime\":" + o.workingTime + ",\"selfTradePreventionMode\":\"NONE\"}}";
    }

    /** {@code account.status} / {@code GET /api/v3/account} (spot). */
    String spotAccount() {
        StringBuilder b = new StringBuilder("{\"makerCommission\":2,\"takerCommission\":5,\"buyerCommission\":0,"
                + "\"sellerCommission\":0,\"commissionRates\":{\"maker\":\"0.00020000\",\"taker\":\"0.00050000\","
                + "\"buyer\":\"0.00000000\",\"seller\":\"0.00000000\"},\"canTrade\":true,\"canWithdraw\":true,"
                + "\"canDeposit\":true,\"brokered\":false,\"requireSelfTradePrevention\":false,\"preventSor\":false,"
                + "\"updateTime\":").append(lastAccountUpdate).append(",\"accountType\":\"SPOT\",\"balances\":[");
        int i = 0;
        for (Balance bal : sim.venue.balances()) {
            if (!bal.wallet().equals(Balance.EXCHANGE)) {
                continue;
            }
            String a = asset(bal.currency());
            b.append(i++ > 0 ? "," : "").append("{\"asset\":\"").append(a).append("\",\"free\":")
                    .append(BinanceWire.decimal(bal.available().add(depositOffsets.getOrDefault(a, BigDecimal.ZERO)), 8))
                    .append(",\"locked\":").append(BinanceWire.decimal(bal.reserved(), 8)).append('}');
        }
        return b.append("],\"permissions\":[\"SPOT\"],\"uid\":354937868}").toString();
    }

    /** {@code myTrades} / {@code GET /api/v3/myTrades}, {@code GET /fapi/v1/userTrades}. */
    String myTrades(Map<String, String> p) {
        BinanceMarket m = market(p);
        String orderId = str(p, "orderId");
        int limit = Math.min(1000, intParam(p, "limit", 500));
        List<OwnTrade> list = trades.stream()
                .filter(t -> t.order().m == m && (orderId == null || Long.toString(t.order().orderId).equals(orderId)))
                .toList();
        list = list.subList(Math.max(0, list.size() - limit), list.size());
        StringBuilder b = new StringBuilder("[");
        for (OwnTrade t : list) {
            BOrder o = t.order();
            b.append(b.length() > 1 ? "," : "");
            if (futures) {
                b.append("{\"buyer\":").append(o.side.equals("BUY")).append(",\"commission\":")
                        .append(usdt(t.commission())).append(",\"commissionAsset\":\"").append(t.commissionAsset())
                        .append("\",\"id\":").append(t.id()).append(",\"maker\":").append(t.maker())
                        .append(",\"orderId\":").append(o.orderId).append(",\"price\":").append(px(m, t.price()))
                        .append(",\"qty\":").append(qty(m, t.qty())).append(",\"quoteQty\":")
                        .append(usdt(t.price().multiply(t.qty()))).append(",\"realizedPnl\":")
                        .append(usdt(t.realizedPnl())).append(",\"side\":\"").append(o.side)
                        .append("\",\"positionSide\":\"").append(o.positionSide).append("\",\"symbol\":\"")
                        .append(m.symbol).append("\",\"time\":").append(t.time()).append('}');
            } else {
                b.append("{\"symbol\":\"").append(m.symbol).append("\",\"id\":").append(t.id()).append(",\"orderId\":")
                        .append(o.orderId).append(",\"orderListId\":-1,\"price\":").append(px(m, t.price()))
                        .append(",\"qty\":").append(qty(m, t.qty())).append(",\"quoteQty\":")
                        .append(usdt(t.price().multiply(t.qty()))).append(",\"commission\":")
                        .append(usdt(t.commission())).append(",\"commissionAsset\":\"").append(t.commissionAsset())
                        .append("\",\"time\":").append(t.time()).append(",\"isBuyer\":")
                        .append(o.side.equals("BUY")).append(",\"isMaker\":").append(t.maker())
                        .append(",\"isBestMatch\":true}");
            }
        }
        return b.append(']').toString();
    }

    /** Test hook: credits an asset as a deposit would (spot: shown in balances, not spendable). */
    void deposit(String asset, BigDecimal amount) {
        depositOffsets.merge(asset, amount, BigDecimal::add);
        long now = sim.epochMillis();
        event("{\"e\":\"balanceUpdate\",\"E\":" + now + ",\"a\":\"" + asset + "\",\"d\":"
                + BinanceWire.decimal(amount, 8) + ",\"T\":" + now + "}");
        for (Balance b : sim.venue.balances()) {
            if (b.wallet().equals(Balance.EXCHANGE) && asset(b.currency()).equals(asset)) {
                changedBalances.put(asset, b);
            }
        }
        flushBalances();
    }

    // ---------------------------------------------------------------- spot events

    private String executionReport(BOrder o, String x, OwnTrade t) {
        long now = sim.epochMillis();
        StringBuilder b = new StringBuilder(700).append("{\"e\":\"executionReport\",\"E\":").append(now)
                .append(",\"s\":\"").append(o.m.symbol).append("\",\"c\":").append(BinanceWire.string(
                        x.equals("CANCELED") ? newClientId() : o.clientOrderId))
                .append(",\"S\":\"").append(o.side).append("\",\"o\":\"").append(o.type).append("\",\"f\":\"")
                .append(o.tif).append("\",\"q\":").append(qty(o.m, o.currentQty)).append(",\"p\":")
                .append(px(o.m, o.currentPrice)).append(",\"P\":").append(px(o.m, o.stopPrice))
                .append(",\"F\":\"0.00000000\",\"g\":-1,\"C\":")
                .append(BinanceWire.string(x.equals("CANCELED") ? o.clientOrderId : "")).append(",\"x\":\"")
                .append(x).append("\",\"X\":\"").append(o.status).append("\",\"r\":\"NONE\",\"i\":").append(o.orderId)
                .append(",\"l\":").append(qty(o.m, t == null ? BigDecimal.ZERO : t.qty())).append(",\"z\":")
                .append(qty(o.m, o.executed)).append(",\"L\":").append(px(o.m, t == null ? BigDecimal.ZERO : t.price()))
                .append(",\"n\":").append(t == null ? "\"0\"" : usdt(t.commission())).append(",\"N\":")
                .append(t == null ? "null" : "\"" + t.commissionAsset() + "\"").append(",\"T\":")
                .append(t == null ? o.updateTime : t.time()).append(",\"t\":").append(t == null ? -1 : t.id())
                .append(",\"I\":").append(nextExecutionId++).append(",\"w\":")
                .append(o.open() && !o.type.startsWith("STOP") && !o.type.startsWith("TAKE")).append(",\"m\":")
                .append(t != null && t.maker()).append(",\"M\":false,\"O\":").append(o.time).append(",\"Z\":")
                .append(usdt(o.cumQuote)).append(",\"Y\":")
                .append(usdt(t == null ? BigDecimal.ZERO : t.price().multiply(t.qty())))
                .append(",\"Q\":\"0.00000000\"");
        if (o.workingTime >= 0) {
            b.append(",\"W\":").append(o.workingTime);
        }
        return b.append(",\"V\":\"NONE\"}").toString();
    }

    // ---------------------------------------------------------------- futures orders

    private String positionSide(Map<String, String> p) {
        String ps = str(p, "positionSide");
        if (dualSide) {
            if (ps == null || ps.equals("BOTH")) {
                throw new Failure(-4061, "Order's position side does not match user's setting.");
            }
        } else if (ps != null && !ps.equals("BOTH")) {
            throw new Failure(-4061, "Order's position side does not match user's setting.");
        }
        if (ps != null && !Set.of("BOTH", "LONG", "SHORT").contains(ps)) {
            throw new Failure(-4061, "Order's position side does not match user's setting.");
        }
        return ps == null ? "BOTH" : ps;
    }

    /** How much an order on this side may reduce the leg it closes; null when it opens or increases. */
    private BigDecimal reducible(BinanceMarket m, String ps, String side) {
        Pos pos = positions.get(m.symbol + "/" + ps);
        BigDecimal amt = pos == null ? BigDecimal.ZERO : pos.amt;
        boolean closes = ps.equals("LONG") ? side.equals("SELL") : ps.equals("SHORT") ? side.equals("BUY")
                : (side.equals("SELL") ? amt.signum() > 0 : amt.signum() < 0);
        return closes ? amt.abs() : null;
    }

    private String placeFutures(Map<String, String> p) {
        BinanceMarket m = market(p);
        String side = side(p);
        String type = required(p, "type");
        if (Set.of("STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET").contains(type)) {
            throw new Failure(-4120, "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.");
        }
        if (!type.equals("LIMIT") && !type.equals("MARKET")) {
            throw new Failure(-1116, "Invalid orderType.");
        }
        String ps = positionSide(p);
        boolean reduceOnly = bool(p, "reduceOnly");
        if (reduceOnly && dualSide) {
            throw new Failure(-1106, "Parameter 'reduceOnly' sent when not required.");
        }
        String tif = str(p, "timeInForce");
        BigDecimal price = null;
        if (type.equals("LIMIT")) {
            required(p, "timeInForce");
            if (!Set.of("GTC", "IOC", "FOK", "GTX", "GTD").contains(tif)) {
                throw new Failure(-1115, "Invalid timeInForce.");
            }
            price = requiredDec(p, "price");
        }
        BigDecimal q = requiredDec(p, "quantity");
        String cid = str(p, "newClientOrderId");
        if (cid != null && !cid.matches("^[\\.A-Z\\:/a-z0-9_-]{1,36}$")) {
            throw new Failure(-4015, "Client order id is not valid.");
        }
        if (cid != null && byId.values().stream().anyMatch(o -> o.open() && o.clientOrderId.equals(cid))) {
            throw new Failure(-4116, "ClientOrderId is duplicated.");
        }
        failNextIfInjected(type);
        BigDecimal reducible = reducible(m, ps, side);
        boolean closing = !ps.equals("BOTH") && reducible != null;
        futuresFilters(m, side, price, null, q, reduceOnly || closing);
        if ((reduceOnly || closing) && (reducible == null || reducible.signum() == 0
                || (closing && q.compareTo(reducible.subtract(openCloseQty(m, ps, side))) > 0))) {
            throw new Failure(-2022, "ReduceOnly Order is rejected.");
        }
        BOrder o = new BOrder(++nextOrderId, cid == null ? newClientId() : cid, m, side, type, type,
                tif == null ? "GTC" : tif, q, price == null ? BigDecimal.ZERO : price, BigDecimal.ZERO, reduceOnly,
                false, ps, "CONTRACT_PRICE");
        String resp = str(p, "newOrderRespType");
        if (resp != null && !resp.equals("ACK") && !resp.equals("RESULT")) {
            throw new Failure(-1100, "Illegal characters found in parameter 'newOrderRespType'; legal range is 'ACK, RESULT'.");
        }
        // ACK (the default) answers as the order was accepted; RESULT with its state after matching
        String accepted = ackJson(o);
        submit(o, venueRequest(o, price, tif));
        return "RESULT".equals(resp) ? futuresOrderJson(o, false) : accepted;
    }

    private String ackJson(BOrder o) {
        String status = o.status;
        BigDecimal executed = o.executed;
        BigDecimal quote = o.cumQuote;
        o.status = "NEW";
        o.executed = BigDecimal.ZERO;
        o.cumQuote = BigDecimal.ZERO;
        try {
            return futuresOrderJson(o, false);
        } finally {
            o.status = status;
            o.executed = executed;
            o.cumQuote = quote;
        }
    }

    /** Quantity of working orders that already close this leg (hedge mode). */
    private BigDecimal openCloseQty(BinanceMarket m, String ps, String side) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BOrder o : byId.values()) {
            if (o.open() && o.m == m && o.positionSide.equals(ps) && o.side.equals(side)) {
                sum = sum.add(o.currentQty.subtract(o.executed));
            }
        }
        return sum;
    }

    private OrderRequest venueRequest(BOrder o, BigDecimal price, String tif) {
        Side s = o.side.equals("BUY") ? Side.BUY : Side.SELL;
        TimeInForce vt = price == null ? TimeInForce.IOC : switch (tif == null ? "GTC" : tif) {
            case "IOC" -> TimeInForce.IOC;
            case "FOK" -> TimeInForce.FOK;
            default -> TimeInForce.GTC;
        };
        OrderRequest r = OrderRequest.of(o.venueCid, o.m.instrument.id(), s,
                price == null ? OrderType.MARKET : OrderType.LIMIT, o.qty, price, null, vt);
        java.util.EnumSet<OrderFlag> flags = java.util.EnumSet.noneOf(OrderFlag.class);
        if ("GTX".equals(tif)) {
            flags.add(OrderFlag.POST_ONLY);
        }
        if (o.reduceOnly && !dualSide) {
            flags.add(OrderFlag.REDUCE_ONLY);
        }
        return r.withFlags(Set.copyOf(flags));
    }

    private String futuresOrderJson(BOrder o, boolean query) {
        return "{\"orderId\":" + o.orderId + ",\"symbol\":\"" + o.m.symbol + "\",\"status\":\"" + o.status
                + "\",\"clientOrderId\":" + BinanceWire.string(o.clientOrderId) + ",\"price\":"
                + px(o.m, o.currentPrice) + ",\"avgPrice\":" + px(o.m, o.avgPrice()) + ",\"origQty\":"
                + qty(o.m, o.currentQty) + ",\"executedQty\":" + qty(o.m, o.executed)
                + (query ? "" : ",\"cumQty\":" + qty(o.m, o.executed)) + ",\"cumQuote\":" + usdt(o.cumQuote)
                + ",\"timeInForce\":\"" + o.tif + "\",\"type\":\"" + o.type + "\",\"reduceOnly\":" + o.reduceOnly
                + ",\"closePosition\":" + o.closePosition + ",\"side\":\"" + o.side + "\",\"positionSide\":\""
                + o.positionSide + "\",\"stopPrice\":" + px(o.m, o.stopPrice) + ",\"workingType\":\"" + o.workingType
                + "\",\"priceProtect\":false,\"origType\":\"" + o.origType
                + "\",\"priceMatch\":\"NONE\",\"selfTradePreventionMode\":\"EXPIRE_MAKER\",\"goodTillDate\":0"
                + (query ? ",\"time\":" + o.time : "") + ",\"updateTime\":" + o.updateTime + "}";
    }

    /** {@code order.modify} / {@code PUT /fapi/v1/order}: a LIMIT order's price and quantity. */
    String modifyOrder(Map<String, String> p) {
        BOrder o = find(p, false);
        String side = side(p);
        BigDecimal q = requiredDec(p, "quantity");
        BigDecimal price = requiredDec(p, "price");
        if (!o.open()) {
            throw new Failure(-2013, "Order does not exist.");
        }
        if (!o.type.equals("LIMIT") || !side.equals(o.side)) {
            throw new Failure(-4130, "Only limit orders can be modified and the side must stay the same.");
        }
        futuresFilters(o.m, side, price, null, q, true);
        if (q.compareTo(o.executed) <= 0) {
            throw new Failure(-4032, "Exceed maximum cancel order size.");
        }
        Order v = sim.venue.amend(new AmendRequest(o.venueCid, price, q, null));
        if (v.errorCode() != null && !v.errorCode().isEmpty()
                && (v.status() == OrderStatus.REJECTED || v.reason().toLowerCase(java.util.Locale.ROOT).contains("refus"))) {
            throw rejection(v.errorCode(), v.reason());
        }
        o.currentQty = q;
        o.currentPrice = price;
        o.updateTime = sim.epochMillis();
        event(orderTradeUpdate(o, "AMENDMENT", null));
        return futuresOrderJson(o, false);
    }

    // ---------------------------------------------------------------- algo orders (USD-M)

    /** {@code algoOrder.place} / {@code POST /fapi/v1/algoOrder}. */
    String placeAlgo(Map<String, String> p) {
        String caid = str(p, "clientAlgoId");
        if (caid != null) {
            newOrderRequests.merge(caid, 1, Integer::sum);
        }
        String at = required(p, "algoType");
        if (!at.equals("CONDITIONAL")) {
            throw new Failure(-1116, "Invalid algoType.");
        }
        BinanceMarket m = market(p);
        String side = side(p);
        String type = required(p, "type");
        if (!Set.of("STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET").contains(type)) {
            throw new Failure(-1116, "Invalid orderType.");
        }
        String ps = positionSide(p);
        boolean closePosition = bool(p, "closePosition");
        boolean reduceOnly = bool(p, "reduceOnly");
        if (reduceOnly && dualSide) {
            throw new Failure(-1106, "Parameter 'reduceOnly' sent when not required.");
        }
        if (closePosition && (type.equals("STOP") || type.equals("TAKE_PROFIT"))) {
            throw new Failure(-1106, "Parameter 'closePosition' sent when not required.");
        }
        if (closePosition && str(p, "quantity") != null) {
            throw new Failure(-1106, "Parameter 'quantity' sent when not required.");
        }
        if (closePosition && reduceOnly) {
            throw new Failure(-1106, "Parameter 'reduceOnly' sent when not required.");
        }
        BigDecimal trigger = dec(p, "triggerPrice");
        if (trigger == null) {
            trigger = dec(p, "triggerprice");
        }
        if (trigger == null) {
            required(p, "triggerPrice");
        }
        BigDecimal q = closePosition ? null : requiredDec(p, "quantity");
        BigDecimal price = type.equals("STOP") || type.equals("TAKE_PROFIT") ? requiredDec(p, "price") : null;
        String wt = str(p, "workingType");
        if (wt == null) {
            wt = "CONTRACT_PRICE";
        } else if (!wt.equals("MARK_PRICE") && !wt.equals("CONTRACT_PRICE")) {
            throw new Failure(-1100, "Illegal characters found in parameter 'workingType'; legal range is 'MARK_PRICE, CONTRACT_PRICE'.");
        }
        String tif = str(p, "timeInForce");
        if (caid != null && algos.values().stream().anyMatch(a -> a.open() && a.clientAlgoId.equals(caid))) {
            throw new Failure(-4116, "ClientOrderId is duplicated.");
        }
        failNextIfInjected(type);
        futuresFilters(m, side, price, trigger, q == null ? m.instrument.spec().minQuantity() : q,
                true);
        BigDecimal reference = wt.equals("MARK_PRICE") ? markPrice(m) : lastPrice(m);
        if (reference != null && triggered(type, side, trigger, reference)) {
            throw new Failure(-2021, "Order would immediately trigger.");
        }
        if (reduceOnly && reducible(m, ps, side) == null) {
            throw new Failure(-2022, "ReduceOnly Order is rejected.");
        }
        Algo a = new Algo(++nextAlgoId, caid == null ? newClientId() : caid, m, side, type,
                tif == null ? "GTC" : tif, q, price, trigger, reduceOnly || !ps.equals("BOTH") && reducible(m, ps, side) != null,
                closePosition, bool(p, "priceProtect"), ps, wt);
        algos.put(a.algoId, a);
        countOrder();
        event(algoUpdate(a));
        return algoJson(a);
    }

    private static boolean triggered(String type, String side, BigDecimal trigger, BigDecimal price) {
        boolean stop = type.startsWith("STOP");
        boolean buy = side.equals("BUY");
        // STOP: buy above, sell below; TAKE_PROFIT: buy below, sell above.
        return stop == buy ? price.compareTo(trigger) >= 0 : price.compareTo(trigger) <= 0;
    }

    private void checkTriggers() {
        for (Algo a : List.copyOf(algos.values())) {
            if (!a.open()) {
                continue;
            }
            BigDecimal ref = a.workingType.equals("MARK_PRICE") ? (a.m.mark == null ? null : a.m.mark.markPrice())
                    : (a.m.trades.isEmpty() ? null : a.m.trades.peekLast().price());
            if (ref != null && triggered(a.type, a.side, a.trigger, ref)) {
                fire(a);
            }
        }
    }

    private void fire(Algo a) {
        a.triggerTime = sim.epochMillis();
        a.updateTime = a.triggerTime;
        BigDecimal q = a.qty;
        if (a.closePosition || a.reduceOnly) {
            BigDecimal reducible = reducible(a.m, a.positionSide, a.side);
            if (reducible == null || reducible.signum() == 0) {
                endAlgo(a, "EXPIRED");
                return;
            }
            q = a.closePosition ? reducible : q.min(reducible);
        }
        a.status = "TRIGGERING";
        event(algoUpdate(a));
        boolean market = a.type.endsWith("_MARKET");
        BOrder o = new BOrder(++nextOrderId, a.clientAlgoId, a.m, a.side, market ? "MARKET" : "LIMIT", a.type,
                a.tif, q, market ? BigDecimal.ZERO : a.price, a.trigger, a.reduceOnly, a.closePosition,
                a.positionSide, a.workingType);
        o.parentAlgo = a;
        a.child = o;
        a.status = "TRIGGERED";
        event(algoUpdate(a));
        try {
            submit(o, venueRequest(o, market ? null : a.price, a.tif));
        } catch (Failure f) {
            a.status = "REJECTED";
            event(algoUpdate(a));
        }
    }

    private void finishAlgo(Algo a) {
        if (a.status.equals("TRIGGERED")) {
            a.status = "FINISHED";
            a.updateTime = sim.epochMillis();
            event(algoUpdate(a));
        }
    }

    private void endAlgo(Algo a, String status) {
        a.status = status;
        a.updateTime = sim.epochMillis();
        event(algoUpdate(a));
    }

    /** The position of a leg closed: its closePosition algo orders expire (Binance cancels them). */
    private void positionClosed(BinanceMarket m, String ps) {
        for (Algo a : List.copyOf(algos.values())) {
            if (a.open() && a.m == m && a.closePosition && a.positionSide.equals(ps)) {
                endAlgo(a, "EXPIRED");
            }
        }
    }

    private Algo findAlgo(Map<String, String> p) {
        String id = str(p, "algoId");
        String caid = str(p, "clientAlgoId");
        if (id == null && caid == null) {
            throw new Failure(-1102, "Param 'algoId' or 'clientAlgoId' must be sent, but both were empty/null!");
        }
        Algo found = null;
        for (Algo a : algos.values()) {
            if ((id != null && Long.toString(a.algoId).equals(id)) || (id == null && a.clientAlgoId.equals(caid))) {
                found = a;
            }
        }
        if (found == null) {
            throw new Failure(-2013, "Order does not exist.");
        }
        return found;
    }

    /** {@code algoOrder.cancel} / {@code DELETE /fapi/v1/algoOrder}. */
    String cancelAlgo(Map<String, String> p) {
        Algo a = findAlgo(p);
        if (!a.open()) {
            throw new Failure(-2011, "Unknown order sent.");
        }
        endAlgo(a, "CANCELED");
        return "{\"algoId\":" + a.algoId + ",\"clientAlgoId\":" + BinanceWire.string(a.clientAlgoId)
                + ",\"code\":\"200\",\"msg\":\"success\"}";
    }

    /** {@code DELETE /fapi/v1/algoOpenOrders}: every open algo order of a symbol. */
    String cancelAllAlgos(Map<String, String> p) {
        BinanceMarket m = market(p);
        for (Algo a : List.copyOf(algos.values())) {
            if (a.open() && a.m == m) {
                endAlgo(a, "CANCELED");
            }
        }
        return "{\"code\":200,\"msg\":\"The operation of cancel all open order is done.\"}";
    }

    /** {@code GET /fapi/v1/openOrder}: a working order, else -2013. */
    String queryOpenOrder(Map<String, String> p) {
        BOrder o = find(p, false);
        if (!o.open()) {
            throw new Failure(-2013, "Order does not exist.");
        }
        return futuresOrderJson(o, true);
    }

    /** {@code GET /fapi/v1/algoOrder}. */
    String queryAlgo(Map<String, String> p) {
        return algoJson(findAlgo(p));
    }

    /** {@code GET /fapi/v1/openAlgoOrders}. */
    String openAlgos(Map<String, String> p) {
        BinanceMarket only = str(p, "symbol") == null ? null : market(p);
        StringBuilder b = new StringBuilder("[");
        for (Algo a : algos.values()) {
            if (a.open() && (only == null || a.m == only)) {
                b.append(b.length() > 1 ? "," : "").append(algoJson(a));
            }
        }
        return b.append(']').toString();
    }

    private String algoJson(Algo a) {
        return "{\"algoId\":" + a.algoId + ",\"clientAlgoId\":" + BinanceWire.string(a.clientAlgoId)
                + ",\"algoType\":\"CONDITIONAL\",\"orderType\":\"" + a.type + "\",\"symbol\":\"" + a.m.symbol
                + "\",\"side\":\"" + a.side + "\",\"positionSide\":\"" + a.positionSide + "\",\"timeInForce\":\""
                + a.tif + "\",\"quantity\":" + qty(a.m, a.qty) + ",\"algoStatus\":\"" + a.status
                + "\",\"actualOrderId\":\"" + (a.child == null ? "" : a.child.orderId) + "\",\"actualPrice\":"
                + px(a.m, a.child == null ? BigDecimal.ZERO : a.child.avgPrice()) + ",\"triggerPrice\":"
                + px(a.m, a.trigger) + ",\"price\":" + px(a.m, a.price) + ",\"icebergQuantity\":null,"
                + "\"tpTriggerPrice\":\"0.000\",\"tpPrice\":\"0.000\",\"slTriggerPrice\":\"0.000\",\"slPrice\":\"0.000\","
                + "\"tpOrderType\":\"\",\"selfTradePreventionMode\":\"EXPIRE_MAKER\",\"workingType\":\""
                + a.workingType + "\",\"priceMatch\":\"NONE\",\"closePosition\":" + a.closePosition
                + ",\"priceProtect\":" + a.priceProtect + ",\"reduceOnly\":" + a.reduceOnly
                + ",\"createTime\":" + a.createTime + ",\"updateTime\":" + a.updateTime + ",\"triggerTime\":"
                + a.triggerTime + ",\"goodTillDate\":0}";
    }

    private String algoUpdate(Algo a) {
        long now = sim.epochMillis();
        BOrder c = a.child;
        return "{\"e\":\"ALGO_UPDATE\",\"T\":" + now + ",\"E\":" + now + ",\"o\":{\"caid\":"
                + BinanceWire.string(a.clientAlgoId) + ",\"aid\":" + a.algoId + ",\"at\":\"CONDITIONAL\",\"o\":\""
                + a.type + "\",\"s\":\"" + a.m.symbol + "\",\"S\":\"" + a.side + "\",\"ps\":\"" + a.positionSide
                + "\",\"f\":\"" + a.tif + "\",\"q\":" + qty(a.m, a.qty) + ",\"X\":\"" + a.status + "\",\"ai\":\""
                + (c == null ? "" : c.orderId) + "\",\"ap\":" + px(a.m, c == null ? BigDecimal.ZERO : c.avgPrice())
                + ",\"aq\":" + qty(a.m, c == null ? BigDecimal.ZERO : c.executed) + ",\"act\":\""
                + (c == null ? "0" : c.type) + "\",\"tp\":" + px(a.m, a.trigger) + ",\"p\":" + px(a.m, a.price)
                + ",\"V\":\"EXPIRE_MAKER\",\"wt\":\"" + a.workingType + "\",\"pm\":\"NONE\",\"cp\":"
                + a.closePosition + ",\"pP\":" + a.priceProtect + ",\"R\":" + a.reduceOnly + ",\"tt\":"
                + a.triggerTime + ",\"gtd\":0}}";
    }

    // ---------------------------------------------------------------- futures positions

    private Pos position(BinanceMarket m, String ps) {
        return positions.computeIfAbsent(m.symbol + "/" + ps, k -> new Pos(m, ps));
    }

    /** Applies a fill to a leg; returns the realised P&L of the part that closed. */
    private BigDecimal applyFill(Pos p, String side, BigDecimal price, BigDecimal q) {
        BigDecimal delta = side.equals("BUY") ? q : q.negate();
        BigDecimal realized = BigDecimal.ZERO;
        p.updateTime = sim.epochMillis();
        if (p.amt.signum() == 0 || p.amt.signum() == delta.signum()) {
            BigDecimal total = p.amt.abs().add(q);
            p.entry = p.entry.multiply(p.amt.abs()).add(price.multiply(q)).divide(total, MC);
            p.amt = p.amt.add(delta);
            return realized;
        }
        BigDecimal closed = q.min(p.amt.abs());
        realized = price.subtract(p.entry).multiply(closed).multiply(BigDecimal.valueOf(p.amt.signum()));
        p.realized = p.realized.add(realized);
        p.amt = p.amt.add(delta);
        if (p.amt.signum() == 0) {
            p.entry = BigDecimal.ZERO;
        } else if (p.amt.signum() == delta.signum()) {
            p.entry = price; // flipped: the rest opened a new position
        }
        return realized;
    }

    private int leverage(BinanceMarket m) {
        return leverage.getOrDefault(m.symbol, 20);
    }

    private boolean isolated(BinanceMarket m) {
        return marginType.getOrDefault(m.symbol, "CROSSED").equals("ISOLATED");
    }

    private BigDecimal unrealized(Pos p) {
        return markPrice(p.m).subtract(p.entry).multiply(p.amt);
    }

    private BigDecimal liquidationPrice(Pos p) {
        if (p.amt.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal lev = BigDecimal.valueOf(leverage(p.m));
        BigDecimal one = BigDecimal.ONE;
        BigDecimal mmr = MAINTENANCE_MARGIN_RATE;
        BigDecimal q = p.amt.abs();
        BigDecimal liq;
        if (isolated(p.m)) {
            liq = p.amt.signum() > 0 ? p.entry.multiply(one.subtract(one.divide(lev, MC)).add(mmr))
                    : p.entry.multiply(one.add(one.divide(lev, MC)).subtract(mmr));
        } else if (p.amt.signum() > 0) {
            liq = q.multiply(p.entry).subtract(wallet).divide(q.multiply(one.subtract(mmr)), MC);
        } else {
            liq = q.multiply(p.entry).add(wallet).divide(q.multiply(one.add(mmr)), MC);
        }
        return liq.signum() < 0 ? BigDecimal.ZERO : liq;
    }

    private BigDecimal isolatedWallet(Pos p) {
        return isolated(p.m) && p.amt.signum() != 0
                ? p.amt.abs().multiply(p.entry).divide(BigDecimal.valueOf(leverage(p.m)), MC) : BigDecimal.ZERO;
    }

    private BigDecimal initialMargin(Pos p) {
        return p.amt.abs().multiply(markPrice(p.m)).divide(BigDecimal.valueOf(leverage(p.m)), MC);
    }

    private BigDecimal crossWallet() {
        BigDecimal iso = BigDecimal.ZERO;
        for (Pos p : positions.values()) {
            iso = iso.add(isolatedWallet(p));
        }
        return wallet.subtract(iso);
    }

    private BigDecimal totalUnrealized() {
        BigDecimal u = BigDecimal.ZERO;
        for (Pos p : positions.values()) {
            u = u.add(unrealized(p));
        }
        return u;
    }

    private BigDecimal available() {
        BigDecimal used = BigDecimal.ZERO;
        for (Pos p : positions.values()) {
            used = used.add(initialMargin(p));
        }
        for (BOrder o : byId.values()) {
            if (o.open() && o.currentPrice.signum() > 0) {
                used = used.add(o.currentQty.subtract(o.executed).multiply(o.currentPrice)
                        .divide(BigDecimal.valueOf(leverage(o.m)), MC));
            }
        }
        return wallet.add(totalUnrealized()).subtract(used);
    }

    private void accountUpdate(String reason, List<Pos> changed) {
        long now = sim.epochMillis();
        StringBuilder b = new StringBuilder("{\"e\":\"ACCOUNT_UPDATE\",\"E\":").append(now).append(",\"T\":")
                .append(now).append(",\"a\":{\"m\":\"").append(reason).append("\",\"B\":[{\"a\":\"USDT\",\"wb\":")
                .append(usdt(wallet)).append(",\"cw\":").append(usdt(crossWallet())).append(",\"bc\":\"0\"}],\"P\":[");
        for (int i = 0; i < changed.size(); i++) {
            Pos p = changed.get(i);
            b.append(i > 0 ? "," : "").append("{\"s\":\"").append(p.m.symbol).append("\",\"pa\":")
                    .append(qty(p.m, p.amt)).append(",\"ep\":").append(BinanceWire.decimal(p.entry, 8))
                    .append(",\"bep\":").append(BinanceWire.decimal(p.entry, 8)).append(",\"cr\":")
                    .append(usdt(p.realized)).append(",\"up\":").append(usdt(unrealized(p))).append(",\"mt\":\"")
                    .append(isolated(p.m) ? "isolated" : "cross").append("\",\"iw\":").append(usdt(isolatedWallet(p)))
                    .append(",\"ps\":\"").append(p.side).append("\"}");
        }
        event(b.append("]}}").toString());
    }

    private String orderTradeUpdate(BOrder o, String x, OwnTrade t) {
        long now = sim.epochMillis();
        return "{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":" + now + ",\"T\":" + now + ",\"o\":{\"s\":\"" + o.m.symbol
                + "\",\"c\":" + BinanceWire.string(o.clientOrderId) + ",\"S\":\"" + o.side + "\",\"o\":\"" + o.type
                + "\",\"f\":\"" + o.tif + "\",\"q\":" + qty(o.m, o.currentQty) + ",\"p\":" + px(o.m, o.currentPrice)
                + ",\"ap\":" + px(o.m, o.avgPrice()) + ",\"sp\":" + px(o.m, o.stopPrice) + ",\"x\":\"" + x
                + "\",\"X\":\"" + o.status + "\",\"i\":" + o.orderId + ",\"l\":"
                + qty(o.m, t == null ? BigDecimal.ZERO : t.qty()) + ",\"z\":" + qty(o.m, o.executed) + ",\"L\":"
                + px(o.m, t == null ? BigDecimal.ZERO : t.price())
                + (t == null ? "" : ",\"N\":\"" + t.commissionAsset() + "\",\"n\":" + usdt(t.commission()))
                + ",\"T\":" + (t == null ? o.updateTime : t.time()) + ",\"t\":" + (t == null ? 0 : t.id())
                + ",\"b\":\"0\",\"a\":\"0\",\"m\":" + (t != null && t.maker()) + ",\"R\":" + o.reduceOnly
                + ",\"wt\":\"" + o.workingType + "\",\"ot\":\"" + o.origType + "\",\"ps\":\"" + o.positionSide
                + "\",\"cp\":" + o.closePosition + ",\"rp\":" + usdt(t == null ? BigDecimal.ZERO : t.realizedPnl())
                + ",\"pP\":false,\"si\":0,\"ss\":0,\"V\":\"EXPIRE_MAKER\",\"pm\":\"NONE\",\"gtd\":0}}";
    }

    /** {@code GET|POST /fapi/v1/positionSide/dual}. */
    String dual(Map<String, String> p, boolean change) {
        if (!change) {
            return "{\"dualSidePosition\":" + dualSide + "}";
        }
        boolean want = bool(p, "dualSidePosition");
        required(p, "dualSidePosition");
        if (want == dualSide) {
            throw new Failure(-4059, "No need to change position side.");
        }
        if (byId.values().stream().anyMatch(BOrder::open) || algos.values().stream().anyMatch(Algo::open)) {
            throw new Failure(-4067, "Position side cannot be changed if there exists open orders.");
        }
        if (positions.values().stream().anyMatch(x -> x.amt.signum() != 0)) {
            throw new Failure(-4068, "Position side cannot be changed if there exists position.");
        }
        dualSide = want;
        return "{\"code\":200,\"msg\":\"success\"}";
    }

    /** {@code POST /fapi/v1/leverage}. */
    String setLeverage(Map<String, String> p) {
        BinanceMarket m = market(p);
        int l = intParam(p, "leverage", -1);
        if (l < 1 || l > 125) {
            throw new Failure(-4028, "Leverage " + l + " is not valid");
        }
        leverage.put(m.symbol, l);
        long now = sim.epochMillis();
        event("{\"e\":\"ACCOUNT_CONFIG_UPDATE\",\"E\":" + now + ",\"T\":" + now + ",\"ac\":{\"s\":\"" + m.symbol
                + "\",\"l\":" + l + "}}");
        return "{\"leverage\":" + l + ",\"maxNotionalValue\":\"" + (l > 50 ? "1000000" : "50000000")
                + "\",\"symbol\":\"" + m.symbol + "\"}";
    }

    /** {@code POST /fapi/v1/marginType}. */
    String setMarginType(Map<String, String> p) {
        BinanceMarket m = market(p);
        String t = required(p, "marginType");
        if (!t.equals("ISOLATED") && !t.equals("CROSSED")) {
            throw new Failure(-1100, "Illegal characters found in parameter 'marginType'; legal range is 'ISOLATED, CROSSED'.");
        }
        if (t.equals(marginType.getOrDefault(m.symbol, "CROSSED"))) {
            throw new Failure(-4046, "No need to change margin type.");
        }
        if (positions.values().stream().anyMatch(x -> x.m == m && x.amt.signum() != 0)) {
            throw new Failure(-4048, "Margin type cannot be changed if there exists position.");
        }
        marginType.put(m.symbol, t);
        return "{\"code\":200,\"msg\":\"success\"}";
    }

    /** {@code GET /fapi/v2/balance}, {@code v2/account.balance}. */
    String futuresBalance() {
        BigDecimal avail = available();
        return "[{\"accountAlias\":\"SgsR\",\"asset\":\"USDT\",\"balance\":" + usdt(wallet) + ",\"crossWalletBalance\":"
                + usdt(crossWallet()) + ",\"crossUnPnl\":" + usdt(totalUnrealized()) + ",\"availableBalance\":"
                + usdt(avail) + ",\"maxWithdrawAmount\":" + usdt(avail.max(BigDecimal.ZERO))
                + ",\"marginAvailable\":true,\"updateTime\":" + sim.epochMillis() + "}]";
    }

    private List<Pos> reportedPositions(BinanceMarket only) {
        List<Pos> out = new ArrayList<>();
        for (BinanceMarket m : sim.markets.values()) {
            if (only != null && m != only) {
                continue;
            }
            for (String ps : dualSide ? List.of("LONG", "SHORT") : List.of("BOTH")) {
                out.add(position(m, ps));
            }
        }
        return out;
    }

    /** {@code GET /fapi/v2/positionRisk} (v2) or {@code /fapi/v3/positionRisk}, {@code account.position}. */
    String positionRisk(Map<String, String> p, boolean v3) {
        BinanceMarket only = str(p, "symbol") == null ? null : market(p);
        StringBuilder b = new StringBuilder("[");
        for (Pos x : reportedPositions(only)) {
            if (v3 && x.amt.signum() == 0) {
                continue; // v3 lists only symbols with a position or open orders
            }
            BigDecimal mark = markPrice(x.m);
            b.append(b.length() > 1 ? "," : "").append("{\"symbol\":\"").append(x.m.symbol)
                    .append("\",\"positionSide\":\"").append(x.side).append("\",\"positionAmt\":")
                    .append(qty(x.m, x.amt)).append(",\"entryPrice\":").append(BinanceWire.decimal(x.entry, 8))
                    .append(",\"breakEvenPrice\":").append(BinanceWire.decimal(x.entry, 8)).append(",\"markPrice\":")
                    .append(BinanceWire.decimal(mark, 8)).append(",\"unRealizedProfit\":")
                    .append(usdt(unrealized(x))).append(",\"liquidationPrice\":")
                    .append(BinanceWire.decimal(liquidationPrice(x), 8)).append(",\"isolatedMargin\":")
                    .append(usdt(isolatedWallet(x).add(isolated(x.m) ? unrealized(x) : BigDecimal.ZERO)))
                    .append(",\"notional\":").append(usdt(x.amt.multiply(mark))).append(",\"isolatedWallet\":")
                    .append(usdt(isolatedWallet(x)));
            if (v3) {
                b.append(",\"marginAsset\":\"USDT\",\"initialMargin\":").append(usdt(initialMargin(x)))
                        .append(",\"maintMargin\":")
                        .append(usdt(x.amt.abs().multiply(mark).multiply(MAINTENANCE_MARGIN_RATE)))
                        .append(",\"positionInitialMargin\":").append(usdt(initialMargin(x)))
                        .append(",\"openOrderInitialMargin\":\"0\",\"adl\":0,\"bidNotional\":\"0\",\"askNotional\":\"0\"");
            } else {
                b.append(",\"marginType\":\"").append(isolated(x.m) ? "isolated" : "cross")
                        .append("\",\"isAutoAddMargin\":\"false\",\"leverage\":\"").append(leverage(x.m))
                        .append("\",\"maxNotionalValue\":\"50000000\"");
            }
            b.append(",\"updateTime\":").append(x.updateTime).append('}');
        }
        return b.append(']').toString();
    }

    /** {@code GET /fapi/v2/account} (or v3), {@code v2/account.status}. */
    String futuresAccount() {
        BigDecimal u = totalUnrealized();
        BigDecimal im = BigDecimal.ZERO;
        for (Pos x : positions.values()) {
            im = im.add(initialMargin(x));
        }
        BigDecimal avail = available();
        StringBuilder b = new StringBuilder("{\"feeTier\":0,\"feeBurn\":false,\"canDeposit\":true,\"canWithdraw\":true,"
                + "\"updateTime\":0,\"multiAssetsMargin\":false,\"tradeGroupId\":-1,\"totalInitialMargin\":")
                .append(usdt(im)).append(",\"totalMaintMargin\":\"0.00000000\",\"totalWalletBalance\":")
                .append(usdt(wallet)).append(",\"totalUnrealizedProfit\":").append(usdt(u))
                .append(",\"totalMarginBalance\":").append(usdt(wallet.add(u)))
                .append(",\"totalPositionInitialMargin\":").append(usdt(im))
                .append(",\"totalOpenOrderInitialMargin\":\"0.00000000\",\"totalCrossWalletBalance\":")
                .append(usdt(crossWallet())).append(",\"totalCrossUnPnl\":").append(usdt(u))
                .append(",\"availableBalance\":").append(usdt(avail)).append(",\"maxWithdrawAmount\":")
                .append(usdt(avail.max(BigDecimal.ZERO))).append(",\"assets\":[{\"asset\":\"USDT\",\"walletBalance\":")
                .append(usdt(wallet)).append(",\"unrealizedProfit\":").append(usdt(u)).append(",\"marginBalance\":")
                .append(usdt(wallet.add(u))).append(",\"maintMargin\":\"0.00000000\",\"initialMargin\":")
                .append(usdt(im)).append(",\"positionInitialMargin\":").append(usdt(im))
                .append(",\"openOrderInitialMargin\":\"0.00000000\",\"crossWalletBalance\":").append(usdt(crossWallet()))
                .append(",\"crossUnPnl\":").append(usdt(u)).append(",\"availableBalance\":").append(usdt(avail))
                .append(",\"maxWithdrawAmount\":").append(usdt(avail.max(BigDecimal.ZERO)))
                .append(",\"marginAvailable\":true,\"updateTime\":").append(sim.epochMillis()).append("}],\"positions\":[");
        int i = 0;
        for (Pos x : reportedPositions(null)) {
            b.append(i++ > 0 ? "," : "").append("{\"symbol\":\"").append(x.m.symbol)
                    .append("\",\"initialMargin\":").append(usdt(initialMargin(x)))
                    .append(",\"maintMargin\":\"0.00000000\",\"unrealizedProfit\":").append(usdt(unrealized(x)))
                    .append(",\"positionInitialMargin\":").append(usdt(initialMargin(x)))
                    .append(",\"openOrderInitialMargin\":\"0\",\"leverage\":\"").append(leverage(x.m))
                    .append("\",\"isolated\":").append(isolated(x.m)).append(",\"entryPrice\":")
                    .append(BinanceWire.decimal(x.entry, 8)).append(",\"breakEvenPrice\":")
                    .append(BinanceWire.decimal(x.entry, 8)).append(",\"maxNotional\":\"50000000\",\"positionSide\":\"")
                    .append(x.side).append("\",\"positionAmt\":").append(qty(x.m, x.amt))
                    .append(",\"updateTime\":").append(x.updateTime).append('}');
        }
        return b.append("]}").toString();
    }

    /** The position of a leg, for tests: {@code [amount, entry, realised, unrealised, liquidation]}. */
    BigDecimal[] positionState(String symbol, String ps) {
        Pos p = positions.get(symbol + "/" + ps);
        if (p == null) {
            return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        }
        return new BigDecimal[] {p.amt, p.entry, p.realized, unrealized(p), liquidationPrice(p)};
    }

    BigDecimal walletBalance() {
        return wallet;
    }
}
