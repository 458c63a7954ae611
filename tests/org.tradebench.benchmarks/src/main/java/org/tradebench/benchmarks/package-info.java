/**
 * JMH benchmarks of the hot paths, each measured against a naive baseline in the same run (see
 * {@code docs/benchmarks.md}).
 *
 * <ul>
 * <li>{@link org.tradebench.benchmarks.BitfinexBookRecording}: a deterministic, seeded Bitfinex book
 * stream (snapshot, updates, removals, checksums, heartbeats), generated at setup so nothing large
 * is stored.</li>
 * <li>{@link org.tradebench.benchmarks.TradebenchBookPipeline}: the connector's path, the frame
 * decoder into the checksummed book state (optionally also the core {@code OrderBook}).</li>
 * <li>{@link org.tradebench.benchmarks.NaiveBookPipeline}: the baseline, a Gson tree parse and two
 * {@code TreeMap<BigDecimal, BigDecimal>}s.</li>
 * <li>{@link org.tradebench.benchmarks.BitfinexBookBenchmark}: the JMH benchmarks, one message per
 * operation; {@link org.tradebench.benchmarks.BenchmarkSummary} turns JMH's JSON result into the
 * summary that {@code run-benchmarks.sh} prints.</li>
 * </ul>
 *
 * <p>Threading: every class here is confined to one thread (a JMH benchmark thread or a test).
 * Nulls: parameters and return values are non-null.
 */
package org.tradebench.benchmarks;
