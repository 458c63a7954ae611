/**
 * The workbench tests: the application starts with the Trading perspective and the order book shows
 * live prices from the embedded exchange (WorkbenchSmokeTest); the views follow a real connector,
 * Bitfinex against its protocol simulator, through a dropped connection (BitfinexWorkbenchTest).
 * Screenshots are saved under target/screenshots.
 */
package org.tradebench.app.tests;
