/**
 * Tests of the Skeleton Exchange connector: the conformance kit against the connector and its
 * loopback simulator ({@link org.tradebench.examples.skeleton.tests.SkeletonConformanceTest},
 * {@link org.tradebench.examples.skeleton.tests.SkeletonChaosPlanTest}), the frame reader and
 * adapters on recorded frames, and the decoder of recorded sessions.
 */
package org.tradebench.examples.skeleton.tests;
