/**
 * The pre-trade risk check every order passes before it is sent: maximum quantity and notional, a
 * price band around the mid price (the fat-finger guard), and precision (tick and lot).
 *
 * <p>The standard implementation lives in {@code org.tradebench.core}; connectors call it from
 * {@link org.tradebench.api.trading.TradingAccount#place}. It is a pure function, safe to call from
 * any thread. Components are non-null unless documented as nullable.
 */
package org.tradebench.api.risk;
