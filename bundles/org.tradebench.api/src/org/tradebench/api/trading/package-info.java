/**
 * Trading: order requests, orders with an explicit state machine, fills, and the
 * {@link TradingAccount} service that places orders and streams orders, fills, balances and
 * positions.
 *
 * <p>Errors are values: a rejected order completes normally with {@link OrderStatus#REJECTED} and
 * the exchange's reason, never with a stack trace for the user. Every order passes the pre-trade
 * risk check ({@link org.tradebench.api.risk.PreTradeRiskCheck}) before it is sent.
 *
 * <p>Threading: {@link TradingListener} callbacks run on a connector thread, in order, and must not
 * block. Futures returned by {@link TradingAccount} complete on a connector thread. Components are
 * non-null unless documented as nullable.
 */
package org.tradebench.api.trading;
