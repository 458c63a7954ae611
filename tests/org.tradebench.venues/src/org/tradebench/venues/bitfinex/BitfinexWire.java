package org.tradebench.venues.bitfinex;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * How Bitfinex writes numbers and computes book checksums, as the simulator does it.
 *
 * <p>Bitfinex's servers print JSON numbers the way JavaScript's {@code Number.prototype.toString}
 * does: the shortest text, positional for magnitudes from 1e-6 up to 1e21 ({@code 0.000001},
 * {@code 65000.5}) and exponential outside ({@code 7e-7}, {@code 6.6e-7}). The book checksum is
 * computed over exactly that text, so a client must keep each level's wire text: rendering
 * {@code 7e-7} as {@code 0.0000007} changes the CRC (see {@code shared/test-vectors/bitfinex}).
 *
 * <pre>{@code
 * BitfinexWire.number(new BigDecimal("0.00000070"));   // "7e-7"
 * BitfinexWire.number(new BigDecimal("65000.50"));     // "65000.5"
 * BitfinexWire.checksum(List.of("6000:1", "6100:-3")); // CRC32 of "6000:1:6100:-3" as a signed int
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class BitfinexWire {

    private BitfinexWire() {
    }

    /**
     * JavaScript's number text for a decimal (which must be exactly representable in the
     * simulator's data: prices and sizes on their ticks and lots, at most 17 significant digits).
     *
     * @param value the value
     * @return for example {@code "65000.5"}, {@code "-0.25"}, {@code "7e-7"}, {@code "1.5e+21"}
     */
    public static String number(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal v = value.stripTrailingZeros();
        String sign = v.signum() < 0 ? "-" : "";
        String digits = v.unscaledValue().abs().toString();
        int k = digits.length();
        // value = 0.digits × 10^n, so n is where the decimal point sits relative to the digits.
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
     * The book checksum of ready-made {@code key:amount} pairs in checksum order (bid 0, ask 0,
     * bid 1, ask 1, ...; absent levels skipped).
     *
     * @param pairs the pairs
     * @return CRC32 of the pairs joined with {@code :}, as a signed 32-bit int
     */
    public static int checksum(List<String> pairs) {
        return crc32(String.join(":", pairs));
    }

    /**
     * CRC32 (zlib) of a string's UTF-8 bytes as a signed int, the way Bitfinex sends it.
     *
     * @param text the checksum string
     * @return the signed CRC
     */
    public static int crc32(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /**
     * Escapes a string for a JSON string literal (without the quotes).
     *
     * @param s the text
     * @return the escaped text
     */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * A JSON string literal.
     *
     * @param s the text, or null for {@code null}
     * @return {@code "..."} or {@code null}
     */
    public static String string(String s) {
        return s == null ? "null" : "\"" + escape(s) + "\"";
    }
}
