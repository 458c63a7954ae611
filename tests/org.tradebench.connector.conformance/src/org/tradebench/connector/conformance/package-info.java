/**
 * The connector conformance kit: tests that every exchange connector, run against its loopback
 * simulator, must pass. A connector's test bundle implements {@link
 * org.tradebench.connector.conformance.ConformanceTarget} (how to open the connector against its
 * simulator, which instruments to use, which faults the simulator can inject, the simulator's own
 * book to compare with) and extends {@link org.tradebench.connector.conformance.MarketDataConformance}:
 *
 * <pre>{@code
 * class BitfinexConformanceTest extends MarketDataConformance {
 *     protected ConformanceTarget newTarget() {
 *         return new BitfinexTarget();          // starts a BitfinexSimulator
 *     }
 * }
 * }</pre>
 *
 * <p>What the kit pins: subscribe and unsubscribe, shared streams (two subscribers, one exchange
 * subscription), book invariants checked on every update (a snapshot first; each delta's changes
 * applied to the previous book give exactly the book the update shows; sorted, uncrossed sides;
 * increasing sequence numbers), reset semantics after every injected fault (a reset with a reason,
 * then a snapshot, then a book equal to the simulator's), health transitions (including FAILED
 * with the exchange's text for a refused subscription), the threading contract of the API, and the
 * decoder SPI giving the same events as the live path for the same frames.
 *
 * <p>Helpers ({@link org.tradebench.connector.conformance.BookModel},
 * {@link org.tradebench.connector.conformance.Recorder}, {@link org.tradebench.connector.conformance.Await})
 * are thread-safe and may be used by a connector's own tests.
 */
package org.tradebench.connector.conformance;
