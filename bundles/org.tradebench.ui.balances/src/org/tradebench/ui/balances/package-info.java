/**
 * The Balances view ({@value org.tradebench.ui.balances.BalancesView#ID}): balances per exchange,
 * account and wallet valued in a chosen quote currency at live prices, with P&amp;L and fees where
 * the exchange gives them. Uses only the API and {@code org.tradebench.ui.core}.
 */
package org.tradebench.ui.balances;
