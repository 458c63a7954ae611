package org.tradebench.connector.binance.tests.e2e;

import org.tradebench.connector.conformance.ConformanceTarget;
import org.tradebench.connector.conformance.MarketDataConformance;

/** The conformance kit's market-data part for Binance USD-M futures against the Binance simulator. */
class BinanceUsdmConformanceTest extends MarketDataConformance {
    @Override
    protected ConformanceTarget newTarget() {
        return new BinanceTarget(true);
    }
}
