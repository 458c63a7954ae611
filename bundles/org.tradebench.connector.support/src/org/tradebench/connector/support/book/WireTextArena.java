package org.tradebench.connector.support.book;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;

/**
 * The exact wire text of each level of a book, for exchanges whose checksums are computed over
 * the numbers as they were sent ({@code 7e-7}, not {@code 0.0000007}). Each level's text
 * ({@code key:amount}, ASCII) is copied into one byte arena; the level's {@link OrderBook#tag tag}
 * says where (offset in the high 32 bits, length in the low 32). Replaced texts are left behind and
 * dropped when the arena is full and {@link #compact(OrderBook)} copies the live ones into a spare
 * arena. Nothing is allocated once the arena has grown to the book's size.
 *
 * <pre>{@code
 * int at = book.set(Side.SELL, price, size, count);
 * book.setTag(Side.SELL, at, arena.store(book, frame, priceStart, priceEnd, amountStart, amountEnd));
 * int length = arena.copy(book.tag(Side.SELL, 0), out, p);   // append the best ask's text
 * }</pre>
 *
 * <p>Not thread-safe: it belongs to its book's owner.
 */
public final class WireTextArena {

    /** Bytes kept free past the last text (copies move eight bytes at a time). */
    public static final int SLACK = 16;

    private byte[] arena = new byte[8192];
    private byte[] spare = new byte[8192];
    private int used;
    private int longest;

    /** Forgets every text (the book was cleared). */
    public void clear() {
        used = 0;
    }

    /**
     * Stores {@code key:amount} from a frame and returns the tag for the level. Compacts (over
     * {@code book}'s live tags) or grows when full.
     *
     * @param book the book whose live levels keep their texts when the arena is compacted
     * @param frame the frame bytes
     * @param keyStart the key's first byte (price, or order id for per-order books)
     * @param keyEnd after the key
     * @param amountStart the amount's first byte
     * @param amountEnd after the amount
     * @return the tag (offset &lt;&lt; 32 | length)
     */
    public long store(OrderBook book, byte[] frame, int keyStart, int keyEnd, int amountStart, int amountEnd) {
        int length = keyEnd - keyStart + 1 + amountEnd - amountStart;
        if (used + length + SLACK > arena.length) {
            compact(book);
            if (used + length + SLACK > arena.length) {
                int size = Math.max(arena.length * 2, used + length + SLACK);
                arena = Arrays.copyOf(arena, size);
                spare = new byte[size];
            }
        }
        int offset = used;
        int p = offset;
        System.arraycopy(frame, keyStart, arena, p, keyEnd - keyStart);
        p += keyEnd - keyStart;
        arena[p++] = ':';
        System.arraycopy(frame, amountStart, arena, p, amountEnd - amountStart);
        used = offset + length;
        if (length > longest) {
            longest = length;
        }
        return (long) offset << 32 | length;
    }

    /**
     * The longest text stored so far.
     *
     * @return bytes
     */
    public int longest() {
        return longest;
    }

    /**
     * The arena (read with a tag's offset and length).
     *
     * @return the bytes; do not modify
     */
    public byte[] bytes() {
        return arena;
    }

    /**
     * A level's text (allocates; for diagnostics and tests).
     *
     * @param tag the level's tag
     * @return the text
     */
    public String text(long tag) {
        return new String(arena, (int) (tag >>> 32), (int) tag, StandardCharsets.ISO_8859_1);
    }

    /**
     * Copies the live texts of a book into the spare arena, drops the rest, and swaps.
     *
     * @param book the book whose tags point here
     */
    public void compact(OrderBook book) {
        int p = 0;
        for (Side side : SIDES) {
            int n = book.levels(side);
            for (int i = 0; i < n; i++) {
                long t = book.tag(side, i);
                int length = (int) t;
                System.arraycopy(arena, (int) (t >>> 32), spare, p, length);
                book.setTag(side, i, (long) p << 32 | length);
                p += length;
            }
        }
        byte[] swap = arena;
        arena = spare;
        spare = swap;
        used = p;
    }

    private static final Side[] SIDES = Side.values();
}
