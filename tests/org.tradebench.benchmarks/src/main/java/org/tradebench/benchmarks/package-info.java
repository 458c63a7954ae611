/**
 * The end-to-end hot-path benchmark (see {@code docs/benchmarks.md}): recorded Bitfinex book
 * traffic streamed over loopback to the connector and, in the same run, to baselines.
 *
 * <ul>
 * <li>{@link org.tradebench.benchmarks.BitfinexBookRecording}: a deterministic, seeded Bitfinex book
 * stream (snapshot, updates, removals, checksums, heartbeats, sequence numbers and timestamps),
 * pre-encoded once as WebSocket bytes.</li>
 * <li>{@link org.tradebench.benchmarks.BlastServer}: a Jetty websocket-core server that answers the
 * Bitfinex handshake and streams a recording to each subscriber, as fast as the socket takes or
 * paced.</li>
 * <li>The clients ({@link org.tradebench.benchmarks.BookClient}):
 * {@link org.tradebench.benchmarks.TradebenchClient} (the connector),
 * {@link org.tradebench.benchmarks.StringClient} (Jetty's standard API, receive only),
 * {@link org.tradebench.benchmarks.FrameCountingClient} (websocket-core, the transport ceiling) and
 * {@link org.tradebench.benchmarks.NaiveClient} (Gson tree and {@code TreeMap} book).</li>
 * <li>{@link org.tradebench.benchmarks.EndToEndBenchmark}: runs them, measures messages per second,
 * latency at a paced rate, collections and allocation per thread
 * ({@link org.tradebench.benchmarks.ThreadAllocation}, {@link org.tradebench.benchmarks.LatencySamples}),
 * and prints the figures.</li>
 * </ul>
 *
 * <p>Threading: the benchmark drives everything from one thread; each client receives on its own
 * threads (named by the client) and publishes its progress and end through volatile fields and a
 * latch. Nulls: parameters are non-null; results that may be absent say so.
 */
package org.tradebench.benchmarks;
