package org.tradebench.connector.bitfinex.internal.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one book snapshot frame, in frame order. Bitfinex sends bids best first, then asks
 * best first, but nothing here relies on that order.
 *
 * <pre>{@code
 * public void onBookSnapshot(BitfinexChannel ch, BitfinexBookRows rows, BitfinexTrailer t) {
 *     for (int i = 0; i < rows.size(); i++) {
 *         BitfinexBookRow row = rows.get(i);
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>A flyweight reused by the decoder (the rows too): read it during the callback. Not
 * thread-safe.
 */
public final class BitfinexBookRows {

    private final List<BitfinexBookRow> pool = new ArrayList<>();
    private int size;

    /** Creates an empty list (filled by the decoder, or by tests with {@link #add()}). */
    public BitfinexBookRows() {
    }

    /**
     * The number of rows.
     *
     * @return 0 for an empty book
     */
    public int size() {
        return size;
    }

    /**
     * One row.
     *
     * @param index 0 to {@code size() - 1}
     * @return the row
     * @throws IndexOutOfBoundsException when the index is out of range
     */
    public BitfinexBookRow get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("row " + index + " of " + size);
        }
        return pool.get(index);
    }

    void clear() {
        size = 0;
    }

    /**
     * Appends a row to fill, reusing an earlier one when there is one.
     *
     * @return the row to fill
     */
    public BitfinexBookRow add() {
        if (size == pool.size()) {
            pool.add(new BitfinexBookRow());
        }
        return pool.get(size++);
    }

    /** Drops the last row added (a row that turned out malformed). */
    void removeLast() {
        size--;
    }
}
