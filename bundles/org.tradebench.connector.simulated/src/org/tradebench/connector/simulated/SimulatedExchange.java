package org.tradebench.connector.simulated;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.tradebench.api.Capability;
import org.tradebench.api.ConnectionControl;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentListener;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookOptions;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleHistoryRequest;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.LiquidationListener;
import org.tradebench.api.market.MarkPriceListener;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeHistoryRequest;
import org.tradebench.api.market.TradeListener;
import org.tradebench.api.trading.AccountSetting;
import org.tradebench.api.trading.AmendRequest;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.HistoryRequest;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.SettingResult;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.connector.simulated.internal.SimulatedCapabilities;
import org.tradebench.connector.simulated.internal.SimulatedVenue;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.control.ConnectionSwitch;

/**
 * The embedded simulated exchange as a running {@link ExchangeConnector}: a deterministic synthetic
 * market with a matching engine and a paper account (one trading account, {@value #ACCOUNT_ID}),
 * driven by the wall clock.
 *
 * <p>In the workbench it is registered as an OSGi service by a DS component (lowest
 * {@code service.ranking}); tools open one through its {@code ConnectorProvider}; tests start one
 * directly:
 *
 * <pre>{@code
 * try (SimulatedExchange exchange = SimulatedExchange.start(SimulatedExchangeConfig.DEFAULTS)) {
 *     InstrumentId btc = new InstrumentId(SimulatedExchange.ID, "BTC/USD");
 *     exchange.marketData().subscribeTicker(btc, ticker -> System.out.println(ticker.last()));
 *     Order o = exchange.trading().orElseThrow()
 *             .place(OrderRequest.market("demo-1", btc, Side.BUY, new BigDecimal("0.01")))
 *             .toCompletableFuture().join();
 * }
 * }</pre>
 *
 * <h2>Threading</h2>
 * One toolkit {@link ConnectorRuntime} named {@value #ID}. Its control thread
 * ({@value #VENUE_THREAD}) is the venue: every 10 ms it advances the market to
 * the wall clock, and it runs every order, cancel and amend, all under the runtime lock; nothing
 * else produces. Its delivery thread ({@value #DELIVERY_THREAD}) calls every listener and completes
 * every future, so a slow listener never holds the market up: books and tickers conflate for it,
 * events queue. A tick runs at most {@value #MAX_EVENTS_PER_SLICE} market events under the lock
 * before it lets other tasks in, so subscribing from another thread waits for one slice at most; a
 * market that falls behind the wall clock catches up slice by slice, each slice queued behind the
 * tasks already waiting, so orders and subscriptions are never starved by it.
 * Snapshot getters ({@code instruments}, {@code openOrders}, {@code balances}, {@code positions},
 * {@code health}) read immutable values and may be called from any thread.
 *
 * <p>Every future completes: orders as values (REJECTED with a code and a reason), queries with
 * their answer or exceptionally with a message for people. Once the exchange is closed, what was
 * pending completes at once: an order REJECTED with code {@value #CLOSED}, anything else with an
 * {@link IllegalStateException}.
 */
public final class SimulatedExchange implements ExchangeConnector, AutoCloseable {

    /** The exchange id: {@value}. */
    public static final String ID = "simulated";
    /** The display name: {@value}. */
    public static final String DISPLAY_NAME = "Simulated Exchange";
    /** The id of the only trading account: {@value}. */
    public static final String ACCOUNT_ID = "main";
    /** The thread that runs the venue (the runtime's control thread). */
    public static final String VENUE_THREAD = ID + "-connector";
    /** The thread that calls listeners (the runtime's delivery thread). */
    public static final String DELIVERY_THREAD = ID + "-delivery";
    /** The error code of an order placed on a closed exchange. */
    public static final String CLOSED = "CLOSED";

    /** How often the venue catches up with the wall clock. */
    static final long TICK_MILLIS = 10;
    /** Market events one slice of a tick runs under the lock. */
    static final int MAX_EVENTS_PER_SLICE = 500;

    private static final String CLOSED_TEXT = "the simulated exchange is closed";

    private final ConnectorRuntime runtime;
    private final SimulatedVenue venue;
    private final long startNanos;
    private final MarketData marketData = new SimulatedMarketData();
    private final TradingAccount account = new SimulatedAccount();
    // What each pending future gets when the exchange closes before answering.
    private final Map<CompletableFuture<?>, Runnable> pending = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile boolean marketRunning = true;
    // the user's switch: while disconnected the market's clock stands still for this connector
    private final ConnectionSwitch control;
    private volatile boolean userConnected = true;
    // Control thread only.
    private long expectedTick;

    private SimulatedExchange(SimulatedExchangeConfig config) {
        this.runtime = ConnectorRuntime.start(ID);
        // The wall-clock epoch first: whatever delays the next line makes venue time lag, never
        // run ahead of the wall clock.
        Instant epoch = Instant.now();
        this.startNanos = System.nanoTime();
        this.venue = new SimulatedVenue(config, epoch, true, runtime);
        this.expectedTick = startNanos + Duration.ofMillis(TICK_MILLIS).toNanos();
        runtime.schedule(Duration.ofMillis(TICK_MILLIS), this::tick);
        control = new ConnectionSwitch(runtime, DISPLAY_NAME, ConnectionSwitch.AUTO_ONLY);
        control.add((connected, mode) -> {
            if (connected == userConnected || closed) {
                return;
            }
            userConnected = connected;
            venue.userDisconnected(connected ? null : ConnectionControl.DISCONNECTED_CAUSE);
        });
    }

    /**
     * Starts a simulated exchange; its market runs until {@link #close()}.
     *
     * @param config the configuration
     * @return the running exchange
     */
    public static SimulatedExchange start(SimulatedExchangeConfig config) {
        return new SimulatedExchange(Objects.requireNonNull(config, "config"));
    }

    /**
     * The configuration this exchange runs with.
     *
     * @return the configuration
     */
    public SimulatedExchangeConfig config() {
        return venue.config();
    }

    /** Control thread, lock held. */
    private void tick() {
        long now = System.nanoTime();
        long delay = now - expectedTick;
        // Ticks are due every 10 ms; how late this one runs is the event loop's
        // scheduling delay, reported as the sessions' latency.
        expectedTick += Duration.ofMillis(TICK_MILLIS).toNanos();
        if (delay > 1_000_000_000L) {
            expectedTick = now + Duration.ofMillis(TICK_MILLIS).toNanos(); // after a long stall start afresh
        }
        venue.recordLoopDelay(delay);
        advance();
    }

    /**
     * Moves the venue towards the wall clock by one slice. When behind, the next slice is queued
     * behind whatever else waits for the control thread (subscriptions, orders), so a market that
     * cannot keep up never starves them; once caught up (or while the market is stopped), the next
     * tick is scheduled. One of the two is pending at any time: the ticks are not a fixed-rate
     * timer, whose overdue runs would go before every task queued after them.
     */
    private void advance() {
        if (marketRunning && userConnected && !venue.advance(System.nanoTime() - startNanos, MAX_EVENTS_PER_SLICE)) {
            runtime.execute(this::advance);
            return;
        }
        runtime.schedule(Duration.ofNanos(expectedTick - System.nanoTime()), this::tick);
    }

    /**
     * Runs an action on the venue thread at the current venue time; its result completes the
     * future on the delivery thread.
     */
    private <T> CompletionStage<T> call(Supplier<T> action, Supplier<T> whenClosed) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable onClose = whenClosed == null
                ? () -> result.completeExceptionally(new IllegalStateException(CLOSED_TEXT))
                : () -> result.complete(whenClosed.get());
        if (closed) {
            // No delivery thread any more: the caller hears it at once.
            onClose.run();
            return result;
        }
        pending.put(result, onClose);
        result.whenComplete((v, e) -> pending.remove(result));
        runtime.execute(() -> {
            try {
                if (marketRunning && userConnected) {
                    venue.advance(System.nanoTime() - startNanos, MAX_EVENTS_PER_SLICE);
                }
                runtime.delivery().complete(result, action.get());
            } catch (RuntimeException e) {
                runtime.delivery().fail(result, e);
            }
        });
        if (closed) {
            onClose.run(); // closed while queuing: the task may have been dropped
        }
        return result;
    }

    /** Runs a subscription's set-up under the runtime lock (the venue's streams change under it). */
    private Subscription locked(Function<SimulatedVenue, Subscription> subscribe) {
        synchronized (runtime.lock()) {
            return subscribe.apply(venue);
        }
    }

    /**
     * Runs a query on the venue thread and waits for it (tests and diagnostics).
     *
     * @param <T> the result type
     * @param query reads the venue
     * @return its result
     */
    <T> T inspect(Function<SimulatedVenue, T> query) {
        return runtime.call(() -> query.apply(venue));
    }

    /**
     * Stops or restarts the market flow (tests: freeze the market to compare what a listener holds
     * with the venue). While stopped, venue time stands still; orders still run.
     *
     * @param running whether the market moves
     */
    void runMarket(boolean running) {
        marketRunning = running;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return DISPLAY_NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return SimulatedCapabilities.CONNECTOR;
    }

    @Override
    public List<Instrument> instruments() {
        return venue.instruments();
    }

    @Override
    public Subscription subscribeInstruments(InstrumentListener listener) {
        return locked(v -> v.subscribeInstruments(listener));
    }

    @Override
    public MarketData marketData() {
        return marketData;
    }

    @Override
    public List<TradingAccount> tradingAccounts() {
        return List.of(account);
    }

    /**
     * Disconnect stops the market data (the venue's market stands still for this connector, its
     * streams say they are stale) while orders still run; connect lets the market catch up with the
     * wall clock. There is no socket, so {@link ConnectionControl.TransportMode#AUTO} is the only mode.
     */
    @Override
    public Optional<ConnectionControl> connectionControl() {
        return Optional.of(control);
    }

    @Override
    public ConnectionHealth health() {
        return venue.health();
    }

    @Override
    public Subscription subscribeHealth(HealthListener listener) {
        Objects.requireNonNull(listener, "listener");
        return locked(v -> v.subscribeHealth(listener));
    }

    /**
     * Stops the market and the threads; subscriptions deliver nothing more and pending futures
     * complete (see the class documentation). Closing twice does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (runtime.lock()) {
            venue.closed();
        }
        runtime.close();
        for (Runnable r : List.copyOf(pending.values())) {
            r.run();
        }
    }

    private final class SimulatedMarketData implements MarketData {

        @Override
        public Subscription subscribeTicker(InstrumentId instrument, TickerListener listener) {
            return locked(v -> v.subscribeTicker(instrument, listener));
        }

        @Override
        public Subscription subscribeTrades(InstrumentId instrument, TradeListener listener) {
            return locked(v -> v.subscribeTrades(instrument, listener));
        }

        @Override
        public Subscription subscribeBook(BookRequest request, BookListener listener) {
            return locked(v -> v.subscribeBook(request, listener));
        }

        @Override
        public BookOptions bookOptions(InstrumentId instrument) {
            return venue.bookOptions(instrument);
        }

        @Override
        public Subscription subscribeCandles(CandleRequest request, CandleListener listener) {
            return locked(v -> v.subscribeCandles(request, listener));
        }

        @Override
        public List<CandleInterval> candleIntervals() {
            return SimulatedVenue.INTERVALS;
        }

        @Override
        public CompletionStage<List<Candle>> candleHistory(CandleHistoryRequest request) {
            Objects.requireNonNull(request, "request");
            return call(() -> venue.candleHistory(request), null);
        }

        @Override
        public CompletionStage<List<Trade>> tradeHistory(TradeHistoryRequest request) {
            Objects.requireNonNull(request, "request");
            return call(() -> venue.tradeHistory(request), null);
        }

        @Override
        public Subscription subscribeMarkPrice(InstrumentId instrument, MarkPriceListener listener) {
            return locked(v -> v.subscribeMarkPrice(instrument, listener));
        }

        @Override
        public Subscription subscribeLiquidations(InstrumentId instrument, LiquidationListener listener) {
            return locked(v -> v.subscribeLiquidations(instrument, listener));
        }
    }

    private final class SimulatedAccount implements TradingAccount {

        @Override
        public String accountId() {
            return ACCOUNT_ID;
        }

        @Override
        public String exchangeId() {
            return ID;
        }

        @Override
        public String displayName() {
            return "Simulated paper account";
        }

        @Override
        public Set<Capability> capabilities() {
            return SimulatedCapabilities.ACCOUNT;
        }

        @Override
        public ConnectionHealth health() {
            return venue.accountHealth();
        }

        @Override
        public Subscription subscribeHealth(HealthListener listener) {
            Objects.requireNonNull(listener, "listener");
            return locked(v -> v.subscribeAccountHealth(listener));
        }

        @Override
        public CompletionStage<Order> place(OrderRequest request) {
            Objects.requireNonNull(request, "request");
            return call(() -> venue.place(request), () -> {
                Instant t = Instant.now();
                return Order.pending(request, ACCOUNT_ID, t).rejected(CLOSED, CLOSED_TEXT, t);
            });
        }

        @Override
        public CompletionStage<Order> cancel(String clientOrderId) {
            Objects.requireNonNull(clientOrderId, "clientOrderId");
            return call(() -> venue.cancel(clientOrderId), null);
        }

        @Override
        public CompletionStage<Order> amend(AmendRequest request) {
            Objects.requireNonNull(request, "request");
            return call(() -> venue.amend(request), null);
        }

        @Override
        public CompletionStage<Integer> cancelAll(Optional<InstrumentId> instrument) {
            Objects.requireNonNull(instrument, "instrument");
            return call(() -> venue.cancelAll(instrument), null);
        }

        @Override
        public CompletionStage<Optional<Order>> queryOrder(String clientOrderId) {
            Objects.requireNonNull(clientOrderId, "clientOrderId");
            return call(() -> venue.order(clientOrderId), null);
        }

        @Override
        public CompletionStage<List<Order>> orderHistory(HistoryRequest request) {
            Objects.requireNonNull(request, "request");
            return call(() -> venue.orderHistory(request), null);
        }

        @Override
        public CompletionStage<List<Fill>> fills(HistoryRequest request) {
            Objects.requireNonNull(request, "request");
            return call(() -> venue.fills(request), null);
        }

        /** The paper account: no clock to sync, no key that could withdraw, no request limits. */
        @Override
        public CompletionStage<org.tradebench.api.trading.AccountDiagnostics> diagnose() {
            return java.util.concurrent.CompletableFuture.completedFuture(new org.tradebench.api.trading.AccountDiagnostics(
                    java.time.Duration.ZERO, false, java.util.List.of("paper-trading"), 0.0,
                    "no request limits (the embedded exchange)"));
        }

        @Override
        public CompletionStage<SettingResult> configure(AccountSetting setting) {
            Objects.requireNonNull(setting, "setting");
            return call(() -> venue.configure(setting), () -> SettingResult.refused(CLOSED, CLOSED_TEXT));
        }

        @Override
        public List<Order> openOrders() {
            return venue.openOrders();
        }

        @Override
        public List<Balance> balances() {
            return venue.balances();
        }

        @Override
        public List<Position> positions() {
            return venue.positions();
        }

        @Override
        public Subscription subscribe(TradingListener listener) {
            return locked(v -> v.subscribeTrading(listener));
        }
    }
}
