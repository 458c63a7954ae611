package org.tradebench.connector.bitfinex.internal.trading;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;

import org.tradebench.api.Capability;
import org.tradebench.api.Subscription;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.trading.AccountSetting;
import org.tradebench.api.trading.AmendRequest;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.HistoryRequest;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.OrderStatus;
import org.tradebench.api.trading.Placement;
import org.tradebench.api.trading.SettingResult;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.connector.bitfinex.internal.BitfinexAdapters;
import org.tradebench.connector.bitfinex.internal.BitfinexCatalog;
import org.tradebench.connector.bitfinex.internal.BitfinexConfig;
import org.tradebench.connector.bitfinex.internal.market.BitfinexMarketData;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexChange;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexNonceSource;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOrder;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOwnTrade;
import org.tradebench.connector.bitfinex.internal.protocol.BitfinexSymbols;
import org.tradebench.connector.bitfinex.internal.rest.BitfinexRest;
import org.tradebench.connector.bitfinex.internal.rest.RestPayloads;
import org.tradebench.connector.bitfinex.internal.session.BitfinexSocket;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.orders.OrderRegistry;
import org.tradebench.connector.support.sign.Signer;
import org.tradebench.connector.support.stream.TradingStream;
import org.tradebench.transport.HttpResult;
import org.tradebench.transport.JettyTransport;
import org.tradebench.transport.PingMode;
import org.tradebench.transport.RateLimiter;
import org.tradebench.transport.ReconnectPolicy;
import org.tradebench.transport.WebSocketOptions;

/**
 * The Bitfinex trading account ({@code main}: exchange, margin and funding wallets in one) over the
 * authenticated socket: the API's {@link TradingAccount} on top of {@link AccountSession} (the
 * socket's protocol), {@link OrderEntry} (sending and the answers), {@link OrderTracker} (orders and
 * their states), {@link AccountState} (wallets, positions, fills) and {@link Reconciliation} (REST
 * after every reconnect). While the socket is down, order entry falls back to REST
 * ({@link RestOrderEntry}). Attached exits are not native here (no
 * {@link Capability#ORDER_EXITS_NATIVE}): the order gateway emulates them and sends each leg as an
 * ordinary order.
 *
 * <p>Public methods may be called from any thread; futures complete on the delivery thread.
 */
public final class BitfinexTradingAccount implements TradingAccount {

    /** What trading adds to the connector's capabilities. */
    public static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.TRADING,
            Capability.ORDER_LIMIT, Capability.ORDER_MARKET, Capability.ORDER_STOP, Capability.ORDER_STOP_LIMIT,
            Capability.ORDER_ATTACHED_TP_SL, Capability.ORDER_POST_ONLY, Capability.ORDER_REDUCE_ONLY,
            Capability.ORDER_HIDDEN, Capability.ORDER_IOC_FOK, Capability.ORDER_AMEND, Capability.ORDER_QUERY,
            Capability.ORDER_HISTORY, Capability.FILL_HISTORY, Capability.BALANCES, Capability.POSITIONS,
            Capability.FILLS));

    private final ConnectorRuntime runtime;
    private final BitfinexConfig config;
    private final BitfinexRest rest;
    private final BitfinexCatalog catalog;
    private final RestPayloads payloads = new RestPayloads();
    private final HealthModel.View health;
    private final TradingStream events;
    private final OrderTracker orders;
    private final AccountState account;
    private final AccountSession session;
    private final OrderEntry entry;
    private final BitfinexSocket socket;
    private final Set<Capability> capabilities;
    private ScheduledFuture<?> watchdog;
    /** Set by {@link #close()}: requests after it are answered here, the runtime no longer runs them. */
    private volatile boolean closed;
    private static final String CLOSED = "the Bitfinex connector is closed";

    /**
     * Creates the account; {@link #start()} connects.
     *
     * @param config endpoints, timings, dead-man switch
     * @param transport the Jetty clients
     * @param runtime the connector's runtime
     * @param health the connector's health model (the trading session is this account's)
     * @param rest the REST client (signed calls)
     * @param marketData for the risk check's market context and maintenance
     * @param catalog the instruments
     * @param signer the account's keys
     * @param nonces the nonce source shared with REST
     * @param tap receives every raw frame read
     */
    public BitfinexTradingAccount(BitfinexConfig config, JettyTransport transport, ConnectorRuntime runtime,
            HealthModel health, BitfinexRest rest, BitfinexMarketData marketData, BitfinexCatalog catalog, Signer signer,
            BitfinexNonceSource nonces, FrameTap tap) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.config = Objects.requireNonNull(config, "config");
        this.rest = Objects.requireNonNull(rest, "rest");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        HealthModel.Session trading = health.session(SessionHealth.TRADING);
        this.health = health.view(SessionHealth.TRADING);
        this.events = new TradingStream(runtime, "bitfinex account", this::currentState);
        OrderRegistry.Retention retention = new OrderRegistry.Retention(config.retainFinished(),
                OrderRegistry.Retention.DEFAULTS.maxFinished(), OrderRegistry.Retention.DEFAULTS.maxTombstones());
        this.orders = new OrderTracker(events, runtime.delivery(), this::instrumentOfRaw, retention,
                System::currentTimeMillis);
        this.account = new AccountState(events, orders, this::instrumentOfRaw, trading);
        this.session = new AccountSession(config, signer, nonces, health, trading, events);
        session.runtime = runtime;
        this.entry = new OrderEntry(runtime, orders, marketData, catalog, session,
                new RestOrderEntry(rest, new RestPayloads()), new OrderLookup(runtime, rest, payloads),
                config.replyTimeout());
        session.orders = orders;
        session.account = account;
        session.reconciliation = new Reconciliation(runtime, rest, payloads, orders, account, events, trading);
        session.entry = entry;
        WebSocketOptions options = WebSocketOptions.of(config.wsAuth())
                .withReconnect(new ReconnectPolicy(config.reconnect(), config.reconnectMax(), 2.0, 0.2), System.nanoTime())
                // Bitfinex: 5 authenticated connections per 15 s.
                .withConnectLimiter(RateLimiter.of("Bitfinex authenticated connections", 5, Duration.ofSeconds(15)))
                .withPing(PingMode.APPLICATION, config.pingInterval())
                .withAuthenticated();
        this.socket = new BitfinexSocket("account", transport, options, runtime, trading, session, session, tap);
        session.socket = socket;
        Set<Capability> caps = EnumSet.copyOf(CAPABILITIES);
        if (config.deadManSwitch()) {
            caps.add(Capability.DEAD_MAN_SWITCH);
        }
        this.capabilities = Set.copyOf(caps);
    }

    /** What a new listener gets first (runtime lock held). */
    private List<Object> currentState() {
        return account.current();
    }

    private Optional<Instrument> instrumentOfRaw(String raw) {
        for (Instrument i : catalog.instruments()) {
            if (i.rawSymbol().equals(raw)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Connects and authenticates. */
    public void start() {
        runtime.execute(() -> session.health().started());
        socket.start();
        runtime.execute(() -> watchdog = runtime.every(config.staleAfter(), () -> {
            session.checkSilence();
            orders.expire();
        }));
    }

    /** Closes the socket; subscriptions end CLOSED. */
    public void close() {
        closed = true;
        runtime.execute(() -> {
            entry.close();
            session.close();
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            events.close();
        });
        socket.close();
    }

    /** Whether the account socket is authenticated now. Any thread. */
    public boolean isAuthenticated() {
        return runtime.call(session::authenticated);
    }

    /** The account socket (tests). */
    public BitfinexSocket socket() {
        return socket;
    }

    // ---------------------------------------------------------------- TradingAccount

    @Override
    public String accountId() {
        return BitfinexAdapters.ACCOUNT_ID;
    }

    @Override
    public String exchangeId() {
        return BitfinexSymbols.EXCHANGE_ID;
    }

    @Override
    public String displayName() {
        return "Bitfinex";
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

    @Override
    public CompletionStage<Order> place(OrderRequest request) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<Order> result = new CompletableFuture<>();
        if (closed) {
            Instant now = Instant.now();
            result.complete(Order.pending(request, BitfinexAdapters.ACCOUNT_ID, now).rejected(null, CLOSED
                    + "; order not sent", now));
            return result;
        }
        runtime.execute(() -> entry.place(request, result));
        return result;
    }

    @Override
    public CompletionStage<Order> cancel(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        CompletableFuture<Order> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException(CLOSED + "; cancel of " + clientOrderId + " not sent"));
            return result;
        }
        runtime.execute(() -> entry.cancel(clientOrderId, result));
        return result;
    }

    @Override
    public CompletionStage<Order> amend(AmendRequest request) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<Order> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException(CLOSED + "; amend of " + request.clientOrderId()
                    + " not sent"));
            return result;
        }
        runtime.execute(() -> entry.amend(request, result));
        return result;
    }

    @Override
    public CompletionStage<Integer> cancelAll(Optional<InstrumentId> instrument) {
        Objects.requireNonNull(instrument, "instrument");
        CompletableFuture<Integer> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException(CLOSED + "; cancel-all not sent"));
            return result;
        }
        runtime.execute(() -> entry.cancelAll(instrument, result));
        return result;
    }

    @Override
    public CompletionStage<Optional<Order>> queryOrder(String clientOrderId) {
        CompletableFuture<Optional<Order>> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException(CLOSED));
            return result;
        }
        runtime.execute(() -> {
            TrackedOrder t = orders.get(clientOrderId);
            if (t == null || t.id == 0) {
                // Not in memory (sent before a restart, or forgotten) or never acknowledged: the
                // cid derived from the client order id finds it on the exchange.
                if (t != null && t.order.status() == OrderStatus.PENDING_NEW) {
                    runtime.delivery().complete(result, Optional.of(t.order));
                    return;
                }
                entry.findOnExchange(clientOrderId, found -> runtime.delivery().complete(result,
                        found.isPresent() ? found : Optional.ofNullable(t == null ? null : t.order)));
                return;
            }
            String body = "{\"id\":[" + t.id + "]}";
            rest.authPost("auth/r/orders", body).thenAccept(open -> runtime.execute(() -> {
                List<BitfinexOrder> found = orders(open);
                if (!found.isEmpty()) {
                    orders.onExchangeOrder(BitfinexChange.UPDATE, found.get(0));
                    runtime.delivery().complete(result, Optional.of(t.order));
                    return;
                }
                rest.authPost("auth/r/orders/hist", body).thenAccept(hist -> runtime.execute(() -> {
                    List<BitfinexOrder> closed = orders(hist);
                    if (!closed.isEmpty()) {
                        orders.onExchangeOrder(BitfinexChange.CLOSE, closed.get(0));
                    }
                    runtime.delivery().complete(result, Optional.of(t.order));
                }));
            }));
        });
        return result;
    }

    private List<BitfinexOrder> orders(HttpResult r) {
        if (r instanceof HttpResult.Success ok) {
            try {
                return payloads.orders(ok.body());
            } catch (IllegalArgumentException e) {
                session.health().error();
            }
        }
        return List.of();
    }

    @Override
    public CompletionStage<List<Order>> orderHistory(HistoryRequest request) {
        CompletableFuture<List<Order>> result = new CompletableFuture<>();
        String path = request.instrument() == null ? "auth/r/orders/hist"
                : "auth/r/orders/" + BitfinexSymbols.toRaw(request.instrument().symbol()) + "/hist";
        rest.authPost(path, historyBody(request)).thenAccept(r -> runtime.execute(() -> {
            if (!(r instanceof HttpResult.Success)) {
                runtime.delivery().fail(result, new IllegalStateException("Bitfinex order history failed: "
                        + ((HttpResult.Failure) r).describe()));
                return;
            }
            List<Order> out = new ArrayList<>();
            List<BitfinexOrder> rows = orders(r);
            for (int i = rows.size() - 1; i >= 0; i--) {
                BitfinexOrder o = rows.get(i);
                instrumentOfRaw(o.symbol()).ifPresent(inst -> out.add(historic(o, inst, orders.byId(o.id()))));
            }
            runtime.delivery().complete(result, List.copyOf(out));
        }));
        return result;
    }

    /**
     * The API value of an order from the history, without tracking it: an order this connector
     * knows keeps its client order id and request (as the fills history keeps them), others are
     * {@code bfx-ID}.
     */
    private static Order historic(BitfinexOrder o, Instrument instrument, TrackedOrder known) {
        String id = known != null ? known.clientOrderId : "bfx-" + o.id();
        OrderRequest request = known != null ? known.order.request()
                : BitfinexAdapters.requestOf(o, instrument.id(), id);
        Instant created = o.created() > 0 ? Instant.ofEpochMilli(o.created()) : Instant.now();
        Instant updated = o.updated() > 0 ? Instant.ofEpochMilli(o.updated()) : created;
        BigDecimal filled = BitfinexAdapters.filled(o).min(request.quantity());
        OrderStatus status = BitfinexAdapters.orderStatus(BitfinexChange.CLOSE, o);
        return new Order(Long.toString(o.id()), id, request, status, filled, BitfinexAdapters.averagePrice(o),
                status.isFinal() && status != OrderStatus.FILLED ? BitfinexAdapters.closeReason(o.status()) : "",
                created, updated, BitfinexAdapters.ACCOUNT_ID, null, Placement.EXCHANGE);
    }

    @Override
    public CompletionStage<List<Fill>> fills(HistoryRequest request) {
        CompletableFuture<List<Fill>> result = new CompletableFuture<>();
        String path = request.instrument() == null ? "auth/r/trades/hist"
                : "auth/r/trades/" + BitfinexSymbols.toRaw(request.instrument().symbol()) + "/hist";
        rest.authPost(path, historyBody(request)).thenAccept(r -> runtime.execute(() -> {
            if (!(r instanceof HttpResult.Success ok)) {
                runtime.delivery().fail(result, new IllegalStateException("Bitfinex fills history failed: "
                        + ((HttpResult.Failure) r).describe()));
                return;
            }
            List<Fill> out = new ArrayList<>();
            try {
                List<BitfinexOwnTrade> trades = RestPayloads.ownTrades(ok.body());
                for (int i = trades.size() - 1; i >= 0; i--) {
                    BitfinexOwnTrade t = trades.get(i);
                    Optional<Instrument> inst = instrumentOfRaw(t.symbol());
                    if (inst.isPresent()) {
                        TrackedOrder o = orders.byId(t.orderId());
                        out.add(BitfinexAdapters.fill(t, inst.get().id(), o == null ? "bfx-" + t.orderId()
                                : o.clientOrderId));
                    }
                }
            } catch (IllegalArgumentException e) {
                runtime.delivery().fail(result, new IllegalStateException("Bitfinex fills history could not be read: "
                        + e.getMessage()));
                return;
            }
            runtime.delivery().complete(result, List.copyOf(out));
        }));
        return result;
    }

    /** {@code {"start":..,"end":..,"limit":..}} of a history request (newest first, as Bitfinex sorts). */
    private static String historyBody(HistoryRequest request) {
        StringBuilder b = new StringBuilder("{\"limit\":").append(Math.min(request.limit(), 2500));
        if (request.from() != null) {
            b.append(",\"start\":").append(request.from().toEpochMilli());
        }
        if (request.to() != null) {
            b.append(",\"end\":").append(request.to().toEpochMilli() - 1);
        }
        return b.append('}').toString();
    }

    @Override
    public CompletionStage<SettingResult> configure(AccountSetting setting) {
        Objects.requireNonNull(setting, "setting");
        CompletableFuture<SettingResult> result = new CompletableFuture<>();
        String why = switch (setting) {
            case AccountSetting.Leverage l -> "Bitfinex sets a derivative position's leverage through its collateral,"
                    + " not as a setting; this connector does not change it";
            case AccountSetting.Margin m -> "Bitfinex margins every position from its wallets (cross); there is no"
                    + " isolated mode to choose";
            case AccountSetting.HedgeMode h -> "Bitfinex has one position per instrument (no hedge mode)";
        };
        runtime.delivery().complete(result, SettingResult.refused(null, why));
        return result;
    }

    @Override
    public List<Order> openOrders() {
        return orders.openOrders();
    }

    @Override
    public List<Balance> balances() {
        return account.balances();
    }

    @Override
    public List<Position> positions() {
        return account.positions();
    }

    @Override
    public Subscription subscribe(TradingListener listener) {
        return events.subscribe(listener);
    }
}
