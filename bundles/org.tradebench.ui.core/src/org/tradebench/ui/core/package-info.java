/**
 * The view-author SDK: what a Tradebench view needs besides SWT and the API.
 *
 * <ul>
 * <li>{@link org.tradebench.ui.core.UiThrottler} turns "something changed" signals from any thread
 * into at most one UI refresh per interval;</li>
 * <li>{@link org.tradebench.ui.core.ConnectorTracker} finds
 * {@link org.tradebench.api.ExchangeConnector} services (highest {@code service.ranking} first)
 * and reports when they come and go;</li>
 * <li>{@link org.tradebench.ui.core.InstrumentLinkGroup} ties views to a shared selected
 * instrument;</li>
 * <li>{@link org.tradebench.ui.core.ViewCategory} names the Show View category, and
 * {@link org.tradebench.ui.core.PreferenceCategory} the Tradebench node of the preferences;</li>
 * <li>{@link org.tradebench.ui.core.Theme} is the trader's light or dark choice (its colours:
 * {@link org.tradebench.ui.core.widgets.Palette}).</li>
 * </ul>
 * Formatters live in {@link org.tradebench.ui.core.format}, widgets in
 * {@link org.tradebench.ui.core.widgets}.
 *
 * <h2>Threading contract</h2>
 * Market data arrives on connector threads. A view keeps the latest state in a model that those
 * threads write (a volatile reference to an immutable snapshot, or a short lock), then calls
 * {@link org.tradebench.ui.core.UiThrottler#schedule()}. The throttler runs the view's refresh on
 * the display thread at most once per interval, so the UI thread never parses, never blocks on a
 * connector, and never receives one {@code asyncExec} per tick. Refresh code checks nothing but
 * reads the latest snapshot: intermediate states are skipped by design.
 *
 * <pre>{@code
 * UiThrottler repaint = new UiThrottler(canvas, UiThrottler.DEFAULT_INTERVAL, canvas::redraw);
 * connector.marketData().subscribeTicker(id, ticker -> {   // connector thread
 *     latest = ticker;                                      // volatile field
 *     repaint.schedule();                                   // cheap, from any thread
 * });
 * }</pre>
 *
 * <p>{@code UiThrottler#schedule()}, {@code ConnectorTracker} queries and
 * {@code InstrumentLinkGroup} are thread-safe. Everything that touches a widget runs on the
 * display thread.
 *
 * <h2>Null contract</h2>
 * Parameters and return values are non-null unless documented as nullable; absent values are
 * {@link java.util.Optional}.
 */
package org.tradebench.ui.core;
