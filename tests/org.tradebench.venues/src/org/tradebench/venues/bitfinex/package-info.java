/**
 * The Bitfinex protocol simulator: {@link org.tradebench.venues.bitfinex.BitfinexSimulator}
 * (WebSocket v2 and REST v2 on loopback, driven by the simulated venue, with fault injection),
 * its configuration and {@link org.tradebench.venues.bitfinex.BitfinexWire}, the number text and
 * checksum rules the simulator writes by.
 *
 * <p>Threading: all simulator state lives on its {@code bitfinex-simulator} thread; the public
 * methods of {@code BitfinexSimulator} may be called from any thread and wait for it.
 * {@code BitfinexWire} is stateless.
 *
 * <p>Nulls: parameters are non-null and no method returns null unless documented.
 */
package org.tradebench.venues.bitfinex;
