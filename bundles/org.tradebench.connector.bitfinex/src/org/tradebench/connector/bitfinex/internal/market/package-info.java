/**
 * Bitfinex market data: {@link org.tradebench.connector.bitfinex.internal.market.BitfinexMarketData}
 * shares one exchange channel per stream between all listeners, keeps books verified by checksum
 * and sequence numbers, watches every channel for silence, and polls REST while the socket is down.
 *
 * <p>Threading: public methods may be called from any thread; all state lives on the connector
 * thread, where every listener callback runs, in order per subscription. Parameters are non-null.
 */
package org.tradebench.connector.bitfinex.internal.market;
