/**
 * Bitfinex trading: {@link org.tradebench.connector.bitfinex.internal.trading.BitfinexTradingAccount}
 * (the {@link org.tradebench.api.trading.TradingAccount}) authenticates the account socket
 * ({@code AccountSession}), translates and sends orders, on the socket or over REST while it is down
 * ({@code OrderEntry}, {@code RestOrderEntry}; the risk check is the order gateway's in core),
 * finds orders by their derived {@code cid} after a restart ({@code OrderLookup}), tracks every
 * order through the API's state machine with bounded retention ({@code OrderTracker}), maps wallets, positions and
 * own trades ({@code AccountState}), and reconciles orders, positions and wallets over REST after
 * every (re)authentication ({@code Reconciliation}). {@code AccountDecoding} runs the same classes
 * over a recording's account channel.
 *
 * <p>Threading: public methods may be called from any thread; state is guarded by the runtime lock;
 * futures complete and listener callbacks run on the delivery thread. Secrets are never logged.
 * Parameters are non-null.
 */
package org.tradebench.connector.bitfinex.internal.trading;
