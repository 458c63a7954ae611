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
    private static final long UPDATED_EVERY_NANOS = 250_000_000L;

    private final Combo instrumentCombo;
    private final Label exchangeLabel;
    private final HealthBadge badge;
    private final Label updatedLabel;
    private final LadderCanvas ladder;
    private final DepthCanvas depth;
    private final org.eclipse.swt.custom.CTabFolder tabs;
    private final Label oneClickLabel;
    private final Label tradeLabel;
    private final UiThrottler throttler;

    private List<InstrumentId> instruments = List.of();
    private BookModel model;
    private Consumer<InstrumentId> instrumentPicked = id -> {
    };
    private Runnable afterRefresh = () -> {
    };
    private long updatedAt;
    private boolean updatedPending;

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
        // [instrument ▾] exchange
        // ● Live · 12 ms · 346 msg/s ........ updated 14:03:07.125
        Composite header = new Composite(this, SWT.NONE);
        GridLayout headerLayout = new GridLayout(2, false);
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
        exchangeLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        badge = new HealthBadge(header, SWT.NONE);
        badge.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
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
        // one-click trading is never on by surprise: it says so in every order book
        oneClickLabel = new Label(header, SWT.NONE);
        oneClickLabel.setText("One-click ON");
        oneClickLabel.setForeground(TradeColors.ASK);
        oneClickLabel.setToolTipText("A click on a bid buys and a click on an ask sells at once, for the default"
                + " quantity (Window > Preferences > Tradebench)");
        GridData oneClickData = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        oneClickData.exclude = true;
        oneClickLabel.setLayoutData(oneClickData);
        oneClickLabel.setVisible(false);
        // what the last one-click order did: sending, accepted, rejected with the exchange's text
        tradeLabel = new Label(header, SWT.NONE);
        GridData tradeData = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        tradeData.exclude = true;
        tradeLabel.setLayoutData(tradeData);
        tradeLabel.setVisible(false);

        Label rule = new Label(this, SWT.SEPARATOR | SWT.HORIZONTAL);
        rule.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        // the ladder and the depth chart, two tabs over the same book
        tabs = new org.eclipse.swt.custom.CTabFolder(this, SWT.BOTTOM | SWT.FLAT);
        tabs.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        ladder = new LadderCanvas(tabs, SWT.NONE);
        depth = new DepthCanvas(tabs, SWT.NONE);
        org.eclipse.swt.custom.CTabItem ladderTab = new org.eclipse.swt.custom.CTabItem(tabs, SWT.NONE);
        ladderTab.setText("Ladder");
        ladderTab.setControl(ladder);
        org.eclipse.swt.custom.CTabItem depthTab = new org.eclipse.swt.custom.CTabItem(tabs, SWT.NONE);
        depthTab.setText("Depth");
        depthTab.setToolTipText("Cumulative size of the bids and the asks over price");
        depthTab.setControl(depth);
        tabs.setSelection(0);
        tabs.addListener(SWT.Selection, e -> refresh());

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
        depth.setMessage(message);
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
            if (depthShown()) {
                depth.setSnapshot(s);
            }
            showUpdated(s);
        }
        afterRefresh.run();
    }

    /**
     * The time of the last update, four times a second at most (a label's new text makes GTK
     * measure the window again); a time held back is shown when its quarter second is over, so the
     * label never stays behind the book.
     */
    private void showUpdated(LadderSnapshot s) {
        long now = System.nanoTime();
        long wait = UPDATED_EVERY_NANOS - (now - updatedAt);
        if (s.received() == null || updatedText().isEmpty() || wait <= 0) {
            setUpdated(s.received() == null ? null : UPDATED_PREFIX + ClockFormat.format(s.received()));
            updatedAt = now;
        } else if (!updatedPending) {
            updatedPending = true;
            getDisplay().timerExec((int) Math.max(1, wait / 1_000_000), () -> {
                updatedPending = false;
                BookModel m = model;
                if (!isDisposed() && m != null) {
                    showUpdated(m.latest());
                }
            });
        }
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

    /** @return the depth chart */
    public DepthCanvas depth() {
        return depth;
    }

    /**
     * Whether the depth chart is the tab in front.
     *
     * @return true for the depth chart, false for the ladder
     */
    public boolean depthShown() {
        return tabs.getSelectionIndex() == 1;
    }

    /**
     * Brings the depth chart or the ladder to the front.
     *
     * @param show true for the depth chart
     */
    public void showDepth(boolean show) {
        checkWidget();
        tabs.setSelection(show ? 1 : 0);
        refresh();
    }

    /**
     * Says in the header whether one-click trading is on.
     *
     * @param on the preference now
     */
    public void setOneClick(boolean on) {
        checkWidget();
        ((GridData) oneClickLabel.getLayoutData()).exclude = !on;
        oneClickLabel.setVisible(on);
        ladder.setToolTipText(on ? "One-click trading: a click on a bid BUYS and a click on an ask SELLS at that"
                + " price at once, for the default quantity" : "Click a price to fill it into the order entry"
                + " (a bid buys, an ask sells)");
        layout(true, true);
    }

    /** @return whether the header says one-click trading is on */
    public boolean oneClickShown() {
        return oneClickLabel.getVisible();
    }

    /**
     * Shows what a one-click order did, under the header.
     *
     * @param text for example "Buy 0.01 @ 64,999 sent" or "rejected: insufficient balance"; null hides it
     * @param error whether it failed
     */
    public void showTrade(String text, boolean error) {
        checkWidget();
        boolean show = text != null;
        tradeLabel.setText(show ? text : "");
        tradeLabel.setForeground(error ? TradeColors.ASK : TradeColors.MUTED);
        ((GridData) tradeLabel.getLayoutData()).exclude = !show;
        tradeLabel.setVisible(show);
        layout(true, true);
    }

    /** @return the one-click order line, empty when hidden */
    public String tradeText() {
        return tradeLabel.getVisible() ? tradeLabel.getText() : "";
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
        // also asked while the panel is being disposed (focus moves off a disposed child): then
        // there is nothing to focus
        if (isDisposed() || tabs.isDisposed() || ladder.isDisposed() || depth.isDisposed()) {
            return false;
        }
        return depthShown() ? depth.setFocus() : ladder.setFocus();
    }
}
