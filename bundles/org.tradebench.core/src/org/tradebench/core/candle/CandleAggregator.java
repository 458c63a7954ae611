package org.tradebench.core.candle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.api.market.CandleListener;
import org.tradebench.api.market.Trade;

/**
 * Builds OHLCV candles of one interval from a trade stream, for connectors whose exchange streams
 * no candles of that interval (or none at all) and for the simulated venue.
 *
 * <p>Buckets are aligned by {@link CandleInterval#bucketStart(Instant)} on the trade's exchange
 * time. Within a bucket the open is the trade with the earliest time and the close the one with
 * the latest (arrival order breaks ties), so trades arriving slightly out of order still give the
 * candle an exchange would show. Buckets in which nothing traded produce no candle.
 *
 * <p>What the listener receives:
 * <ul>
 * <li>after every trade, the candle it changed: the forming candle with {@code closed == false}, or
 * an older (already closed) candle with {@code closed == true} when the trade was late;</li>
 * <li>when a trade starts a newer bucket, first the previous candle with {@code closed == true}
 * (unless {@link #onTime(Instant)} already closed it), then the new forming candle;</li>
 * <li>from {@link #onTime(Instant)}, the forming candle with {@code closed == true} once its bucket
 * is over, even though no trade arrived to close it.</li>
 * </ul>
 *
 * <pre>{@code
 * CandleAggregator m1 = new CandleAggregator(btc, CandleInterval.M1, 500, chart::onCandle);
 * marketData.subscribeTrades(btc, m1::onTrade);          // both calls on the same thread
 * timer.scheduleAtFixedRate(() -> executor.execute(() -> m1.onTime(Instant.now())), 0, 1, SECONDS);
 * }</pre>
 *
 * <p>Not thread-safe: call {@link #onTrade} and {@link #onTime} from one thread (the connector's
 * thread); the listener runs on that thread, synchronously. {@code onTime} compares against trade
 * (exchange) time, so pass a clock in the same time base, or add the expected delay.
 */
public final class CandleAggregator {

    private final InstrumentId instrument;
    private final CandleInterval interval;
    private final long intervalMillis;
    private final int maxCandles;
    private final CandleListener listener;
    // Oldest first, strictly increasing bucket starts; almost every trade hits the last element.
    private final ArrayList<Bucket> buckets;
    private long droppedTrades;

    /**
     * Creates an aggregator with no candles.
     *
     * @param instrument the instrument; trades of other instruments are refused
     * @param interval the candle interval
     * @param maxCandles how many candles to retain, &gt;= 1; older ones are forgotten and late trades
     *        for them are dropped (counted by {@link #droppedTrades()})
     * @param listener receives every new or changed candle
     */
    public CandleAggregator(InstrumentId instrument, CandleInterval interval, int maxCandles,
            CandleListener listener) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (maxCandles < 1) {
            throw new IllegalArgumentException("maxCandles must be >= 1, was " + maxCandles);
        }
        this.maxCandles = maxCandles;
        this.intervalMillis = interval.millis();
        this.buckets = new ArrayList<>(Math.min(maxCandles, 1024) + 1);
    }

    /**
     * The instrument.
     *
     * @return the instrument this aggregator was made for
     */
    public InstrumentId instrument() {
        return instrument;
    }

    /**
     * The interval.
     *
     * @return the candle interval
     */
    public CandleInterval interval() {
        return interval;
    }

    /**
     * Adds a trade to its bucket and emits the changed candle(s).
     *
     * @param trade a trade of this aggregator's instrument
     * @throws IllegalArgumentException when the trade is for another instrument
     */
    public void onTrade(Trade trade) {
        Objects.requireNonNull(trade, "trade");
        if (!trade.instrument().equals(instrument)) {
            throw new IllegalArgumentException("trade " + trade.id() + " is for " + trade.instrument()
                    + ", this aggregator builds " + interval + " candles of " + instrument);
        }
        long start = interval.bucketStartMillis(trade.time().toEpochMilli());
        int n = buckets.size();
        Bucket last = n == 0 ? null : buckets.get(n - 1);
        if (last == null || start > last.start) {
            // A newer bucket: close the forming one first. State is complete before the listener
            // runs so an exception in the listener cannot lose the trade.
            boolean closeLast = last != null && !last.candle.closed();
            if (closeLast) {
                last.close();
            }
            Bucket fresh = new Bucket(start, trade, false);
            buckets.add(fresh);
            evictOverflow();
            if (closeLast) {
                listener.onCandle(last.candle);
            }
            listener.onCandle(fresh.candle);
            return;
        }
        int index = start == last.start ? n - 1 : find(start);
        if (index >= 0) {
            Bucket b = buckets.get(index);
            b.add(trade);
            listener.onCandle(b.candle);
            return;
        }
        int insert = -index - 1;
        if (insert == 0 && n >= maxCandles) {
            // Older than everything retained and no room: its bucket was (or would at once be)
            // forgotten.
            droppedTrades++;
            return;
        }
        // A late trade in a bucket where nothing traded before: the candle is born closed.
        Bucket late = new Bucket(start, trade, true);
        buckets.add(insert, late);
        evictOverflow();
        listener.onCandle(late.candle);
    }

    /**
     * Closes the forming candle when its bucket is over, emitting it with {@code closed == true}.
     * Call it regularly (every second, say) so a quiet market still closes its candles on time.
     *
     * @param now the current time, in the time base of the trades' exchange time
     */
    public void onTime(Instant now) {
        Objects.requireNonNull(now, "now");
        if (buckets.isEmpty()) {
            return;
        }
        Bucket last = buckets.get(buckets.size() - 1);
        if (!last.candle.closed() && now.toEpochMilli() >= last.start + intervalMillis) {
            last.close();
            listener.onCandle(last.candle);
        }
    }

    /**
     * The retained candles, including the forming one.
     *
     * @return an immutable list, oldest first, at most {@code maxCandles} long
     */
    public List<Candle> candles() {
        Candle[] out = new Candle[buckets.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = buckets.get(i).candle;
        }
        return List.of(out);
    }

    /**
     * The forming candle.
     *
     * @return the newest candle while its bucket is open; empty before the first trade and after
     *         the newest candle was closed
     */
    public Optional<Candle> current() {
        if (buckets.isEmpty()) {
            return Optional.empty();
        }
        Candle c = buckets.get(buckets.size() - 1).candle;
        return c.closed() ? Optional.empty() : Optional.of(c);
    }

    /**
     * Late trades dropped because their bucket was older than every retained candle.
     *
     * @return the count since creation
     */
    public long droppedTrades() {
        return droppedTrades;
    }

    private void evictOverflow() {
        while (buckets.size() > maxCandles) {
            buckets.remove(0);
        }
    }

    private int find(long start) {
        int lo = 0;
        int hi = buckets.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long s = buckets.get(mid).start;
            if (s < start) {
                lo = mid + 1;
            } else if (s > start) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** One bucket: the latest candle value plus the trade times that decide open and close. */
    private final class Bucket {
        final long start;
        Candle candle;
        Instant openTime;
        Instant closeTime;

        Bucket(long start, Trade first, boolean closed) {
            this.start = start;
            this.openTime = first.time();
            this.closeTime = first.time();
            BigDecimal p = first.price();
            this.candle = new Candle(instrument, interval, Instant.ofEpochMilli(start), p, p, p, p, first.quantity(),
                    1, closed);
        }

        void add(Trade t) {
            Candle c = candle;
            BigDecimal p = t.price();
            BigDecimal open = c.open();
            BigDecimal close = c.close();
            // Strictly earlier replaces the open, equal-or-later replaces the close: among trades
            // with the same timestamp the first to arrive opens and the last to arrive closes.
            if (t.time().isBefore(openTime)) {
                open = p;
                openTime = t.time();
            }
            if (!t.time().isBefore(closeTime)) {
                close = p;
                closeTime = t.time();
            }
            candle = new Candle(instrument, interval, c.start(), open, c.high().max(p), c.low().min(p), close,
                    c.volume().add(t.quantity()), c.trades() + 1, c.closed());
        }

        void close() {
            Candle c = candle;
            candle = new Candle(instrument, interval, c.start(), c.open(), c.high(), c.low(), c.close(), c.volume(),
                    c.trades(), true);
        }
    }
}
