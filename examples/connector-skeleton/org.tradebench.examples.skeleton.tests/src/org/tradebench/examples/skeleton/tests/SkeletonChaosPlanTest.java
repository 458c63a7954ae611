package org.tradebench.examples.skeleton.tests;

import org.tradebench.connector.conformance.ChaosPlanConformance;
import org.tradebench.connector.conformance.ConformanceTarget;

/** The verification tool's chaos plan against the Skeleton Exchange connector and its simulator. */
class SkeletonChaosPlanTest extends ChaosPlanConformance {

    @Override
    protected ConformanceTarget newTarget() {
        return new SkeletonTarget();
    }
}
