package org.tradebench.connector.binance.internal.market;

import org.tradebench.connector.support.json.FrameFormatException;
import org.tradebench.connector.support.json.JsonScanner;

/**
 * In-place helpers for Binance frames on top of the toolkit's {@link JsonScanner}: skipping a value
 * of any kind and comparing a key, with no allocation.
 */
final class BinanceJson {

    private BinanceJson() {
    }

    /**
     * The index after the JSON value starting at {@code p}.
     *
     * @throws FrameFormatException when the value is not closed before {@code n}
     */
    static int skipValue(byte[] b, int n, int p) {
        p = JsonScanner.skipWhitespace(b, n, p);
        if (p >= n) {
            throw new FrameFormatException("a value was expected at " + p);
        }
        byte c = b[p];
        if (c == '"') {
            return JsonScanner.stringEnd(b, n, p) + 1;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            for (int i = p; i < n; i++) {
                byte x = b[i];
                if (x == '"') {
                    i = JsonScanner.stringEnd(b, n, i);
                } else if (x == '{' || x == '[') {
                    depth++;
                } else if (x == '}' || x == ']') {
                    if (--depth == 0) {
                        return i + 1;
                    }
                }
            }
            throw new FrameFormatException("an unclosed " + (char) c + " starts at " + p);
        }
        int i = p;
        while (i < n && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\n' && b[i] != '\r'
                && b[i] != '\t') {
            i++;
        }
        if (i == p) {
            throw new FrameFormatException("a value was expected at " + p);
        }
        return i;
    }

    /** Whether the key whose quotes are at {@code open} and {@code close} is {@code k}. */
    static boolean key(byte[] b, int open, int close, String k) {
        return JsonScanner.isWord(b, open + 1, close, k);
    }

    /** Whether the bytes between quotes at {@code open}..{@code close} equal {@code word}. */
    static boolean equals(byte[] b, int start, int end, byte[] word) {
        if (end - start != word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (b[start + i] != word[i]) {
                return false;
            }
        }
        return true;
    }
}
