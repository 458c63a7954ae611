package org.tradebench.api.market;

import org.osgi.annotation.versioning.ConsumerType;
import org.tradebench.api.StreamListener;

/**
 * Receives candles: history first (closed), then the forming candle on every change and each
 * candle once more when it closes. Runs on a connector delivery thread; must not block.
 *
 * <p>Implemented by consumers.
 */
@FunctionalInterface
@ConsumerType
public interface CandleListener extends StreamListener {
    /**
     * A new or updated candle.
     *
     * @param candle the candle
     */
    void onCandle(Candle candle);
}
