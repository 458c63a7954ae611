/**
 * The Exchange Accounts preference page (Window &gt; Preferences &gt; Tradebench &gt; Exchange
 * Accounts): API key, secret and passphrase per exchange, saved through the
 * {@link org.tradebench.api.credentials.CredentialStore} service into Eclipse secure storage. The
 * secret is typed into masked fields and never shown again: the page says "stored" instead.
 *
 * <p>Open it programmatically with
 * {@code PreferencesUtil.createPreferenceDialogOn(shell, ExchangeAccountsPreferencePage.ID, null, null).open()}.
 *
 * <p>Display thread only. Null contract: parameters and results are non-null unless documented.
 */
package org.tradebench.ui.accounts;
