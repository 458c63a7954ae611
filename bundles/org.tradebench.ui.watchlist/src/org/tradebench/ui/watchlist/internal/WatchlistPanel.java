package org.tradebench.ui.watchlist.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
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
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.instrument.InstrumentKind;
import org.tradebench.api.market.DayStats;
import org.tradebench.api.market.MarkPrice;
import org.tradebench.api.market.Ticker;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.core.format.ChangeFormat;
import org.tradebench.ui.core.format.ClockFormat;
import org.tradebench.ui.core.format.PriceFormat;
import org.tradebench.ui.core.format.SizeFormat;
import org.tradebench.ui.core.widgets.HealthBadge;
import org.tradebench.ui.core.widgets.Palette;

/**
 * The Watchlist's content: a header and one table row per watched instrument of a running
 * connector: Instrument, Exchange, Last, 24h %, Bid, Ask, Spread (ask − bid), 24h Volume, Mark and
 * Funding. A value the exchange has not sent yet is a dash; a value the market does not have (a
 * spot pair has no mark price or funding, a ticker without a quote has no bid, ask or spread) is
 * blank, and hovering the cell says why. A row whose data is not current (its ticker stream stale,
 * resyncing or failed, or its exchange's market data down) is grey and italic with its last values
 * kept; hovering it says why.
 *
 * <p>The {@code offer...} methods may be called on any thread for every event: they replace the
 * latest value of their instrument and schedule one throttled refresh. Everything else runs on the
 * display thread.
 */
public final class WatchlistPanel extends Composite {

    /** Column titles, in order. */
    public static final List<String> COLUMNS = List.of("Instrument", "Exchange", "Last", "24h %", "Bid", "Ask",
            "Spread", "24h Volume", "Mark", "Funding", "Data");

    static final int LAST = 2, CHANGE = 3, BID = 4, ASK = 5, SPREAD = 6, VOLUME = 7, MARK = 8, FUNDING = 9, DATA = 10;

    private static final Duration REFRESH_INTERVAL = Duration.ofMillis(100);
    private static final String[] SAMPLES = { "BTC/USDT:USDT", "Simulated Exchange", "000,000.00", "+00.00%",
            "000,000.00", "000,000.00", "0,000.00", "000.00M", "000,000.00", "+0.0000%", "reconnecting" };

    private final Label title;
    private final Label detail;
    private final Table table;
    private final Font bold;
    private final Font italic;
    private final UiThrottler throttler;

    // written by connector threads
    private final Map<InstrumentId, Ticker> tickers = new ConcurrentHashMap<>();
    private final Map<InstrumentId, MarkPrice> marks = new ConcurrentHashMap<>();
    private final Map<InstrumentId, DataHealth> tickerHealth = new ConcurrentHashMap<>();
    private final Map<InstrumentId, DataHealth> markHealth = new ConcurrentHashMap<>();
    private final Map<String, ConnectionHealth> connections = new ConcurrentHashMap<>();

    // display thread
    private List<Instrument> rows = List.of();
    private List<String> exchangeNames = List.of();
    private final List<String[]> tips = new ArrayList<>();
    private final List<String> rowTips = new ArrayList<>();
    private Consumer<InstrumentId> opened = id -> {
    };

    /**
     * Creates the panel with no rows.
     *
     * @param parent the parent
     * @param style SWT style bits
     */
    public WatchlistPanel(Composite parent, int style) {
        super(parent, style);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 0;
        setLayout(layout);
        Composite header = new Composite(this, SWT.NONE);
        GridLayout headerLayout = new GridLayout(2, false);
        headerLayout.marginWidth = 8;
        headerLayout.marginHeight = 4;
        headerLayout.horizontalSpacing = 12;
        header.setLayout(headerLayout);
        header.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        title = new Label(header, SWT.NONE);
        FontData[] data = title.getFont().getFontData();
        for (FontData d : data) {
            d.setStyle(SWT.BOLD);
        }
        bold = new Font(getDisplay(), data);
        for (FontData d : data) {
            d.setStyle(SWT.ITALIC);
        }
        italic = new Font(getDisplay(), data);
        title.setFont(bold);
        title.setText("Watchlist");
        detail = new Label(header, SWT.NONE);
        detail.setForeground(Palette.current().muted());
        detail.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        table = new Table(this, SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        GC gc = new GC(table);
        try {
            for (int i = 0; i < COLUMNS.size(); i++) {
                TableColumn column = new TableColumn(table, i < LAST || i == DATA ? SWT.LEFT : SWT.RIGHT);
                column.setText(COLUMNS.get(i));
                column.setWidth(Math.max(gc.textExtent(SAMPLES[i]).x, gc.textExtent(COLUMNS.get(i)).x) + 20);
            }
            new TableColumn(table, SWT.LEFT).setWidth(8); // takes the spare width
        } finally {
            gc.dispose();
        }
        table.addListener(SWT.MouseHover, this::hover);
        table.addListener(SWT.MouseMove, this::hover);
        table.addListener(SWT.DefaultSelection, e -> {
            int i = table.getSelectionIndex();
            if (i >= 0 && i < rows.size()) {
                opened.accept(rows.get(i).id());
            }
        });
        throttler = new UiThrottler(this, REFRESH_INTERVAL, this::refresh);
        addListener(SWT.Dispose, e -> {
            bold.dispose();
            italic.dispose();
        });
        setRows(List.of(), List.of());
        Palette.track(this, p -> { }); // the theme's colours now and at every switch, cells included
    }

    /**
     * Shows these instruments, in this order. Values of instruments no longer shown are forgotten.
     *
     * @param instruments the rows
     * @param exchanges the display name of each row's exchange, same order
     */
    public void setRows(List<Instrument> instruments, List<String> exchanges) {
        checkWidget();
        if (instruments.size() != exchanges.size()) {
            throw new IllegalArgumentException("one exchange name per instrument");
        }
        rows = List.copyOf(instruments);
        exchangeNames = List.copyOf(exchanges);
        List<InstrumentId> ids = rows.stream().map(Instrument::id).toList();
        tickers.keySet().retainAll(ids);
        marks.keySet().retainAll(ids);
        tickerHealth.keySet().retainAll(ids);
        markHealth.keySet().retainAll(ids);
        connections.keySet().retainAll(ids.stream().map(InstrumentId::exchangeId).toList());
        table.setItemCount(rows.size());
        long venues = ids.stream().map(InstrumentId::exchangeId).distinct().count();
        detail.setText(rows.isEmpty() ? "no instrument of a running exchange: add one from the view menu"
                : rows.size() + (rows.size() == 1 ? " instrument" : " instruments") + " on " + venues
                        + (venues == 1 ? " exchange" : " exchanges") + "  \u00b7  double-click to show in linked views");
        refresh();
        layout(true, true);
    }

    /** @param t the latest ticker of its instrument; any thread */
    public void offer(Ticker t) {
        tickers.put(t.instrument(), t);
        throttler.schedule();
    }

    /** @param m the latest mark price of its instrument; any thread */
    public void offer(MarkPrice m) {
        marks.put(m.instrument(), m);
        throttler.schedule();
    }

    /**
     * Records the health of an instrument's ticker stream. Any thread.
     *
     * @param id the instrument
     * @param h the health
     */
    public void offerTickerHealth(InstrumentId id, DataHealth h) {
        tickerHealth.put(id, h);
        throttler.schedule();
    }

    /**
     * Records the health of an instrument's mark price stream. Any thread.
     *
     * @param id the instrument
     * @param h the health
     */
    public void offerMarkHealth(InstrumentId id, DataHealth h) {
        markHealth.put(id, h);
        throttler.schedule();
    }

    /**
     * Records an exchange's connection health. Any thread.
     *
     * @param exchangeId the exchange
     * @param h the health
     */
    public void offerConnection(String exchangeId, ConnectionHealth h) {
        connections.put(exchangeId, h);
        throttler.schedule();
    }

    /** Writes the latest values into the table now. Display thread. */
    public void refresh() {
        if (isDisposed()) {
            return;
        }
        tips.clear();
        rowTips.clear();
        for (int row = 0; row < rows.size(); row++) {
            fill(row, table.getItem(row));
        }
    }

    private void fill(int row, TableItem item) {
        Instrument instrument = rows.get(row);
        InstrumentId id = instrument.id();
        PriceFormat price = PriceFormat.of(instrument.spec());
        Ticker t = tickers.get(id);
        String[] cellTips = new String[COLUMNS.size()];
        String[] text = new String[COLUMNS.size()];
        text[0] = id.symbol();
        text[1] = exchangeNames.get(row);
        text[LAST] = price.format(t == null ? null : t.last());
        BigDecimal change = t == null ? null : changeRatio(t.last(), t.day());
        text[CHANGE] = ChangeFormat.percent(change);
        if (t != null && t.quote() == null) {
            String why = exchangeNames.get(row) + " sends no best bid and ask in this market's ticker";
            text[BID] = text[ASK] = text[SPREAD] = "";
            cellTips[BID] = cellTips[ASK] = cellTips[SPREAD] = why;
        } else {
            text[BID] = price.format(t == null ? null : t.bid());
            text[ASK] = price.format(t == null ? null : t.ask());
            text[SPREAD] = price.format(t == null ? null : t.quote().spread());
            if (t != null) {
                cellTips[SPREAD] = "ask \u2212 bid = " + t.ask().toPlainString() + " \u2212 " + t.bid().toPlainString()
                        + " = " + t.quote().spread().toPlainString() + " (" + spreadBps(t) + " bps of the mid)";
            }
        }
        text[VOLUME] = SizeFormat.compact(t == null ? null : t.volume());
        if (t != null && t.day() != null && t.volume() == null) {
            text[VOLUME] = "";
            cellTips[VOLUME] = exchangeNames.get(row) + " sends no 24-hour volume for this market";
        }
        if (instrument.kind() == InstrumentKind.SPOT) {
            text[MARK] = text[FUNDING] = "";
            cellTips[MARK] = "A spot market has no mark price";
            cellTips[FUNDING] = "A spot market has no funding";
        } else {
            MarkPrice m = marks.get(id);
            DataHealth mh = markHealth.get(id);
            text[MARK] = price.format(m == null ? null : m.markPrice());
            text[FUNDING] = funding(m == null ? null : m.fundingRate());
            if (m != null && m.markPrice() == null) {
                text[MARK] = "";
                cellTips[MARK] = exchangeNames.get(row) + " sends no mark price for this market";
            }
            if (m != null && m.fundingRate() == null) {
                text[FUNDING] = "";
                cellTips[FUNDING] = instrument.kind() == InstrumentKind.FUTURE ? "A dated future has no funding"
                        : exchangeNames.get(row) + " sends no funding rate for this market";
            }
            if (m == null && mh != null && mh.state() == DataState.FAILED) {
                text[MARK] = text[FUNDING] = "";
                cellTips[MARK] = cellTips[FUNDING] = "No mark price or funding: " + mh.cause();
            } else if (m != null && m.nextFunding() != null && m.fundingRate() != null) {
                cellTips[FUNDING] = "next funding at " + ClockFormat.format(m.nextFunding());
            }
        }
        String stale = staleCause(id);
        DataHealth th = tickerHealth.get(id);
        text[DATA] = stale != null ? staleWord(id)
                : th != null && th.state() == DataState.REST_FALLBACK ? "via REST" : "";
        if (stale == null && !text[DATA].isEmpty()) {
            cellTips[DATA] = "Polled over REST while the stream is down" + (th.cause().isBlank() ? "" : ": " + th.cause().strip());
        }
        for (int c = 0; c < text.length; c++) {
            if (!text[c].equals(item.getText(c))) {
                item.setText(c, text[c]);
            }
        }
        boolean current = stale == null;
        Font font = current ? null : italic;
        if (font != explicitFont(item)) {
            item.setFont(font);
        }
        for (int c = 0; c < COLUMNS.size(); c++) {
            Color want = current ? null : Palette.current().muted();
            if (c == DATA) {
                want = Palette.current().warning();
            } else if (current && c == CHANGE && change != null && change.signum() != 0) {
                want = change.signum() > 0 ? Palette.current().bid() : Palette.current().ask();
            }
            // only what changed: a refresh of unchanged rows repaints nothing
            if (!Objects.equals(want, explicitForeground(item, c))) {
                item.setForeground(c, want);
            }
        }
        tips.add(cellTips);
        rowTips.add(stale);
    }

    /** The 24-hour change as a ratio: the exchange's, else from the open 24 hours ago and the last price. */
    static BigDecimal changeRatio(BigDecimal last, DayStats day) {
        if (day == null) {
            return null;
        }
        if (day.changeRatio() != null) {
            return day.changeRatio();
        }
        if (day.open() != null && day.open().signum() > 0 && last != null) {
            return last.subtract(day.open()).divide(day.open(), MathContext.DECIMAL64);
        }
        return null;
    }

    private static String spreadBps(Ticker t) {
        BigDecimal mid = t.mid();
        if (mid.signum() <= 0) {
            return "\u2013";
        }
        return t.quote().spread().multiply(BigDecimal.valueOf(10_000)).divide(mid, 2, RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    /**
     * A funding rate as a signed percentage with four decimals.
     *
     * @param rate the rate per funding period (0.0001 = 0.01%), nullable
     * @return for example {@code "+0.0100%"}, or a dash
     */
    static String funding(BigDecimal rate) {
        if (rate == null) {
            return PriceFormat.MISSING;
        }
        BigDecimal pct = rate.movePointRight(2).setScale(4, RoundingMode.HALF_EVEN);
        return (pct.signum() > 0 ? "+" : "") + pct.toPlainString() + "%";
    }

    /**
     * Why a row's values are not current.
     *
     * @param id the instrument
     * @return the cause, or null while current
     */
    private String staleCause(InstrumentId id) {
        ConnectionHealth connection = connections.get(id.exchangeId());
        if (connection != null) {
            ConnectionState state = HealthBadge.shownState(connection);
            if (!state.hasData()) {
                String cause = connection.session(SessionHealth.MARKET_DATA).map(SessionHealth::cause)
                        .orElse(connection.cause());
                return "Market data " + HealthBadge.stateLabel(state).toLowerCase()
                        + (cause.isBlank() ? "" : ": " + cause.strip()) + ". Values are the last received.";
            }
        }
        DataHealth h = tickerHealth.get(id);
        if (h == null) {
            return null;
        }
        String cause = h.cause().isBlank() ? "" : ": " + h.cause().strip();
        return switch (h.state()) {
            case PENDING, LIVE, REST_FALLBACK -> null;
            case STALE -> "Ticker stale since " + ClockFormat.format(h.since()) + cause + ". Values are the last received.";
            case RESYNCING -> "Ticker resyncing" + cause + ".";
            case FAILED -> "Ticker failed" + cause + ". Values are the last received.";
            case CLOSED -> "Ticker closed" + cause + ".";
        };
    }

    // TableItem answers the table's colour and font when none was set: compare with those
    private Color explicitForeground(TableItem item, int column) {
        Color c = item.getForeground(column);
        return c.equals(table.getForeground()) ? null : c;
    }

    private Font explicitFont(TableItem item) {
        Font f = item.getFont();
        return f.equals(table.getFont()) ? null : f;
    }

    /** The Data column's word for a row that is not current. */
    private String staleWord(InstrumentId id) {
        ConnectionHealth connection = connections.get(id.exchangeId());
        if (connection != null && !HealthBadge.shownState(connection).hasData()) {
            return HealthBadge.shownState(connection).wireName();
        }
        DataHealth h = tickerHealth.get(id);
        return h == null ? "" : h.state().wireName();
    }

    private void hover(Event e) {
        String tip = tipAt(new Point(e.x, e.y));
        if (!Objects.equals(tip, table.getToolTipText())) {
            table.setToolTipText(tip);
        }
    }

    private String tipAt(Point p) {
        TableItem item = table.getItem(p);
        if (item == null) {
            return null;
        }
        int row = table.indexOf(item);
        for (int c = 0; c < COLUMNS.size(); c++) {
            if (item.getBounds(c).contains(p)) {
                return cellTip(row, c);
            }
        }
        return rowStatus(row);
    }

    /**
     * What hovering a cell says: why the row is not current, then why the cell is blank or how it
     * was computed.
     *
     * @param row the row
     * @param column the column
     * @return the tooltip, or null
     */
    public String cellTip(int row, int column) {
        checkWidget();
        String stale = rowStatus(row);
        String cell = row < tips.size() ? tips.get(row)[column] : null;
        if (stale == null) {
            return cell;
        }
        return cell == null ? stale : stale + "\n" + cell;
    }

    /**
     * Why a row is greyed.
     *
     * @param row the row
     * @return the cause, or null while its values are current
     */
    public String rowStatus(int row) {
        checkWidget();
        return row < rowTips.size() ? rowTips.get(row) : null;
    }

    /**
     * Whether a row is shown as not current (grey, italic).
     *
     * @param row the row
     * @return true when greyed
     */
    public boolean isStale(int row) {
        return rowStatus(row) != null;
    }

    /**
     * The cell texts, row by row, as shown.
     *
     * @return one list of {@link #COLUMNS}.size() texts per row
     */
    public List<List<String>> rowTexts() {
        checkWidget();
        return org.tradebench.ui.core.widgets.TableTexts.of(table, COLUMNS.size());
    }

    /** @return the instruments shown, in row order */
    public List<Instrument> instruments() {
        return rows;
    }

    /**
     * The instrument of the selected row.
     *
     * @return the instrument, or null
     */
    public InstrumentId selection() {
        int i = table.getSelectionIndex();
        return i >= 0 && i < rows.size() ? rows.get(i).id() : null;
    }

    /** @param listener called with the instrument of a double-clicked (or Enter-pressed) row */
    public void onInstrumentOpened(Consumer<InstrumentId> listener) {
        opened = Objects.requireNonNull(listener, "listener");
    }

    /** @return the table */
    public Table table() {
        return table;
    }

    /** @return the header's detail text */
    public String detailText() {
        return detail.getText();
    }

    /** @return the refresh throttler (diagnostics and tests) */
    public UiThrottler throttler() {
        return throttler;
    }

    @Override
    public boolean setFocus() {
        return table.setFocus();
    }
}
