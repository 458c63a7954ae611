/**
 * Bitfinex REST v2 for the connector: rate-limited public and signed calls
 * ({@link org.tradebench.connector.bitfinex.internal.rest.BitfinexRest}) and decoding of their
 * bodies with the WebSocket decoder
 * ({@link org.tradebench.connector.bitfinex.internal.rest.RestPayloads}).
 *
 * <p>Threading: {@code BitfinexRest} is thread-safe and its futures complete on Jetty threads;
 * {@code RestPayloads} belongs to the connector thread. Parameters and results are non-null unless
 * documented.
 */
package org.tradebench.connector.bitfinex.internal.rest;
