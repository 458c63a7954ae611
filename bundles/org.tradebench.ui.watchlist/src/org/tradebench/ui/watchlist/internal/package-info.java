/**
 * The Watchlist view's implementation, open to its test fragment only.
 *
 * <ul>
 * <li>{@link org.tradebench.ui.watchlist.internal.WatchlistPanel}: the table, its colours, fonts and
 * tooltips, fed with the latest values per instrument;</li>
 * <li>{@link org.tradebench.ui.watchlist.internal.WatchlistBinding}: the list of instruments, the
 * connectors that serve them (coming and going), the subscriptions, the link group.</li>
 * </ul>
 *
 * <p>Threading: the panel's {@code offer...} methods run on any thread; everything else runs on the
 * display thread. Null contract: non-null unless documented as nullable.
 */
package org.tradebench.ui.watchlist.internal;
