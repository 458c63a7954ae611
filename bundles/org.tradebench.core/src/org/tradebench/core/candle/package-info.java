/**
 * Candle aggregation: {@link org.tradebench.core.candle.CandleAggregator} turns a trade stream into
 * OHLCV candles of any {@link org.tradebench.api.market.CandleInterval} (1s to 1D and beyond) with
 * epoch-aligned buckets, closes candles on time when no trade arrives, and folds late trades into
 * the bucket they belong to.
 *
 * <p>Threading: an aggregator is not thread-safe; feed it trades and clock ticks from one thread.
 * Its listener runs synchronously on that thread, so it must not block (the same contract as
 * {@link org.tradebench.api.market.CandleListener}).
 *
 * <p>Nulls: parameters are non-null; no method returns null (absence is an
 * {@link java.util.Optional}).
 */
package org.tradebench.core.candle;
