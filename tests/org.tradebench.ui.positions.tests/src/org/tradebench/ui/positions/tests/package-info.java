/**
 * Tests of the Positions view: P&amp;L and liquidation arithmetic, the warning and the not-live
 * marking from hand-made positions, and close / reduce through the view against the embedded
 * simulated exchange with a real order gateway from {@code org.tradebench.core}.
 */
package org.tradebench.ui.positions.tests;
