package org.tradebench.connector.simulated;

import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.time.Instant;

import org.tradebench.api.Capability;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.TradeListener;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.TradingAccount;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.connector.simulated.internal.SimulatedVenue;
import org.tradebench.connector.simulated.internal.VenueSubscription;

/**
 * The embedded simulated exchange as a running {@link ExchangeConnector}: a deterministic synthetic
 * market with a matching engine and a paper account, driven by the wall clock on one thread named
 * {@value #THREAD_NAME}.
 *
 * <p>In the workbench it is registered as an OSGi service by a DS component (lowest
 * {@code service.ranking}); headless tools and tests start one directly:
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
 * <p>Threading: all venue state belongs to the {@value #THREAD_NAME} thread. Calls from other
 * threads are posted to it and return at once; callbacks and future completions run on it, in
 * order per subscription. A listener that throws is logged and keeps its subscription. Snapshot
 * getters ({@code openOrders}, {@code balances}, {@code positions}, {@code health}) read immutable
 * values published by that thread and may be called from any thread.
 */
public final class SimulatedExchange implements ExchangeConnector, AutoCloseable {

    /** The exchange id: {@value}. */
    public static final String ID = "simulated";
    /** The display name: {@value}. */
    public static final String DISPLAY_NAME = "Simulated Exchange";
    /** The name of the venue thread. */
    public static final String THREAD_NAME = "simulated-exchange";

    private static final System.Logger LOG = System.getLogger(SimulatedExchange.class.getName());
    // 100 ticks a second: smooth enough for a UI, cheap enough to idle.
    private static final long TICK_NANOS = 10_000_000;

    private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.TICKER, Capability.TRADES,
            Capability.ORDER_BOOK, Capability.CANDLES, Capability.CANDLE_HISTORY, Capability.TRADING,
            Capability.ORDER_LIMIT, Capability.ORDER_MARKET, Capability.ORDER_STOP, Capability.ORDER_STOP_LIMIT,
            Capability.ORDER_TAKE_PROFIT, Capability.ORDER_ATTACHED_TP_SL, Capability.ORDER_POST_ONLY,
            Capability.ORDER_REDUCE_ONLY, Capability.ORDER_IOC_FOK, Capability.BALANCES, Capability.POSITIONS,
            Capability.FILLS));

    private final SimulatedVenue venue;
    private final ScheduledExecutorService executor;
    private final long startNanos;
    private final MarketData marketData = new SimulatedMarketData();
    private final TradingAccount account = new SimulatedAccount();
    private long expectedTick;

    private SimulatedExchange(SimulatedExchangeConfig config) {
        this.startNanos = System.nanoTime();
        this.venue = new SimulatedVenue(config, Instant.now(), true);
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        this.expectedTick = startNanos + TICK_NANOS;
        executor.scheduleAtFixedRate(this::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
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

    private void tick() {
        try {
            long now = System.nanoTime();
            long delay = now - expectedTick;
            // Fixed-rate ticks are due at regular times; how late this one runs is the event
            // loop's scheduling delay, reported as the connection latency.
            expectedTick += TICK_NANOS;
            if (delay > 1_000_000_000L) {
                expectedTick = now + TICK_NANOS; // after a long stall (suspend, debugger) start afresh
            }
            venue.recordLoopDelay(delay);
            venue.advanceTo(now - startNanos);
        } catch (RuntimeException | Error e) {
            // An escaping exception would cancel the periodic task and freeze the market.
            LOG.log(Level.ERROR, "simulated exchange tick failed", e);
        }
    }

    /** Runs an action on the venue thread at the current venue time. */
    private <T> CompletableFuture<T> call(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    venue.advanceTo(System.nanoTime() - startNanos);
                    result.complete(action.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the simulated exchange is closed", e));
        }
        return result;
    }

    /** Registers a subscription on the venue thread; the handle is returned at once. */
    private <S extends Subscription> S register(S subscription, Consumer<S> add) {
        try {
            executor.execute(() -> {
                venue.advanceTo(System.nanoTime() - startNanos);
                add.accept(subscription);
            });
        } catch (RejectedExecutionException e) {
            subscription.close();
        }
        return subscription;
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
        return CAPABILITIES;
    }

    @Override
    public List<Instrument> instruments() {
        return venue.instruments();
    }

    @Override
    public MarketData marketData() {
        return marketData;
    }

    @Override
    public Optional<TradingAccount> trading() {
        return Optional.of(account);
    }

    @Override
    public ConnectionHealth health() {
        return venue.health();
    }

    @Override
    public Subscription subscribeHealth(HealthListener listener) {
        return register(new VenueSubscription<>(listener, "health"), venue::addHealth);
    }

    /** Stops the market and the thread; subscriptions deliver nothing more. Closing twice does nothing. */
    @Override
    public void close() {
        executor.shutdownNow();
        if (Thread.currentThread().getName().equals(THREAD_NAME)) {
            return; // closed from a callback: the thread ends when the callback returns
        }
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "simulated exchange thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class SimulatedMarketData implements MarketData {

        @Override
        public Subscription subscribeTicker(InstrumentId instrument, TickerListener listener) {
            venue.requireInstrument(instrument);
            return register(new VenueSubscription<>(listener, "ticker " + instrument),
                    sub -> venue.addTicker(instrument, sub));
        }

        @Override
        public Subscription subscribeTrades(InstrumentId instrument, TradeListener listener) {
            venue.requireInstrument(instrument);
            return register(new VenueSubscription<>(listener, "trades " + instrument),
                    sub -> venue.addTrades(instrument, sub));
        }

        @Override
        public Subscription subscribeBook(BookRequest request, BookListener listener) {
            venue.requireInstrument(request.instrument());
            return register(new VenueSubscription<>(listener, "book " + request.instrument() + " depth " + request.depth()),
                    sub -> venue.addBook(request, sub));
        }

        @Override
        public Subscription subscribeCandles(CandleRequest request, CandleListener listener) {
            venue.requireInstrument(request.instrument());
            SimulatedVenue.requireInterval(request.interval());
            return register(new VenueSubscription<>(listener, "candles " + request.instrument() + " " + request.interval()),
                    sub -> venue.addCandles(request, sub));
        }

        @Override
        public List<CandleInterval> candleIntervals() {
            return SimulatedVenue.INTERVALS;
        }

        @Override
        public CompletionStage<List<Candle>> candleHistory(CandleRequest request) {
            venue.requireInstrument(request.instrument());
            SimulatedVenue.requireInterval(request.interval());
            return call(() -> venue.candleHistory(request));
        }
    }

    private final class SimulatedAccount implements TradingAccount {

        @Override
        public CompletionStage<Order> place(OrderRequest request) {
            Objects.requireNonNull(request, "request");
            return call(() -> venue.place(request));
        }

        @Override
        public CompletionStage<Order> cancel(String clientOrderId) {
            Objects.requireNonNull(clientOrderId, "clientOrderId");
            return call(() -> venue.cancel(clientOrderId));
        }

        @Override
        public CompletionStage<Integer> cancelAll(Optional<InstrumentId> instrument) {
            Objects.requireNonNull(instrument, "instrument");
            return call(() -> venue.cancelAll(instrument));
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
            return register(new VenueSubscription<>(listener, "trading"), venue::addTrading);
        }
    }
}
