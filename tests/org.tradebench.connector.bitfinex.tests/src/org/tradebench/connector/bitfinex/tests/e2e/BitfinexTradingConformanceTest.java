package org.tradebench.connector.bitfinex.tests.e2e;

import org.tradebench.connector.conformance.TradingConformance;
import org.tradebench.connector.conformance.TradingTarget;

/**
 * The trading part of the conformance kit, through the order gateway, for Bitfinex against its
 * loopback simulator (which outlives connectors, drops connections and loses answers on demand).
 */
class BitfinexTradingConformanceTest extends TradingConformance {

    @Override
    protected TradingTarget newTarget() {
        return new BitfinexTarget();
    }
}
