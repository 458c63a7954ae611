package org.tradebench.connector.binance.tests.e2e;

import org.tradebench.connector.conformance.TradingConformance;
import org.tradebench.connector.conformance.TradingTarget;

/** The trading part of the conformance kit, through the order gateway, for Binance USD-M against its simulator. */
class BinanceUsdmTradingConformanceTest extends TradingConformance {

    @Override
    protected TradingTarget newTarget() {
        return new BinanceTradingTarget(true);
    }
}
