package org.tradebench.connector.bitfinex.internal.protocol;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

import org.tradebench.api.market.Side;
import org.tradebench.core.book.ScaledDecimal;

/**
 * The state of one Bitfinex trading book channel: levels (aggregated {@code P0}..{@code P4}) or
 * orders (raw {@code R0}) per side with their wire texts, so that the exchange's checksum can be
 * verified exactly.
 *
 * <p>Levels live in sorted primitive arrays (bids best first: price descending; asks best first:
 * price ascending; raw books break price ties by order id ascending, as the exchange does). Wire
 * texts (ASCII) are copied into a byte arena that is compacted in place when full, so applying an
 * update and computing the checksum allocate nothing once the arrays have grown to the book's size.
 *
 * <pre>{@code
 * BitfinexBookState book = new BitfinexBookState(channel);
 * // in the sink:
 * public void onBookSnapshot(BitfinexChannel ch, BitfinexBookRows rows, BitfinexTrailer t) { book.applySnapshot(rows); }
 * public void onBookUpdate(BitfinexChannel ch, BitfinexBookRow row, BitfinexTrailer t) { book.apply(row); }
 * public void onChecksum(BitfinexChannel ch, int expected, BitfinexTrailer t) {
 *     if (book.checksum() != expected) { resubscribe(ch); } // a reset, then a fresh snapshot
 * }
 * }</pre>
 *
 * <p>Funding books are not supported (their checksum is not reliable and their levels have a
 * period). Not thread-safe: the connection's reader thread owns it.
 */
public final class BitfinexBookState {

    private static final int INITIAL_LEVELS = 64;

    private final boolean raw;
    private final int priceScale;
    private final int amountScale;
    private final Ladder bids = new Ladder(true);
    private final Ladder asks = new Ladder(false);
    private final CRC32 crc = new CRC32();

    // Wire texts of numbers are ASCII (the decoder accepts only digits, signs, '.', 'e' and 'E'),
    // so they are kept as bytes: the checksum then copies them with System.arraycopy.
    private byte[] arena = new byte[8192];
    private byte[] spare = new byte[8192];
    private int arenaUsed;
    private byte[] checksumBytes = new byte[2048];
    private long previousPrice;

    /**
     * Creates the state for a trading book channel.
     *
     * @param channel a BOOK or RAW_BOOK channel of a trading pair
     * @throws IllegalArgumentException for other channels and funding books
     */
    public BitfinexBookState(BitfinexChannel channel) {
        this(requireTradingBook(channel).type() == BitfinexChannelType.RAW_BOOK, channel.priceScale(),
                channel.amountScale());
    }

    /**
     * Creates an empty state.
     *
     * @param raw true for a raw (per-order) book
     * @param priceScale decimal places of prices
     * @param amountScale decimal places of amounts
     */
    public BitfinexBookState(boolean raw, int priceScale, int amountScale) {
        ScaledDecimal.unitsPerWhole(priceScale);
        ScaledDecimal.unitsPerWhole(amountScale);
        this.raw = raw;
        this.priceScale = priceScale;
        this.amountScale = amountScale;
    }

    private static BitfinexChannel requireTradingBook(BitfinexChannel channel) {
        Objects.requireNonNull(channel, "channel");
        if (!channel.type().isBook()) {
            throw new IllegalArgumentException(channel.describe() + " is not a book channel");
        }
        if (channel.isFunding()) {
            throw new IllegalArgumentException(channel.describe() + " is a funding book, which has no reliable checksum");
        }
        return channel;
    }

    /**
     * Whether this is a raw (per-order) book.
     *
     * @return true for R0
     */
    public boolean isRaw() {
        return raw;
    }

    /**
     * Decimal places of prices.
     *
     * @return the price scale
     */
    public int priceScale() {
        return priceScale;
    }

    /**
     * Decimal places of amounts.
     *
     * @return the amount scale
     */
    public int amountScale() {
        return amountScale;
    }

    /** Empties the book. */
    public void clear() {
        bids.size = 0;
        asks.size = 0;
        arenaUsed = 0;
    }

    /**
     * Replaces the book with a snapshot.
     *
     * @param rows the snapshot rows
     */
    public void applySnapshot(BitfinexBookRows rows) {
        clear();
        for (int i = 0; i < rows.size(); i++) {
            apply(rows.get(i));
        }
    }

    /**
     * Applies one row: sets, replaces or removes a level (aggregated) or an order (raw).
     *
     * @param row the row (a trading row of this book's kind)
     * @return true when the book changed; false when a removal named a level or order not in the
     *         book
     * @throws IllegalArgumentException when the row's kind or scales do not match this book
     */
    public boolean apply(BitfinexBookRow row) {
        if (row.isRaw() != raw || row.isFunding() || row.priceScale() != priceScale || row.amountScale() != amountScale) {
            throw new IllegalArgumentException("row " + row + " does not fit this " + (raw ? "raw" : "aggregated")
                    + " trading book (price scale " + priceScale + ", amount scale " + amountScale + ")");
        }
        previousPrice = 0;
        Ladder side = row.side() == Side.BUY ? bids : asks;
        if (raw) {
            return applyRaw(row, side);
        }
        int index = side.search(row.price(), 0);
        if (row.isRemoval()) {
            if (index < 0) {
                return false;
            }
            previousPrice = row.price();
            side.remove(index);
            return true;
        }
        reserve(row);
        if (index >= 0) {
            previousPrice = row.price();
        } else {
            index = -index - 1;
            side.insert(index);
        }
        store(side, index, row, row.priceStart(), row.priceEnd());
        return true;
    }

    private boolean applyRaw(BitfinexBookRow row, Ladder side) {
        Ladder holder = side;
        int at = side.indexOfOrder(row.orderId());
        if (at < 0) {
            // A removal carries the side in its amount's sign; look on the other side too in case
            // an order changed sides, which the exchange does not do but a bad feed might.
            holder = side == bids ? asks : bids;
            at = holder.indexOfOrder(row.orderId());
        }
        if (at >= 0) {
            previousPrice = holder.price[at];
        }
        if (row.isRemoval()) {
            if (at < 0) {
                return false;
            }
            holder.remove(at);
            return true;
        }
        reserve(row);
        if (at >= 0 && holder == side && holder.price[at] == row.price()) {
            store(side, at, row, row.orderIdStart(), row.orderIdEnd());
            return true;
        }
        if (at >= 0) {
            holder.remove(at);
        }
        int index = -side.search(row.price(), row.orderId()) - 1;
        side.insert(index);
        store(side, index, row, row.orderIdStart(), row.orderIdEnd());
        return true;
    }

    /**
     * The price the level or order had before the last {@link #apply}: for a raw order that moved
     * or was removed its old price, for an aggregated level its price when it existed.
     *
     * @return price units, 0 when the last row added something new
     */
    public long previousPrice() {
        return previousPrice;
    }

    private void store(Ladder side, int index, BitfinexBookRow row, int keyStart, int keyEnd) {
        side.price[index] = row.price();
        side.amount[index] = row.amount();
        side.orderId[index] = row.orderId();
        side.count[index] = row.count();
        side.keyOffset[index] = append(row.text(), keyStart, keyEnd);
        side.keyLength[index] = keyEnd - keyStart;
        side.amountOffset[index] = append(row.text(), row.amountStart(), row.amountEnd());
        side.amountLength[index] = row.amountEnd() - row.amountStart();
    }

    /** Makes room in the arena for a row's texts before any offset is stored. */
    private void reserve(BitfinexBookRow row) {
        int needed = (raw ? row.orderIdEnd() - row.orderIdStart() : row.priceEnd() - row.priceStart())
                + row.amountEnd() - row.amountStart();
        if (arenaUsed + needed <= arena.length) {
            return;
        }
        compact();
        if (arenaUsed + needed > arena.length) {
            int size = Math.max(arena.length * 2, arenaUsed + needed);
            arena = Arrays.copyOf(arena, size);
            spare = new byte[size];
        }
    }

    /** Copies the live texts to the spare arena, dropping replaced ones, and swaps. */
    private void compact() {
        int used = compact(bids, 0);
        used = compact(asks, used);
        byte[] swap = arena;
        arena = spare;
        spare = swap;
        arenaUsed = used;
    }

    private int compact(Ladder side, int used) {
        for (int i = 0; i < side.size; i++) {
            System.arraycopy(arena, side.keyOffset[i], spare, used, side.keyLength[i]);
            side.keyOffset[i] = used;
            used += side.keyLength[i];
            System.arraycopy(arena, side.amountOffset[i], spare, used, side.amountLength[i]);
            side.amountOffset[i] = used;
            used += side.amountLength[i];
        }
        return used;
    }

    private int append(CharSequence text, int start, int end) {
        int offset = arenaUsed;
        for (int i = start; i < end; i++) {
            arena[arenaUsed++] = (byte) text.charAt(i);
        }
        return offset;
    }

    /**
     * The checksum of the current book as Bitfinex computes it.
     *
     * @return the signed CRC32
     */
    public int checksum() {
        int length = 0;
        for (int i = 0; i < BitfinexChecksum.DEPTH; i++) {
            if (i < bids.size) {
                length = appendLevel(bids, i, length);
            }
            if (i < asks.size) {
                length = appendLevel(asks, i, length);
            }
        }
        crc.reset();
        crc.update(checksumBytes, 0, length);
        return (int) crc.getValue();
    }

    private int appendLevel(Ladder side, int i, int length) {
        int needed = side.keyLength[i] + side.amountLength[i] + 2;
        if (length + needed > checksumBytes.length) {
            checksumBytes = Arrays.copyOf(checksumBytes, Math.max(checksumBytes.length * 2, length + needed));
        }
        int p = length;
        if (p > 0) {
            checksumBytes[p++] = ':';
        }
        p = copyAscii(side.keyOffset[i], side.keyLength[i], p);
        checksumBytes[p++] = ':';
        return copyAscii(side.amountOffset[i], side.amountLength[i], p);
    }

    private int copyAscii(int offset, int length, int p) {
        System.arraycopy(arena, offset, checksumBytes, p, length);
        return p + length;
    }

    /**
     * The text the checksum is computed over (allocates; for diagnostics and tests).
     *
     * @return for example {@code "0.0000011:266122.94:0.00000111:-4847.13:..."}
     */
    public String checksumText() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < BitfinexChecksum.DEPTH; i++) {
            for (Ladder side : new Ladder[] {bids, asks}) {
                if (i < side.size) {
                    if (b.length() > 0) {
                        b.append(':');
                    }
                    b.append(new String(arena, side.keyOffset[i], side.keyLength[i], StandardCharsets.ISO_8859_1))
                            .append(':').append(new String(arena, side.amountOffset[i], side.amountLength[i],
                                    StandardCharsets.ISO_8859_1));
                }
            }
        }
        return b.toString();
    }

    /**
     * The number of levels (raw: orders) on a side.
     *
     * @param side BUY for bids, SELL for asks
     * @return the count
     */
    public int levels(Side side) {
        return ladder(side).size;
    }

    /**
     * A level's price.
     *
     * @param side the side
     * @param index 0 = best
     * @return price units
     */
    public long price(Side side, int index) {
        return ladder(side).check(index).price[index];
    }

    /**
     * A level's signed amount as on the wire (asks negative).
     *
     * @param side the side
     * @param index 0 = best
     * @return amount units
     */
    public long amount(Side side, int index) {
        return ladder(side).check(index).amount[index];
    }

    /**
     * A raw order's id.
     *
     * @param side the side
     * @param index 0 = best
     * @return the order id, 0 for aggregated books
     */
    public long orderId(Side side, int index) {
        return ladder(side).check(index).orderId[index];
    }

    /**
     * An aggregated level's order count.
     *
     * @param side the side
     * @param index 0 = best
     * @return the count, -1 for raw books
     */
    public int count(Side side, int index) {
        return ladder(side).check(index).count[index];
    }

    /**
     * A level's price as a normalised decimal (allocates).
     *
     * @param side the side
     * @param index 0 = best
     * @return the price
     */
    public BigDecimal priceDecimal(Side side, int index) {
        return ScaledDecimal.fromUnits(price(side, index), priceScale);
    }

    /**
     * A level's quantity (absolute amount) as a normalised decimal (allocates).
     *
     * @param side the side
     * @param index 0 = best
     * @return the quantity
     */
    public BigDecimal quantityDecimal(Side side, int index) {
        return ScaledDecimal.fromUnits(Math.abs(amount(side, index)), amountScale);
    }

    private Ladder ladder(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    /** One side: parallel primitive arrays, best level first. */
    private static final class Ladder {

        private final boolean descending;
        private long[] price = new long[INITIAL_LEVELS];
        private long[] amount = new long[INITIAL_LEVELS];
        private long[] orderId = new long[INITIAL_LEVELS];
        private int[] count = new int[INITIAL_LEVELS];
        private int[] keyOffset = new int[INITIAL_LEVELS];
        private int[] keyLength = new int[INITIAL_LEVELS];
        private int[] amountOffset = new int[INITIAL_LEVELS];
        private int[] amountLength = new int[INITIAL_LEVELS];
        private int size;

        Ladder(boolean descending) {
            this.descending = descending;
        }

        Ladder check(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("level " + index + " of " + size);
            }
            return this;
        }

        /** Binary search by (price, then order id ascending); -(insertion point) - 1 when absent. */
        int search(long p, long id) {
            int low = 0;
            int high = size - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int cmp = Long.compare(price[mid], p);
                if (descending) {
                    cmp = -cmp;
                }
                if (cmp == 0) {
                    cmp = Long.compare(orderId[mid], id);
                }
                if (cmp < 0) {
                    low = mid + 1;
                } else if (cmp > 0) {
                    high = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(low + 1);
        }

        int indexOfOrder(long id) {
            for (int i = 0; i < size; i++) {
                if (orderId[i] == id) {
                    return i;
                }
            }
            return -1;
        }

        void insert(int index) {
            if (size == price.length) {
                int n = size * 2;
                price = Arrays.copyOf(price, n);
                amount = Arrays.copyOf(amount, n);
                orderId = Arrays.copyOf(orderId, n);
                count = Arrays.copyOf(count, n);
                keyOffset = Arrays.copyOf(keyOffset, n);
                keyLength = Arrays.copyOf(keyLength, n);
                amountOffset = Arrays.copyOf(amountOffset, n);
                amountLength = Arrays.copyOf(amountLength, n);
            }
            int tail = size - index;
            if (tail > 0) {
                System.arraycopy(price, index, price, index + 1, tail);
                System.arraycopy(amount, index, amount, index + 1, tail);
                System.arraycopy(orderId, index, orderId, index + 1, tail);
                System.arraycopy(count, index, count, index + 1, tail);
                System.arraycopy(keyOffset, index, keyOffset, index + 1, tail);
                System.arraycopy(keyLength, index, keyLength, index + 1, tail);
                System.arraycopy(amountOffset, index, amountOffset, index + 1, tail);
                System.arraycopy(amountLength, index, amountLength, index + 1, tail);
            }
            size++;
        }

        void remove(int index) {
            int tail = size - index - 1;
            if (tail > 0) {
                System.arraycopy(price, index + 1, price, index, tail);
                System.arraycopy(amount, index + 1, amount, index, tail);
                System.arraycopy(orderId, index + 1, orderId, index, tail);
                System.arraycopy(count, index + 1, count, index, tail);
                System.arraycopy(keyOffset, index + 1, keyOffset, index, tail);
                System.arraycopy(keyLength, index + 1, keyLength, index, tail);
                System.arraycopy(amountOffset, index + 1, amountOffset, index, tail);
                System.arraycopy(amountLength, index + 1, amountLength, index, tail);
            }
            size--;
        }
    }
}
