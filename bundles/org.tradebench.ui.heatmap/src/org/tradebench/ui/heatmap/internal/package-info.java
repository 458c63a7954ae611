/**
 * The Liquidity Heatmap's implementation, open to its test fragment only.
 *
 * <ul>
 * <li>{@link org.tradebench.ui.heatmap.internal.HeatmapModel}: the latest book, the ring of
 * sampled columns and the ring of trades, all preallocated;</li>
 * <li>{@link org.tradebench.ui.heatmap.internal.HeatmapCanvas}: paint only;</li>
 * <li>{@link org.tradebench.ui.heatmap.internal.HeatmapPanel}: bar, health and canvas;</li>
 * <li>{@link org.tradebench.ui.heatmap.internal.HeatmapBinding}: subscriptions and sampler.</li>
 * </ul>
 *
 * <p>Threading: {@code HeatmapModel} is thread-safe; everything else runs on the display thread
 * unless documented otherwise. Null contract: non-null unless documented as nullable.
 */
package org.tradebench.ui.heatmap.internal;
