package org.tradebench.ui.chart.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.tradebench.api.Subscription;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleHistoryRequest;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.CandleRequest;
import org.tradebench.api.market.MarketData;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeHistoryRequest;
import org.tradebench.api.market.TradeListener;
import org.tradebench.core.candle.CandleAggregator;
import org.tradebench.ui.core.format.ClockFormat;

/**
 * Fills a {@link CandleSeries} for one instrument and interval, from the best source the connector
 * has:
 * <ul>
 * <li>{@link Mode#NATIVE}: the exchange streams this interval; history comes with the stream and
 * older pages from {@link MarketData#candleHistory};</li>
 * <li>{@link Mode#ROLLUP}: the exchange streams a shorter interval that divides this one (1h for
 * 4h): each candle is the exact sum of those;</li>
 * <li>{@link Mode#TRADES}: nothing fits (seconds on an exchange streaming minutes), or the candle
 * stream failed: candles are built from trades by core's {@link CandleAggregator}, seeded with the
 * recent trade history so the chart does not open empty, and paged back through trade history.</li>
 * </ul>
 *
 * <p>Listeners run on connector threads and the clock thread; they only update the series and the
 * status and call {@code changed}, which must be cheap (a throttler's schedule).
 */
public final class CandleFeed implements AutoCloseable {

    /** Where the candles come from. */
    public enum Mode {
        /** The exchange's candles of this interval. */
        NATIVE,
        /** Summed from the exchange's candles of a shorter interval. */
        ROLLUP,
        /** Built from trades. */
        TRADES
    }

    /**
     * What the view says about the candles.
     *
     * @param source where they come from, for people
     * @param health the stream's health, nullable before the first report
     * @param note why something is missing (history unavailable, a failed stream), empty when all is well
     */
    public record Status(String source, DataHealth health, String note) {
    }

    /** Closed candles asked for when the chart opens. */
    public static final int INITIAL_CANDLES = 300;
    /** Candles per history page. */
    public static final int PAGE_CANDLES = 500;
    /** Trades per trade-history request. */
    public static final int TRADE_PAGE = 1000;


    private final MarketData marketData;
    private final InstrumentId instrument;
    private final CandleInterval interval;
    private final CandleSeries series;
    private final Runnable changed;
    private final CandleInterval finer;
    private final ScheduledExecutorService clock = ChartThreads.acquire();
    private boolean released;

    private Mode mode;
    private volatile Status status;
    private Subscription subscription;
    private ScheduledFuture<?> tick;
    private volatile boolean closed;
    private volatile boolean paging;
    private volatile boolean exhausted;

    // ROLLUP: the shorter candles of the newest buckets, by start
    private final TreeMap<Long, Candle> finerCandles = new TreeMap<>();
    // TRADES: guarded by this
    private CandleAggregator aggregator;
    private List<Trade> early = new ArrayList<>();
    // TRADES: ids of the seeding history and its newest time, so the stream cannot count one twice
    private Set<String> seededIds = Set.of();
    private Instant seededUntil = Instant.MIN;

    /**
     * Starts filling a series.
     *
     * @param marketData the connector's market data
     * @param instrument the instrument
     * @param series the series to fill (its interval is the one shown)
     * @param changed called after every change, any thread
     */
    public CandleFeed(MarketData marketData, InstrumentId instrument, CandleSeries series, Runnable changed) {
        this.marketData = Objects.requireNonNull(marketData, "marketData");
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.series = Objects.requireNonNull(series, "series");
        this.changed = Objects.requireNonNull(changed, "changed");
        this.interval = series.interval();
        List<CandleInterval> streamed;
        try {
            streamed = marketData.candleIntervals();
        } catch (RuntimeException e) {
            streamed = List.of();
        }
        CandleInterval best = null;
        for (CandleInterval i : streamed) {
            if (i.millis() < interval.millis() && interval.millis() % i.millis() == 0) {
                best = i; // shortest first: the last that divides is the longest
            }
        }
        finer = best;
        try {
            if (streamed.contains(interval)) {
                startNative();
            } else if (finer != null) {
                startRollup();
            } else {
                startTrades("");
            }
        } catch (RuntimeException refused) {
            close(); // gives the thread back
            throw refused;
        }
    }

    /** @return where the candles come from now */
    public synchronized Mode mode() {
        return mode;
    }

    /** @return what to show about the candles */
    public Status status() {
        return status;
    }

    /** @return whether a history page is being fetched */
    public boolean isPaging() {
        return paging;
    }

    /** @return whether the source has no older history */
    public boolean isExhausted() {
        return exhausted;
    }

    private void setStatus(String source, DataHealth health, String note) {
        status = new Status(source, health, note);
        changed.run();
    }

    private void setHealth(DataHealth h) {
        Status s = status;
        status = new Status(s.source(), h, s.note());
        changed.run();
    }

    // ---- NATIVE

    private synchronized void startNative() {
        mode = Mode.NATIVE;
        status = new Status(interval.label() + " candles from the exchange", null, "");
        subscription = marketData.subscribeCandles(new CandleRequest(instrument, interval, INITIAL_CANDLES),
                new CandleListener() {
                    @Override
                    public void onCandle(Candle candle) {
                        series.put(candle);
                        changed.run();
                    }

                    @Override
                    public void onHealth(DataHealth health) {
                        streamHealth(health);
                    }
                });
    }

    private void streamHealth(DataHealth health) {
        if (closed) {
            return;
        }
        if (health.state() == DataState.FAILED) {
            String cause = health.cause().isEmpty() ? "the exchange refused it" : health.cause();
            // not on the delivery thread that reports it: it closes this very subscription
            String why = "The " + (mode == Mode.ROLLUP ? finer.label() : interval.label()) + " candle stream failed ("
                    + cause + "); candles are built from trades.";
            try {
                clock.execute(() -> fallBackToTrades(why));
            } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
                // the feed was closed while the report was on its way
            }
            return;
        }
        DataHealth before = status.health();
        setHealth(health);
        if (health.state() == DataState.LIVE && before != null && before.state() != DataState.LIVE
                && before.state() != DataState.PENDING) {
            fillGap();
        }
    }

    /**
     * Back live after a reconnect or a stale spell: candles that closed meanwhile may never have
     * been streamed, so ask the exchange for everything since the newest closed candle held.
     */
    private void fillGap() {
        Candle newestClosed = null;
        List<Candle> held = series.candles();
        for (int i = held.size() - 1; i >= 0; i--) {
            if (held.get(i).closed()) {
                newestClosed = held.get(i);
                break;
            }
        }
        if (newestClosed == null || mode == Mode.TRADES) {
            return;
        }
        CandleInterval asked = mode == Mode.ROLLUP ? finer : interval;
        Instant from = newestClosed.start();
        CompletionStage<List<Candle>> gap;
        try {
            gap = marketData.candleHistory(new CandleHistoryRequest(instrument, asked, from, null, 10_000));
        } catch (RuntimeException e) {
            gap = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        gap.whenComplete((page, failure) -> {
            if (closed) {
                return;
            }
            if (failure != null) {
                Status s = status;
                setStatus(s.source(), s.health(), join(s.note(), "Candles missed while the stream was down could not be fetched ("
                        + message(failure) + "); the chart may have a gap after " + ClockFormat.format(from) + "."));
                return;
            }
            List<Candle> closedOnly = page.stream().filter(Candle::closed).toList();
            if (mode == Mode.ROLLUP) {
                // whole buckets only: the stream keeps the forming one
                long formingBucket = closedOnly.isEmpty() ? Long.MIN_VALUE
                        : interval.bucketStartMillis(closedOnly.get(closedOnly.size() - 1).end().toEpochMilli());
                closedOnly = sumPage(closedOnly.stream().filter(c -> interval.bucketStartMillis(c.start().toEpochMilli())
                        < formingBucket).toList(), false);
            }
            series.putAll(closedOnly);
            changed.run();
        });
    }

    private void fallBackToTrades(String why) {
        Subscription failed;
        synchronized (this) {
            if (closed || mode == Mode.TRADES) {
                return;
            }
            failed = subscription;
            subscription = null;
        }
        closeQuietly(failed);
        synchronized (this) {
            if (!closed) {
                startTrades(why);
            }
        }
    }

    // ---- ROLLUP

    private synchronized void startRollup() {
        mode = Mode.ROLLUP;
        status = new Status(interval.label() + " candles summed from the exchange's " + finer.label() + " candles",
                null, "");
        int ratio = (int) (interval.millis() / finer.millis());
        int history = (int) Math.min(10_000L, (long) INITIAL_CANDLES * ratio);
        subscription = marketData.subscribeCandles(new CandleRequest(instrument, finer, history), new CandleListener() {
            @Override
            public void onCandle(Candle candle) {
                rollUp(candle);
            }

            @Override
            public void onHealth(DataHealth health) {
                streamHealth(health);
            }
        });
    }

    private void rollUp(Candle fine) {
        Candle coarse;
        synchronized (finerCandles) {
            long s = fine.start().toEpochMilli();
            finerCandles.put(s, fine);
            long bucket = interval.bucketStartMillis(s);
            long newest = finerCandles.lastKey();
            // keep the shorter candles of the two newest buckets only
            long keepFrom = interval.bucketStartMillis(newest) - interval.millis();
            finerCandles.headMap(keepFrom).clear();
            Map<Long, Candle> parts = finerCandles.subMap(bucket, bucket + interval.millis());
            if (parts.isEmpty()) {
                return; // older than what is kept: a history page covers it
            }
            Candle last = ((TreeMap<Long, Candle>) finerCandles).floorEntry(bucket + interval.millis() - 1).getValue();
            boolean over = newest >= bucket + interval.millis()
                    || (last.closed() && last.end().toEpochMilli() >= bucket + interval.millis());
            coarse = sum(new ArrayList<>(parts.values()), bucket, over);
        }
        series.put(coarse);
        changed.run();
    }

    /** Sums shorter candles (oldest first, one bucket) into one candle of this feed's interval. */
    Candle sum(List<Candle> parts, long bucket, boolean over) {
        Candle first = parts.get(0);
        BigDecimal high = first.high();
        BigDecimal low = first.low();
        BigDecimal volume = BigDecimal.ZERO;
        long trades = 0;
        for (Candle c : parts) {
            high = high.max(c.high());
            low = low.min(c.low());
            volume = volume.add(c.volume());
            trades = trades < 0 || c.trades() < 0 ? -1 : trades + c.trades();
        }
        return new Candle(instrument, interval, Instant.ofEpochMilli(bucket), first.open(), high, low,
                parts.get(parts.size() - 1).close(), volume, trades, over);
    }

    /** Sums a page of shorter closed candles into whole buckets; a bucket the page may cut is left out. */
    List<Candle> sumPage(List<Candle> page, boolean complete) {
        TreeMap<Long, List<Candle>> byBucket = new TreeMap<>();
        for (Candle c : page) {
            byBucket.computeIfAbsent(interval.bucketStartMillis(c.start().toEpochMilli()), k -> new ArrayList<>()).add(c);
        }
        List<Candle> out = new ArrayList<>();
        boolean firstBucket = true;
        for (Map.Entry<Long, List<Candle>> e : byBucket.entrySet()) {
            List<Candle> parts = e.getValue();
            parts.sort(Comparator.comparing(Candle::start));
            boolean cut = firstBucket && !complete && parts.get(0).start().toEpochMilli() != e.getKey();
            firstBucket = false;
            if (!cut) {
                out.add(sum(parts, e.getKey(), true));
            }
        }
        return out;
    }

    // ---- TRADES

    private synchronized void startTrades(String why) {
        mode = Mode.TRADES;
        String source = interval.label() + " candles built from trades";
        status = new Status(source, null, why);
        CandleAggregator agg = new CandleAggregator(instrument, interval, CandleSeries.MAX_CANDLES, c -> {
            series.put(c);
            changed.run();
        });
        synchronized (this) {
            aggregator = agg;
            early = new ArrayList<>();
        }
        Instant subscribed = Instant.now();
        subscription = marketData.subscribeTrades(instrument, new TradeListener() {
            @Override
            public void onTrade(Trade trade) {
                synchronized (CandleFeed.this) {
                    if (early != null) {
                        early.add(trade);
                    } else if (aggregator == agg && !(trade.time().compareTo(seededUntil) <= 0
                            && seededIds.contains(trade.id()))) {
                        agg.onTrade(trade);
                    }
                }
            }

            @Override
            public void onHealth(DataHealth health) {
                if (!closed) {
                    setHealth(health);
                }
            }
        });
        tick = clock.scheduleAtFixedRate(() -> {
            synchronized (CandleFeed.this) {
                if (aggregator == agg && early == null) {
                    agg.onTime(Instant.now());
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
        CompletionStage<List<Trade>> seed;
        try {
            seed = marketData.tradeHistory(new TradeHistoryRequest(instrument, subscribed, TRADE_PAGE));
        } catch (RuntimeException e) {
            seed = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        seed.whenComplete((trades, failure) -> {
            String note = why;
            synchronized (CandleFeed.this) {
                if (aggregator != agg || early == null) {
                    return;
                }
                Set<String> seen = new HashSet<>();
                if (failure == null) {
                    List<Trade> sorted = new ArrayList<>(trades);
                    sorted.sort(Comparator.comparing(Trade::time));
                    for (Trade t : sorted) {
                        if (t.instrument().equals(instrument)) {
                            seen.add(t.id());
                            agg.onTrade(t);
                            if (t.time().isAfter(seededUntil)) {
                                seededUntil = t.time();
                            }
                        }
                    }
                    if (sorted.size() < TRADE_PAGE) {
                        exhausted = true;
                    } else {
                        // the page was cut: the oldest candle may lack trades from before it
                        Instant oldestTrade = sorted.get(0).time();
                        if (oldestTrade.isAfter(interval.bucketStart(oldestTrade))) {
                            note = join(why, "The oldest candle (" + ClockFormat.format(interval.bucketStart(oldestTrade))
                                    + ") is built from trades since " + ClockFormat.format(oldestTrade)
                                    + " only: its open, high, low and volume may be incomplete.");
                        }
                    }
                } else {
                    exhausted = true;
                    note = join(why, "Trade history unavailable (" + message(failure)
                            + "): candles are built from live trades since " + ClockFormat.format(subscribed) + ".");
                }
                for (Trade t : early) {
                    if (!seen.contains(t.id())) {
                        agg.onTrade(t);
                    }
                }
                early = null;
                seededIds = seen;
                agg.onTime(Instant.now()); // a seeded bucket that is over shows closed at once
            }
            Status s = status;
            setStatus(s.source(), s.health(), note);
        });
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + " " + b;
    }

    static String message(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null || m.isBlank() ? c.getClass().getSimpleName() : m;
    }

    // ---- paging back

    /**
     * Fetches the page of candles before the oldest held, off the calling thread; the series
     * grows and {@code changed} runs when it arrives. Does nothing while a page is on its way or
     * when the source said there is nothing older.
     */
    public void pageBack() {
        Instant oldest = series.oldestStart();
        if (closed || paging || exhausted || oldest == null) {
            return;
        }
        paging = true;
        Mode m = mode();
        CompletionStage<List<Candle>> page;
        try {
            page = switch (m) {
                case NATIVE -> marketData.candleHistory(CandleHistoryRequest.before(instrument, interval, oldest, PAGE_CANDLES))
                        .thenApply(list -> {
                            exhausted = list.isEmpty();
                            return list;
                        });
                case ROLLUP -> {
                    int limit = (int) Math.min(10_000L, PAGE_CANDLES * (interval.millis() / finer.millis()));
                    yield marketData.candleHistory(CandleHistoryRequest.before(instrument, finer, oldest, limit))
                            .thenApply(list -> {
                                exhausted = list.isEmpty();
                                return sumPage(list, list.size() < limit);
                            });
                }
                case TRADES -> marketData.tradeHistory(new TradeHistoryRequest(instrument, oldest, TRADE_PAGE))
                        .thenApply(list -> {
                            exhausted = list.size() < TRADE_PAGE;
                            return fromTrades(list, list.size() < TRADE_PAGE);
                        });
            };
        } catch (RuntimeException e) {
            page = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        page.whenComplete((candles, failure) -> {
            paging = false;
            if (closed) {
                return;
            }
            if (failure != null) {
                exhausted = true;
                Status s = status;
                setStatus(s.source(), s.health(), join(s.note(), "Older history unavailable: " + message(failure) + "."));
                return;
            }
            series.putAll(candles);
            if (series.size() >= CandleSeries.MAX_CANDLES) {
                exhausted = true; // a page more would only push out what it brought
                Status s = status;
                setStatus(s.source(), s.health(), join(s.note(), "The chart keeps the newest "
                        + CandleSeries.MAX_CANDLES + " candles; a longer interval shows further back."));
                return;
            }
            changed.run();
        });
    }

    /** Candles of a page of trades: whole buckets only, all closed. */
    List<Candle> fromTrades(List<Trade> trades, boolean complete) {
        CandleAggregator a = new CandleAggregator(instrument, interval, CandleSeries.MAX_CANDLES, c -> {
        });
        List<Trade> sorted = new ArrayList<>(trades);
        sorted.sort(Comparator.comparing(Trade::time));
        for (Trade t : sorted) {
            if (t.instrument().equals(instrument)) {
                a.onTrade(t);
            }
        }
        List<Candle> out = new ArrayList<>();
        for (Candle c : a.candles()) {
            out.add(new Candle(c.instrument(), c.interval(), c.start(), c.open(), c.high(), c.low(), c.close(),
                    c.volume(), c.trades(), true));
        }
        if (!complete && !out.isEmpty()) {
            out.remove(0); // the limit may have cut the oldest bucket
        }
        return out;
    }

    private static void closeQuietly(Subscription s) {
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // close never throws by contract; a connector going away must not break the view
            }
        }
    }

    /** Stops the stream and the clock. Idempotent. */
    @Override
    public void close() {
        Subscription s;
        synchronized (this) {
            closed = true;
            s = subscription;
            subscription = null;
            if (tick != null) {
                tick.cancel(false);
            }
            aggregator = null;
            if (!released) {
                released = true;
                ChartThreads.release();
            }
        }
        // outside the lock: a connector may wait for a running callback, which takes the lock
        closeQuietly(s);
    }
}
