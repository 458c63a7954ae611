package org.tradebench.ui.core.widgets;

import org.eclipse.swt.graphics.Color;
import org.tradebench.api.health.ConnectionState;

/**
 * The shared palette: bid and ask text and depth-bar colours, and one colour per connection state,
 * chosen to read well on the default light theme and to stay distinguishable for red-green colour
 * weakness by brightness.
 *
 * <pre>{@code
 * gc.setForeground(TradeColors.BID);
 * gc.setBackground(TradeColors.BID_BAR);
 * }</pre>
 *
 * <p>These are the light theme's colours, kept for compatibility; views that should follow the
 * light/dark theme use {@link Palette#current()} instead.
 *
 * <p>SWT colours hold no operating-system resources since SWT 3.114, so these constants are never
 * disposed and may be used on any display.
 */
public final class TradeColors {

    /** Bid prices and positive changes. */
    public static final Color BID = new Color(0, 128, 64);
    /** Ask prices and negative changes. */
    public static final Color ASK = new Color(200, 40, 40);
    /** Depth bar behind bid rows. */
    public static final Color BID_BAR = new Color(208, 238, 218);
    /** Depth bar behind ask rows. */
    public static final Color ASK_BAR = new Color(250, 218, 218);
    /** Secondary text: column titles, units, timestamps. */
    public static final Color MUTED = new Color(110, 110, 110);
    /** Warnings: resynchronising, stale data. */
    public static final Color WARNING = new Color(196, 120, 0);

    /** Live data. */
    public static final Color STATE_LIVE = new Color(30, 160, 70);
    /** Degraded but working: stale, REST fallback, connecting, reconnecting. */
    public static final Color STATE_DEGRADED = new Color(230, 150, 0);
    /** Exchange maintenance. */
    public static final Color STATE_MAINTENANCE = new Color(60, 110, 200);
    /** Failed. */
    public static final Color STATE_FAILED = new Color(210, 30, 30);
    /** Disconnected (by the user, or not started). */
    public static final Color STATE_OFF = new Color(150, 150, 150);

    private TradeColors() {
    }

    /**
     * The dot colour of a connection state.
     *
     * @param state the state
     * @return the colour
     */
    public static Color of(ConnectionState state) {
        return switch (state) {
            case LIVE -> STATE_LIVE;
            case STALE, REST_FALLBACK, CONNECTING, RECONNECTING -> STATE_DEGRADED;
            case MAINTENANCE -> STATE_MAINTENANCE;
            case FAILED -> STATE_FAILED;
            case DISCONNECTED -> STATE_OFF;
        };
    }
}
