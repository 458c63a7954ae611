package org.tradebench.connector.binance.internal.market;

import org.tradebench.connector.support.json.JsonScanner;

/**
 * In-place helpers for Binance frames on top of the toolkit's {@link JsonScanner}: comparing a key
 * or a name, with no allocation.
 */
final class BinanceJson {

    private BinanceJson() {
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
