package org.tradebench.connector.support.book;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;

/**
 * The checksum Bitfinex (and, in the same shape, OKX) sends: CRC32 (zlib) of the best {@code depth}
 * bids and asks interleaved {@code bid[0], ask[0], bid[1], ask[1], ...}, each level as its wire
 * text {@code key:amount}, joined with {@code :}, compared as a signed 32-bit int. The string is
 * built in a reused buffer, eight bytes at a time: nothing is allocated.
 *
 * <pre>{@code
 * BookChecksum bitfinex = new InterleavedCrc32(25);
 * int mine = bitfinex.checksum(book, texts);
 * }</pre>
 *
 * <p>Not thread-safe (one per book owner).
 */
public final class InterleavedCrc32 implements BookChecksum {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int depth;
    private final CRC32 crc = new CRC32();
    private byte[] out = new byte[2048];

    /**
     * Creates the checksum over the best {@code depth} levels per side.
     *
     * @param depth levels per side, at least 1
     */
    public InterleavedCrc32(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("checksum depth must be >= 1, was " + depth);
        }
        this.depth = depth;
    }

    @Override
    public int checksum(OrderBook book, WireTextArena texts) {
        int bidLevels = Math.min(book.levels(Side.BUY), depth);
        int askLevels = Math.min(book.levels(Side.SELL), depth);
        int levels = Math.max(bidLevels, askLevels);
        int needed = 2 * levels * (texts.longest() + 1) + WireTextArena.SLACK;
        if (needed > out.length) {
            out = new byte[Math.max(out.length * 2, needed)];
        }
        byte[] in = texts.bytes();
        int length = 0;
        for (int i = 0; i < levels; i++) {
            if (i < bidLevels) {
                length = copy(in, book.tag(Side.BUY, i), out, length);
            }
            if (i < askLevels) {
                length = copy(in, book.tag(Side.SELL, i), out, length);
            }
        }
        // every text was followed by ':'; the last one is not part of the string
        crc.reset();
        crc.update(out, 0, Math.max(0, length - 1));
        return (int) crc.getValue();
    }

    /**
     * The string the checksum is computed over (allocates; for diagnostics and tests).
     *
     * @param book the book
     * @param texts the texts
     * @return for example {@code "0.0000011:266122.94:0.00000111:-4847.13:..."}
     */
    public String text(OrderBook book, WireTextArena texts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            for (Side side : Side.values()) {
                if (i < book.levels(side)) {
                    if (b.length() > 0) {
                        b.append(':');
                    }
                    b.append(texts.text(book.tag(side, i)));
                }
            }
        }
        return b.toString();
    }

    /** Appends one text and a ':': sixteen bytes whatever the length, then eight at a time. */
    private static int copy(byte[] in, long tag, byte[] out, int p) {
        int from = (int) (tag >>> 32);
        int length = (int) tag;
        LONGS.set(out, p, (long) LONGS.get(in, from));
        LONGS.set(out, p + 8, (long) LONGS.get(in, from + 8));
        for (int k = 16; k < length; k += 8) {
            LONGS.set(out, p + k, (long) LONGS.get(in, from + k));
        }
        out[p + length] = ':';
        return p + length + 1;
    }
}
