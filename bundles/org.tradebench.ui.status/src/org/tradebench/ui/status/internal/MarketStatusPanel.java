package org.tradebench.ui.status.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
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
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.DayStats;
import org.tradebench.api.market.Ticker;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.core.format.ChangeFormat;
import org.tradebench.ui.core.format.PriceFormat;
import org.tradebench.ui.core.format.SizeFormat;
import org.tradebench.ui.core.widgets.HealthBadge;
import org.tradebench.ui.core.widgets.Palette;

/**
 * The Market Status view's content: the connector's name and a {@link HealthBadge} with counters
 * (the market data session's state, hints for other sessions) over a ticker table, one row per
 * instrument.
 *
 * <p>A cell shows what the latest ticker has and a dash for what it has not: an exchange that sends
 * no best bid and ask in its ticker (Binance USD-M, Backpack) leaves Bid and Ask dashed, one without
 * day statistics leaves 24h %, Volume, High and Low dashed. Nothing is carried over from an older
 * ticker or computed from other values. The Data column says in a word when a row's stream is not
 * live (stale, resyncing, via REST, failed); hovering the row shows why (the exchange's text for a
 * failed stream). Such rows, and every row while the market data session has no data, are greyed
 * with their last values kept.
 *
 * <p>{@link #offer(Ticker)} and {@link #offerHealth(InstrumentId, DataHealth)} may be called on any
 * thread for every event: they replace the latest value of their instrument and schedule a
 * throttled refresh, which rewrites only the cells whose text changed. Everything else runs on the
 * display thread.
 */
public final class MarketStatusPanel extends Composite {

    /** Column titles, in order. */
    public static final List<String> COLUMNS = List.of("Symbol", "Bid", "Ask", "Last", "24h %", "Volume", "High",
            "Low", "Data");

    // tickers change many times a second; ten table refreshes a second stay readable and cheap
    private static final Duration REFRESH_INTERVAL = Duration.ofMillis(100);
    private static final int CHANGE_COLUMN = 4;
    private static final int DATA_COLUMN = 8;
    private static final String[] SAMPLES = { "BTC/USD:USD", "000,000.00", "000,000.00", "000,000.00", "+00.00%",
            "000.00M", "000,000.00", "000,000.00", "resyncing" };

    private final Label nameLabel;
    private final Label detailLabel;
    private final HealthBadge badge;
    private final Table table;
    private final Font bold;
    private final UiThrottler throttler;

    // display thread
    private List<Instrument> instruments = List.of();
    private final List<Ticker> shown = new ArrayList<>();
    private final List<DataHealth> shownHealth = new ArrayList<>();
    private final Map<InstrumentId, Integer> rows = new HashMap<>();
    private Consumer<InstrumentId> opened = id -> {
    };

    // written by connector threads
    private final Map<InstrumentId, Ticker> latest = new ConcurrentHashMap<>();
    private final Map<InstrumentId, DataHealth> latestHealth = new ConcurrentHashMap<>();

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
        detailLabel.setForeground(Palette.current().muted());
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
                TableColumn column = new TableColumn(table, i == 0 || i == DATA_COLUMN ? SWT.LEFT : SWT.RIGHT);
                column.setText(COLUMNS.get(i));
                column.setWidth(Math.max(gc.textExtent(SAMPLES[i]).x, gc.textExtent(COLUMNS.get(i)).x) + 24);
            }
            // an empty last column takes the spare width (GTK stretches the last column), so "Low"
            // keeps its width next to "High"
            new TableColumn(table, SWT.LEFT).setWidth(8);
        } finally {
            gc.dispose();
        }
        // the Data cell holds a word: hovering a row says why
        table.addListener(SWT.MouseHover, this::hover);
        table.addListener(SWT.DefaultSelection, e -> {
            int i = table.getSelectionIndex();
            if (i >= 0 && i < instruments.size()) {
                opened.accept(instruments.get(i).id());
            }
        });

        throttler = new UiThrottler(this, REFRESH_INTERVAL, this::refresh);
        addListener(SWT.Dispose, e -> bold.dispose());
        setConnector(null, List.of());
        Palette.track(this, p -> { }); // the theme's colours now and at every switch, cells included
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
        latestHealth.clear();
        shown.clear();
        shownHealth.clear();
        rows.clear();
        table.removeAll();
        for (int i = 0; i < instruments.size(); i++) {
            Instrument instrument = instruments.get(i);
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(0, instrument.id().symbol());
            for (int c = 1; c < DATA_COLUMN; c++) {
                item.setText(c, PriceFormat.MISSING);
            }
            shown.add(null);
            shownHealth.add(null);
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

    /**
     * Records the latest health of an instrument's ticker stream and schedules a refresh. Any
     * thread; cheap.
     *
     * @param instrument the instrument
     * @param health the stream's health
     */
    public void offerHealth(InstrumentId instrument, DataHealth health) {
        latestHealth.put(Objects.requireNonNull(instrument, "instrument"), Objects.requireNonNull(health, "health"));
        throttler.schedule();
    }

    /** Writes the latest tickers and stream states into the table now. Display thread. */
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
            DayStats day = t.day();
            TableItem item = table.getItem(row);
            // every part of a ticker may be absent: PriceFormat shows null as a dash
            set(item, 1, price.format(t.bid()));
            set(item, 2, price.format(t.ask()));
            set(item, 3, price.format(t.last()));
            set(item, CHANGE_COLUMN, ChangeFormat.percent(day == null ? null : day.changeRatio()));
            set(item, 5, SizeFormat.compact(t.volume()));
            set(item, 6, price.format(day == null ? null : day.high()));
            set(item, 7, price.format(day == null ? null : day.low()));
            colour(row);
        }
        for (Map.Entry<InstrumentId, DataHealth> e : latestHealth.entrySet()) {
            Integer row = rows.get(e.getKey());
            if (row == null || shownHealth.get(row) == e.getValue()) {
                continue;
            }
            shownHealth.set(row, e.getValue());
            set(table.getItem(row), DATA_COLUMN, stateWord(e.getValue()));
            colour(row);
        }
    }

    /** What the Data column says about a stream: nothing while it is live or waiting for its first ticker. */
    private static String stateWord(DataHealth health) {
        if (health == null) {
            return "";
        }
        return switch (health.state()) {
            case PENDING, LIVE -> "";
            case STALE -> "stale";
            case RESYNCING -> "resyncing";
            case REST_FALLBACK -> "via REST";
            case FAILED -> "failed";
            case CLOSED -> "closed";
        };
    }

    /**
     * What is wrong with a row's ticker stream, as the row's tooltip says it.
     *
     * @param row the row, 0 for the first instrument
     * @return {@code ""} while the stream is live or pending, else for example {@code "stale: no
     *         ticker for 30 s"} or {@code "failed: Bitfinex: symbol: invalid (10300)"}
     */
    public String streamStatus(int row) {
        checkWidget();
        DataHealth health = shownHealth.get(row);
        String word = stateWord(health);
        if (word.isEmpty()) {
            return "";
        }
        return health.cause().isBlank() ? word : word + ": " + health.cause().strip();
    }

    private static boolean streamCurrent(DataHealth health) {
        return health == null || !(health.state() == DataState.STALE || health.state().isFinal());
    }

    /**
     * Whether the prices shown are current: the market data session delivers data (live or polled
     * over REST). Otherwise the last values stay visible, greyed, so nobody mistakes them for the
     * market now.
     *
     * @return true when the data is current or no connector is shown
     */
    public boolean pricesCurrent() {
        ConnectionState state = badge.getState();
        return state == null || state.hasData();
    }

    /**
     * Whether one row's prices are current: the connection has data and the row's stream is not
     * stale, failed or closed.
     *
     * @param row the row, 0 for the first instrument
     * @return true when current
     */
    public boolean rowCurrent(int row) {
        checkWidget();
        return pricesCurrent() && streamCurrent(shownHealth.get(row));
    }

    private void colour(int row) {
        TableItem item = table.getItem(row);
        boolean current = rowCurrent(row);
        for (int c = 0; c < DATA_COLUMN; c++) {
            Color want = current ? null : Palette.current().muted();
            if (c == CHANGE_COLUMN && current) {
                Ticker t = shown.get(row);
                BigDecimal ratio = t == null || t.day() == null ? null : t.day().changeRatio();
                want = ratio == null || ratio.signum() == 0 ? null : ratio.signum() > 0 ? Palette.current().bid() : Palette.current().ask();
            }
            if (!Objects.equals(want, explicitForeground(item, c))) {
                item.setForeground(c, want);
            }
        }
        Color data = shownHealth.get(row) != null && shownHealth.get(row).state() == DataState.FAILED
                ? Palette.current().ask() : Palette.current().warning();
        if (!Objects.equals(data, explicitForeground(item, DATA_COLUMN))) {
            item.setForeground(DATA_COLUMN, data);
        }
    }

    // TableItem.getForeground(int) answers the table's colour when none was set: compare with that
    private Color explicitForeground(TableItem item, int column) {
        Color c = item.getForeground(column);
        return c.equals(table.getForeground()) ? null : c;
    }

    private void markFreshness() {
        if (isDisposed()) {
            return;
        }
        for (int row = 0; row < table.getItemCount(); row++) {
            colour(row);
        }
        ConnectionState state = badge.getState();
        table.setToolTipText(pricesCurrent() ? null
                : "Market data " + state.wireName() + ": prices are the last received");
    }

    private void hover(Event e) {
        TableItem item = table.getItem(new Point(e.x, e.y));
        int row = item == null ? -1 : table.indexOf(item);
        String cause = row < 0 ? "" : streamStatus(row);
        String tip = !cause.isEmpty() ? item.getText(0) + " " + cause
                : pricesCurrent() ? null : "Market data " + badge.getState().wireName() + ": prices are the last received";
        if (!Objects.equals(tip, table.getToolTipText())) {
            table.setToolTipText(tip);
        }
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
        return org.tradebench.ui.core.widgets.TableTexts.of(table, COLUMNS.size());
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
