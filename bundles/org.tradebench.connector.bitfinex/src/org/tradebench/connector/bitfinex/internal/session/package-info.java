/**
 * Bitfinex WebSocket sessions: {@link org.tradebench.connector.bitfinex.internal.session.BitfinexSocket}
 * wraps the transport's reconnecting socket, decodes every frame in place under the runtime lock on
 * the thread that read it, stamps its receive time, taps it for recordings, checks the connection's
 * sequence numbers and measures latency with application pings.
 *
 * <p>Threading: the transport calls it on the reader thread (frames) and timer threads (pings,
 * staleness); it takes the runtime lock for anything that touches state. Parameters are non-null.
 */
package org.tradebench.connector.bitfinex.internal.session;
