package org.tradebench.api.market;

import org.osgi.annotation.versioning.ConsumerType;
import org.tradebench.api.StreamListener;

/**
 * Receives public trades, each once, in exchange order. Runs on a connector delivery thread; must not block.
 *
 * <p>Implemented by consumers.
 */
@FunctionalInterface
@ConsumerType
public interface TradeListener extends StreamListener {
    /**
     * A new trade.
     *
     * @param trade the trade
     */
    void onTrade(Trade trade);
}
