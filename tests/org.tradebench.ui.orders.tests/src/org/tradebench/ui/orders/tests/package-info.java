/**
 * Tests of the Orders view: against the embedded simulated exchange with a real order gateway from
 * {@code org.tradebench.core} (place, amend, cancel through the view), and against hand-made
 * orders for the states a live exchange rarely shows (unknown after disconnect, local exits, a
 * stale account, a reconnect that changed orders).
 */
package org.tradebench.ui.orders.tests;
