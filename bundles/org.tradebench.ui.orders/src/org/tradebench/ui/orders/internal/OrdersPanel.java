package org.tradebench.ui.orders.internal;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.TreeEditor;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.MessageBox;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.api.trading.Fill;
import org.tradebench.api.trading.Order;
import org.tradebench.api.trading.OrderRole;
import org.tradebench.ui.core.widgets.HealthBadge;
import org.tradebench.ui.core.widgets.Palette;
import org.tradebench.ui.orders.internal.OrdersModel.AccountView;
import org.tradebench.ui.orders.internal.OrdersModel.Notice;
import org.tradebench.ui.orders.internal.OrdersModel.Snapshot;

/**
 * The Orders view's controls: a notice bar (what changed during a reconnect), buttons, and three
 * tabs: open orders as a tree (account, then entries, then their exits), history and fills. Price
 * and quantity of a working order are amended in place (double-click the cell, type, Enter,
 * confirm). Paints a {@link Snapshot}; asks {@link Actions} to do anything. Display thread only.
 */
public final class OrdersPanel extends Composite {

    /** What the panel asks for; the binding sends it through the order gateway. */
    public interface Actions {
        /**
         * Cancel one order.
         *
         * @param account the account
         * @param clientOrderId the order
         */
        void cancel(AccountRef account, String clientOrderId);

        /**
         * Cancel every working order of these accounts.
         *
         * @param accounts the accounts
         */
        void cancelAll(List<AccountRef> accounts);

        /**
         * Amend an order.
         *
         * @param account the account
         * @param clientOrderId the order
         * @param price the new price, nullable to keep it
         * @param quantity the new quantity, nullable to keep it
         */
        void amend(AccountRef account, String clientOrderId, BigDecimal price, BigDecimal quantity);

        /** Fetch order and fill history. */
        void loadHistory();

        /** The notices were read. */
        void dismissNotices();
    }

    /** Column of the order id (or the account name). */
    public static final int COL_ORDER = 0;
    /** Column of the quantity (editable). */
    public static final int COL_QUANTITY = 6;
    /** Column of the limit price (editable). */
    public static final int COL_PRICE = 7;
    /** Column of the status. */
    public static final int COL_STATUS = 10;
    /** Column of the note (reason, health cause). */
    public static final int COL_NOTE = 11;

    private static final String[] OPEN_COLUMNS = { "Order", "Instrument", "Side", "Type", "Role", "Where", "Quantity",
            "Price", "Trigger", "Filled", "Status", "Note" };
    private static final int[] OPEN_WIDTHS = { 235, 120, 50, 80, 85, 70, 80, 95, 80, 70, 190, 300 };
    private static final String[] HISTORY_COLUMNS = { "Account", "Order", "Instrument", "Side", "Type", "Quantity",
            "Price", "Filled", "Avg price", "Status", "Updated", "Reason" };
    private static final int[] HISTORY_WIDTHS = { 130, 170, 120, 50, 80, 80, 90, 70, 90, 120, 150, 300 };
    private static final String[] FILL_COLUMNS = { "Account", "Time", "Order", "Instrument", "Side", "Price",
            "Quantity", "Fee", "Maker" };
    private static final int[] FILL_WIDTHS = { 130, 150, 170, 120, 50, 100, 90, 160, 70 };
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    // a pale amber that reads on every theme (the system's info colour is black on some GTK themes)

    private final Composite noticeBar;
    private final Link noticeLink;
    private final Label message;
    private final Button cancel;
    private final Button cancelAll;
    private final TabFolder tabs;
    private final Tree open;
    private final Table history;
    private final Table fills;
    private final TreeEditor editor;
    private Actions actions;
    private Predicate<String> confirm = this::askUser;
    private Snapshot shown = new Snapshot(List.of(), List.of());
    private List<String> shape = List.of();
    private final Map<String, TreeItem> items = new LinkedHashMap<>();
    private Text editing;

    /**
     * Creates the controls.
     *
     * @param parent the parent
     * @param style SWT style bits for this composite
     */
    public OrdersPanel(Composite parent, int style) {
        super(parent, style);
        setLayout(grid(1));

        noticeBar = new Composite(this, SWT.NONE);
        noticeBar.setLayout(grid(1));
        noticeBar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        noticeBar.setBackground(Palette.current().notice());
        noticeLink = new Link(noticeBar, SWT.NONE);
        noticeLink.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        noticeLink.setBackground(noticeBar.getBackground());
        noticeLink.addListener(SWT.Selection, e -> {
            if ("dismiss".equals(e.text)) {
                actions().dismissNotices();
            } else {
                openNotices();
            }
        });
        setNoticeVisible(false);

        Composite bar = new Composite(this, SWT.NONE);
        GridLayout barLayout = grid(4);
        bar.setLayout(barLayout);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        cancel = new Button(bar, SWT.PUSH);
        cancel.setText("Cancel order");
        cancel.addListener(SWT.Selection, e -> cancelSelected());
        cancelAll = new Button(bar, SWT.PUSH);
        cancelAll.setText("Cancel all");
        cancelAll.addListener(SWT.Selection, e -> cancelAllWorking());
        Button reload = new Button(bar, SWT.PUSH);
        reload.setText("Load history");
        reload.addListener(SWT.Selection, e -> actions().loadHistory());
        message = new Label(bar, SWT.NONE);
        message.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        tabs = new TabFolder(this, SWT.TOP);
        tabs.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        open = new Tree(tabs, SWT.FULL_SELECTION | SWT.SINGLE);
        open.setHeaderVisible(true);
        open.setLinesVisible(true);
        for (int i = 0; i < OPEN_COLUMNS.length; i++) {
            TreeColumn c = new TreeColumn(open, i >= COL_QUANTITY && i <= 9 ? SWT.RIGHT : SWT.LEFT);
            c.setText(OPEN_COLUMNS[i]);
            c.setWidth(OPEN_WIDTHS[i]);
        }
        open.setToolTipText("Double-click a price or quantity of a working order to amend it");
        tab("Open orders", open);
        history = table(HISTORY_COLUMNS, HISTORY_WIDTHS, 5, 8);
        tab("History", history);
        fills = table(FILL_COLUMNS, FILL_WIDTHS, 5, 7);
        tab("Fills", fills);
        tabs.addListener(SWT.Selection, e -> {
            if (tabs.getSelectionIndex() > 0 && actions != null) {
                actions.loadHistory();
            }
        });

        editor = new TreeEditor(open);
        editor.grabHorizontal = true;
        open.addListener(SWT.MouseDoubleClick, e -> {
            TreeItem item = open.getItem(new Point(e.x, e.y));
            if (item == null) {
                return;
            }
            for (int col : new int[] { COL_PRICE, COL_QUANTITY }) {
                if (item.getBounds(col).contains(e.x, e.y)) {
                    edit(item, col);
                }
            }
        });
        open.addListener(SWT.Selection, e -> updateButtons());
        updateButtons();
        Palette.track(this, p -> { }); // the theme's colours now and at every switch, cells included
    }

    /**
     * Sets who acts on the trader's clicks.
     *
     * @param newActions the actions
     */
    public void setActions(Actions newActions) {
        this.actions = newActions;
    }

    /**
     * Replaces the confirmation question (tests answer it themselves).
     *
     * @param newConfirm answers a question with yes (true) or no
     */
    public void setConfirm(Predicate<String> newConfirm) {
        this.confirm = newConfirm;
    }

    /**
     * Shows a message in the bar: the outcome of the trader's last action.
     *
     * @param text the text
     * @param error whether it is a failure
     */
    public void showMessage(String text, boolean error) {
        message.setText(text);
        message.setForeground(error ? Palette.current().ask() : null);
        message.setToolTipText(text);
        message.getParent().layout();
    }

    /**
     * The message shown.
     *
     * @return its text
     */
    public String message() {
        return message.getText();
    }

    /**
     * Paints a snapshot.
     *
     * @param snapshot the latest state
     */
    public void show(Snapshot snapshot) {
        this.shown = snapshot;
        showNotices(snapshot.notices());
        showOpen(snapshot);
        showHistory(snapshot);
        showFills(snapshot);
        updateButtons();
    }

    // --- open orders tree --------------------------------------------------------------------

    private record Node(String key, String parentKey, AccountView account, Order order) {
    }

    private void showOpen(Snapshot snapshot) {
        List<Node> nodes = new ArrayList<>();
        for (AccountView a : snapshot.accounts()) {
            String accountKey = "account:" + a.ref();
            nodes.add(new Node(accountKey, null, a, null));
            Map<String, Order> working = new java.util.LinkedHashMap<>();
            for (Order o : a.orders()) {
                if (!o.status().isFinal()) {
                    working.put(o.clientOrderId(), o);
                }
            }
            for (Order o : working.values()) {
                String parent = o.request().parentClientOrderId();
                if (o.request().role() == OrderRole.PRIMARY || parent == null || !working.containsKey(parent)) {
                    nodes.add(new Node(key(a, o.clientOrderId()), accountKey, a, o));
                    for (Order exit : working.values()) {
                        if (o.clientOrderId().equals(exit.request().parentClientOrderId()) && exit != o) {
                            nodes.add(new Node(key(a, exit.clientOrderId()), key(a, o.clientOrderId()), a, exit));
                        }
                    }
                }
            }
        }
        List<String> newShape = nodes.stream().map(n -> n.parentKey() + ">" + n.key()).toList();
        if (!newShape.equals(shape)) {
            String selected = selectedKey();
            cancelEdit();
            open.setRedraw(false);
            try {
                open.removeAll();
                items.clear();
                for (Node n : nodes) {
                    TreeItem item = n.parentKey() == null ? new TreeItem(open, SWT.NONE)
                            : new TreeItem(items.get(n.parentKey()), SWT.NONE);
                    items.put(n.key(), item);
                }
                for (TreeItem item : items.values()) {
                    item.setExpanded(true);
                }
                if (selected != null && items.containsKey(selected)) {
                    open.setSelection(items.get(selected));
                } else {
                    open.deselectAll();
                }
            } finally {
                open.setRedraw(true);
            }
            shape = newShape;
        }
        for (Node n : nodes) {
            TreeItem item = items.get(n.key());
            item.setData(n);
            if (n.order() == null) {
                fillAccount(item, n.account());
            } else {
                fillOrder(item, n.account(), n.order());
            }
        }
    }

    private static String key(AccountView a, String clientOrderId) {
        return a.ref() + "#" + clientOrderId;
    }

    private void fillAccount(TreeItem item, AccountView a) {
        long working = a.orders().stream().filter(o -> !o.status().isFinal()).count();
        String[] t = new String[OPEN_COLUMNS.length];
        java.util.Arrays.fill(t, "");
        t[COL_ORDER] = a.name();
        t[1] = a.ref().toString();
        t[COL_QUANTITY] = working + (working == 1 ? " order" : " orders");
        t[COL_STATUS] = a.health() == null ? "no health yet"
                : HealthBadge.stateLabel(a.health().state());
        String note = a.health() == null || a.health().cause().isEmpty() ? "" : a.health().cause();
        if (!a.viaGateway()) {
            note = (note.isEmpty() ? "" : note + "; ") + "read-only: " + org.tradebench.ui.core.GatewayTracker.MISSING;
        }
        t[COL_NOTE] = note;
        item.setText(t);
        item.setForeground(COL_STATUS, a.health() == null ? Palette.current().muted()
                : Palette.current().of(a.health().state()));
        item.setFont(COL_ORDER, bold());
    }

    private void fillOrder(TreeItem item, AccountView a, Order o) {
        String[] t = new String[OPEN_COLUMNS.length];
        t[COL_ORDER] = o.clientOrderId();
        t[1] = o.instrument().symbol();
        t[2] = o.side().name().toLowerCase(java.util.Locale.ROOT);
        t[3] = o.request().type().wireName();
        t[4] = o.request().role().wireName();
        t[5] = o.placement().wireName();
        t[COL_QUANTITY] = OrderText.number(o.request().quantity());
        t[COL_PRICE] = OrderText.number(o.request().price());
        t[8] = OrderText.number(o.request().triggerPrice());
        t[9] = OrderText.number(o.filledQuantity());
        t[COL_STATUS] = OrderText.status(o);
        String note = o.reason().isEmpty() ? "" : OrderText.reason(o);
        if (!a.live()) {
            t[COL_STATUS] = t[COL_STATUS] + " (not live)";
            note = "last known state; account " + (a.health() == null ? "has no health yet"
                    : HealthBadge.stateLabel(a.health().state()).toLowerCase(java.util.Locale.ROOT))
                    + (note.isEmpty() ? "" : "; " + note);
        }
        t[COL_NOTE] = note;
        item.setText(t);
        Color fg = a.live() ? null : Palette.current().muted();
        for (int i = 0; i < t.length; i++) {
            item.setForeground(i, fg);
        }
        item.setForeground(2, a.live() ? (o.side() == org.tradebench.api.market.Side.BUY ? Palette.current().bid()
                : Palette.current().ask()) : Palette.current().muted());
        switch (o.status()) {
        case UNKNOWN_AFTER_DISCONNECT -> item.setForeground(COL_STATUS, Palette.current().failed());
        case PENDING_NEW, PENDING_CANCEL -> item.setForeground(COL_STATUS, Palette.current().warning());
        default -> {
        }
        }
    }

    private org.eclipse.swt.graphics.Font boldFont;

    private org.eclipse.swt.graphics.Font bold() {
        if (boldFont == null) {
            org.eclipse.swt.graphics.FontData[] data = open.getFont().getFontData();
            for (org.eclipse.swt.graphics.FontData d : data) {
                d.setStyle(SWT.BOLD);
            }
            boldFont = new org.eclipse.swt.graphics.Font(getDisplay(), data);
            addDisposeListener(e -> boldFont.dispose());
        }
        return boldFont;
    }

    private String selectedKey() {
        TreeItem[] sel = open.getSelection();
        return sel.length == 1 && sel[0].getData() instanceof Node n ? n.key() : null;
    }

    private Node selectedNode() {
        TreeItem[] sel = open.getSelection();
        return sel.length == 1 && sel[0].getData() instanceof Node n ? n : null;
    }

    /**
     * Selects an order's row.
     *
     * @param account the account
     * @param clientOrderId the order
     * @return whether it is shown
     */
    public boolean select(AccountRef account, String clientOrderId) {
        TreeItem item = items.get(account + "#" + clientOrderId);
        if (item == null) {
            return false;
        }
        open.setSelection(item);
        updateButtons();
        return true;
    }

    private void updateButtons() {
        Node n = selectedNode();
        cancel.setEnabled(n != null && n.order() != null && !n.order().status().isFinal());
        cancelAll.setEnabled(shown.accounts().stream().anyMatch(a -> a.orders().stream()
                .anyMatch(o -> !o.status().isFinal())));
    }

    /** Cancels the selected order after confirmation (the Cancel order button). */
    public void cancelSelected() {
        Node n = selectedNode();
        if (n == null || n.order() == null) {
            return;
        }
        Order o = n.order();
        if (confirm.test("Cancel " + o.clientOrderId() + " (" + o.side() + " " + OrderText.number(o.request().quantity())
                + " " + o.instrument().symbol() + " @ " + OrderText.number(o.request().price()) + ") on "
                + n.account().name() + "?")) {
            actions().cancel(n.account().ref(), o.clientOrderId());
        }
    }

    /** Cancels every working order of every account after confirmation (the Cancel all button). */
    public void cancelAllWorking() {
        List<AccountRef> refs = new ArrayList<>();
        long count = 0;
        for (AccountView a : shown.accounts()) {
            long n = a.orders().stream().filter(o -> !o.status().isFinal()).count();
            if (n > 0) {
                refs.add(a.ref());
                count += n;
            }
        }
        if (!refs.isEmpty() && confirm.test("Cancel all " + count + " working orders on " + refs.size()
                + (refs.size() == 1 ? " account?" : " accounts?"))) {
            actions().cancelAll(refs);
        }
    }

    /**
     * Opens the in-place editor on a cell of an order's row.
     *
     * @param account the account
     * @param clientOrderId the order
     * @param column {@link #COL_PRICE} or {@link #COL_QUANTITY}
     * @return the editor, or null when the cell cannot be amended
     */
    public Text edit(AccountRef account, String clientOrderId, int column) {
        TreeItem item = items.get(account + "#" + clientOrderId);
        return item == null ? null : edit(item, column);
    }

    private Text edit(TreeItem item, int column) {
        if (!(item.getData() instanceof Node n) || n.order() == null || n.order().status().isFinal()) {
            return null;
        }
        Order o = n.order();
        if (column == COL_PRICE && o.request().price() == null) {
            showMessage(o.clientOrderId() + " is a " + o.request().type().wireName() + " order: it has no price to amend",
                    true);
            return null;
        }
        cancelEdit();
        Text text = new Text(open, SWT.RIGHT | SWT.BORDER);
        text.setText(item.getText(column).replace(",", ""));
        text.selectAll();
        editor.setEditor(text, item, column);
        text.setFocus();
        editing = text;
        text.addListener(SWT.DefaultSelection, e -> commitEdit(n, column, text.getText()));
        text.addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_ESCAPE) {
                e.doit = false;
                cancelEdit();
            }
        });
        text.addListener(SWT.FocusOut, e -> getDisplay().asyncExec(() -> {
            if (editing == text) {
                cancelEdit();
            }
        }));
        return text;
    }

    private void commitEdit(Node n, int column, String typed) {
        cancelEdit();
        Order o = n.order();
        BigDecimal value;
        try {
            value = new BigDecimal(typed.trim().replace(",", ""));
        } catch (NumberFormatException e) {
            showMessage("Not a number: '" + typed + "'", true);
            return;
        }
        if (value.signum() <= 0) {
            showMessage("The new " + (column == COL_PRICE ? "price" : "quantity") + " must be above zero", true);
            return;
        }
        BigDecimal before = column == COL_PRICE ? o.request().price() : o.request().quantity();
        if (before != null && before.compareTo(value) == 0) {
            return;
        }
        String what = column == COL_PRICE ? "price" : "quantity";
        if (confirm.test("Amend " + o.clientOrderId() + " (" + o.instrument().symbol() + ") " + what + " from "
                + OrderText.number(before) + " to " + OrderText.number(value) + "?")) {
            actions().amend(n.account().ref(), o.clientOrderId(), column == COL_PRICE ? value : null,
                    column == COL_QUANTITY ? value : null);
        }
    }

    private void cancelEdit() {
        if (editing != null && !editing.isDisposed()) {
            Text t = editing;
            editing = null;
            t.dispose();
        }
        editing = null;
    }

    // --- history and fills ---------------------------------------------------------------------

    private void showHistory(Snapshot snapshot) {
        List<String[]> rows = new ArrayList<>();
        for (AccountView a : snapshot.accounts()) {
            Map<String, Order> all = new java.util.LinkedHashMap<>();
            for (Order o : a.historyFetched()) {
                all.put(o.clientOrderId(), o);
            }
            for (Order o : a.orders()) {
                if (o.status().isFinal()) {
                    all.put(o.clientOrderId(), o);
                }
            }
            for (Order o : all.values()) {
                rows.add(new String[] { a.ref().toString(), o.clientOrderId(), o.instrument().symbol(),
                        o.side().name().toLowerCase(java.util.Locale.ROOT), o.request().type().wireName(),
                        OrderText.number(o.request().quantity()), OrderText.number(o.request().price()),
                        OrderText.number(o.filledQuantity()), OrderText.number(o.averagePrice()), OrderText.status(o),
                        TIME.format(o.updated()), o.reason().isEmpty() ? "" : OrderText.reason(o) });
            }
            if (!a.historyNote().isEmpty()) {
                rows.add(new String[] { a.ref().toString(), "", "", "", "", "", "", "", "", "", "", a.historyNote() });
            }
        }
        fillTable(history, rows);
    }

    private void showFills(Snapshot snapshot) {
        List<String[]> rows = new ArrayList<>();
        for (AccountView a : snapshot.accounts()) {
            for (Fill f : a.fills()) {
                rows.add(new String[] { a.ref().toString(), TIME.format(f.time()), f.clientOrderId(),
                        f.instrument().symbol(), f.side().name().toLowerCase(java.util.Locale.ROOT),
                        OrderText.number(f.price()), OrderText.number(f.quantity()),
                        f.fee() == null ? "not given" : OrderText.number(f.fee()) + " " + f.feeCurrency(),
                        f.maker() ? "maker" : "taker" });
            }
        }
        fillTable(fills, rows);
    }

    private static void fillTable(Table table, List<String[]> rows) {
        table.setRedraw(false);
        try {
            table.setItemCount(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                TableItem item = table.getItem(i);
                item.setText(rows.get(i));
            }
        } finally {
            table.setRedraw(true);
        }
    }

    // --- notices -------------------------------------------------------------------------------

    private void showNotices(List<Notice> notices) {
        if (notices.isEmpty()) {
            setNoticeVisible(false);
            return;
        }
        int lines = notices.stream().mapToInt(n -> n.lines().size()).sum();
        Notice last = notices.get(notices.size() - 1);
        noticeLink.setText("\u26a0 " + lines + (lines == 1 ? " change" : " changes") + " found after a reconnect ("
                + last.account() + ", " + last.cause() + ")  <a href=\"open\">Show</a>  <a href=\"dismiss\">Dismiss</a>");
        setNoticeVisible(true);
    }

    private void setNoticeVisible(boolean visible) {
        GridData d = (GridData) noticeBar.getLayoutData();
        if (d.exclude == !visible && noticeBar.getVisible() == visible) {
            return;
        }
        d.exclude = !visible;
        noticeBar.setVisible(visible);
        layout(true, true);
    }

    /**
     * The notice bar's text.
     *
     * @return the text, empty when hidden
     */
    public String noticeText() {
        return noticeBar.getVisible() ? noticeLink.getText() : "";
    }

    /**
     * The full text of the notices, as the dialog shows it.
     *
     * @return one line per change
     */
    public String noticeDetails() {
        StringBuilder b = new StringBuilder();
        for (Notice n : shown.notices()) {
            b.append(TIME.format(n.time())).append("  ").append(n.account()).append(" (").append(n.cause())
                    .append("):\n");
            for (String line : n.lines()) {
                b.append("  ").append(line).append('\n');
            }
        }
        return b.toString();
    }

    private void openNotices() {
        MessageBox box = new MessageBox(getShell(), SWT.ICON_WARNING | SWT.OK);
        box.setText("Changed during reconnect");
        box.setMessage(noticeDetails());
        box.open();
    }

    // --- for tests -----------------------------------------------------------------------------

    /**
     * The open-orders tree as text, depth-first: each row's cells, prefixed by its depth.
     *
     * @return the rows
     */
    public List<List<String>> openRows() {
        List<List<String>> rows = new ArrayList<>();
        for (TreeItem item : open.getItems()) {
            collect(item, 0, rows);
        }
        return rows;
    }

    private static void collect(TreeItem item, int depth, List<List<String>> rows) {
        List<String> cells = new ArrayList<>();
        cells.add(Integer.toString(depth));
        for (int i = 0; i < OPEN_COLUMNS.length; i++) {
            cells.add(item.getText(i));
        }
        rows.add(cells);
        for (TreeItem child : item.getItems()) {
            collect(child, depth + 1, rows);
        }
    }

    /**
     * A table's rows as text.
     *
     * @param fillsTab true for the fills tab, false for history
     * @return the rows
     */
    public List<List<String>> tableRows(boolean fillsTab) {
        Table t = fillsTab ? fills : history;
        List<List<String>> rows = new ArrayList<>();
        for (TableItem item : t.getItems()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < t.getColumnCount(); i++) {
                cells.add(item.getText(i));
            }
            rows.add(cells);
        }
        return rows;
    }

    /**
     * Shows a tab.
     *
     * @param index 0 open orders, 1 history, 2 fills
     */
    public void showTab(int index) {
        tabs.setSelection(index);
    }

    // --- helpers -------------------------------------------------------------------------------

    private Actions actions() {
        if (actions == null) {
            throw new IllegalStateException("no actions set");
        }
        return actions;
    }

    private boolean askUser(String question) {
        MessageBox box = new MessageBox(getShell(), SWT.ICON_QUESTION | SWT.YES | SWT.NO);
        box.setText("Orders");
        box.setMessage(question);
        return box.open() == SWT.YES;
    }

    private void tab(String title, org.eclipse.swt.widgets.Control control) {
        TabItem item = new TabItem(tabs, SWT.NONE);
        item.setText(title);
        item.setControl(control);
    }

    private Table table(String[] columns, int[] widths, int firstNumber, int lastNumber) {
        Table t = new Table(tabs, SWT.FULL_SELECTION | SWT.MULTI);
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        for (int i = 0; i < columns.length; i++) {
            TableColumn col = new TableColumn(t, i >= firstNumber && i <= lastNumber ? SWT.RIGHT : SWT.LEFT);
            col.setText(columns[i]);
            col.setWidth(widths[i]);
        }
        return t;
    }

    private static GridLayout grid(int columns) {
        GridLayout l = new GridLayout(columns, false);
        l.marginWidth = 2;
        l.marginHeight = 2;
        return l;
    }
}
