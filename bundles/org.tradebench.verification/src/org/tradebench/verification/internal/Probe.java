package org.tradebench.verification.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeListener;
import org.tradebench.api.spi.DecodedEvents;
import org.tradebench.api.spi.FrameTap;
import org.tradebench.core.book.OrderBook;
import org.tradebench.core.candle.CandleAggregator;
import org.tradebench.verification.Progress;
import org.tradebench.verification.Thresholds;
import org.tradebench.verification.VerificationReport;
import org.tradebench.verification.VerificationReport.Bucket;
import org.tradebench.verification.VerificationReport.HealthSpan;
import org.tradebench.verification.VerificationReport.InstrumentQuality;
import org.tradebench.verification.VerificationReport.Rate;
import org.tradebench.verification.VerificationReport.Recovery;
import org.tradebench.verification.VerificationReport.SecondLatency;
import org.tradebench.verification.VerificationReport.SessionTime;

/**
 * Counts and measures what a verification sees: book updates (each one copied into a core
 * {@link OrderBook} and checked with its invariants), trades (duplicates, order, candles rebuilt
 * with core's {@link CandleAggregator}), tickers (against the book's top), candles, connection
 * health (the timeline, recoveries, reconnects, errors), raw frames per connection and the
 * connector's ping. {@link #measurements()} turns it into the report's sections.
 *
 * <pre>{@code
 * Probe probe = new Probe(plan.thresholds(), System::currentTimeMillis);
 * md.subscribeBook(new BookRequest(id, 25), probe.book(id));     // delivery threads
 * connector.subscribeHealth(probe::health);
 * ...
 * Probe.Measurements m = probe.measurements();                      // at the end
 * }</pre>
 *
 * <p>Thread-safe: every entry point holds the probe's lock (listeners of several delivery threads
 * call it); the work per event is a few comparisons and a copy of the book's top.
 */
public final class Probe implements FrameTap {

    /** Trade ids remembered to find duplicates, per instrument. */
    private static final int TRADE_IDS = 50_000;
    /** A trade this much older than the one before is out of order. */
    private static final long OUT_OF_ORDER_MILLIS = 1_000;
    /** How far apart a ticker and a book top may be and still be compared. */
    private static final long TICKER_WINDOW_MILLIS = 1_000;
    /** Book tops remembered per instrument, for the tickers. */
    private static final int TOPS = 64;
    /** Tickers waiting for a book top that fits them, per instrument. */
    private static final int PENDING = 64;
    /** Histogram bucket bounds, ms. */
    private static final double[] BOUNDS = {0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000,
            Double.MAX_VALUE};

    private final Thresholds thresholds;
    private final LongSupplier clock;
    private final Map<InstrumentId, Inst> instruments = new LinkedHashMap<>();
    private final Map<String, SessionTrack> sessions = new LinkedHashMap<>();
    private final Map<String, long[]> framesPerSecond = new TreeMap<>();
    private final Map<String, long[]> channelPerSecond = new LinkedHashMap<>();
    private final Samples ping = new Samples();
    private final Samples exchange = new Samples();
    private final Samples processing = new Samples();
    private final Samples secondExchange = new Samples();
    private final Samples orderAck = new Samples();
    private final Samples cancelAck = new Samples();
    private final List<String> orderFailures = new ArrayList<>();
    private long minExchangeNanos = Long.MAX_VALUE;
    private final List<SecondLatency> latencySeries = new ArrayList<>();
    private final long[] histogram = new long[BOUNDS.length];
    private final List<String> failures = new ArrayList<>();
    private final List<String> rateLimitCauses = new ArrayList<>();
    private long startMillis = -1;
    private long lastMillis;
    private long currentSecond;
    private long decodeErrors;
    private long firstHealthErrors = -1;
    private long lastHealthErrors;
    private long firstReconnects = -1;
    private long lastReconnects;
    private long streamFailures;
    private long rateLimited;
    private long total;
    private long resetsTotal;
    private long leftLive;
    private long maintenanceEntries;
    private long staleTotal;
    private String lastState = "pending";

    /**
     * Creates a probe.
     *
     * @param thresholds the thresholds (the stale period's)
     * @param clockMillis the time: the wall clock for a live run, the frame's receive time in a replay
     */
    public Probe(Thresholds thresholds, LongSupplier clockMillis) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.clock = Objects.requireNonNull(clockMillis, "clockMillis");
        for (String channel : List.of("book", "trades", "ticker", "candles")) {
            channelPerSecond.put(channel, new long[64]);
        }
    }

    /** Starts the clock of the run (the first event starts it otherwise). */
    public synchronized void start() {
        if (startMillis < 0) {
            startMillis = clock.getAsLong();
            lastMillis = startMillis;
        }
    }

    private long now() {
        long t = clock.getAsLong();
        if (startMillis < 0) {
            startMillis = t;
        }
        if (t > lastMillis) {
            lastMillis = t;
        }
        long second = Math.max(0, (t - startMillis) / 1000);
        if (second != currentSecond) {
            closeSecond();
            currentSecond = second;
        }
        return t;
    }

    private void closeSecond() {
        if (secondExchange.count() > 0) {
            latencySeries.add(new SecondLatency(currentSecond, Samples.millis(secondExchange.percentile(50)),
                    Samples.millis(secondExchange.percentile(99))));
            secondExchange.clear();
        }
    }

    private Inst inst(InstrumentId id) {
        return instruments.computeIfAbsent(id, Inst::new);
    }

    private void count(String channel, long t) {
        long[] perSecond = channelPerSecond.get(channel);
        int s = (int) Math.max(0, (t - startMillis) / 1000);
        if (s >= perSecond.length) {
            perSecond = Arrays.copyOf(perSecond, Math.max(s + 1, perSecond.length * 2));
            channelPerSecond.put(channel, perSecond);
        }
        perSecond[s]++;
        total++;
    }

    private void exchangeLatency(long exchangeMillis, long receivedMillis) {
        if (exchangeMillis <= 0 || receivedMillis <= 0) {
            return;
        }
        long nanos = (receivedMillis - exchangeMillis) * 1_000_000L;
        minExchangeNanos = Math.min(minExchangeNanos, nanos);
        exchange.add(nanos);
        secondExchange.add(nanos);
        double ms = Math.max(0, nanos) / 1e6;
        for (int i = 0; i < BOUNDS.length; i++) {
            if (ms <= BOUNDS[i]) {
                histogram[i]++;
                break;
            }
        }
    }

    // ------------------------------------------------------------------ listeners

    /**
     * A book listener for an instrument.
     *
     * @param id the instrument
     * @return the listener
     */
    public BookListener book(InstrumentId id) {
        return new BookListener() {
            @Override
            public void onBook(BookUpdate update) {
                Probe.this.onBook(update, System.nanoTime());
            }

            @Override
            public void onHealth(DataHealth health) {
                dataHealth(id, "book", health);
            }
        };
    }

    /**
     * A trade listener for an instrument.
     *
     * @param id the instrument
     * @return the listener
     */
    public TradeListener trades(InstrumentId id) {
        return new TradeListener() {
            @Override
            public void onTrade(Trade trade) {
                Probe.this.onTrade(trade);
            }

            @Override
            public void onHealth(DataHealth health) {
                dataHealth(id, "trades", health);
            }
        };
    }

    /**
     * A ticker listener for an instrument.
     *
     * @param id the instrument
     * @return the listener
     */
    public TickerListener ticker(InstrumentId id) {
        return new TickerListener() {
            @Override
            public void onTicker(Ticker ticker) {
                Probe.this.onTicker(ticker);
            }

            @Override
            public void onHealth(DataHealth health) {
                dataHealth(id, "ticker", health);
            }
        };
    }

    /**
     * A candle listener for an instrument.
     *
     * @param id the instrument
     * @return the listener
     */
    public CandleListener candles(InstrumentId id) {
        return new CandleListener() {
            @Override
            public void onCandle(Candle candle) {
                Probe.this.onCandle(candle);
            }

            @Override
            public void onHealth(DataHealth health) {
                dataHealth(id, "candles", health);
            }
        };
    }

    /**
     * The events of a decoder, for a replay (the clock is then the frame's receive time).
     *
     * @return the sink
     */
    public DecodedEvents decoded() {
        return new DecodedEvents() {
            @Override
            public void onBook(BookUpdate update) {
                Probe.this.onBook(update, -1);
            }

            @Override
            public void onTrade(Trade trade) {
                Probe.this.onTrade(trade);
            }

            @Override
            public void onTicker(Ticker ticker) {
                Probe.this.onTicker(ticker);
            }

            @Override
            public void onCandle(Candle candle) {
                Probe.this.onCandle(candle);
            }

            @Override
            public void onChecksum(InstrumentId instrument, boolean ok) {
                Probe.this.onChecksum(instrument, ok);
            }
        };
    }

    synchronized void onBook(BookUpdate update, long listenerNanos) {
        long t = now();
        Inst in = inst(update.instrument());
        count("book", t);
        if (listenerNanos > 0 && update.receivedNanoTime() > 0) {
            processing.add(listenerNanos - update.receivedNanoTime());
        }
        if (update.timeMillis() != update.receivedMillis()) {
            exchangeLatency(update.timeMillis(), update.receivedMillis());
        }
        if (in.lastBookMillis > 0) {
            long silence = t - in.lastBookMillis;
            if (silence > thresholds.staleAfter().toMillis()) {
                in.stalePeriods++;
            }
            in.longestSilence = Math.max(in.longestSilence, silence);
        }
        in.lastBookMillis = t;
        switch (update.kind()) {
            case RESET -> {
                String reason = update.resetReason() == null ? "unknown" : update.resetReason();
                in.resets.merge(reason, 1L, Long::sum);
                resetsTotal++;
                in.openReset = t;
                in.recoveries.add(-1L);
                in.bestBid = in.bestAsk = Long.MIN_VALUE;
            }
            case SNAPSHOT, DELTA -> {
                in.updates++;
                in.lastDataMillis = t;
                if (update.kind() == BookUpdate.Kind.SNAPSHOT && in.openReset >= 0) {
                    in.recoveries.set(in.recoveries.size() - 1, t - in.openReset);
                    in.openReset = -1;
                }
                check(in, update.book());
            }
        }
    }

    private void check(Inst in, OrderBookView view) {
        if (in.copy == null || in.copy.priceScale() != view.priceScale() || in.copy.sizeScale() != view.sizeScale()
                || in.copy.perOrder() != view.perOrder()) {
            in.copy = new OrderBook(view.priceScale(), view.sizeScale(), 64, view.perOrder());
        }
        in.copy.copyFrom(view);
        in.priceScale = view.priceScale();
        in.bestBid = view.levels(Side.BUY) > 0 ? view.price(Side.BUY, 0) : Long.MIN_VALUE;
        in.bestAsk = view.levels(Side.SELL) > 0 ? view.price(Side.SELL, 0) : Long.MIN_VALUE;
        if (in.bestBid != Long.MIN_VALUE && in.bestAsk != Long.MIN_VALUE) {
            in.topTime[in.topNext] = lastMillis;
            in.topBid[in.topNext] = in.bestBid;
            in.topAsk[in.topNext] = in.bestAsk;
            in.topNext = (in.topNext + 1) % TOPS;
            in.topCount = Math.min(TOPS, in.topCount + 1);
        }
        if (in.pendingCount > 0) {
            settleTickers(in, lastMillis, false);
        }
        List<String> v = in.copy.violations();
        if (!v.isEmpty()) {
            in.violations++;
            if (in.firstViolation.isEmpty()) {
                in.firstViolation = String.join("; ", v) + " at " + Instant.ofEpochMilli(lastMillis);
            }
        }
    }

    synchronized void onTrade(Trade trade) {
        long t = now();
        Inst in = inst(trade.instrument());
        count("trades", t);
        in.trades++;
        exchangeLatency(trade.time().toEpochMilli(), trade.received().toEpochMilli());
        if (trade.id() != null && !trade.id().isEmpty() && !in.tradeIds.add(trade.id())) {
            in.duplicates++;
        } else {
            if (in.tradeIds.size() > TRADE_IDS) {
                var it = in.tradeIds.iterator();
                it.next();
                it.remove();
            }
            long time = trade.time().toEpochMilli();
            if (in.lastTradeTime > 0 && time < in.lastTradeTime - OUT_OF_ORDER_MILLIS) {
                in.outOfOrder++;
            }
            in.lastTradeTime = Math.max(in.lastTradeTime, time);
            in.rebuilt.onTrade(trade);
        }
    }

    synchronized void onTicker(Ticker ticker) {
        long t = now();
        Inst in = inst(ticker.instrument());
        count("ticker", t);
        in.tickers++;
        if (ticker.time() != null && ticker.received() != null && !ticker.time().equals(ticker.received())) {
            exchangeLatency(ticker.time().toEpochMilli(), ticker.received().toEpochMilli());
        }
        if (ticker.quote() == null || ticker.quote().bid() == null || ticker.quote().ask() == null
                || in.bestBid == Long.MIN_VALUE || in.bestAsk == Long.MIN_VALUE) {
            return;
        }
        in.tickerChecks++;
        long bid = scaled(ticker.quote().bid(), in.priceScale);
        long ask = scaled(ticker.quote().ask(), in.priceScale);
        // the ticker and the book are two streams: a ticker agrees when it fits a book top seen within
        // TICKER_WINDOW before it, or one that comes within TICKER_WINDOW after it
        for (int i = 0; i < in.topCount; i++) {
            int k = (in.topNext - 1 - i + TOPS) % TOPS;
            if (t - in.topTime[k] > TICKER_WINDOW_MILLIS) {
                break;
            }
            if (fits(bid, ask, in.topBid[k], in.topAsk[k])) {
                return;
            }
        }
        if (in.pendingCount < PENDING) {
            int k = in.pendingCount++;
            in.pendingTime[k] = t;
            in.pendingBid[k] = bid;
            in.pendingAsk[k] = ask;
            in.pendingText[k] = "ticker bid " + ticker.quote().bid().toPlainString() + " / ask "
                    + ticker.quote().ask().toPlainString() + " against the book's " + unscaled(in.bestBid, in.priceScale)
                    + " / " + unscaled(in.bestAsk, in.priceScale) + " at " + Instant.ofEpochMilli(t);
        } else {
            mismatch(in, "ticker bid " + ticker.quote().bid().toPlainString() + " at " + Instant.ofEpochMilli(t));
        }
    }

    private static boolean fits(long tickerBid, long tickerAsk, long bookBid, long bookAsk) {
        return tickerBid < bookAsk && tickerAsk > bookBid;
    }

    private static void mismatch(Inst in, String text) {
        in.tickerMismatches++;
        if (in.firstTickerMismatch.isEmpty()) {
            in.firstTickerMismatch = text;
        }
    }

    /** A new book top: settles the pending tickers it fits, and those too old to wait for one. */
    private static void settleTickers(Inst in, long t, boolean end) {
        int kept = 0;
        for (int i = 0; i < in.pendingCount; i++) {
            boolean fits = !end && in.bestBid != Long.MIN_VALUE && in.bestAsk != Long.MIN_VALUE
                    && fits(in.pendingBid[i], in.pendingAsk[i], in.bestBid, in.bestAsk);
            if (fits) {
                continue;
            }
            if (end || t - in.pendingTime[i] > TICKER_WINDOW_MILLIS) {
                mismatch(in, in.pendingText[i]);
                continue;
            }
            in.pendingTime[kept] = in.pendingTime[i];
            in.pendingBid[kept] = in.pendingBid[i];
            in.pendingAsk[kept] = in.pendingAsk[i];
            in.pendingText[kept] = in.pendingText[i];
            kept++;
        }
        in.pendingCount = kept;
    }

    synchronized void onCandle(Candle candle) {
        long t = now();
        Inst in = inst(candle.instrument());
        count("candles", t);
        if (candle.closed() && candle.interval().equals(CandleInterval.M1)) {
            in.exchangeCandles.put(candle.start().toEpochMilli(), candle);
        }
    }

    synchronized void onChecksum(InstrumentId id, boolean ok) {
        now();
        Inst in = inst(id);
        if (ok) {
            in.checksumsOk++;
        } else {
            in.checksumsFailed++;
        }
    }

    /**
     * A frame the decoder refused (replay) or the connector reported as undecodable.
     *
     * @param message what was wrong
     */
    public synchronized void decodeError(String message) {
        now();
        decodeErrors++;
        if (failures.size() < 20) {
            failures.add("decode: " + message);
        }
    }

    synchronized void dataHealth(InstrumentId id, String channel, DataHealth health) {
        now();
        Inst in = inst(id);
        DataState previous = in.channelStates.put(channel, health.state());
        if (previous == health.state()) {
            return;
        }
        if (health.state() == DataState.STALE) {
            in.connectorStale++;
            staleTotal++;
        } else if (health.state() == DataState.FAILED) {
            streamFailures++;
            if (failures.size() < 20) {
                failures.add(id.symbol() + " " + channel + " failed: " + health.cause());
            }
        }
    }

    /**
     * The connector's health; call for every change.
     *
     * @param h the health
     */
    public synchronized void health(ConnectionHealth h) {
        long t = now();
        lastState = h.state().wireName();
        Map<String, SessionHealth> all = h.sessions();
        if (all.isEmpty()) {
            all = Map.of(SessionHealth.MARKET_DATA, new SessionHealth(SessionHealth.MARKET_DATA, h.state(), h.cause(),
                    h.since(), org.tradebench.api.health.DataSource.NONE, h.latency(), h.messagesPerSecond(),
                    h.reconnects(), h.errors()));
        }
        long errors = 0;
        long reconnects = 0;
        for (SessionHealth s : all.values()) {
            errors += s.errors();
            reconnects += s.reconnects();
            SessionTrack track = sessions.computeIfAbsent(s.name(), SessionTrack::new);
            track.update(s, t);
        }
        if (firstHealthErrors < 0) {
            firstHealthErrors = errors;
            firstReconnects = reconnects;
        }
        lastHealthErrors = Math.max(lastHealthErrors, errors);
        lastReconnects = Math.max(lastReconnects, reconnects);
    }

    /**
     * An order round trip through the order gateway.
     *
     * @param placeNanos placed to acknowledged
     * @param cancelNanos cancel to acknowledged
     */
    public synchronized void order(long placeNanos, long cancelNanos) {
        now();
        orderAck.add(placeNanos);
        cancelAck.add(cancelNanos);
    }

    /**
     * An order round trip that failed.
     *
     * @param why in words
     */
    public synchronized void orderFailed(String why) {
        now();
        if (orderFailures.size() < 20) {
            orderFailures.add(why);
        }
    }

    /**
     * The best bid of an instrument's book now.
     *
     * @param id the instrument
     * @return the price, or null without a book
     */
    public synchronized BigDecimal bestBid(InstrumentId id) {
        Inst in = instruments.get(id);
        return in == null || in.bestBid == Long.MIN_VALUE ? null : BigDecimal.valueOf(in.bestBid, in.priceScale);
    }

    /**
     * A ping round trip the connector measured.
     *
     * @param rtt the round trip
     */
    public synchronized void ping(Duration rtt) {
        now();
        ping.add(rtt.toNanos());
    }

    @Override
    public synchronized void onFrame(String session, byte[] frame, int offset, int length, long receivedMillis) {
        long t = now();
        long[] perSecond = framesPerSecond.computeIfAbsent(session, k -> new long[64]);
        int s = (int) Math.max(0, (t - startMillis) / 1000);
        if (s >= perSecond.length) {
            perSecond = Arrays.copyOf(perSecond, Math.max(s + 1, perSecond.length * 2));
            framesPerSecond.put(session, perSecond);
        }
        perSecond[s]++;
    }

    /**
     * The counters at one moment, to tell what a fault changed.
     *
     * @param at when (epoch ms)
     * @param resets book resets so far
     * @param leftLive times a session left the live state so far
     * @param maintenance times a session entered maintenance so far
     * @param stale times the connector declared a stream stale so far
     * @param errors decode errors so far
     * @param rateLimited rate-limit answers so far
     * @param liveSessions the sessions live at that moment
     */
    public record Mark(long at, long resets, long leftLive, long maintenance, long stale, long errors, long rateLimited,
            java.util.Set<String> liveSessions) {
    }

    /**
     * The counters now.
     *
     * @return the mark
     */
    public synchronized Mark mark() {
        java.util.Set<String> live = new java.util.HashSet<>();
        sessions.values().forEach(s -> {
            if (ConnectionState.LIVE.wireName().equals(s.state)) {
                live.add(s.name);
            }
        });
        return new Mark(Math.max(lastMillis, clock.getAsLong()), resetsTotal, leftLive, maintenanceEntries, staleTotal,
                errorsNow(), rateLimited, live);
    }

    private long errorsNow() {
        return decodeErrors + Math.max(0, lastHealthErrors - Math.max(0, firstHealthErrors));
    }

    /**
     * What a fault was seen to do since a mark.
     *
     * @param m the mark taken before the fault
     * @param fault the fault
     * @return the effect in words, or null while none is seen
     */
    public synchronized String effectSince(Mark m, org.tradebench.verification.ChaosDriver.Fault fault) {
        long resets = resetsTotal - m.resets();
        long left = leftLive - m.leftLive();
        String r = resets > 0 ? resets + (resets == 1 ? " book reset" : " book resets") : null;
        String l = left > 0 ? "a session left the live state (" + sessionStates() + ")" : null;
        return switch (fault) {
            case CONNECTION_DROP, SERVER_RESTART -> l != null ? l : r;
            case BOOK_INTEGRITY, SEQUENCE_GAP -> r;
            case SILENCE -> staleTotal > m.stale() ? "stale declared" : l != null ? l : r;
            case MAINTENANCE -> maintenanceEntries > m.maintenance() ? "maintenance seen" : null;
            case RATE_LIMIT -> rateLimited > m.rateLimited() ? "rate-limit answer" : l;
            case MALFORMED_FRAMES -> errorsNow() > m.errors() ? (errorsNow() - m.errors()) + " decode errors counted" : null;
        };
    }

    /**
     * What still keeps the connector from having recovered after a fault's effect.
     *
     * @param m the mark taken before the fault (its live sessions must be live again)
     * @param effectAt when the effect was seen (epoch ms): every book must have had data since
     * @return null when recovered, else what is missing in words
     */
    public synchronized String notRecovered(Mark m, long effectAt) {
        List<String> missing = new ArrayList<>();
        for (String name : m.liveSessions()) {
            SessionTrack s = sessions.get(name);
            if (s != null && !ConnectionState.LIVE.wireName().equals(s.state)) {
                missing.add(name + " " + s.state + (s.cause.isEmpty() ? "" : " (" + s.cause + ")"));
            }
        }
        for (Inst in : instruments.values()) {
            if (in.openReset >= 0) {
                missing.add(in.id.symbol() + " book reset, no snapshot yet");
            } else if (in.lastDataMillis <= effectAt && in.updates > 0) {
                missing.add(in.id.symbol() + " book: no update since");
            }
        }
        return missing.isEmpty() ? null : String.join("; ", missing);
    }

    /**
     * The time of the probe's clock.
     *
     * @return epoch ms
     */
    public long clockMillis() {
        return clock.getAsLong();
    }

    private String sessionStates() {
        List<String> states = new ArrayList<>();
        sessions.values().forEach(s -> states.add(s.name + " " + s.state));
        return String.join(", ", states);
    }

    /**
     * The instruments seen so far, in order of their first event.
     *
     * @return their symbols
     */
    public synchronized java.util.List<String> symbols() {
        return instruments.keySet().stream().map(InstrumentId::symbol).toList();
    }

    /**
     * What the run shows so far.
     *
     * @param planned the plan's duration
     * @return a snapshot for a progress line or live charts
     */
    public synchronized Progress progress(Duration planned) {
        long t = Math.max(lastMillis, clock.getAsLong());
        long elapsed = startMillis < 0 ? 0 : t - startMillis;
        long resets = 0;
        long violations = 0;
        for (Inst in : instruments.values()) {
            resets += in.resets.values().stream().mapToLong(Long::longValue).sum();
            violations += in.violations;
        }
        int second = (int) Math.max(0, elapsed / 1000) - 1; // the last complete second
        long rate = 0;
        if (second >= 0) {
            for (long[] perSecond : channelPerSecond.values()) {
                rate += second < perSecond.length ? perSecond[second] : 0;
            }
        }
        return new Progress(Duration.ofMillis(elapsed), planned, total, rate, lastState,
                ping.count() == 0 ? -1 : Samples.millis(ping.percentile(99)),
                exchange.count() == 0 ? -1 : Samples.millis(exchange.percentile(99)), resets, violations,
                Math.max(0, lastHealthErrors - Math.max(0, firstHealthErrors)) + decodeErrors,
                Math.max(0, lastReconnects - Math.max(0, firstReconnects)));
    }

    /**
     * The measurements, at the end of the run.
     *
     * @param end the end of the run (epoch ms)
     * @return the report's measured sections
     */
    public synchronized Measurements measurements(long end) {
        closeSecond();
        long start = startMillis < 0 ? end : startMillis;
        long seconds = Math.max(1, (end - start + 999) / 1000);
        // stability
        List<HealthSpan> timeline = new ArrayList<>();
        List<Recovery> recoveries = new ArrayList<>();
        List<SessionTime> times = new ArrayList<>();
        for (SessionTrack s : sessions.values()) {
            s.close(end);
            timeline.addAll(s.spans);
            recoveries.addAll(s.recoveries);
            long measured = Math.max(1, end - start);
            Map<String, Long> byState = new LinkedHashMap<>();
            for (HealthSpan span : s.spans) {
                long from = Math.max(start, span.from().toEpochMilli());
                long to = span.to().toEpochMilli();
                if (to > from) {
                    byState.merge(span.state(), to - from, Long::sum);
                }
            }
            double live = 100.0 * byState.getOrDefault(ConnectionState.LIVE.wireName(), 0L) / measured;
            times.add(new SessionTime(s.name, byState, Math.min(100, Math.round(live * 100) / 100.0)));
        }
        VerificationReport.Stability stability = new VerificationReport.Stability(
                Math.max(0, lastReconnects - Math.max(0, firstReconnects)), recoveries, times, timeline);
        // quality
        List<InstrumentQuality> quality = new ArrayList<>();
        for (Inst in : instruments.values()) {
            settleTickers(in, end, false);
            if (in.pendingCount > 0 && end - in.pendingTime[in.pendingCount - 1] > TICKER_WINDOW_MILLIS) {
                settleTickers(in, end, true);
            }
            long silence = in.lastBookMillis > 0 ? Math.max(in.longestSilence, end - in.lastBookMillis)
                    : in.longestSilence;
            long stale = in.stalePeriods
                    + (in.lastBookMillis > 0 && end - in.lastBookMillis > thresholds.staleAfter().toMillis() ? 1 : 0);
            int[] candles = compareCandles(in, start);
            quality.add(new InstrumentQuality(in.id.symbol(), in.updates, in.resets, in.recoveries, in.violations,
                    in.firstViolation, in.checksumsOk, in.checksumsFailed, stale, silence, in.connectorStale, in.trades,
                    in.duplicates, in.outOfOrder, in.tickers, in.tickerChecks, in.tickerMismatches,
                    in.firstTickerMismatch, candles[0], candles[1], in.firstCandleMismatch));
        }
        // latency
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < BOUNDS.length; i++) {
            buckets.add(new Bucket(BOUNDS[i] == Double.MAX_VALUE ? -1 : BOUNDS[i], histogram[i]));
        }
        VerificationReport.Latency latency = new VerificationReport.Latency(ping.stats(), exchange.stats(),
                processing.stats(), orderAck.stats(), cancelAck.stats(), buckets, latencySeries);
        // throughput
        Map<String, Rate> channels = new LinkedHashMap<>();
        long[] all = new long[(int) seconds];
        for (Map.Entry<String, long[]> e : channelPerSecond.entrySet()) {
            Rate r = rate(e.getValue(), seconds);
            if (r.total() > 0) {
                channels.put(e.getKey(), r);
            }
            long[] folded = fold(e.getValue(), seconds);
            for (int i = 0; i < all.length; i++) {
                all[i] += folded[i];
            }
        }
        Map<String, Rate> connections = new LinkedHashMap<>();
        framesPerSecond.forEach((session, perSecond) -> connections.put(session, rate(perSecond, seconds)));
        List<Long> perSecond = new ArrayList<>(all.length);
        long peak = 0;
        for (long n : all) {
            perSecond.add(n);
            peak = Math.max(peak, n);
        }
        VerificationReport.Throughput throughput = new VerificationReport.Throughput(total,
                round2(total / (double) seconds), peak, channels, connections, perSecond);
        VerificationReport.Errors errors = new VerificationReport.Errors(
                decodeErrors + Math.max(0, lastHealthErrors - Math.max(0, firstHealthErrors)), streamFailures,
                failures, rateLimited, rateLimitCauses, orderFailures);
        return new Measurements(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), stability,
                new VerificationReport.Quality(quality), latency, throughput, errors, !sessions.isEmpty(), ping.count() > 0,
                exchange.count() == 0 ? null : Samples.millis(minExchangeNanos));
    }

    private int[] compareCandles(Inst in, long start) {
        in.rebuilt.onTime(Instant.ofEpochMilli(Long.MAX_VALUE / 4));
        Map<Long, Candle> rebuilt = new HashMap<>();
        for (Candle c : in.rebuilt.candles()) {
            rebuilt.put(c.start().toEpochMilli(), c);
        }
        long firstFull = ((start + 59_999) / 60_000) * 60_000; // candles that began before the run are partial
        int compared = 0;
        int mismatched = 0;
        for (Candle exchangeCandle : in.exchangeCandles.values()) {
            long s = exchangeCandle.start().toEpochMilli();
            if (s < firstFull || s + 60_000 > in.lastTradeTime) {
                continue;
            }
            compared++;
            Candle mine = rebuilt.get(s);
            String diff = mine == null ? "no trades in the stream for it" : difference(exchangeCandle, mine);
            if (diff != null) {
                mismatched++;
                if (in.firstCandleMismatch.isEmpty()) {
                    in.firstCandleMismatch = "1m candle of " + exchangeCandle.start() + ": " + diff;
                }
            }
        }
        return new int[] {compared, mismatched};
    }

    private static String difference(Candle exchange, Candle rebuilt) {
        List<String> d = new ArrayList<>();
        compare(d, "open", exchange.open(), rebuilt.open());
        compare(d, "high", exchange.high(), rebuilt.high());
        compare(d, "low", exchange.low(), rebuilt.low());
        compare(d, "close", exchange.close(), rebuilt.close());
        BigDecimal v1 = exchange.volume();
        BigDecimal v2 = rebuilt.volume();
        if (v1.signum() != 0 || v2.signum() != 0) {
            double rel = Math.abs(v1.doubleValue() - v2.doubleValue()) / Math.max(v1.doubleValue(), v2.doubleValue());
            if (rel > 0.005) {
                d.add("volume " + v1.toPlainString() + " vs " + v2.toPlainString() + " from the trades");
            }
        }
        return d.isEmpty() ? null : String.join(", ", d);
    }

    private static void compare(List<String> d, String what, BigDecimal exchange, BigDecimal rebuilt) {
        if (exchange.compareTo(rebuilt) != 0) {
            d.add(what + " " + exchange.toPlainString() + " vs " + rebuilt.toPlainString() + " from the trades");
        }
    }

    private static Rate rate(long[] perSecond, long seconds) {
        long[] folded = fold(perSecond, seconds);
        long sum = 0;
        long peak = 0;
        for (long n : folded) {
            sum += n;
            peak = Math.max(peak, n);
        }
        return new Rate(sum, round2(sum / (double) seconds), peak);
    }

    /** Counts per second of the run; an event at the very end (or later) counts in the last second. */
    private static long[] fold(long[] perSecond, long seconds) {
        long[] out = new long[(int) seconds];
        for (int i = 0; i < perSecond.length; i++) {
            out[(int) Math.min(i, seconds - 1)] += perSecond[i];
        }
        return out;
    }

    private static double round2(double d) {
        return Math.round(d * 100) / 100.0;
    }

    private static long scaled(BigDecimal d, int scale) {
        return d.movePointRight(scale).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }

    private static String unscaled(long v, int scale) {
        return BigDecimal.valueOf(v, scale).toPlainString();
    }

    /**
     * The measured sections of a report.
     *
     * @param started the run's start
     * @param ended its end
     * @param stability connection stability
     * @param quality data quality
     * @param latency latency
     * @param throughput throughput
     * @param errors errors
     * @param healthSeen whether any connection health was seen (not in a replay)
     * @param pingSeen whether the connector measured any ping
     * @param minExchangeMillis the smallest exchange-to-local latency (network latency plus the clock
     *        offset: negative when events arrive before their exchange time); null without samples
     */
    public record Measurements(Instant started, Instant ended, VerificationReport.Stability stability,
            VerificationReport.Quality quality, VerificationReport.Latency latency,
            VerificationReport.Throughput throughput, VerificationReport.Errors errors, boolean healthSeen,
            boolean pingSeen, Double minExchangeMillis) {
    }

    /** One session's health over time. */
    private final class SessionTrack {
        final String name;
        final List<HealthSpan> spans = new ArrayList<>();
        final List<Recovery> recoveries = new ArrayList<>();
        String state;
        String cause = "";
        long since;
        int openRecovery = -1;
        long lostAt;
        String lastRateLimitCause;

        SessionTrack(String name) {
            this.name = name;
        }

        void update(SessionHealth s, long t) {
            String cause = s.cause();
            if (cause != null && isRateLimit(cause) && !cause.equals(lastRateLimitCause)) {
                rateLimited++;
                lastRateLimitCause = cause;
                if (rateLimitCauses.size() < 20) {
                    rateLimitCauses.add(name + ": " + cause);
                }
            }
            String next = s.state().wireName();
            if (next.equals(state)) {
                return;
            }
            if (state != null) {
                spans.add(new HealthSpan(name, state, this.cause, Instant.ofEpochMilli(since), Instant.ofEpochMilli(t)));
            }
            boolean wasLive = ConnectionState.LIVE.wireName().equals(state);
            boolean live = s.state() == ConnectionState.LIVE;
            if (s.state() == ConnectionState.MAINTENANCE) {
                maintenanceEntries++;
            }
            if (wasLive && !live) {
                leftLive++;
                recoveries.add(new Recovery(name, Instant.ofEpochMilli(t), next, cause == null ? "" : cause, null));
                openRecovery = recoveries.size() - 1;
                lostAt = t;
            } else if (live && openRecovery >= 0) {
                Recovery r = recoveries.get(openRecovery);
                recoveries.set(openRecovery, new Recovery(r.session(), r.lost(), r.state(), r.cause(),
                        Duration.ofMillis(t - lostAt)));
                openRecovery = -1;
            }
            state = next;
            this.cause = cause == null ? "" : cause;
            since = t;
        }

        void close(long end) {
            if (state != null && end >= since) {
                spans.add(new HealthSpan(name, state, cause, Instant.ofEpochMilli(since), Instant.ofEpochMilli(end)));
                state = null;
            }
        }
    }

    static boolean isRateLimit(String cause) {
        String c = cause.toLowerCase(Locale.ROOT);
        return c.contains("429") || c.contains("418") || c.contains("rate limit") || c.contains("rate-limit")
                || c.contains("too many requests");
    }

    /** One instrument's counters. */
    private final class Inst {
        final InstrumentId id;
        final Map<String, Long> resets = new LinkedHashMap<>();
        final List<Long> recoveries = new ArrayList<>();
        final Set<String> tradeIds = new LinkedHashSet<>();
        final Map<String, DataState> channelStates = new HashMap<>();
        final TreeMap<Long, Candle> exchangeCandles = new TreeMap<>();
        final CandleAggregator rebuilt;
        OrderBook copy;
        int priceScale;
        long bestBid = Long.MIN_VALUE;
        long bestAsk = Long.MIN_VALUE;
        long updates;
        long openReset = -1;
        long violations;
        String firstViolation = "";
        long checksumsOk;
        long checksumsFailed;
        long lastBookMillis;
        long lastDataMillis;
        long stalePeriods;
        long longestSilence;
        long connectorStale;
        long trades;
        long duplicates;
        long outOfOrder;
        long lastTradeTime;
        long tickers;
        long tickerChecks;
        long tickerMismatches;
        String firstTickerMismatch = "";
        String firstCandleMismatch = "";
        final long[] topTime = new long[TOPS];
        final long[] topBid = new long[TOPS];
        final long[] topAsk = new long[TOPS];
        int topNext;
        int topCount;
        final long[] pendingTime = new long[PENDING];
        final long[] pendingBid = new long[PENDING];
        final long[] pendingAsk = new long[PENDING];
        final String[] pendingText = new String[PENDING];
        int pendingCount;

        Inst(InstrumentId id) {
            this.id = id;
            this.rebuilt = new CandleAggregator(id, CandleInterval.M1, 24 * 60, c -> {
            });
        }
    }
}
