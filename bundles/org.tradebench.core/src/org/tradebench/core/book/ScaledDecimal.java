package org.tradebench.core.book;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import org.tradebench.api.Decimals;

/**
 * Exact conversion between decimal numbers and scaled {@code long} units, the representation the
 * {@link OrderBook} works in. A value {@code v} at scale {@code s} is held as {@code v × 10^s}: at
 * scale 2, {@code 65000.5} is {@code 6500050} units.
 *
 * <p>Nothing is ever rounded: a value with more decimals than the scale, or one that does not fit a
 * {@code long}, is an error with a message naming the value and the scale. A silently rounded price
 * would put a level at the wrong place in the book.
 *
 * <pre>{@code
 * long price = ScaledDecimal.toUnits(new BigDecimal("65000.5"), 2);     // 6500050
 * BigDecimal back = ScaledDecimal.fromUnits(price, 2);                   // 65000.5
 * String json = "[\"7e-7\"]";
 * long size = ScaledDecimal.parseUnits(json, 2, 6, 8);                   // 70 (0.0000007 at scale 8)
 * }</pre>
 *
 * <p>Stateless and thread-safe. {@link #parseUnits(CharSequence, int, int, int)} allocates nothing
 * unless it throws, so a decoder can call it for every level of every message.
 */
public final class ScaledDecimal {

    /** The largest scale whose factor 10^scale fits a {@code long}. */
    public static final int MAX_SCALE = 18;

    private static final long[] POW10 = new long[MAX_SCALE + 1];

    // SAFE[n]: the largest mantissa that can be multiplied by 10^n and get a digit added without
    // overflowing; FITS[n]: the largest that can be multiplied by 10^n. Comparing with these keeps
    // divisions (tens of cycles each) out of the per-digit loop of parseUnits.
    private static final long[] SAFE = new long[MAX_SCALE + 1];
    private static final long[] FITS = new long[MAX_SCALE + 1];

    // Exponents beyond this cannot produce a representable non-zero value; clamping keeps the
    // exponent accumulator from overflowing on hostile input like "1e99999999999".
    private static final int EXPONENT_CLAMP = 1_000;

    static {
        long p = 1;
        for (int i = 0; i <= MAX_SCALE; i++) {
            POW10[i] = p;
            SAFE[i] = (Long.MAX_VALUE - 9) / p;
            FITS[i] = Long.MAX_VALUE / p;
            p *= 10;
        }
    }

    private ScaledDecimal() {
    }

    /**
     * Converts a decimal to units at a scale, exactly.
     *
     * @param value the value, not null
     * @param scale decimal places, 0 to {@value #MAX_SCALE}
     * @return {@code value × 10^scale}
     * @throws ArithmeticException when the value has more decimals than {@code scale} or does not
     *         fit a {@code long} at that scale; the message names the value and the scale
     * @throws IllegalArgumentException when the scale is out of range
     */
    public static long toUnits(BigDecimal value, int scale) {
        Objects.requireNonNull(value, "value");
        checkScale(scale);
        // More than 19 integer digits never fit; refusing early also spares setScale from building
        // a huge number for input like 1E+1000000.
        if (value.signum() != 0 && value.precision() - value.scale() > 19) {
            throw new ArithmeticException(show(value) + " does not fit a long at scale " + scale);
        }
        BigDecimal scaled;
        try {
            scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new ArithmeticException(show(value) + " has more decimals than scale " + scale + " allows");
        }
        if (scaled.unscaledValue().bitLength() > 63) {
            throw new ArithmeticException(show(value) + " does not fit a long at scale " + scale);
        }
        return scaled.unscaledValue().longValue();
    }

    /**
     * Converts units at a scale back to a normalised decimal.
     *
     * @param units the scaled value
     * @param scale decimal places, 0 to {@value #MAX_SCALE}
     * @return {@code units / 10^scale}, normalised with {@link Decimals#normalize(BigDecimal)}
     * @throws IllegalArgumentException when the scale is out of range
     */
    public static BigDecimal fromUnits(long units, int scale) {
        checkScale(scale);
        return Decimals.normalize(BigDecimal.valueOf(units, scale));
    }

    /**
     * Parses decimal text to units at a scale without allocating.
     *
     * <p>Accepts an optional sign, digits with an optional decimal point, and an optional exponent:
     * {@code "65000.5"}, {@code "-4847.13"}, {@code "7e-7"}, {@code "1.5E+3"}, {@code ".5"}. Leading
     * and trailing zeros never cause an overflow ({@code "0.00000111000000000000000000"} parses).
     *
     * @param text the text holding the number
     * @param start index of the first character of the number
     * @param end index after the last character of the number
     * @param scale decimal places, 0 to {@value #MAX_SCALE}
     * @return the value × 10^scale
     * @throws NumberFormatException naming the text when it is not a number, has more decimals than
     *         the scale, or does not fit a {@code long} at that scale
     * @throws IndexOutOfBoundsException when {@code start}/{@code end} are outside {@code text}
     * @throws IllegalArgumentException when the scale is out of range
     */
    public static long parseUnits(CharSequence text, int start, int end, int scale) {
        Objects.checkFromToIndex(start, end, text.length());
        return parse(text, start, end, scale);
    }

    /** The parser over a CharSequence or ASCII bytes (no view object: nothing is allocated). */
    private static long parse(Object text, int start, int end, int scale) {
        checkScale(scale);
        int i = start;
        boolean negative = false;
        if (i < end && (at(text, i) == '-' || at(text, i) == '+')) {
            negative = at(text, i) == '-';
            i++;
        }
        // value = mantissa × 10^exponent. Zeros are counted in pendingZeros and multiplied in only
        // when a non-zero digit follows, so trailing zeros never overflow the mantissa and the
        // mantissa never ends in zero (which makes the "too many decimals" test exact).
        long mantissa = 0;
        long exponent = 0;
        int pendingZeros = 0;
        int digits = 0;
        boolean fraction = false;
        for (; i < end; i++) {
            char c = at(text, i);
            if (c >= '0' && c <= '9') {
                digits++;
                if (fraction) {
                    exponent--;
                }
                if (c == '0') {
                    pendingZeros++;
                } else if (mantissa == 0) {
                    mantissa = c - '0';
                    pendingZeros = 0;
                } else {
                    int shift = pendingZeros + 1;
                    if (shift > MAX_SCALE
                            || mantissa > SAFE[shift] && mantissa > (Long.MAX_VALUE - (c - '0')) / POW10[shift]) {
                        // More significant digits than a long holds: name the likelier cause.
                        throw fraction && -exponent > scale ? tooManyDecimals(chars(text), start, end, scale)
                                : tooLarge(chars(text), start, end, scale);
                    }
                    mantissa = mantissa * POW10[shift] + (c - '0');
                    pendingZeros = 0;
                }
            } else if (c == '.' && !fraction) {
                fraction = true;
            } else if (c == 'e' || c == 'E') {
                break;
            } else {
                throw malformed(chars(text), start, end);
            }
        }
        if (digits == 0) {
            throw malformed(chars(text), start, end);
        }
        if (mantissa == 0) {
            pendingZeros = 0;
        }
        exponent += pendingZeros;
        if (i < end) {
            // At at(text, i) == 'e' or 'E'.
            i++;
            boolean negativeExponent = false;
            if (i < end && (at(text, i) == '-' || at(text, i) == '+')) {
                negativeExponent = at(text, i) == '-';
                i++;
            }
            if (i == end) {
                throw malformed(chars(text), start, end);
            }
            long e = 0;
            for (; i < end; i++) {
                char c = at(text, i);
                if (c < '0' || c > '9') {
                    throw malformed(chars(text), start, end);
                }
                e = Math.min(EXPONENT_CLAMP, e * 10 + (c - '0'));
            }
            exponent += negativeExponent ? -e : e;
        }
        if (mantissa == 0) {
            return 0;
        }
        long shift = exponent + scale;
        if (shift < 0) {
            throw tooManyDecimals(chars(text), start, end, scale);
        }
        if (shift > MAX_SCALE || mantissa > FITS[(int) shift]) {
            throw tooLarge(chars(text), start, end, scale);
        }
        long units = mantissa * POW10[(int) shift];
        return negative ? -units : units;
    }

    private static char at(Object text, int i) {
        return text instanceof byte[] b ? (char) (b[i] & 0xff) : ((CharSequence) text).charAt(i);
    }

    /** The text for an error message (allocates; errors only). */
    private static CharSequence chars(Object text) {
        return text instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.ISO_8859_1) : (CharSequence) text;
    }

    /**
     * Parses a whole character sequence; see {@link #parseUnits(CharSequence, int, int, int)}.
     *
     * @param text the number
     * @param scale decimal places
     * @return the value × 10^scale
     * @throws NumberFormatException when the text is not a number representable at the scale
     */
    public static long parseUnits(CharSequence text, int scale) {
        return parseUnits(text, 0, text.length(), scale);
    }

    /**
     * Parses ASCII decimal text in a byte array; see
     * {@link #parseUnits(CharSequence, int, int, int)}. For decoders that read frames as bytes:
     * they scan plain digits themselves and call this for anything else (exponents, long
     * fractions). Allocates nothing unless the text is not a number.
     *
     * @param bytes the bytes holding the number
     * @param start index of the first byte of the number
     * @param end index after its last byte
     * @param scale decimal places
     * @return the value × 10^scale
     * @throws NumberFormatException naming the text when it is not a number representable at the
     *         scale
     */
    public static long parseUnits(byte[] bytes, int start, int end, int scale) {
        Objects.checkFromToIndex(start, end, bytes.length);
        return parse(bytes, start, end, scale);
    }

    /**
     * 10 to the power of {@code scale}: the number of units in one whole.
     *
     * @param scale 0 to {@value #MAX_SCALE}
     * @return 10^scale
     */
    public static long unitsPerWhole(int scale) {
        checkScale(scale);
        return POW10[scale];
    }

    private static void checkScale(int scale) {
        if (scale < 0 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale must be 0.." + MAX_SCALE + ", was " + scale);
        }
    }

    /** Plain digits for people, unless that would be absurdly long (1E+1000000). */
    private static String show(BigDecimal value) {
        return Math.abs((long) value.scale()) <= 40 ? value.toPlainString() : value.toString();
    }

    private static NumberFormatException tooManyDecimals(CharSequence text, int start, int end, int scale) {
        return new NumberFormatException(quote(text, start, end) + " has more decimals than scale " + scale + " allows");
    }

    private static NumberFormatException tooLarge(CharSequence text, int start, int end, int scale) {
        return new NumberFormatException(quote(text, start, end) + " does not fit a long at scale " + scale);
    }

    private static NumberFormatException malformed(CharSequence text, int start, int end) {
        return new NumberFormatException("not a decimal number: " + quote(text, start, end));
    }

    private static String quote(CharSequence text, int start, int end) {
        return "'" + text.subSequence(start, end) + "'";
    }
}
