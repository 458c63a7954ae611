package org.tradebench.ui.orderbook.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import org.tradebench.api.instrument.InstrumentId;

/**
 * An immutable copy of the top of a book, as the ladder paints it: up to {@code depth} levels per
 * side in scaled {@code long} units, with cumulative sizes, plus the status line (resyncing, error)
 * when the book is not valid. Built by the connector thread after each event, read by the display
 * thread; never mutated after construction.
 */
public final class LadderSnapshot {

    private final InstrumentId instrument;
    private final int priceScale;
    private final int sizeScale;
    private final long[] askPrices;
    private final long[] askSizes;
    private final long[] askTotals;
    private final long[] bidPrices;
    private final long[] bidSizes;
    private final long[] bidTotals;
    private final long sequence;
    private final Instant received;
    private final String status;
    private final long events;

    /**
     * A snapshot; the arrays are owned by the snapshot from now on (callers pass fresh copies).
     *
     * @param instrument the instrument
     * @param priceScale decimals of price units
     * @param sizeScale decimals of size units
     * @param askPrices ask prices, best (lowest) first
     * @param askSizes ask sizes, same order
     * @param bidPrices bid prices, best (highest) first
     * @param bidSizes bid sizes, same order
     * @param sequence the book's sequence number
     * @param received local receive time of the last applied event, nullable before any
     * @param status why the book is not shown (for example {@code "resyncing: sequence gap"}),
     *        nullable when it is valid
     * @param events events applied so far
     */
    public LadderSnapshot(InstrumentId instrument, int priceScale, int sizeScale, long[] askPrices, long[] askSizes,
            long[] bidPrices, long[] bidSizes, long sequence, Instant received, String status, long events) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.priceScale = priceScale;
        this.sizeScale = sizeScale;
        if (askPrices.length != askSizes.length || bidPrices.length != bidSizes.length) {
            throw new IllegalArgumentException("prices and sizes must have the same length");
        }
        this.askPrices = askPrices;
        this.askSizes = askSizes;
        this.askTotals = totals(askSizes);
        this.bidPrices = bidPrices;
        this.bidSizes = bidSizes;
        this.bidTotals = totals(bidSizes);
        this.sequence = sequence;
        this.received = received;
        this.status = status;
        this.events = events;
    }

    /**
     * An empty book with a status line.
     *
     * @param instrument the instrument
     * @param priceScale decimals of prices
     * @param sizeScale decimals of sizes
     * @param status the status, nullable
     * @return the snapshot
     */
    public static LadderSnapshot empty(InstrumentId instrument, int priceScale, int sizeScale, String status) {
        long[] none = new long[0];
        return new LadderSnapshot(instrument, priceScale, sizeScale, none, none, none, none, 0, null, status, 0);
    }

    private static long[] totals(long[] sizes) {
        long[] totals = new long[sizes.length];
        long sum = 0;
        for (int i = 0; i < sizes.length; i++) {
            sum += sizes[i];
            totals[i] = sum;
        }
        return totals;
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

    /** @return ask levels held (at most the subscribed depth) */
    public int askCount() {
        return askPrices.length;
    }

    /** @return bid levels held (at most the subscribed depth) */
    public int bidCount() {
        return bidPrices.length;
    }

    /**
     * @param i level, 0 = best
     * @return the ask price in units
     */
    public long askPrice(int i) {
        return askPrices[i];
    }

    /**
     * @param i level, 0 = best
     * @return the ask size in units
     */
    public long askSize(int i) {
        return askSizes[i];
    }

    /**
     * @param i level, 0 = best
     * @return the cumulative ask size from the best level through {@code i}
     */
    public long askTotal(int i) {
        return askTotals[i];
    }

    /**
     * @param i level, 0 = best
     * @return the bid price in units
     */
    public long bidPrice(int i) {
        return bidPrices[i];
    }

    /**
     * @param i level, 0 = best
     * @return the bid size in units
     */
    public long bidSize(int i) {
        return bidSizes[i];
    }

    /**
     * @param i level, 0 = best
     * @return the cumulative bid size from the best level through {@code i}
     */
    public long bidTotal(int i) {
        return bidTotals[i];
    }

    /** @return best ask minus best bid in price units, or -1 when a side is empty */
    public long spread() {
        return askPrices.length == 0 || bidPrices.length == 0 ? -1 : askPrices[0] - bidPrices[0];
    }

    /** @return the book's sequence number */
    public long sequence() {
        return sequence;
    }

    /** @return local receive time of the last applied event, or null before any */
    public Instant received() {
        return received;
    }

    /** @return why the book is not valid, or null when it is */
    public String status() {
        return status;
    }

    /** @return events applied so far */
    public long events() {
        return events;
    }

    @Override
    public String toString() {
        return "LadderSnapshot[" + instrument + " seq " + sequence + " asks " + Arrays.toString(askPrices) + " bids "
                + Arrays.toString(bidPrices) + (status == null ? "" : " status " + status) + "]";
    }
}
