package org.tradebench.ui.heatmap.internal;

import java.time.Duration;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.core.widgets.HealthBadge;
import org.tradebench.ui.core.widgets.TradeColors;

/**
 * The heatmap's widgets: a bar with the instrument, the column interval and window, the book's
 * state and the connection's health badge, and the {@link HeatmapCanvas} below. Repaints through
 * one {@link UiThrottler}, whatever the number of updates.
 *
 * <p>Display thread only, except {@link #requestRefresh()}.
 */
public final class HeatmapPanel extends Composite {

    /** The fastest repaint: a few frames per column is enough for the trades to appear smoothly. */
    static final Duration REPAINT_INTERVAL = Duration.ofMillis(100);

    /** Column intervals offered, milliseconds. */
    static final long[] INTERVALS = {250, 1000};
    /** Windows offered, minutes. */
    static final int[] WINDOWS = {1, 5, 15, 30};

    private final Label instrument;
    private final Combo interval;
    private final Combo window;
    private final Label state;
    private final HealthBadge badge;
    private final HeatmapCanvas canvas;
    private final UiThrottler refresh;
    private HeatmapModel model;
    private Runnable onSettings = () -> { };

    /**
     * Makes the panel.
     *
     * @param parent the parent
     */
    public HeatmapPanel(Composite parent) {
        super(parent, SWT.NONE);
        setLayout(new GridLayout(1, false));
        Composite bar = new Composite(this, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        GridLayout bl = new GridLayout(6, false);
        bl.marginHeight = 0;
        bl.marginWidth = 0;
        bar.setLayout(bl);
        instrument = new Label(bar, SWT.NONE);
        instrument.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false));
        interval = new Combo(bar, SWT.READ_ONLY);
        interval.setItems("250 ms columns", "1 s columns");
        interval.select(0);
        interval.setToolTipText("How often the book is sampled into a column");
        window = new Combo(bar, SWT.READ_ONLY);
        window.setItems("1 min", "5 min", "15 min", "30 min");
        window.select(1);
        window.setToolTipText("How far back the map goes");
        state = new Label(bar, SWT.NONE);
        state.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        badge = new HealthBadge(bar, SWT.NONE);
        badge.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
        canvas = new HeatmapCanvas(this);
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        // columns come every 250 ms at the finest; a frame of a full 30-minute map costs several ms
        refresh = new UiThrottler(this, REPAINT_INTERVAL, this::refresh);
        interval.addListener(SWT.Selection, e -> onSettings.run());
        window.addListener(SWT.Selection, e -> onSettings.run());
    }

    /** @return the canvas */
    public HeatmapCanvas canvas() {
        return canvas;
    }

    /** @return the connection health badge */
    public HealthBadge healthBadge() {
        return badge;
    }

    /** @return the column interval chosen */
    public Duration interval() {
        return Duration.ofMillis(INTERVALS[Math.max(0, interval.getSelectionIndex())]);
    }

    /** @return the window chosen */
    public Duration window() {
        return Duration.ofMinutes(WINDOWS[Math.max(0, window.getSelectionIndex())]);
    }

    /**
     * Chooses interval and window (restored state; values not offered are ignored).
     *
     * @param intervalMillis the column interval
     * @param windowMinutes the window
     */
    public void choose(long intervalMillis, int windowMinutes) {
        for (int i = 0; i < INTERVALS.length; i++) {
            if (INTERVALS[i] == intervalMillis) {
                interval.select(i);
            }
        }
        for (int i = 0; i < WINDOWS.length; i++) {
            if (WINDOWS[i] == windowMinutes) {
                window.select(i);
            }
        }
    }

    /**
     * What to do when the user changes interval or window (the binding makes a new model).
     *
     * @param action the action
     */
    public void onSettings(Runnable action) {
        onSettings = action;
    }

    /**
     * Shows a model.
     *
     * @param m the model, nullable for none
     * @param instrumentText the instrument's name
     * @param tickUnits price bucket in the model's units
     * @param prices price format
     * @param sizes size format
     */
    public void setModel(HeatmapModel m, String instrumentText, long tickUnits,
            org.tradebench.ui.core.format.PriceFormat prices, org.tradebench.ui.core.format.SizeFormat sizes) {
        model = m;
        instrument.setText(instrumentText);
        canvas.setModel(m, tickUnits, prices, sizes);
        canvas.setMessage(null);
        refresh();
        layout(true, true);
    }

    /**
     * Shows a message instead of a map.
     *
     * @param text the message
     */
    public void setMessage(String text) {
        model = null;
        canvas.setModel(null, 1, org.tradebench.ui.core.format.PriceFormat.withScale(0), null);
        canvas.setMessage(text);
        state.setText("");
    }

    /** Schedules one repaint; any thread. */
    public void requestRefresh() {
        refresh.schedule();
    }

    /** @return the book state shown in the bar */
    public String stateText() {
        return state.getText();
    }

    private void refresh() {
        if (isDisposed()) {
            return;
        }
        HeatmapModel m = model;
        if (m != null) {
            String reason = m.resetReason();
            DataHealth h = m.health();
            String text;
            if (h != null && h.state() == DataState.FAILED) {
                text = "Book failed: " + h.cause();
                state.setForeground(TradeColors.STATE_FAILED);
            } else if (!reason.isEmpty()) {
                text = "Book resyncing (" + reason + "): the hatched columns have no data";
                state.setForeground(TradeColors.STATE_DEGRADED);
            } else if (!m.hasBook()) {
                text = "Waiting for the book\u2026";
                state.setForeground(TradeColors.MUTED);
            } else if (h != null && h.state() != DataState.LIVE) {
                text = "Book " + h.state().toString().toLowerCase(java.util.Locale.ROOT)
                        + (h.cause().isEmpty() ? "" : ": " + h.cause());
                state.setForeground(TradeColors.STATE_DEGRADED);
            } else {
                text = "Book live";
                state.setForeground(TradeColors.STATE_LIVE);
            }
            if (!text.equals(state.getText())) {
                state.setText(text);
                state.getParent().layout(true);
            }
        }
        canvas.redraw();
    }
}
