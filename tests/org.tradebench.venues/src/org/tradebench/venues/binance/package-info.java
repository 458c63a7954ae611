/**
 * A loopback Binance market-data simulator (spot and USD-M futures): {@link
 * org.tradebench.venues.binance.BinanceSimulator} speaks Binance's stream and REST protocols as
 * documented (diff depth with update ids, combined streams, live SUBSCRIBE, ping frames and
 * connection limits, request weights with 429/418), driven by the simulated venue, with fault
 * injection for connector tests.
 *
 * <p>Threading and nulls: see {@link org.tradebench.venues}.
 */
package org.tradebench.venues.binance;
