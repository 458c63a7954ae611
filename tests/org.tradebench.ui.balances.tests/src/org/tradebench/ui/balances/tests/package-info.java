/**
 * Tests of the Balances view: valuation arithmetic, unpriced and stale values, from hand-made
 * balances; and the simulated exchange's paper account valued at its live prices.
 */
package org.tradebench.ui.balances.tests;
