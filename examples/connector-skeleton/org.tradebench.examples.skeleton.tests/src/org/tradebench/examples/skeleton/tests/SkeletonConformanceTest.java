package org.tradebench.examples.skeleton.tests;

import org.tradebench.connector.conformance.ConformanceTarget;
import org.tradebench.connector.conformance.MarketDataConformance;

/**
 * The connector conformance kit's market-data part, run for the Skeleton Exchange against its
 * loopback simulator. (The skeleton trades nothing, so {@code TradingConformance} does not apply.)
 */
class SkeletonConformanceTest extends MarketDataConformance {

    @Override
    protected ConformanceTarget newTarget() {
        return new SkeletonTarget();
    }
}
