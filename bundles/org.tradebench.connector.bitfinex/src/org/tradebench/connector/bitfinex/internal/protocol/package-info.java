/**
 * The Bitfinex WebSocket v2 protocol as pure, tested functions and small stateful decoders: no
 * sockets, no threads, no OSGi. The live client, the loopback simulator and the {@code decode} /
 * {@code replay} commands all sit on top of this package.
 *
 * <ul>
 * <li>{@link org.tradebench.connector.bitfinex.internal.protocol.BitfinexSymbols}: raw symbols
 * ({@code tBTCUSD}, {@code tDOGE:USD}, {@code tBTCF0:USTF0}, {@code fUSD}) to unified ones
 * ({@code BTC/USD}, {@code DOGE/USD}, {@code BTC/USDT:USDT}) and back.</li>
 * <li>{@link org.tradebench.connector.bitfinex.internal.protocol.BitfinexFrameDecoder}: one raw
 * frame in, calls on a {@link org.tradebench.connector.bitfinex.internal.protocol.BitfinexSink}
 * out. Book frames are scanned in place and allocate nothing; everything else streams through
 * Gson's {@code JsonReader} (no tree), keeping every number's wire text.</li>
 * <li>Book channels keep their levels in core's order book with each level's wire text (the
 * toolkit's checksum synchroniser), and
 * {@link org.tradebench.connector.bitfinex.internal.protocol.BitfinexChecksum} says how it is checked.</li>
 * <li>{@link org.tradebench.connector.bitfinex.internal.protocol.BitfinexAuth}: the HMAC-SHA384
 * authentication message and a strictly increasing nonce.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Value types (records, {@code BitfinexSymbol}, {@code BitfinexChannel}) are immutable and may be
 * shared. {@code BitfinexFrameDecoder} is not thread-safe: one thread
 * (the connection's reader) owns each, and sink callbacks run synchronously on that thread, inside
 * {@code decode}. Flyweights handed to a sink ({@code BitfinexBookRow}, {@code BitfinexBookRows},
 * {@code BitfinexTrailer}) are reused for the next frame: read them during the callback, copy what
 * you keep. {@code BitfinexAuth} is stateless; {@code BitfinexNonceSource} is thread-safe.
 *
 * <h2>Nulls</h2>
 * Parameters and return values are non-null. Record components are non-null unless documented as
 * nullable (Bitfinex sends {@code null} in some fields; those are nullable here).
 *
 * <h2>Errors</h2>
 * A frame that does not match the protocol raises
 * {@link org.tradebench.connector.bitfinex.internal.protocol.BitfinexProtocolException} before any
 * sink call for that frame, with a message a person can act on; the decoder stays usable for the
 * next frame. No message ever contains an API secret.
 */
package org.tradebench.connector.bitfinex.internal.protocol;
