package org.tradebench.ui.core.widgets;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.ui.core.Registration;
import org.tradebench.ui.core.internal.ThemePreference;

/**
 * The colours of the light or dark theme, for what views paint themselves (canvases, coloured table
 * cells, labels): one {@link #LIGHT} and one {@link #DARK} instance, the one in use from
 * {@link #current()}, and a change notice on the display thread when the trader switches the theme
 * ({@link org.tradebench.ui.core.Theme}, Window &gt; Preferences &gt; Tradebench).
 *
 * <pre>{@code
 * // in the view's constructor: colours now and at every switch, removed when the canvas is disposed
 * Palette.track(canvas, p -> canvas.redraw());
 * // in the paint listener
 * Palette p = Palette.current();
 * gc.setBackground(p.background());
 * gc.setForeground(p.bid());
 * }</pre>
 *
 * <p>The bid and ask colours stay distinguishable for red-green colour weakness by brightness in
 * both themes. SWT colours hold no operating-system resources since SWT 3.114, so nothing here is
 * disposed. {@link #current()} may be called from any thread; listeners run on the display thread.
 *
 * @param dark whether this is the dark palette
 * @param background background of custom-painted areas
 * @param foreground main text and lines on {@code background}
 * @param muted secondary text: column titles, units, timestamps, data that is not live
 * @param grid grid lines and separators
 * @param bid bid prices, buys and positive changes
 * @param ask ask prices, sells and negative changes
 * @param bidBar depth or volume bar behind bids
 * @param askBar depth or volume bar behind asks
 * @param warning warnings: resynchronising, stale data, thresholds
 * @param failed errors and failed states
 * @param live live data
 * @param flash a cell that just changed, or a trade above the size threshold
 * @param notice background of a notice bar over a table
 * @param selection background of the selected row or level in custom-painted areas
 * @param crosshair the crosshair and its axis labels' background
 * @param accent the last price line and other neutral highlights
 * @param widgetBackground background of standard widgets (composites, tables, fields) in views, or
 *        null to leave the platform's default (light)
 * @param widgetForeground text of standard widgets in views, or null for the platform's default
 * @since 0.3
 */
public record Palette(boolean dark, Color background, Color foreground, Color muted, Color grid, Color bid, Color ask,
        Color bidBar, Color askBar, Color warning, Color failed, Color live, Color flash, Color notice,
        Color selection, Color crosshair, Color accent, Color widgetBackground, Color widgetForeground) {

    /** The palette of the light theme (the platform's default widget colours). */
    public static final Palette LIGHT = new Palette(false, new Color(255, 255, 255), new Color(0, 0, 0),
            TradeColors.MUTED, new Color(236, 236, 236), TradeColors.BID, TradeColors.ASK, TradeColors.BID_BAR,
            TradeColors.ASK_BAR, TradeColors.WARNING, TradeColors.STATE_FAILED, TradeColors.STATE_LIVE,
            new Color(255, 236, 160), new Color(255, 240, 200), new Color(220, 232, 250), new Color(120, 120, 120),
            new Color(40, 90, 200), null, null);

    /** The palette of the dark theme: dark grey backgrounds, light text, brighter bid and ask. */
    public static final Palette DARK = new Palette(true, new Color(30, 31, 34), new Color(222, 222, 222),
            new Color(150, 150, 150), new Color(58, 60, 64), new Color(70, 200, 120), new Color(255, 100, 100),
            new Color(28, 70, 45), new Color(90, 35, 38), new Color(240, 170, 60), new Color(255, 90, 90),
            new Color(70, 200, 110), new Color(95, 80, 20), new Color(80, 65, 25), new Color(45, 60, 90),
            new Color(170, 170, 170), new Color(110, 165, 255), new Color(43, 43, 43), new Color(222, 222, 222));

    private static final int RECOLOUR_DELAY_MS = 250;
    private static final List<Listener> LISTENERS = new CopyOnWriteArrayList<>();
    private static volatile Palette current;

    /** Validates. */
    public Palette {
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(foreground, "foreground");
        Objects.requireNonNull(muted, "muted");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(bid, "bid");
        Objects.requireNonNull(ask, "ask");
        Objects.requireNonNull(bidBar, "bidBar");
        Objects.requireNonNull(askBar, "askBar");
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(failed, "failed");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(flash, "flash");
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(crosshair, "crosshair");
        Objects.requireNonNull(accent, "accent");
    }

    /**
     * The palette of the theme in use: the Theme preference ({@code light} unless set to
     * {@code dark}).
     *
     * @return the palette; any thread
     */
    public static Palette current() {
        Palette p = current;
        if (p == null) {
            synchronized (LISTENERS) {
                if (current == null) {
                    current = ThemePreference.isDark() ? DARK : LIGHT;
                    ThemePreference.onChange(dark -> select(dark ? DARK : LIGHT));
                }
                p = current;
            }
        }
        return p;
    }

    /**
     * Makes a palette the current one and tells the listeners on their display threads. Called when the
     * theme preference changes ({@link org.tradebench.ui.core.Theme#choose}); views do not call it.
     *
     * @param palette the palette
     */
    public static void select(Palette palette) {
        Objects.requireNonNull(palette, "palette");
        current(); // the preference listener is in place before the first switch
        if (current == palette) {
            return;
        }
        current = palette;
        for (Listener l : LISTENERS) {
            Runnable deliver = () -> {
                if (LISTENERS.contains(l) && current == palette) {
                    l.consumer.accept(palette);
                }
            };
            // after the workbench's CSS theme engine restyled the widgets (it does so in the next
            // rounds of the event loop), so the views' own colours are the last ones set
            l.display.asyncExec(() -> {
                if (!l.display.isDisposed()) {
                    l.display.timerExec(RECOLOUR_DELAY_MS, deliver);
                }
            });
        }
    }

    /**
     * Calls {@code onChange} on the display thread whenever the palette changes.
     *
     * @param display the display to run on
     * @param onChange receives the new palette
     * @return removes the listener
     */
    public static Registration addListener(Display display, Consumer<Palette> onChange) {
        Listener l = new Listener(Objects.requireNonNull(display, "display"), Objects.requireNonNull(onChange,
                "onChange"));
        LISTENERS.add(l);
        return () -> LISTENERS.remove(l);
    }

    /**
     * For a view's top control: colours its widgets ({@link #applyTo}) now and at every switch, then
     * runs {@code repaint} (redraw canvases, recolour table cells); stops when the control is disposed.
     * Display thread.
     *
     * @param root the view's top control
     * @param repaint what else the view redoes on a switch, given the new palette
     * @return removes the listener early (it is removed on dispose anyway)
     */
    public static Registration track(Control root, Consumer<Palette> repaint) {
        Objects.requireNonNull(repaint, "repaint");
        current().applyTo(root);
        Registration r = addListener(root.getDisplay(), p -> {
            if (!root.isDisposed()) {
                p.applyTo(root);
                repaint.accept(p);
            }
        });
        root.addDisposeListener(e -> r.close());
        return r;
    }

    /**
     * Sets the colours of a control and everything in it for this palette: a colour that is one of a
     * palette's own (the muted text of a label, the bid of a price) becomes this palette's same colour;
     * any other becomes {@link #widgetBackground()} or {@link #widgetForeground()} (null, the platform's
     * colours, in the light theme), table cells included.
     *
     * @param root the control
     */
    public void applyTo(Control root) {
        if (root.isDisposed()) {
            return;
        }
        root.setBackground(translate(root.getBackground(), widgetBackground));
        root.setForeground(translate(root.getForeground(), widgetForeground));
        if (root instanceof Table t) {
            t.setHeaderBackground(widgetBackground);
            t.setHeaderForeground(widgetForeground);
            int columns = Math.max(1, t.getColumnCount());
            for (TableItem item : t.getItems()) {
                for (int i = 0; i < columns; i++) {
                    // null: the row takes the table's colours set above
                    item.setForeground(i, translate(item.getForeground(i), null));
                    item.setBackground(i, translate(item.getBackground(i), null));
                }
            }
        } else if (root instanceof Tree t) {
            t.setHeaderBackground(widgetBackground);
            t.setHeaderForeground(widgetForeground);
        }
        if (root instanceof Composite c) {
            for (Control child : c.getChildren()) {
                applyTo(child);
            }
        }
    }

    /**
     * This palette's colour for a colour of either palette (the dark bid for the light bid), or
     * {@code otherwise} for a colour that is no palette's.
     *
     * @param color a colour, nullable
     * @param otherwise the colour for anything else, nullable
     * @return the colour
     */
    public Color translate(Color color, Color otherwise) {
        if (color == null) {
            return otherwise;
        }
        for (Palette from : new Palette[] { LIGHT, DARK }) {
            Color[] a = from.semantic();
            for (int i = 0; i < a.length; i++) {
                if (a[i].getRGB().equals(color.getRGB())) {
                    return semantic()[i];
                }
            }
        }
        return otherwise;
    }

    /** The colours with a meaning, in a fixed order (the background and foreground are not among them). */
    private Color[] semantic() {
        return new Color[] { muted, bid, ask, bidBar, askBar, warning, failed, live, flash, notice, accent };
    }

    /**
     * The dot colour of a connection state.
     *
     * @param state the state
     * @return the colour
     */
    public Color of(ConnectionState state) {
        return switch (state) {
            case LIVE -> live;
            case FAILED -> failed;
            default -> TradeColors.of(state);
        };
    }

    /**
     * The colour of a side: {@link #bid()} for buys, {@link #ask()} for sells.
     *
     * @param buy true for a buy or a positive change
     * @return the colour
     */
    public Color side(boolean buy) {
        return buy ? bid : ask;
    }

    private record Listener(Display display, Consumer<Palette> consumer) {
    }
}
