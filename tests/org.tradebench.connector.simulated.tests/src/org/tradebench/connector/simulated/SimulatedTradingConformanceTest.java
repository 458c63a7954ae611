package org.tradebench.connector.simulated;

import org.tradebench.connector.conformance.TradingConformance;
import org.tradebench.connector.conformance.TradingTarget;

/** The trading part of the conformance kit, through the order gateway, for the embedded simulated exchange. */
class SimulatedTradingConformanceTest extends TradingConformance {

    @Override
    protected TradingTarget newTarget() {
        return new SimulatedTarget();
    }
}
