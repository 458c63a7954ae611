package org.tradebench.api.market;

import org.osgi.annotation.versioning.ConsumerType;
import org.tradebench.api.StreamListener;

/**
 * Receives tickers. Runs on a connector delivery thread; must not block.
 *
 * <p>Implemented by consumers.
 */
@FunctionalInterface
@ConsumerType
public interface TickerListener extends StreamListener {
    /**
     * A new ticker.
     *
     * @param ticker the latest ticker
     */
    void onTicker(Ticker ticker);
}
