/**
 * The Watchlist view: instruments across every connected exchange with last price, 24-hour change,
 * bid, ask, spread, 24-hour volume, mark price and funding where the market has them. Double-click
 * a row to show the instrument in the linked views. Its id is
 * {@link org.tradebench.ui.watchlist.WatchlistView#ID}.
 *
 * <p>Threading: the view and its widgets live on the display thread. Tickers, mark prices and
 * health are recorded on the connectors' delivery threads as the latest value per instrument; the
 * table refreshes at most ten times a second through a {@code UiThrottler}.
 *
 * <p>Null contract: parameters and results are non-null unless documented as nullable.
 */
package org.tradebench.ui.watchlist;
