package org.tradebench.connector.bitfinex.tests.e2e;

import org.tradebench.connector.conformance.ChaosPlanConformance;
import org.tradebench.connector.conformance.ConformanceTarget;

/** The verification tool's chaos plan, run for Bitfinex against its loopback simulator. */
class BitfinexChaosTest extends ChaosPlanConformance {

    @Override
    protected ConformanceTarget newTarget() {
        return new BitfinexTarget();
    }
}
