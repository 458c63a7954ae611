/**
 * Protocol-faithful exchange simulators for tests, chaos tests and benchmarks: Jetty WebSocket +
 * HTTP servers on 127.0.0.1 with an ephemeral port, driven by the embedded simulated venue so that
 * books, trades and matching are real, with fault injection (dropped connections, silence,
 * malformed frames, sequence gaps, bad checksums, maintenance, rate-limit answers).
 * {@link org.tradebench.venues.LoopbackJetty} is the shared server plumbing; each exchange has its
 * own sub-package ({@link org.tradebench.venues.bitfinex}, {@link org.tradebench.venues.binance}).
 *
 * <p>Loopback only, bounded (connection, channel and history limits) and deterministic for a given
 * seed and sequence of client actions, up to the wall clock in real-time mode.
 *
 * <p>Threading: each simulator owns one thread on which all its state lives; network threads hand
 * requests to it. Public methods are thread-safe unless documented otherwise.
 *
 * <p>Nulls: parameters are non-null; no method returns null.
 */
package org.tradebench.venues;
