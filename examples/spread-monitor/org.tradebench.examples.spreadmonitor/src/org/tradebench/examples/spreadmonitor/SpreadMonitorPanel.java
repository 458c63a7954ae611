package org.tradebench.examples.spreadmonitor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Quote;
import org.tradebench.api.market.Ticker;
import org.tradebench.api.market.TickerListener;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.Registration;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.core.widgets.HealthBadge;

/**
 * The spread monitor's widgets: two sides (a connector and a symbol each), their quotes, the two
 * spreads and their history. Subscribes to each side's ticker (best bid and ask) through the API;
 * the ticker callbacks, on the connectors' delivery threads, only update the {@link SpreadModel}
 * and schedule a throttled repaint. Created and used on the UI thread.
 */
public final class SpreadMonitorPanel extends Composite {

    private final ConnectorTracker tracker;
    private final Registration trackerListener;
    private final UiThrottler repaint;
    private final Combo exchangeA;
    private final Combo exchangeB;
    private final Text symbolA;
    private final Text symbolB;
    private final HealthBadge badgeA;
    private final HealthBadge badgeB;
    private final Label nameA;
    private final Label nameB;
    private final Label quoteA;
    private final Label quoteB;
    private final Label sellA;
    private final Label sellB;
    private final Label status;
    private final Canvas chart;
    private final List<String> ids = new ArrayList<>();

    private SpreadModel model = new SpreadModel("A", "B");
    private Subscription subA;
    private Subscription subB;
    private ExchangeConnector watchedA;
    private ExchangeConnector watchedB;
    private long shownVersion = -1;

    /**
     * @param parent the parent
     * @param tracker the installed connectors (the panel does not close it)
     */
    public SpreadMonitorPanel(Composite parent, ConnectorTracker tracker) {
        super(parent, SWT.NONE);
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        setLayout(new GridLayout(6, false));

        new Label(this, SWT.NONE).setText("A:");
        exchangeA = new Combo(this, SWT.READ_ONLY);
        symbolA = symbolField();
        new Label(this, SWT.NONE).setText("B:");
        exchangeB = new Combo(this, SWT.READ_ONLY);
        symbolB = symbolField();
        Button watch = new Button(this, SWT.PUSH);
        watch.setText("Watch");
        watch.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false, 6, 1));
        watch.addListener(SWT.Selection, e -> watchChosen());

        nameA = new Label(this, SWT.NONE);
        nameA.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false, 2, 1));
        quoteA = new Label(this, SWT.NONE);
        quoteA.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        badgeA = new HealthBadge(this, SWT.NONE);
        nameB = new Label(this, SWT.NONE);
        nameB.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false, 2, 1));
        quoteB = new Label(this, SWT.NONE);
        quoteB.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        badgeB = new HealthBadge(this, SWT.NONE);

        sellA = new Label(this, SWT.NONE);
        sellA.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 6, 1));
        sellB = new Label(this, SWT.NONE);
        sellB.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 6, 1));
        status = new Label(this, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 6, 1));
        status.setForeground(getDisplay().getSystemColor(SWT.COLOR_DARK_RED));

        chart = new Canvas(this, SWT.DOUBLE_BUFFERED);
        GridData cd = new GridData(SWT.FILL, SWT.FILL, true, true, 6, 1);
        cd.heightHint = 160;
        chart.setLayoutData(cd);
        chart.addPaintListener(e -> paintChart(e.gc, chart.getClientArea()));

        repaint = new UiThrottler(this, UiThrottler.DEFAULT_INTERVAL, this::refresh);
        trackerListener = tracker.addListener(t -> {
            if (!isDisposed()) {
                getDisplay().asyncExec(this::connectorsChanged);
            }
        });
        connectorsChanged();
        addListener(SWT.Dispose, e -> {
            trackerListener.close();
            stop();
        });
        refresh();
    }

    /**
     * Watches one instrument on two connectors.
     *
     * @param a side A's exchange id
     * @param symA side A's unified symbol, e.g. {@code BTC/USD}
     * @param b side B's exchange id
     * @param symB side B's unified symbol
     * @return false when either exchange is not installed (nothing is watched then)
     */
    public boolean watch(String a, String symA, String b, String symB) {
        checkWidget();
        for (String id : new String[] {a, b}) {
            if (tracker.connector(id).isEmpty()) {
                stop();
                model = new SpreadModel("A", "B");
                shownVersion = -1;
                refresh();
                status.setText(id + " is not installed; choose two installed exchanges");
                return false;
            }
        }
        connectorsChanged();
        select(exchangeA, a);
        select(exchangeB, b);
        symbolA.setText(symA);
        symbolB.setText(symB);
        return watchChosen();
    }

    /** @return what is watched, as {@code a symbolA b symbolB}, or empty */
    public Optional<String[]> watched() {
        if (watchedA == null || watchedB == null) {
            return Optional.empty();
        }
        return Optional.of(new String[] {watchedA.id(), symbolA.getText().strip(), watchedB.id(),
                symbolB.getText().strip()});
    }

    /** @return the model the panel shows (for tests and for views that add to it) */
    public SpreadModel model() {
        return model;
    }

    /** Follows a link group's instrument: side A becomes that exchange, both sides that symbol. */
    void follow(InstrumentId instrument) {
        String b = exchangeB.getText();
        if (b.isEmpty() || b.equals(instrument.exchangeId())) {
            b = ids.stream().filter(id -> !id.equals(instrument.exchangeId())).findFirst().orElse(b);
        }
        watch(instrument.exchangeId(), instrument.symbol(), b, instrument.symbol());
    }

    // ------------------------------------------------------------------------------------------

    private Text symbolField() {
        Text t = new Text(this, SWT.BORDER);
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 110;
        t.setLayoutData(gd);
        t.setMessage("BTC/USD");
        t.addListener(SWT.DefaultSelection, e -> watchChosen());
        return t;
    }

    private boolean watchChosen() {
        stop();
        String a = exchangeA.getText();
        String b = exchangeB.getText();
        String symA = symbolA.getText().strip();
        String symB = symbolB.getText().strip();
        Optional<ExchangeConnector> ca = tracker.connector(a);
        Optional<ExchangeConnector> cb = tracker.connector(b);
        if (ca.isEmpty() || cb.isEmpty() || symA.isEmpty() || symB.isEmpty()) {
            model = new SpreadModel("A", "B");
            status.setText(ca.isEmpty() || cb.isEmpty() ? "Choose two installed exchanges"
                    : "Enter the symbol on both sides, e.g. BTC/USD");
            shownVersion = -1;
            refresh();
            return false;
        }
        InstrumentId ia;
        InstrumentId ib;
        try {
            ia = new InstrumentId(a, symA);
            ib = new InstrumentId(b, symB);
        } catch (IllegalArgumentException e) {
            status.setText("Not a symbol: " + e.getMessage());
            return false;
        }
        watchedA = ca.get();
        watchedB = cb.get();
        model = new SpreadModel(watchedA.displayName() + " " + symA, watchedB.displayName() + " " + symB);
        SpreadModel m = model;
        subA = watchedA.marketData().subscribeTicker(ia, listener(m, true));
        subB = watchedB.marketData().subscribeTicker(ib, listener(m, false));
        badgeA.follow(watchedA);
        badgeB.follow(watchedB);
        shownVersion = -1;
        refresh();
        return true;
    }

    /** A ticker listener of one side: updates the model, schedules a repaint; never touches widgets. */
    private TickerListener listener(SpreadModel m, boolean sideA) {
        return new TickerListener() {
            @Override
            public void onTicker(Ticker ticker) {
                if (ticker.quote() != null) {
                    m.quote(sideA, ticker.quote(), ticker.received());
                    repaint.schedule();
                }
            }

            @Override
            public void onHealth(DataHealth health) {
                m.health(sideA, health);
                repaint.schedule();
            }
        };
    }

    private void stop() {
        if (subA != null) {
            subA.close();
            subA = null;
        }
        if (subB != null) {
            subB.close();
            subB = null;
        }
        watchedA = null;
        watchedB = null;
    }

    private void connectorsChanged() {
        if (isDisposed()) {
            return;
        }
        List<String> now = new ArrayList<>();
        for (ExchangeConnector c : tracker.connectors()) {
            now.add(c.id());
        }
        if (!now.equals(ids)) {
            String a = exchangeA.getText();
            String b = exchangeB.getText();
            ids.clear();
            ids.addAll(now);
            exchangeA.setItems(ids.toArray(String[]::new));
            exchangeB.setItems(ids.toArray(String[]::new));
            select(exchangeA, a.isEmpty() && !ids.isEmpty() ? ids.get(0) : a);
            select(exchangeB, b.isEmpty() && ids.size() > 1 ? ids.get(1) : b);
            getParent().layout(true, true);
        }
        // a watched connector that went away (its bundle stopped or was uninstalled) ends the watch
        if ((watchedA != null && !now.contains(watchedA.id())) || (watchedB != null && !now.contains(watchedB.id()))) {
            String gone = watchedA != null && !now.contains(watchedA.id()) ? watchedA.displayName()
                    : watchedB.displayName();
            stop();
            model = new SpreadModel("A", "B");
            shownVersion = -1;
            refresh();
            status.setText(gone + " is no longer installed");
        }
    }

    private static void select(Combo combo, String id) {
        int i = combo.indexOf(id == null ? "" : id);
        if (i >= 0) {
            combo.select(i);
        }
    }

    /** Repaints from the model; on the UI thread, at most once per throttle interval. */
    private void refresh() {
        if (isDisposed()) {
            return;
        }
        SpreadModel m = model;
        long v = m.version();
        if (v == shownVersion && watchedA != null) {
            return;
        }
        shownVersion = v;
        nameA.setText(watchedA == null ? "A" : watchedA.displayName() + " " + symbolA.getText().strip());
        nameB.setText(watchedB == null ? "B" : watchedB.displayName() + " " + symbolB.getText().strip());
        quoteA.setText(quoteText(m.quoteOf(true), m.stateOf(true)));
        quoteB.setText(quoteText(m.quoteOf(false), m.stateOf(false)));
        Optional<SpreadModel.Spread> s = m.spread();
        if (s.isPresent()) {
            SpreadModel.Spread sp = s.get();
            sellA.setText("Sell A, buy B: " + spreadText(sp, sp.aBidMinusBAsk()));
            sellB.setText("Sell B, buy A: " + spreadText(sp, sp.bBidMinusAAsk()));
            status.setText("");
        } else {
            sellA.setText("Sell A, buy B: \u2013");
            sellB.setText("Sell B, buy A: \u2013");
            if (watchedA != null) {
                status.setText("No spread: " + m.why());
            }
        }
        layout(true, true);
        chart.redraw();
    }

    private static String quoteText(Optional<Quote> q, DataState state) {
        String text = q.filter(x -> x.bid() != null && x.ask() != null)
                .map(x -> "bid " + x.bid().toPlainString() + "   ask " + x.ask().toPlainString())
                .orElse("no quote");
        return state == DataState.LIVE ? text : text + "   (" + state.wireName() + ")";
    }

    private static String spreadText(SpreadModel.Spread s, BigDecimal spread) {
        return spread.toPlainString() + "  (" + s.bps(spread).toPlainString() + " bps)";
    }

    private void paintChart(GC gc, Rectangle area) {
        Color blue = new Color(30, 110, 220);
        Color orange = new Color(235, 140, 0);
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(area);
        List<SpreadModel.Spread> h = model.history();
        int left = area.x + 60;
        int right = area.x + area.width - 8;
        int top = area.y + 8;
        int bottom = area.y + area.height - 18;
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        if (h.size() < 2 || right <= left || bottom <= top) {
            gc.drawText(watchedA == null ? "Choose two exchanges and a symbol, then Watch"
                    : "The spreads over the last " + SpreadModel.HISTORY.toMinutes() + " minutes appear here",
                    left, top + 4, true);
            return;
        }
        BigDecimal lo = null;
        BigDecimal hi = null;
        for (SpreadModel.Spread s : h) {
            for (BigDecimal v : new BigDecimal[] {s.aBidMinusBAsk(), s.bBidMinusAAsk(), BigDecimal.ZERO}) {
                lo = lo == null || v.compareTo(lo) < 0 ? v : lo;
                hi = hi == null || v.compareTo(hi) > 0 ? v : hi;
            }
        }
        double min = lo.doubleValue();
        double max = hi.doubleValue();
        if (max - min < 1e-9) {
            max = min + 1;
        }
        Instant t0 = h.get(0).time();
        double span = Math.max(1, h.get(h.size() - 1).time().toEpochMilli() - t0.toEpochMilli());
        double mn = min;
        double range = max - min;
        java.util.function.DoubleUnaryOperator y = v -> bottom - (v - mn) / range * (bottom - top);
        // zero line and the scale
        int zero = (int) Math.round(y.applyAsDouble(0));
        gc.drawLine(left, zero, right, zero);
        gc.drawText(BigDecimal.valueOf(max).setScale(2, RoundingMode.HALF_EVEN).toPlainString(), area.x + 2, top - 6, true);
        gc.drawText(BigDecimal.valueOf(min).setScale(2, RoundingMode.HALF_EVEN).toPlainString(), area.x + 2, bottom - 12,
                true);
        gc.drawText("0", area.x + 2, zero - 7, true);
        gc.setLineWidth(2);
        for (int line = 0; line < 2; line++) {
            gc.setForeground(line == 0 ? blue : orange);
            int px = -1;
            int py = 0;
            long pt = 0;
            for (SpreadModel.Spread s : h) {
                long t = s.time().toEpochMilli();
                int x = left + (int) Math.round((t - t0.toEpochMilli()) / span * (right - left));
                int yy = (int) Math.round(y.applyAsDouble((line == 0 ? s.aBidMinusBAsk() : s.bBidMinusAAsk()).doubleValue()));
                // a gap in the samples (the spread was not valid) is left as a gap
                if (px >= 0 && t - pt <= 5 * SpreadModel.SAMPLE_EVERY.toMillis()) {
                    gc.drawLine(px, py, x, yy);
                }
                px = x;
                py = yy;
                pt = t;
            }
        }
        gc.setLineWidth(1);
        gc.setForeground(blue);
        gc.drawText("sell A, buy B", left + 4, bottom + 2, true);
        gc.setForeground(orange);
        gc.drawText("sell B, buy A", left + 110, bottom + 2, true);
        blue.dispose();
        orange.dispose();
    }
}
