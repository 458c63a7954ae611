/**
 * The Chart view's parts: {@link org.tradebench.ui.chart.internal.ChartBinding} (what is shown,
 * subscriptions), {@link org.tradebench.ui.chart.internal.CandleFeed} (candles from the exchange,
 * summed from a shorter interval, or built from trades), {@link org.tradebench.ui.chart.internal.CandleSeries}
 * (the candles, thread-safe), {@link org.tradebench.ui.chart.internal.TradingLines} (own orders and
 * positions as lines) and {@link org.tradebench.ui.chart.internal.ChartPanel} /
 * {@link org.tradebench.ui.chart.internal.ChartCanvas} (paint only).
 *
 * <p>Threading: feeds and lines are written on connector threads and read on the display thread;
 * widgets only on the display thread, refreshed through one throttler. Nulls: parameters are
 * non-null unless documented.
 */
package org.tradebench.ui.chart.internal;
