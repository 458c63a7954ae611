package org.tradebench.ui.positions.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.MessageBox;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.tradebench.api.account.Position;
import org.tradebench.api.account.PositionSide;
import org.tradebench.ui.core.GatewayTracker;
import org.tradebench.ui.core.format.PriceFormat;
import org.tradebench.ui.core.widgets.HealthBadge;
import org.tradebench.ui.core.widgets.Palette;
import org.tradebench.ui.positions.internal.PositionsModel.AccountHeader;
import org.tradebench.ui.positions.internal.PositionsModel.Row;

/**
 * The Positions view's controls: Close and Reduce buttons, the reduce percentage and the
 * liquidation warning threshold, and a tree of accounts and their positions. Paints rows; asks
 * {@link Actions} to close or reduce. Display thread only.
 */
public final class PositionsPanel extends Composite {

    /** What the panel asks for; the binding sends it through the order gateway. */
    public interface Actions {
        /**
         * Close (or reduce) a position with a reduce-only market order.
         *
         * @param row the position's row
         * @param percent 100 to close, less to reduce
         */
        void reduce(Row row, int percent);
    }

    /** Column of the instrument (or the account name). */
    public static final int COL_NAME = 0;
    /** Column of the size. */
    public static final int COL_SIZE = 3;
    /** Column of the mark price. */
    public static final int COL_MARK = 5;
    /** Column saying where the mark comes from. */
    public static final int COL_MARK_FROM = 6;
    /** Column of the unrealised P&amp;L. */
    public static final int COL_PNL = 7;
    /** Column of the liquidation price. */
    public static final int COL_LIQUIDATION = 11;
    /** Column of the distance to liquidation. */
    public static final int COL_DISTANCE = 12;
    /** Column of the status or warning. */
    public static final int COL_NOTE = 13;

    private static final String[] COLUMNS = { "Position", "Account", "Side", "Size", "Entry", "Mark", "Mark from",
            "Unrealised P&&L", "Realised P&&L", "Leverage", "Margin", "Liq. price", "To liq.", "Note" };
    private static final int[] WIDTHS = { 210, 120, 55, 80, 95, 95, 85, 130, 110, 80, 90, 95, 70, 300 };

    private final Label message;
    private final Spinner percent;
    private final Spinner warn;
    private final Button close;
    private final Button reduce;
    private final Tree tree;
    private final Map<String, TreeItem> items = new LinkedHashMap<>();
    private List<String> shape = List.of();
    private Actions actions;
    private Predicate<String> confirm = this::askUser;
    private Font boldFont;
    private Runnable warnChanged = () -> {
    };

    /**
     * Creates the controls.
     *
     * @param parent the parent
     * @param style SWT style bits
     */
    public PositionsPanel(Composite parent, int style) {
        super(parent, style);
        setLayout(new GridLayout(1, false));
        Composite bar = new Composite(this, SWT.NONE);
        bar.setLayout(new GridLayout(8, false));
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        close = new Button(bar, SWT.PUSH);
        close.setText("Close");
        close.setToolTipText("Close the selected position with a reduce-only market order");
        close.addListener(SWT.Selection, e -> act(100));
        reduce = new Button(bar, SWT.PUSH);
        reduce.setText("Reduce by");
        reduce.addListener(SWT.Selection, e -> reduceSelected());
        percent = new Spinner(bar, SWT.BORDER);
        percent.setValues(50, 1, 99, 0, 5, 25);
        new Label(bar, SWT.NONE).setText("%");
        new Label(bar, SWT.NONE).setText("   Warn within");
        warn = new Spinner(bar, SWT.BORDER);
        warn.setValues(5, 1, 90, 0, 1, 5); // 5 %: a 10x position (liquidation about 9.5 % away) is not warned at once
        warn.addListener(SWT.Selection, e -> warnChanged.run());
        new Label(bar, SWT.NONE).setText("% of liquidation");
        message = new Label(bar, SWT.NONE);
        message.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        tree = new Tree(this, SWT.FULL_SELECTION | SWT.SINGLE);
        tree.setHeaderVisible(true);
        tree.setLinesVisible(true);
        tree.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (int i = 0; i < COLUMNS.length; i++) {
            TreeColumn c = new TreeColumn(tree, i >= COL_SIZE && i <= COL_DISTANCE && i != COL_MARK_FROM ? SWT.RIGHT
                    : SWT.LEFT);
            c.setText(COLUMNS[i]);
            c.setWidth(WIDTHS[i]);
        }
        tree.addListener(SWT.Selection, e -> updateButtons());
        updateButtons();
        Palette.track(this, p -> { }); // the theme's colours now and at every switch, cells included
    }

    /**
     * Sets who acts on clicks.
     *
     * @param a the actions
     */
    public void setActions(Actions a) {
        this.actions = a;
    }

    /**
     * Replaces the confirmation question (tests).
     *
     * @param c answers yes (true) or no
     */
    public void setConfirm(Predicate<String> c) {
        this.confirm = c;
    }

    /**
     * Asks the trader.
     *
     * @param question the question
     * @return yes
     */
    public boolean confirm(String question) {
        return confirm.test(question);
    }

    /**
     * Tells when the warning threshold changes.
     *
     * @param r what to run
     */
    public void onWarnChanged(Runnable r) {
        this.warnChanged = r;
    }

    /**
     * The warning threshold.
     *
     * @return the fraction, for example 0.10
     */
    public BigDecimal warnWithin() {
        return BigDecimal.valueOf(warn.getSelection()).movePointLeft(2);
    }

    /**
     * Sets the warning threshold.
     *
     * @param percentValue 1 to 90
     */
    public void setWarnWithin(int percentValue) {
        warn.setSelection(percentValue);
    }

    /**
     * Sets the reduce percentage.
     *
     * @param value 1 to 99
     */
    public void setReducePercent(int value) {
        percent.setSelection(value);
    }

    /**
     * Shows the outcome of the last action.
     *
     * @param text the text
     * @param error whether it failed
     */
    public void showMessage(String text, boolean error) {
        message.setText(text);
        message.setToolTipText(text);
        message.setForeground(error ? Palette.current().ask() : null);
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
     * Paints.
     *
     * @param accounts the accounts
     * @param rows the positions
     */
    public void show(List<AccountHeader> accounts, List<Row> rows) {
        List<String> newShape = new ArrayList<>();
        for (AccountHeader a : accounts) {
            newShape.add(a.ref().toString());
            for (Row r : rows) {
                if (r.account().ref().equals(a.ref())) {
                    newShape.add(key(r));
                }
            }
        }
        if (!newShape.equals(shape)) {
            String selected = selectedKey();
            tree.setRedraw(false);
            try {
                tree.removeAll();
                items.clear();
                TreeItem parent = null;
                for (String k : newShape) {
                    if (!k.contains("#")) {
                        parent = new TreeItem(tree, SWT.NONE);
                        items.put(k, parent);
                    } else {
                        items.put(k, new TreeItem(parent, SWT.NONE));
                    }
                }
                items.values().forEach(i -> i.setExpanded(true));
                if (selected != null && items.containsKey(selected)) {
                    tree.setSelection(items.get(selected));
                } else {
                    tree.deselectAll();
                }
            } finally {
                tree.setRedraw(true);
            }
            shape = newShape;
        }
        for (AccountHeader a : accounts) {
            TreeItem item = items.get(a.ref().toString());
            long n = rows.stream().filter(r -> r.account().ref().equals(a.ref())).count();
            String[] t = new String[COLUMNS.length];
            Arrays.fill(t, "");
            t[COL_NAME] = a.name();
            t[1] = a.ref().toString();
            t[COL_SIZE] = n + (n == 1 ? " position" : " positions");
            String state = a.health() == null ? "no health yet" : HealthBadge.stateLabel(a.health().state());
            t[COL_NOTE] = state + (a.health() == null || a.health().cause().isEmpty() ? "" : ": " + a.health().cause())
                    + (a.viaGateway() ? "" : "; read-only: " + GatewayTracker.MISSING);
            item.setText(t);
            item.setData(null);
            item.setFont(COL_NAME, bold());
            item.setForeground(COL_NOTE, a.health() == null ? Palette.current().muted() : Palette.current().of(a.health().state()));
        }
        for (Row r : rows) {
            TreeItem item = items.get(key(r));
            item.setData(r);
            fill(item, r);
        }
        updateButtons();
    }

    private static String key(Row r) {
        Position p = r.position();
        return r.account().ref() + "#" + p.instrument() + "|" + (p.hedged() ? p.side().name() : "");
    }

    private void fill(TreeItem item, Row r) {
        Position p = r.position();
        String[] t = new String[COLUMNS.length];
        t[COL_NAME] = p.instrument().symbol();
        t[1] = r.account().ref().toString();
        t[2] = p.side().name().toLowerCase(Locale.ROOT);
        t[COL_SIZE] = plain(p.quantity());
        t[4] = plain(p.entryPrice());
        t[COL_MARK] = plain(r.mark());
        t[COL_MARK_FROM] = r.mark() == null ? "none" : r.liveMark() ? "live" : "position";
        t[COL_PNL] = pnl(r.pnl());
        t[8] = pnl(p.realizedPnl());
        t[9] = plain(p.leverage()) + "\u00d7";
        t[10] = p.margin() == null ? "not given" : plain(p.margin());
        t[COL_LIQUIDATION] = plain(p.liquidationPrice());
        t[COL_DISTANCE] = r.liquidationDistance() == null ? PriceFormat.MISSING
                : r.liquidationDistance().movePointRight(2).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + " %";
        List<String> notes = new ArrayList<>();
        if (r.nearLiquidation()) {
            notes.add("\u26a0 mark within " + warn.getSelection() + " % of liquidation");
        }
        if (!r.live()) {
            notes.add("not live: last known values");
        }
        if (r.mark() == null) {
            notes.add("no mark price: P&L as the exchange last said");
        }
        t[COL_NOTE] = String.join("; ", notes);
        item.setText(t);
        Color base = r.live() ? null : Palette.current().muted();
        for (int i = 0; i < t.length; i++) {
            item.setForeground(i, base);
            item.setBackground(i, null);
        }
        if (r.live()) {
            item.setForeground(2, p.side() == PositionSide.LONG ? Palette.current().bid() : Palette.current().ask());
            if (r.pnl() != null && r.pnl().signum() != 0) {
                item.setForeground(COL_PNL, r.pnl().signum() > 0 ? Palette.current().bid() : Palette.current().ask());
            }
        }
        if (r.nearLiquidation()) {
            for (int i : new int[] { COL_LIQUIDATION, COL_DISTANCE, COL_NOTE }) {
                item.setBackground(i, Palette.current().askBar());
                item.setForeground(i, Palette.current().ask());
            }
        }
    }

    private static String plain(BigDecimal v) {
        return v == null ? PriceFormat.MISSING : v.stripTrailingZeros().toPlainString();
    }

    private static String pnl(BigDecimal v) {
        if (v == null) {
            return PriceFormat.MISSING;
        }
        BigDecimal s = v.setScale(Math.max(2, Math.min(8, v.stripTrailingZeros().scale())), RoundingMode.HALF_EVEN);
        return (s.signum() > 0 ? "+" : "") + s.toPlainString();
    }

    private Font bold() {
        if (boldFont == null) {
            FontData[] data = tree.getFont().getFontData();
            for (FontData d : data) {
                d.setStyle(SWT.BOLD);
            }
            boldFont = new Font(getDisplay(), data);
            addDisposeListener(e -> boldFont.dispose());
        }
        return boldFont;
    }

    private String selectedKey() {
        TreeItem[] sel = tree.getSelection();
        return sel.length == 1 && sel[0].getData() instanceof Row r ? key(r) : null;
    }

    private Row selected() {
        TreeItem[] sel = tree.getSelection();
        return sel.length == 1 && sel[0].getData() instanceof Row r ? r : null;
    }

    /**
     * Selects a position's row.
     *
     * @param account the account as text ({@code simulated/main})
     * @param symbol the instrument's symbol
     * @return whether it is shown
     */
    public boolean select(String account, String symbol) {
        for (var e : items.entrySet()) {
            if (e.getKey().startsWith(account + "#") && e.getValue().getData() instanceof Row r
                    && r.position().instrument().symbol().equals(symbol)) {
                tree.setSelection(e.getValue());
                updateButtons();
                return true;
            }
        }
        return false;
    }

    private void updateButtons() {
        boolean one = selected() != null;
        close.setEnabled(one);
        reduce.setEnabled(one);
    }

    /** Closes the selected position (the Close button). */
    public void closeSelected() {
        act(100);
    }

    /** Reduces the selected position by the chosen percentage (the Reduce button). */
    public void reduceSelected() {
        act(percent.getSelection());
    }

    private void act(int pct) {
        Row r = selected();
        if (r != null && actions != null) {
            actions.reduce(r, pct);
        }
    }

    /**
     * The tree as text, depth-first, each row prefixed by its depth.
     *
     * @return the rows
     */
    public List<List<String>> rows() {
        List<List<String>> out = new ArrayList<>();
        for (TreeItem a : tree.getItems()) {
            out.add(cells(a, 0));
            for (TreeItem p : a.getItems()) {
                out.add(cells(p, 1));
            }
        }
        return out;
    }

    /**
     * Whether a position row is painted with the liquidation warning.
     *
     * @param symbol the instrument's symbol
     * @return true when its liquidation cells are highlighted
     */
    public boolean warned(String symbol) {
        for (TreeItem a : tree.getItems()) {
            for (TreeItem p : a.getItems()) {
                if (p.getText(COL_NAME).equals(symbol)) {
                    return Palette.current().askBar().equals(p.getBackground(COL_LIQUIDATION));
                }
            }
        }
        return false;
    }

    private static List<String> cells(TreeItem item, int depth) {
        List<String> c = new ArrayList<>();
        c.add(Integer.toString(depth));
        for (int i = 0; i < COLUMNS.length; i++) {
            c.add(item.getText(i));
        }
        return c;
    }

    private boolean askUser(String question) {
        MessageBox box = new MessageBox(getShell(), SWT.ICON_QUESTION | SWT.YES | SWT.NO);
        box.setText("Positions");
        box.setMessage(question);
        return box.open() == SWT.YES;
    }
}
