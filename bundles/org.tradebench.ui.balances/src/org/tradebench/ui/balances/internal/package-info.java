/**
 * The Balances view's implementation, open to its test bundle only ({@code x-friends}):
 * {@link org.tradebench.ui.balances.internal.BalancesModel} (latest balances, positions, fees and
 * health, written from connector threads), {@link org.tradebench.ui.balances.internal.PriceBook}
 * (conversion prices from tickers), {@link org.tradebench.ui.balances.internal.BalancesPanel}
 * (paint only) and {@link org.tradebench.ui.balances.internal.BalancesBinding} (subscriptions).
 *
 * <p>Threading: model and price book from any thread; everything else on the display thread.
 * Non-null unless documented as nullable.
 */
package org.tradebench.ui.balances.internal;
