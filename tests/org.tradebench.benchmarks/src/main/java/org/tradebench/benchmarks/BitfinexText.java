package org.tradebench.benchmarks;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * How Bitfinex writes numbers and book checksums: the two functions of the loopback simulator's
 * {@code org.tradebench.venues.bitfinex.BitfinexWire} this module needs, copied so that the
 * benchmark does not depend on the simulator module.
 *
 * <p>Bitfinex prints JSON numbers the way JavaScript's {@code Number.prototype.toString} does: the
 * shortest text, positional from 1e-6 up to 1e21 ({@code 0.000001}, {@code 65000.5}) and
 * exponential outside ({@code 7e-7}). The book checksum is the CRC32 of exactly that text.
 *
 * <pre>{@code
 * BitfinexText.number(new BigDecimal("0.00000070"));   // "7e-7"
 * BitfinexText.crc32("6000:1:6100:-3");                 // the signed CRC Bitfinex sends in "cs"
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class BitfinexText {

    private BitfinexText() {
    }

    /**
     * JavaScript's number text for a decimal (at most 17 significant digits).
     *
     * @param value the value
     * @return for example {@code "65000.5"}, {@code "-0.25"}, {@code "7e-7"}
     */
    public static String number(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal v = value.stripTrailingZeros();
        String sign = v.signum() < 0 ? "-" : "";
        String digits = v.unscaledValue().abs().toString();
        int k = digits.length();
        // value = 0.digits × 10^n: n is where the decimal point sits relative to the digits.
        int n = k - v.scale();
        StringBuilder b = new StringBuilder(sign);
        if (k <= n && n <= 21) {
            b.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            b.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            b.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int e = n - 1;
            b.append(digits.charAt(0));
            if (k > 1) {
                b.append('.').append(digits, 1, k);
            }
            b.append('e').append(e < 0 ? "-" : "+").append(Math.abs(e));
        }
        return b.toString();
    }

    /**
     * CRC32 (zlib) of a string's UTF-8 bytes as a signed int, the way Bitfinex sends it.
     *
     * @param text the checksum string ({@code price:amount} pairs joined with {@code :})
     * @return the signed CRC
     */
    public static int crc32(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
