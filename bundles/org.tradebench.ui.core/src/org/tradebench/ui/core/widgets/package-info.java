/**
 * Small SWT widgets and colours every Tradebench view shares: the
 * {@link org.tradebench.ui.core.widgets.HealthBadge} (connection health at a glance) and the
 * {@link org.tradebench.ui.core.widgets.Palette} of the light or dark theme (bids, asks, muted text,
 * grid, warnings, flashes; {@code Palette.current()} and a change notice), and the older light-only
 * {@link org.tradebench.ui.core.widgets.TradeColors}.
 *
 * <pre>{@code
 * HealthBadge badge = new HealthBadge(header, SWT.NONE);
 * badge.follow(connector);   // subscribes, throttles, unsubscribes on dispose
 * Palette.track(panel, p -> canvas.redraw()); // the theme's colours now and at every switch
 * }</pre>
 *
 * <p>Threading: {@code Palette.current()} may be called from any thread. Like every SWT widget, these are created and called on the display thread only.
 * Methods that take data from connector threads say so ({@code follow} subscribes itself and
 * hands values over through a {@link org.tradebench.ui.core.UiThrottler}).
 *
 * <p>Null contract: parameters are non-null unless documented as nullable.
 */
package org.tradebench.ui.core.widgets;
