/**
 * The order gateway ({@link org.tradebench.core.trading.DefaultOrderGateway}, registered as the
 * {@link org.tradebench.api.trading.OrderGateway} service): the one path by which an order leaves
 * the workbench, with the pre-trade risk check and the user's limits per account
 * ({@link org.tradebench.core.trading.RiskLimitsStore}), a write-ahead journal that keeps a client
 * order id from being sent twice across restarts, and take-profit/stop-loss exits held locally for
 * exchanges that do not hold them. What must survive a restart lives in the
 * {@link org.tradebench.core.trading.StateDirectory}.
 */
package org.tradebench.core.trading;
