/**
 * The Chart view ({@link org.tradebench.ui.chart.ChartView}): candlesticks with volume from 1s to
 * 1D for the link group's instrument, live candle, history paged back by time, crosshair readout,
 * and the user's orders and positions as lines.
 */
package org.tradebench.ui.chart;
