package org.tradebench.api.market;

/**
 * Receives public trades, each once, in exchange order. Runs on a connector thread; must not block.
 *
 * <p>Implemented by consumers.
 */
@FunctionalInterface
public interface TradeListener {
    /**
     * A new trade.
     *
     * @param trade the trade
     */
    void onTrade(Trade trade);
}
