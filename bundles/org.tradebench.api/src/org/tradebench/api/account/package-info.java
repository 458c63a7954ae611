/**
 * Account model: balances and positions (entry, mark, unrealised and realised P&amp;L, leverage,
 * liquidation price). Immutable values; components non-null unless documented as nullable.
 * Streams are delivered through {@link org.tradebench.api.trading.TradingListener}.
 */
package org.tradebench.api.account;
