/**
 * The Liquidity Heatmap view: resting size per price over the last minutes (Bookmap-style) of the
 * link group's instrument. Its id is {@link org.tradebench.ui.heatmap.LiquidityHeatmapView#ID}.
 *
 * <p>Threading: the book is copied on the connector's delivery thread, sampled into a ring of
 * preallocated columns by a sampler thread, and painted on the display thread at most every
 * {@code UiThrottler.DEFAULT_INTERVAL}; the display thread never parses and never blocks.
 *
 * <p>Null contract: parameters and results are non-null unless documented as nullable.
 */
package org.tradebench.ui.heatmap;
