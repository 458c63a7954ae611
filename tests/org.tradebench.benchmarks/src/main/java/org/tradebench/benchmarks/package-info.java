/**
 * The end-to-end hot-path benchmark (see {@code docs/benchmarks.md}): recorded Bitfinex book
 * traffic, or Binance diff depth with its REST snapshot, streamed over loopback to the connector
 * and, in the same run, to baselines; and the Binance order call to the frame written.
 *
 * <ul>
 * <li>{@link org.tradebench.benchmarks.Recording}: pre-encoded frames;
 * {@link org.tradebench.benchmarks.BitfinexBookRecording}: a deterministic, seeded Bitfinex book
 * stream (snapshot, updates, removals, checksums, heartbeats, sequence numbers and timestamps);
 * {@link org.tradebench.benchmarks.BinanceDepthRecording}: Binance {@code BTCUSDT} diffs with the
 * REST snapshot that goes with them.</li>
 * <li>{@link org.tradebench.benchmarks.BlastServer}: a Jetty websocket-core server that answers the
 * Bitfinex handshake or Binance's subscribe and snapshot and streams a recording to each
 * subscriber, as fast as the socket takes or paced; it also serves Binance's WebSocket API
 * ({@link org.tradebench.benchmarks.BinanceOrderEntry}).</li>
 * <li>The clients ({@link org.tradebench.benchmarks.BookClient}):
 * {@link org.tradebench.benchmarks.TradebenchClient} and
 * {@link org.tradebench.benchmarks.BinanceTradebenchClient} (the connectors),
 * {@link org.tradebench.benchmarks.StringClient} (Jetty's standard API, receive only),
 * {@link org.tradebench.benchmarks.FrameCountingClient} (websocket-core, the transport ceiling) and
 * {@link org.tradebench.benchmarks.NaiveClient} (Gson tree and {@code TreeMap} book).</li>
 * <li>{@link org.tradebench.benchmarks.EndToEndBenchmark}: runs them, measures messages per second,
 * latency at a paced rate, collections and allocation per thread
 * ({@link org.tradebench.benchmarks.ThreadCounters}, {@link org.tradebench.benchmarks.LatencySamples}),
 * and prints the figures; {@link org.tradebench.benchmarks.OrderEntryBenchmark} times Binance
 * orders.</li>
 * </ul>
 *
 * <p>Threading: the benchmark drives everything from one thread; each client receives on its own
 * threads (named by the client) and publishes its progress and end through volatile fields and a
 * latch. Nulls: parameters are non-null; results that may be absent say so.
 */
package org.tradebench.benchmarks;
