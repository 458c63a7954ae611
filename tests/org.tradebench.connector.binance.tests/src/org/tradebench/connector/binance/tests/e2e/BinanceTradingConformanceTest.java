package org.tradebench.connector.binance.tests.e2e;

import org.tradebench.connector.conformance.TradingConformance;
import org.tradebench.connector.conformance.TradingTarget;

/** The trading part of the conformance kit, through the order gateway, for Binance spot against its simulator. */
class BinanceTradingConformanceTest extends TradingConformance {

    @Override
    protected TradingTarget newTarget() {
        return new BinanceTradingTarget(false);
    }
}
