/**
 * The Trade Tape view ("Trades"): the latest public trades of the link group's instrument, newest
 * first, with time, price, size and the taker's side in its colour; trades at or above a size
 * threshold (set per instrument from the view menu) are highlighted. Its id is
 * {@link org.tradebench.ui.tape.TradeTapeView#ID}.
 *
 * <p>Threading: the view and its widgets live on the display thread. Trades are recorded on the
 * connector's delivery thread into a bounded ring; a virtual table repaints from a copy of the
 * ring at most every {@code UiThrottler.DEFAULT_INTERVAL}. The display thread never parses, never
 * blocks and never receives one {@code asyncExec} per trade.
 *
 * <p>Null contract: parameters and results are non-null unless documented as nullable.
 */
package org.tradebench.ui.tape;
