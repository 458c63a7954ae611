package org.tradebench.api.market;

import org.osgi.annotation.versioning.ConsumerType;
import org.tradebench.api.StreamListener;

/**
 * Receives liquidations, each once. Runs on a connector delivery thread; must not block.
 */
@FunctionalInterface
@ConsumerType
public interface LiquidationListener extends StreamListener {

    /**
     * A liquidation.
     *
     * @param liquidation the liquidation
     */
    void onLiquidation(Liquidation liquidation);
}
