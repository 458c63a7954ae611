package org.tradebench.ui.status.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.Ticker;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.core.format.ChangeFormat;
import org.tradebench.ui.core.format.PriceFormat;
import org.tradebench.ui.core.format.SizeFormat;
import org.tradebench.ui.core.widgets.HealthBadge;
import org.tradebench.ui.core.widgets.TradeColors;

/**
 * The Market Status view's content: the connector's name and a {@link HealthBadge} with counters
 * over a ticker table, one row per instrument.
 *
 * <p>{@link #offer(Ticker)} may be called on any thread for every ticker: it replaces the latest
 * ticker of its instrument and schedules a throttled refresh, which rewrites only the cells whose
 * text changed. Everything else runs on the display thread.
 */
public final class MarketStatusPanel extends Composite {

    /** Column titles, in order. */
    public static final List<String> COLUMNS = List.of("Symbol", "Bid", "Ask", "Last", "24h %", "Volume", "High",
            "Low");

    // tickers change many times a second; ten table refreshes a second stay readable and cheap
    private static final Duration REFRESH_INTERVAL = Duration.ofMillis(100);
    private static final int CHANGE_COLUMN = 4;
    private static final String[] SAMPLES = { "BTC/USD:USD", "000,000.00", "000,000.00", "000,000.00", "+00.00%",
            "000.00M", "000,000.00", "000,000.00" };

    private final Label nameLabel;
    private final Label detailLabel;
    private final HealthBadge badge;
    private final Table table;
    private final Font bold;
    private final UiThrottler throttler;

    // display thread
    private List<Instrument> instruments = List.of();
    private final List<Ticker> shown = new ArrayList<>();
    private final Map<InstrumentId, Integer> rows = new HashMap<>();
    private Consumer<InstrumentId> opened = id -> {
    };

    // written by connector threads
    private final Map<InstrumentId, Ticker> latest = new ConcurrentHashMap<>();

    /**
     * Creates the panel showing no connector.
     *
     * @param parent the parent
     * @param style SWT style bits
     */
    public MarketStatusPanel(Composite parent, int style) {
        super(parent, style);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 0;
        setLayout(layout);

        Composite header = new Composite(this, SWT.NONE);
        GridLayout headerLayout = new GridLayout(3, false);
        headerLayout.marginWidth = 8;
        headerLayout.marginHeight = 4;
        headerLayout.horizontalSpacing = 12;
        header.setLayout(headerLayout);
        header.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        nameLabel = new Label(header, SWT.NONE);
        FontData[] data = nameLabel.getFont().getFontData();
        for (FontData d : data) {
            d.setStyle(SWT.BOLD);
        }
        bold = new Font(getDisplay(), data);
        nameLabel.setFont(bold);
        detailLabel = new Label(header, SWT.NONE);
        detailLabel.setForeground(TradeColors.MUTED);
        badge = new HealthBadge(header, SWT.NONE);
        badge.addListener(SWT.Modify, e -> markFreshness());
        badge.setShowCounters(true);
        badge.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, true, false));

        table = new Table(this, SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        GC gc = new GC(table);
        try {
            for (int i = 0; i < COLUMNS.size(); i++) {
                TableColumn column = new TableColumn(table, i == 0 ? SWT.LEFT : SWT.RIGHT);
                column.setText(COLUMNS.get(i));
                column.setWidth(Math.max(gc.textExtent(SAMPLES[i]).x, gc.textExtent(COLUMNS.get(i)).x) + 24);
            }
            // an empty last column takes the spare width (GTK stretches the last column), so "Low"
            // keeps its width next to "High"
            new TableColumn(table, SWT.LEFT).setWidth(8);
        } finally {
            gc.dispose();
        }
        table.addListener(SWT.DefaultSelection, e -> {
            int i = table.getSelectionIndex();
            if (i >= 0 && i < instruments.size()) {
                opened.accept(instruments.get(i).id());
            }
        });

        throttler = new UiThrottler(this, REFRESH_INTERVAL, this::refresh);
        addListener(SWT.Dispose, e -> bold.dispose());
        setConnector(null, List.of());
    }

    /**
     * Shows a connector: its name and one row per instrument (cells empty until tickers arrive).
     *
     * @param name the connector's display name, nullable for "No exchange connector"
     * @param list its instruments, in display order
     */
    public void setConnector(String name, List<Instrument> list) {
        checkWidget();
        instruments = List.copyOf(list);
        latest.clear();
        shown.clear();
        rows.clear();
        table.removeAll();
        for (int i = 0; i < instruments.size(); i++) {
            Instrument instrument = instruments.get(i);
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(0, instrument.id().symbol());
            for (int c = 1; c < COLUMNS.size(); c++) {
                item.setText(c, PriceFormat.MISSING);
            }
            shown.add(null);
            rows.put(instrument.id(), i);
        }
        if (name == null) {
            nameLabel.setText("No exchange connector");
            detailLabel.setText("waiting for one to be installed or started");
        } else {
            nameLabel.setText(name);
            int n = instruments.size();
            detailLabel.setText(n + (n == 1 ? " instrument" : " instruments"));
            detailLabel.setToolTipText("Double-click a row to show that instrument in the linked views");
        }
        layout(true, true);
    }

    /**
     * Records the latest ticker of an instrument and schedules a refresh. Any thread; cheap.
     *
     * @param ticker the ticker
     */
    public void offer(Ticker ticker) {
        latest.put(ticker.instrument(), ticker);
        throttler.schedule();
    }

    /** Writes the latest tickers into the table now. Display thread. */
    public void refresh() {
        if (isDisposed()) {
            return;
        }
        for (Map.Entry<InstrumentId, Ticker> e : latest.entrySet()) {
            Integer row = rows.get(e.getKey());
            if (row == null || shown.get(row) == e.getValue()) {
                continue;
            }
            Ticker t = e.getValue();
            shown.set(row, t);
            Instrument instrument = instruments.get(row);
            PriceFormat price = PriceFormat.of(instrument.spec());
            TableItem item = table.getItem(row);
            set(item, 1, price.format(t.bid()));
            set(item, 2, price.format(t.ask()));
            set(item, 3, price.format(t.last()));
            set(item, CHANGE_COLUMN, ChangeFormat.percent(t.changeRatio()));
            set(item, 5, SizeFormat.compact(t.volume()));
            set(item, 6, price.format(t.high()));
            set(item, 7, price.format(t.low()));
            Color change = t.changeRatio() == null || t.changeRatio().signum() == 0 ? null
                    : t.changeRatio().signum() > 0 ? TradeColors.BID : TradeColors.ASK;
            if (!Objects.equals(change, item.getForeground(CHANGE_COLUMN))) {
                item.setForeground(CHANGE_COLUMN, change);
            }
        }
    }

    /**
     * Whether the prices shown are current: the connection delivers data (live or polled over REST).
     * Otherwise the last values stay visible, greyed, so nobody mistakes them for the market now.
     *
     * @return true when the data is current or no connector is shown
     */
    public boolean pricesCurrent() {
        ConnectionHealth health = badge.getHealth();
        return health == null || health.state().hasData();
    }

    private void markFreshness() {
        if (isDisposed()) {
            return;
        }
        boolean current = pricesCurrent();
        for (TableItem item : table.getItems()) {
            item.setForeground(current ? null : TradeColors.MUTED);
            if (!current) {
                item.setForeground(CHANGE_COLUMN, TradeColors.MUTED);
            }
        }
        if (current) {
            // Repaint every row so the change column gets its colour back.
            Collections.fill(shown, null);
            refresh();
        }
        table.setToolTipText(current ? null
                : "Connection " + badge.getHealth().state().wireName() + ": prices are the last received");
    }

    private static void set(TableItem item, int column, String text) {
        if (!text.equals(item.getText(column))) {
            item.setText(column, text);
        }
    }

    /**
     * Called with the instrument of a double-clicked (or Enter-pressed) row.
     *
     * @param listener the callback, on the display thread
     */
    public void onInstrumentOpened(Consumer<InstrumentId> listener) {
        opened = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The cell texts, row by row, as shown (for tests and copy).
     *
     * @return one list of {@link #COLUMNS}.size() texts per instrument
     */
    public List<List<String>> rows() {
        checkWidget();
        List<List<String>> result = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            List<String> cells = new ArrayList<>(COLUMNS.size());
            for (int c = 0; c < COLUMNS.size(); c++) {
                cells.add(item.getText(c));
            }
            result.add(List.copyOf(cells));
        }
        return List.copyOf(result);
    }

    /** @return the ticker table */
    public Table table() {
        return table;
    }

    /** @return the health badge in the header */
    public HealthBadge healthBadge() {
        return badge;
    }

    /** @return the connector name shown */
    public String connectorName() {
        return nameLabel.getText();
    }

    /** @return the throttler that refreshes the table (diagnostics and tests) */
    public UiThrottler throttler() {
        return throttler;
    }

    @Override
    public boolean setFocus() {
        return table.setFocus();
    }
}
