package org.tradebench.venues.bitfinex;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.api.trading.TradingListener;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The authenticated side of the Bitfinex simulator: {@code auth}, the order inputs on channel 0
 * and the account streams, translated to and from the venue's paper account.
 *
 * <h2>Orders</h2>
 * {@code on} maps Bitfinex types to the venue's: {@code [EXCHANGE ]LIMIT} → limit GTC,
 * {@code [EXCHANGE ]MARKET} → market, {@code [EXCHANGE ]STOP} → stop at {@code price},
 * {@code [EXCHANGE ]STOP LIMIT} → stop-limit (trigger {@code price}, limit
 * {@code price_aux_limit}), {@code [EXCHANGE ]FOK}/{@code IOC} → limit FOK/IOC; trailing stops are
 * refused. The amount's sign is the side. Flags: POSTONLY 4096 → post-only (a crossing order is
 * accepted, then cancelled with status {@code POSTONLY CANCELED}, as Bitfinex does), REDUCE_ONLY
 * 1024 → reduce-only, HIDDEN 64 is echoed (the venue has no hidden orders, so it shows in the
 * public book), OCO 16384 with {@code price_oco_stop} adds a stop order for the same amount; when
 * either leg fills, the other is cancelled. {@code cid} is unique per {@code cid_date} (UTC day of
 * creation). {@code oc} cancels by {@code id} or {@code cid}+{@code cid_date}; {@code oc_multi}
 * by {@code {all:1}} or {@code {id:[..]}}; {@code ou} changes price and amount (the venue has no
 * amend: the simulator cancels and re-places, keeping the Bitfinex id).
 *
 * <h2>Messages</h2>
 * Every request gets a notification {@code [0,"n",[MTS,"on-req",null,null,ORDER,null,STATUS,TEXT]]}
 * on the requesting connection (SUCCESS, or ERROR with a Bitfinex-like text such as
 * {@code "Invalid order: not enough exchange balance for 100 BTCUSD at 65000"}). The streams go to
 * every authenticated connection: {@code on} when the order rests, {@code ou} on partial fills
 * and amendments, {@code oc} when it ends ({@code EXECUTED @ P(A)}, {@code CANCELED},
 * {@code IOC CANCELED}, ...), own trades {@code te} then {@code tu} (with the fee, negative when
 * charged), wallets {@code wu} ({@code exchange} wallets), positions {@code pn/pu/pc}. Every own
 * trade is kept for {@code POST /v2/auth/r/trades[/SYM]/hist}.
 *
 * <p>Owned by the simulator thread.
 */
final class BitfinexAccount implements TradingListener {

    private static final DateTimeFormatter CID_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final int HIDDEN = 64;
    private static final int REDUCE_ONLY = 1024;
    private static final int POSTONLY = 4096;
    private static final int OCO = 16384;

    private record RecordedTrade(BitfinexSimulator.OwnTrade trade, String te, String tu) {
    }

    /** What the simulator knows about one Bitfinex order. */
    private static final class BfxOrder {
        final long id;
        final Long gid;
        final long cid;
        final String cidDate;
        final MarketMirror market;
        final String type;
        final int flags;
        final long mtsCreate;
        BigDecimal amountOrig;
        BigDecimal price;
        BigDecimal priceAux;
        String venueCid;
        int amendments;
        boolean announced;
        boolean amended;
        boolean done;
        Order last;
        BfxOrder ocoSibling;

        BfxOrder(long id, Long gid, long cid, String cidDate, MarketMirror market, String type, int flags,
                long mtsCreate, BigDecimal amountOrig, BigDecimal price, BigDecimal priceAux) {
            this.id = id;
            this.gid = gid;
            this.cid = cid;
            this.cidDate = cidDate;
            this.market = market;
            this.type = type;
            this.flags = flags;
            this.mtsCreate = mtsCreate;
            this.amountOrig = amountOrig;
            this.price = price;
            this.priceAux = priceAux;
        }
    }

    private final BitfinexSimulator sim;
    private final Map<String, BfxOrder> byVenueCid = new HashMap<>();
    private final Map<Long, BfxOrder> byId = new LinkedHashMap<>();
    private final Map<InstrumentId, Position> positions = new HashMap<>();
    private final List<BfxOrder> cancelAfter = new ArrayList<>();
    /** Every own trade, oldest first, with its te and tu arrays (for trades/hist and resending). */
    private final List<RecordedTrade> trades = new ArrayList<>();
    private long nextOrderId = 150_000_000_000L;
    private long nextTradeId = 400_000_000L;
    private long nextAuthId;
    private boolean listening;

    BitfinexAccount(BitfinexSimulator sim) {
        this.sim = sim;
    }

    void init() {
        sim.venue.subscribeTrading(this);
        listening = true; // the initial state delivered on subscribing is not news
    }

    // ---------------------------------------------------------------- auth

    /** Authentications still to refuse with "nonce: small" (fault injection). */
    int authNoncesToRefuse;
    /** Authentication requests received. */
    int authRequests;

    void auth(BitfinexConnection c, JsonObject o) {
        String nonce = BitfinexSimulator.str(o, "authNonce");
        String payload = BitfinexSimulator.str(o, "authPayload");
        Object[] problem;
        authRequests++;
        if (c.authenticated) {
            problem = new Object[] {10100, "auth: dup"};
        } else if (authNoncesToRefuse > 0) {
            authNoncesToRefuse--;
            problem = new Object[] {10114, "nonce: small"};
        } else if (payload == null || nonce == null || !payload.startsWith("AUTH" + nonce)) {
            problem = new Object[] {10111, "auth: payload invalid"};
        } else {
            problem = sim.verify(BitfinexSimulator.str(o, "apiKey"), nonce, payload, BitfinexSimulator.str(o, "authSig"));
        }
        if (problem != null) {
            c.event("{\"event\":\"auth\",\"status\":\"FAILED\",\"chanId\":0,\"msg\":\"" + problem[1] + "\",\"code\":"
                    + problem[0] + "}");
            return;
        }
        c.authenticated = true;
        c.deadManSwitch = o.has("dms") && o.get("dms").getAsInt() == 4;
        c.authLastSentNanos = sim.nowNanos();
        c.event("{\"event\":\"auth\",\"status\":\"OK\",\"chanId\":0,\"userId\":1000001,\"auth_id\":\"sim-auth-"
                + (++nextAuthId) + "\",\"caps\":{\"orders\":{\"read\":1,\"write\":1},\"account\":{\"read\":1,"
                + "\"write\":0},\"funding\":{\"read\":1,\"write\":0},\"history\":{\"read\":1,\"write\":0},"
                + "\"wallets\":{\"read\":1,\"write\":0},\"withdraw\":{\"read\":0,\"write\":0},"
                + "\"positions\":{\"read\":1,\"write\":1}}}");
        c.data(0, "0,\"ps\"," + positionsJson());
        c.data(0, "0,\"ws\"," + walletsJson());
        c.data(0, "0,\"os\"," + ordersJson(null, "{}"));
    }

    void connectionClosed(BitfinexConnection c) {
        if (c.authenticated && c.deadManSwitch) {
            sim.venue.cancelAll(Optional.empty());
            afterVenue();
        }
    }

    // ---------------------------------------------------------------- inputs

    /** How many of the next order inputs are dropped without an answer (fault injection). */
    int inputsToIgnore;
    /** How many of the next order inputs are executed with every answer lost (fault injection). */
    int inputsToExecuteSilently;
    private boolean muted;

    void input(BitfinexConnection c, JsonArray msg) {
        if (msg.size() < 4 || !msg.get(1).isJsonPrimitive() || !msg.get(3).isJsonObject()) {
            c.event("{\"event\":\"error\",\"msg\":\"input: invalid\",\"code\":10000}");
            return;
        }
        if (!c.authenticated) {
            c.event("{\"event\":\"error\",\"msg\":\"auth: not authenticated\",\"code\":10100}");
            return;
        }
        if (inputsToIgnore > 0) {
            inputsToIgnore--;
            return; // fault injection: a request whose answer never comes
        }
        if (inputsToExecuteSilently > 0) {
            // fault injection: the exchange executes the request but every answer and account
            // message about it is lost
            inputsToExecuteSilently--;
            muted = true;
            try {
                String silentOp = msg.get(1).getAsString();
                JsonObject silent = msg.get(3).getAsJsonObject();
                Reply nowhere = (type, info, status, array, text) -> {
                };
                switch (silentOp) {
                    case "on" -> newOrder(nowhere, silent);
                    case "oc" -> cancel(nowhere, silent);
                    case "ou" -> update(nowhere, silent);
                    default -> {
                        // only single-order requests
                    }
                }
                afterVenue();
                sim.flush();
            } finally {
                muted = false;
            }
            return;
        }
        String op = msg.get(1).getAsString();
        JsonObject p = msg.get(3).getAsJsonObject();
        Reply reply = socket(c);
        switch (op) {
            case "on" -> newOrder(reply, p);
            case "oc" -> cancel(reply, p);
            case "oc_multi" -> cancelMulti(reply, p);
            case "ou" -> update(reply, p);
            default -> notify(reply, "error", null, null, "ERROR", "unknown input: " + op);
        }
        afterVenue();
        sim.flush();
    }

    private static BigDecimal decimal(JsonObject p, String name) {
        JsonElement e = p.get(name);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        try {
            return new BigDecimal(e.getAsString());
        } catch (RuntimeException x) {
            throw new IllegalArgumentException(name + ": invalid");
        }
    }

    /** Bitfinex keeps 5 significant digits of a price and truncates the rest. */
    static final java.math.MathContext PRICE_DIGITS = new java.math.MathContext(5, RoundingMode.DOWN);

    static BigDecimal truncated(BigDecimal price) {
        return price == null ? null : price.round(PRICE_DIGITS);
    }

    /** How many new-order requests (socket or REST) arrived per cid, answered or not. */
    final java.util.Map<Long, Integer> newOrderRequests = new java.util.HashMap<>();

    private void newOrder(Reply c, JsonObject p) {
        if (p.has("cid") && p.get("cid").isJsonPrimitive()) {
            newOrderRequests.merge(p.get("cid").getAsLong(), 1, Integer::sum);
        }
        long mts = sim.epochMillis();
        String symbol = BitfinexSimulator.str(p, "symbol");
        String type = BitfinexSimulator.str(p, "type");
        int flags = p.has("flags") ? p.get("flags").getAsInt() : 0;
        long cid = p.has("cid") ? p.get("cid").getAsLong() : mts;
        Long gid = p.has("gid") && !p.get("gid").isJsonNull() ? p.get("gid").getAsLong() : null;
        String cidDate = CID_DATE.format(Instant.ofEpochMilli(mts));
        MarketMirror m = symbol == null ? null : sim.bySymbol.get(symbol);
        BigDecimal amount;
        BigDecimal price;
        BigDecimal aux;
        BigDecimal ocoStop;
        try {
            amount = decimal(p, "amount");
            price = truncated(decimal(p, "price"));
            aux = truncated(decimal(p, "price_aux_limit"));
            ocoStop = truncated(decimal(p, "price_oco_stop"));
        } catch (IllegalArgumentException e) {
            notifyRequest(c, "on-req", null, p, "ERROR", "Invalid order: " + e.getMessage());
            return;
        }
        String problem = m == null ? "symbol: invalid" : amount == null || amount.signum() == 0 ? "amount: invalid"
                : type == null ? "type: invalid" : null;
        if (problem != null) {
            notifyRequest(c, "on-req", null, p, "ERROR", "Invalid order: " + problem);
            return;
        }
        String venueCid = "bfx-" + cid + "-" + cidDate.replace("-", "");
        BfxOrder existing = byVenueCid.get(venueCid);
        if (existing != null) {
            notifyRequest(c, "on-req", null, p, "ERROR", "Invalid order: cid " + cid + " already used on " + cidDate);
            return;
        }
        OrderRequest request;
        try {
            request = request(venueCid, m, type, amount, price, aux, flags);
        } catch (IllegalArgumentException e) {
            notifyRequest(c, "on-req", null, p, "ERROR", "Invalid order: " + e.getMessage());
            return;
        }
        BfxOrder b = new BfxOrder(++nextOrderId, gid, cid, cidDate, m, type, flags, mts, amount,
                price == null ? BigDecimal.ZERO : price, aux == null ? BigDecimal.ZERO : aux);
        b.venueCid = venueCid;
        byVenueCid.put(venueCid, b);
        byId.put(b.id, b);
        List<Runnable> stream = new ArrayList<>();
        capture = stream;
        Order result;
        try {
            result = sim.venue.place(request);
        } finally {
            capture = null;
        }
        b.last = result;
        if (result.status() == OrderStatus.REJECTED && !result.reason().contains("post-only")) {
            byVenueCid.remove(venueCid);
            byId.remove(b.id);
            notifyRequest(c, "on-req", null, p, "ERROR", "Invalid order: " + rejection(result, b));
            return;
        }
        notify(c, "on-req", b, result, "SUCCESS", "Submitting " + describe(b) + ".");
        stream.forEach(Runnable::run);
        if ((flags & OCO) != 0 && ocoStop != null && !result.status().isFinal()) {
            String ocoCid = venueCid + "-oco";
            BfxOrder stop = new BfxOrder(++nextOrderId, gid, cid, cidDate, m, type.startsWith("EXCHANGE")
                    ? "EXCHANGE STOP" : "STOP", flags, mts, amount, ocoStop, BigDecimal.ZERO);
            stop.venueCid = ocoCid;
            byVenueCid.put(ocoCid, stop);
            byId.put(stop.id, stop);
            b.ocoSibling = stop;
            stop.ocoSibling = b;
            OrderRequest stopRequest = OrderRequest.stop(ocoCid, m.instrument.id(), request.side(), request.quantity(),
                    ocoStop);
            stream.clear();
            capture = stream;
            try {
                stop.last = sim.venue.place(stopRequest);
            } finally {
                capture = null;
            }
            stream.forEach(Runnable::run);
        }
    }

    private static OrderRequest request(String venueCid, MarketMirror m, String type, BigDecimal amount,
            BigDecimal price, BigDecimal aux, int flags) {
        Side side = amount.signum() > 0 ? Side.BUY : Side.SELL;
        BigDecimal qty = amount.abs();
        String t = type.startsWith("EXCHANGE ") ? type.substring("EXCHANGE ".length()) : type;
        InstrumentId id = m.instrument.id();
        OrderType ot;
        TimeInForce tif = TimeInForce.GTC;
        BigDecimal limit = null;
        BigDecimal trigger = null;
        switch (t) {
            case "LIMIT" -> {
                ot = OrderType.LIMIT;
                limit = require(price, "price");
            }
            case "MARKET" -> {
                ot = OrderType.MARKET;
                tif = TimeInForce.IOC;
            }
            case "STOP" -> {
                ot = OrderType.STOP;
                trigger = require(price, "price");
            }
            case "STOP LIMIT" -> {
                ot = OrderType.STOP_LIMIT;
                trigger = require(price, "price");
                limit = require(aux, "price_aux_limit");
            }
            case "FOK", "IOC" -> {
                ot = OrderType.LIMIT;
                limit = require(price, "price");
                tif = t.equals("FOK") ? TimeInForce.FOK : TimeInForce.IOC;
            }
            default -> throw new IllegalArgumentException("order type " + type + " is not supported by the simulator");
        }
        java.util.EnumSet<OrderFlag> f = java.util.EnumSet.noneOf(OrderFlag.class);
        if ((flags & POSTONLY) != 0) {
            f.add(OrderFlag.POST_ONLY);
        }
        if ((flags & REDUCE_ONLY) != 0) {
            f.add(OrderFlag.REDUCE_ONLY);
        }
        return OrderRequest.of(venueCid, id, side, ot, qty, limit, trigger, tif).withFlags(Set.copyOf(f));
    }

    private static BigDecimal require(BigDecimal v, String name) {
        if (v == null || v.signum() <= 0) {
            throw new IllegalArgumentException(name + ": invalid");
        }
        return v;
    }

    private void cancel(Reply c, JsonObject p) {
        BfxOrder b = find(p);
        if (b == null || b.done) {
            send(c, "oc-req", b == null ? requestedOnly(p) : orderArray(b, b.last, status(b, b.last)), "ERROR",
                    "Order not found.");
            return;
        }
        runCaptured(() -> sim.venue.cancel(b.venueCid));
        notify(c, "oc-req", b, b.last, "SUCCESS", "Submitted for cancellation; waiting for confirmation (ID: " + b.id
                + ").");
        flushCaptured();
    }

    private void cancelMulti(Reply c, JsonObject p) {
        int count;
        if (p.has("all") && p.get("all").getAsInt() == 1) {
            count = (int) byId.values().stream().filter(b -> !b.done).count();
            runCaptured(() -> sim.venue.cancelAll(Optional.empty()));
        } else {
            List<BfxOrder> targets = new ArrayList<>();
            if (p.has("id") && p.get("id").isJsonArray()) {
                for (JsonElement e : p.getAsJsonArray("id")) {
                    BfxOrder b = byId.get(e.getAsLong());
                    if (b != null && !b.done) {
                        targets.add(b);
                    }
                }
            }
            count = targets.size();
            runCaptured(() -> targets.forEach(b -> sim.venue.cancel(b.venueCid)));
        }
        notify(c, "oc_multi-req", null, null, "SUCCESS", "Submitting " + count + " order cancellations.");
        flushCaptured();
    }

    private void update(Reply c, JsonObject p) {
        BfxOrder b = find(p);
        if (b == null || b.done || b.last == null) {
            send(c, "ou-req", b == null || b.last == null ? requestedOnly(p) : orderArray(b, b.last, status(b, b.last)),
                    "ERROR", "Order not found.");
            return;
        }
        BigDecimal price;
        BigDecimal amount;
        BigDecimal aux;
        try {
            price = truncated(decimal(p, "price"));
            amount = decimal(p, "amount");
            aux = truncated(decimal(p, "price_aux_limit"));
            BigDecimal delta = decimal(p, "delta");
            BigDecimal sign = BigDecimal.valueOf(b.amountOrig.signum());
            BigDecimal remaining = b.last.remainingQuantity().multiply(sign);
            if (amount == null) {
                amount = delta == null ? remaining : remaining.add(delta);
            }
        } catch (IllegalArgumentException e) {
            notify(c, "ou-req", b, b.last, "ERROR", "Invalid order: " + e.getMessage());
            return;
        }
        if (amount.signum() != b.amountOrig.signum()) {
            notify(c, "ou-req", b, b.last, "ERROR", "Invalid order: amount must keep its sign");
            return;
        }
        BigDecimal newPrice = price == null ? b.price : price;
        BigDecimal newAux = aux == null ? b.priceAux : aux;
        OrderRequest replacement;
        String newCid = b.venueCid.replaceAll("-u\\d+$", "") + "-u" + (b.amendments + 1);
        try {
            replacement = request(newCid, b.market, b.type, amount, newPrice, newAux, b.flags);
        } catch (IllegalArgumentException e) {
            notify(c, "ou-req", b, b.last, "ERROR", "Invalid order: " + e.getMessage());
            return;
        }
        String oldCid = b.venueCid;
        b.amendments++;
        b.venueCid = newCid;
        b.amended = true;
        b.amountOrig = amount;
        b.price = newPrice;
        b.priceAux = newAux;
        byVenueCid.put(newCid, b);
        notify(c, "ou-req", b, b.last, "SUCCESS", "Submitting update to " + describe(b) + ".");
        runCaptured(() -> {
            sim.venue.cancel(oldCid); // its events are ignored: the old leg is no longer b's venue order
            sim.venue.place(replacement);
        });
        flushCaptured();
    }

    /**
     * A refused {@code oc}/{@code ou} for an order the exchange cannot find: Bitfinex echoes the
     * order id asked for (and the cid) with every other field null.
     */
    private static String requestedOnly(JsonObject p) {
        StringBuilder b = new StringBuilder("[").append(p.has("id") ? p.get("id").getAsLong() : "null").append(",null,")
                .append(p.has("cid") ? p.get("cid").getAsLong() : "null");
        for (int i = 3; i < 32; i++) {
            b.append(",null");
        }
        return b.append(']').toString();
    }

    private BfxOrder find(JsonObject p) {
        if (p.has("id")) {
            return byId.get(p.get("id").getAsLong());
        }
        if (p.has("cid") && p.has("cid_date")) {
            BfxOrder b = byVenueCid.get("bfx-" + p.get("cid").getAsLong() + "-"
                    + BitfinexSimulator.str(p, "cid_date").replace("-", ""));
            return b;
        }
        return null;
    }

    // ---------------------------------------------------------------- venue events

    private List<Runnable> capture;
    private final List<Runnable> captured = new ArrayList<>();

    private void runCaptured(Runnable venueCall) {
        List<Runnable> list = new ArrayList<>();
        capture = list;
        try {
            venueCall.run();
        } finally {
            capture = null;
        }
        captured.addAll(list);
    }

    private void flushCaptured() {
        List<Runnable> list = new ArrayList<>(captured);
        captured.clear();
        list.forEach(Runnable::run);
    }

    private void emit(Runnable r) {
        if (capture != null) {
            capture.add(r);
        } else {
            r.run();
        }
    }

    /** Runs what listeners could not do inside a venue call (cancelling an OCO sibling). */
    void afterVenue() {
        while (!cancelAfter.isEmpty()) {
            BfxOrder b = cancelAfter.remove(0);
            if (!b.done) {
                sim.venue.cancel(b.venueCid);
            }
        }
    }

    @Override
    public void onOrder(Order o) {
        if (!listening) {
            return;
        }
        BfxOrder b = byVenueCid.get(o.clientOrderId());
        if (b == null || !o.clientOrderId().equals(b.venueCid)) {
            return; // unknown, or the replaced leg of an amended order
        }
        b.last = o;
        OrderStatus s = o.status();
        if (s == OrderStatus.PENDING_NEW || s == OrderStatus.PENDING_CANCEL) {
            return;
        }
        String kind;
        if (s == OrderStatus.OPEN || s == OrderStatus.PARTIALLY_FILLED) {
            kind = !b.announced ? "on" : "ou";
            if (s == OrderStatus.OPEN && b.announced && !b.amended) {
                return;
            }
            b.amended = false;
            b.announced = true;
        } else {
            if (s == OrderStatus.REJECTED && !o.reason().contains("post-only")) {
                return; // refused before it existed: the notification said so
            }
            kind = "oc";
            b.done = true;
        }
        if ((s == OrderStatus.PARTIALLY_FILLED || s == OrderStatus.FILLED) && b.ocoSibling != null
                && !b.ocoSibling.done) {
            cancelAfter.add(b.ocoSibling);
        }
        String array = orderArray(b, o, status(b, o));
        emit(() -> account(kind, array));
    }

    @Override
    public void onFill(Fill f) {
        if (!listening) {
            return;
        }
        BfxOrder b = byVenueCid.get(f.clientOrderId());
        if (b == null) {
            return;
        }
        BigDecimal amount = f.side() == Side.BUY ? f.quantity() : f.quantity().negate();
        long id = ++nextTradeId;
        String head = "[" + id + ",\"" + b.market.symbol + "\"," + f.time().toEpochMilli() + "," + b.id + ","
                + BitfinexWire.number(amount) + "," + BitfinexWire.number(f.price()) + ",\"" + b.type + "\","
                + BitfinexWire.number(b.price.signum() == 0 ? f.price() : b.price) + "," + (f.maker() ? 1 : -1) + ",";
        String te = head + "null,null," + b.cid + "]";
        String tu = head + BitfinexWire.number(f.fee().negate()) + ",\"" + f.feeCurrency() + "\"," + b.cid + "]";
        trades.add(new RecordedTrade(new BitfinexSimulator.OwnTrade(id, b.market.symbol, f.time().toEpochMilli(), b.id,
                amount, f.price(), f.maker(), f.fee().negate(), f.feeCurrency(), b.cid), te, tu));
        emit(() -> {
            account("te", te);
            account("tu", tu);
        });
    }

    @Override
    public void onBalance(Balance balance) {
        if (!listening) {
            return;
        }
        String array = walletArray(balance);
        emit(() -> account("wu", array));
    }

    @Override
    public void onPosition(Position p) {
        if (!listening) {
            return;
        }
        Position before = positions.put(p.instrument(), p);
        String kind = p.side() == PositionSide.FLAT ? "pc"
                : before == null || before.side() == PositionSide.FLAT ? "pn" : "pu";
        MarketMirror m = sim.byInstrument.get(p.instrument());
        if (m == null) {
            return;
        }
        String array = positionArray(m, p);
        emit(() -> account(kind, array));
    }

    private void account(String kind, String array) {
        if (muted) {
            return;
        }
        for (BitfinexConnection c : sim.connections) {
            if (c.authenticated) {
                c.data(0, "0,\"" + kind + "\"," + array);
            }
        }
    }

    // ---------------------------------------------------------------- arrays

    private void notifyRequest(Reply c, String type, BfxOrder b, JsonObject p, String status, String text) {
        // An order refused before it got an id: echo what was asked.
        String symbol = BitfinexSimulator.str(p, "symbol");
        String amount = p.has("amount") ? BitfinexSimulator.str(p, "amount") : "0";
        String array = "[null," + (p.has("gid") ? p.get("gid") : "null") + "," + (p.has("cid") ? p.get("cid") : "null")
                + "," + BitfinexWire.string(symbol) + "," + sim.epochMillis() + "," + sim.epochMillis() + ","
                + safeNumber(amount) + "," + safeNumber(amount) + "," + BitfinexWire.string(BitfinexSimulator.str(p, "type"))
                + ",null,null,null," + (p.has("flags") ? p.get("flags").getAsInt() : 0) + ",null,null,null,"
                + safeNumber(p.has("price") ? BitfinexSimulator.str(p, "price") : "0")
                + ",0,0,0,null,null,null,0,0,null,null,null,\"API>BFX\",null,null,null]";
        send(c, type, array, status, text);
    }

    private static String safeNumber(String text) {
        try {
            return BitfinexWire.number(new BigDecimal(text));
        } catch (RuntimeException e) {
            return "0";
        }
    }

    private void notify(Reply c, String type, BfxOrder b, Order o, String status, String text) {
        String info = b == null ? "null" : orderArray(b, o, o == null ? "ACTIVE" : status(b, o));
        send(c, type, info, status, text);
    }

    private void send(Reply c, String type, String info, String status, String text) {
        c.notification(type, info, status, "[" + sim.epochMillis() + ",\"" + type + "\",null,null,"
                + (c.wrapsOrders() && type.equals("on-req") && !info.equals("null") ? "[" + info + "]" : info)
                + ",null,\"" + status + "\"," + BitfinexWire.string(text) + "]", text);
    }

    /**
     * Where the answer to an order request goes: the socket's notification {@code [0,"n",[...]]},
     * or the REST answer (the notification as body; a refusal as HTTP 500
     * {@code ["error",10001,TEXT]}, as Bitfinex answers {@code /v2/auth/w/order/*}).
     */
    interface Reply {
        void notification(String type, String info, String status, String array, String text);

        /** REST submit answers with an array of orders as DATA. */
        default boolean wrapsOrders() {
            return false;
        }
    }

    /** Answers on a socket. */
    static Reply socket(BitfinexConnection c) {
        return (type, info, status, array, text) -> c.data(0, "0,\"n\"," + array);
    }

    /** Collects the REST answer. */
    static final class RestReply implements Reply {
        int status = 200;
        String body = "";

        @Override
        public void notification(String type, String info, String st, String array, String text) {
            if (st.equals("ERROR") || st.equals("FAILURE")) {
                status = 500;
                body = "[\"error\",10001," + BitfinexWire.string(text) + "]";
            } else {
                body = array;
            }
        }

        @Override
        public boolean wrapsOrders() {
            return true;
        }
    }

    /**
     * {@code POST /v2/auth/w/order/submit}, {@code /cancel}, {@code /update}: the same JSON object
     * as the socket's {@code on}, {@code oc}, {@code ou}; the answer is the notification.
     *
     * @param op {@code submit}, {@code cancel} or {@code update}
     * @param body the request body
     * @return HTTP status and body
     */
    RestReply restOrder(String op, String body) {
        RestReply r = new RestReply();
        JsonObject p;
        try {
            p = com.google.gson.JsonParser.parseString(body.isBlank() ? "{}" : body).getAsJsonObject();
        } catch (RuntimeException e) {
            r.status = 500;
            r.body = "[\"error\",10020,\"body: invalid\"]";
            return r;
        }
        switch (op) {
            case "submit" -> newOrder(r, p);
            case "cancel" -> cancel(r, p);
            case "update" -> update(r, p);
            default -> {
                r.status = 404;
                r.body = "[\"error\",10020,\"unknown endpoint\"]";
                return r;
            }
        }
        afterVenue();
        sim.flush();
        return r;
    }

    private String orderArray(BfxOrder b, Order o, String status) {
        BigDecimal sign = BigDecimal.valueOf(b.amountOrig.signum());
        BigDecimal remaining = o == null ? b.amountOrig
                : o.status() == OrderStatus.FILLED ? BigDecimal.ZERO : o.remainingQuantity().multiply(sign);
        long updated = o == null ? b.mtsCreate : o.updated().toEpochMilli();
        BigDecimal avg = o == null || o.averagePrice() == null ? BigDecimal.ZERO : o.averagePrice();
        // A market order has no price of its own: Bitfinex reports its execution price there.
        BigDecimal price = b.price.signum() == 0 ? avg : b.price;
        return "[" + b.id + "," + (b.gid == null ? "null" : b.gid) + "," + b.cid + ",\"" + b.market.symbol + "\","
                + b.mtsCreate + "," + updated + "," + BitfinexWire.number(remaining) + ","
                + BitfinexWire.number(b.amountOrig) + ",\"" + b.type + "\",null,null,null," + b.flags + ","
                + BitfinexWire.string(status) + ",null,null," + BitfinexWire.number(price) + ","
                + BitfinexWire.number(avg) + ",0," + BitfinexWire.number(b.priceAux) + ",null,null,null,0,"
                + ((b.flags & HIDDEN) != 0 ? 1 : 0) + ",null,null,null,\"API>BFX\",null,null,null]";
    }

    private static String status(BfxOrder b, Order o) {
        BigDecimal sign = BigDecimal.valueOf(b.amountOrig.signum());
        String fill = o.averagePrice() == null ? ""
                : " @ " + BitfinexWire.number(o.averagePrice()) + "(" + BitfinexWire.number(o.filledQuantity()
                        .multiply(sign)) + ")";
        return switch (o.status()) {
            case OPEN, PENDING_NEW, PENDING_CANCEL, UNKNOWN_AFTER_DISCONNECT -> "ACTIVE";
            case PARTIALLY_FILLED -> "PARTIALLY FILLED" + fill;
            case FILLED -> "EXECUTED" + fill;
            case REJECTED -> "POSTONLY CANCELED";
            case CANCELLED -> {
                String head = o.request().timeInForce() == TimeInForce.FOK ? "FILLORKILL CANCELED"
                        : o.request().timeInForce() == TimeInForce.IOC && o.request().type() == OrderType.LIMIT
                                ? "IOC CANCELED" : "CANCELED";
                yield o.filledQuantity().signum() > 0 ? head + " was: PARTIALLY FILLED" + fill : head;
            }
        };
    }

    private String describe(BfxOrder b) {
        String side = b.amountOrig.signum() > 0 ? "buy" : "sell";
        return b.type.toLowerCase(java.util.Locale.ROOT) + " " + side + " order for "
                + BitfinexWire.number(b.amountOrig.abs()) + " " + b.market.instrument.id().base();
    }

    private static String rejection(Order o, BfxOrder b) {
        String reason = o.reason();
        if (reason.contains("insufficient balance")) {
            String where = b.market.instrument.kind() == org.tradebench.api.instrument.InstrumentKind.SPOT
                    ? "exchange" : "tradable";
            BigDecimal at = b.price.signum() > 0 ? b.price
                    : b.market.ticker == null ? BigDecimal.ZERO : b.market.ticker.last();
            return "not enough " + where + " balance for " + BitfinexWire.number(b.amountOrig) + " " + b.market.pair
                    + " at " + BitfinexWire.number(at);
        }
        return reason;
    }

    private static String walletArray(Balance balance) {
        // The venue's wallets are named as Bitfinex names its own: "exchange" (spot) and "margin"
        // (derivatives). Bitfinex margins its perpetuals (tBTCF0:USTF0) in USTF0 in the margin
        // wallet; the venue's margin currency is USD.
        String currency = balance.wallet().equals(Balance.MARGIN) && balance.currency().equals("USD") ? "USTF0"
                : balance.currency();
        return "[\"" + balance.wallet() + "\",\"" + currency + "\"," + BitfinexWire.number(balance.total()) + ",0,"
                + BitfinexWire.number(balance.available()) + ",null,null]";
    }

    private String positionArray(MarketMirror m, Position p) {
        BigDecimal entry = p.entryPrice() == null ? BigDecimal.ZERO : p.entryPrice();
        BigDecimal notional = entry.multiply(p.quantity());
        BigDecimal pct = notional.signum() == 0 ? BigDecimal.ZERO
                : p.unrealizedPnl().multiply(BigDecimal.valueOf(100)).divide(notional, 4, RoundingMode.HALF_EVEN);
        long mts = p.time().toEpochMilli();
        return "[\"" + m.symbol + "\",\"" + (p.side() == PositionSide.FLAT ? "CLOSED" : "ACTIVE") + "\","
                + BitfinexWire.number(p.signedQuantity()) + "," + BitfinexWire.number(entry) + ",0,0,"
                + BitfinexWire.number(p.unrealizedPnl()) + "," + BitfinexWire.number(pct) + ","
                + (p.liquidationPrice() == null ? "null" : BitfinexWire.number(p.liquidationPrice())) + ","
                + BitfinexWire.number(p.leverage()) + ",null," + (140_000_000L + m.index) + "," + mts + "," + mts
                + ",null,0,null,0,0,null]";
    }

    // ---------------------------------------------------------------- snapshots (WS and REST)

    /**
     * Active orders, as {@code POST /v2/auth/r/orders[/SYM]} answers.
     *
     * @param symbol only this symbol, or null for all
     * @param body {@code {"id":[..]}} limits the answer to those ids; {@code {"cid":N,"cid_date":D}}
     *        to that order
     */
    String ordersJson(String symbol, String body) {
        Filter f = Filter.parse(body);
        StringBuilder b = new StringBuilder("[");
        for (Order o : sim.venue.openOrders()) {
            BfxOrder bfx = byVenueCid.get(o.clientOrderId());
            if (bfx == null || !o.clientOrderId().equals(bfx.venueCid)
                    || (symbol != null && !symbol.equals(bfx.market.symbol)) || !f.matches(bfx)) {
                continue;
            }
            b.append(b.length() == 1 ? "" : ",").append(orderArray(bfx, o, status(bfx, o)));
        }
        return b.append(']').toString();
    }

    /** The body of an orders query: ids, cid and cid_date, start, end, limit, sort. */
    private record Filter(Set<Long> ids, Long cid, String cidDate, long start, long end, int limit, boolean ascending) {

        static Filter parse(String body) {
            Set<Long> ids = new java.util.HashSet<>();
            Long cid = null;
            String cidDate = null;
            long start = Long.MIN_VALUE;
            long end = Long.MAX_VALUE;
            int limit = 25;
            boolean ascending = false;
            try {
                JsonObject o = com.google.gson.JsonParser.parseString(body == null || body.isBlank() ? "{}" : body)
                        .getAsJsonObject();
                JsonElement id = o.get("id");
                if (id != null && id.isJsonArray()) {
                    id.getAsJsonArray().forEach(e -> ids.add(e.getAsLong()));
                }
                cid = o.has("cid") && !o.get("cid").isJsonNull() ? o.get("cid").getAsLong() : null;
                cidDate = o.has("cid_date") && !o.get("cid_date").isJsonNull() ? o.get("cid_date").getAsString() : null;
                start = o.has("start") && !o.get("start").isJsonNull() ? o.get("start").getAsLong() : start;
                end = o.has("end") && !o.get("end").isJsonNull() ? o.get("end").getAsLong() : end;
                limit = o.has("limit") && !o.get("limit").isJsonNull() ? o.get("limit").getAsInt() : limit;
                ascending = o.has("sort") && !o.get("sort").isJsonNull() && o.get("sort").getAsInt() == 1;
            } catch (RuntimeException e) {
                // an unreadable body: no filter
            }
            return new Filter(ids, cid, cidDate, start, end, Math.max(1, Math.min(2500, limit)), ascending);
        }

        boolean matches(BfxOrder b) {
            return (ids.isEmpty() || ids.contains(b.id)) && (cid == null || cid == b.cid)
                    && (cidDate == null || cidDate.equals(b.cidDate));
        }
    }

    /**
     * Closed orders, as {@code POST /v2/auth/r/orders[/SYM]/hist} answers: what a client
     * reconciling after a disconnect looks up for orders that are no longer open. Newest first
     * (by update time) unless {@code sort} is 1; {@code start}/{@code end} (ms, inclusive) bound the
     * update time; {@code limit} (default 25, at most 2,500) the count; {@code id} the orders.
     *
     * @param symbol only this symbol, or null for all
     * @param body the request body
     */
    String ordersHistJson(String symbol, String body) {
        Filter f = Filter.parse(body);
        List<BfxOrder> match = new ArrayList<>();
        for (BfxOrder o : byId.values()) {
            if (!o.done || o.last == null || (symbol != null && !symbol.equals(o.market.symbol)) || !f.matches(o)) {
                continue;
            }
            long updated = o.last.updated().toEpochMilli();
            if (updated >= f.start() && updated <= f.end()) {
                match.add(o);
            }
        }
        java.util.Comparator<BfxOrder> byUpdate = java.util.Comparator
                .comparingLong((BfxOrder o) -> o.last.updated().toEpochMilli()).thenComparingLong(o -> o.id);
        match.sort(f.ascending() ? byUpdate : byUpdate.reversed());
        int limit = Math.min(f.ids().isEmpty() ? f.limit() : Math.max(f.limit(), f.ids().size()), sim.historyPageCap);
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < match.size() && i < limit; i++) {
            BfxOrder o = match.get(i);
            b.append(i == 0 ? "" : ",").append(orderArray(o, o.last, status(o, o.last)));
        }
        return b.append(']').toString();
    }

    List<Long> activeCids() {
        List<Long> out = new ArrayList<>();
        for (BfxOrder b : byId.values()) {
            if (!b.done && b.last != null && !b.last.status().isFinal()) {
                out.add(b.cid);
            }
        }
        return out;
    }

    /** The own trades so far, oldest first. */
    List<BitfinexSimulator.OwnTrade> ownTrades() {
        return trades.stream().map(RecordedTrade::trade).toList();
    }

    /** Sends {@code te} and {@code tu} of every own trade again to every authenticated connection. */
    void resendOwnTrades() {
        for (RecordedTrade t : trades) {
            account("te", t.te());
            account("tu", t.tu());
        }
    }

    /**
     * Own trades as {@code POST /v2/auth/r/trades[/SYM]/hist} answers: rows
     * {@code [ID,SYMBOL,MTS,ORDER_ID,EXEC_AMOUNT,EXEC_PRICE,ORDER_TYPE,ORDER_PRICE,MAKER,FEE,FEE_CURRENCY,CID]}
     * (the {@code tu} array), newest first unless {@code sort} is 1.
     *
     * @param symbol only this symbol, or null for all
     * @param body the request body: {@code start}, {@code end} (epoch ms, inclusive), {@code limit}
     *        (default 25, at most 2500), {@code sort}
     * @return the JSON array, or null when the body is not valid
     */
    String ownTradesHistJson(String symbol, String body) {
        long start = 0;
        long end = Long.MAX_VALUE;
        int limit = 25;
        boolean ascending = false;
        try {
            JsonObject o = com.google.gson.JsonParser.parseString(body.isBlank() ? "{}" : body).getAsJsonObject();
            start = o.has("start") && !o.get("start").isJsonNull() ? o.get("start").getAsLong() : start;
            end = o.has("end") && !o.get("end").isJsonNull() ? o.get("end").getAsLong() : end;
            limit = o.has("limit") && !o.get("limit").isJsonNull() ? o.get("limit").getAsInt() : limit;
            ascending = o.has("sort") && !o.get("sort").isJsonNull() && o.get("sort").getAsInt() == 1;
        } catch (RuntimeException e) {
            return null;
        }
        limit = Math.max(1, Math.min(Math.min(2500, sim.historyPageCap), limit));
        List<RecordedTrade> match = new ArrayList<>();
        for (RecordedTrade t : trades) {
            BitfinexSimulator.OwnTrade x = t.trade();
            if ((symbol == null || symbol.equals(x.symbol())) && x.mts() >= start && x.mts() <= end) {
                match.add(t);
            }
        }
        if (!ascending) {
            java.util.Collections.reverse(match);
        }
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < match.size() && i < limit; i++) {
            b.append(i == 0 ? "" : ",").append(match.get(i).tu());
        }
        return b.append(']').toString();
    }

    String positionsJson() {
        StringBuilder b = new StringBuilder("[");
        for (Position p : sim.venue.positions()) {
            MarketMirror m = sim.byInstrument.get(p.instrument());
            if (m != null && p.side() != PositionSide.FLAT) {
                b.append(b.length() == 1 ? "" : ",").append(positionArray(m, p));
            }
        }
        return b.append(']').toString();
    }

    String walletsJson() {
        StringBuilder b = new StringBuilder("[");
        for (Balance balance : sim.venue.balances()) {
            b.append(b.length() == 1 ? "" : ",").append(walletArray(balance));
        }
        return b.append(']').toString();
    }
}
