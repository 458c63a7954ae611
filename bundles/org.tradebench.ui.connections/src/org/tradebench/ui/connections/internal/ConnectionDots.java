package org.tradebench.ui.connections.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.core.widgets.Palette;

/**
 * A colour dot and a name per connector, for the status bar: green while live, amber while
 * stale, reconnecting or on REST, red when failed, grey when disconnected (the
 * {@link Palette#of(ConnectionState)} colours). Hovering says each connector's state and its
 * sessions' causes; a click runs the open action (the Connections view).
 *
 * <p>{@link #changed()} may be called on any thread; repaints are throttled.
 */
public final class ConnectionDots extends Canvas {

    private static final int DOT = 9;
    private static final int GAP = 12;

    private final UiThrottler throttler;
    private HealthFeed feed;
    private Runnable open = () -> {
    };
    // display thread
    private List<Dot> dots = List.of();

    /** One connector as drawn. */
    public record Dot(String name, ConnectionState state, String detail) {
    }

    /**
     * Creates the dots, empty until {@link #setFeed(HealthFeed)}.
     *
     * @param parent the parent
     */
    public ConnectionDots(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED);
        throttler = new UiThrottler(this, Duration.ofMillis(250), this::refresh);
        addListener(SWT.Paint, this::paint);
        addListener(SWT.MouseUp, e -> open.run());
        Palette.track(this, p -> redraw());
    }

    /**
     * Follows a feed (not closed by the dots).
     *
     * @param healthFeed the feed
     */
    public void setFeed(HealthFeed healthFeed) {
        checkWidget();
        feed = healthFeed;
        refresh();
    }

    /**
     * What a click does.
     *
     * @param action run on the display thread
     */
    public void onOpen(Runnable action) {
        open = Objects.requireNonNull(action, "action");
    }

    /** Something changed: schedules a repaint. Any thread. */
    public void changed() {
        throttler.schedule();
    }

    /** Reads the feed and repaints now. Display thread. */
    public void refresh() {
        if (isDisposed()) {
            return;
        }
        List<Dot> now = new ArrayList<>();
        if (feed != null) {
            for (HealthFeed.Entry e : feed.entries()) {
                String name;
                try {
                    name = e.connector().displayName();
                } catch (RuntimeException gone) {
                    continue;
                }
                ConnectionHealth h = e.health();
                ConnectionState state = h == null ? ConnectionState.CONNECTING : h.state();
                now.add(new Dot(name, state, detail(name, h)));
            }
        }
        if (now.equals(dots)) {
            return;
        }
        boolean resize = now.size() != dots.size() || !names(now).equals(names(dots));
        dots = List.copyOf(now);
        StringBuilder tip = new StringBuilder();
        for (Dot d : dots) {
            tip.append(tip.length() == 0 ? "" : "\n").append(d.detail());
        }
        setToolTipText(dots.isEmpty() ? "No exchange connector" : tip + "\nClick to open Connections");
        if (resize) {
            getParent().layout(true, true);
        }
        redraw();
    }

    private static List<String> names(List<Dot> list) {
        return list.stream().map(Dot::name).toList();
    }

    private static String detail(String name, ConnectionHealth h) {
        if (h == null) {
            return name + ": waiting for its health";
        }
        StringBuilder b = new StringBuilder(name).append(": ").append(h.state().wireName());
        for (SessionHealth s : h.sessions().values()) {
            b.append("; ").append(s.name()).append(' ').append(s.state().wireName());
            if (!s.cause().isBlank() && s.state() != ConnectionState.LIVE) {
                b.append(" (").append(s.cause().strip()).append(')');
            }
        }
        return b.toString();
    }

    /**
     * The connectors as drawn (tests).
     *
     * @return the dots, in order
     */
    public List<Dot> dots() {
        checkWidget();
        return dots;
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        GC gc = new GC(this);
        try {
            int width = 4;
            for (Dot d : dots) {
                width += DOT + 4 + gc.textExtent(d.name()).x + GAP;
            }
            if (dots.isEmpty()) {
                width += gc.textExtent("No exchange").x + 8;
            }
            int height = Math.max(DOT, gc.getFontMetrics().getHeight()) + 4;
            return new Point(wHint == SWT.DEFAULT ? width : wHint, hHint == SWT.DEFAULT ? height : hHint);
        } finally {
            gc.dispose();
        }
    }

    private void paint(Event e) {
        GC gc = e.gc;
        Palette palette = Palette.current();
        gc.setAntialias(SWT.ON);
        int height = getClientArea().height;
        int x = 4;
        if (dots.isEmpty()) {
            gc.setForeground(palette.muted());
            int th = gc.getFontMetrics().getHeight();
            gc.drawText("No exchange", x, (height - th) / 2, true);
            return;
        }
        for (Dot d : dots) {
            gc.setBackground(palette.of(d.state()));
            gc.fillOval(x, (height - DOT) / 2, DOT, DOT);
            x += DOT + 4;
            int th = gc.getFontMetrics().getHeight();
            gc.setForeground(palette.foreground());
            gc.drawText(d.name(), x, (height - th) / 2, true);
            x += gc.textExtent(d.name()).x + GAP;
        }
    }
}
