package org.tradebench.connector.bitfinex.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The Bitfinex order book checksum: CRC32 (zlib) of the top 25 bids (best first) and top 25 asks
 * (best first), interleaved {@code bid[0], ask[0], bid[1], ask[1], ...}, each as
 * {@code price:amount} (raw books: {@code orderId:amount}), asks with their negative amount, all
 * joined with {@code :}, compared as a signed 32-bit int. Numbers must be the exact wire text
 * ({@code 7e-7}, not {@code 0.0000007}), which is why the book keeps each level's wire text
 * (the toolkit's {@code WireTextArena}) and the toolkit's {@code InterleavedCrc32} computes it.
 *
 * <pre>{@code
 * BitfinexChecksum.crc32("6000:1:6100:-3:5900:2:6200:-4"); // 1756193398
 * int mine = new InterleavedCrc32(BitfinexChecksum.DEPTH).checksum(book, texts); // no allocation
 * }</pre>
 *
 * <p>Funding books are not checked: the exchange's own sorting of them is not reliable. Stateless
 * and thread-safe.
 */
public final class BitfinexChecksum {

    /** Levels per side that the checksum covers. */
    public static final int DEPTH = 25;

    private BitfinexChecksum() {
    }

    /**
     * The signed CRC32 of a checksum string.
     *
     * @param text the joined levels, for example {@code "6000:1:6100:-3"}
     * @return the CRC32 as a signed int, as Bitfinex sends it
     */
    public static int crc32(CharSequence text) {
        CRC32 crc = new CRC32();
        crc.update(text.toString().getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
