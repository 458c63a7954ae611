/**
 * Trading: order requests with linked exit legs, orders with an explicit state machine, fills,
 * the {@link TradingAccount} each connector offers per market, and the {@link OrderGateway}, the
 * one way an order leaves the workbench.
 *
 * <p>Errors are values: a rejected order completes normally with {@link OrderStatus#REJECTED}, the
 * exchange's code and its text, never with a stack trace for the user. Every order passes the
 * pre-trade risk check ({@link org.tradebench.api.risk.PreTradeRiskCheck}) in the gateway before
 * it is sent.
 *
 * <p>Threading: {@link TradingListener} callbacks run on a connector delivery thread, in order, and
 * must not block; nothing is dropped for a slow listener. Futures complete on a delivery thread.
 * Components are non-null unless documented as nullable.
 */
@Version("0.3.0")
package org.tradebench.api.trading;

import org.osgi.annotation.versioning.Version;
