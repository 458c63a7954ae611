/**
 * An example of a third-party view: the cross-exchange spread monitor. The same instrument on two
 * connectors, their best bid and ask, the two spreads between them (sell on one, buy on the other)
 * and those spreads over time.
 *
 * <p>Written only against the published API ({@code org.tradebench.api}) and the view SDK
 * ({@code org.tradebench.ui.core}), with its own feature and update site
 * ({@code examples/spread-monitor}); docs/view-author-guide.md walks through it.
 * {@link org.tradebench.examples.spreadmonitor.SpreadModel} holds the state (no SWT),
 * {@link org.tradebench.examples.spreadmonitor.SpreadMonitorPanel} shows it and
 * {@link org.tradebench.examples.spreadmonitor.SpreadMonitorView} is the view.
 */
package org.tradebench.examples.spreadmonitor;
