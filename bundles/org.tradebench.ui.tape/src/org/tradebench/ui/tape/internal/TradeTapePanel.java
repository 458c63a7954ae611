package org.tradebench.ui.tape.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
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
import org.tradebench.api.market.Side;
import org.tradebench.api.market.Trade;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.core.format.ClockFormat;
import org.tradebench.ui.core.format.PriceFormat;
import org.tradebench.ui.core.format.SizeFormat;
import org.tradebench.ui.core.widgets.HealthBadge;
import org.tradebench.ui.core.widgets.Palette;

/**
 * The Trade Tape's content: a header (instrument, connector health, trade stream state, highlight
 * threshold), a banner that says when the trades shown are not live, and a virtual table of the
 * latest trades, newest first: Time (exchange time), Price, Size, Side. Price and Side are in the
 * taker side's colour (buy green, sell red); a trade whose size is at or above the threshold has
 * a highlighted background and bold text. While the trades are not live every row is greyed, the
 * highlight kept.
 *
 * <p>{@link #offer(Trade)} and {@link #offerHealth} may be called on any thread for
 * every event: they record into the ring (or the latest health) and schedule one throttled
 * refresh, which copies the ring and lets the virtual table ask for the visible rows only.
 * Everything else runs on the display thread.
 */
public final class TradeTapePanel extends Composite {

    /** Column titles, in order. */
    public static final List<String> COLUMNS = List.of("Time", "Price", "Size", "Side");

    /** The background of a trade at or above the size threshold. */
    public static final Color HIGHLIGHT = Palette.LIGHT.flash();

    private static final String[] SAMPLES = { "00:00:00.000", "000,000.00", "00,000.0000", "Sell" };

    private final Label instrumentLabel;
    private final HealthBadge badge;
    private final Label streamLabel;
    private final Label thresholdLabel;
    private final Label banner;
    private final Table table;
    private final Font bold;
    private final UiThrottler throttler;
    private final TradeRing ring;

    // written by the connector's delivery thread
    private volatile DataHealth latestHealth;
    // the instrument whose trades are accepted: a callback of the previous stream may still finish
    private volatile org.tradebench.api.instrument.InstrumentId accepting;

    // display thread
    private Instrument instrument;
    private PriceFormat priceFormat = PriceFormat.withScale(2);
    private SizeFormat sizeFormat = SizeFormat.withScale(4);
    private BigDecimal threshold;
    private List<Trade> shown = List.of();
    private DataHealth shownHealth;
    private boolean live = true;
    private String message;

    /**
     * Creates the panel showing nothing, with the default ring size.
     *
     * @param parent the parent
     * @param style SWT style bits
     */
    public TradeTapePanel(Composite parent, int style) {
        this(parent, style, TradeRing.DEFAULT_CAPACITY);
        Palette.track(this, p -> { }); // the theme's colours now and at every switch, cells included
    }

    /**
     * Creates the panel showing nothing.
     *
     * @param parent the parent
     * @param style SWT style bits
     * @param capacity the most trades kept and shown
     */
    public TradeTapePanel(Composite parent, int style, int capacity) {
        super(parent, style);
        ring = new TradeRing(capacity);
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

        instrumentLabel = new Label(header, SWT.NONE);
        FontData[] data = instrumentLabel.getFont().getFontData();
        for (FontData d : data) {
            d.setStyle(SWT.BOLD);
        }
        bold = new Font(getDisplay(), data);
        instrumentLabel.setFont(bold);
        streamLabel = new Label(header, SWT.NONE);
        thresholdLabel = new Label(header, SWT.NONE);
        thresholdLabel.setForeground(Palette.current().muted());
        thresholdLabel.setToolTipText("Set the highlight threshold in the view menu");
        badge = new HealthBadge(header, SWT.NONE);
        // its own line: latency, rate and the other sessions' hints need the width
        badge.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        badge.addListener(SWT.Modify, e -> refresh());

        banner = new Label(this, SWT.WRAP);
        banner.setForeground(Palette.current().warning());
        GridData bannerData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        bannerData.horizontalIndent = 8;
        bannerData.exclude = true;
        banner.setLayoutData(bannerData);
        banner.setVisible(false);

        table = new Table(this, SWT.VIRTUAL | SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        GC gc = new GC(table);
        try {
            for (int i = 0; i < COLUMNS.size(); i++) {
                TableColumn column = new TableColumn(table, i == 0 || i == 3 ? SWT.LEFT : SWT.RIGHT);
                column.setText(COLUMNS.get(i));
                column.setWidth(Math.max(gc.textExtent(SAMPLES[i]).x, gc.textExtent(COLUMNS.get(i)).x) + 24);
            }
            new TableColumn(table, SWT.LEFT).setWidth(8); // takes the spare width
        } finally {
            gc.dispose();
        }
        table.addListener(SWT.SetData, this::fill);

        throttler = new UiThrottler(this, UiThrottler.DEFAULT_INTERVAL, this::refresh);
        addListener(SWT.Dispose, e -> bold.dispose());
        setThreshold(null);
        setInstrument(null, null);
    }

    /**
     * Shows another instrument (or none): forgets the trades and the stream's health.
     *
     * @param shownInstrument the instrument, nullable for none
     * @param text what to say instead of trades while there are none (why nothing is shown),
     *        nullable
     */
    public void setInstrument(Instrument shownInstrument, String text) {
        checkWidget();
        instrument = shownInstrument;
        message = text;
        accepting = shownInstrument == null ? null : shownInstrument.id();
        ring.clear();
        latestHealth = null;
        shownHealth = null;
        if (shownInstrument != null) {
            priceFormat = PriceFormat.of(shownInstrument.spec());
            sizeFormat = SizeFormat.of(shownInstrument.spec());
            instrumentLabel.setText(shownInstrument.id().symbol());
        } else {
            instrumentLabel.setText("No instrument");
        }
        refresh();
        getParent().layout(true, true);
    }

    /**
     * Sets the size at and above which a trade is highlighted.
     *
     * @param size the size threshold, nullable for no highlighting
     */
    public void setThreshold(BigDecimal size) {
        checkWidget();
        if (size != null && size.signum() <= 0) {
            throw new IllegalArgumentException("threshold must be > 0, was " + size);
        }
        threshold = size;
        thresholdLabel.setText(size == null ? "Highlight: off"
                : "Highlight \u2265 " + size.stripTrailingZeros().toPlainString());
        if (!isDisposed()) {
            table.clearAll();
            layout(true, true);
        }
    }

    /**
     * The size threshold.
     *
     * @return the threshold, or null when off
     */
    public BigDecimal threshold() {
        return threshold;
    }

    /**
     * Records a trade and schedules a refresh. Any thread; cheap.
     *
     * @param trade the trade
     */
    public void offer(Trade trade) {
        if (!trade.instrument().equals(accepting)) {
            return;
        }
        ring.add(trade);
        throttler.schedule();
    }

    /**
     * Records the trade stream's health and schedules a refresh. Any thread; cheap.
     *
     * @param of the instrument of the stream
     * @param health the stream's health
     */
    public void offerHealth(org.tradebench.api.instrument.InstrumentId of, DataHealth health) {
        if (!of.equals(accepting)) {
            return;
        }
        latestHealth = Objects.requireNonNull(health, "health");
        throttler.schedule();
    }

    /** Copies the ring and the stream state into the table now. Display thread. */
    public void refresh() {
        if (isDisposed()) {
            return;
        }
        shown = ring.newestFirst();
        shownHealth = latestHealth;
        live = computeLive();
        // set and laid out only when it changed: a label's new text makes GTK measure the window again
        String stream = streamText();
        boolean streamChanged = !stream.equals(streamLabel.getText());
        if (streamChanged) {
            streamLabel.setText(stream);
        }
        org.eclipse.swt.graphics.Color streamColour = live ? Palette.current().live()
                : shownHealth != null && shownHealth.state().isFinal() ? Palette.current().failed() : Palette.current().warning();
        if (!streamColour.equals(streamLabel.getForeground())) {
            streamLabel.setForeground(streamColour);
        }
        String notice = notLiveNotice();
        boolean showBanner = notice != null;
        if (showBanner != banner.getVisible() || (showBanner && !notice.equals(banner.getText()))) {
            banner.setText(showBanner ? notice : "");
            banner.setVisible(showBanner);
            ((GridData) banner.getLayoutData()).exclude = !showBanner;
            layout(true, true);
        }
        table.setItemCount(shown.size());
        table.clearAll(); // virtual: only the visible rows ask for their data again
        String tip = showBanner ? notice : null;
        if (!Objects.equals(tip, table.getToolTipText())) {
            table.setToolTipText(tip);
        }
        if (streamChanged) {
            streamLabel.getParent().layout(true);
        }
    }

    private boolean computeLive() {
        ConnectionState connection = badge.getState();
        if (connection != null && !connection.hasData()) {
            return false;
        }
        DataHealth h = shownHealth;
        return h == null || h.state() == DataState.LIVE || h.state() == DataState.PENDING;
    }

    private String streamText() {
        if (instrument == null) {
            return message == null ? "" : message;
        }
        DataHealth h = shownHealth;
        String state = h == null ? (ring.added() > 0 ? "live" : "waiting for the first trade") : switch (h.state()) {
            case PENDING -> "waiting for the first trade";
            case LIVE -> "live";
            case STALE -> "stale";
            case RESYNCING -> "resyncing";
            case REST_FALLBACK -> "via REST (delayed)";
            case FAILED -> "failed";
            case CLOSED -> "closed";
        };
        long n = ring.added();
        return "Trades " + state + "  \u00b7  " + n + (n == 1 ? " trade" : " trades");
    }

    /**
     * What the banner says when the trades shown are not the market now.
     *
     * @return the notice, or null while the trades are live
     */
    public String notLiveNotice() {
        if (instrument == null) {
            return message;
        }
        DataHealth h = shownHealth;
        ConnectionState connection = badge.getState();
        if (h != null && h.state().isFinal()) {
            return "Not live: the trade stream " + h.state().wireName() + causeOf(h.cause())
                    + ". The trades shown are the last received.";
        }
        if (connection != null && !connection.hasData()) {
            return "Not live: market data " + HealthBadge.stateLabel(connection).toLowerCase()
                    + ". The trades shown are the last received.";
        }
        if (h != null && h.state() == DataState.STALE) {
            return "Not live: no trade received since " + ClockFormat.format(h.lastMessage() != null ? h.lastMessage() : h.since())
                    + causeOf(h.cause()) + ". Trades may be missing.";
        }
        if (h != null && h.state() == DataState.RESYNCING) {
            return "Not live: the trade stream is resyncing" + causeOf(h.cause()) + ".";
        }
        if (h != null && h.state() == DataState.REST_FALLBACK) {
            return "Trades polled over REST while the stream is down" + causeOf(h.cause()) + ": they arrive late.";
        }
        return null;
    }

    private static String causeOf(String cause) {
        return cause == null || cause.isBlank() ? "" : " (" + cause.strip() + ")";
    }

    /**
     * Whether the trades shown are live.
     *
     * @return false while the stream or the connection has no current data
     */
    public boolean isLive() {
        return live;
    }

    private void fill(Event e) {
        TableItem item = (TableItem) e.item;
        int index = table.indexOf(item);
        if (index < 0 || index >= shown.size()) {
            return;
        }
        Trade t = shown.get(index);
        item.setText(new String[] { ClockFormat.format(t.time()), priceFormat.format(t.price()),
                sizeFormat.format(t.quantity()), t.takerSide() == Side.BUY ? "Buy" : "Sell", "" });
        Color side = live ? sideColour(t.takerSide()) : Palette.current().muted();
        Color plain = live ? null : Palette.current().muted();
        item.setForeground(0, plain);
        item.setForeground(1, side);
        item.setForeground(2, plain);
        item.setForeground(3, side);
        boolean big = isHighlighted(t);
        item.setBackground(big ? Palette.current().flash() : null);
        item.setFont(big ? bold : null);
    }

    private boolean isHighlighted(Trade t) {
        return threshold != null && t.quantity().compareTo(threshold) >= 0;
    }

    /**
     * The colour of a taker side.
     *
     * @param side the side
     * @return green for buy, red for sell
     */
    public static Color sideColour(Side side) {
        return side == Side.BUY ? Palette.current().bid() : Palette.current().ask();
    }

    /**
     * The trades shown, newest first (for tests).
     *
     * @return the trades of the last refresh
     */
    public List<Trade> shownTrades() {
        return shown;
    }

    /**
     * The cell texts of every row, as the table shows them (materialises the virtual rows).
     *
     * @return one list of {@link #COLUMNS}.size() texts per row, newest first
     */
    public List<List<String>> rows() {
        checkWidget();
        return org.tradebench.ui.core.widgets.TableTexts.of(table, COLUMNS.size());
    }

    /** @return the trade table */
    public Table table() {
        return table;
    }

    /** @return the health badge in the header */
    public HealthBadge healthBadge() {
        return badge;
    }

    /** @return the text of the trade stream's state in the header */
    public String streamStatus() {
        return streamLabel.getText();
    }

    /** @return the threshold text in the header */
    public String thresholdText() {
        return thresholdLabel.getText();
    }

    /** @return the instrument shown, or null */
    public Instrument instrument() {
        return instrument;
    }

    /** @return the refresh throttler (diagnostics and tests) */
    public UiThrottler throttler() {
        return throttler;
    }

    /** @return the ring the table shows */
    public TradeRing ring() {
        return ring;
    }

    @Override
    public boolean setFocus() {
        return table.setFocus();
    }
}
