package org.tradebench.api.market;

/**
 * Receives candles: history first (closed), then the forming candle on every change and each
 * candle once more when it closes. Runs on a connector thread; must not block.
 *
 * <p>Implemented by consumers.
 */
@FunctionalInterface
public interface CandleListener {
    /**
     * A new or updated candle.
     *
     * @param candle the candle
     */
    void onCandle(Candle candle);
}
