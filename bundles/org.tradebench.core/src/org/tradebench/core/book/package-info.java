/**
 * The order book engine: {@link org.tradebench.core.book.OrderBook}, one book for the whole
 * product, aggregated by price or per order (with order counts and a tag per level), on sorted
 * primitive arrays of scaled {@code long} units; it applies snapshots and deltas without
 * allocating, answers best bid/ask, spread, top-N and cumulative depth, and checks its invariants
 * (not crossed, sorted, sizes &gt; 0, sequence increasing) on demand; and
 * {@link org.tradebench.core.book.ScaledDecimal}, the exact, allocation-free conversion between
 * decimal text or {@link java.math.BigDecimal} and those units.
 *
 * <p>Threading: an {@code OrderBook} is not thread-safe; one thread (or the connector's runtime
 * lock) owns it, and other threads get copies ({@code toSnapshot}, {@code copyTop}).
 * {@code ScaledDecimal} is stateless and thread-safe.
 *
 * <p>Nulls: parameters are non-null; no method returns null. Errors are exceptions whose messages
 * name the offending value, side and level.
 */
package org.tradebench.core.book;
