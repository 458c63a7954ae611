package org.tradebench.ui.chart.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.tradebench.api.market.Candle;
import org.tradebench.api.market.CandleInterval;

/**
 * The candles of one chart (one instrument, one interval), oldest first, with the prices also kept
 * as primitive arrays so painting reads the visible range without touching {@link Candle} objects.
 * History pages are merged in front, live candles replace or append at the end; a candle with a
 * start already held replaces it (the forming candle is sent again on every change).
 *
 * <p>Thread-safe: connector threads write, the display thread copies the visible range out under
 * the same short lock (no allocation, no I/O while it is held).
 */
public final class CandleSeries {

    /** The most candles kept; older ones are forgotten when history pages push past it. */
    public static final int MAX_CANDLES = 20_000;

    private final CandleInterval interval;
    private final Object lock = new Object();
    private Candle[] candles = new Candle[512];
    private long[] starts = new long[512];
    private double[] open = new double[512];
    private double[] high = new double[512];
    private double[] low = new double[512];
    private double[] close = new double[512];
    private double[] volume = new double[512];
    private int size;
    private long version;

    /**
     * Creates an empty series.
     *
     * @param interval the interval of its candles
     */
    public CandleSeries(CandleInterval interval) {
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /** @return the interval */
    public CandleInterval interval() {
        return interval;
    }

    /**
     * Adds or replaces one candle. Any thread.
     *
     * @param c the candle (of this series' interval)
     */
    public void put(Candle c) {
        synchronized (lock) {
            long s = c.start().toEpochMilli();
            if (size > 0 && starts[size - 1] == s) {
                set(size - 1, c);
            } else if (size == 0 || starts[size - 1] < s) {
                ensure(size + 1);
                set(size++, c);
            } else {
                int i = Arrays.binarySearch(starts, 0, size, s);
                if (i >= 0) {
                    set(i, c);
                } else {
                    insert(-i - 1, List.of(c));
                }
            }
            trim();
            version++;
        }
    }

    /**
     * Merges candles (a history page), each replacing one with the same start. Any thread.
     *
     * @param page candles, any order
     */
    public void putAll(List<Candle> page) {
        if (page.isEmpty()) {
            return;
        }
        synchronized (lock) {
            List<Candle> sorted = new ArrayList<>(page);
            sorted.sort((a, b) -> a.start().compareTo(b.start()));
            long first = size == 0 ? Long.MAX_VALUE : starts[0];
            List<Candle> older = new ArrayList<>();
            for (Candle c : sorted) {
                long s = c.start().toEpochMilli();
                if (s < first) {
                    older.add(c);
                } else {
                    int i = Arrays.binarySearch(starts, 0, size, s);
                    if (i >= 0) {
                        // a closed history candle is final; a forming one from history is older than
                        // the live copy already here
                        if (c.closed()) {
                            set(i, c);
                        }
                    } else {
                        insert(-i - 1, List.of(c));
                    }
                }
            }
            if (!older.isEmpty()) {
                insert(0, older);
            }
            trim(); // drops the oldest: a page past the limit never pushes out the live end
            version++;
        }
    }

    private void insert(int at, List<Candle> add) {
        int n = add.size();
        ensure(size + n);
        System.arraycopy(candles, at, candles, at + n, size - at);
        System.arraycopy(starts, at, starts, at + n, size - at);
        System.arraycopy(open, at, open, at + n, size - at);
        System.arraycopy(high, at, high, at + n, size - at);
        System.arraycopy(low, at, low, at + n, size - at);
        System.arraycopy(close, at, close, at + n, size - at);
        System.arraycopy(volume, at, volume, at + n, size - at);
        size += n;
        for (int k = 0; k < n; k++) {
            set(at + k, add.get(k));
        }
    }

    private void set(int i, Candle c) {
        candles[i] = c;
        starts[i] = c.start().toEpochMilli();
        open[i] = c.open().doubleValue();
        high[i] = c.high().doubleValue();
        low[i] = c.low().doubleValue();
        close[i] = c.close().doubleValue();
        volume[i] = c.volume().doubleValue();
    }

    private void ensure(int capacity) {
        if (capacity <= candles.length) {
            return;
        }
        int n = Math.max(capacity, candles.length * 2);
        candles = Arrays.copyOf(candles, n);
        starts = Arrays.copyOf(starts, n);
        open = Arrays.copyOf(open, n);
        high = Arrays.copyOf(high, n);
        low = Arrays.copyOf(low, n);
        close = Arrays.copyOf(close, n);
        volume = Arrays.copyOf(volume, n);
    }

    // the oldest go first, whether live candles or a history page pushed past the limit
    private void trim() {
        if (size > MAX_CANDLES) {
            remove(0, size - MAX_CANDLES);
        }
    }

    private void remove(int from, int n) {
        System.arraycopy(candles, from + n, candles, from, size - from - n);
        System.arraycopy(starts, from + n, starts, from, size - from - n);
        System.arraycopy(open, from + n, open, from, size - from - n);
        System.arraycopy(high, from + n, high, from, size - from - n);
        System.arraycopy(low, from + n, low, from, size - from - n);
        System.arraycopy(close, from + n, close, from, size - from - n);
        System.arraycopy(volume, from + n, volume, from, size - from - n);
        Arrays.fill(candles, size - n, size, null);
        size -= n;
    }

    /** @return how many candles are held */
    public int size() {
        synchronized (lock) {
            return size;
        }
    }

    /** @return a counter that changes with every change */
    public long version() {
        synchronized (lock) {
            return version;
        }
    }

    /** @return the candles held, oldest first (a copy; for tests and the readout) */
    public List<Candle> candles() {
        synchronized (lock) {
            return List.of(Arrays.copyOf(candles, size));
        }
    }

    /**
     * The candle at an index.
     *
     * @param i index, 0 = oldest
     * @return the candle, or null outside the range
     */
    public Candle candle(int i) {
        synchronized (lock) {
            return i < 0 || i >= size ? null : candles[i];
        }
    }

    /** @return the oldest start held, or null when empty */
    public java.time.Instant oldestStart() {
        synchronized (lock) {
            return size == 0 ? null : candles[0].start();
        }
    }

    /** @return the newest candle, or null when empty */
    public Candle newest() {
        synchronized (lock) {
            return size == 0 ? null : candles[size - 1];
        }
    }

    /**
     * Index of the candle starting at a time, or of the last one before it.
     *
     * @param startMillis a bucket start
     * @return the index, -1 when all are later
     */
    public int indexAtOrBefore(long startMillis) {
        synchronized (lock) {
            int i = Arrays.binarySearch(starts, 0, size, startMillis);
            return i >= 0 ? i : -i - 2;
        }
    }

    /**
     * Copies a range into a caller's buffer (the display thread's, reused every frame).
     *
     * @param from first index
     * @param buffer the buffer, grown when too small
     * @param count how many
     * @return the number copied (fewer at the ends)
     */
    public int copy(int from, int count, Frame buffer) {
        synchronized (lock) {
            int a = Math.max(0, from);
            int b = Math.min(size, from + count);
            int n = Math.max(0, b - a);
            buffer.ensure(n);
            System.arraycopy(starts, a, buffer.starts, 0, n);
            System.arraycopy(open, a, buffer.open, 0, n);
            System.arraycopy(high, a, buffer.high, 0, n);
            System.arraycopy(low, a, buffer.low, 0, n);
            System.arraycopy(close, a, buffer.close, 0, n);
            System.arraycopy(volume, a, buffer.volume, 0, n);
            buffer.first = a;
            buffer.count = n;
            buffer.total = size;
            return n;
        }
    }

    /** The visible candles as primitives, owned and reused by the canvas. */
    public static final class Frame {
        long[] starts = new long[0];
        double[] open = new double[0];
        double[] high = new double[0];
        double[] low = new double[0];
        double[] close = new double[0];
        double[] volume = new double[0];
        /** Index of the first copied candle in the series. */
        int first;
        /** How many were copied. */
        int count;
        /** The series size at the time of the copy. */
        int total;

        void ensure(int n) {
            if (starts.length < n) {
                int c = Math.max(n, 256);
                starts = new long[c];
                open = new double[c];
                high = new double[c];
                low = new double[c];
                close = new double[c];
                volume = new double[c];
            }
        }
    }
}
