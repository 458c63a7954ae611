package org.tradebench.connector.bitfinex.internal.market;

import org.tradebench.connector.bitfinex.internal.rest.BitfinexRest;

/** REST paths of the public market data endpoints (below {@code /v2/}). */
final class BitfinexRestPaths {

    private BitfinexRestPaths() {
    }

    /** Candle history, oldest first. */
    static String candles(String key, int limit) {
        return BitfinexRest.candlesPath(key, Math.max(1, Math.min(10_000, limit)), true);
    }

    /** The newest candles, newest first. */
    static String candlesNewestFirst(String key, int limit) {
        return BitfinexRest.candlesPath(key, limit, false);
    }
}
