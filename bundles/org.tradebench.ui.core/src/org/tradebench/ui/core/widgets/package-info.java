/**
 * Small SWT widgets and colours every Tradebench view shares: the
 * {@link org.tradebench.ui.core.widgets.HealthBadge} (connection health at a glance) and the
 * {@link org.tradebench.ui.core.widgets.TradeColors} palette (bids green, asks red, health states).
 *
 * <pre>{@code
 * HealthBadge badge = new HealthBadge(header, SWT.NONE);
 * badge.follow(connector);   // subscribes, throttles, unsubscribes on dispose
 * }</pre>
 *
 * <p>Threading: like every SWT widget, these are created and called on the display thread only.
 * Methods that take data from connector threads say so ({@code follow} subscribes itself and
 * hands values over through a {@link org.tradebench.ui.core.UiThrottler}).
 *
 * <p>Null contract: parameters are non-null unless documented as nullable.
 */
package org.tradebench.ui.core.widgets;
