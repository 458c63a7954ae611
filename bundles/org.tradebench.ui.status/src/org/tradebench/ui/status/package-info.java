/**
 * The Market Status view: the default connector's name and health (state, latency, message rate,
 * reconnects, errors) and a ticker table with one row per instrument (bid, ask, last, 24-hour
 * change, volume, high, low). Double-clicking a row selects that instrument in the default link
 * group, so linked views such as the order book follow. Its id is
 * {@link org.tradebench.ui.status.MarketStatusView#ID}.
 *
 * <p>Threading: tickers arrive on connector threads and only replace the latest value per
 * instrument; the table is updated on the display thread through a {@code UiThrottler}.
 *
 * <p>Null contract: parameters and results are non-null unless documented as nullable.
 */
package org.tradebench.ui.status;
