package org.tradebench.ui.verification.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.tradebench.api.ExchangeConnector;
import org.tradebench.api.instrument.Instrument;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.Registration;
import org.tradebench.ui.core.UiThrottler;
import org.tradebench.ui.core.widgets.TradeColors;
import org.tradebench.verification.CheckResult;
import org.tradebench.verification.Progress;
import org.tradebench.verification.Thresholds;
import org.tradebench.verification.Verdict;
import org.tradebench.verification.VerificationPlan;
import org.tradebench.verification.VerificationReport;
import org.tradebench.verification.Verifier;

/**
 * The Verification view's content: the plan (a running connector, its symbols, a duration),
 * Run and Cancel, the running job's progress line and live chart, the verdict table of the last or
 * a chosen past run, and the past runs with their exports.
 *
 * <p>A run is an Eclipse {@link Job} (progress and cancel in the workbench's progress view too);
 * the verifier reports once a second from the job's thread into a throttled refresh. Display
 * thread for everything else.
 */
public final class VerificationPanel extends Composite {

    /** The durations offered. */
    public static final List<String> DURATIONS = List.of("10s", "30s", "60s", "2m", "5m", "10m", "30m");

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final ConnectorTracker tracker;
    private final java.util.function.Supplier<Optional<org.tradebench.api.trading.OrderGateway>> gateways;
    private final ReportStore store;
    private final Button orders;
    private final Combo exchange;
    private final Text symbols;
    private final Combo duration;
    private final Button run;
    private final Button cancel;
    private final ProgressBar bar;
    private final Label status;
    private final LiveChart chart;
    private final Table verdicts;
    private final Label verdictTitle;
    private final Table past;
    private final Button exportHtml;
    private final Button exportJson;
    private final Button open;
    private final UiThrottler refresh;
    private final Registration trackerRegistration;
    private final List<ExchangeConnector> listed = new ArrayList<>();
    private final List<ReportStore.Summary> pastRuns = new ArrayList<>();
    private Thresholds thresholds = Thresholds.defaults();
    private java.util.function.Consumer<Thresholds> thresholdsSaved = t -> {
    };
    private volatile Progress latest;
    private Progress shown;
    private Job job;
    private ReportStore.Summary selected;

    /**
     * Creates the panel.
     *
     * @param parent the parent
     * @param tracker the running connectors
     * @param gateways the order gateway, when running (for the order round trip)
     * @param store where reports are kept
     */
    public VerificationPanel(Composite parent, ConnectorTracker tracker,
            java.util.function.Supplier<Optional<org.tradebench.api.trading.OrderGateway>> gateways, ReportStore store) {
        super(parent, SWT.NONE);
        this.tracker = tracker;
        this.gateways = gateways;
        this.store = store;
        setLayout(new GridLayout(1, false));

        Composite form = new Composite(this, SWT.NONE);
        form.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        form.setLayout(new GridLayout(10, false));
        new Label(form, SWT.NONE).setText("Exchange");
        exchange = new Combo(form, SWT.READ_ONLY);
        exchange.setLayoutData(new GridData(210, SWT.DEFAULT));
        exchange.addListener(SWT.Selection, e -> suggestSymbols());
        new Label(form, SWT.NONE).setText("Symbols");
        symbols = new Text(form, SWT.BORDER);
        symbols.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        symbols.setMessage("BTC/USD,ETH/USD");
        new Label(form, SWT.NONE).setText("Duration");
        duration = new Combo(form, SWT.READ_ONLY);
        duration.setItems(DURATIONS.toArray(String[]::new));
        duration.select(2);
        Button limits = new Button(form, SWT.PUSH);
        limits.setText("Thresholds…");
        limits.setToolTipText("Where each check warns and fails (the same keys as tradebench verify --threshold)");
        limits.addListener(SWT.Selection, e -> editThresholds());
        orders = new Button(form, SWT.CHECK);
        orders.setText("Order round trip");
        orders.setToolTipText("Every 3 s, places a small limit buy 5 % under the best bid through the order gateway"
                + " and cancels it, measuring both round trips. It sends real orders: the simulated exchange only.");
        run = new Button(form, SWT.PUSH);
        run.setText("Run");
        run.addListener(SWT.Selection, e -> start());
        cancel = new Button(form, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.setEnabled(false);
        cancel.addListener(SWT.Selection, e -> {
            if (job != null) {
                job.cancel();
            }
        });

        Composite live = new Composite(this, SWT.NONE);
        live.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        live.setLayout(new GridLayout(2, false));
        bar = new ProgressBar(live, SWT.HORIZONTAL);
        bar.setLayoutData(new GridData(180, SWT.DEFAULT));
        status = new Label(live, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        status.setText("Choose an exchange, its symbols and a duration, then Run.");
        chart = new LiveChart(this);
        chart.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 1, 1));
        ((GridData) chart.getLayoutData()).heightHint = 110;

        SashForm sash = new SashForm(this, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Composite left = new Composite(sash, SWT.NONE);
        left.setLayout(new GridLayout(1, false));
        verdictTitle = new Label(left, SWT.NONE);
        verdictTitle.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        verdictTitle.setText("No verification yet");
        verdicts = new Table(left, SWT.BORDER | SWT.FULL_SELECTION);
        verdicts.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        verdicts.setHeaderVisible(true);
        verdicts.setLinesVisible(true);
        column(verdicts, "Verdict", 70);
        column(verdicts, "Check", 220);
        column(verdicts, "Why", 620);

        Composite right = new Composite(sash, SWT.NONE);
        right.setLayout(new GridLayout(3, false));
        Label pastTitle = new Label(right, SWT.NONE);
        pastTitle.setText("Past runs");
        pastTitle.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        past = new Table(right, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        past.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        past.setHeaderVisible(true);
        column(past, "When", 140);
        column(past, "Exchange", 110);
        column(past, "Verdict", 60);
        past.addListener(SWT.Selection, e -> {
            int i = past.getSelectionIndex();
            if (i >= 0 && i < pastRuns.size()) {
                show(pastRuns.get(i));
            }
        });
        exportHtml = new Button(right, SWT.PUSH);
        exportHtml.setText("Export HTML…");
        exportHtml.addListener(SWT.Selection, e -> export(true));
        exportJson = new Button(right, SWT.PUSH);
        exportJson.setText("Export JSON…");
        exportJson.addListener(SWT.Selection, e -> export(false));
        open = new Button(right, SWT.PUSH);
        open.setText("Open in browser");
        open.addListener(SWT.Selection, e -> {
            if (selected != null && selected.html() != null) {
                Program.launch(selected.html().toString());
            }
        });
        sash.setWeights(70, 30);

        refresh = new UiThrottler(this, Duration.ofMillis(200), this::refresh);
        trackerRegistration = tracker.addListener(t -> refresh.schedule());
        addListener(SWT.Dispose, e -> {
            refresh.cancel();
            trackerRegistration.close();
            if (job != null) {
                job.cancel();
            }
        });
        listConnectors();
        listPast();
        enableExports();
    }

    private static void column(Table table, String title, int width) {
        TableColumn c = new TableColumn(table, SWT.NONE);
        c.setText(title);
        c.setWidth(width);
    }

    /**
     * Starts a run with what the form says.
     *
     * @return the job, or empty when the form is incomplete (the status line says why)
     */
    public Optional<Job> start() {
        if (job != null) {
            return Optional.empty();
        }
        int i = exchange.getSelectionIndex();
        if (i < 0 || i >= listed.size()) {
            status.setText("No exchange chosen: none is running.");
            return Optional.empty();
        }
        ExchangeConnector connector = listed.get(i);
        List<String> wanted = Arrays.stream(symbols.getText().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
        if (wanted.isEmpty()) {
            status.setText("Give at least one symbol, for example BTC/USD.");
            return Optional.empty();
        }
        List<String> unknown = wanted.stream().filter(s -> connector.instrument(s).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            status.setText(connector.displayName() + " lists no " + String.join(", ", unknown) + ".");
            return Optional.empty();
        }
        Duration d = Thresholds.parseDuration("duration", DURATIONS.get(Math.max(0, duration.getSelectionIndex())));
        VerificationPlan plan = new VerificationPlan(connector.id(), wanted, d, VerificationPlan.Kind.STANDARD,
                VerificationPlan.DEFAULT_DEPTH, thresholds);
        Verifier verifier = new Verifier(plan);
        if (orders.getSelection()) {
            if (!connector.id().equals("simulated")) {
                status.setText("The order round trip sends real orders: it runs on the simulated exchange only.");
                return Optional.empty();
            }
            Optional<org.tradebench.api.trading.OrderGateway> gateway = gateways.get();
            Optional<org.tradebench.api.trading.TradingAccount> account = connector.trading();
            if (gateway.isEmpty() || account.isEmpty()) {
                status.setText(gateway.isEmpty() ? org.tradebench.ui.core.GatewayTracker.MISSING
                        : connector.displayName() + " has no trading account");
                return Optional.empty();
            }
            verifier.withOrders(gateway.get(), org.tradebench.api.trading.AccountRef.of(account.get()));
        }
        chart.clear();
        latest = null;
        shown = null;
        bar.setSelection(0);
        status.setText("Starting " + connector.displayName() + " " + String.join(", ", wanted) + " for "
                + Thresholds.text(d) + "…");
        Job j = new Job("Verifying " + connector.displayName()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                int seconds = (int) Math.max(1, d.toSeconds());
                monitor.beginTask("Verifying " + connector.displayName() + " " + String.join(", ", wanted), seconds);
                try {
                    VerificationReport report = verifier.run(connector, p -> {
                        latest = p;
                        monitor.worked(1);
                        monitor.subTask(p.line());
                        refresh.schedule();
                    }, monitor::isCanceled);
                    ReportStore.Summary saved = store.save(report);
                    getDisplay().asyncExec(() -> finished(saved, null));
                    return Status.OK_STATUS;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Status.CANCEL_STATUS;
                } catch (IOException | RuntimeException e) {
                    String why = e.getMessage() == null ? e.toString() : e.getMessage();
                    if (!isDisposed()) {
                        getDisplay().asyncExec(() -> finished(null, why));
                    }
                    return Status.warning("Verification of " + connector.displayName() + " failed: " + why, e);
                } finally {
                    monitor.done();
                }
            }
        };
        j.setUser(true);
        j.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (!isDisposed()) {
                    getDisplay().asyncExec(() -> {
                        if (!isDisposed()) {
                            job = null;
                            run.setEnabled(true);
                            cancel.setEnabled(false);
                        }
                    });
                }
            }
        });
        job = j;
        run.setEnabled(false);
        cancel.setEnabled(true);
        j.schedule();
        return Optional.of(j);
    }

    private void refresh() {
        if (isDisposed()) {
            return;
        }
        listConnectors();
        Progress p = latest;
        if (p != null && p != shown) {
            shown = p;
            chart.add(p);
            bar.setSelection((int) Math.round(p.fraction() * 100));
            status.setText(p.line());
        }
    }

    private void finished(ReportStore.Summary saved, String problem) {
        if (isDisposed()) {
            return;
        }
        if (problem != null) {
            status.setText("The verification could not run: " + problem);
            return;
        }
        bar.setSelection(100);
        status.setText("Done: " + saved.verdict().wireName().toUpperCase(Locale.ROOT) + ", report in "
                + saved.html());
        listPast();
        show(saved);
    }

    private void show(ReportStore.Summary s) {
        selected = s;
        verdictTitle.setText(s.exchangeName() + ", " + WHEN.format(s.started()) + ", "
                + Thresholds.text(Duration.ofMillis(Math.max(1000, s.measuredMillis() / 1000 * 1000))) + ": "
                + s.verdict().wireName().toUpperCase(Locale.ROOT));
        verdictTitle.setForeground(colour(s.verdict()));
        verdicts.removeAll();
        for (CheckResult c : s.checks()) {
            TableItem item = new TableItem(verdicts, SWT.NONE);
            item.setText(new String[] {c.verdict().wireName().toUpperCase(Locale.ROOT), c.title(), c.reason()});
            item.setForeground(0, colour(c.verdict()));
        }
        enableExports();
    }

    private static org.eclipse.swt.graphics.Color colour(Verdict v) {
        return switch (v) {
            case PASS -> TradeColors.STATE_LIVE;
            case WARN -> TradeColors.WARNING;
            case FAIL -> TradeColors.STATE_FAILED;
            case SKIP -> TradeColors.MUTED;
        };
    }

    private void export(boolean html) {
        if (selected == null) {
            return;
        }
        Path from = html ? selected.html() : selected.json();
        if (from == null) {
            return;
        }
        FileDialog d = new FileDialog(getShell(), SWT.SAVE);
        d.setFileName(from.getFileName().toString());
        d.setFilterExtensions(new String[] {html ? "*.html" : "*.json"});
        d.setOverwrite(true);
        String to = d.open();
        if (to != null) {
            exportTo(html, Path.of(to));
        }
    }

    /**
     * Copies the shown report to a file.
     *
     * @param html the HTML report (else the JSON)
     * @param to the file
     * @return whether it was written
     */
    public boolean exportTo(boolean html, Path to) {
        if (selected == null) {
            return false;
        }
        try {
            Files.copy(html ? selected.html() : selected.json(), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            status.setText("Exported to " + to);
            return true;
        } catch (IOException | RuntimeException e) {
            status.setText("Cannot export to " + to + ": " + e.getMessage());
            return false;
        }
    }

    private void enableExports() {
        exportHtml.setEnabled(selected != null && selected.html() != null);
        exportJson.setEnabled(selected != null);
        open.setEnabled(selected != null && selected.html() != null);
    }

    private void listConnectors() {
        List<ExchangeConnector> now = tracker.connectors();
        if (now.equals(listed)) {
            return;
        }
        String was = exchange.getSelectionIndex() >= 0 && exchange.getSelectionIndex() < listed.size()
                ? listed.get(exchange.getSelectionIndex()).id() : null;
        listed.clear();
        listed.addAll(now);
        exchange.setItems(listed.stream().map(c -> c.displayName() + " (" + c.id() + ")").toArray(String[]::new));
        int select = 0;
        for (int i = 0; i < listed.size(); i++) {
            if (listed.get(i).id().equals(was)) {
                select = i;
            }
        }
        if (!listed.isEmpty()) {
            exchange.select(select);
            if (symbols.getText().isBlank()) {
                suggestSymbols();
            }
        }
    }

    private void suggestSymbols() {
        int i = exchange.getSelectionIndex();
        if (i < 0 || i >= listed.size()) {
            return;
        }
        List<Instrument> instruments = listed.get(i).instruments();
        instruments.stream().map(x -> x.id().symbol()).filter(s -> s.startsWith("BTC/")).findFirst()
                .or(() -> instruments.stream().map(x -> x.id().symbol()).findFirst()).ifPresent(symbols::setText);
    }

    /** Re-reads the past runs from the store. */
    public void listPast() {
        pastRuns.clear();
        pastRuns.addAll(store.list());
        past.removeAll();
        for (ReportStore.Summary s : pastRuns) {
            TableItem item = new TableItem(past, SWT.NONE);
            item.setText(new String[] {WHEN.format(s.started()), s.exchangeName(), s.verdict().wireName().toUpperCase(Locale.ROOT)});
            item.setForeground(2, colour(s.verdict()));
        }
    }

    /**
     * Uses thresholds and tells where to keep them when the user changes them.
     *
     * @param initial the thresholds to start with
     * @param saved told the thresholds the user set
     */
    public void useThresholds(Thresholds initial, java.util.function.Consumer<Thresholds> saved) {
        this.thresholds = initial;
        this.thresholdsSaved = saved;
    }

    /**
     * The thresholds the next run uses.
     *
     * @return the thresholds
     */
    public Thresholds thresholds() {
        return thresholds;
    }

    /**
     * Reads thresholds written one {@code key=value} per line over the current ones.
     *
     * @param text the lines
     * @return the thresholds
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public Thresholds parseThresholds(String text) {
        java.util.Map<String, String> changes = new java.util.LinkedHashMap<>();
        int line = 0;
        for (String raw : text.split("\\R")) {
            line++;
            String l = raw.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("line " + line + ": expected key=value, was '" + l + "'");
            }
            java.util.Map<String, String> one = java.util.Map.of(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
            try {
                Thresholds.defaults().asMap().keySet().stream().filter(one::containsKey).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown threshold '" + one.keySet().iterator().next()
                                + "' (known: " + String.join(", ", Thresholds.defaults().asMap().keySet()) + ")"));
                one.forEach((k, v) -> {
                    if (k.startsWith("latency.") || k.equals("stale.after") || k.equals("recovery.fail")) {
                        Thresholds.parseDuration(k, v);
                    }
                });
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + line + ": " + e.getMessage(), e);
            }
            changes.putAll(one);
        }
        return Thresholds.defaults().with(changes);
    }

    private void editThresholds() {
        StringBuilder text = new StringBuilder();
        thresholds.asMap().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        org.eclipse.jface.dialogs.InputDialog d = new org.eclipse.jface.dialogs.InputDialog(getShell(), "Thresholds",
                "Where each check warns and fails, one key=value per line (durations like 250ms or 2s, percentages,"
                        + " counts). docs/verification.md explains each.", text.toString(), value -> {
                            try {
                                parseThresholds(value);
                                return null;
                            } catch (IllegalArgumentException e) {
                                return e.getMessage();
                            }
                        }) {
            @Override
            protected int getInputTextStyle() {
                return SWT.MULTI | SWT.BORDER | SWT.V_SCROLL;
            }

            @Override
            protected org.eclipse.swt.widgets.Control createDialogArea(Composite parent) {
                org.eclipse.swt.widgets.Control area = super.createDialogArea(parent);
                ((GridData) getText().getLayoutData()).heightHint = 260;
                return area;
            }
        };
        if (d.open() == org.eclipse.jface.window.Window.OK) {
            thresholds = parseThresholds(d.getValue());
            thresholdsSaved.accept(thresholds);
            status.setText("Thresholds set for the next run.");
        }
    }

    // ---------------------------------------------------------------- for tests

    /**
     * Sets the form, for tests.
     *
     * @param exchangeId the connector to choose
     * @param symbolText the symbols
     * @param durationText one of {@link #DURATIONS}
     */
    public void choose(String exchangeId, String symbolText, String durationText) {
        choose(exchangeId, symbolText, durationText, false);
    }

    /**
     * Sets the form, for tests.
     *
     * @param exchangeId the connector to choose
     * @param symbolText the symbols
     * @param durationText one of {@link #DURATIONS}
     * @param roundTrip whether to send orders
     */
    public void choose(String exchangeId, String symbolText, String durationText, boolean roundTrip) {
        orders.setSelection(roundTrip);
        listConnectors();
        for (int i = 0; i < listed.size(); i++) {
            if (listed.get(i).id().equals(exchangeId)) {
                exchange.select(i);
            }
        }
        symbols.setText(symbolText);
        duration.select(DURATIONS.indexOf(durationText));
    }

    /** @return the status line */
    public String statusText() {
        return status.getText();
    }

    /** @return the verdict table's rows: verdict, check, reason */
    public List<String[]> verdictRows() {
        List<String[]> rows = new ArrayList<>();
        for (TableItem item : verdicts.getItems()) {
            rows.add(new String[] {item.getText(0), item.getText(1), item.getText(2)});
        }
        return rows;
    }

    /** @return the title over the verdict table */
    public String verdictTitle() {
        return verdictTitle.getText();
    }

    /** @return the past runs listed */
    public List<ReportStore.Summary> pastRuns() {
        return List.copyOf(pastRuns);
    }

    /**
     * Shows a past run, as a click on its row does.
     *
     * @param index its row
     */
    public void selectPast(int index) {
        past.select(index);
        show(pastRuns.get(index));
    }

    /** @return the live chart */
    public LiveChart chart() {
        return chart;
    }

    /** @return whether a run is going on */
    public boolean running() {
        return job != null;
    }
}
