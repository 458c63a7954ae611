package org.tradebench.connector.support.json;

import java.nio.charset.StandardCharsets;

import org.tradebench.core.book.ScaledDecimal;

/**
 * Reads JSON frames held as bytes, in place: positions in, positions out, no objects. The hot
 * paths of decoders (book rows, checksums, sequence numbers) use it; everything is ASCII there.
 *
 * <p>The number readers have a fast path for plain text ({@code -?[0-9]+(\.[0-9]+)?}, at most 18
 * digits) that computes the value while it scans; anything else (an exponent like {@code 7e-7},
 * more digits) is read exactly by {@link ScaledDecimal#parseUnits(byte[], int, int, int)}. The end
 * of the last number read is in {@link #end()} (the only state: one scanner per decoder).
 *
 * <pre>{@code
 * JsonScanner s = new JsonScanner();
 * int p = JsonScanner.skipWhitespace(b, n, 1);
 * long chanId = s.readInteger(b, n, p, "the channel id");     // s.end() is after it
 * long price = s.readUnits(b, n, s.afterComma(b, n, s.end()), 8, "the price");
 * }</pre>
 *
 * <p>Errors are {@link FrameFormatException}s naming what was expected and where. Not thread-safe.
 */
public final class JsonScanner {

    private static final int MAX_SCALE = ScaledDecimal.MAX_SCALE;
    private static final long[] POW10 = new long[MAX_SCALE + 1];
    private static final long[] FITS = new long[MAX_SCALE + 1];

    static {
        long p = 1;
        for (int k = 0; k < POW10.length; k++) {
            POW10[k] = p;
            FITS[k] = Long.MAX_VALUE / p;
            p *= 10;
        }
    }

    private int end;

    /**
     * Where the last number read ends (or -1 after a fast path that declined).
     *
     * @return the index after it
     */
    public int end() {
        return end;
    }

    /**
     * Skips JSON whitespace.
     *
     * @param b the bytes
     * @param n the end of the frame
     * @param p where to start
     * @return the first non-whitespace index, or {@code n}
     */
    public static int skipWhitespace(byte[] b, int n, int p) {
        while (p < n) {
            byte c = b[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            p++;
        }
        return p;
    }

    /**
     * Requires a character.
     *
     * @param b the bytes
     * @param n the end of the frame
     * @param p where it should be
     * @param c the character
     * @param where for the message: {@code "after the channel id"}
     * @return the index after it
     * @throws FrameFormatException when it is not there
     */
    public static int expect(byte[] b, int n, int p, char c, String where) {
        if (p >= n || b[p] != c) {
            throw new FrameFormatException("expected '" + c + "' " + where + ", found "
                    + (p >= n ? "the end of the frame" : "'" + (char) (b[p] & 0xff) + "' at byte " + p));
        }
        return p + 1;
    }

    /**
     * After a value ending at {@code p}: the start of the next value after a comma.
     *
     * @param b the bytes
     * @param n the end
     * @param p after the value
     * @return the next value's first index, or -1 when no comma follows
     */
    public static int afterComma(byte[] b, int n, int p) {
        int q = skipWhitespace(b, n, p);
        if (q >= n || b[q] != ',') {
            return -1;
        }
        return skipWhitespace(b, n, q + 1);
    }

    /**
     * The closing quote of the string starting at {@code p} (escapes skipped).
     *
     * @param b the bytes
     * @param n the end
     * @param p the opening quote
     * @return the index of the closing quote
     * @throws FrameFormatException when the string is not closed
     */
    public static int stringEnd(byte[] b, int n, int p) {
        int q = p + 1;
        while (q < n) {
            byte c = b[q];
            if (c == '\\') {
                q += 2;
                continue;
            }
            if (c == '"') {
                return q;
            }
            q++;
        }
        throw new FrameFormatException("a string starting at byte " + p + " is not closed");
    }

    /**
     * The index after the JSON value that starts at {@code p} (after whitespace): a string, an
     * object or an array with everything nested in it, a number, {@code true}, {@code false} or
     * {@code null}. For fields a reader does not know: it skips them whole, allocating nothing.
     * Only the brackets and strings are checked, not the grammar inside the skipped value.
     *
     * @param b the bytes
     * @param n the end
     * @param p where the value (or whitespace before it) starts
     * @return the index after the value
     * @throws FrameFormatException when no complete value starts there
     */
    public static int skipValue(byte[] b, int n, int p) {
        p = skipWhitespace(b, n, p);
        if (p >= n) {
            throw new FrameFormatException("a value was expected at byte " + p + ", found the end of the frame");
        }
        byte c = b[p];
        if (c == '"') {
            return stringEnd(b, n, p) + 1;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            for (int i = p; i < n; i++) {
                byte x = b[i];
                if (x == '"') {
                    i = stringEnd(b, n, i);
                } else if (x == '{' || x == '[') {
                    depth++;
                } else if ((x == '}' || x == ']') && --depth == 0) {
                    return i + 1;
                }
            }
            throw new FrameFormatException("the " + (char) c + " at byte " + p + " is not closed");
        }
        int i = p;
        while (i < n && (isNumberChar(b[i]) || (b[i] >= 'a' && b[i] <= 'z'))) {
            i++;
        }
        if (i == p) {
            throw new FrameFormatException("a value was expected at byte " + p + ", found '" + (char) (c & 0xff) + "'");
        }
        return i;
    }

    /**
     * Whether the bytes between {@code start} and {@code end} are an ASCII word.
     *
     * @param b the bytes
     * @param start the first byte
     * @param end after the last byte
     * @param word the word
     * @return true when equal
     */
    public static boolean isWord(byte[] b, int start, int end, String word) {
        if (end - start != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[start + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where a number starting at {@code p} ends.
     *
     * @param b the bytes
     * @param n the end
     * @param p the number's first byte
     * @param what for the message: {@code "a price"}
     * @return the index after it
     * @throws FrameFormatException when no number starts there
     */
    public static int numberEnd(byte[] b, int n, int p, String what) {
        if (p < 0) {
            // afterComma's -1 for a missing comma, passed on as a position (as in the class example)
            throw new FrameFormatException("expected ',' before " + what);
        }
        int q = p;
        while (q < n && isNumberChar(b[q])) {
            q++;
        }
        if (q == p) {
            throw new FrameFormatException("expected " + what + " at byte " + p + ", found "
                    + (p >= n ? "the end of the frame" : "'" + (char) (b[p] & 0xff) + "'"));
        }
        return q;
    }

    /**
     * Whether a byte can be part of a JSON number.
     *
     * @param c the byte
     * @return true for digits, signs, '.', 'e' and 'E'
     */
    public static boolean isNumberChar(byte c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
    }

    /**
     * Reads an integer at {@code p}; {@link #end()} is after it.
     *
     * @param b the bytes
     * @param n the end
     * @param p its first byte
     * @param what for the message: {@code "the channel id"}
     * @return the value
     * @throws FrameFormatException when it is not an integer that fits a long
     */
    public long readInteger(byte[] b, int n, int p, String what) {
        long value = plainInteger(b, n, p);
        if (end >= 0) {
            return value;
        }
        int e = numberEnd(b, n, p, what);
        end = e;
        return parseInteger(b, p, e, what);
    }

    /**
     * Reads a decimal at {@code p} as units at a scale; {@link #end()} is after it.
     *
     * @param b the bytes
     * @param n the end
     * @param p its first byte
     * @param scale decimal places of the units
     * @param what for the message: {@code "the amount"}
     * @return the value × 10^scale
     * @throws FrameFormatException when it is not a number representable at the scale
     */
    public long readUnits(byte[] b, int n, int p, int scale, String what) {
        long value = plainUnits(b, n, p, scale);
        if (end >= 0) {
            return value;
        }
        int e = numberEnd(b, n, p, what);
        end = e;
        try {
            return ScaledDecimal.parseUnits(b, p, e, scale);
        } catch (NumberFormatException ex) {
            throw new FrameFormatException(what + " at byte " + p + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * A plain integer ({@code -?[0-9]{1,18}}) at {@code p} followed by a byte that cannot continue
     * a number: its value, {@link #end()} after it. Otherwise {@link #end()} is -1 and the value 0.
     *
     * @param b the bytes
     * @param n the end
     * @param p its first byte
     * @return the value
     */
    public long plainInteger(byte[] b, int n, int p) {
        if (p < 0) {
            end = -1;
            return 0;
        }
        int q = p;
        boolean negative = q < n && b[q] == '-';
        if (negative) {
            q++;
        }
        int digits = q;
        long value = 0;
        while (q < n) {
            int d = b[q] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            value = value * 10 + d;
            q++;
        }
        int count = q - digits;
        if (count == 0 || count > 18 || q < n && isNumberChar(b[q])) {
            end = -1;
            return 0;
        }
        end = q;
        return negative ? -value : value;
    }

    /**
     * A plain decimal ({@code -?[0-9]*(\.[0-9]*)?}, 1 to 18 digits, at most {@code scale} after the
     * point) at {@code p}: its value in units (what {@link ScaledDecimal} gives), {@link #end()}
     * after it. Otherwise (exponents, more digits, overflow) {@link #end()} is -1.
     *
     * @param b the bytes
     * @param n the end
     * @param p its first byte
     * @param scale decimal places of the units
     * @return the value × 10^scale
     */
    public long plainUnits(byte[] b, int n, int p, int scale) {
        if (p < 0 || scale > MAX_SCALE) {
            // the exact reader says what is wrong with the scale
            end = -1;
            return 0;
        }
        int q = p;
        boolean negative = q < n && b[q] == '-';
        if (negative) {
            q++;
        }
        long mantissa = 0;
        int digitsStart = q;
        while (q < n) {
            int d = b[q] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            mantissa = mantissa * 10 + d;
            q++;
        }
        int digits = q - digitsStart;
        int decimals = 0;
        if (q < n && b[q] == '.') {
            q++;
            int fractionStart = q;
            while (q < n) {
                int d = b[q] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                mantissa = mantissa * 10 + d;
                q++;
            }
            decimals = q - fractionStart;
            digits += decimals;
        }
        if (digits == 0 || digits > 18 || decimals > scale || q < n && isNumberChar(b[q])) {
            end = -1;
            return 0;
        }
        int shift = scale - decimals;
        if (mantissa > FITS[shift]) {
            end = -1;
            return 0;
        }
        end = q;
        long units = mantissa * POW10[shift];
        return negative ? -units : units;
    }

    /**
     * Parses an integer between two positions, exactly.
     *
     * @param b the bytes
     * @param start the first byte
     * @param stop after the last byte
     * @param what for the message
     * @return the value
     * @throws FrameFormatException when it is not an integer that fits a long
     */
    public static long parseInteger(byte[] b, int start, int stop, String what) {
        // Long.parseLong's rules (optional sign, ASCII digits, within a long) read in place: this
        // runs for every book row off the one-pass path, so it must not allocate a String.
        int q = start;
        boolean negative = false;
        if (q < stop && (b[q] == '-' || b[q] == '+')) {
            negative = b[q] == '-';
            q++;
        }
        if (q == stop) {
            throw notAnInteger(b, start, stop, what);
        }
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long multiplyMin = limit / 10;
        long result = 0; // accumulated negatively: Long.MIN_VALUE has no positive counterpart
        for (; q < stop; q++) {
            int d = b[q] - '0';
            if (d < 0 || d > 9 || result < multiplyMin) {
                throw notAnInteger(b, start, stop, what);
            }
            result *= 10;
            if (result < limit + d) {
                throw notAnInteger(b, start, stop, what);
            }
            result -= d;
        }
        return negative ? result : -result;
    }

    private static FrameFormatException notAnInteger(byte[] b, int start, int stop, String what) {
        return new FrameFormatException(what + " at byte " + start + " is not an integer: '"
                + new String(b, start, stop - start, StandardCharsets.ISO_8859_1) + "'");
    }

    /**
     * A piece of a frame for an error message (at most {@code max} characters).
     *
     * @param b the bytes
     * @param offset the frame's first byte
     * @param length its length
     * @param max the most characters
     * @return the text, cut with an ellipsis
     */
    public static String excerpt(byte[] b, int offset, int length, int max) {
        int n = Math.min(length, max);
        String s = new String(b, offset, n, StandardCharsets.UTF_8);
        return n < length ? s + "\u2026" : s;
    }
}
