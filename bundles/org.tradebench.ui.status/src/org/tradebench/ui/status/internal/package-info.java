/**
 * The Market Status view's implementation, open to the test bundle only ({@code x-friends}):
 * {@link org.tradebench.ui.status.internal.MarketStatusPanel} (header and ticker table) and
 * {@link org.tradebench.ui.status.internal.MarketStatusBinding} (default connector, ticker and
 * health subscriptions).
 *
 * <p>Threading: {@code MarketStatusPanel.offer} and {@code offerHealth} may be called from any
 * thread (the binding's ticker listeners call them on connector delivery threads); everything else
 * runs on the display thread. Null contract: non-null unless documented as nullable.
 */
package org.tradebench.ui.status.internal;
