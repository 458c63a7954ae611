package org.tradebench.connector.simulated.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.tradebench.api.Decimals;
import org.tradebench.api.account.Balance;
import org.tradebench.api.account.Position;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.HealthListener;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookLevel;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeListener;
import org.tradebench.api.risk.MarketContext;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRequest;
import org.tradebench.api.trading.TradingListener;
import org.tradebench.connector.simulated.SimulatedExchangeConfig;
import org.tradebench.core.book.OrderBook;
import org.tradebench.core.candle.CandleAggregator;
import org.tradebench.core.health.RateMeter;

/**
 * The simulated exchange as a pure, clock-driven object: a seeded synthetic market (participants'
 * limit orders arriving and cancelling around a mean-reverting fair price, marketable orders
 * producing trades) on per-order books with a real price-time matching engine, the user's paper
 * account, and the market-data and account streams.
 *
 * <p>Time is venue time in nanoseconds since {@link #epoch()}. Nothing happens between calls: the
 * owner moves time with {@link #advanceTo(long)} (the connector does so every few milliseconds
 * from the wall clock) or {@link #step()} (tests), and every event is stamped with venue time. So
 * the same seed, the same configuration and the same user actions at the same venue times give the
 * same event sequence, on any machine.
 *
 * <pre>{@code
 * SimulatedVenue venue = new SimulatedVenue(SimulatedExchangeConfig.DEFAULTS,
 *         Instant.parse("2025-01-01T00:00:00Z"), true);
 * venue.subscribeTrades(venue.instrument("BTC/USD").id(), trades::add);
 * venue.advanceTo(Duration.ofSeconds(10).toNanos());   // ten seconds of market
 * Order o = venue.place(OrderRequest.market("c-1", btc, Side.BUY, new BigDecimal("0.01")));
 * }</pre>
 *
 * <p>Not thread-safe: one thread (the connector's "simulated-exchange" thread, or a test) makes
 * every call, and listeners run synchronously on it, in order per subscription. Listeners must not
 * call back into the venue. Subscriptions may be closed from any thread.
 */
public final class SimulatedVenue {

    /** The candle intervals the venue streams. */
    public static final List<CandleInterval> INTERVALS = List.of(CandleInterval.S1, CandleInterval.S5,
            CandleInterval.S15, CandleInterval.M1, CandleInterval.M5, CandleInterval.M15, CandleInterval.H1,
            CandleInterval.D1);

    /** Live candles kept per instrument and interval; older history is synthetic. */
    static final int LIVE_CANDLES = 2000;
    /** Participant orders per side the flow steers towards (the initial book holds this many). */
    static final int TARGET_ORDERS_PER_SIDE = 400;
    /** Grid levels (of {@link InstrumentProfile#levelStepTicks()}) participants quote away from fair. */
    static final int GRID_LEVELS = 120;
    /** Share of events that are market orders. */
    static final double P_MARKET = 0.07;
    /** Share of limit orders priced through the fair price: marketable limits that usually trade. */
    static final double P_AGGRESSIVE = 0.05;

    private static final String STATUS_CAUSE = "in-process simulated venue";

    private final SimulatedExchangeConfig config;
    private final Instant epoch;
    private final long epochMillis;
    private final InstrumentState[] markets;
    private final Map<InstrumentId, InstrumentState> byId;
    private final List<Instrument> instruments;
    private final double totalWeight;
    private final SeededRandom random;
    private final RateMeter rate = new RateMeter(Duration.ofSeconds(2));
    private final TradingEngine trading;
    private final List<VenueSubscription<HealthListener>> healthSubscriptions = new ArrayList<>();
    private final double meanInterarrivalNanos;
    private final boolean syntheticMarket;

    // Read by health() from other threads, hence volatile; written only by the venue thread.
    private volatile long now;
    private volatile Duration loopLatency;
    private long nextEvent;
    private long nextSecond;
    private long events;
    private long loopDelayMax = -1;

    /**
     * Creates a venue whose time starts at {@code epoch}.
     *
     * @param config seed, rate, balance, leverage
     * @param epoch the instant of venue time 0 (truncated to milliseconds)
     * @param syntheticMarket true for the synthetic market: full books and participants' order flow
     *        at the configured rate (the normal case); false for a quiet venue with empty books and
     *        no flow, which a test fills and moves with {@link #submitParticipantOrder} (time still
     *        moves candles, marks and health)
     */
    public SimulatedVenue(SimulatedExchangeConfig config, Instant epoch, boolean syntheticMarket) {
        this.config = Objects.requireNonNull(config, "config");
        this.epochMillis = epoch.toEpochMilli();
        this.epoch = Instant.ofEpochMilli(epochMillis);
        this.random = new SeededRandom(SeededRandom.mix(config.seed(), 1));
        this.meanInterarrivalNanos = 1e9 / config.eventsPerSecond();

        List<InstrumentProfile> profiles = InstrumentProfile.standard();
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
        this.totalWeight = weights;
        List<String> currencies = new ArrayList<>();
        currencies.add(Account.SETTLE);
        for (InstrumentProfile p : profiles) {
            if (!currencies.contains(p.id().base())) {
                currencies.add(p.id().base());
            }
        }
        this.trading = new TradingEngine(this, new Account(InstrumentProfile.EXCHANGE_ID, config.paperBalance(),
                config.leverage(), currencies));

        for (InstrumentState s : markets) {
            if (syntheticMarket) {
                populate(s);
            }
            backfillDayStats(s);
            s.book.takeChanged();
        }
        this.syntheticMarket = syntheticMarket;
        nextEvent = syntheticMarket ? interarrival() : Long.MAX_VALUE;
        long firstSecondMillis = Math.floorDiv(epochMillis, 1000) * 1000 + 1000;
        nextSecond = (firstSecondMillis - epochMillis) * 1_000_000;
        trading.publishViews();
    }

    // ---------------------------------------------------------------- time

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

    /** Synthetic market events processed so far. */
    public long marketEvents() {
        return events;
    }

    /**
     * Runs everything due up to venue time {@code target}: market events, candle closes,
     * mark-to-market and health updates, in time order.
     *
     * @param target venue time in nanoseconds; earlier than now does nothing
     */
    public void advanceTo(long target) {
        while (true) {
            long next = Math.min(nextEvent, nextSecond);
            if (next > target) {
                break;
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
        if (loopDelayMax >= 0) {
            loopLatency = Duration.ofNanos(loopDelayMax);
            loopDelayMax = -1;
        }
        ConnectionHealth h = health();
        deliverAll(healthSubscriptions, HealthListener::onHealth, h, t);
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
            throw new IllegalArgumentException("unknown instrument " + id + ": the simulated exchange lists "
                    + symbols());
        }
        return s;
    }

    InstrumentState marketOrNull(InstrumentId id) {
        return byId.get(id);
    }

    String symbols() {
        return instruments.stream().map(i -> i.id().symbol()).collect(Collectors.joining(", "));
    }

    /**
     * The aggregated book of an instrument as the venue holds it: read it, never change it.
     *
     * @param id the instrument
     * @return the live book (its sequence is the last published book sequence)
     */
    public OrderBook book(InstrumentId id) {
        return market(id).book.aggregated();
    }

    /** The last trade price of an instrument, if it traded. */
    public Optional<BigDecimal> lastPrice(InstrumentId id) {
        InstrumentState s = market(id);
        return s.lastPrice == 0 ? Optional.empty() : Optional.of(s.profile.price(s.lastPrice));
    }

    /** The mark price: the mid of the book, else the last price, else null. */
    BigDecimal mark(InstrumentState s) {
        OrderBook b = s.book.aggregated();
        if (b.bestBid() > 0 && b.bestAsk() > 0) {
            return Decimals.normalize(s.profile.price(b.bestBid() + b.bestAsk()).divide(BigDecimal.TWO));
        }
        return s.lastPrice == 0 ? null : s.profile.price(s.lastPrice);
    }

    MarketContext marketContext(InstrumentState s) {
        OrderBook b = s.book.aggregated();
        return new MarketContext(b.bestBid() == 0 ? null : s.profile.price(b.bestBid()),
                b.bestAsk() == 0 ? null : s.profile.price(b.bestAsk()),
                s.lastPrice == 0 ? null : s.profile.price(s.lastPrice));
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

    private void backfillDayStats(InstrumentState s) {
        long end = CandleInterval.M1.bucketStartMillis(epochMillis);
        BigDecimal anchor = s.profile.initialPrice();
        for (Candle c : CandleBackfill.generate(s.profile, s.index, CandleInterval.M1, end, DayStats.SLOTS, anchor,
                config.seed(), tradesPerSecond(s))) {
            s.dayStats.add(c.start().toEpochMilli(), s.profile.priceUnits(c.open()), s.profile.priceUnits(c.high()),
                    s.profile.priceUnits(c.low()), s.profile.sizeUnits(c.volume()));
        }
    }

    /** Roughly how many trades a second this instrument sees at the configured rate. */
    private double tradesPerSecond(InstrumentState s) {
        return config.eventsPerSecond() * s.profile.flowWeight() / totalWeight * (P_MARKET + P_AGGRESSIVE) * 2;
    }

    private static double unitsPerPrice(InstrumentState s) {
        return StrictMath.pow(10, s.profile.priceScale());
    }

    private void marketEvent() {
        events++;
        rate.mark(now);
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
        for (InstrumentState s : markets) {
            u -= s.profile.flowWeight();
            if (u < 0) {
                return s;
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
        return Math.max(tick, price);
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
     * statistics and candles, publishes the public trade and books the user's fills.
     */
    void trade(InstrumentState s, MatchingBook.RestingOrder maker, Side takerSide, long price, long quantity,
            UserOrder taker) {
        s.book.reduce(maker, quantity);
        s.lastPrice = price;
        Instant t = instant();
        Trade trade = new Trade(s.profile.id(), Long.toString(++s.tradeSequence), t, t, s.profile.price(price),
                s.profile.size(quantity), takerSide);
        s.dayStats.add(epochMillisNow(), price, quantity);
        deliverAll(s.tradeSubscriptions, TradeListener::onTrade, trade, t);
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
     * Ends every action on an instrument (a market event, a user order, a cancel): liquidations and
     * triggers the new prices cause, then one book delta per depth, the ticker, and the account
     * streams.
     */
    void afterAction(InstrumentState s) {
        trading.afterMarketChange(s);
        publishBook(s);
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
            participantTake(s, side, s.profile.priceUnits(price), size, true);
        }
        afterAction(s);
    }

    // ---------------------------------------------------------------- market data

    /**
     * Subscribes to tickers; the current ticker (when the book has both sides and a last price) is
     * delivered at once.
     */
    public VenueSubscription<TickerListener> subscribeTicker(InstrumentId id, TickerListener listener) {
        VenueSubscription<TickerListener> sub = new VenueSubscription<>(listener, "ticker " + id);
        addTicker(id, sub);
        return sub;
    }

    /** Registers a subscription made elsewhere (the connector makes the handle on the caller's thread). */
    public void addTicker(InstrumentId id, VenueSubscription<TickerListener> sub) {
        InstrumentState s = market(id);
        s.tickerSubscriptions.add(sub);
        Ticker t = ticker(s);
        if (t != null) {
            sub.deliver(TickerListener::onTicker, t, t.time());
        }
    }

    /** Subscribes to public trades, from the next trade on. */
    public VenueSubscription<TradeListener> subscribeTrades(InstrumentId id, TradeListener listener) {
        VenueSubscription<TradeListener> sub = new VenueSubscription<>(listener, "trades " + id);
        addTrades(id, sub);
        return sub;
    }

    /** Registers a trade subscription made elsewhere. */
    public void addTrades(InstrumentId id, VenueSubscription<TradeListener> sub) {
        market(id).tradeSubscriptions.add(sub);
    }

    /**
     * Subscribes to the book: a snapshot of the top {@code depth} levels now, then a delta after
     * every action that changed them, with increasing sequence numbers. Raw (per-order) requests
     * get the aggregated book.
     */
    public VenueSubscription<BookListener> subscribeBook(BookRequest request, BookListener listener) {
        VenueSubscription<BookListener> sub = new VenueSubscription<>(listener,
                "book " + request.instrument() + " depth " + request.depth());
        addBook(request, sub);
        return sub;
    }

    /** Registers a book subscription made elsewhere; delivers its snapshot. */
    public void addBook(BookRequest request, VenueSubscription<BookListener> sub) {
        InstrumentState s = market(request.instrument());
        InstrumentState.BookGroup group = null;
        for (InstrumentState.BookGroup g : s.bookGroups) {
            if (g.view.depth() == request.depth()) {
                group = g;
                break;
            }
        }
        if (group == null) {
            group = new InstrumentState.BookGroup(new DepthView(request.depth(), s.book.aggregated()));
            s.bookGroups.add(group);
        }
        group.subscriptions.add(sub);
        Instant t = instant();
        DepthView.Sink.Factory level = (p, q) -> new BookLevel(s.profile.price(p), s.profile.size(q));
        BookSnapshot snapshot = new BookSnapshot(s.profile.id(), s.bookSequence, t, t,
                group.view.levels(Side.BUY, level), group.view.levels(Side.SELL, level));
        sub.deliver(BookListener::onBook, snapshot, t);
    }

    /**
     * Subscribes to candles: {@code history} closed candles ending now (synthetic back-fill, then
     * the live ones), the forming candle, then every live update.
     */
    public VenueSubscription<CandleListener> subscribeCandles(CandleRequest request, CandleListener listener) {
        VenueSubscription<CandleListener> sub = new VenueSubscription<>(listener,
                "candles " + request.instrument() + " " + request.interval());
        addCandles(request, sub);
        return sub;
    }

    /** Registers a candle subscription made elsewhere; delivers its history. */
    public void addCandles(CandleRequest request, VenueSubscription<CandleListener> sub) {
        InstrumentState s = market(request.instrument());
        int k = intervalIndex(request.interval());
        Instant t = instant();
        for (Candle c : candleHistory(request)) {
            sub.deliver(CandleListener::onCandle, c, t);
        }
        s.aggregators[k].current().ifPresent(c -> sub.deliver(CandleListener::onCandle, c, t));
        s.candleSubscriptions.get(k).add(sub);
    }

    /**
     * Checks that the venue streams an interval. Thread-safe.
     *
     * @param interval the interval
     * @throws IllegalArgumentException naming the supported intervals otherwise
     */
    public static void requireInterval(CandleInterval interval) {
        intervalIndex(interval);
    }

    /**
     * Checks that the venue lists an instrument. Thread-safe (reads immutable state).
     *
     * @param id the instrument
     * @throws IllegalArgumentException naming the listed instruments otherwise
     */
    public void requireInstrument(InstrumentId id) {
        market(id);
    }

    static int intervalIndex(CandleInterval interval) {
        int k = INTERVALS.indexOf(interval);
        if (k < 0) {
            throw new IllegalArgumentException("the simulated exchange streams no " + interval + " candles (it has "
                    + INTERVALS.stream().map(CandleInterval::label).collect(Collectors.joining(", ")) + ")");
        }
        return k;
    }

    /**
     * Closed candles ending now, oldest first: the retained live candles, preceded by synthetic
     * history generated backwards from the oldest of them.
     *
     * @param request instrument, interval and count
     * @return at most {@code request.history()} candles
     */
    public List<Candle> candleHistory(CandleRequest request) {
        InstrumentState s = market(request.instrument());
        int k = intervalIndex(request.interval());
        int count = request.history();
        if (count == 0) {
            return List.of();
        }
        List<Candle> live = new ArrayList<>();
        for (Candle c : s.aggregators[k].candles()) {
            if (c.closed()) {
                live.add(c);
            }
        }
        CandleInterval interval = request.interval();
        long end = interval.bucketStartMillis(epochMillis);
        BigDecimal anchor = s.profile.initialPrice();
        if (!live.isEmpty()) {
            Candle oldest = live.get(0);
            end = Math.min(end, oldest.start().toEpochMilli());
            anchor = oldest.open();
        }
        List<Candle> out = new ArrayList<>(count);
        int synthetic = Math.max(0, count - live.size());
        out.addAll(CandleBackfill.generate(s.profile, s.index, interval, end, synthetic, anchor, config.seed(),
                tradesPerSecond(s)));
        out.addAll(live.subList(Math.max(0, live.size() - count), live.size()));
        return List.copyOf(out);
    }

    private void publishCandle(InstrumentState s, int interval, Candle candle) {
        deliverAll(s.candleSubscriptions.get(interval), CandleListener::onCandle, candle, instant());
    }

    private void publishBook(InstrumentState s) {
        if (!s.book.takeChanged()) {
            return;
        }
        long sequence = ++s.bookSequence;
        OrderBook book = s.book.aggregated();
        book.updateSequence(sequence);
        Instant t = instant();
        for (Iterator<InstrumentState.BookGroup> it = s.bookGroups.iterator(); it.hasNext();) {
            InstrumentState.BookGroup group = it.next();
            group.subscriptions.removeIf(sub -> !sub.isActive());
            if (group.subscriptions.isEmpty()) {
                it.remove();
                continue;
            }
            List<BookLevel> bids = new ArrayList<>();
            List<BookLevel> asks = new ArrayList<>();
            boolean changed = group.view.diff(book, (side, price, size) -> (side == Side.BUY ? bids : asks)
                    .add(new BookLevel(s.profile.price(price), s.profile.size(size))));
            if (changed) {
                BookDelta delta = new BookDelta(s.profile.id(), sequence, t, t, bids, asks);
                deliverAll(group.subscriptions, BookListener::onBook, delta, t);
            }
        }
    }

    private void publishTicker(InstrumentState s) {
        if (s.tickerSubscriptions.isEmpty()) {
            return;
        }
        OrderBook b = s.book.aggregated();
        if (b.bestBid() == s.publishedBid && b.bestAsk() == s.publishedAsk && b.bestBidSize() == s.publishedBidSize
                && b.bestAskSize() == s.publishedAskSize && s.lastPrice == s.publishedLast) {
            return;
        }
        Ticker t = ticker(s);
        if (t != null) {
            deliverAll(s.tickerSubscriptions, TickerListener::onTicker, t, t.time());
        }
    }

    /** The ticker now, or null while a side of the book or the last price is missing. */
    private Ticker ticker(InstrumentState s) {
        OrderBook b = s.book.aggregated();
        if (b.bestBid() == 0 || b.bestAsk() == 0 || s.lastPrice == 0) {
            return null;
        }
        s.publishedBid = b.bestBid();
        s.publishedAsk = b.bestAsk();
        s.publishedBidSize = b.bestBidSize();
        s.publishedAskSize = b.bestAskSize();
        s.publishedLast = s.lastPrice;
        long nowMillis = epochMillisNow();
        InstrumentProfile p = s.profile;
        long high = Math.max(s.dayStats.high(nowMillis), s.lastPrice);
        long low = s.dayStats.low(nowMillis);
        low = low == 0 ? s.lastPrice : Math.min(low, s.lastPrice);
        long open = s.dayStats.open(nowMillis);
        BigDecimal change = open == 0 ? null : p.price(s.lastPrice).subtract(p.price(open));
        BigDecimal ratio = change == null ? null : change.divide(p.price(open), 6, RoundingMode.HALF_EVEN);
        Instant t = instant();
        return new Ticker(p.id(), t, t, p.price(b.bestBid()), p.size(b.bestBidSize()), p.price(b.bestAsk()),
                p.size(b.bestAskSize()), p.price(s.lastPrice), p.size(s.dayStats.volume(nowMillis)), p.price(high),
                p.price(low), change, ratio);
    }

    // ---------------------------------------------------------------- health

    /** The connection health now: always live; the rate of synthetic events and the loop delay. */
    public ConnectionHealth health() {
        return new ConnectionHealth(ConnectionState.LIVE, STATUS_CAUSE, epoch, loopLatency, rate.perSecond(now), 0, 0);
    }

    /** Subscribes to health: the current value at once, then one a second. */
    public VenueSubscription<HealthListener> subscribeHealth(HealthListener listener) {
        VenueSubscription<HealthListener> sub = new VenueSubscription<>(listener, "health");
        addHealth(sub);
        return sub;
    }

    /** Registers a health subscription made elsewhere; delivers the current value. */
    public void addHealth(VenueSubscription<HealthListener> sub) {
        healthSubscriptions.add(sub);
        sub.deliver(HealthListener::onHealth, health(), instant());
    }

    // ---------------------------------------------------------------- trading

    /**
     * Places an order: the risk check, the venue's own rules, then matching. Returns the order's
     * state after all of it (OPEN, FILLED, CANCELLED for an IOC remainder, REJECTED with the
     * reason). A client order id seen before returns that order unchanged.
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

    /** Cancels every working order, or those of one instrument; returns how many. */
    public int cancelAll(Optional<InstrumentId> instrument) {
        return trading.cancelAll(instrument);
    }

    /** An order by client order id. */
    public Optional<Order> order(String clientOrderId) {
        return trading.order(clientOrderId);
    }

    /** Working orders. Thread-safe (an immutable list published after each change). */
    public List<Order> openOrders() {
        return trading.openOrders();
    }

    /** Balances. Thread-safe. */
    public List<Balance> balances() {
        return trading.balances();
    }

    /** Open positions. Thread-safe. */
    public List<Position> positions() {
        return trading.positions();
    }

    /** Subscribes to orders, fills, balances and positions; current state first. */
    public VenueSubscription<TradingListener> subscribeTrading(TradingListener listener) {
        VenueSubscription<TradingListener> sub = new VenueSubscription<>(listener, "trading");
        trading.addSubscription(sub);
        return sub;
    }

    /** Registers a trading subscription made elsewhere; delivers the current state. */
    public void addTrading(VenueSubscription<TradingListener> sub) {
        trading.addSubscription(sub);
    }

    InstrumentState[] markets() {
        return markets;
    }

    // ---------------------------------------------------------------- delivery

    /** Delivers one event to every active subscription of a list, dropping closed ones. */
    static <L, E> void deliverAll(List<VenueSubscription<L>> subscriptions,
            java.util.function.BiConsumer<? super L, E> call, E event, Instant time) {
        boolean closed = false;
        // Index loop: a listener cannot add to the list (no re-entrant calls), and closing only
        // flips a flag, so the list does not change during the loop.
        for (int i = 0, n = subscriptions.size(); i < n; i++) {
            closed |= !subscriptions.get(i).deliver(call, event, time);
        }
        if (closed) {
            subscriptions.removeIf(sub -> !sub.isActive());
        }
    }
}
