package org.tradebench.api.market;

/**
 * Receives tickers. Runs on a connector thread; must not block.
 *
 * <p>Implemented by consumers.
 */
@FunctionalInterface
public interface TickerListener {
    /**
     * A new ticker.
     *
     * @param ticker the latest ticker
     */
    void onTicker(Ticker ticker);
}
