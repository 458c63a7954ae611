/**
 * Bitfinex trading: {@link org.tradebench.connector.bitfinex.internal.trading.BitfinexTrading}
 * authenticates the account socket, sends orders after the pre-trade risk check, maps the account
 * streams to API values and reconciles orders, positions and wallets over REST after every
 * (re)authentication.
 *
 * <p>Threading: public methods may be called from any thread and return futures that complete on
 * the connector thread, where all state lives and every listener callback runs. Secrets are never
 * logged. Parameters are non-null.
 */
package org.tradebench.connector.bitfinex.internal.trading;
