/**
 * The Positions view's implementation, open to its test bundle only ({@code x-friends}):
 * {@link org.tradebench.ui.positions.internal.PositionMath} (pure P&amp;L and liquidation
 * arithmetic), {@link org.tradebench.ui.positions.internal.PositionsModel} (latest positions, marks
 * and health, written from connector threads), {@link org.tradebench.ui.positions.internal.PositionsPanel}
 * (paint only) and {@link org.tradebench.ui.positions.internal.PositionsBinding} (subscriptions and
 * orders through the gateway).
 *
 * <p>Threading: model methods from any thread; everything else on the display thread. Non-null
 * unless documented as nullable.
 */
package org.tradebench.ui.positions.internal;
