/**
 * The page's widget ({@link org.tradebench.ui.accounts.internal.ExchangeAccountsPanel}), usable
 * without a workbench so tests build it in their own shell. Display thread only; secrets pass
 * through {@code char[]} from the masked fields to the store and are wiped after. Not API.
 */
package org.tradebench.ui.accounts.internal;
