package org.tradebench.connector.bitfinex.internal.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
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
 * price ascending; raw books break price ties by order id ascending, as the exchange does), one
 * {@code long[]} record of {@value #STRIDE} slots per level, so an insert or a removal shifts one
 * array. Each level's checksum text ({@code key:amount}, the exact wire texts joined as the checksum
 * joins them; ASCII) is copied into a byte arena that is compacted in place when full; the checksum
 * then copies one text per level, eight bytes at a time, and takes one CRC32 of the result. Applying
 * an update and computing the checksum allocate nothing once the arrays have grown to the book's
 * size.
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

    // A level's record in Ladder.data: STRIDE longs, best level first.
    private static final int STRIDE = 5;
    private static final int PRICE = 0;
    private static final int AMOUNT = 1;
    private static final int ORDER_ID = 2;
    private static final int COUNT = 3;
    /** The level's checksum text in the arena: offset in the high 32 bits, length in the low 32. */
    private static final int TEXT = 4;

    /** Levels searched linearly from the best before a binary search (most updates land there). */
    private static final int LINEAR_SEARCH = 16;

    /**
     * Bytes the arena and the checksum buffer keep free past their last text: texts are copied
     * sixteen bytes and then eight at a time, so a copy may read and write up to fifteen bytes
     * beyond a text.
     */
    private static final int SLACK = 16;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final boolean raw;
    private final int priceScale;
    private final int amountScale;
    private final Ladder bids = new Ladder(true);
    private final Ladder asks = new Ladder(false);
    private final CRC32 crc = new CRC32();

    // Wire texts of numbers are ASCII (the decoder accepts only digits, signs, '.', 'e' and 'E'),
    // so they are kept as bytes, each level's as "key:amount".
    private byte[] arena = new byte[8192];
    private byte[] spare = new byte[8192];
    private int arenaUsed;
    private byte[] checksumBytes = new byte[2048];
    private int maxTextLength;
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
        long price = row.price();
        int index = side.searchPrice(price);
        if (row.isRemoval()) {
            if (index < 0) {
                return false;
            }
            previousPrice = price;
            side.remove(index);
            return true;
        }
        reserve(row);
        if (index >= 0) {
            previousPrice = price;
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
            previousPrice = holder.data[at * STRIDE + PRICE];
        }
        if (row.isRemoval()) {
            if (at < 0) {
                return false;
            }
            holder.remove(at);
            return true;
        }
        reserve(row);
        if (at >= 0 && holder == side && holder.data[at * STRIDE + PRICE] == row.price()) {
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
        long[] d = side.data;
        int r = index * STRIDE;
        d[r + PRICE] = row.price();
        d[r + AMOUNT] = row.amount();
        d[r + ORDER_ID] = row.orderId();
        d[r + COUNT] = row.count();
        // The level's checksum text: key, ':', amount (reserve made room).
        CharSequence text = row.text();
        int offset = arenaUsed;
        int p = append(text, keyStart, keyEnd, offset);
        arena[p++] = ':';
        p = append(text, row.amountStart(), row.amountEnd(), p);
        arenaUsed = p;
        int length = p - offset;
        if (length > maxTextLength) {
            maxTextLength = length;
        }
        d[r + TEXT] = (long) offset << 32 | length;
    }

    private int append(CharSequence text, int start, int end, int p) {
        byte[] a = arena;
        if (text instanceof String s) {
            for (int i = start; i < end; i++) {
                a[p++] = (byte) s.charAt(i);
            }
        } else {
            for (int i = start; i < end; i++) {
                a[p++] = (byte) text.charAt(i);
            }
        }
        return p;
    }

    /** Makes room in the arena for a row's text before anything is stored. */
    private void reserve(BitfinexBookRow row) {
        int needed = (raw ? row.orderIdEnd() - row.orderIdStart() : row.priceEnd() - row.priceStart())
                + row.amountEnd() - row.amountStart() + 1 + SLACK;
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
        long[] d = side.data;
        for (int r = TEXT; r < side.size * STRIDE; r += STRIDE) {
            long t = d[r];
            int length = (int) t;
            System.arraycopy(arena, (int) (t >>> 32), spare, used, length);
            d[r] = (long) used << 32 | length;
            used += length;
        }
        return used;
    }

    /**
     * The checksum of the current book as Bitfinex computes it.
     *
     * @return the signed CRC32
     */
    public int checksum() {
        int bidLevels = Math.min(bids.size, BitfinexChecksum.DEPTH);
        int askLevels = Math.min(asks.size, BitfinexChecksum.DEPTH);
        int levels = Math.max(bidLevels, askLevels);
        // Room for every text plus its separator (no text is longer than maxTextLength), and the
        // slack of the last copy.
        int needed = 2 * levels * (maxTextLength + 1) + SLACK;
        if (needed > checksumBytes.length) {
            checksumBytes = new byte[Math.max(checksumBytes.length * 2, needed)];
        }
        byte[] out = checksumBytes;
        byte[] in = arena;
        long[] b = bids.data;
        long[] a = asks.data;
        int length = 0;
        for (int i = 0; i < levels; i++) {
            if (i < bidLevels) {
                length = copyText(in, b[i * STRIDE + TEXT], out, length);
            }
            if (i < askLevels) {
                length = copyText(in, a[i * STRIDE + TEXT], out, length);
            }
        }
        // Each text was followed by ':'; the last one is not part of the checksum string.
        crc.reset();
        crc.update(out, 0, Math.max(0, length - 1));
        return (int) crc.getValue();
    }

    /**
     * Appends one level's text and a ':': sixteen bytes whatever the length (most texts are 10 to
     * 20 bytes), then eight at a time (see {@link #SLACK}).
     */
    private static int copyText(byte[] in, long text, byte[] out, int p) {
        int from = (int) (text >>> 32);
        int length = (int) text;
        long w0 = (long) LONGS.get(in, from);
        long w1 = (long) LONGS.get(in, from + 8);
        LONGS.set(out, p, w0);
        LONGS.set(out, p + 8, w1);
        for (int k = 16; k < length; k += 8) {
            LONGS.set(out, p + k, (long) LONGS.get(in, from + k));
        }
        out[p + length] = ':';
        return p + length + 1;
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
                    long t = side.data[i * STRIDE + TEXT];
                    b.append(new String(arena, (int) (t >>> 32), (int) t, StandardCharsets.ISO_8859_1));
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
        return ladder(side).get(index, PRICE);
    }

    /**
     * A level's signed amount as on the wire (asks negative).
     *
     * @param side the side
     * @param index 0 = best
     * @return amount units
     */
    public long amount(Side side, int index) {
        return ladder(side).get(index, AMOUNT);
    }

    /**
     * A raw order's id.
     *
     * @param side the side
     * @param index 0 = best
     * @return the order id, 0 for aggregated books
     */
    public long orderId(Side side, int index) {
        return ladder(side).get(index, ORDER_ID);
    }

    /**
     * An aggregated level's order count.
     *
     * @param side the side
     * @param index 0 = best
     * @return the count, -1 for raw books
     */
    public int count(Side side, int index) {
        return (int) ladder(side).get(index, COUNT);
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

    /** One side: a record of {@link #STRIDE} longs per level, best level first. */
    private static final class Ladder {

        private final boolean descending;
        private long[] data = new long[INITIAL_LEVELS * STRIDE];
        private int size;

        Ladder(boolean descending) {
            this.descending = descending;
        }

        long get(int index, int slot) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("level " + index + " of " + size);
            }
            return data[index * STRIDE + slot];
        }

        /**
         * Finds an aggregated level by price: a linear scan from the best level (where most updates
         * land), then a binary search of the rest.
         *
         * @return the index, or -(insertion point) - 1 when absent
         */
        int searchPrice(long p) {
            long[] d = data;
            int n = size;
            int linear = Math.min(n, LINEAR_SEARCH);
            int i = 0;
            if (descending) {
                while (i < linear && d[i * STRIDE + PRICE] > p) {
                    i++;
                }
            } else {
                while (i < linear && d[i * STRIDE + PRICE] < p) {
                    i++;
                }
            }
            if (i < linear) {
                return d[i * STRIDE + PRICE] == p ? i : -(i + 1);
            }
            int low = linear;
            int high = n - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                long v = d[mid * STRIDE + PRICE];
                if (v == p) {
                    return mid;
                }
                if (descending ? v > p : v < p) {
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return -(low + 1);
        }

        /** Binary search by (price, then order id ascending); -(insertion point) - 1 when absent. */
        int search(long p, long id) {
            long[] d = data;
            int low = 0;
            int high = size - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                int cmp = Long.compare(d[mid * STRIDE + PRICE], p);
                if (descending) {
                    cmp = -cmp;
                }
                if (cmp == 0) {
                    cmp = Long.compare(d[mid * STRIDE + ORDER_ID], id);
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
            long[] d = data;
            for (int i = 0; i < size; i++) {
                if (d[i * STRIDE + ORDER_ID] == id) {
                    return i;
                }
            }
            return -1;
        }

        void insert(int index) {
            if ((size + 1) * STRIDE > data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            int tail = size - index;
            if (tail > 0) {
                System.arraycopy(data, index * STRIDE, data, (index + 1) * STRIDE, tail * STRIDE);
            }
            size++;
        }

        void remove(int index) {
            int tail = size - index - 1;
            if (tail > 0) {
                System.arraycopy(data, (index + 1) * STRIDE, data, index * STRIDE, tail * STRIDE);
            }
            size--;
        }
    }
}
