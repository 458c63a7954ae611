/**
 * Account model: balances per wallet and positions (entry, mark, unrealised and realised P&amp;L,
 * leverage, margin mode and margin, liquidation price, hedge-mode side). Immutable values;
 * components non-null unless documented as nullable. Streams are delivered through
 * {@link org.tradebench.api.trading.TradingListener}.
 */
@Version("0.2.0")
package org.tradebench.api.account;

import org.osgi.annotation.versioning.Version;
