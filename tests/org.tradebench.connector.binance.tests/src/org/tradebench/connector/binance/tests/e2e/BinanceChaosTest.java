package org.tradebench.connector.binance.tests.e2e;

import org.tradebench.connector.conformance.ChaosPlanConformance;
import org.tradebench.connector.conformance.ConformanceTarget;

/** The verification tool's chaos plan, run for Binance USD-M against the Binance simulator. */
class BinanceChaosTest extends ChaosPlanConformance {

    @Override
    protected ConformanceTarget newTarget() {
        return new BinanceTarget(true);
    }
}
