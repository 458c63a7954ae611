/**
 * Bitfinex WebSocket sessions: {@link org.tradebench.connector.bitfinex.internal.session.BitfinexSocket}
 * wraps the transport's reconnecting socket, decodes every frame on the connector thread and checks
 * the connection's sequence numbers.
 *
 * <p>Threading: Jetty and timer callbacks only hand work to the connector thread, which owns the
 * decoder and all state. Parameters are non-null.
 */
package org.tradebench.connector.bitfinex.internal.session;
