/**
 * Bitfinex market data: {@link org.tradebench.connector.bitfinex.internal.market.BitfinexMarketData}
 * shares one exchange channel per stream ({@code Topic}) between all listeners through the
 * toolkit's shared streams, keeps books verified by checksum and sequence numbers (the toolkit's
 * {@code ChecksumBookSync}), watches every channel for silence and the platform for maintenance
 * ({@code PlatformWatch}), polls REST while a socket is down ({@code MarketRest}), and runs recorded
 * frames through the same topics for stream decoders ({@link
 * org.tradebench.connector.bitfinex.internal.market.PassiveFeed}).
 *
 * <p>Threading: public methods may be called from any thread; state is guarded by the runtime lock
 * (the reader thread holds it while it decodes); listener callbacks run on the delivery thread, in
 * order per subscription. Parameters are non-null.
 */
package org.tradebench.connector.bitfinex.internal.market;
