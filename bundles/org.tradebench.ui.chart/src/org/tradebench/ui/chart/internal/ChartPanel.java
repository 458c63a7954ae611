package org.tradebench.ui.chart.internal;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.CandleInterval;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.core.widgets.HealthBadge;
import org.tradebench.ui.core.widgets.Palette;

/**
 * The Chart view's content: a header (instrument, interval, exchange, the candle source and its
 * health, the connector's {@link HealthBadge}, and a note when something is missing) over the
 * {@link ChartCanvas}. Repaints through one {@link UiThrottler}.
 *
 * <p>Display thread only, except {@link #requestRefresh()}.
 */
public final class ChartPanel extends Composite {

    /** The intervals offered, shortest first. */
    public static final List<CandleInterval> INTERVALS = List.of(CandleInterval.S1, CandleInterval.S5,
            CandleInterval.S15, CandleInterval.M1, CandleInterval.M5, CandleInterval.M15, CandleInterval.H1,
            CandleInterval.parse("4h"), CandleInterval.D1);

    private final Combo instrumentCombo;
    private final Combo intervalCombo;
    private final Label exchangeLabel;
    private final Label sourceLabel;
    private final HealthBadge badge;
    private final Label noteLabel;
    private final ChartCanvas canvas;
    private final UiThrottler throttler;
    private List<InstrumentId> instruments = List.of();
    private Consumer<InstrumentId> instrumentPicked = id -> {
    };
    private Consumer<CandleInterval> intervalPicked = i -> {
    };
    private Runnable refresh = () -> {
    };

    /**
     * Creates the panel.
     *
     * @param parent the parent
     * @param style SWT style bits
     */
    public ChartPanel(Composite parent, int style) {
        super(parent, style);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 0;
        setLayout(layout);

        Composite header = new Composite(this, SWT.NONE);
        GridLayout h = new GridLayout(4, false);
        h.marginWidth = 8;
        h.marginHeight = 4;
        h.horizontalSpacing = 10;
        h.verticalSpacing = 2;
        header.setLayout(h);
        header.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        instrumentCombo = new Combo(header, SWT.READ_ONLY | SWT.DROP_DOWN);
        instrumentCombo.setToolTipText("Instrument (linked views follow)");
        instrumentCombo.addListener(SWT.Selection, e -> {
            int i = instrumentCombo.getSelectionIndex();
            if (i >= 0 && i < instruments.size()) {
                instrumentPicked.accept(instruments.get(i));
            }
        });
        intervalCombo = new Combo(header, SWT.READ_ONLY | SWT.DROP_DOWN);
        intervalCombo.setToolTipText("Candle interval");
        intervalCombo.setItems(INTERVALS.stream().map(CandleInterval::label).toArray(String[]::new));
        intervalCombo.select(INTERVALS.indexOf(CandleInterval.M1));
        intervalCombo.addListener(SWT.Selection, e -> {
            int i = intervalCombo.getSelectionIndex();
            if (i >= 0) {
                intervalPicked.accept(INTERVALS.get(i));
            }
        });
        exchangeLabel = new Label(header, SWT.NONE);
        exchangeLabel.setForeground(Palette.current().muted());
        sourceLabel = new Label(header, SWT.NONE);
        sourceLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        badge = new HealthBadge(header, SWT.NONE);
        badge.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        noteLabel = new Label(header, SWT.WRAP);
        noteLabel.setForeground(Palette.current().warning());
        GridData noteData = new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1);
        noteData.exclude = true;
        noteLabel.setLayoutData(noteData);
        noteLabel.setVisible(false);

        Label rule = new Label(this, SWT.SEPARATOR | SWT.HORIZONTAL);
        rule.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        canvas = new ChartCanvas(this, SWT.NONE);
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        throttler = new UiThrottler(this, UiThrottler.DEFAULT_INTERVAL, () -> {
            if (!isDisposed()) {
                refresh.run();
            }
        });
        canvas.setMessage("Waiting for an exchange connector\u2026");
        Palette.track(this, p -> canvas.redraw()); // the theme's colours now and at every switch
    }

    /**
     * Lists the instruments and the exchange.
     *
     * @param exchangeName the connector's name
     * @param ids its instruments
     * @param selected the one shown, nullable
     */
    public void setInstruments(String exchangeName, List<InstrumentId> ids, InstrumentId selected) {
        instruments = List.copyOf(ids);
        String[] items = instruments.stream().map(InstrumentId::symbol).toArray(String[]::new);
        if (!java.util.Arrays.equals(items, instrumentCombo.getItems())) {
            instrumentCombo.setItems(items);
        }
        int index = selected == null ? -1 : instruments.indexOf(selected);
        if (index >= 0) {
            instrumentCombo.select(index);
        } else {
            instrumentCombo.deselectAll();
        }
        exchangeLabel.setText(exchangeName);
        layout(true, true);
    }

    /**
     * Selects an interval in the header (without telling the listener).
     *
     * @param interval one of {@link #INTERVALS}
     */
    public void showInterval(CandleInterval interval) {
        int i = INTERVALS.indexOf(interval);
        if (i >= 0) {
            intervalCombo.select(i);
        }
    }

    /**
     * Writes where the candles come from and how the stream is, and a note when something is
     * missing.
     *
     * @param source the source and health, for people
     * @param bad whether the stream is not live
     * @param note the note, empty for none
     */
    public void setSource(String source, boolean bad, String note) {
        if (!source.equals(sourceLabel.getText())) {
            sourceLabel.setText(source);
            sourceLabel.setForeground(bad ? Palette.current().failed() : Palette.current().live());
            sourceLabel.getParent().layout(true);
        } else {
            sourceLabel.setForeground(bad ? Palette.current().failed() : Palette.current().live());
        }
        boolean show = !note.isEmpty();
        if (show != noteLabel.getVisible() || !note.equals(noteLabel.getText())) {
            noteLabel.setText(note);
            noteLabel.setVisible(show);
            ((GridData) noteLabel.getLayoutData()).exclude = !show;
            layout(true, true);
        }
    }

    /**
     * Writes a feed's source, health and note in the header.
     *
     * @param st the feed's status
     */
    public void showFeed(CandleFeed.Status st) {
        org.tradebench.api.health.DataHealth h = st.health();
        String state = h == null ? "pending" : h.state().wireName();
        if (h != null && !h.cause().isEmpty() && h.state() != org.tradebench.api.health.DataState.LIVE) {
            state += ": " + h.cause();
        }
        setSource(st.source() + " \u00b7 " + state, h == null || h.state() != org.tradebench.api.health.DataState.LIVE,
                st.note());
    }

    /** @param l called with an instrument the user picks */
    public void onInstrumentPicked(Consumer<InstrumentId> l) {
        instrumentPicked = Objects.requireNonNull(l, "l");
    }

    /** @param l called with an interval the user picks */
    public void onIntervalPicked(Consumer<CandleInterval> l) {
        intervalPicked = Objects.requireNonNull(l, "l");
    }

    /** @param action the throttled refresh */
    public void setRefresh(Runnable action) {
        refresh = Objects.requireNonNull(action, "action");
    }

    /** Asks for a refresh. Any thread; throttled. */
    public void requestRefresh() {
        throttler.schedule();
    }

    /** @return the chart */
    public ChartCanvas canvas() {
        return canvas;
    }

    /** @return the connector's health badge */
    public HealthBadge healthBadge() {
        return badge;
    }

    /** @return the source text in the header */
    public String sourceText() {
        return sourceLabel.getText();
    }

    /** @return the note shown, empty for none */
    public String noteText() {
        return noteLabel.getVisible() ? noteLabel.getText() : "";
    }

    /** @return the symbol selected in the header */
    public String selectedSymbol() {
        return instrumentCombo.getText();
    }

    /** @return the interval selected in the header */
    public String selectedInterval() {
        return intervalCombo.getText();
    }

    /** @return the throttler */
    public UiThrottler throttler() {
        return throttler;
    }

    @Override
    public boolean setFocus() {
        return canvas.setFocus();
    }
}
