package org.tradebench.connector.simulated;

import org.tradebench.connector.conformance.ConformanceTarget;
import org.tradebench.connector.conformance.MarketDataConformance;

/** The connector conformance kit, run for the embedded simulated exchange. */
class SimulatedConformanceTest extends MarketDataConformance {

    @Override
    protected ConformanceTarget newTarget() {
        return new SimulatedTarget();
    }
}
