/**
 * Market data: tickers, trades, candles and order book events, and the {@link MarketData} service
 * that streams them.
 *
 * <p>Values are immutable records with normalised {@link java.math.BigDecimal}s. Each value keeps
 * the exchange time ({@code time}) and the local receive time ({@code received}).
 *
 * <p>Threading: listener callbacks run on a connector-owned thread, one at a time and in order per
 * subscription, and must not block. Book events of one subscription form a consistent stream: a
 * {@link BookSnapshot} first, then {@link BookDelta}s with increasing sequence numbers; a gap or
 * checksum failure arrives as a {@link BookReset} followed by a fresh snapshot, never silently.
 * Components are non-null unless documented as nullable.
 */
package org.tradebench.api.market;
