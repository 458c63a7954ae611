package org.tradebench.ui.heatmap.internal;

import java.math.BigDecimal;
import java.util.Objects;

import org.tradebench.api.health.DataHealth;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Trade;
import org.tradebench.api.market.TradeListener;

/**
 * The heatmap's data: the latest book (copied on the delivery thread) and a ring of columns, each
 * the resting size per price level the book had when it was sampled, plus a ring of trades. All
 * arrays are allocated once, when the model is made: neither a book update, a sample nor a trade
 * allocates. A column taken while the book is reset (or before the first snapshot) is a gap: it
 * holds no levels and is drawn hatched, never interpolated.
 *
 * <p>Thread-safe: the book and trade listeners run on the connector's delivery threads, {@link
 * #sample} on the sampler, the readers on the display thread; all hold this model's monitor only
 * for array copies.
 */
public final class HeatmapModel implements BookListener {

    /** Levels per side subscribed and kept per column. */
    public static final int DEPTH = 100;

    /** Trades kept (older ones are dropped first, and are out of the window by then in practice). */
    public static final int TRADE_CAPACITY = 8192;

    private final InstrumentId instrument;
    private final int priceScale;
    private final int sizeScale;
    private final long intervalMillis;
    private final int capacity;
    private final Runnable changed;

    // latest book, best first
    private final long[] bookPx = new long[2 * DEPTH];
    private final long[] bookSz = new long[2 * DEPTH];
    private int bookBids;
    private int bookAsks;
    private boolean bookValid;
    private String resetReason = "";

    // columns: ring, oldest at (head - count)
    private final long[] colTime;
    private final boolean[] colGap;
    private final int[] colBids;
    private final int[] colAsks;
    private final long[][] colPx;
    private final long[][] colSz;
    private int head;
    private int count;
    private long samples;

    // trades: ring
    private final long[] trTime = new long[TRADE_CAPACITY];
    private final long[] trPx = new long[TRADE_CAPACITY];
    private final long[] trQty = new long[TRADE_CAPACITY];
    private final boolean[] trBuy = new boolean[TRADE_CAPACITY];
    private int trHead;
    private int trCount;

    private volatile DataHealth health;

    /**
     * Makes an empty model.
     *
     * @param instrument the instrument
     * @param priceScale decimals of the book's price units
     * @param sizeScale decimals of the book's size units
     * @param intervalMillis the sampling interval (one column each)
     * @param windowMillis how far back columns are kept
     * @param changed called (any thread) after each sample and trade; schedules a repaint
     */
    public HeatmapModel(InstrumentId instrument, int priceScale, int sizeScale, long intervalMillis, long windowMillis,
            Runnable changed) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        if (intervalMillis <= 0 || windowMillis < intervalMillis) {
            throw new IllegalArgumentException("interval must be > 0 and <= window, was " + intervalMillis + " / "
                    + windowMillis);
        }
        this.priceScale = priceScale;
        this.sizeScale = sizeScale;
        this.intervalMillis = intervalMillis;
        this.capacity = (int) (windowMillis / intervalMillis);
        this.changed = Objects.requireNonNull(changed, "changed");
        colTime = new long[capacity];
        colGap = new boolean[capacity];
        colBids = new int[capacity];
        colAsks = new int[capacity];
        colPx = new long[capacity][2 * DEPTH];
        colSz = new long[capacity][2 * DEPTH];
    }

    /** @return the instrument */
    public InstrumentId instrument() {
        return instrument;
    }

    /** @return decimals of price units */
    public int priceScale() {
        return priceScale;
    }

    /** @return decimals of size units */
    public int sizeScale() {
        return sizeScale;
    }

    /** @return the sampling interval in milliseconds */
    public long intervalMillis() {
        return intervalMillis;
    }

    /** @return the most columns kept */
    public int capacity() {
        return capacity;
    }

    @Override
    public void onBook(BookUpdate update) {
        synchronized (this) {
            if (update.kind() == BookUpdate.Kind.RESET) {
                bookValid = false;
                resetReason = update.resetReason() == null ? "" : update.resetReason();
                bookBids = 0;
                bookAsks = 0;
                return;
            }
            OrderBookView book = update.book();
            bookBids = copy(book, Side.BUY, 0);
            bookAsks = copy(book, Side.SELL, bookBids);
            bookValid = true;
            resetReason = "";
        }
    }

    private int copy(OrderBookView book, Side side, int at) {
        int n = Math.min(DEPTH, book.levels(side));
        int ps = book.priceScale();
        int ss = book.sizeScale();
        for (int i = 0; i < n; i++) {
            bookPx[at + i] = rescale(book.price(side, i), ps, priceScale);
            bookSz[at + i] = rescale(book.size(side, i), ss, sizeScale);
        }
        return n;
    }

    private static final long[] POW10 = new long[19];
    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** Units of one scale in another (the book may carry more decimals than the instrument's tick). */
    private static long rescale(long units, int from, int to) {
        return from == to ? units : to > from ? units * POW10[to - from] : units / POW10[from - to];
    }

    @Override
    public void onHealth(DataHealth h) {
        health = h;
        changed.run();
    }

    /** @return the book stream's last health, or null before the first */
    public DataHealth health() {
        return health;
    }

    /** @return why the book is being resynchronised, or "" while it is live (or not there yet) */
    public synchronized String resetReason() {
        return resetReason;
    }

    /** @return whether a book is held (a snapshot came and no reset since) */
    public synchronized boolean hasBook() {
        return bookValid;
    }

    /**
     * The listener for the instrument's trades.
     *
     * @return a listener that puts trades in this model's ring
     */
    public TradeListener tradeListener() {
        return new TradeListener() {
            @Override
            public void onTrade(Trade trade) {
                addTrade(trade);
            }
        };
    }

    /**
     * Adds a trade.
     *
     * @param trade the trade
     */
    public void addTrade(Trade trade) {
        long px = units(trade.price(), priceScale);
        long qty = units(trade.quantity(), sizeScale);
        synchronized (this) {
            trTime[trHead] = trade.time().toEpochMilli();
            trPx[trHead] = px;
            trQty[trHead] = qty;
            trBuy[trHead] = trade.takerSide() == Side.BUY;
            trHead = (trHead + 1) % TRADE_CAPACITY;
            trCount = Math.min(trCount + 1, TRADE_CAPACITY);
        }
        changed.run();
    }

    private static long units(BigDecimal value, int scale) {
        return value.movePointRight(scale).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }

    /**
     * Takes one column from the latest book: what the sampler calls every interval. The oldest
     * column falls out once the window is full.
     *
     * @param nowMillis the column's time (epoch milliseconds)
     */
    public void sample(long nowMillis) {
        synchronized (this) {
            int c = head;
            colTime[c] = nowMillis;
            colGap[c] = !bookValid;
            if (bookValid) {
                System.arraycopy(bookPx, 0, colPx[c], 0, bookBids + bookAsks);
                System.arraycopy(bookSz, 0, colSz[c], 0, bookBids + bookAsks);
                colBids[c] = bookBids;
                colAsks[c] = bookAsks;
            } else {
                colBids[c] = 0;
                colAsks[c] = 0;
            }
            head = (head + 1) % capacity;
            count = Math.min(count + 1, capacity);
            samples++;
        }
        changed.run();
    }

    /** @return samples taken since the model was made */
    public synchronized long samples() {
        return samples;
    }

    /** @return the columns held, at most {@link #capacity()} */
    public synchronized int columns() {
        return count;
    }

    private int slot(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("column " + i + " of " + count);
        }
        return Math.floorMod(head - count + i, capacity);
    }

    /**
     * @param i column, 0 the oldest
     * @return its time, epoch milliseconds
     */
    public synchronized long time(int i) {
        return colTime[slot(i)];
    }

    /**
     * @param i column, 0 the oldest
     * @return whether the book was not there when it was taken (reset, not yet snapshotted)
     */
    public synchronized boolean isGap(int i) {
        return colGap[slot(i)];
    }

    /**
     * The resting size at a price in a column.
     *
     * @param i column, 0 the oldest
     * @param side the side
     * @param priceUnits the price in units
     * @return size units, 0 when no level there
     */
    public synchronized long size(int i, Side side, long priceUnits) {
        int s = slot(i);
        int from = side == Side.BUY ? 0 : colBids[s];
        int to = side == Side.BUY ? colBids[s] : colBids[s] + colAsks[s];
        for (int k = from; k < to; k++) {
            if (colPx[s][k] == priceUnits) {
                return colSz[s][k];
            }
        }
        return 0;
    }

    /**
     * @param i column, 0 the oldest
     * @param side the side
     * @return the best price of that side in units, or -1 when the side was empty or a gap
     */
    public synchronized long best(int i, Side side) {
        int s = slot(i);
        if (side == Side.BUY) {
            return colBids[s] > 0 ? colPx[s][0] : -1;
        }
        return colAsks[s] > 0 ? colPx[s][colBids[s]] : -1;
    }

    /** @return the trades held */
    public synchronized int trades() {
        return trCount;
    }

    /**
     * Reads the columns in one go for painting (one lock for the whole frame, no allocation).
     *
     * @param reader called once per column, oldest first, under this model's monitor
     */
    public synchronized void forEachColumn(ColumnReader reader) {
        for (int i = 0; i < count; i++) {
            int s = Math.floorMod(head - count + i, capacity);
            reader.column(i, colTime[s], colGap[s], colPx[s], colSz[s], colBids[s], colAsks[s]);
        }
    }

    /**
     * Reads the trades for painting, oldest first.
     *
     * @param reader called once per trade under this model's monitor
     */
    public synchronized void forEachTrade(TradeReader reader) {
        for (int i = 0; i < trCount; i++) {
            int s = Math.floorMod(trHead - trCount + i, TRADE_CAPACITY);
            reader.trade(trTime[s], trPx[s], trQty[s], trBuy[s]);
        }
    }

    /** A column as painted: prices and sizes in units, bids first (best first), then asks. */
    @FunctionalInterface
    public interface ColumnReader {
        /**
         * @param index 0 the oldest
         * @param time epoch milliseconds
         * @param gap no book at that time
         * @param prices price units; the array is the model's, read it only during the call
         * @param sizes size units, same layout
         * @param bids number of bid levels (at the start)
         * @param asks number of ask levels (after the bids)
         */
        void column(int index, long time, boolean gap, long[] prices, long[] sizes, int bids, int asks);
    }

    /** A trade as painted. */
    @FunctionalInterface
    public interface TradeReader {
        /**
         * @param time epoch milliseconds
         * @param price price units
         * @param quantity size units
         * @param buy whether the taker bought
         */
        void trade(long time, long price, long quantity, boolean buy);
    }
}
