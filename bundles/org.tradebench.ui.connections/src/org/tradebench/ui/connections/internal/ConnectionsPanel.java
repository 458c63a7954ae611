package org.tradebench.ui.connections.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.tradebench.api.ConnectionControl;
import org.tradebench.api.ConnectionControl.TransportMode;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.health.ConnectionHealth;
import org.tradebench.api.health.ConnectionState;
import org.tradebench.api.health.SessionHealth;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.core.format.LatencyFormat;
import org.tradebench.ui.core.format.RateFormat;
import org.tradebench.ui.core.widgets.Palette;

/**
 * The Connections view's content: one row per session of every connector (market data, order
 * entry, account stream, and whatever else the connector reports) with its state, cause, latency,
 * message rate, data source, reconnects and errors; above it, the switches of the selected row's
 * connector: Connect, Disconnect and the data source (WebSocket with REST fallback, WebSocket only,
 * REST only). A connector that offers no switches leaves them disabled and says so.
 *
 * <p>{@link #changed()} may be called on any thread; the table is rewritten by a throttled refresh
 * on the display thread, only the cells whose text changed.
 */
public final class ConnectionsPanel extends Composite {

    /** Column titles, in order. */
    public static final List<String> COLUMNS = List.of("Exchange", "Session", "State", "Cause", "Latency",
            "Msgs/s", "Source", "Reconnects", "Errors");

    /** The data-source choices, in the order of {@link TransportMode#values()}. */
    static final List<String> MODE_LABELS = List.of("WebSocket, REST while down", "WebSocket only", "REST only");

    private static final Duration REFRESH_INTERVAL = Duration.ofMillis(200);
    private static final int STATE_COLUMN = 2;
    private static final String[] SAMPLES = { "Binance USD-M", "market-streams", "rest-fallback",
        "stream down (connection reset); data polled over REST", "0,000 ms", "00,000/s", "websocket", "0000", "0000" };

    private final Table table;
    private final Label selectedLabel;
    private final Button connectButton;
    private final Button disconnectButton;
    private final Label sourceLabel;
    private final Combo modeCombo;
    private final Label noteLabel;
    private final UiThrottler throttler;
    private HealthFeed feed;

    // display thread
    private List<Row> rows = List.of();
    private String selectedId;
    /** The connector's answer to the last refused choice, shown until the next choice or selection. */
    private String refusal;

    /** One table row: a session of a connector. */
    private record Row(ExchangeConnector connector, String exchangeId, String session) {
    }

    /**
     * Creates the panel, empty until {@link #setFeed(HealthFeed)}.
     *
     * @param parent the parent
     * @param style SWT style bits
     */
    public ConnectionsPanel(Composite parent, int style) {
        super(parent, style);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 0;
        setLayout(layout);

        Composite bar = new Composite(this, SWT.NONE);
        GridLayout barLayout = new GridLayout(6, false);
        barLayout.marginWidth = 8;
        barLayout.marginHeight = 4;
        barLayout.horizontalSpacing = 8;
        bar.setLayout(barLayout);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        selectedLabel = new Label(bar, SWT.NONE);
        selectedLabel.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false));
        connectButton = new Button(bar, SWT.PUSH);
        connectButton.setText("Connect");
        connectButton.setToolTipText("Connect the selected exchange's market data again and resubscribe every stream");
        connectButton.addListener(SWT.Selection, e -> connectSelected());
        disconnectButton = new Button(bar, SWT.PUSH);
        disconnectButton.setText("Disconnect");
        disconnectButton.setToolTipText("Close the selected exchange's market data connections: every stream of it "
                + "shows as stale until Connect. Order entry and the account stream stay connected.");
        disconnectButton.addListener(SWT.Selection, e -> disconnectSelected());
        sourceLabel = new Label(bar, SWT.NONE);
        sourceLabel.setText("Data source:");
        sourceLabel.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false));
        modeCombo = new Combo(bar, SWT.READ_ONLY | SWT.DROP_DOWN);
        modeCombo.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false));
        for (String label : MODE_LABELS) {
            modeCombo.add(label);
        }
        modeCombo.setToolTipText("Where the selected exchange's market data comes from");
        modeCombo.addListener(SWT.Selection, e -> modeChosen());
        noteLabel = new Label(bar, SWT.NONE);
        noteLabel.setForeground(Palette.current().muted());
        noteLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        table = new Table(this, SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        GC gc = new GC(table);
        try {
            for (int i = 0; i < COLUMNS.size(); i++) {
                TableColumn column = new TableColumn(table, i >= 4 && i != 6 ? SWT.RIGHT : SWT.LEFT);
                column.setText(COLUMNS.get(i));
                int width = Math.max(gc.textExtent(SAMPLES[i]).x, gc.textExtent(COLUMNS.get(i)).x) + 24;
                column.setWidth(i == 3 ? Math.min(width, 360) : width);
            }
            new TableColumn(table, SWT.LEFT).setWidth(8);
        } finally {
            gc.dispose();
        }
        table.addListener(SWT.Selection, e -> {
            int i = table.getSelectionIndex();
            selectedId = i >= 0 && i < rows.size() ? rows.get(i).exchangeId() : null;
            refusal = null;
            updateSwitches();
        });
        throttler = new UiThrottler(this, REFRESH_INTERVAL, this::refresh);
        Palette.track(this, p -> {
            noteLabel.setForeground(p.muted());
            rows = List.of(); // recolour every row
            refresh();
        });
        refresh();
    }

    /**
     * Shows the connectors of a feed (the panel does not close it).
     *
     * @param healthFeed the feed
     */
    public void setFeed(HealthFeed healthFeed) {
        checkWidget();
        this.feed = healthFeed;
        refresh();
    }

    /** Something changed: schedules a refresh. Any thread. */
    public void changed() {
        throttler.schedule();
    }

    /** Rewrites the table from the feed now. Display thread. */
    public void refresh() {
        if (isDisposed()) {
            return;
        }
        List<HealthFeed.Entry> entries = feed == null ? List.of() : feed.entries();
        List<Row> want = new ArrayList<>();
        List<String[]> texts = new ArrayList<>();
        List<ConnectionState> states = new ArrayList<>();
        for (HealthFeed.Entry e : entries) {
            String id = idOf(e.connector());
            String name = nameOf(e.connector(), id);
            ConnectionHealth h = e.health();
            if (h == null || h.sessions().isEmpty()) {
                want.add(new Row(e.connector(), id, ""));
                texts.add(new String[] { name, "", h == null ? "" : h.state().wireName(), h == null ? "" : h.cause(),
                    h == null ? "" : LatencyFormat.format(h.latency()),
                    h == null ? "" : RateFormat.messages(h.messagesPerSecond()), "",
                    h == null ? "" : Long.toString(h.reconnects()), h == null ? "" : Long.toString(h.errors()) });
                states.add(h == null ? null : h.state());
                continue;
            }
            for (SessionHealth s : h.sessions().values()) {
                want.add(new Row(e.connector(), id, s.name()));
                texts.add(new String[] { name, s.name(), s.state().wireName(), s.cause(), LatencyFormat.format(s.latency()),
                    RateFormat.messages(s.messagesPerSecond()), s.source().wireName(), Long.toString(s.reconnects()),
                    Long.toString(s.errors()) });
                states.add(s.state());
            }
        }
        if (!want.equals(rows)) {
            table.removeAll();
            for (int i = 0; i < want.size(); i++) {
                new TableItem(table, SWT.NONE);
            }
            rows = List.copyOf(want);
            int select = -1;
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).exchangeId().equals(selectedId)) {
                    select = i;
                    break;
                }
            }
            if (select < 0 && !rows.isEmpty()) {
                select = 0;
                selectedId = rows.get(0).exchangeId();
            } else if (rows.isEmpty()) {
                selectedId = null;
            }
            if (select >= 0) {
                table.setSelection(select);
            }
        }
        Palette palette = Palette.current();
        for (int i = 0; i < rows.size(); i++) {
            TableItem item = table.getItem(i);
            String[] cells = texts.get(i);
            for (int c = 0; c < cells.length; c++) {
                String text = cells[c] == null ? "" : cells[c];
                if (!text.equals(item.getText(c))) {
                    item.setText(c, text);
                }
            }
            ConnectionState state = states.get(i);
            Color colour = state == null ? null : palette.of(state);
            if (!Objects.equals(colour, explicit(item, STATE_COLUMN))) {
                item.setForeground(STATE_COLUMN, colour);
            }
        }
        updateSwitches();
    }

    private Color explicit(TableItem item, int column) {
        Color c = item.getForeground(column);
        return c.equals(table.getForeground()) ? null : c;
    }

    private void updateSwitches() {
        Optional<ExchangeConnector> selected = selectedConnector();
        Optional<ConnectionControl> control = selected.flatMap(ConnectionsPanel::controlOf);
        String name = selected.map(c -> nameOf(c, idOf(c))).orElse("No exchange connector");
        setIfChanged(selectedLabel, name);
        boolean has = control.isPresent();
        boolean connected = control.map(ConnectionControl::isConnected).orElse(true);
        setEnabledIfChanged(connectButton, has && !connected);
        setEnabledIfChanged(disconnectButton, has && connected);
        setEnabledIfChanged(modeCombo, has && control.get().transportModes().size() > 1);
        // one source (the simulated exchange, a connector without REST): no choice to show, only the note
        boolean oneSource = has && control.get().transportModes().size() == 1;
        setShownIfChanged(sourceLabel, !oneSource);
        setShownIfChanged(modeCombo, !oneSource);
        int mode = control.map(c -> c.transportMode().ordinal()).orElse(0);
        if (modeCombo.getSelectionIndex() != mode) {
            modeCombo.select(mode);
        }
        String note = refusal != null ? refusal : selected.isEmpty() ? "" : !has ? "this connector offers no connection switches"
                : !connected ? "disconnected: its streams show their last values as stale"
                : control.get().transportModes().size() == 1 ? "its data has a single source" : "";
        setIfChanged(noteLabel, note);
        if (!selectedLabel.getParent().isDisposed()) {
            selectedLabel.getParent().layout(true);
        }
    }

    private static void setIfChanged(Label label, String text) {
        if (!text.equals(label.getText())) {
            label.setText(text);
        }
    }

    private static void setShownIfChanged(org.eclipse.swt.widgets.Control control, boolean shown) {
        GridData data = (GridData) control.getLayoutData();
        if (data.exclude == shown || control.getVisible() != shown) {
            data.exclude = !shown;
            control.setVisible(shown);
        }
    }

    private static void setEnabledIfChanged(org.eclipse.swt.widgets.Control control, boolean enabled) {
        if (control.getEnabled() != enabled) {
            control.setEnabled(enabled);
        }
    }

    private Optional<ExchangeConnector> selectedConnector() {
        for (Row r : rows) {
            if (r.exchangeId().equals(selectedId)) {
                return Optional.of(r.connector());
            }
        }
        return Optional.empty();
    }

    /**
     * The selected row's connector's switches.
     *
     * @return the control, or empty when nothing is selected or the connector offers none
     */
    public Optional<ConnectionControl> selectedControl() {
        checkWidget();
        return selectedConnector().flatMap(ConnectionsPanel::controlOf);
    }

    /**
     * Selects the first row of a connector.
     *
     * @param exchangeId the connector's id
     * @return whether it is shown
     */
    public boolean select(String exchangeId) {
        checkWidget();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).exchangeId().equals(exchangeId)) {
                selectedId = exchangeId;
                refusal = null;
                table.setSelection(i);
                updateSwitches();
                return true;
            }
        }
        return false;
    }

    /** What the Connect button does. */
    public void connectSelected() {
        selectedControl().ifPresent(ConnectionControl::connect);
        updateSwitches();
        changed();
    }

    /** What the Disconnect button does. */
    public void disconnectSelected() {
        selectedControl().ifPresent(ConnectionControl::disconnect);
        updateSwitches();
        changed();
    }

    /**
     * Chooses the data source of the selected connector (what the combo does).
     *
     * @param mode the mode
     */
    public void chooseMode(TransportMode mode) {
        checkWidget();
        Optional<ConnectionControl> control = selectedControl();
        if (control.isEmpty()) {
            return;
        }
        try {
            control.get().transportMode(mode);
            refusal = null;
        } catch (IllegalArgumentException e) {
            refusal = e.getMessage();
        }
        updateSwitches();
        changed();
    }

    private void modeChosen() {
        int i = modeCombo.getSelectionIndex();
        if (i >= 0) {
            chooseMode(TransportMode.values()[i]);
        }
    }

    private static Optional<ConnectionControl> controlOf(ExchangeConnector c) {
        try {
            return c.connectionControl();
        } catch (RuntimeException e) {
            return Optional.empty(); // unregistered meanwhile: the next refresh drops it
        }
    }

    private static String idOf(ExchangeConnector c) {
        try {
            return c.id();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static String nameOf(ExchangeConnector c, String id) {
        try {
            return c.displayName();
        } catch (RuntimeException e) {
            return id;
        }
    }

    /**
     * The cell texts, row by row, as shown (tests).
     *
     * @return one list of {@link #COLUMNS}.size() texts per row
     */
    public List<List<String>> rows() {
        checkWidget();
        return org.tradebench.ui.core.widgets.TableTexts.of(table, COLUMNS.size());
    }

    /** @return the table */
    public Table table() {
        return table;
    }

    /** @return the Connect button */
    public Button connectButton() {
        return connectButton;
    }

    /** @return the Disconnect button */
    public Button disconnectButton() {
        return disconnectButton;
    }

    /** @return the data-source combo */
    public Combo modeCombo() {
        return modeCombo;
    }

    /** @return the note beside the switches */
    public String note() {
        return noteLabel.getText();
    }

    @Override
    public boolean setFocus() {
        return table.setFocus();
    }
}
