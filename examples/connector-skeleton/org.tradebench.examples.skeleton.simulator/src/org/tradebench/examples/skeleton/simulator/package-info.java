/**
 * A loopback Skeleton Exchange: a Jetty 12 WebSocket server on 127.0.0.1 speaking the example's toy
 * protocol (see the example's {@code README.md}) over a small seeded market, with the faults the
 * conformance kit injects: dropped connections, a restart, a wrong checksum, a sequence gap,
 * silence, maintenance, malformed frames, and a pair delisted under a running connector.
 *
 * <p>It depends on nothing of Tradebench: it is the exchange. A connector author replaces it with a
 * simulator of their own exchange's protocol (or points the conformance kit at a testnet). {@link
 * org.tradebench.examples.skeleton.simulator.SkeletonSimulator} is thread-safe: every method hands
 * its work to the simulator's one thread, which owns the market and the connections.
 */
package org.tradebench.examples.skeleton.simulator;
