package org.tradebench.ui.core.widgets;

import java.time.Duration;
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
import org.tradebench.api.health.DataSource;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.core.format.ClockFormat;
import org.tradebench.ui.core.format.LatencyFormat;
import org.tradebench.ui.core.format.RateFormat;

/**
 * Connection health at a glance: a coloured dot and the state of the connector's market data
 * session, its measured latency and message rate, optionally the reconnect and error counters, and
 * a short hint for every other session (order entry, account stream) that is not live. A failed
 * session shows its cause; the full picture (every session with its state, source, latency and
 * cause, the queue lag and slow listeners) is in the tooltip.
 *
 * <pre>{@code
 * HealthBadge badge = new HealthBadge(header, SWT.NONE);
 * badge.setShowCounters(true);        // "... · 2 reconnects · 0 errors"
 * badge.follow(connector);            // live updates until disposed or follow(null)
 * // or feed it yourself, on the display thread:
 * badge.setHealth(connector.health());
 * }</pre>
 *
 * <p>Renders, for example, {@code ● Live · 42 ms · 1,234 msg/s · order entry down}, or
 * {@code ● Failed: unknown host api.example.com}. A connector that reports no sessions is shown by
 * its overall state. Display thread only, except that {@link #follow(ExchangeConnector)} receives
 * health on connector threads internally and hands it over through a {@link UiThrottler}.
 *
 * <p>An {@link SWT#Modify} event is sent, on the display thread, whenever the shown state
 * ({@link #getState()}) changes, so the owning view can mark its data
 * ({@code badge.addListener(SWT.Modify, e -> ...)}).
 */
public class HealthBadge extends Composite {

    /** How often a followed connector's latency and rate are re-read while nothing else changes. */
    private static final int POLL_MILLIS = 1000;
    private static final String SEPARATOR = "  \u00b7  ";
    /** Longest cause shown in the text; the tooltip has all of it. */
    private static final int MAX_CAUSE = 72;

    private ConnectionHealth health;
    private boolean showCounters;
    private String text = "";
    // where the session hints start in text (text.length() when there are none): painted apart
    private int hintsStart;

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
     * The state shown: the market data session's, or the overall state of a connector that reports
     * no sessions.
     *
     * @return the state, or null for "No connection"
     */
    public ConnectionState getState() {
        checkWidget();
        return shownState(health);
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
     * @return for example {@code "Live  ·  42 ms  ·  1,234 msg/s  ·  order entry down"}
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
        ConnectionState before = shownState(health);
        health = h;
        String newText = render(h, showCounters);
        String tip = tooltip(h);
        if (!newText.equals(text)) {
            text = newText;
            String hints = hints(h);
            hintsStart = hints.isEmpty() ? text.length() : text.length() - hints.length();
            if (computeSize(SWT.DEFAULT, SWT.DEFAULT, true).x != getSize().x) {
                getParent().layout(new Control[] { this });
            }
            redraw();
        }
        if (!Objects.equals(tip, getToolTipText())) {
            setToolTipText(tip);
        }
        if (before != shownState(h)) {
            // SWT.Modify on a change of state lets the owning view mark its data (stale prices, say).
            notifyListeners(SWT.Modify, new Event());
        }
    }

    /**
     * The state a badge shows for a health value: the market data session's, or the overall state
     * when the connector reports no market data session.
     *
     * @param h the health, nullable
     * @return the state, or null when {@code h} is null
     */
    public static ConnectionState shownState(ConnectionHealth h) {
        if (h == null) {
            return null;
        }
        return h.session(SessionHealth.MARKET_DATA).map(SessionHealth::state).orElse(h.state());
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
        SessionHealth md = h.session(SessionHealth.MARKET_DATA).orElse(null);
        ConnectionState state = md != null ? md.state() : h.state();
        String cause = md != null ? md.cause() : h.cause();
        StringBuilder sb = new StringBuilder(96).append(stateLabel(state));
        if (state == ConnectionState.FAILED) {
            // latency and rate of a failed session say nothing; why it failed does
            if (!cause.isBlank()) {
                sb.append(": ").append(abbreviate(cause));
            }
        } else {
            Duration latency = md != null && md.latency() != null ? md.latency() : h.latency();
            sb.append(SEPARATOR).append(LatencyFormat.format(latency));
            sb.append(SEPARATOR).append(RateFormat.messages(md != null ? md.messagesPerSecond() : h.messagesPerSecond()));
        }
        if (counters) {
            sb.append(SEPARATOR).append(h.reconnects()).append(h.reconnects() == 1 ? " reconnect" : " reconnects");
            sb.append(SEPARATOR).append(h.errors()).append(h.errors() == 1 ? " error" : " errors");
        }
        String hints = hints(h);
        if (!hints.isEmpty()) {
            sb.append(SEPARATOR).append(hints);
        }
        return sb.toString();
    }

    /** "order entry down · account stream reconnecting": the sessions besides market data that are not live. */
    private static String hints(ConnectionHealth h) {
        if (h == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (SessionHealth s : h.sessions().values()) {
            if (s.name().equals(SessionHealth.MARKET_DATA) || s.state() == ConnectionState.LIVE) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(SEPARATOR);
            }
            sb.append(sessionLabel(s.name())).append(' ').append(hintWord(s.state()));
        }
        return sb.toString();
    }

    private static String hintWord(ConnectionState state) {
        return switch (state) {
            case DISCONNECTED -> "off";
            case CONNECTING -> "connecting";
            case LIVE -> "live";
            case STALE -> "stale";
            case RECONNECTING -> "reconnecting";
            case MAINTENANCE -> "in maintenance";
            case REST_FALLBACK -> "via REST";
            case FAILED -> "down";
        };
    }

    /**
     * A session's name for people.
     *
     * @param name the session name, for example {@link SessionHealth#TRADING}
     * @return for example {@code "order entry"}, {@code "account stream"}, {@code "market data"},
     *         or the name with dashes as spaces ({@code "usdm market data"})
     */
    public static String sessionLabel(String name) {
        return switch (name) {
            case SessionHealth.MARKET_DATA -> "market data";
            case SessionHealth.TRADING -> "order entry";
            case SessionHealth.ACCOUNT -> "account stream";
            default -> name.replace('-', ' ');
        };
    }

    private static String abbreviate(String cause) {
        String oneLine = cause.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_CAUSE ? oneLine : oneLine.substring(0, MAX_CAUSE - 1) + "\u2026";
    }

    private static String tooltip(ConnectionHealth h) {
        if (h == null) {
            return "No exchange connector is available";
        }
        SessionHealth md = h.session(SessionHealth.MARKET_DATA).orElse(null);
        ConnectionState state = md != null ? md.state() : h.state();
        StringBuilder sb = new StringBuilder(md != null ? "Market data: " : "").append(stateLabel(state))
                .append(" since ").append(ClockFormat.format(md != null ? md.since() : h.since()));
        if (md != null) {
            sb.append(" (").append(md.source().wireName()).append(')');
        }
        String cause = md != null ? md.cause() : h.cause();
        if (!cause.isBlank()) {
            sb.append('\n').append(cause);
        }
        Duration latency = md != null && md.latency() != null ? md.latency() : h.latency();
        sb.append("\nLatency (ping round trip): ").append(LatencyFormat.format(latency));
        sb.append("\nMessages: ").append(RateFormat.messages(h.messagesPerSecond()));
        sb.append("\nReconnects: ").append(h.reconnects()).append("   Errors: ").append(h.errors());
        if (h.queueLag() != null || h.slowListeners() > 0) {
            sb.append("\nQueue lag: ").append(LatencyFormat.format(h.queueLag())).append("   Slow listeners: ")
                    .append(h.slowListeners());
        }
        if (h.sessions().size() > 1 || (md == null && !h.sessions().isEmpty())) {
            sb.append("\nSessions:");
            for (SessionHealth s : h.sessions().values()) {
                sb.append("\n  ").append(sessionLabel(s.name())).append(": ").append(stateLabel(s.state()));
                if (s.source() != DataSource.NONE) {
                    sb.append(" via ").append(s.source().wireName());
                }
                if (s.latency() != null) {
                    sb.append(", ").append(LatencyFormat.format(s.latency()));
                }
                if (!s.cause().isBlank()) {
                    sb.append(" \u2013 ").append(s.cause());
                }
            }
        }
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
        ConnectionState state = shownState(health);
        gc.setBackground(state == null ? TradeColors.STATE_OFF : Palette.current().of(state));
        gc.fillOval(2, (size.y - dot) / 2, dot, dot);
        gc.setForeground(getForeground());
        int x = 2 + dot + 6;
        String main = text.substring(0, Math.min(hintsStart, text.length()));
        gc.drawText(main, x, y, true);
        if (hintsStart < text.length()) {
            // another session is not live: say it in the warning colour, the market data part stays calm
            gc.setForeground(Palette.current().warning());
            gc.drawText(text.substring(hintsStart), x + gc.textExtent(main).x, y, true);
        }
    }
}
