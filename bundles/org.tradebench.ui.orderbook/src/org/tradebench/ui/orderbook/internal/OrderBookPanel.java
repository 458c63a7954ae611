package org.tradebench.ui.orderbook.internal;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.core.format.ClockFormat;
import org.tradebench.ui.core.widgets.HealthBadge;
import org.tradebench.ui.core.widgets.TradeColors;

/**
 * The Order Book view's content: a header (instrument picker, exchange, {@link HealthBadge}, time
 * of the last update) over the {@link LadderCanvas}. It shows one {@link BookModel} at a time and
 * repaints through a {@link UiThrottler} when the model says it changed.
 *
 * <p>Display thread only, except {@link #requestRefresh()}, which any thread may call.
 */
public final class OrderBookPanel extends Composite {

    private static final String UPDATED_PREFIX = "updated ";

    private final Combo instrumentCombo;
    private final Label exchangeLabel;
    private final HealthBadge badge;
    private final Label updatedLabel;
    private final LadderCanvas ladder;
    private final UiThrottler throttler;

    private List<InstrumentId> instruments = List.of();
    private BookModel model;
    private Consumer<InstrumentId> instrumentPicked = id -> {
    };
    private Runnable afterRefresh = () -> {
    };

    /**
     * Creates the panel showing no book.
     *
     * @param parent the parent
     * @param style SWT style bits
     */
    public OrderBookPanel(Composite parent, int style) {
        super(parent, style);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 0;
        setLayout(layout);

        // two header rows, so that a narrow ladder still shows all of it:
        // [instrument ▾] exchange ............ updated 14:03:07.125
        // ● Live · 12 ms · 346 msg/s
        Composite header = new Composite(this, SWT.NONE);
        GridLayout headerLayout = new GridLayout(3, false);
        headerLayout.marginWidth = 8;
        headerLayout.marginHeight = 4;
        headerLayout.horizontalSpacing = 10;
        headerLayout.verticalSpacing = 2;
        header.setLayout(headerLayout);
        header.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        instrumentCombo = new Combo(header, SWT.READ_ONLY | SWT.DROP_DOWN);
        instrumentCombo.setToolTipText("Instrument (linked views follow)");
        instrumentCombo.addListener(SWT.Selection, e -> {
            int i = instrumentCombo.getSelectionIndex();
            if (i >= 0 && i < instruments.size()) {
                instrumentPicked.accept(instruments.get(i));
            }
        });
        exchangeLabel = new Label(header, SWT.NONE);
        exchangeLabel.setForeground(TradeColors.MUTED);
        exchangeLabel.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, true, false));
        updatedLabel = new Label(header, SWT.RIGHT);
        updatedLabel.setForeground(TradeColors.MUTED);
        updatedLabel.setToolTipText("Local time the last book update arrived");
        GridData updatedData = new GridData(SWT.END, SWT.CENTER, false, false);
        GC gc = new GC(updatedLabel);
        try {
            updatedData.widthHint = gc.textExtent(UPDATED_PREFIX + "00:00:00.000").x + 4;
        } finally {
            gc.dispose();
        }
        updatedLabel.setLayoutData(updatedData);
        badge = new HealthBadge(header, SWT.NONE);
        badge.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));

        Label rule = new Label(this, SWT.SEPARATOR | SWT.HORIZONTAL);
        rule.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        ladder = new LadderCanvas(this, SWT.NONE);
        ladder.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        throttler = new UiThrottler(this, UiThrottler.DEFAULT_INTERVAL, this::refresh);
        setMessage("Waiting for an exchange connector\u2026");
    }

    /**
     * Lists the instruments the user can pick and the exchange they belong to.
     *
     * @param exchangeName the connector's display name
     * @param ids the connector's instruments
     * @param selected the one shown, nullable
     */
    public void setInstruments(String exchangeName, List<InstrumentId> ids, InstrumentId selected) {
        checkWidget();
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
     * Called with the instrument the user picks in the header.
     *
     * @param listener the callback, on the display thread
     */
    public void onInstrumentPicked(Consumer<InstrumentId> listener) {
        instrumentPicked = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Called after every throttled refresh, on the display thread.
     *
     * @param hook the callback
     */
    public void setAfterRefresh(Runnable hook) {
        afterRefresh = Objects.requireNonNull(hook, "hook");
    }

    /**
     * Shows a model's book from now on. Wire the model's change callback to
     * {@link #requestRefresh()}.
     *
     * @param bookModel the model
     */
    public void setModel(BookModel bookModel) {
        checkWidget();
        model = Objects.requireNonNull(bookModel, "bookModel");
        refresh();
    }

    /**
     * Shows a message instead of a book and forgets the model.
     *
     * @param message the message
     */
    public void setMessage(String message) {
        checkWidget();
        model = null;
        ladder.setMessage(message);
        setUpdated(null);
    }

    /** Asks for a repaint with the model's latest snapshot. Any thread; throttled. */
    public void requestRefresh() {
        throttler.schedule();
    }

    /** Repaints with the model's latest snapshot now. Display thread. */
    public void refresh() {
        if (isDisposed()) {
            return;
        }
        BookModel m = model;
        if (m != null) {
            LadderSnapshot s = m.latest();
            ladder.setSnapshot(s);
            setUpdated(s.received() == null ? null : UPDATED_PREFIX + ClockFormat.format(s.received()));
        }
        afterRefresh.run();
    }

    private void setUpdated(String text) {
        String t = text == null ? "" : text;
        if (!t.equals(updatedLabel.getText())) {
            updatedLabel.setText(t);
        }
    }

    /** @return the model shown, or null */
    public BookModel model() {
        return model;
    }

    /** @return the ladder */
    public LadderCanvas ladder() {
        return ladder;
    }

    /** @return the health badge in the header */
    public HealthBadge healthBadge() {
        return badge;
    }

    /** @return the symbol selected in the header, or an empty string */
    public String selectedSymbol() {
        return instrumentCombo.getText();
    }

    /** @return the exchange name in the header */
    public String exchangeName() {
        return exchangeLabel.getText();
    }

    /** @return the "updated HH:mm:ss.SSS" text, or an empty string */
    public String updatedText() {
        return updatedLabel.getText();
    }

    /** @return the throttler that repaints this panel (diagnostics and tests) */
    public UiThrottler throttler() {
        return throttler;
    }

    @Override
    public boolean setFocus() {
        return ladder.setFocus();
    }
}
