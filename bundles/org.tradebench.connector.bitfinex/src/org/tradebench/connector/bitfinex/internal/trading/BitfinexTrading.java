package org.tradebench.connector.bitfinex.internal.trading;

import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import org.tradebench.api.Capability;
import org.tradebench.api.Subscription;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.market.Side;
import org.tradebench.api.risk.MarketContext;
import org.tradebench.api.risk.RiskLimits;
import org.tradebench.api.risk.RiskVerdict;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderFlag;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.connector.bitfinex.BitfinexConfig;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.BitfinexInstruments;
import org.tradebench.connector.bitfinex.internal.ConnectorThread;
import org.tradebench.connector.bitfinex.internal.HealthModel;
import org.tradebench.connector.bitfinex.internal.StreamHandle;
import org.tradebench.connector.bitfinex.internal.market.BitfinexMarketData;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexAuth;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexAuthReply;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChange;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexCredentials;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexFlags;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexNonceSource;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexNotification;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOwnTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexPosition;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexProtocolException;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTradeEvent;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexTrailer;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexWallet;
import org.tradebench.connector.bitfinex.internal.rest.BitfinexRest;
import org.tradebench.connector.bitfinex.internal.rest.RestPayloads;
import org.tradebench.connector.bitfinex.internal.session.BitfinexSocket;
import org.tradebench.core.risk.StandardRiskCheck;
import org.tradebench.transport.HttpResult;
import org.tradebench.transport.JettyTransport;
import org.tradebench.transport.PingMode;
import org.tradebench.transport.RateLimiter;
import org.tradebench.transport.ReconnectPolicy;
import org.tradebench.transport.WebSocketDisconnect;
import org.tradebench.transport.WebSocketOptions;

/**
 * Trading on Bitfinex over the authenticated socket.
 *
 * <ul>
 * <li>Authentication: HMAC-SHA384 with a strictly increasing nonce (shared with signed REST calls),
 * optionally with the dead-man switch ({@code dms:4}: the exchange cancels every order when this
 * socket drops). After every (re)authentication, open orders, positions and wallets are fetched
 * over REST ({@code /v2/auth/r/orders}, {@code /positions}, {@code /wallets}); orders that were
 * live before the loss and are no longer open are looked up in {@code /v2/auth/r/orders/hist}, so
 * a fill or cancel that happened while disconnected is emitted. Before the orders, the own trades
 * since the loss are fetched from {@code /v2/auth/r/trades/hist} ({@link OwnTradeRecovery}): each
 * trade not emitted before becomes a fill, oldest first, ahead of the order update it led to (the
 * socket's order and trade messages wait meanwhile). Meanwhile such orders are
 * {@link OrderStatus#UNKNOWN_AFTER_DISCONNECT}.</li>
 * <li>Orders: every request passes {@link StandardRiskCheck} with {@link RiskLimits#DEFAULTS}
 * against the latest ticker/book (a REST ticker when nothing is subscribed); a refusal completes
 * REJECTED with the reasons. During maintenance (info 20060) orders are REJECTED with
 * "Bitfinex is in maintenance". Limit, market, stop and stop-limit map to {@code EXCHANGE LIMIT},
 * {@code EXCHANGE MARKET}, {@code EXCHANGE STOP} and {@code EXCHANGE STOP LIMIT} (derivatives
 * without {@code EXCHANGE}), IOC/FOK limits to {@code EXCHANGE IOC}/{@code FOK}, flags to HIDDEN
 * 64, REDUCE_ONLY 1024, POSTONLY 4096. An attached take-profit and stop-loss are sent once the
 * entry has filled, as one OCO exit order (limit at the take-profit, stop at the stop-loss, flag
 * 16384). The API's client order id maps to a numeric Bitfinex {@code cid} with its
 * {@code cid_date}.</li>
 * <li>Streams: {@code os/on/ou/oc} → orders whose status follows
 * {@link OrderStatus#canBecome}, {@code te/tu} → fills (once per trade id, on {@code tu}, which
 * carries the fee; the last 10 000 ids are remembered), {@code ws/wu} → balances, {@code ps/pn/pu/pc} → positions, {@code n} → an order
 * refused by the exchange is REJECTED with Bitfinex's text.</li>
 * </ul>
 *
 * <p>Public methods may be called from any thread; futures complete on the connector thread.
 */
public final class BitfinexTrading implements TradingAccount {

    /** What trading adds to the connector's capabilities. */
    public static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.TRADING,
            Capability.ORDER_LIMIT, Capability.ORDER_MARKET, Capability.ORDER_STOP, Capability.ORDER_STOP_LIMIT,
            Capability.ORDER_ATTACHED_TP_SL, Capability.ORDER_POST_ONLY, Capability.ORDER_REDUCE_ONLY,
            Capability.ORDER_HIDDEN, Capability.ORDER_IOC_FOK, Capability.BALANCES, Capability.POSITIONS,
            Capability.FILLS));

    private static final System.Logger LOG = System.getLogger(BitfinexTrading.class.getName());
    private static final String MAINTENANCE = "Bitfinex is in maintenance; order entry is paused";

    private final BitfinexConfig config;
    private final ConnectorThread thread;
    private final HealthModel health;
    private final BitfinexRest rest;
    private final BitfinexMarketData marketData;
    private final BitfinexCredentials credentials;
    private final BitfinexNonceSource nonces;
    private final BitfinexSocket socket;
    private final RestPayloads payloads = new RestPayloads();
    private final StandardRiskCheck risk = new StandardRiskCheck();

    // Connector thread.
    private final Map<String, TrackedOrder> orders = new LinkedHashMap<>();
    private final Map<Long, TrackedOrder> byCid = new HashMap<>();
    private final Map<Long, TrackedOrder> byId = new HashMap<>();
    private final Map<String, Balance> balanceMap = new LinkedHashMap<>();
    private final Map<InstrumentId, Position> positionMap = new LinkedHashMap<>();
    private final OwnTradeRecovery.RecentIds fills = new OwnTradeRecovery.RecentIds(OwnTradeRecovery.REMEMBERED);
    /** Account messages held while the own trades missed are fetched, so fills precede order updates. */
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    private boolean recoveringTrades;
    /** MTS of the last own trade seen ({@code te}/{@code tu}/history), 0 before the first. */
    private long lastOwnTradeMts;
    /** Bitfinex's timestamp of the last account frame (TIMESTAMP flag), 0 before the first. */
    private long lastExchangeMts;
    /** Local epoch ms of the loss (or sequence gap) whose own trades are still to fetch, 0 when none. */
    private long tradesMissedSince;
    /** {@link #lastExchangeMts} at that loss. */
    private long tradesMissedSinceExchange;
    private final List<StreamHandle<TradingListener>> listeners = new ArrayList<>();
    private final ArrayDeque<PendingCancelAll> cancelAlls = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<Order>> amends = new ArrayDeque<>();
    private boolean authenticated;
    private String authProblem = "not connected yet";
    private long lastCid;
    private ScheduledFuture<?> watchdog;
    private boolean closed;

    // Published for other threads.
    private volatile List<Order> openOrders = List.of();
    private volatile List<Balance> balances = List.of();
    private volatile List<Position> positions = List.of();

    private record PendingCancelAll(CompletableFuture<Integer> future, int count) {
    }

    /**
     * Creates the service; {@link #start()} connects.
     *
     * @param config endpoints, timings, dead-man switch
     * @param transport the Jetty clients
     * @param thread the connector thread
     * @param health the health model (maintenance, errors)
     * @param rest the REST client (signed calls)
     * @param marketData for the risk check's market context
     * @param credentials key and secret
     * @param nonces the nonce source shared with REST
     */
    public BitfinexTrading(BitfinexConfig config, JettyTransport transport, ConnectorThread thread, HealthModel health,
            BitfinexRest rest, BitfinexMarketData marketData, BitfinexCredentials credentials,
            BitfinexNonceSource nonces) {
        this.config = Objects.requireNonNull(config, "config");
        this.thread = Objects.requireNonNull(thread, "thread");
        this.health = Objects.requireNonNull(health, "health");
        this.rest = Objects.requireNonNull(rest, "rest");
        this.marketData = Objects.requireNonNull(marketData, "marketData");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        WebSocketOptions options = WebSocketOptions.of(config.wsAuth())
                .withReconnect(new ReconnectPolicy(config.reconnect(), config.reconnectMax(), 2.0, 0.2), System.nanoTime())
                // Bitfinex: 5 authenticated connections per 15 s.
                .withConnectLimiter(RateLimiter.of("Bitfinex authenticated connections", 5, Duration.ofSeconds(15)))
                .withPing(PingMode.APPLICATION, config.pingInterval());
        this.socket = new BitfinexSocket("bitfinex account", transport, options, thread, health, new Sink(), new Owner());
    }

    /** Connects and authenticates. */
    public void start() {
        socket.start();
        thread.execute(() -> watchdog = thread.every(config.staleAfter(), this::checkSilence));
    }

    /** Closes the socket. */
    public void close() {
        thread.execute(() -> {
            closed = true;
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        });
        socket.close();
        credentials.destroy();
    }

    /** Whether the account socket is authenticated now. Any thread. */
    public boolean isAuthenticated() {
        return thread.call(() -> authenticated);
    }

    /** The account socket (tests). */
    public BitfinexSocket socket() {
        return socket;
    }

    // ---------------------------------------------------------------- TradingAccount

    @Override
    public CompletionStage<Order> place(OrderRequest request) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<Order> result = new CompletableFuture<>();
        thread.execute(() -> place(request, result));
        return result;
    }

    @Override
    public CompletionStage<Order> cancel(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        CompletableFuture<Order> result = new CompletableFuture<>();
        thread.execute(() -> cancel(clientOrderId, result));
        return result;
    }

    @Override
    public CompletionStage<Integer> cancelAll(Optional<InstrumentId> instrument) {
        Objects.requireNonNull(instrument, "instrument");
        CompletableFuture<Integer> result = new CompletableFuture<>();
        thread.execute(() -> cancelAll(instrument, result));
        return result;
    }

    /**
     * Changes the price and quantity of a working order ({@code ou}). Not part of the API, which
     * has no amend: here for when it gets one.
     *
     * @param clientOrderId the order
     * @param quantity the new total quantity
     * @param price the new limit (or stop) price
     * @return completes with the order once Bitfinex answered the request
     */
    public CompletionStage<Order> amend(String clientOrderId, BigDecimal quantity, BigDecimal price) {
        CompletableFuture<Order> result = new CompletableFuture<>();
        thread.execute(() -> {
            TrackedOrder t = orders.get(clientOrderId);
            if (t == null || t.id == 0 || !t.order.status().isWorking() || !authenticated) {
                result.completeExceptionally(new IllegalStateException("order " + clientOrderId
                        + " cannot be amended now"));
                return;
            }
            BigDecimal amount = t.order.side() == Side.BUY ? quantity : quantity.negate();
            String payload = "{\"id\":" + t.id + ",\"amount\":\"" + amount.toPlainString() + "\",\"price\":\""
                    + price.toPlainString() + "\"}";
            amends.add(result);
            socket.send(BitfinexAdapters.input("ou", payload));
        });
        return result;
    }

    @Override
    public List<Order> openOrders() {
        return openOrders;
    }

    @Override
    public List<Balance> balances() {
        return balances;
    }

    @Override
    public List<Position> positions() {
        return positions;
    }

    @Override
    public Subscription subscribe(TradingListener listener) {
        Objects.requireNonNull(listener, "listener");
        StreamHandle<TradingListener> h = new StreamHandle<>(listener, "account");
        h.onClose(() -> thread.execute(() -> listeners.remove(h)));
        thread.execute(() -> {
            if (!h.isActive()) {
                return;
            }
            listeners.add(h);
            h.state(authenticated ? DataState.LIVE : DataState.PENDING);
            for (TrackedOrder t : orders.values()) {
                if (t.isLive()) {
                    Order o = t.order;
                    h.deliver(l -> l.onOrder(o));
                }
            }
            for (Balance b : balanceMap.values()) {
                h.deliver(l -> l.onBalance(b));
            }
            for (Position p : positionMap.values()) {
                h.deliver(l -> l.onPosition(p));
            }
        });
        return h;
    }

    // ---------------------------------------------------------------- placing

    private void place(OrderRequest request, CompletableFuture<Order> result) {
        TrackedOrder existing = orders.get(request.clientOrderId());
        if (existing != null) {
            if (existing.placed != null && !existing.placed.isDone()) {
                existing.placed.whenComplete((o, e) -> result.complete(existing.order));
            } else {
                result.complete(existing.order);
            }
            return;
        }
        Instant now = Instant.now();
        Optional<Instrument> instrument = BitfinexInstruments.bySymbol(request.instrument().symbol())
                .filter(i -> i.id().equals(request.instrument()));
        if (instrument.isEmpty()) {
            reject(request, "Bitfinex has no instrument " + request.instrument(), result, now);
            return;
        }
        Optional<String> unsupported = BitfinexAdapters.unsupported(request);
        if (unsupported.isPresent()) {
            reject(request, unsupported.get(), result, now);
            return;
        }
        if (health.inMaintenance()) {
            reject(request, MAINTENANCE, result, now);
            return;
        }
        if (!authenticated) {
            reject(request, "not connected to Bitfinex's trading socket (" + authProblem + "); order not sent", result,
                    now);
            return;
        }
        withMarket(instrument.get(), market -> {
            RiskVerdict verdict = risk.check(request, instrument.get(), market, RiskLimits.DEFAULTS);
            if (!verdict.accepted()) {
                reject(request, "refused by the pre-trade risk check: " + verdict.summary(), result, Instant.now());
                return;
            }
            if (health.inMaintenance()) {
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
        rest.get("ticker/" + instrument.rawSymbol(), false).thenAccept(r -> thread.execute(() -> {
            MarketContext market = known;
            if (r instanceof HttpResult.Success ok) {
                try {
                    Instant now = Instant.now();
                    market = BitfinexAdapters.ticker(instrument.id(), payloads.ticker(instrument.rawSymbol(), ok.body()),
                            now, now).map(t -> new MarketContext(t.bid(), t.ask(), t.last())).orElse(known);
                } catch (BitfinexProtocolException e) {
                    health.error();
                }
            }
            then.accept(market);
        }));
    }

    private TrackedOrder send(OrderRequest request, Instrument instrument, CompletableFuture<Order> result,
            int extraFlags, BigDecimal ocoStop) {
        Instant now = Instant.now();
        long cid = nextCid(now);
        Order pending = new Order("", request.clientOrderId(), request, OrderStatus.PENDING_NEW, BigDecimal.ZERO, null,
                "", now, now);
        TrackedOrder t = new TrackedOrder(request.clientOrderId(), instrument, cid, BitfinexAdapters.CID_DATE.format(now),
                pending);
        t.placed = result;
        orders.put(t.clientOrderId, t);
        byCid.put(cid, t);
        emit(pending);
        String message = BitfinexAdapters.input("on",
                BitfinexAdapters.newOrderPayload(request, instrument, cid, extraFlags, ocoStop));
        if (!socket.send(message)) {
            update(t, OrderStatus.REJECTED, BigDecimal.ZERO, null,
                    "the trading connection dropped before the order was sent", now);
        }
        return t;
    }

    private long nextCid(Instant now) {
        // Unique per day as Bitfinex requires, and below 2^45: milliseconds times ten plus a counter.
        lastCid = Math.max(lastCid + 1, now.toEpochMilli() * 10);
        return lastCid;
    }

    private void reject(OrderRequest request, String reason, CompletableFuture<Order> result, Instant now) {
        Order o = new Order("", request.clientOrderId(), request, OrderStatus.REJECTED, BigDecimal.ZERO, null, reason,
                now, now);
        LOG.log(Level.INFO, "Bitfinex order " + request.clientOrderId() + " rejected: " + reason);
        emit(o);
        if (result != null) {
            result.complete(o);
        }
    }

    // ---------------------------------------------------------------- cancelling

    private void cancel(String clientOrderId, CompletableFuture<Order> result) {
        TrackedOrder t = orders.get(clientOrderId);
        if (t == null) {
            result.completeExceptionally(new IllegalArgumentException("no Bitfinex order with client order id "
                    + clientOrderId));
            return;
        }
        if (t.order.status().isFinal()) {
            result.complete(withReason(t.order, "cannot cancel: the order is already " + t.order.status().wireName()));
            return;
        }
        if (!authenticated) {
            result.complete(withReason(t.order, "cannot cancel: not connected to Bitfinex's trading socket ("
                    + authProblem + ")"));
            return;
        }
        if (health.inMaintenance()) {
            result.complete(withReason(t.order, "cannot cancel: " + MAINTENANCE));
            return;
        }
        t.cancels.add(result);
        sendCancel(t);
    }

    private void sendCancel(TrackedOrder t) {
        if (t.order.status() != OrderStatus.PENDING_CANCEL) {
            t.beforeCancel = t.order.status();
            update(t, OrderStatus.PENDING_CANCEL, t.order.filledQuantity(), t.order.averagePrice(), "", Instant.now());
        }
        String payload = t.id != 0 ? "{\"id\":" + t.id + "}"
                : "{\"cid\":" + t.cid + ",\"cid_date\":\"" + t.cidDate + "\"}";
        socket.send(BitfinexAdapters.input("oc", payload));
    }

    private void cancelAll(Optional<InstrumentId> instrument, CompletableFuture<Integer> result) {
        if (!authenticated || health.inMaintenance()) {
            result.completeExceptionally(new IllegalStateException(health.inMaintenance() ? MAINTENANCE
                    : "not connected to Bitfinex's trading socket (" + authProblem + ")"));
            return;
        }
        List<TrackedOrder> targets = new ArrayList<>();
        for (TrackedOrder t : orders.values()) {
            if (t.order.status().isWorking() && instrument.map(i -> i.equals(t.order.instrument())).orElse(true)) {
                targets.add(t);
            }
        }
        if (targets.isEmpty()) {
            result.complete(0);
            return;
        }
        StringBuilder ids = new StringBuilder();
        for (TrackedOrder t : targets) {
            if (t.order.status() != OrderStatus.PENDING_CANCEL) {
                t.beforeCancel = t.order.status();
                update(t, OrderStatus.PENDING_CANCEL, t.order.filledQuantity(), t.order.averagePrice(), "", Instant.now());
            }
            if (t.id != 0) {
                ids.append(ids.isEmpty() ? "" : ",").append(t.id);
            }
        }
        cancelAlls.add(new PendingCancelAll(result, targets.size()));
        String payload = instrument.isEmpty() ? "{\"all\":1}" : "{\"id\":[" + ids + "]}";
        socket.send(BitfinexAdapters.input("oc_multi", payload));
    }

    private static Order withReason(Order o, String reason) {
        return new Order(o.id(), o.clientOrderId(), o.request(), o.status(), o.filledQuantity(), o.averagePrice(),
                reason, o.created(), o.updated());
    }

    // ---------------------------------------------------------------- order updates

    /** Applies an exchange order message. */
    private void onExchangeOrder(BitfinexChange change, BitfinexOrder o) {
        TrackedOrder t = track(o);
        if (t == null) {
            return;
        }
        Instant when = o.updated() > 0 ? Instant.ofEpochMilli(o.updated()) : Instant.now();
        OrderStatus next = BitfinexAdapters.orderStatus(change, o);
        if (change == BitfinexChange.UPDATE && next.isWorking()) {
            resize(t, o);
        }
        String reason = next.isFinal() ? BitfinexAdapters.closeReason(o.status()) : "";
        BigDecimal filled = BitfinexAdapters.filled(o);
        BigDecimal average = BitfinexAdapters.averagePrice(o);
        if (t.fillQuantity.compareTo(filled) > 0) {
            // The message is older than fills already emitted: the fills' totals are the truth.
            filled = t.fillQuantity;
            average = t.fillNotional.divide(t.fillQuantity, java.math.MathContext.DECIMAL64).stripTrailingZeros();
        }
        update(t, next, filled, average, reason, when);
    }

    /** Finds (or, for orders placed elsewhere, creates) the tracked order of an exchange order. */
    private TrackedOrder track(BitfinexOrder o) {
        TrackedOrder t = o.id() != 0 ? byId.get(o.id()) : null;
        if (t == null && o.clientOrderId() != null) {
            TrackedOrder c = byCid.get(o.clientOrderId());
            if (c != null && (c.id == 0 || c.id == o.id())) {
                t = c;
            } else if (c != null) {
                // A second exchange order under one cid: the stop leg of an OCO.
                t = foreign(o, c.clientOrderId + "-" + (o.id() % 100_000));
            }
        }
        if (t == null) {
            if (o.id() == 0) {
                return null;
            }
            t = foreign(o, "bfx-" + o.id());
        }
        if (t != null && t.id == 0 && o.id() != 0) {
            t.id = o.id();
            byId.put(o.id(), t);
        }
        return t;
    }

    private TrackedOrder foreign(BitfinexOrder o, String clientOrderId) {
        Optional<Instrument> instrument = BitfinexInstruments.byRaw(o.symbol());
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
        // Known from the exchange, so it starts OPEN (never PENDING_NEW) and update() moves it on.
        Order first = new Order(Long.toString(o.id()), id, request, OrderStatus.OPEN, BigDecimal.ZERO, null, "", created,
                created);
        TrackedOrder t = new TrackedOrder(id, instrument.get(), o.clientOrderId() == null ? 0 : o.clientOrderId(),
                BitfinexAdapters.CID_DATE.format(created), first);
        t.id = o.id();
        orders.put(id, t);
        byId.put(o.id(), t);
        emit(first);
        return t;
    }

    /** An {@code ou} may carry a new amount or price (an amendment). */
    private static void resize(TrackedOrder t, BitfinexOrder o) {
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
                        c.averagePrice(), c.reason(), c.created(), c.updated());
            }
        } catch (IllegalArgumentException e) {
            LOG.log(Level.DEBUG, "Bitfinex order " + t.clientOrderId + " changed in a way the API cannot show: " + e);
        }
    }

    /** Moves an order to a new state when the state machine allows it, and tells everyone. */
    private void update(TrackedOrder t, OrderStatus next, BigDecimal filled, BigDecimal average, String reason,
            Instant when) {
        Order cur = t.order;
        BigDecimal qty = cur.request().quantity();
        BigDecimal f = filled.min(qty);
        if (cur.status() == OrderStatus.PENDING_CANCEL && (next == OrderStatus.OPEN
                || (next == OrderStatus.PARTIALLY_FILLED && f.compareTo(cur.filledQuantity()) == 0))) {
            next = OrderStatus.PENDING_CANCEL; // still waiting for the cancel's answer
        }
        String id = t.id == 0 ? cur.id() : Long.toString(t.id);
        boolean same = cur.status() == next && f.compareTo(cur.filledQuantity()) == 0
                && Objects.equals(average, cur.averagePrice()) && id.equals(cur.id());
        if (!same) {
            if (!cur.status().canBecome(next)) {
                LOG.log(Level.DEBUG, "Bitfinex " + t + ": ignoring a move to " + next.wireName());
                return;
            }
            Order n = new Order(id, cur.clientOrderId(), cur.request(), next, f, average,
                    next.isFinal() && next != OrderStatus.FILLED ? reason : "", cur.created(), when);
            t.order = n;
            emit(n);
        }
        Order now = t.order;
        if (next != OrderStatus.PENDING_NEW && t.placed != null && !t.placed.isDone()
                && next != OrderStatus.PENDING_CANCEL) {
            t.placed.complete(now);
        }
        if (next.isFinal() || next == OrderStatus.UNKNOWN_AFTER_DISCONNECT) {
            for (CompletableFuture<Order> c : t.cancels) {
                c.complete(now);
            }
            t.cancels.clear();
        }
        if (next == OrderStatus.FILLED) {
            sendBracket(t);
        }
    }

    /** Sends the attached take-profit and stop-loss of a filled entry as one OCO exit order. */
    private void sendBracket(TrackedOrder t) {
        OrderRequest r = t.order.request();
        if (t.bracketSent || (r.takeProfit() == null && r.stopLoss() == null) || !authenticated) {
            return;
        }
        t.bracketSent = true;
        Side exit = r.side().opposite();
        BigDecimal qty = t.order.filledQuantity();
        String base = t.clientOrderId.length() > 33 ? t.clientOrderId.substring(0, 33) : t.clientOrderId;
        Set<OrderFlag> flags = t.instrument.kind() == InstrumentKind.SPOT ? Set.of() : Set.of(OrderFlag.REDUCE_ONLY);
        OrderRequest exitRequest;
        int extra = 0;
        BigDecimal ocoStop = null;
        if (r.takeProfit() != null) {
            exitRequest = new OrderRequest(base + "-tp", r.instrument(), exit, OrderType.LIMIT, qty, r.takeProfit(), null,
                    TimeInForce.GTC, flags, null, null);
            if (r.stopLoss() != null) {
                extra = BitfinexAdapters.FLAG_OCO;
                ocoStop = r.stopLoss();
            }
        } else {
            exitRequest = new OrderRequest(base + "-sl", r.instrument(), exit, OrderType.STOP, qty, null, r.stopLoss(),
                    TimeInForce.GTC, flags, null, null);
        }
        send(exitRequest, t.instrument, null, extra, ocoStop);
    }

    private void emit(Order o) {
        for (StreamHandle<TradingListener> h : List.copyOf(listeners)) {
            h.deliver(l -> l.onOrder(o));
        }
        publishOrders();
    }

    private void publishOrders() {
        List<Order> open = new ArrayList<>();
        for (TrackedOrder t : orders.values()) {
            if (t.isLive()) {
                open.add(t.order);
            }
        }
        openOrders = List.copyOf(open);
    }

    // ---------------------------------------------------------------- notifications

    private void onNotification(BitfinexNotification n) {
        switch (n.type()) {
            case "on-req" -> {
                TrackedOrder t = n.order() == null || n.order().clientOrderId() == null ? null
                        : byCid.get(n.order().clientOrderId());
                if (t == null) {
                    if (n.isFailure()) {
                        LOG.log(Level.WARNING, "Bitfinex refused an order the connector does not know: " + n.text());
                    }
                    return;
                }
                if (n.isFailure()) {
                    update(t, OrderStatus.REJECTED, BigDecimal.ZERO, null, "Bitfinex rejected the order: " + n.text(),
                            Instant.ofEpochMilli(n.time()));
                } else if (n.order().id() != 0 && t.id == 0) {
                    t.id = n.order().id();
                    byId.put(t.id, t);
                }
            }
            case "oc-req" -> {
                if (!n.isFailure()) {
                    return;
                }
                TrackedOrder t = n.order() == null ? null
                        : n.order().id() != 0 && byId.containsKey(n.order().id()) ? byId.get(n.order().id())
                                : n.order().clientOrderId() == null ? null : byCid.get(n.order().clientOrderId());
                if (t == null) {
                    // "Order not found." carries no order: fail the oldest cancel waiting.
                    t = orders.values().stream().filter(o -> !o.cancels.isEmpty()).findFirst().orElse(null);
                }
                if (t != null) {
                    refuseCancel(t, n.text());
                }
            }
            case "oc_multi-req" -> {
                PendingCancelAll p = cancelAlls.poll();
                if (p != null) {
                    if (n.isFailure()) {
                        p.future().completeExceptionally(new IllegalStateException("Bitfinex refused to cancel all: "
                                + n.text()));
                    } else {
                        p.future().complete(p.count());
                    }
                }
            }
            case "ou-req" -> {
                CompletableFuture<Order> f = amends.poll();
                if (f == null) {
                    return;
                }
                TrackedOrder t = n.order() == null ? null : byId.get(n.order().id());
                if (n.isFailure()) {
                    f.completeExceptionally(new IllegalStateException("Bitfinex refused the update: " + n.text()));
                } else if (t != null) {
                    onExchangeOrder(BitfinexChange.UPDATE, n.order());
                    f.complete(t.order);
                } else {
                    f.completeExceptionally(new IllegalStateException("Bitfinex answered for an unknown order"));
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
            update(t, t.beforeCancel, t.order.filledQuantity(), t.order.averagePrice(), "", Instant.now());
        }
        Order answer = withReason(t.order, "Bitfinex refused the cancel: " + text);
        for (CompletableFuture<Order> c : t.cancels) {
            c.complete(answer);
        }
        t.cancels.clear();
    }

    // ---------------------------------------------------------------- account

    private void onWallet(BitfinexWallet w) {
        Balance b = BitfinexAdapters.balance(w, Instant.now());
        Balance before = balanceMap.put(b.currency(), b);
        if (before == null || before.total().compareTo(b.total()) != 0
                || before.available().compareTo(b.available()) != 0) {
            for (StreamHandle<TradingListener> h : List.copyOf(listeners)) {
                h.deliver(l -> l.onBalance(b));
            }
        }
        balances = List.copyOf(balanceMap.values());
    }

    private void onPosition(BitfinexPosition p) {
        Optional<Instrument> instrument = BitfinexInstruments.byRaw(p.symbol());
        if (instrument.isEmpty()) {
            return;
        }
        Instant time = p.updated() != null ? Instant.ofEpochMilli(p.updated()) : Instant.now();
        Position pos = BitfinexAdapters.position(p, instrument.get().id(), time);
        Position before = pos.side() == PositionSide.FLAT ? positionMap.remove(pos.instrument())
                : positionMap.put(pos.instrument(), pos);
        if (before == null && pos.side() == PositionSide.FLAT) {
            return;
        }
        if (before == null || !before.equals(pos)) {
            for (StreamHandle<TradingListener> h : List.copyOf(listeners)) {
                h.deliver(l -> l.onPosition(pos));
            }
        }
        positions = List.copyOf(positionMap.values());
    }

    private void onPositionSnapshot(List<BitfinexPosition> list) {
        Set<InstrumentId> present = new HashSet<>();
        for (BitfinexPosition p : list) {
            onPosition(p);
            BitfinexInstruments.byRaw(p.symbol()).ifPresent(i -> present.add(i.id()));
        }
        for (Position gone : List.copyOf(positionMap.values())) {
            if (!present.contains(gone.instrument())) {
                positionMap.remove(gone.instrument());
                Position flat = new Position(gone.instrument(), PositionSide.FLAT, BigDecimal.ZERO, null, gone.markPrice(),
                        BigDecimal.ZERO, gone.realizedPnl(), gone.leverage(), null, Instant.now());
                for (StreamHandle<TradingListener> h : List.copyOf(listeners)) {
                    h.deliver(l -> l.onPosition(flat));
                }
            }
        }
        positions = List.copyOf(positionMap.values());
    }

    private void onOwnTrade(BitfinexTradeEvent event, BitfinexOwnTrade trade) {
        lastOwnTradeMts = Math.max(lastOwnTradeMts, trade.time());
        if (event != BitfinexTradeEvent.UPDATED || fills.contains(trade.id())) {
            return; // te comes first without the fee; tu repeats it with the fee; history may have had it
        }
        emitFill(trade);
    }

    /** Emits a trade as a fill (once per trade id) and adds it to its order's fill totals. */
    private void emitFill(BitfinexOwnTrade trade) {
        if (!fills.add(trade.id())) {
            return;
        }
        TrackedOrder t = byId.get(trade.orderId());
        if (t == null && trade.clientOrderId() != null) {
            t = byCid.get(trade.clientOrderId());
        }
        Optional<Instrument> instrument = t != null ? Optional.of(t.instrument) : BitfinexInstruments.byRaw(trade.symbol());
        if (instrument.isEmpty()) {
            return;
        }
        String clientOrderId = t != null ? t.clientOrderId : "bfx-" + trade.orderId();
        try {
            var fill = BitfinexAdapters.fill(trade, instrument.get().id(), clientOrderId);
            if (t != null) {
                t.fillQuantity = t.fillQuantity.add(fill.quantity());
                t.fillNotional = t.fillNotional.add(fill.quantity().multiply(fill.price()));
            }
            for (StreamHandle<TradingListener> h : List.copyOf(listeners)) {
                h.deliver(l -> l.onFill(fill));
            }
        } catch (IllegalArgumentException e) {
            health.error();
            LOG.log(Level.WARNING, "Bitfinex own trade " + trade.id() + " cannot be shown: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- connection

    private void authenticate() {
        String message = BitfinexAuth.authMessage(credentials, nonces.next(),
                config.deadManSwitch() ? BitfinexAuth.DEAD_MAN_SWITCH : 0);
        socket.send(message);
    }

    private void lost(String why) {
        boolean was = authenticated;
        authenticated = false;
        authProblem = why;
        for (StreamHandle<TradingListener> h : listeners) {
            h.state(DataState.RESYNCING);
        }
        if (!was) {
            return;
        }
        Instant now = Instant.now();
        markTradesMissed(now.toEpochMilli());
        for (TrackedOrder t : List.copyOf(orders.values())) {
            if (t.isLive() && t.order.status() != OrderStatus.UNKNOWN_AFTER_DISCONNECT) {
                update(t, OrderStatus.UNKNOWN_AFTER_DISCONNECT, t.order.filledQuantity(), t.order.averagePrice(), "",
                        now);
            }
        }
        while (!cancelAlls.isEmpty()) {
            cancelAlls.poll().future().completeExceptionally(new IllegalStateException(
                    "the trading connection dropped before Bitfinex answered; the orders' states follow after the reconnect"));
        }
        while (!amends.isEmpty()) {
            amends.poll().completeExceptionally(new IllegalStateException("the trading connection dropped"));
        }
    }

    /** Fetches open orders, positions and wallets over REST and settles every order left unknown. */
    private void reconcile() {
        rest.authPost("auth/r/wallets", "{}").thenAccept(r -> thread.execute(() -> {
            if (r instanceof HttpResult.Success ok) {
                decode(() -> payloads.wallets(ok.body()).forEach(this::onWallet));
            } else {
                LOG.log(Level.WARNING, "Bitfinex wallet reconciliation failed: " + ((HttpResult.Failure) r).describe());
            }
        }));
        rest.authPost("auth/r/positions", "{}").thenAccept(r -> thread.execute(() -> {
            if (r instanceof HttpResult.Success ok) {
                decode(() -> onPositionSnapshot(payloads.positions(ok.body())));
            } else {
                LOG.log(Level.WARNING, "Bitfinex position reconciliation failed: " + ((HttpResult.Failure) r).describe());
            }
        }));
        if (tradesMissedSince != 0) {
            recoverTrades(this::reconcileOrders);
        } else {
            reconcileOrders();
        }
    }

    /** Remembers that own trades may have been missed from now on (kept until they were fetched). */
    private void markTradesMissed(long nowMillis) {
        if (tradesMissedSince == 0) {
            tradesMissedSince = nowMillis;
            tradesMissedSinceExchange = lastExchangeMts;
        }
    }

    /**
     * Fetches the own trades since the loss ({@code /v2/auth/r/trades/hist}) and emits a fill for
     * each one not emitted before, oldest first; meanwhile order and trade messages of the socket
     * wait, so every fill precedes the order update it led to. Then runs {@code then}.
     */
    private void recoverTrades(Runnable then) {
        long start = OwnTradeRecovery.since(lastOwnTradeMts, tradesMissedSinceExchange, tradesMissedSince,
                OwnTradeRecovery.MARGIN);
        recoveringTrades = true;
        rest.authPost(OwnTradeRecovery.PATH, OwnTradeRecovery.requestBody(start, OwnTradeRecovery.LIMIT))
                .whenComplete((r, e) -> thread.execute(() -> {
                    try {
                        if (r instanceof HttpResult.Success ok) {
                            decode(() -> {
                                List<BitfinexOwnTrade> missed = OwnTradeRecovery.missing(
                                        RestPayloads.ownTrades(ok.body()), fills::contains);
                                for (BitfinexOwnTrade t : missed) {
                                    lastOwnTradeMts = Math.max(lastOwnTradeMts, t.time());
                                    emitFill(t);
                                }
                                if (!missed.isEmpty()) {
                                    LOG.log(Level.INFO, "Bitfinex: " + missed.size()
                                            + " own trade(s) executed while disconnected recovered from the trade history");
                                }
                                tradesMissedSince = 0;
                            });
                        } else {
                            LOG.log(Level.WARNING, "Bitfinex own trade history lookup failed: "
                                    + (r instanceof HttpResult.Failure f ? f.describe() : String.valueOf(e)));
                        }
                    } finally {
                        recoveringTrades = false;
                        while (!deferred.isEmpty() && !recoveringTrades) {
                            deferred.poll().run();
                        }
                        then.run();
                    }
                }));
    }

    /** Runs an account message now, or after the own trade recovery in progress. */
    private void inOrder(Runnable r) {
        if (recoveringTrades) {
            deferred.add(r);
        } else {
            r.run();
        }
    }

    /** Open orders from REST; orders no longer open are looked up in the history. */
    private void reconcileOrders() {
        rest.authPost("auth/r/orders", "{}").thenAccept(r -> thread.execute(() -> {
            if (!(r instanceof HttpResult.Success ok)) {
                LOG.log(Level.WARNING, "Bitfinex order reconciliation failed: " + ((HttpResult.Failure) r).describe());
                return;
            }
            Set<Long> open = new HashSet<>();
            decode(() -> {
                for (BitfinexOrder o : payloads.orders(ok.body())) {
                    open.add(o.id());
                    onExchangeOrder(BitfinexChange.UPDATE, o);
                }
            });
            settleClosed(open);
        }));
    }

    /** Orders live before the loss and no longer open: their end is in the order history. */
    private void settleClosed(Set<Long> open) {
        List<TrackedOrder> missing = new ArrayList<>();
        for (TrackedOrder t : orders.values()) {
            if (t.order.status() == OrderStatus.UNKNOWN_AFTER_DISCONNECT && !open.contains(t.id)) {
                missing.add(t);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        StringBuilder ids = new StringBuilder();
        for (TrackedOrder t : missing) {
            if (t.id != 0) {
                ids.append(ids.isEmpty() ? "" : ",").append(t.id);
            }
        }
        rest.authPost("auth/r/orders/hist", "{\"id\":[" + ids + "]}").thenAccept(r -> thread.execute(() -> {
            if (r instanceof HttpResult.Success ok) {
                decode(() -> {
                    for (BitfinexOrder o : payloads.orders(ok.body())) {
                        if (byId.containsKey(o.id())) {
                            onExchangeOrder(BitfinexChange.CLOSE, o);
                        }
                    }
                });
            } else {
                LOG.log(Level.WARNING, "Bitfinex order history lookup failed: " + ((HttpResult.Failure) r).describe());
            }
            Instant now = Instant.now();
            for (TrackedOrder t : missing) {
                if (t.order.status() == OrderStatus.UNKNOWN_AFTER_DISCONNECT && t.id == 0) {
                    // Never acknowledged and not on the exchange: it was not placed.
                    update(t, OrderStatus.REJECTED, BigDecimal.ZERO, null,
                            "the connection dropped before Bitfinex acknowledged the order; it is not on the exchange",
                            now);
                } else if (t.order.status() == OrderStatus.UNKNOWN_AFTER_DISCONNECT) {
                    LOG.log(Level.WARNING, "Bitfinex " + t + " is neither open nor in the order history");
                }
            }
        }));
    }

    private void decode(Runnable r) {
        try {
            r.run();
        } catch (BitfinexProtocolException e) {
            health.error();
            LOG.log(Level.WARNING, "Bitfinex REST answer could not be read: " + e.getMessage());
        }
    }

    private void checkSilence() {
        if (!closed && socket.isOpen() && socket.silentNanos() > config.silenceReconnect().toNanos()) {
            socket.reconnect("no data on the account socket for " + socket.silentNanos() / 1_000_000 + " ms");
        }
    }

    /** Life-cycle of the account socket. */
    private final class Owner implements BitfinexSocket.Owner {
        @Override
        public void opened(BitfinexSocket s) {
            if (closed) {
                return;
            }
            s.send("{\"event\":\"conf\",\"flags\":" + (BitfinexFlags.TIMESTAMP | BitfinexFlags.SEQ_ALL) + "}");
            authenticate();
        }

        @Override
        public void lost(BitfinexSocket s, WebSocketDisconnect d) {
            if (closed) {
                return; // closing is not a loss: orders stay as they were
            }
            BitfinexTrading.this.lost(d.describe());
        }

        @Override
        public void sequenceGap(BitfinexSocket s, long expected, long got, boolean account) {
            health.error();
            LOG.log(Level.WARNING, "Bitfinex account socket: " + (account ? "account " : "") + "sequence gap (expected "
                    + expected + ", got " + got + "); reconciling over REST");
            markTradesMissed(System.currentTimeMillis());
            if (authenticated) {
                reconcile();
            }
        }
    }

    /** The account channel. */
    private final class Sink implements BitfinexSink {
        @Override
        public void onAuth(BitfinexAuthReply reply) {
            if (reply.isOk()) {
                authenticated = true;
                authProblem = "";
                LOG.log(Level.INFO, "Bitfinex account socket authenticated" + (config.deadManSwitch()
                        ? " (dead-man switch on)" : ""));
                for (StreamHandle<TradingListener> h : listeners) {
                    h.state(DataState.LIVE);
                }
                reconcile();
            } else {
                authenticated = false;
                authProblem = "Bitfinex refused the API key: " + reply.message() + " (code " + reply.code() + ")";
                LOG.log(Level.WARNING, authProblem);
            }
        }

        @Override
        public void onInfoCode(int code, String message) {
            switch (code) {
                case BitfinexFlags.INFO_RECONNECT -> socket.reconnect("Bitfinex server restarting (info 20051)");
                case BitfinexFlags.INFO_MAINTENANCE_START -> {
                    health.maintenance("Bitfinex maintenance started (info 20060); order entry paused");
                    health.update();
                }
                case BitfinexFlags.INFO_MAINTENANCE_END -> {
                    health.maintenance(null);
                    health.update();
                }
                default -> {
                    // informational
                }
            }
        }

        @Override
        public void onHeartbeat(org.tradebench.connector.bitfinex.internal.protocol.BitfinexChannel channel,
                BitfinexTrailer trailer) {
            seen(trailer);
        }

        @Override
        public void onOrderSnapshot(List<BitfinexOrder> list, BitfinexTrailer trailer) {
            seen(trailer);
            inOrder(() -> {
                for (BitfinexOrder o : list) {
                    onExchangeOrder(BitfinexChange.UPDATE, o);
                }
            });
        }

        @Override
        public void onOrder(BitfinexChange change, BitfinexOrder order, BitfinexTrailer trailer) {
            seen(trailer);
            inOrder(() -> onExchangeOrder(change, order));
        }

        @Override
        public void onPositionSnapshot(List<BitfinexPosition> list, BitfinexTrailer trailer) {
            BitfinexTrading.this.onPositionSnapshot(list);
        }

        @Override
        public void onPosition(BitfinexChange change, BitfinexPosition position, BitfinexTrailer trailer) {
            BitfinexTrading.this.onPosition(position);
        }

        @Override
        public void onWalletSnapshot(List<BitfinexWallet> wallets, BitfinexTrailer trailer) {
            wallets.forEach(BitfinexTrading.this::onWallet);
        }

        @Override
        public void onWallet(BitfinexWallet wallet, BitfinexTrailer trailer) {
            BitfinexTrading.this.onWallet(wallet);
        }

        @Override
        public void onOwnTrade(BitfinexTradeEvent event, BitfinexOwnTrade trade, BitfinexTrailer trailer) {
            seen(trailer);
            inOrder(() -> BitfinexTrading.this.onOwnTrade(event, trade));
        }

        @Override
        public void onNotification(BitfinexNotification notification, BitfinexTrailer trailer) {
            seen(trailer);
            BitfinexTrading.this.onNotification(notification);
        }

        /** Keeps Bitfinex's time of the latest account frame (the loss's time in exchange time). */
        private void seen(BitfinexTrailer trailer) {
            if (trailer != null && trailer.hasTimestamp()) {
                lastExchangeMts = Math.max(lastExchangeMts, trailer.timestamp());
            }
        }

        @Override
        public void onError(int code, String message) {
            LOG.log(Level.WARNING, "Bitfinex account socket: error " + code + " (" + BitfinexFlags.describe(code) + ") "
                    + message);
        }
    }
}
