/**
 * The workbench smoke test: the application starts with the Trading perspective, the order book
 * shows live prices from the embedded exchange, and a screenshot is saved under target/screenshots.
 */
package org.tradebench.app.tests;
