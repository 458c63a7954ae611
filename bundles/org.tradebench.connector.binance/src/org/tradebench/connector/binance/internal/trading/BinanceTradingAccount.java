package org.tradebench.connector.binance.internal.trading;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import org.tradebench.api.Capability;
import org.tradebench.api.Subscription;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.MarginMode;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.trading.AccountDiagnostics;
import org.tradebench.api.trading.AccountSetting;
import org.tradebench.api.trading.AmendRequest;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.HistoryRequest;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.Reconciliation;
import org.tradebench.api.trading.SettingResult;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.connector.binance.internal.BinanceCatalog;
import org.tradebench.connector.binance.internal.BinanceConfig;
import org.tradebench.connector.binance.internal.BinanceEndpoints;
import org.tradebench.connector.binance.internal.BinanceMarket;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.limits.RateLimitTracker;
import org.tradebench.connector.support.reconcile.StreamWatermarks;
import org.tradebench.connector.support.sign.Signer;
import org.tradebench.connector.support.stream.TradingStream;
import org.tradebench.connector.support.time.ServerClock;
import org.tradebench.transport.HttpJsonClient;
import org.tradebench.transport.JettyTransport;
import org.tradebench.transport.PingMode;
import org.tradebench.transport.ReconnectPolicy;
import org.tradebench.transport.ReconnectingWebSocket;
import org.tradebench.transport.WebSocketDisconnect;
import org.tradebench.transport.WebSocketHandler;
import org.tradebench.transport.WebSocketOptions;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The Binance trading account of one market ({@code main}): orders over the WebSocket API
 * ({@link WsApiSession}), signed REST while it is down ({@link BinanceTradingRest}); the account
 * stream (spot: {@code userDataStream.subscribe} on the same WebSocket API connection; USD-M: a
 * listenKey stream, kept alive, renewed when it expires), REST reconciliation after every
 * (re)connect and REST polling while the account stream is down. USD-M declares
 * {@link Capability#ORDER_EXITS_NATIVE} without {@link Capability#ORDER_ATTACHED_TP_SL}: the order
 * gateway sends each fill's take-profit and stop-loss as {@code TAKE_PROFIT_MARKET} and
 * {@code STOP_MARKET} orders of their own, reduce-only, in parallel, and keeps them one-cancels-other.
 *
 * <p>Health: the session {@code trading} is order entry (the WebSocket API), {@code account} the
 * account stream ("account: polling" while REST stands in, "listenKey expired, renewed", "rate
 * limited until HH:MM:SS (418)").
 *
 * <p>Public methods may be called from any thread; state is guarded by the runtime lock; futures
 * complete on the delivery thread.
 */
public final class BinanceTradingAccount implements TradingAccount {

    /** The account id. */
    public static final String ACCOUNT_ID = "main";
    /** The wallet of spot balances. */
    public static final String SPOT_WALLET = Balance.EXCHANGE;
    /** The wallet of USD-M balances. */
    public static final String FUTURES_WALLET = "usdm";
    private static final int LOOKUPS = 5;
    private static final System.Logger LOG = System.getLogger(BinanceTradingAccount.class.getName());

    private final BinanceMarket market;
    private final boolean futures;
    private final BinanceConfig config;
    private final BinanceTradingConfig trading;
    private final ConnectorRuntime runtime;
    private final JettyTransport transport;
    private final BinanceCatalog catalog;
    private final Signer signer;
    private final HealthModel.Session orderHealth;
    private final HealthModel.Session accountHealth;
    private final HealthModel.View health;
    private final TradingStream events;
    private final ServerClock clock = new ServerClock(System::currentTimeMillis);
    private final RateLimitTracker limits = new RateLimitTracker();
    private final BinanceTradingRest rest;
    private final WsApiSession ws;
    private final Set<Capability> capabilities;

    // runtime lock
    private final Map<String, Order> orders = new LinkedHashMap<>();
    /** The working orders of {@link #orders}, kept beside it: openOrders() does not walk a day of finished ones. */
    private final Map<String, Order> working = new LinkedHashMap<>();
    private final Map<String, Balance> balances = new LinkedHashMap<>();
    private final Map<String, Position> positions = new LinkedHashMap<>();
    /** When the account stream last set each balance and position (System.nanoTime), by key. */
    private final StreamWatermarks watermarks = new StreamWatermarks();
    private final Set<String> fillIds = new LinkedHashSet<>();
    private final Set<String> lookingUp = new HashSet<>();
    private final Map<String, CompletableFuture<Order>> placing = new LinkedHashMap<>();
    private ReconnectingWebSocket userStream;
    private String listenKey;
    private boolean accountLive;
    private boolean polling;
    private ScheduledFuture<?> pollTask;
    private ScheduledFuture<?> keepAliveTask;
    private ScheduledFuture<?> timeTask;
    private ScheduledFuture<?> tick;
    private long listenKeyRenewals;
    private volatile boolean closed;
    private volatile Consumer<String> frameSent = s -> {
    };

    /**
     * Creates the account; {@link #start()} connects.
     *
     * @param config the market's configuration (REST address)
     * @param trading the trading endpoints and timings
     * @param transport the Jetty clients
     * @param runtime the connector's runtime
     * @param health the connector's health model (this account adds {@code trading} and {@code account})
     * @param http the HTTP client
     * @param catalog the instruments
     * @param signer the account's keys
     */
    public BinanceTradingAccount(BinanceConfig config, BinanceTradingConfig trading, JettyTransport transport,
            ConnectorRuntime runtime, HealthModel health, HttpJsonClient http, BinanceCatalog catalog, Signer signer) {
        this.config = Objects.requireNonNull(config, "config");
        this.market = config.market();
        this.futures = market.derivatives();
        this.trading = Objects.requireNonNull(trading, "trading");
        this.runtime = runtime;
        this.transport = transport;
        this.catalog = catalog;
        this.signer = signer;
        this.orderHealth = health.session(SessionHealth.TRADING);
        this.accountHealth = health.session(SessionHealth.ACCOUNT);
        this.health = health.view(SessionHealth.TRADING, SessionHealth.ACCOUNT);
        this.events = new TradingStream(runtime, market.id() + " account", this::currentState);
        // Binance's published limits (exchangeInfo.rateLimits): spot 6000 weight a minute and 100 orders
        // in 10 s; USD-M 2400 weight a minute and 300 orders in 10 s
        limits.define(BinanceTradingRest.WEIGHT, futures ? 2400 : 6000, Duration.ofMinutes(1));
        limits.define(BinanceTradingRest.ORDERS, futures ? 300 : 100, Duration.ofSeconds(10));
        this.rest = new BinanceTradingRest(market, config.rest(), http, signer, clock, limits, trading.recvWindow());
        WebSocketOptions options = WsApiSession.standard(WebSocketOptions.of(trading.wsApi()), config.reconnect(),
                config.reconnectMax());
        this.ws = new WsApiSession(market.id() + " order entry", options, transport, runtime, orderHealth, signer,
                clock, limits, trading.recvWindow(), trading.orderTimeout());
        ws.callbacks(this::onUserEvent, this::onOrderEntryReady, this::onOrderEntryDown);
        Set<Capability> caps = EnumSet.of(Capability.TRADING, Capability.ORDER_LIMIT, Capability.ORDER_MARKET,
                Capability.ORDER_STOP, Capability.ORDER_STOP_LIMIT, Capability.ORDER_TAKE_PROFIT,
                Capability.ORDER_TAKE_PROFIT_LIMIT, Capability.ORDER_POST_ONLY, Capability.ORDER_IOC_FOK,
                Capability.ORDER_QUERY, Capability.ORDER_HISTORY, Capability.FILL_HISTORY, Capability.BALANCES,
                Capability.FILLS);
        if (futures) {
            caps.addAll(EnumSet.of(Capability.ORDER_EXITS_NATIVE, Capability.ORDER_REDUCE_ONLY,
                    Capability.ORDER_CLOSE_POSITION, Capability.ORDER_TRIGGER_MARK, Capability.ORDER_AMEND,
                    Capability.POSITIONS, Capability.HEDGE_MODE, Capability.LEVERAGE, Capability.MARGIN_MODE));
        }
        this.capabilities = Set.copyOf(caps);
    }

    /** What a new listener gets first (runtime lock held). */
    private List<Object> currentState() {
        List<Object> out = new ArrayList<>(balances.values());
        out.addAll(positions.values());
        for (Order o : orders.values()) {
            if (!o.status().isFinal()) {
                out.add(o);
            }
        }
        return out;
    }

    /** Connects order entry and the account stream, syncs the clock and reconciles. */
    public void start() {
        runtime.execute(() -> {
            accountHealth.started();
            rest.syncTime().whenComplete((v, e) -> runtime.execute(() -> {
                if (!closed) {
                    reconcile("start");
                }
            }));
            timeTask = runtime.every(trading.timeSync(), () -> rest.syncTime());
            tick = runtime.every(Duration.ofSeconds(1), this::tick);
            if (futures) {
                openListenKey("start");
            }
        });
        ws.start();
    }

    /** Closes the connections; waiting requests complete, listeners end. */
    public void close() {
        closed = true;
        try {
            runtime.call(() -> {
                closeNow();
                return null;
            });
        } catch (RuntimeException e) {
            // the runtime is already closed
        }
    }

    private void closeNow() {
        {
            for (ScheduledFuture<?> f : new ScheduledFuture<?>[] { pollTask, keepAliveTask, timeTask, tick }) {
                if (f != null) {
                    f.cancel(false);
                }
            }
            ws.close();
            Instant now = Instant.now();
            for (Map.Entry<String, CompletableFuture<Order>> e : placing.entrySet()) {
                Order o = orders.get(e.getKey());
                if (o != null && o.status().canBecome(OrderStatus.UNKNOWN_AFTER_DISCONNECT) && !o.status().isWorking()) {
                    o = o.withStatus(OrderStatus.UNKNOWN_AFTER_DISCONNECT, "the connector closed before Binance"
                            + " answered; the order is looked up when it starts again", now);
                }
                // directly: the delivery thread stops with the connector right after this
                e.getValue().complete(o);
            }
            placing.clear();
            if (userStream != null) {
                userStream.close();
                userStream = null;
            }
            if (listenKey != null) {
                rest.keyed("DELETE", rest.path("listenKey"), List.of());
                listenKey = null;
            }
            orderHealth.stopped();
            accountHealth.stopped();
            events.close();
        }
    }

    /** The WebSocket API session (tests, the benchmark). */
    public WsApiSession orderEntry() {
        return ws;
    }

    /** The rate limits (tests). */
    public RateLimitTracker limits() {
        return limits;
    }

    /** The server clock (tests). */
    public ServerClock clock() {
        return clock;
    }

    /**
     * The clock offset the account syncs with, the request limits in use, and for spot the key's
     * permissions from {@code GET /sapi/v1/account/apiRestrictions} (USD-M has no such endpoint on its
     * host: its permissions stay unknown).
     */
    @Override
    public CompletionStage<AccountDiagnostics> diagnose() {
        CompletableFuture<BinanceTradingRest.Answer> restrictions = futures ? CompletableFuture.completedFuture(null)
                : rest.signed("GET", "/sapi/v1/account/apiRestrictions", List.of(), 1);
        CompletableFuture<AccountDiagnostics> out = new CompletableFuture<>();
        restrictions.whenComplete((answer, failure) -> runtime.execute(() -> {
            Boolean withdrawals = null;
            List<String> permissions = new ArrayList<>();
            if (answer != null && answer.ok() && answer.body().isJsonObject()) {
                JsonObject o = answer.body().getAsJsonObject();
                for (String key : o.keySet()) {
                    if (key.startsWith("enable") && o.get(key).isJsonPrimitive() && o.get(key).getAsBoolean()) {
                        permissions.add(key.substring(6).replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
                    }
                }
                if (o.has("enableWithdrawals")) {
                    withdrawals = o.get("enableWithdrawals").getAsBoolean();
                }
            }
            long now = System.currentTimeMillis();
            out.complete(new AccountDiagnostics(clock.synced() ? Duration.ofMillis(clock.offsetMillis()) : null,
                    withdrawals, permissions, limits.usedShare(now), limits.summary(now)));
        }));
        return out;
    }

    /** How often the listenKey was renewed (tests). */
    public long listenKeyRenewals() {
        return runtime.call(() -> listenKeyRenewals);
    }

    /** Whether the account stream is live (not polling). Any thread. */
    public boolean accountLive() {
        return runtime.call(() -> accountLive);
    }

    private void tick() {
        long now = System.currentTimeMillis();
        String limited = limits.describe(now, ZoneId.systemDefault());
        orderHealth.stale(limited != null && limited.startsWith("rate limited") ? limited : null);
        for (String id : List.copyOf(orders.keySet())) {
            Order o = orders.get(id);
            if (o.status().isFinal() && o.updated().isBefore(Instant.now().minus(Duration.ofHours(24)))) {
                orders.remove(id);
            }
        }
    }

    // ---------------------------------------------------------------- order entry

    private void onOrderEntryReady() {
        if (!futures) {
            subscribeSpotUserData();
        }
        reconcile("order entry connected");
    }

    private void onOrderEntryDown(String reason) {
        if (!futures) {
            accountDown("the WebSocket API connection dropped" + (reason.isEmpty() ? "" : " (" + reason + ")"));
        }
    }

    private void subscribeSpotUserData() {
        boolean logon = org.tradebench.connector.support.sign.ParameterSigning.canLogOn(signer.keyType());
        // a logged-on session subscribes as itself; an HMAC key signs the subscription
        ws.request(logon ? "userDataStream.subscribe" : "userDataStream.subscribe.signature", Map.of(), !logon)
                .thenAccept(r -> runtime.execute(() -> {
                    if (r.ok()) {
                        accountUp("user data subscribed");
                    } else {
                        accountDown("userDataStream.subscribe failed: " + (r.error() != null
                                ? OrderCodec.rejection("the subscription", r.error()) : r.failure()));
                    }
                }));
    }

    /** Hook for the benchmark: called with nothing after each order frame is written. */
    public void onFrameSent(Consumer<String> hook) {
        frameSent = hook;
    }

    @Override
    public CompletionStage<Order> place(OrderRequest request) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<Order> result = new CompletableFuture<>();
        if (closed) {
            Instant now = Instant.now();
            result.complete(Order.pending(request, ACCOUNT_ID, now).rejected(null, "the " + market.displayName()
                    + " connector is closed; order not sent", now));
            return result;
        }
        runtime.execute(() -> placeNow(request, result));
        return result;
    }

    private void placeNow(OrderRequest request, CompletableFuture<Order> result) {
        if (closed) {
            Instant now = Instant.now();
            result.complete(Order.pending(request, ACCOUNT_ID, now).rejected(null, "the " + market.displayName()
                    + " connector is closed; order not sent", now));
            return;
        }
        Order known = orders.get(request.clientOrderId());
        if (known != null) {
            // never twice: the order as known
            runtime.delivery().complete(result, known);
            return;
        }
        Instant now = Instant.now();
        Order pending = Order.pending(request, ACCOUNT_ID, now);
        Optional<Instrument> instrument = catalog.find(request.instrument());
        if (instrument.isEmpty()) {
            finish(pending.rejected("UNKNOWN_INSTRUMENT", market.displayName() + " does not list "
                    + request.instrument().symbol(), now), result);
            return;
        }
        Map<String, Object> params;
        try {
            params = OrderCodec.placeParams(market, request, instrument.get().rawSymbol());
        } catch (IllegalArgumentException e) {
            finish(pending.rejected("UNSUPPORTED", e.getMessage(), now), result);
            return;
        }
        long wait = limits.delayMillis(BinanceTradingRest.ORDERS, 1, System.currentTimeMillis());
        if (limits.blockedUntil(System.currentTimeMillis()) != null) {
            finish(pending.rejected("RATE_LIMITED", "not sent: Binance " + limits.describe(System.currentTimeMillis(),
                    ZoneId.systemDefault()), now), result);
            return;
        }
        put(pending);
        placing.put(request.clientOrderId(), result);
        events.order(pending);
        if (wait > 0) {
            runtime.schedule(Duration.ofMillis(wait), () -> send(request, params, result));
        } else {
            send(request, params, result);
        }
    }

    private void send(OrderRequest request, Map<String, Object> params, CompletableFuture<Order> result) {
        limits.spend(BinanceTradingRest.ORDERS, 1, System.currentTimeMillis());
        String id = request.clientOrderId();
        if (closed) {
            return;
        }
        boolean algo = OrderCodec.isConditional(market, request.type());
        if (ws.ready()) {
            CompletableFuture<WsApiSession.Reply> reply = ws.request(algo ? "algoOrder.place" : "order.place", params,
                    true);
            frameSent.accept(id);
            reply.thenAccept(r -> runtime.execute(() -> {
                if (r.ok() && r.result() != null && r.result().isJsonObject()) {
                    answered(id, r.result().getAsJsonObject(), result);
                } else if (r.error() != null) {
                    rejected(id, r.code(), OrderCodec.rejection("the order", r.error()), result);
                } else {
                    lookUp(id, r.failure(), result, LOOKUPS);
                }
            }));
            return;
        }
        rest.signed("POST", rest.path(algo ? "algoOrder" : "order"), entries(params), 1).thenAccept(
                a -> runtime.execute(() -> {
            if (a.ok() && a.body().isJsonObject()) {
                answered(id, a.body().getAsJsonObject(), result);
            } else if (a.error() != null) {
                rejected(id, a.code(), a.describe("the order"), result);
            } else if (a.failure() != null && a.failure().startsWith("not sent")) {
                rejected(id, 0, a.failure(), result);
            } else {
                lookUp(id, a.failure(), result, LOOKUPS);
            }
        }));
    }

    private void answered(String clientOrderId, JsonObject answer, CompletableFuture<Order> result) {
        Order known = orders.get(clientOrderId);
        try {
            Order o = answer.has("algoStatus") ? OrderCodec.applyAlgo(answer, known)
                    : OrderCodec.apply(answer, known, futures);
            store(o);
            finish(o, result);
        } catch (IllegalArgumentException e) {
            orderHealth.error();
            LOG.log(System.Logger.Level.WARNING, market.id() + ": order answer for " + clientOrderId
                    + " unreadable (" + e.getMessage() + "); looking it up");
            lookUp(clientOrderId, "unreadable answer", result, LOOKUPS);
        }
    }

    private void rejected(String clientOrderId, int code, String text, CompletableFuture<Order> result) {
        Order known = orders.get(clientOrderId);
        Instant now = Instant.now();
        Order r = known.status().canBecome(OrderStatus.REJECTED) ? known.rejected(code == 0 ? null
                : Integer.toString(code), text, now) : known;
        store(r);
        finish(r, result);
    }

    /**
     * No answer: the order may or may not be on Binance. Asked by its client order id
     * ({@code origClientOrderId}); found, it is shown as Binance has it; not found after a drop, it
     * was never placed (rejected with the reason); never sent again.
     */
    private void lookUp(String clientOrderId, String why, CompletableFuture<Order> result, int attemptsLeft) {
        Order known = orders.get(clientOrderId);
        if (closed) {
            return; // close() answers every order still being placed
        }
        if (known.status() == OrderStatus.PENDING_NEW) {
            Order unknown = known.withStatus(OrderStatus.UNKNOWN_AFTER_DISCONNECT, why + "; looking the order up",
                    Instant.now());
            store(unknown);
        }
        lookingUp.add(clientOrderId);
        queryExchange(clientOrderId, (found, failure) -> {
            Order now = orders.get(clientOrderId);
            if (found != null) {
                lookingUp.remove(clientOrderId);
                store(found);
                finish(found, result);
            } else if (failure == null) {
                lookingUp.remove(clientOrderId);
                // Binance does not know it: it was never placed
                Order r = now.status().canBecome(OrderStatus.REJECTED) ? now.rejected("NOT_PLACED",
                        "not placed: " + why + ", and Binance does not know the order", Instant.now()) : now;
                store(r);
                finish(r, result);
            } else if (attemptsLeft > 1) {
                runtime.schedule(Duration.ofSeconds(2), () -> lookUp(clientOrderId, why, result, attemptsLeft - 1));
            } else {
                lookingUp.remove(clientOrderId);
                finish(now, result);
            }
        });
    }

    /** Asks Binance for an order by client id: the WebSocket API when ready, else REST. */
    private void queryExchange(String clientOrderId, java.util.function.BiConsumer<Order, String> done) {
        Order known = orders.get(clientOrderId);
        Optional<Instrument> instrument = known == null ? Optional.empty() : catalog.find(known.instrument());
        if (instrument.isEmpty()) {
            done.accept(null, "unknown instrument");
            return;
        }
        boolean algo = OrderCodec.isConditional(market, known.request().type());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("symbol", instrument.get().rawSymbol());
        params.put(algo ? "clientAlgoId" : "origClientOrderId", OrderCodec.binanceClientId(clientOrderId));
        java.util.function.BiConsumer<JsonElement, JsonObject> answer = (body, error) -> {
            if (body != null && body.isJsonObject()) {
                try {
                    JsonObject b = body.getAsJsonObject();
                    done.accept(b.has("algoStatus") ? OrderCodec.applyAlgo(b, orders.get(clientOrderId))
                            : OrderCodec.apply(b, orders.get(clientOrderId), futures), null);
                } catch (IllegalArgumentException e) {
                    orderHealth.error();
                    done.accept(null, e.getMessage());
                }
            } else if (error != null && OrderCodec.text(error, "code") != null
                    && error.get("code").getAsInt() == -2013) {
                done.accept(null, null);
            } else {
                done.accept(null, error != null ? OrderCodec.rejection("the query", error) : "no answer");
            }
        };
        if (ws.ready() && !algo) {
            ws.request("order.status", params, true).thenAccept(r -> runtime.execute(() -> answer.accept(
                    r.ok() ? r.result() : null, r.error())));
        } else {
            rest.signed("GET", rest.path(algo ? "algoOrder" : "order"), entries(params), futures ? 1 : 4).thenAccept(
                    a -> runtime.execute(() -> answer.accept(a.ok() ? a.body() : null, a.error())));
        }
    }

    /** Records an order's latest state in {@link #orders} and {@link #working}. Runtime thread. */
    private Order put(Order o) {
        if (o.status().isFinal()) {
            working.remove(o.clientOrderId());
        } else {
            working.put(o.clientOrderId(), o);
        }
        return orders.put(o.clientOrderId(), o);
    }

    private void store(Order o) {
        Order before = put(o);
        if (!o.equals(before)) {
            events.order(o);
        }
    }

    private void finish(Order o, CompletableFuture<Order> result) {
        if (!orders.containsKey(o.clientOrderId())) {
            events.order(o);
        }
        placing.remove(o.clientOrderId());
        runtime.delivery().complete(result, o);
    }

    @Override
    public CompletionStage<Order> cancel(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        CompletableFuture<Order> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("the " + market.displayName()
                    + " connector is closed; cancel of " + clientOrderId + " not sent"));
            return result;
        }
        runtime.execute(() -> {
            Order known = orders.get(clientOrderId);
            if (known == null) {
                runtime.delivery().fail(result, new IllegalArgumentException("no order " + clientOrderId
                        + " on " + market.displayName()));
                return;
            }
            if (known.status().isFinal()) {
                runtime.delivery().complete(result, known);
                return;
            }
            Optional<Instrument> instrument = catalog.find(known.instrument());
            boolean algo = OrderCodec.isConditional(market, known.request().type());
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("symbol", instrument.map(Instrument::rawSymbol).orElse(known.instrument().symbol()));
            params.put(algo ? "clientAlgoId" : "origClientOrderId", OrderCodec.binanceClientId(clientOrderId));
            java.util.function.BiConsumer<JsonElement, JsonObject> answer = (body, error) -> {
                if (body != null && body.isJsonObject() && algo && !body.getAsJsonObject().has("algoStatus")) {
                    Order cur = orders.get(clientOrderId);
                    Order c = OrderCodec.algo(cur, null, "CANCELED", null, null, null);
                    store(c);
                    runtime.delivery().complete(result, c);
                    return;
                }
                if (body != null && body.isJsonObject()) {
                    answered(clientOrderId, body.getAsJsonObject(), result);
                    return;
                }
                // refused (-2011: already filled or cancelled) or no answer: Binance's state decides
                String why = error != null ? OrderCodec.rejection("the cancel", error) : "no answer to the cancel";
                queryExchange(clientOrderId, (found, failure) -> {
                    Order o = found != null ? found : orders.get(clientOrderId);
                    if (found != null) {
                        store(found);
                    }
                    Order shown = o.status().isFinal() ? o : new Order(o.id(), o.clientOrderId(), o.request(),
                            o.status(), o.filledQuantity(), o.averagePrice(), why, o.created(), Instant.now(),
                            o.accountId(), error == null ? null : OrderCodec.text(error, "code"), o.placement());
                    runtime.delivery().complete(result, shown);
                });
            };
            if (ws.ready()) {
                ws.request(algo ? "algoOrder.cancel" : "order.cancel", params, true).thenAccept(
                        r -> runtime.execute(() -> answer.accept(r.ok() ? r.result() : null, r.error())));
            } else {
                rest.signed("DELETE", rest.path(algo ? "algoOrder" : "order"), entries(params), 1).thenAccept(
                        a -> runtime.execute(() -> answer.accept(a.ok() ? a.body() : null, a.error())));
            }
        });
        return result;
    }

    @Override
    public CompletionStage<Order> amend(AmendRequest request) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<Order> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("the " + market.displayName()
                    + " connector is closed; amend not sent"));
            return result;
        }
        if (!futures) {
            result.completeExceptionally(new UnsupportedOperationException("Binance spot cannot change an order's"
                    + " price; cancel it and place a new one"));
            return result;
        }
        runtime.execute(() -> {
            Order known = orders.get(request.clientOrderId());
            if (known == null || !known.status().isWorking()) {
                runtime.delivery().fail(result, new IllegalArgumentException("no working order "
                        + request.clientOrderId() + " on " + market.displayName()));
                return;
            }
            if (request.triggerPrice() != null || known.request().type() != org.tradebench.api.trading.OrderType.LIMIT) {
                runtime.delivery().fail(result, new UnsupportedOperationException("Binance USD-M changes the price"
                        + " and quantity of limit orders only"));
                return;
            }
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("symbol", catalog.find(known.instrument()).map(Instrument::rawSymbol).orElseThrow());
            params.put("origClientOrderId", request.clientOrderId());
            params.put("side", known.side() == org.tradebench.api.market.Side.BUY ? "BUY" : "SELL");
            BigDecimal qty = request.quantity() != null ? request.quantity() : known.request().quantity();
            BigDecimal price = request.price() != null ? request.price() : known.request().price();
            params.put("quantity", qty.toPlainString());
            params.put("price", price.toPlainString());
            java.util.function.BiConsumer<JsonElement, JsonObject> answer = (body, error) -> {
                if (body != null && body.isJsonObject()) {
                    Order cur = orders.get(request.clientOrderId());
                    OrderRequest amended = new OrderRequest(cur.clientOrderId(), cur.instrument(), cur.side(),
                            cur.request().type(), qty, price, null, cur.request().timeInForce(), cur.request().flags(),
                            null, null, cur.request().triggerSource(), cur.request().positionSide(),
                            cur.request().parentClientOrderId(), cur.request().role());
                    Order base = new Order(cur.id(), cur.clientOrderId(), amended, cur.status(), cur.filledQuantity(),
                            cur.averagePrice(), cur.reason(), cur.created(), cur.updated(), cur.accountId(),
                            cur.errorCode(), cur.placement());
                    put(base);
                    answered(request.clientOrderId(), body.getAsJsonObject(), result);
                } else {
                    runtime.delivery().fail(result, new IllegalStateException(error != null
                            ? OrderCodec.rejection("the change", error) : "no answer to the change"));
                }
            };
            if (ws.ready()) {
                ws.request("order.modify", params, true).thenAccept(r -> runtime.execute(() -> answer.accept(
                        r.ok() ? r.result() : null, r.error())));
            } else {
                rest.signed("PUT", rest.path("order"), entries(params), 1).thenAccept(
                        a -> runtime.execute(() -> answer.accept(a.ok() ? a.body() : null, a.error())));
            }
        });
        return result;
    }

    @Override
    public CompletionStage<Integer> cancelAll(Optional<InstrumentId> instrument) {
        Objects.requireNonNull(instrument, "instrument");
        CompletableFuture<Integer> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("the " + market.displayName()
                    + " connector is closed; cancel-all not sent"));
            return result;
        }
        runtime.execute(() -> {
            Set<InstrumentId> targets = new LinkedHashSet<>();
            int working = 0;
            for (Order o : orders.values()) {
                if (!o.status().isFinal() && (instrument.isEmpty() || instrument.get().equals(o.instrument()))) {
                    targets.add(o.instrument());
                    working++;
                }
            }
            instrument.ifPresent(targets::add);
            if (targets.isEmpty()) {
                runtime.delivery().complete(result, 0);
                return;
            }
            int count = working;
            List<CompletableFuture<BinanceTradingRest.Answer>> calls = new ArrayList<>();
            for (InstrumentId id : targets) {
                Optional<Instrument> inst = catalog.find(id);
                if (inst.isEmpty()) {
                    continue;
                }
                calls.add(rest.signed("DELETE", rest.path(futures ? "allOpenOrders" : "openOrders"),
                        List.of(Map.entry("symbol", inst.get().rawSymbol())), 1));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenRun(() -> runtime.execute(() -> {
                reconcile("cancel-all");
                runtime.delivery().complete(result, count);
            }));
        });
        return result;
    }

    @Override
    public CompletionStage<Optional<Order>> queryOrder(String clientOrderId) {
        CompletableFuture<Optional<Order>> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("the " + market.displayName()
                    + " connector is closed; query not sent"));
            return result;
        }
        runtime.execute(() -> {
            Order known = orders.get(clientOrderId);
            if (known != null && known.status().isFinal()) {
                runtime.delivery().complete(result, Optional.of(known));
                return;
            }
            if (known == null) {
                findUnknown(clientOrderId, result);
                return;
            }
            queryExchange(clientOrderId, (found, failure) -> {
                if (found != null) {
                    store(found);
                }
                runtime.delivery().complete(result, Optional.ofNullable(orders.get(clientOrderId)));
            });
        });
        return result;
    }

    /** An order sent before a restart: asked for on every listed instrument's open orders, then history. */
    private void findUnknown(String clientOrderId, CompletableFuture<Optional<Order>> result) {
        rest.signed("GET", rest.path("openOrders"), List.of(), futures ? 40 : 80).thenAccept(a -> runtime.execute(() -> {
            if (a.ok() && a.body().isJsonArray()) {
                for (JsonElement e : a.body().getAsJsonArray()) {
                    JsonObject o = e.getAsJsonObject();
                    if (clientOrderId.equals(OrderCodec.clientIdOf(o))) {
                        Order found = adopt(o);
                        runtime.delivery().complete(result, Optional.ofNullable(found));
                        return;
                    }
                }
            }
            runtime.delivery().complete(result, Optional.empty());
        }));
    }

    /** An order found on Binance that this connector was not tracking. */
    private Order adopt(JsonObject o) {
        try {
            Instrument inst = catalog.byRaw(OrderCodec.required(o, "symbol"));
            if (inst == null) {
                return null;
            }
            String client = OrderCodec.clientIdOf(o);
            OrderRequest request = OrderCodec.requestOf(o, inst.id(), client, futures);
            Order pending = Order.pending(request, ACCOUNT_ID, Instant.now());
            Order found = o.has("algoStatus") ? OrderCodec.applyAlgo(o, pending) : OrderCodec.apply(o, pending, futures);
            store(found);
            return found;
        } catch (IllegalArgumentException e) {
            accountHealth.error();
            return null;
        }
    }

    @Override
    public CompletionStage<List<Order>> orderHistory(HistoryRequest request) {
        return history(request, "order history", "order history", "allOrders", (o, instrument) -> {
            String client = OrderCodec.clientIdOf(o);
            Order known = orders.get(client);
            OrderRequest r = known != null ? known.request() : OrderCodec.requestOf(o, instrument, client, futures);
            return OrderCodec.apply(o, known != null ? known : Order.pending(r, ACCOUNT_ID, Instant.now()), futures);
        });
    }

    @Override
    public CompletionStage<List<Fill>> fills(HistoryRequest request) {
        return history(request, "fills history", "fills", futures ? "userTrades" : "myTrades", this::historicFill);
    }

    /** Reads one row of a history answer (runtime lock held). */
    private interface HistoryRow<T> {
        T read(JsonObject row, InstrumentId instrument);
    }

    /**
     * One instrument's history over signed REST ({@code symbol}, {@code limit} at most 1000): each
     * row read on the runtime; a row that cannot be read is counted as an error and left out.
     *
     * @param what what it is, in messages ("order history")
     * @param perInstrument what Binance answers per instrument, in the message asking for one
     * @param endpoint the REST endpoint under the market's path
     */
    private <T> CompletionStage<List<T>> history(HistoryRequest request, String what, String perInstrument,
            String endpoint, HistoryRow<T> row) {
        CompletableFuture<List<T>> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("the " + market.displayName()
                    + " connector is closed; " + what + " not sent"));
            return result;
        }
        if (request.instrument() == null) {
            result.completeExceptionally(new IllegalArgumentException("Binance answers " + perInstrument
                    + " per instrument; name one"));
            return result;
        }
        runtime.execute(() -> {
            Optional<Instrument> inst = catalog.find(request.instrument());
            if (inst.isEmpty()) {
                runtime.delivery().fail(result, new IllegalArgumentException(market.displayName() + " does not list "
                        + request.instrument().symbol()));
                return;
            }
            List<Map.Entry<String, Object>> params = List.of(Map.entry("symbol", inst.get().rawSymbol()),
                    Map.entry("limit", Math.min(request.limit(), 1000)));
            rest.signed("GET", rest.path(endpoint), params, futures ? 5 : 20).thenAccept(a -> runtime.execute(() -> {
                if (!a.ok() || !a.body().isJsonArray()) {
                    runtime.delivery().fail(result, new IllegalStateException(a.describe("the " + what)));
                    return;
                }
                List<T> out = new ArrayList<>();
                for (JsonElement e : a.body().getAsJsonArray()) {
                    try {
                        out.add(row.read(e.getAsJsonObject(), inst.get().id()));
                    } catch (IllegalArgumentException x) {
                        accountHealth.error();
                    }
                }
                runtime.delivery().complete(result, List.copyOf(out));
            }));
        });
        return result;
    }

    private Fill historicFill(JsonObject t, InstrumentId instrument) {
        String orderId = OrderCodec.required(t, "orderId");
        String client = orderId;
        for (Order o : orders.values()) {
            if (orderId.equals(o.id())) {
                client = o.clientOrderId();
            }
        }
        boolean buyer = t.has("isBuyer") ? t.get("isBuyer").getAsBoolean() : "BUY".equals(OrderCodec.text(t, "side"));
        boolean maker = t.has("isMaker") ? t.get("isMaker").getAsBoolean() : t.has("maker") && t.get("maker").getAsBoolean();
        return new Fill(instrument, orderId, OrderRequestIds.shown(client), OrderCodec.required(t, "id"),
                buyer ? org.tradebench.api.market.Side.BUY : org.tradebench.api.market.Side.SELL,
                OrderCodec.decimal(t, "price"), OrderCodec.decimal(t, "qty"), OrderCodec.optionalDecimal(t, "commission"),
                OrderCodec.text(t, "commissionAsset"), maker, Instant.ofEpochMilli(t.get("time").getAsLong()), ACCOUNT_ID);
    }

    @Override
    public CompletionStage<SettingResult> configure(AccountSetting setting) {
        Objects.requireNonNull(setting, "setting");
        CompletableFuture<SettingResult> result = new CompletableFuture<>();
        if (!futures) {
            result.complete(SettingResult.refused(null, "Binance spot has no leverage, margin type or position mode"));
            return result;
        }
        runtime.execute(() -> {
            String path;
            List<Map.Entry<String, Object>> params;
            String what;
            switch (setting) {
                case AccountSetting.Leverage l -> {
                    Optional<Instrument> inst = catalog.find(l.instrument());
                    if (inst.isEmpty()) {
                        runtime.delivery().complete(result, SettingResult.refused(null, "not listed: "
                                + l.instrument().symbol()));
                        return;
                    }
                    path = rest.path("leverage");
                    params = List.of(Map.entry("symbol", inst.get().rawSymbol()),
                            Map.entry("leverage", l.leverage().intValueExact()));
                    what = "leverage " + l.leverage().toPlainString() + "x on " + l.instrument().symbol();
                }
                case AccountSetting.Margin m -> {
                    Optional<Instrument> inst = catalog.find(m.instrument());
                    if (inst.isEmpty()) {
                        runtime.delivery().complete(result, SettingResult.refused(null, "not listed: "
                                + m.instrument().symbol()));
                        return;
                    }
                    path = rest.path("marginType");
                    params = List.of(Map.entry("symbol", inst.get().rawSymbol()),
                            Map.entry("marginType", m.mode() == MarginMode.ISOLATED ? "ISOLATED" : "CROSSED"));
                    what = m.mode().wireName() + " margin on " + m.instrument().symbol();
                }
                case AccountSetting.HedgeMode h -> {
                    path = rest.path("positionSide/dual");
                    params = List.of(Map.entry("dualSidePosition", h.hedged()));
                    what = h.hedged() ? "hedge mode" : "one-way mode";
                }
            }
            rest.signed("POST", path, params, 1).thenAccept(a -> runtime.execute(() -> {
                SettingResult r;
                if (a.ok()) {
                    r = SettingResult.applied(what + " set");
                } else if (a.code() == -4046 || a.code() == -4059) {
                    r = SettingResult.applied(what + " was already set");
                } else {
                    r = SettingResult.refused(a.code() == 0 ? null : Integer.toString(a.code()), a.describe("the setting"));
                }
                runtime.delivery().complete(result, r);
                if (a.ok()) {
                    reconcile("setting changed");
                }
            }));
        });
        return result;
    }

    @Override
    public List<Order> openOrders() {
        return runtime.call(() -> List.copyOf(working.values()));
    }

    @Override
    public List<Balance> balances() {
        return runtime.call(() -> List.copyOf(balances.values()));
    }

    @Override
    public List<Position> positions() {
        return runtime.call(() -> List.copyOf(positions.values()));
    }

    @Override
    public Subscription subscribe(TradingListener listener) {
        return events.subscribe(listener);
    }

    @Override
    public String accountId() {
        return ACCOUNT_ID;
    }

    @Override
    public String exchangeId() {
        return market.id();
    }

    @Override
    public String displayName() {
        return market.displayName();
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public ConnectionHealth health() {
        return health.current();
    }

    @Override
    public Subscription subscribeHealth(HealthListener listener) {
        return health.subscribe(listener);
    }

    // ---------------------------------------------------------------- account stream

    private void accountUp(String why) {
        accountLive = true;
        accountHealth.opened();
        accountHealth.fallback(false, null);
        if (pollTask != null) {
            pollTask.cancel(false);
            pollTask = null;
        }
        if (polling) {
            polling = false;
            reconcile("account stream back (" + why + ")");
        }
    }

    /** The account stream is down: poll REST and say so ("account: polling"). */
    private void accountDown(String why) {
        accountLive = false;
        accountHealth.lost("account: polling (" + why + ")");
        accountHealth.fallback(true, null);
        if (!polling && !closed) {
            polling = true;
            pollTask = runtime.every(trading.accountPoll(), () -> reconcile("account: polling"));
        }
    }

    private void openListenKey(String cause) {
        rest.keyed("POST", rest.path("listenKey"), List.of()).thenAccept(a -> runtime.execute(() -> {
            if (closed) {
                return;
            }
            if (!a.ok() || !a.body().isJsonObject() || !a.body().getAsJsonObject().has("listenKey")) {
                accountDown("no listenKey: " + a.describe("the listenKey request"));
                runtime.schedule(Duration.ofSeconds(5), () -> openListenKey(cause));
                return;
            }
            listenKey = a.body().getAsJsonObject().get("listenKey").getAsString();
            connectUserStream(cause);
            if (keepAliveTask == null) {
                keepAliveTask = runtime.every(trading.keepAlive(), this::keepAlive);
            }
        }));
    }

    private void connectUserStream(String cause) {
        if (userStream != null) {
            userStream.close();
        }
        URI uri = BinanceEndpoints.userData(trading.wsPrivate(), listenKey);
        WebSocketOptions o = WebSocketOptions.of(uri).withName(market.id() + " user data")
                .withReconnect(new ReconnectPolicy(config.reconnect(), config.reconnectMax(), 2.0, 0.2), System.nanoTime())
                .withPing(PingMode.FRAMES, Duration.ofSeconds(60)).withAuthenticated();
        ReconnectingWebSocket socket = new ReconnectingWebSocket(transport, o, new WebSocketHandler() {
            @Override
            public void onOpen(ReconnectingWebSocket s) {
                runtime.execute(() -> {
                    if (s == userStream) {
                        accountUp(cause);
                    }
                });
            }

            @Override
            public void onFrame(ReconnectingWebSocket s, byte[] buffer, int offset, int length, long receivedNanos) {
                String text = new String(buffer, offset, length, java.nio.charset.StandardCharsets.UTF_8);
                runtime.execute(() -> {
                    if (s != userStream) {
                        return;
                    }
                    accountHealth.message(receivedNanos);
                    try {
                        onUserEvent(JsonParser.parseString(text).getAsJsonObject());
                    } catch (RuntimeException e) {
                        accountHealth.error();
                        LOG.log(System.Logger.Level.WARNING, market.id() + " user data: unreadable frame skipped ("
                                + e.getMessage() + ")");
                    }
                });
            }

            @Override
            public void onDisconnect(ReconnectingWebSocket s, WebSocketDisconnect d) {
                runtime.execute(() -> {
                    if (s == userStream && !closed) {
                        accountDown("user data stream lost" + (d.reason().isEmpty() ? "" : ": " + d.reason()));
                    }
                });
            }
        });
        userStream = socket;
        socket.start();
    }

    private void keepAlive() {
        if (listenKey == null) {
            return;
        }
        rest.keyed("PUT", rest.path("listenKey"), List.of()).thenAccept(a -> runtime.execute(() -> {
            if (!a.ok() && (a.code() == -1125 || a.status() == 400)) {
                listenKeyExpired("keep-alive refused: " + a.describe("the keep-alive"));
            }
        }));
    }

    /** An expired listenKey never silently stops updates: renewed, reconnected and reconciled. */
    private void listenKeyExpired(String how) {
        listenKeyRenewals++;
        accountDown("listenKey expired (" + how + "); renewing");
        listenKey = null;
        openListenKey("listenKey expired, renewed");
    }

    /** A user data event, from the WebSocket API (spot) or the listenKey stream (USD-M). Control thread. */
    void onUserEvent(JsonObject frame) {
        AccountEvents.Event e;
        try {
            e = AccountEvents.read(frame);
        } catch (IllegalArgumentException x) {
            accountHealth.error();
            LOG.log(System.Logger.Level.WARNING, market.id() + " user data: " + x.getMessage() + "; event skipped");
            return;
        }
        accountHealth.message();
        switch (e) {
            case AccountEvents.OrderUpdate u -> orderUpdate(u);
            case AccountEvents.AlgoUpdate a -> {
                Order known = orders.get(a.clientAlgoId());
                if (known != null) {
                    store(OrderCodec.algo(known, a.algoId(), a.status(), a.average(), a.filled(), a.time()));
                }
            }
            case AccountEvents.Balances b -> balances(b, STREAMED);
            case AccountEvents.Positions p -> positions(p, STREAMED);
            case AccountEvents.AccountUpdate a -> {
                balances(a.balances(), STREAMED);
                positions(a.positions(), STREAMED);
            }
            case AccountEvents.ListenKeyExpired x -> listenKeyExpired("Binance said listenKeyExpired");
            case AccountEvents.Ignored i -> {
                // balanceUpdate and the like: the account position that follows carries the result
            }
        }
    }

    private void orderUpdate(AccountEvents.OrderUpdate u) {
        Order known = orders.get(u.clientOrderId());
        if (known == null) {
            // an order of another client or from before a restart: shown, not sent by us
            return;
        }
        if (u.isFill() && (u.tradeId() == null || fillIds.add(u.symbol() + "/" + u.tradeId()))) {
            if (fillIds.size() > 10_000) {
                fillIds.remove(fillIds.iterator().next());
            }
            events.fill(new Fill(known.instrument(), u.orderId(), known.clientOrderId(),
                    u.tradeId() == null ? u.orderId() + "-" + u.filled().toPlainString() : u.tradeId(), known.side(),
                    u.lastPrice(), u.lastQuantity(), u.fee(), u.fee() == null ? null : u.feeAsset(), u.maker(), u.time(),
                    ACCOUNT_ID));
        }
        String reason = u.rejectReason() != null ? "Binance rejected the order: " + u.rejectReason()
                : OrderCodec.endReason(u.binanceStatus());
        store(OrderCodec.merge(known, u.orderId(), u.status(), u.filled(), u.average(), reason, u.time(), null));
    }

    /**
     * Applies balances: from the account stream ({@code requestedNanos} {@link #STREAMED}) always;
     * from a REST answer only where the stream said nothing since the request left (an answer
     * read before a fill must not put the balance back to what it was before).
     */
    private void balances(AccountEvents.Balances b, long requestedNanos) {
        for (AccountEvents.BalanceRow r : b.rows()) {
            String wallet = futures ? FUTURES_WALLET : SPOT_WALLET;
            if (olderThanStream("balance " + wallet + "/" + r.asset(), requestedNanos)) {
                continue;
            }
            Balance v = new Balance(market.id(), ACCOUNT_ID, wallet, r.asset(), r.total(), r.available(),
                    r.unrealizedPnl(), b.time());
            Balance before = balances.put(wallet + "/" + r.asset(), v);
            if (!v.equals(before)) {
                events.balance(v);
            }
        }
    }

    /** Applies positions, like {@link #balances(AccountEvents.Balances, long)}. */
    private void positions(AccountEvents.Positions p, long requestedNanos) {
        for (AccountEvents.PositionRow r : p.rows()) {
            Instrument inst = catalog.byRaw(r.symbol());
            if (inst == null) {
                continue;
            }
            String key = r.symbol() + "/" + (r.positionSide() == null ? "BOTH" : r.positionSide());
            if (olderThanStream("position " + key, requestedNanos)) {
                continue;
            }
            Position before = positions.get(key);
            PositionSide side = r.side();
            BigDecimal leverage = r.leverage() != null && r.leverage().signum() > 0 ? r.leverage()
                    : before != null ? before.leverage() : BigDecimal.ONE;
            BigDecimal mark = r.markPrice() != null ? r.markPrice() : before != null ? before.markPrice() : null;
            BigDecimal liq = r.liquidationPrice() != null ? r.liquidationPrice()
                    : before != null && side != PositionSide.FLAT ? before.liquidationPrice() : null;
            BigDecimal realized = r.realizedPnl() != null ? r.realizedPnl()
                    : before != null ? before.realizedPnl() : BigDecimal.ZERO;
            BigDecimal margin = r.marginMode() == MarginMode.ISOLATED ? r.isolatedMargin()
                    : mark != null && side != PositionSide.FLAT
                            ? r.amount().abs().multiply(mark).divide(leverage, java.math.MathContext.DECIMAL64) : null;
            Position v = new Position(inst.id(), side, r.amount().abs(), side == PositionSide.FLAT ? null
                    : r.entryPrice(), mark, r.unrealizedPnl() == null ? BigDecimal.ZERO : r.unrealizedPnl(), realized,
                    leverage, liq, p.time(), ACCOUNT_ID, r.marginMode(), margin, r.hedged());
            if (!v.equals(before)) {
                positions.put(key, v);
                events.position(v);
            }
        }
    }

    /** The requested time of values that come from the account stream. */
    private static final long STREAMED = Long.MIN_VALUE;

    /**
     * Whether a REST value requested at {@code requestedNanos} is older than the stream's last word
     * on it; a streamed value ({@link #STREAMED}) is stamped and always applies.
     */
    private boolean olderThanStream(String key, long requestedNanos) {
        if (requestedNanos == STREAMED) {
            watermarks.streamed(key);
            return false;
        }
        return watermarks.olderThanStream(key, requestedNanos);
    }

    // ---------------------------------------------------------------- reconciliation

    /**
     * Reads balances, positions and open orders over REST and applies them; a working order Binance
     * no longer lists open is asked for by its client id (filled or cancelled meanwhile).
     */
    void reconcile(String cause) {
        if (closed) {
            return;
        }
        long requested = watermarks.mark();
        CompletableFuture<BinanceTradingRest.Answer> account = rest.signed("GET",
                futures ? "/fapi/v2/account" : rest.path("account"), List.of(), futures ? 5 : 20);
        CompletableFuture<BinanceTradingRest.Answer> risk = futures
                ? rest.signed("GET", "/fapi/v2/positionRisk", List.of(), 5)
                : CompletableFuture.completedFuture(null);
        CompletableFuture<BinanceTradingRest.Answer> open = rest.signed("GET", rest.path("openOrders"), List.of(),
                futures ? 40 : 80);
        CompletableFuture<BinanceTradingRest.Answer> openAlgos = futures
                ? rest.signed("GET", rest.path("openAlgoOrders"), List.of(), 40)
                : CompletableFuture.completedFuture(null);
        CompletableFuture.allOf(account, risk, open, openAlgos).thenRun(() -> runtime.execute(() -> {
            if (closed) {
                return;
            }
            List<Order> changed = new ArrayList<>();
            try {
                BinanceTradingRest.Answer a = account.join();
                if (a.ok() && a.body().isJsonObject()) {
                    balances(futures ? AccountEvents.futuresAccount(a.body().getAsJsonObject())
                            : AccountEvents.spotAccount(a.body().getAsJsonObject()), requested);
                }
                BinanceTradingRest.Answer r = risk.join();
                if (r != null && r.ok() && r.body().isJsonArray()) {
                    positions(AccountEvents.positionRisk(r.body().getAsJsonArray()), requested);
                }
            } catch (IllegalArgumentException e) {
                accountHealth.error();
                LOG.log(System.Logger.Level.WARNING, market.id() + " reconciliation: " + e.getMessage());
            }
            BinanceTradingRest.Answer o = open.join();
            BinanceTradingRest.Answer oa = openAlgos.join();
            if (!o.ok() || !o.body().isJsonArray() || (oa != null && (!oa.ok() || !oa.body().isJsonArray()))) {
                return;
            }
            JsonArray rows = new JsonArray();
            rows.addAll(o.body().getAsJsonArray());
            if (oa != null) {
                rows.addAll(oa.body().getAsJsonArray());
            }
            Set<String> listed = new HashSet<>();
            for (JsonElement e : rows) {
                try {
                    JsonObject row = e.getAsJsonObject();
                    String client = OrderCodec.clientIdOf(row);
                    listed.add(client);
                    Order known = orders.get(client);
                    if (known == null) {
                        Order adopted = adopt(row);
                        if (adopted != null) {
                            changed.add(adopted);
                        }
                        continue;
                    }
                    Order now = row.has("algoStatus") ? OrderCodec.applyAlgo(row, known)
                            : OrderCodec.apply(row, known, futures);
                    if (!now.equals(known)) {
                        store(now);
                        changed.add(now);
                    }
                } catch (IllegalArgumentException x) {
                    accountHealth.error();
                }
            }
            List<String> gone = new ArrayList<>();
            for (Order k : orders.values()) {
                if (!k.status().isFinal() && k.status() != OrderStatus.PENDING_NEW && !listed.contains(k.clientOrderId())
                        && !lookingUp.contains(k.clientOrderId())) {
                    gone.add(k.clientOrderId());
                }
            }
            for (String id : gone) {
                queryExchange(id, (found, failure) -> {
                    if (found != null && !found.equals(orders.get(id))) {
                        store(found);
                        events.reconciliation(new Reconciliation(ACCOUNT_ID, Instant.now(), cause, List.of(found),
                                List.of()));
                    }
                });
            }
            if (!changed.isEmpty() || !cause.equals("account: polling")) {
                events.reconciliation(new Reconciliation(ACCOUNT_ID, Instant.now(), cause, changed, List.of()));
            }
        }));
    }

    private static List<Map.Entry<String, Object>> entries(Map<String, Object> params) {
        List<Map.Entry<String, Object>> out = new ArrayList<>(params.size());
        params.forEach((k, v) -> out.add(Map.entry(k, v)));
        return out;
    }

    @Override
    public String toString() {
        return "BinanceTradingAccount[" + market.id() + ", " + signer + "]";
    }
}
