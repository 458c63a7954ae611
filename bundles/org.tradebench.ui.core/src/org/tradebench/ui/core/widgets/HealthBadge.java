package org.tradebench.ui.core.widgets;

import java.util.Objects;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.core.format.ClockFormat;
import org.tradebench.ui.core.format.LatencyFormat;
import org.tradebench.ui.core.format.RateFormat;

/**
 * Connection health at a glance: a coloured dot, the state word, the measured latency and the
 * message rate, optionally the reconnect and error counters; the cause and the time the state was
 * entered are in the tooltip.
 *
 * <pre>{@code
 * HealthBadge badge = new HealthBadge(header, SWT.NONE);
 * badge.setShowCounters(true);        // "... · 2 reconnects · 0 errors"
 * badge.follow(connector);            // live updates until disposed or follow(null)
 * // or feed it yourself, on the display thread:
 * badge.setHealth(connector.health());
 * }</pre>
 *
 * <p>Renders, for example, {@code ● Live · 42 ms · 1,234 msg/s}. Display thread only, except that
 * {@link #follow(ExchangeConnector)} receives health on connector threads internally and hands it
 * over through a {@link UiThrottler}.
 *
 * <p>An {@link SWT#Modify} event is sent, on the display thread, whenever the shown connection
 * state changes, so the owning view can mark its data ({@code badge.addListener(SWT.Modify, e -> ...)}).
 */
public class HealthBadge extends Composite {

    /** How often a followed connector's latency and rate are re-read while nothing else changes. */
    private static final int POLL_MILLIS = 1000;
    private static final String SEPARATOR = "  \u00b7  ";

    private ConnectionHealth health;
    private boolean showCounters;
    private String text = "";

    // follow(): written on connector threads, read on the display thread
    private volatile ConnectionHealth received;
    private ExchangeConnector followed;
    private Subscription subscription;
    private UiThrottler throttler;
    private final Runnable poll = this::poll;

    /**
     * Creates a badge showing "No connection".
     *
     * @param parent the parent
     * @param style SWT style bits ({@link SWT#NONE} usually)
     */
    public HealthBadge(Composite parent, int style) {
        super(parent, style | SWT.DOUBLE_BUFFERED);
        addListener(SWT.Paint, this::paint);
        addListener(SWT.Dispose, e -> stopFollowing());
        applyHealth(null);
    }

    /**
     * Shows a health value.
     *
     * @param health the value, nullable for "No connection"
     */
    public void setHealth(ConnectionHealth health) {
        checkWidget();
        applyHealth(health);
    }

    /**
     * The health shown.
     *
     * @return the value, or null for "No connection"
     */
    public ConnectionHealth getHealth() {
        checkWidget();
        return health;
    }

    /**
     * Whether to show the reconnect and error counters too.
     *
     * @param show true to show them
     */
    public void setShowCounters(boolean show) {
        checkWidget();
        if (show != showCounters) {
            showCounters = show;
            applyHealth(health);
        }
    }

    /**
     * The text next to the dot, as rendered (for tests and accessibility).
     *
     * @return for example {@code "Live  ·  42 ms  ·  1,234 msg/s"}
     */
    public String getText() {
        checkWidget();
        return text;
    }

    /**
     * Follows a connector's health: subscribes, shows every change (throttled), re-reads latency
     * and rate once a second, and unsubscribes when the badge is disposed or another connector
     * (or null) is followed.
     *
     * @param connector the connector, nullable to stop following and show "No connection"
     */
    public void follow(ExchangeConnector connector) {
        checkWidget();
        if (connector == followed) {
            return;
        }
        stopFollowing();
        followed = connector;
        if (connector == null) {
            applyHealth(null);
            return;
        }
        UiThrottler t = new UiThrottler(this, UiThrottler.DEFAULT_INTERVAL, () -> {
            ConnectionHealth h = received;
            if (h != null) {
                applyHealth(h);
            }
        });
        throttler = t;
        try {
            received = connector.health();
            applyHealth(received);
            subscription = connector.subscribeHealth(h -> {
                received = h;
                t.schedule();
            });
        } catch (RuntimeException broken) {
            applyHealth(ConnectionHealth.of(ConnectionState.FAILED, "health unavailable: " + broken.getMessage()));
        }
        getDisplay().timerExec(POLL_MILLIS, poll);
    }

    private void poll() {
        if (isDisposed() || followed == null) {
            return;
        }
        try {
            received = followed.health();
            throttler.schedule();
        } catch (RuntimeException goneMeanwhile) {
            // the connector is being unregistered; the view's tracker will re-bind us
        }
        getDisplay().timerExec(POLL_MILLIS, poll);
    }

    private void stopFollowing() {
        if (throttler != null) {
            throttler.cancel();
            throttler = null;
        }
        if (subscription != null) {
            try {
                subscription.close();
            } catch (RuntimeException ignored) {
                // Subscription.close never throws by contract; a broken connector must not break dispose
            }
            subscription = null;
        }
        if (!isDisposed()) {
            getDisplay().timerExec(-1, poll);
        }
        followed = null;
        received = null;
    }

    private void applyHealth(ConnectionHealth h) {
        ConnectionState before = health == null ? null : health.state();
        health = h;
        String newText = render(h, showCounters);
        String tip = tooltip(h);
        if (!newText.equals(text)) {
            text = newText;
            if (computeSize(SWT.DEFAULT, SWT.DEFAULT, true).x != getSize().x) {
                getParent().layout(new Control[] { this });
            }
            redraw();
        }
        if (!Objects.equals(tip, getToolTipText())) {
            setToolTipText(tip);
        }
        if (before != (h == null ? null : h.state())) {
            // SWT.Modify on a change of state lets the owning view mark its data (stale prices, say).
            notifyListeners(SWT.Modify, new Event());
        }
    }

    /**
     * The badge text for a health value.
     *
     * @param h the health, nullable
     * @param counters whether to include reconnects and errors
     * @return the text
     */
    static String render(ConnectionHealth h, boolean counters) {
        if (h == null) {
            return "No connection";
        }
        StringBuilder sb = new StringBuilder(64).append(stateLabel(h.state()));
        sb.append(SEPARATOR).append(LatencyFormat.format(h.latency()));
        sb.append(SEPARATOR).append(RateFormat.messages(h.messagesPerSecond()));
        if (counters) {
            sb.append(SEPARATOR).append(h.reconnects()).append(h.reconnects() == 1 ? " reconnect" : " reconnects");
            sb.append(SEPARATOR).append(h.errors()).append(h.errors() == 1 ? " error" : " errors");
        }
        return sb.toString();
    }

    private static String tooltip(ConnectionHealth h) {
        if (h == null) {
            return "No exchange connector is available";
        }
        StringBuilder sb = new StringBuilder(stateLabel(h.state())).append(" since ")
                .append(ClockFormat.format(h.since()));
        if (!h.cause().isBlank()) {
            sb.append('\n').append(h.cause());
        }
        sb.append("\nLatency (ping round trip): ").append(LatencyFormat.format(h.latency()));
        sb.append("\nMessages: ").append(RateFormat.messages(h.messagesPerSecond()));
        sb.append("\nReconnects: ").append(h.reconnects()).append("   Errors: ").append(h.errors());
        return sb.toString();
    }

    /**
     * The word shown for a state.
     *
     * @param state the state
     * @return for example {@code "REST fallback"}
     */
    public static String stateLabel(ConnectionState state) {
        return switch (state) {
            case DISCONNECTED -> "Disconnected";
            case CONNECTING -> "Connecting";
            case LIVE -> "Live";
            case STALE -> "Stale";
            case RECONNECTING -> "Reconnecting";
            case MAINTENANCE -> "Maintenance";
            case REST_FALLBACK -> "REST fallback";
            case FAILED -> "Failed";
        };
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        checkWidget();
        GC gc = new GC(this);
        try {
            Point extent = gc.textExtent(text);
            int dot = dotSize(gc);
            int width = 2 + dot + 6 + extent.x + 4;
            int height = Math.max(dot, extent.y) + 4;
            return new Point(wHint == SWT.DEFAULT ? width : wHint, hHint == SWT.DEFAULT ? height : hHint);
        } finally {
            gc.dispose();
        }
    }

    private static int dotSize(GC gc) {
        return Math.max(8, gc.getFontMetrics().getAscent() * 2 / 3);
    }

    private void paint(Event e) {
        GC gc = e.gc;
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        Point size = getSize();
        Point extent = gc.textExtent(text);
        int dot = dotSize(gc);
        int y = (size.y - extent.y) / 2;
        gc.setBackground(health == null ? TradeColors.STATE_OFF : TradeColors.of(health.state()));
        gc.fillOval(2, (size.y - dot) / 2, dot, dot);
        gc.setForeground(getForeground());
        gc.drawText(text, 2 + dot + 6, y, true);
    }
}
