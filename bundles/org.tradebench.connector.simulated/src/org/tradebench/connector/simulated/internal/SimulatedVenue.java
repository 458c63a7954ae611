package org.tradebench.connector.simulated.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.tradebench.api.Decimals;
import org.tradebench.api.Subscription;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.DataSource;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentListener;
import org.tradebench.api.instrument.InstrumentSpec;
import org.tradebench.api.instrument.InstrumentsChanged;
import org.tradebench.api.market.BookGrouping;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookOptions;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleHistoryRequest;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.DayStats;
import org.tradebench.api.market.Liquidation;
import org.tradebench.api.market.LiquidationListener;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.MarkPriceListener;
import org.tradebench.api.market.Quote;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
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
import org.tradebench.api.trading.TradingListener;
import org.tradebench.connector.simulated.SimulatedExchangeConfig;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.health.HealthModel;
import org.tradebench.connector.support.stream.BookStream;
import org.tradebench.connector.support.stream.BookSubscription;
import org.tradebench.connector.support.stream.EventStream;
import org.tradebench.connector.support.stream.EventSubscription;
import org.tradebench.connector.support.stream.SharedStream;
import org.tradebench.connector.support.stream.StreamRegistry;
import org.tradebench.connector.support.stream.StreamSubscription;
import org.tradebench.connector.support.stream.ValueStream;
import org.tradebench.core.book.OrderBook;
import org.tradebench.core.candle.CandleAggregator;
import org.tradebench.core.health.RateMeter;

/**
 * The simulated exchange as a clock-driven object: a seeded synthetic market (participants' limit
 * orders arriving and cancelling around a mean-reverting fair price, marketable orders producing
 * trades) on per-order books with a real price-time matching engine, the user's paper account, and
 * the market-data and account streams, published through the connector toolkit's shared streams.
 *
 * <p>Time is venue time in nanoseconds since {@link #epoch()}. Nothing happens between calls: the
 * owner moves time with {@link #advanceTo(long)} (the connector does so every few milliseconds
 * from the wall clock) or {@link #step()} (tests), and every event is stamped with venue time. So
 * the same seed, the same configuration and the same user actions at the same venue times give the
 * same event sequence, on any machine.
 *
 * <pre>{@code
 * SimulatedVenue venue = new SimulatedVenue(SimulatedExchangeConfig.DEFAULTS,
 *         Instant.parse("2025-01-01T00:00:00Z"), true);          // an inline runtime: listeners run at once
 * venue.subscribeTrades(venue.instrument("BTC/USD").id(), trades::add);
 * venue.advanceTo(Duration.ofSeconds(10).toNanos());                // ten seconds of market
 * Order o = venue.place(OrderRequest.market("c-1", btc, Side.BUY, new BigDecimal("0.01")));
 * }</pre>
 *
 * <h2>Streams</h2>
 * Every stream is a toolkit {@link SharedStream} shared by key (two subscriptions to one book are
 * one {@link BookStream}) and fed only while it has subscriptions ({@link Feed}): books through
 * {@link VenueBook} masters committed after each action, tickers and mark prices as conflated
 * {@link ValueStream}s, trades, candles and liquidations as {@link EventStream}s that never drop, and
 * the account as the toolkit's {@code TradingStream} (one for the account, never dropping either). A stream the venue cannot serve (an unlisted symbol, a per-order book, a mark price
 * of a spot instrument, an interval it does not stream) ends {@link DataState#FAILED} with the
 * reason.
 *
 * <h2>Mark price, index and funding (the perpetual)</h2>
 * The mark price is the synthetic fair price the participants quote around, rounded to the tick
 * (on a quiet venue, which has no fair-price flow, the mid of the book, else the last price);
 * positions are marked and liquidated at it. The index price is the mark of the spot market the
 * perpetual tracks (BTC/USD). The funding rate is synthetic: Binance's formula on the current
 * premium {@code P = (mark - index) / index}, {@code P + clamp(0.01% - P, -0.05%, +0.05%)}, capped
 * at ±0.75%, per 8-hour period; the next funding is the next 00:00, 08:00 or 16:00 UTC of venue time.
 * Funding is shown, never charged. Open interest is not published (only the user holds positions).
 *
 * <h2>Threading</h2>
 * Not thread-safe: every call is made under the runtime's lock (the connector's control thread, or
 * a test's thread with an inline runtime); listeners run on the runtime's delivery thread (at once,
 * on the caller, with an inline runtime). Subscriptions may be closed from any thread.
 */
public final class SimulatedVenue {

    /** The candle intervals the venue streams. */
    public static final List<CandleInterval> INTERVALS = List.of(CandleInterval.S1, CandleInterval.S5,
            CandleInterval.S15, CandleInterval.M1, CandleInterval.M5, CandleInterval.M15, CandleInterval.H1,
            CandleInterval.D1);

    /** The book depths offered; a request takes the next at least as deep. */
    public static final List<Integer> DEPTHS = List.of(1, 10, 25, 50, 100, 250, 1000, 10_000);

    /** Live candles kept per instrument and interval. */
    static final int LIVE_CANDLES = 2000;
    /** How far synthetic candle history reaches back before the venue started, in candles. */
    static final int SYNTHETIC_CANDLES = 50_000;
    /** Participant orders per side the flow steers towards (the initial book holds this many). */
    static final int TARGET_ORDERS_PER_SIDE = 400;
    /** Grid levels (of {@link InstrumentProfile#levelStepTicks()}) participants quote away from fair. */
    static final int GRID_LEVELS = 120;
    /** Share of events that are market orders. */
    static final double P_MARKET = 0.07;
    /** Share of limit orders priced through the fair price: marketable limits that usually trade. */
    static final double P_AGGRESSIVE = 0.05;
    /** The funding period of the perpetual. */
    static final long FUNDING_PERIOD_MILLIS = Duration.ofHours(8).toMillis();

    private static final BigDecimal FUNDING_INTEREST = new BigDecimal("0.0001");
    private static final BigDecimal FUNDING_CLAMP = new BigDecimal("0.0005");
    private static final BigDecimal FUNDING_CAP = new BigDecimal("0.0075");

    private final SimulatedExchangeConfig config;
    private final ConnectorRuntime runtime;
    private final Instant epoch;
    private final long epochMillis;
    private final InstrumentState[] markets;
    private final Map<InstrumentId, InstrumentState> byId;
    private final List<Instrument> instruments;
    private final double totalWeight;
    private final double[] flowWeights;
    private final SeededRandom random;
    private final RateMeter eventRate = new RateMeter(Duration.ofSeconds(2));
    private final TradingEngine trading;
    private final Rules rules;
    private final double meanInterarrivalNanos;
    private final boolean syntheticMarket;
    private final StreamRegistry<String> registry = new StreamRegistry<>();
    // Candle history each new candle subscription asked for, until it joins its stream.
    private final Map<StreamSubscription<?>, Integer> candleHistoryWanted = new WeakHashMap<>();
    private final ValueStream<InstrumentListener, InstrumentsChanged> instrumentStream;
    private final HealthModel health;
    private final HealthModel.Session marketSession;
    private final HealthModel.Session tradingSession;
    private final HealthModel.View accountHealth;

    // Read by now() from other threads, hence volatile; written only under the runtime lock.
    private volatile long now;
    private long nextEvent;
    private long nextSecond;
    private long events;
    private long loopDelayMax = -1;

    /**
     * Creates a venue whose listeners run at once on the calling thread (an inline runtime): what
     * tests and the protocol simulators use.
     *
     * @param config seed, rate, balance, leverage
     * @param epoch the instant of venue time 0 (truncated to milliseconds)
     * @param syntheticMarket true for the synthetic market (see the four-argument constructor)
     */
    public SimulatedVenue(SimulatedExchangeConfig config, Instant epoch, boolean syntheticMarket) {
        this(config, epoch, syntheticMarket, ConnectorRuntime.inline(InstrumentProfile.EXCHANGE_ID));
    }

    /**
     * Creates a venue whose time starts at {@code epoch}.
     *
     * @param config seed, rate, balance, leverage
     * @param epoch the instant of venue time 0 (truncated to milliseconds)
     * @param syntheticMarket true for the synthetic market: full books and participants' order flow
     *        at the configured rate (the normal case); false for a quiet venue with empty books and
     *        no flow, which a test fills and moves with {@link #submitParticipantOrder} (time still
     *        moves candles, marks and health)
     * @param runtime the runtime whose lock guards the venue and whose delivery calls listeners
     */
    public SimulatedVenue(SimulatedExchangeConfig config, Instant epoch, boolean syntheticMarket,
            ConnectorRuntime runtime) {
        this(config, epoch, syntheticMarket, runtime, Rules.OWN);
    }

    /**
     * Rules of another exchange the venue imitates (for a protocol simulator such as Bitfinex's).
     *
     * @param significantDigits prices the synthetic market quotes and participants' orders rest at
     *        have at most this many significant digits (on top of the instrument's tick); 0 for the
     *        venue's own tick rules
     * @param feeInReceivedCurrency a spot buy's fee is taken from the currency bought (a sell's from
     *        the quote, as always), instead of always from the quote
     * @param specs tick, lot and minimum notional per venue symbol (for example {@code "BTC/USD"})
     *        replacing the venue's own; the synthetic market keeps its shape in price terms (its
     *        quoting grid is rescaled to the new tick); empty for the venue's own specs
     */
    public record Rules(int significantDigits, boolean feeInReceivedCurrency, Map<String, InstrumentSpec> specs) {

        /** The simulated exchange's own rules: its ticks, fees in the quote currency. */
        public static final Rules OWN = new Rules(0, false);

        /** Bitfinex: 5 significant digits, the fee taken from the currency received. */
        public static final Rules BITFINEX = new Rules(5, true);

        /**
         * Binance: the filters of Binance's BTCUSDT, ETHUSDT and SOLUSDT spot markets (ticks 0.01,
         * lots 0.00001, 0.0001 and 0.001, minimum notional 5) and of the USD-M BTCUSDT perpetual
         * (tick 0.10, lot 0.001, minimum notional 100); a spot fee is taken from the asset received
         * (Binance's commission asset without BNB: the base asset on a buy, the quote on a sell).
         */
        public static final Rules BINANCE = new Rules(0, true, Map.of(
                "BTC/USD", new InstrumentSpec(new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("5")),
                "ETH/USD", new InstrumentSpec(new BigDecimal("0.01"), new BigDecimal("0.0001"), new BigDecimal("5")),
                "SOL/USD", new InstrumentSpec(new BigDecimal("0.01"), new BigDecimal("0.001"), new BigDecimal("5")),
                "BTC/USD:USD", new InstrumentSpec(new BigDecimal("0.1"), new BigDecimal("0.001"),
                        new BigDecimal("100"))));

        /** Validates and copies. */
        public Rules {
            if (significantDigits < 0 || significantDigits > 18) {
                throw new IllegalArgumentException("significantDigits must be 0..18: " + significantDigits);
            }
            specs = Map.copyOf(specs);
        }

        /**
         * Rules with the venue's own instrument specs.
         *
         * @param significantDigits see the record
         * @param feeInReceivedCurrency see the record
         */
        public Rules(int significantDigits, boolean feeInReceivedCurrency) {
            this(significantDigits, feeInReceivedCurrency, Map.of());
        }
    }

    /**
     * Creates a venue with listeners on an inline runtime that follows another exchange's rules.
     *
     * @param config seed, rate, balance, leverage
     * @param epoch the instant of venue time 0
     * @param syntheticMarket true for the synthetic market
     * @param rules the rules
     */
    public SimulatedVenue(SimulatedExchangeConfig config, Instant epoch, boolean syntheticMarket, Rules rules) {
        this(config, epoch, syntheticMarket, ConnectorRuntime.inline(InstrumentProfile.EXCHANGE_ID), rules);
    }

    private SimulatedVenue(SimulatedExchangeConfig config, Instant epoch, boolean syntheticMarket,
            ConnectorRuntime runtime, Rules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.config = Objects.requireNonNull(config, "config");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.epochMillis = epoch.toEpochMilli();
        this.epoch = Instant.ofEpochMilli(epochMillis);
        this.random = new SeededRandom(SeededRandom.mix(config.seed(), 1));
        this.meanInterarrivalNanos = 1e9 / config.eventsPerSecond();
        this.syntheticMarket = syntheticMarket;

        List<InstrumentProfile> profiles = InstrumentProfile.standard().stream()
                .map(p -> rules.specs().containsKey(p.id().symbol()) ? p.withSpec(rules.specs().get(p.id().symbol())) : p)
                .toList();
        markets = new InstrumentState[profiles.size()];
        Map<InstrumentId, InstrumentState> map = new LinkedHashMap<>();
        FairPrice btc = null;
        double weights = 0;
        for (int i = 0; i < markets.length; i++) {
            InstrumentProfile p = profiles.get(i);
            FairPrice fair;
            if (p.isPerpetual()) {
                // The perpetual tracks BTC spot with a small, slowly mean-reverting basis.
                double ratio = p.initialPrice().doubleValue() / profiles.get(0).initialPrice().doubleValue();
                fair = new FairPrice(ratio, FairPrice.SIGMA / 4, 1.0 / 600, btc);
            } else {
                fair = new FairPrice(p.initialPrice().doubleValue(), FairPrice.SIGMA, FairPrice.THETA, null);
            }
            if (i == 0) {
                btc = fair;
            }
            InstrumentState s = new InstrumentState(i, p, fair, INTERVALS.size());
            for (int k = 0; k < INTERVALS.size(); k++) {
                int interval = k;
                s.aggregators[k] = new CandleAggregator(p.id(), INTERVALS.get(k), LIVE_CANDLES,
                        candle -> publishCandle(s, interval, candle));
            }
            markets[i] = s;
            map.put(p.id(), s);
            weights += p.flowWeight();
        }
        this.byId = Map.copyOf(map);
        this.instruments = profiles.stream().map(InstrumentProfile::instrument).toList();
        // the events' share per instrument: the profiles' own, or most of them on the focus
        this.flowWeights = new double[markets.length];
        String focus = config.focus();
        int focused = -1;
        for (int i = 0; i < markets.length; i++) {
            flowWeights[i] = markets[i].profile.flowWeight();
            if (markets[i].profile.id().symbol().equals(focus)) {
                focused = i;
            }
        }
        if (focus != null && focused < 0) {
            throw new IllegalArgumentException("the simulated exchange cannot focus on " + focus + ": it lists "
                    + profiles.stream().map(p -> p.id().symbol()).toList());
        }
        if (focused >= 0) {
            double others = weights - flowWeights[focused];
            flowWeights[focused] = others * SimulatedExchangeConfig.FOCUS_SHARE / (1 - SimulatedExchangeConfig.FOCUS_SHARE);
            weights = others + flowWeights[focused];
        }
        this.totalWeight = weights;
        List<String> currencies = new ArrayList<>();
        currencies.add(Account.SETTLE);
        for (InstrumentProfile p : profiles) {
            if (!p.isPerpetual() && !currencies.contains(p.id().base())) {
                currencies.add(p.id().base());
            }
        }
        this.trading = new TradingEngine(this, new Account(InstrumentProfile.EXCHANGE_ID, config.paperBalance(),
                config.leverage(), currencies), runtime);

        for (InstrumentState s : markets) {
            if (syntheticMarket) {
                populate(s);
            }
            backfillDayStats(s);
            s.book.takeChanged();
        }
        nextEvent = syntheticMarket ? interarrival() : Long.MAX_VALUE;
        long firstSecondMillis = Math.floorDiv(epochMillis, 1000) * 1000 + 1000;
        nextSecond = (firstSecondMillis - epochMillis) * 1_000_000;
        trading.publishViews();

        this.instrumentStream = new ValueStream<>(runtime, "instruments", SharedStream.Owner.NONE);
        instrumentStream.state(DataState.LIVE, "");
        instrumentStream.publish(InstrumentsChanged.initial(InstrumentProfile.EXCHANGE_ID, instruments),
                System.nanoTime());
        this.health = new HealthModel(runtime);
        this.marketSession = health.session(SessionHealth.MARKET_DATA).source(DataSource.SIMULATED);
        this.tradingSession = health.session(SessionHealth.TRADING).source(DataSource.SIMULATED);
        marketSession.opened();
        tradingSession.opened();
        health.update();
        this.accountHealth = health.view(SessionHealth.TRADING);
    }

    // ---------------------------------------------------------------- time

    /** The exchange rules the venue follows. */
    public Rules rules() {
        return rules;
    }

    /**
     * A price (in price units) on the venue's price grid: the instrument's tick and, with
     * {@link Rules#significantDigits()}, at most that many significant digits.
     *
     * @param s the instrument
     * @param units the price in units
     * @param up true to round up, false to round down (towards zero)
     * @return the price on the grid, at least one step
     */
    long onGrid(InstrumentState s, long units, boolean up) {
        long step = s.profile.tickUnits();
        if (rules.significantDigits() > 0 && units > 0) {
            int digits = Long.toString(units).length();
            if (digits > rules.significantDigits()) {
                step = Math.max(step, pow10(digits - rules.significantDigits()));
            }
        }
        long p = up ? ceilTo(units, step) : floorTo(units, step);
        return Math.max(step, p);
    }

    private static long pow10(int n) {
        long v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }

    /** The instant of venue time 0. */
    public Instant epoch() {
        return epoch;
    }

    /** Venue time now, in nanoseconds since {@link #epoch()}. */
    public long now() {
        return now;
    }

    /** Venue time now as an instant. */
    public Instant instant() {
        return epoch.plusNanos(now);
    }

    long epochMillisNow() {
        return epochMillis + now / 1_000_000;
    }

    /** The configuration. */
    public SimulatedExchangeConfig config() {
        return config;
    }

    /** The runtime the venue's streams deliver through. */
    public ConnectorRuntime runtime() {
        return runtime;
    }

    /** Synthetic market events processed so far. */
    public long marketEvents() {
        return events;
    }

    /** Synthetic market events per second of venue time, over the last two seconds. */
    public double eventRate() {
        return eventRate.perSecond(now);
    }

    /**
     * Runs everything due up to venue time {@code target}: market events, candle closes,
     * mark-to-market, mark prices and health updates, in time order.
     *
     * @param target venue time in nanoseconds; earlier than now does nothing
     */
    public void advanceTo(long target) {
        advance(target, Integer.MAX_VALUE);
    }

    /**
     * Runs at most {@code maxEvents} of what is due up to venue time {@code target}, so that a
     * caller holding a lock can let others in between slices.
     *
     * @param target venue time in nanoseconds
     * @param maxEvents most market events and second ticks to run now
     * @return true when the venue reached {@code target}; false when events due before it remain
     */
    public boolean advance(long target, int maxEvents) {
        int done = 0;
        while (true) {
            long next = Math.min(nextEvent, nextSecond);
            if (next > target) {
                break;
            }
            if (done++ >= maxEvents) {
                return false;
            }
            now = Math.max(now, next);
            if (next == nextSecond) {
                everySecond();
                nextSecond += 1_000_000_000L;
            } else {
                marketEvent();
                nextEvent += interarrival();
            }
        }
        if (target > now) {
            now = target;
        }
        return true;
    }

    /**
     * Runs up to and including the next market event.
     *
     * @return venue time after the step
     * @throws IllegalStateException on a quiet venue (no synthetic market)
     */
    public long step() {
        if (!syntheticMarket) {
            throw new IllegalStateException("a quiet venue has no market events to step to");
        }
        advanceTo(nextEvent);
        return now;
    }

    private long interarrival() {
        // Poisson arrivals at the configured rate; at least 1 ns so time always moves.
        return Math.max(1, StrictMath.round(random.nextExponential(meanInterarrivalNanos)));
    }

    /**
     * Records how late the connector's event loop ran a tick; the largest delay of each second
     * becomes the health's latency.
     *
     * @param delayNanos scheduling delay
     */
    public void recordLoopDelay(long delayNanos) {
        loopDelayMax = Math.max(loopDelayMax, Math.max(0, delayNanos));
    }

    private void everySecond() {
        Instant t = instant();
        for (InstrumentState s : markets) {
            for (CandleAggregator a : s.aggregators) {
                a.onTime(t);
            }
        }
        trading.everySecond();
        for (InstrumentState s : markets) {
            // The mark follows the fair price, which moves with the leader's flow too: a position
            // may reach its liquidation price without a trade on its own book.
            if (trading.liquidationDue(s)) {
                afterAction(s);
            }
            publishMarkPrice(s);
        }
        if (loopDelayMax >= 0) {
            Duration latency = Duration.ofNanos(loopDelayMax);
            marketSession.latency(latency);
            tradingSession.latency(latency);
            loopDelayMax = -1;
        }
        health.tick();
    }

    // ---------------------------------------------------------------- instruments

    /** The instruments, in a fixed order. */
    public List<Instrument> instruments() {
        return instruments;
    }

    /**
     * Looks an instrument up by symbol.
     *
     * @param symbol for example {@code "BTC/USD"}
     * @return the instrument
     * @throws IllegalArgumentException when the venue has no such instrument
     */
    public Instrument instrument(String symbol) {
        return market(new InstrumentId(InstrumentProfile.EXCHANGE_ID, symbol)).profile.instrument();
    }

    /** Thread-safe: reads immutable state only. */
    InstrumentState market(InstrumentId id) {
        InstrumentState s = byId.get(id);
        if (s == null) {
            throw new IllegalArgumentException(unknown(id));
        }
        return s;
    }

    InstrumentState marketOrNull(InstrumentId id) {
        return byId.get(id);
    }

    /**
     * The instrument's state when listed, null when the symbol is not listed here.
     *
     * @throws IllegalArgumentException for an instrument of another exchange (a malformed argument)
     */
    private InstrumentState listed(InstrumentId id) {
        Objects.requireNonNull(id, "instrument");
        if (!id.exchangeId().equals(InstrumentProfile.EXCHANGE_ID)) {
            throw new IllegalArgumentException("instrument " + id + " belongs to the exchange '" + id.exchangeId()
                    + "', not to the simulated exchange");
        }
        return byId.get(id);
    }

    private String unknown(InstrumentId id) {
        return "unknown instrument " + id + ": the simulated exchange lists " + symbols();
    }

    String symbols() {
        return instruments.stream().map(i -> i.id().symbol()).collect(Collectors.joining(", "));
    }

    String perpetualSymbols() {
        return instruments.stream().filter(i -> market(i.id()).profile.isPerpetual()).map(i -> i.id().symbol())
                .collect(Collectors.joining(", "));
    }

    /**
     * The aggregated book of an instrument as the venue holds it: read it, never change it.
     *
     * @param id the instrument
     * @return the live book, with the number of orders at each level
     */
    public OrderBook book(InstrumentId id) {
        return market(id).book.aggregated();
    }

    /** The last trade price of an instrument, if it traded. */
    public Optional<BigDecimal> lastPrice(InstrumentId id) {
        InstrumentState s = market(id);
        return s.lastPrice == 0 ? Optional.empty() : Optional.of(s.profile.price(s.lastPrice));
    }

    /** The mid of the book, else the last price, else null. */
    BigDecimal mid(InstrumentState s) {
        OrderBook b = s.book.aggregated();
        if (b.bestBid() > 0 && b.bestAsk() > 0) {
            return Decimals.normalize(s.profile.price(b.bestBid() + b.bestAsk()).divide(BigDecimal.TWO));
        }
        return s.lastPrice == 0 ? null : s.profile.price(s.lastPrice);
    }

    /**
     * The mark price: the fair price rounded to the tick on the synthetic market, the mid (else the
     * last price) on a quiet venue; null when nothing is known.
     */
    BigDecimal mark(InstrumentState s) {
        if (!syntheticMarket) {
            return mid(s);
        }
        return s.profile.spec().roundPrice(BigDecimal.valueOf(s.fair.price()), RoundingMode.HALF_EVEN);
    }

    /** The index price of a perpetual: the mark of the spot market it tracks; null for spot. */
    BigDecimal index(InstrumentState s) {
        String symbol = s.profile.indexSymbol();
        return symbol == null ? null : mark(market(new InstrumentId(InstrumentProfile.EXCHANGE_ID, symbol)));
    }

    /** The mark price event of a perpetual now (see the class documentation), null when nothing is known. */
    MarkPrice markPrice(InstrumentState s) {
        BigDecimal mark = mark(s);
        BigDecimal index = index(s);
        if (mark == null && index == null) {
            return null;
        }
        BigDecimal funding = null;
        if (mark != null && index != null) {
            BigDecimal premium = mark.subtract(index).divide(index, 12, RoundingMode.HALF_EVEN);
            BigDecimal adjust = FUNDING_INTEREST.subtract(premium).max(FUNDING_CLAMP.negate()).min(FUNDING_CLAMP);
            funding = premium.add(adjust).max(FUNDING_CAP.negate()).min(FUNDING_CAP).setScale(8, RoundingMode.HALF_EVEN);
        }
        long nowMillis = epochMillisNow();
        Instant next = Instant.ofEpochMilli(Math.floorDiv(nowMillis, FUNDING_PERIOD_MILLIS) * FUNDING_PERIOD_MILLIS
                + FUNDING_PERIOD_MILLIS);
        Instant t = instant();
        return new MarkPrice(s.profile.id(), t, t, mark, index, funding, next, null);
    }

    // ---------------------------------------------------------------- synthetic market

    private void populate(InstrumentState s) {
        double fair = s.fair.price() * unitsPerPrice(s);
        for (int i = 0; i < TARGET_ORDERS_PER_SIDE; i++) {
            s.book.add(Side.BUY, passivePrice(s, Side.BUY, fair), participantSize(s, 1.0), null);
            s.book.add(Side.SELL, passivePrice(s, Side.SELL, fair), participantSize(s, 1.0), null);
        }
        OrderBook b = s.book.aggregated();
        long tick = s.profile.tickUnits();
        s.lastPrice = Math.max(tick, (b.bestBid() + b.bestAsk()) / 2 / tick * tick);
    }

    /**
     * The 24-hour statistics start from the synthetic minute candles before the venue's start, the
     * same ones {@link #candleHistory(CandleHistoryRequest)} returns.
     */
    private void backfillDayStats(InstrumentState s) {
        for (Candle c : syntheticCandles(s, CandleInterval.M1, DayWindow.SLOTS)) {
            s.dayStats.add(c.start().toEpochMilli(), s.profile.priceUnits(c.open()), s.profile.priceUnits(c.high()),
                    s.profile.priceUnits(c.low()), s.profile.sizeUnits(c.volume()));
        }
    }

    /**
     * The newest {@code count} synthetic candles, ending where the venue's live candles begin (the
     * start of the bucket holding the epoch) and joining them at the starting price: fixed for the
     * venue's life, so pages asked at different times agree.
     */
    private List<Candle> syntheticCandles(InstrumentState s, CandleInterval interval, int count) {
        return CandleBackfill.generate(s.profile, s.index, interval, interval.bucketStartMillis(epochMillis), count,
                s.profile.initialPrice(), config.seed(), tradesPerSecond(s));
    }

    /** Roughly how many trades a second this instrument sees at the configured rate. */
    private double tradesPerSecond(InstrumentState s) {
        return config.eventsPerSecond() * flowWeights[s.index] / totalWeight * (P_MARKET + P_AGGRESSIVE) * 2;
    }

    private static double unitsPerPrice(InstrumentState s) {
        return StrictMath.pow(10, s.profile.priceScale());
    }

    private void marketEvent() {
        events++;
        eventRate.mark(now);
        marketSession.message();
        InstrumentState s = pickMarket();
        s.fair.advance(now, random);
        double fair = s.fair.price() * unitsPerPrice(s);
        double r = random.nextDouble();
        int bids = s.book.participantCount(Side.BUY);
        int asks = s.book.participantCount(Side.SELL);
        double cancelShare = Math.min(0.85, 0.46 * (bids + asks) / (2.0 * TARGET_ORDERS_PER_SIDE));
        if (r < P_MARKET) {
            participantMarket(s, fair);
        } else if (r < P_MARKET + cancelShare && bids + asks > 0) {
            participantCancel(s, bids, asks);
        } else {
            participantLimit(s, fair, bids, asks);
        }
        afterAction(s);
    }

    private InstrumentState pickMarket() {
        double u = random.nextDouble() * totalWeight;
        for (int i = 0; i < markets.length; i++) {
            u -= flowWeights[i];
            if (u < 0) {
                return markets[i];
            }
        }
        return markets[markets.length - 1];
    }

    private void participantMarket(InstrumentState s, double fair) {
        OrderBook b = s.book.aggregated();
        double grid = (double) s.profile.levelStepTicks() * s.profile.tickUnits();
        double mid = b.bestBid() > 0 && b.bestAsk() > 0 ? (b.bestBid() + b.bestAsk()) / 2.0 : fair;
        // Takers lean towards the fair price: when the book lags it, buying (or selling) is cheap.
        double pBuy = Math.max(0.1, Math.min(0.9, 0.5 + 0.15 * (fair - mid) / grid));
        Side side = random.nextDouble() < pBuy ? Side.BUY : Side.SELL;
        long size = participantSize(s, 0.7);
        // Protected market order: never sweeps further than 30 grid levels past the fair price.
        long protection = (long) (30 * grid);
        long limit = side == Side.BUY ? (long) fair + protection : Math.max(1, (long) fair - protection);
        participantTake(s, side, limit, size, false);
    }

    private void participantCancel(InstrumentState s, int bids, int asks) {
        Side side = random.nextInt(bids + asks) < bids ? Side.BUY : Side.SELL;
        int count = side == Side.BUY ? bids : asks;
        s.book.remove(s.book.participant(side, random.nextInt(count)));
    }

    private void participantLimit(InstrumentState s, double fair, int bids, int asks) {
        // Lean new orders towards the thinner side so both sides stay deep.
        double pBuy = 0.25 + 0.5 * (asks + 1.0) / (bids + asks + 2.0);
        Side side = random.nextDouble() < pBuy ? Side.BUY : Side.SELL;
        long price;
        if (random.nextDouble() < P_AGGRESSIVE) {
            long tick = s.profile.tickUnits();
            long through = tick * random.nextInt(2 * s.profile.levelStepTicks() + 1);
            price = side == Side.BUY ? ceilTo((long) fair, tick) + through
                    : Math.max(tick, floorTo((long) fair, tick) - through);
            if (rules.significantDigits() > 0) {
                price = onGrid(s, price, side == Side.BUY);
            }
        } else {
            price = passivePrice(s, side, fair);
        }
        participantTake(s, side, price, participantSize(s, 1.0), true);
    }

    /** A price on the passive side of {@code fair}: mostly on the level grid, sometimes near the touch. */
    private long passivePrice(InstrumentState s, Side side, double fair) {
        long tick = s.profile.tickUnits();
        long grid = tick * s.profile.levelStepTicks();
        long price;
        if (random.nextDouble() < 0.3) {
            long offset = tick * (1 + random.nextInt(s.profile.levelStepTicks()));
            price = side == Side.BUY ? floorTo((long) Math.floor(fair) - offset, tick)
                    : ceilTo((long) Math.ceil(fair) + offset, tick);
        } else {
            // Denser near the touch, thinning out over GRID_LEVELS levels.
            double u = random.nextDouble();
            long k = 1 + (long) (GRID_LEVELS * u * Math.sqrt(u));
            price = side == Side.BUY ? floorTo((long) Math.floor(fair), grid) - (k - 1) * grid
                    : ceilTo((long) Math.ceil(fair), grid) + (k - 1) * grid;
            if (side == Side.BUY && price >= fair) {
                price -= grid;
            } else if (side == Side.SELL && price <= fair) {
                price += grid;
            }
        }
        price = Math.max(tick, price);
        // an exchange with coarser prices: bids round down, asks up (both stay passive)
        return rules.significantDigits() > 0 ? onGrid(s, price, side == Side.SELL) : price;
    }

    private long participantSize(InstrumentState s, double scale) {
        long lot = s.profile.lotUnits();
        double typicalLots = s.profile.typicalSize().doubleValue() * StrictMath.pow(10, s.profile.sizeScale()) / lot;
        long lots = StrictMath.round(typicalLots * scale * StrictMath.exp(0.9 * random.nextGaussian()));
        return Math.max(1, lots) * lot;
    }

    private static long floorTo(long value, long step) {
        return Math.floorDiv(value, step) * step;
    }

    private static long ceilTo(long value, long step) {
        return -Math.floorDiv(-value, step) * step;
    }

    /**
     * A participant order: takes liquidity up to {@code limit}, then rests the remainder when
     * {@code rest} is true. Resting user orders fill as makers, in price-time priority.
     */
    private void participantTake(InstrumentState s, Side side, long limit, long size, boolean rest) {
        long remaining = size;
        Side opposite = side.opposite();
        while (remaining > 0) {
            MatchingBook.PriceLevel level = s.book.best(opposite);
            if (level == null || !crosses(side, limit, level.price)) {
                break;
            }
            MatchingBook.RestingOrder maker = level.head;
            long q = Math.min(remaining, maker.remaining);
            if (maker.user != null) {
                q = trading.makerAllowance(maker.user, q);
                if (q <= 0) {
                    trading.cancelUnfillableMaker(maker.user);
                    continue;
                }
            }
            trade(s, maker, side, level.price, q, null);
            remaining -= q;
        }
        if (remaining > 0 && rest) {
            s.book.add(side, limit, remaining, null);
        }
    }

    static boolean crosses(Side side, long limit, long price) {
        return side == Side.BUY ? price <= limit : price >= limit;
    }

    /**
     * Executes one trade against a resting order: updates the book, the last price, the 24-hour
     * statistics, the recent trades and candles, publishes the public trade and books the user's
     * fills.
     */
    void trade(InstrumentState s, MatchingBook.RestingOrder maker, Side takerSide, long price, long quantity,
            UserOrder taker) {
        s.book.reduce(maker, quantity);
        s.lastPrice = price;
        Instant t = instant();
        long id = ++s.tradeSequence;
        Trade trade = new Trade(s.profile.id(), Long.toString(id), t, t, s.profile.price(price),
                s.profile.size(quantity), takerSide);
        s.dayStats.add(epochMillisNow(), price, quantity);
        s.tape.add(id, t, price, quantity, takerSide);
        if (!s.trades.isEmpty()) {
            long nanos = System.nanoTime();
            for (EventStream<TradeListener, Trade> stream : s.trades) {
                stream.publish(trade, nanos);
            }
        }
        for (CandleAggregator a : s.aggregators) {
            a.onTrade(trade);
        }
        if (maker.user != null) {
            trading.onFill(maker.user, trade, true);
        }
        if (taker != null) {
            trading.onFill(taker, trade, false);
        }
    }

    /**
     * Ends every action on an instrument (a market event, a user order, an amend, a cancel):
     * liquidations and triggers the new prices cause, then the books that changed are committed,
     * then the ticker and the account streams.
     */
    void afterAction(InstrumentState s) {
        trading.afterMarketChange(s);
        publishBooks(s);
        publishTicker(s);
        trading.flush();
    }

    // ---------------------------------------------------------------- test and tool hooks

    /**
     * Sends a synthetic participant's order: a limit order (rests what does not match) or, with a
     * null price, a market order. Lets tests build an exact book and move the market.
     *
     * @param id the instrument
     * @param side the side
     * @param price the limit price, or null for a market order
     * @param quantity the quantity
     */
    public void submitParticipantOrder(InstrumentId id, Side side, BigDecimal price, BigDecimal quantity) {
        InstrumentState s = market(id);
        long size = s.profile.sizeUnits(quantity);
        if (price == null) {
            participantTake(s, side, side == Side.BUY ? Long.MAX_VALUE : 0, size, false);
        } else {
            long units = s.profile.priceUnits(price);
            // an exchange with coarser prices truncates a finer one (Bitfinex: 5 significant digits)
            participantTake(s, side, rules.significantDigits() > 0 ? onGrid(s, units, false) : units, size, true);
        }
        afterAction(s);
    }

    /**
     * The book streams being fed for an instrument: one per distinct depth and grouping that has
     * subscriptions (tests and diagnostics).
     *
     * @param id the instrument
     * @return the streams, oldest first
     */
    public List<BookStream> bookStreams(InstrumentId id) {
        List<BookStream> out = new ArrayList<>();
        for (VenueBook b : market(id).books) {
            out.add(b.stream);
        }
        return out;
    }

    /**
     * How many shared streams the venue holds: being fed, or made and waiting for their first
     * subscription (tests and diagnostics).
     *
     * @return the count
     */
    public int streamCount() {
        return registry.size();
    }

    // ---------------------------------------------------------------- market data

    /**
     * Subscribes to tickers (conflated): the current ticker first, then one after every action that
     * moved the best bid or ask, their sizes, or the last price.
     */
    public Subscription subscribeTicker(InstrumentId id, TickerListener listener) {
        Objects.requireNonNull(listener, "listener");
        InstrumentState s = listed(id);
        if (s == null) {
            return failed("ticker " + id.symbol(), listener, TickerListener::onTicker, unknown(id));
        }
        String key = "ticker " + id.symbol();
        ValueStream<TickerListener, Ticker> stream = feed(key, s.tickers, f -> new ValueStream<>(runtime, key, f),
                st -> st, st -> {
                    Ticker t = ticker(s);
                    if (t != null && !t.equals(st.latest())) {
                        st.publish(t, System.nanoTime());
                    }
                });
        return stream.attach(stream.subscription(listener, TickerListener::onTicker));
    }

    /** Subscribes to public trades (never dropped), from the next trade on. */
    public Subscription subscribeTrades(InstrumentId id, TradeListener listener) {
        Objects.requireNonNull(listener, "listener");
        InstrumentState s = listed(id);
        if (s == null) {
            return failed("trades " + id.symbol(), listener, TradeListener::onTrade, unknown(id));
        }
        String key = "trades " + id.symbol();
        EventStream<TradeListener, Trade> stream = feed(key, s.trades, f -> new EventStream<>(runtime, key, f),
                st -> st, st -> {
                });
        return stream.attach(stream.subscription(listener, TradeListener::onTrade));
    }

    /**
     * Subscribes to a book: a snapshot of the top levels (at the depth offered that is at least the
     * one asked for, grouped as asked), then a delta after every action that changed them, through
     * one shared {@link BookStream} per distinct book. Per-order books and groupings not offered end
     * FAILED.
     */
    public Subscription subscribeBook(BookRequest request, BookListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        InstrumentId id = request.instrument();
        InstrumentState s = listed(id);
        String what = "book " + id.symbol();
        if (s == null) {
            return failed(what, listener, BookListener::onBook, unknown(id));
        }
        if (request.perOrder()) {
            return failed(what, listener, BookListener::onBook, "per-order books are not offered by the simulated "
                    + "exchange: its books are aggregated price levels with the number of orders at each");
        }
        long increment = groupingUnits(s, request.grouping());
        if (increment < 0) {
            return failed(what, listener, BookListener::onBook, "the simulated exchange groups " + id.symbol()
                    + " books by " + s.profile.groupings().stream().skip(1).map(BookGrouping::describe)
                            .collect(Collectors.joining(", "))
                    + " or not at all; " + request.grouping().describe() + " is not offered");
        }
        int depth = offeredDepth(request.depth());
        String key = what + " " + depth + " " + request.grouping().describe();
        BookStream stream = feed(key, s.books,
                f -> new BookStream(runtime, key, f, id, new OrderBook(s.profile.priceScale(), s.profile.sizeScale())),
                st -> new VenueBook(s, depth, increment, st), b -> b.publish(s.book.aggregated(), epochMillisNow()));
        return stream.attach(new BookSubscription(runtime, stream, listener));
    }

    /** The smallest offered depth at least as deep as asked. */
    static int offeredDepth(int asked) {
        for (int d : DEPTHS) {
            if (d >= asked) {
                return d;
            }
        }
        return DEPTHS.get(DEPTHS.size() - 1);
    }

    /** A grouping's increment in price units: 0 for none, -1 when not offered. */
    private static long groupingUnits(InstrumentState s, BookGrouping grouping) {
        if (grouping.kind() == BookGrouping.Kind.NONE) {
            return 0;
        }
        if (grouping.kind() == BookGrouping.Kind.INCREMENT && s.profile.groupings().contains(grouping)) {
            return s.profile.priceUnits(grouping.increment());
        }
        return -1;
    }

    /**
     * The books offered for an instrument: the depths of {@link #DEPTHS}, aggregated levels with
     * order counts, no grouping or 10, 100, 500 or 1000 ticks, every change (interval zero).
     *
     * @throws IllegalArgumentException when the venue does not list the instrument
     */
    public BookOptions bookOptions(InstrumentId id) {
        InstrumentState s = listed(id);
        if (s == null) {
            throw new IllegalArgumentException(unknown(id));
        }
        return new BookOptions(DEPTHS, false, s.profile.groupings(), List.of(Duration.ZERO), true, false);
    }

    /**
     * Subscribes to candles: {@code history} closed candles ending now, the forming candle, then
     * every live update, through one stream per instrument and interval (each newcomer gets its own
     * history first).
     */
    public Subscription subscribeCandles(CandleRequest request, CandleListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        InstrumentId id = request.instrument();
        InstrumentState s = listed(id);
        String what = "candles " + id.symbol() + " " + request.interval().label();
        if (s == null) {
            return failed(what, listener, CandleListener::onCandle, unknown(id));
        }
        int k = INTERVALS.indexOf(request.interval());
        if (k < 0) {
            return failed(what, listener, CandleListener::onCandle, noInterval(request.interval()));
        }
        EventStream<CandleListener, Candle> stream = feed(what, s.candles.get(k), f -> {
            EventStream<CandleListener, Candle> es = new EventStream<>(runtime, what, f);
            es.onJoin(sub -> welcomeCandles(s, k, es, sub));
            return es;
        }, st -> st, st -> {
        });
        EventSubscription<CandleListener, Candle> sub = stream.subscription(listener, CandleListener::onCandle);
        candleHistoryWanted.put(sub, request.history());
        return stream.attach(sub);
    }

    private void welcomeCandles(InstrumentState s, int k, EventStream<CandleListener, Candle> stream,
            EventSubscription<CandleListener, Candle> sub) {
        Integer wanted = candleHistoryWanted.remove(sub);
        CandleInterval interval = INTERVALS.get(k);
        if (wanted != null && wanted > 0) {
            for (Candle c : candleHistory(new CandleHistoryRequest(s.profile.id(), interval, null, null, wanted))) {
                stream.publishTo(sub, c);
            }
        }
        s.aggregators[k].current().ifPresent(c -> stream.publishTo(sub, c));
    }

    private static String noInterval(CandleInterval interval) {
        return "the simulated exchange streams no " + interval + " candles (it has "
                + INTERVALS.stream().map(CandleInterval::label).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * Subscribes to the mark price, index price, funding rate and next funding time of the
     * perpetual (conflated): the current values first, then once a second. A spot instrument ends
     * FAILED.
     */
    public Subscription subscribeMarkPrice(InstrumentId id, MarkPriceListener listener) {
        Objects.requireNonNull(listener, "listener");
        InstrumentState s = listed(id);
        String what = "mark price " + id.symbol();
        if (s == null) {
            return failed(what, listener, MarkPriceListener::onMarkPrice, unknown(id));
        }
        if (!s.profile.isPerpetual()) {
            return failed(what, listener, MarkPriceListener::onMarkPrice, id.symbol() + " is spot: mark price, index "
                    + "price and funding exist for the perpetual " + perpetualSymbols() + " only");
        }
        ValueStream<MarkPriceListener, MarkPrice> stream = feed(what, s.marks, f -> new ValueStream<>(runtime, what, f),
                st -> st, st -> {
                    MarkPrice m = markPrice(s);
                    if (m != null && !m.equals(st.latest())) {
                        st.publish(m, System.nanoTime());
                    }
                });
        return stream.attach(stream.subscription(listener, MarkPriceListener::onMarkPrice));
    }

    private void publishMarkPrice(InstrumentState s) {
        if (s.marks.isEmpty()) {
            return;
        }
        MarkPrice m = markPrice(s);
        if (m == null) {
            return;
        }
        long nanos = System.nanoTime();
        for (ValueStream<MarkPriceListener, MarkPrice> stream : s.marks) {
            stream.publish(m, nanos);
        }
    }

    /**
     * Subscribes to liquidations of the perpetual: the venue's forced closes of positions whose mark
     * price reached their liquidation price (the user's: the synthetic participants hold no
     * positions). A spot instrument ends FAILED: nothing is liquidated there.
     */
    public Subscription subscribeLiquidations(InstrumentId id, LiquidationListener listener) {
        Objects.requireNonNull(listener, "listener");
        InstrumentState s = listed(id);
        String what = "liquidations " + id.symbol();
        if (s == null) {
            return failed(what, listener, LiquidationListener::onLiquidation, unknown(id));
        }
        if (!s.profile.isPerpetual()) {
            return failed(what, listener, LiquidationListener::onLiquidation, id.symbol() + " is spot: nothing is "
                    + "leveraged, so nothing is liquidated; liquidations happen on the perpetual " + perpetualSymbols());
        }
        EventStream<LiquidationListener, Liquidation> stream = feed(what, s.liquidations,
                f -> new EventStream<>(runtime, what, f), st -> st, st -> {
                });
        return stream.attach(stream.subscription(listener, LiquidationListener::onLiquidation));
    }

    void publishLiquidation(InstrumentState s, Liquidation liquidation) {
        long nanos = System.nanoTime();
        for (EventStream<LiquidationListener, Liquidation> stream : s.liquidations) {
            stream.publish(liquidation, nanos);
        }
    }

    /** Subscribes to the instrument list: the whole list once (it does not change while the venue runs). */
    public Subscription subscribeInstruments(InstrumentListener listener) {
        Objects.requireNonNull(listener, "listener");
        return instrumentStream.attach(instrumentStream.subscription(listener, InstrumentListener::onInstruments));
    }

    /**
     * The stream for a key: the registered one, or a new one made by {@code create}, registered,
     * live, and brought up to date by {@code catchUp}. Runtime lock held.
     */
    @SuppressWarnings("unchecked")
    private <T, S extends SharedStream<?>> S feed(String key, List<T> fed, Function<Feed<T>, S> create,
            Function<S, T> item, Consumer<? super T> catchUp) {
        SharedStream<?> existing = registry.get(key);
        if (existing != null && !existing.isEnded()) {
            return (S) existing;
        }
        Feed<T> feed = new Feed<>(registry, key, fed, catchUp);
        S stream = create.apply(feed);
        // In process there is nothing to wait for: the stream is live from the start.
        stream.state(DataState.LIVE, "");
        feed.bind(item.apply(stream), stream);
        return stream;
    }

    /** A subscription to a stream the venue cannot serve: the listener hears FAILED with the cause. */
    private <L, T> Subscription failed(String description, L listener, StreamSubscription.Call<? super L, T> call,
            String cause) {
        EventStream<L, T> stream = new EventStream<>(runtime, description, SharedStream.Owner.NONE);
        stream.end(DataState.FAILED, cause);
        return stream.attach(stream.subscription(listener, call));
    }

    static int intervalIndex(CandleInterval interval) {
        int k = INTERVALS.indexOf(interval);
        if (k < 0) {
            throw new IllegalArgumentException(noInterval(interval));
        }
        return k;
    }

    private InstrumentState requireListed(InstrumentId id) {
        InstrumentState s = listed(id);
        if (s == null) {
            throw new IllegalArgumentException(unknown(id));
        }
        return s;
    }

    /**
     * Closed candles in a range, oldest first: the newest {@code limit} whose bucket lies in
     * {@code [from, to)}. Since the venue started they are its live candles (the last
     * {@value #LIVE_CANDLES} of each interval are kept); before it, synthetic history generated
     * backwards from the starting price (up to {@value #SYNTHETIC_CANDLES} candles), the same on
     * every call, so pages fit together.
     *
     * @param request instrument, interval, range and limit
     * @return the candles
     * @throws IllegalArgumentException for an instrument or interval the venue does not have
     */
    public List<Candle> candleHistory(CandleHistoryRequest request) {
        InstrumentState s = requireListed(request.instrument());
        int k = intervalIndex(request.interval());
        CandleInterval interval = request.interval();
        long step = interval.millis();
        long to = request.to() == null ? Long.MAX_VALUE : request.to().toEpochMilli();
        long from = request.from() == null ? Long.MIN_VALUE : request.from().toEpochMilli();
        int limit = request.limit();
        List<Candle> newestFirst = new ArrayList<>(Math.min(limit, 1024));
        List<Candle> live = s.aggregators[k].candles();
        for (int i = live.size() - 1; i >= 0 && newestFirst.size() < limit; i--) {
            Candle c = live.get(i);
            long start = c.start().toEpochMilli();
            if (!c.closed() || start + step > to) {
                continue;
            }
            if (start < from) {
                break;
            }
            newestFirst.add(c);
        }
        long boundary = interval.bucketStartMillis(epochMillis);
        long end = Math.min(boundary, Math.floorDiv(Math.min(to, boundary), step) * step);
        long skip = (boundary - end) / step; // synthetic candles that end after `to`
        long reach = request.from() == null ? SYNTHETIC_CANDLES
                : Math.max(0, Math.floorDiv(boundary - from, step)); // candles that start at or after `from`
        long count = Math.min(Math.min(skip + (limit - newestFirst.size()), reach), SYNTHETIC_CANDLES);
        if (newestFirst.size() < limit && count > skip) {
            List<Candle> synthetic = syntheticCandles(s, interval, (int) count);
            for (int i = (int) (count - skip) - 1; i >= 0 && newestFirst.size() < limit; i--) {
                newestFirst.add(synthetic.get(i));
            }
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /**
     * Public trades before a time, oldest first: the newest {@code limit} of the last
     * {@value TradeTape#CAPACITY} trades of the instrument since the venue started.
     *
     * @param request instrument, end and limit
     * @return the trades
     * @throws IllegalArgumentException for an instrument the venue does not list
     */
    public List<Trade> tradeHistory(TradeHistoryRequest request) {
        InstrumentState s = requireListed(request.instrument());
        Instant before = request.before() == null ? instant().plusNanos(1) : request.before();
        return s.tape.before(s.profile, before, request.limit());
    }

    private void publishCandle(InstrumentState s, int interval, Candle candle) {
        List<EventStream<CandleListener, Candle>> streams = s.candles.get(interval);
        if (streams.isEmpty()) {
            return;
        }
        long nanos = System.nanoTime();
        for (EventStream<CandleListener, Candle> stream : streams) {
            stream.publish(candle, nanos);
        }
    }

    private void publishBooks(InstrumentState s) {
        if (!s.book.takeChanged() || s.books.isEmpty()) {
            return;
        }
        long t = epochMillisNow();
        OrderBook book = s.book.aggregated();
        for (VenueBook b : s.books) {
            b.publish(book, t);
        }
    }

    private void publishTicker(InstrumentState s) {
        if (s.tickers.isEmpty()) {
            return;
        }
        OrderBook b = s.book.aggregated();
        if (b.bestBid() == s.publishedBid && b.bestAsk() == s.publishedAsk && b.bestBidSize() == s.publishedBidSize
                && b.bestAskSize() == s.publishedAskSize && s.lastPrice == s.publishedLast) {
            return;
        }
        Ticker t = ticker(s);
        if (t != null) {
            long nanos = System.nanoTime();
            for (ValueStream<TickerListener, Ticker> stream : s.tickers) {
                stream.publish(t, nanos);
            }
        }
    }

    /**
     * The ticker now: the quote when the book has both sides, the last price once something
     * traded, and the 24-hour statistics; null while there is neither a quote nor a last price.
     */
    private Ticker ticker(InstrumentState s) {
        OrderBook b = s.book.aggregated();
        s.publishedBid = b.bestBid();
        s.publishedAsk = b.bestAsk();
        s.publishedBidSize = b.bestBidSize();
        s.publishedAskSize = b.bestAskSize();
        s.publishedLast = s.lastPrice;
        InstrumentProfile p = s.profile;
        Quote quote = b.bestBid() > 0 && b.bestAsk() > 0
                ? new Quote(p.price(b.bestBid()), p.size(b.bestBidSize()), p.price(b.bestAsk()), p.size(b.bestAskSize()))
                : null;
        if (quote == null && s.lastPrice == 0) {
            return null;
        }
        long nowMillis = epochMillisNow();
        long high = Math.max(s.dayStats.high(nowMillis), s.lastPrice);
        long low = s.dayStats.low(nowMillis);
        low = low == 0 ? s.lastPrice : s.lastPrice == 0 ? low : Math.min(low, s.lastPrice);
        long open = s.dayStats.open(nowMillis);
        BigDecimal last = s.lastPrice == 0 ? null : p.price(s.lastPrice);
        BigDecimal change = open == 0 || last == null ? null : last.subtract(p.price(open));
        BigDecimal ratio = change == null ? null : change.divide(p.price(open), 6, RoundingMode.HALF_EVEN);
        DayStats day = new DayStats(p.size(s.dayStats.volume(nowMillis)), null, high == 0 ? null : p.price(high),
                low == 0 ? null : p.price(low), open == 0 ? null : p.price(open), change, ratio);
        Instant t = instant();
        return new Ticker(p.id(), t, t, quote, last, day);
    }

    // ---------------------------------------------------------------- health

    /** The connection health now: a market-data and a trading session, both live and simulated. */
    public ConnectionHealth health() {
        return health.current();
    }

    /** The health of the trading account's session. */
    public ConnectionHealth accountHealth() {
        return accountHealth.current();
    }

    /** Subscribes to the connection health: the current value first, then every change (counters once a second). */
    public Subscription subscribeHealth(HealthListener listener) {
        return health.subscribe(listener);
    }

    /** Subscribes to the trading account's health. */
    public Subscription subscribeAccountHealth(HealthListener listener) {
        return accountHealth.subscribe(listener);
    }

    /**
     * The user disconnected the market data, or connected it again (runtime lock held): the market
     * data session says so and every market stream is stale with the cause meanwhile, live again
     * after. The caller stops and restarts the market's clock.
     *
     * @param cause {@link org.tradebench.api.ConnectionControl#DISCONNECTED_CAUSE}, or null when connected
     */
    public void userDisconnected(String cause) {
        marketSession.disconnected(cause);
        for (SharedStream<?> stream : registry.all()) {
            if (stream.state().isFinal()) {
                continue;
            }
            if (cause != null) {
                stream.state(DataState.STALE, cause);
            } else {
                stream.state(DataState.LIVE, "");
            }
        }
        health.update();
    }

    /** The venue stopped: every session is disconnected, the account stream ends. Runtime lock held. */
    public void closed() {
        health.closed();
        trading.close();
    }

    // ---------------------------------------------------------------- trading

    /**
     * Places an order: the venue's filters and rules, then matching. Returns the order's
     * state after all of it (OPEN, FILLED, CANCELLED for an IOC remainder, REJECTED with the code
     * and the reason). A client order id seen before returns that order unchanged.
     */
    public Order place(OrderRequest request) {
        return trading.place(request);
    }

    /**
     * Cancels an order by client order id.
     *
     * @return the cancelled order, or the unchanged order with a reason when it was already final
     * @throws IllegalArgumentException when no order has that client order id
     */
    public Order cancel(String clientOrderId) {
        return trading.cancel(clientOrderId);
    }

    /**
     * Amends a working order: a new price (loses time priority), a smaller quantity (keeps it), a
     * larger one (loses it) or a new trigger.
     *
     * @return the amended order, or the unchanged order with the code and the reason when refused
     * @throws IllegalArgumentException when no order has that client order id
     */
    public Order amend(AmendRequest request) {
        return trading.amend(request);
    }

    /** Cancels every working order, or those of one instrument; returns how many. */
    public int cancelAll(Optional<InstrumentId> instrument) {
        return trading.cancelAll(instrument);
    }

    /** An order by client order id. */
    public Optional<Order> order(String clientOrderId) {
        return trading.order(clientOrderId);
    }

    /** The orders the venue saw, newest {@code limit} created in the range, oldest first. */
    public List<Order> orderHistory(HistoryRequest request) {
        return trading.orderHistory(request);
    }

    /** The user's fills, newest {@code limit} in the range, oldest first. */
    public List<Fill> fills(HistoryRequest request) {
        return trading.fills(request);
    }

    /** Sets the leverage of the perpetual; margin and hedge mode are refused with the reason. */
    public SettingResult configure(AccountSetting setting) {
        return trading.configure(setting);
    }

    /** Working orders. Thread-safe (an immutable list published after each change). */
    public List<Order> openOrders() {
        return trading.openOrders();
    }

    /** Balances: the exchange wallet's currencies, then the margin wallet. Thread-safe. */
    public List<Balance> balances() {
        return trading.balances();
    }

    /** Open positions. Thread-safe. */
    public List<Position> positions() {
        return trading.positions();
    }

    /** Subscribes to orders, fills, balances and positions (never dropped); current state first. */
    public Subscription subscribeTrading(TradingListener listener) {
        Objects.requireNonNull(listener, "listener");
        return trading.subscribe(listener);
    }

    InstrumentState[] markets() {
        return markets;
    }
}
