package org.tradebench.connector.bitfinex.tests.e2e;

import org.tradebench.connector.conformance.ConformanceTarget;
import org.tradebench.connector.conformance.MarketDataConformance;

/** The connector conformance kit, run for Bitfinex against its loopback simulator. */
class BitfinexConformanceTest extends MarketDataConformance {

    @Override
    protected ConformanceTarget newTarget() {
        return new BitfinexTarget();
    }
}
