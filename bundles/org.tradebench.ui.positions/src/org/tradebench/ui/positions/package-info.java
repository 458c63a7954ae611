/**
 * The Positions view ({@value org.tradebench.ui.positions.PositionsView#ID}): open positions of
 * every account with live mark-to-market P&amp;L, leverage, margin, liquidation price with a
 * proximity warning, and Close / Reduce through the order gateway. Uses only the API and
 * {@code org.tradebench.ui.core}.
 */
package org.tradebench.ui.positions;
