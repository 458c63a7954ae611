/**
 * Market data: tickers, trades, candles, order books, mark prices and liquidations, and the
 * {@link MarketData} service that streams them.
 *
 * <p>Values are immutable records with normalised {@link java.math.BigDecimal}s; each keeps the
 * exchange time ({@code time}) and the local receive time ({@code received}). The order book is the
 * exception that makes the hot path allocation-free: a {@link BookListener} receives a
 * {@link BookUpdate}, a view over the connector's buffers valid during the call, whose
 * {@link BookUpdate#book()} is the whole book as scaled {@code long} units; {@link BookUpdate#toEvent()}
 * gives the immutable {@link BookSnapshot}, {@link BookDelta} or {@link BookReset} record.
 *
 * <p>Threading: listener callbacks run on a connector delivery thread, one at a time and in order
 * per subscription, and must not block (see the root package for the whole contract). Book updates
 * of one subscription form a consistent stream: a snapshot first, then deltas with increasing
 * sequence numbers; a gap, a checksum failure or a reconnect arrives as a reset followed by a fresh
 * snapshot, never silently. A listener too slow to keep up gets fewer, larger deltas: each one
 * carries every level that changed since its previous update. Components are non-null unless
 * documented as nullable.
 */
@Version("0.2.0")
package org.tradebench.api.market;

import org.osgi.annotation.versioning.Version;
