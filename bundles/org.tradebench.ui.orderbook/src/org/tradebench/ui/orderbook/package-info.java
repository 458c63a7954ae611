/**
 * The Order Book view: a depth-of-market ladder for one instrument (asks above, bids below, depth
 * bars by cumulative size, spread and mid between), with the connector's health and the time of
 * the last update in its header. Its id is {@link org.tradebench.ui.orderbook.OrderBookView#ID}.
 *
 * <p>Threading: the view and its widgets live on the display thread. Book events are applied on
 * the connector thread to a core {@code OrderBook}, which publishes an immutable top-of-book
 * snapshot through a volatile reference; the ladder repaints at most every
 * {@code UiThrottler.DEFAULT_INTERVAL}. The display thread never parses, never blocks and never
 * receives one {@code asyncExec} per event.
 *
 * <p>Null contract: parameters and results are non-null unless documented as nullable.
 */
package org.tradebench.ui.orderbook;
