package org.tradebench.ui.balances.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.tradebench.ui.balances.internal.BalancesModel.AccountTotals;
import org.tradebench.ui.balances.internal.BalancesModel.Line;
import org.tradebench.ui.core.format.PriceFormat;
import org.tradebench.ui.core.widgets.HealthBadge;
import org.tradebench.ui.core.widgets.Palette;

/**
 * The Balances view's controls: the quote currency, the portfolio total, and a tree of accounts
 * (health, value, realised P&amp;L, fees) and their balances per wallet and currency. Paint only;
 * display thread only.
 */
public final class BalancesPanel extends Composite {

    /** Quote currencies offered. */
    public static final String[] QUOTES = { "USD", "USDT", "USDC", "EUR", "BTC", "ETH" };

    private static final String[] COLUMNS = { "Account / wallet", "Currency", "Total", "Available", "In orders",
            "Unrealised P&&L", "Price", "Value", "Note" };
    private static final int[] WIDTHS = { 210, 120, 120, 120, 100, 130, 130, 160, 440 };

    private final Combo quote;
    private final Label portfolio;
    private final Tree tree;
    private final Map<String, TreeItem> items = new LinkedHashMap<>();
    private List<String> shape = List.of();
    private Font boldFont;
    private int moneyScale = 2;
    private Consumer<String> quoteChanged = q -> {
    };

    /**
     * Creates the controls.
     *
     * @param parent the parent
     * @param style SWT style bits
     */
    public BalancesPanel(Composite parent, int style) {
        super(parent, style);
        setLayout(new GridLayout(1, false));
        Composite bar = new Composite(this, SWT.NONE);
        bar.setLayout(new GridLayout(3, false));
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        new Label(bar, SWT.NONE).setText("Value in");
        quote = new Combo(bar, SWT.READ_ONLY);
        quote.setItems(QUOTES);
        quote.select(0);
        quote.addListener(SWT.Selection, e -> quoteChanged.accept(quote.getText()));
        portfolio = new Label(bar, SWT.NONE);
        portfolio.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        tree = new Tree(this, SWT.FULL_SELECTION | SWT.SINGLE);
        tree.setHeaderVisible(true);
        tree.setLinesVisible(true);
        tree.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (int i = 0; i < COLUMNS.length; i++) {
            TreeColumn c = new TreeColumn(tree, i >= 2 && i <= 7 ? SWT.RIGHT : SWT.LEFT);
            c.setText(COLUMNS[i]);
            c.setWidth(WIDTHS[i]);
        }
        Palette.track(this, p -> { }); // the theme's colours now and at every switch, cells included
    }

    /**
     * Tells when the trader picks another quote currency.
     *
     * @param c told the currency
     */
    public void onQuoteChanged(Consumer<String> c) {
        this.quoteChanged = c;
    }

    /**
     * Picks the quote currency.
     *
     * @param currency one of {@link #QUOTES}
     */
    public void setQuote(String currency) {
        int i = Arrays.asList(QUOTES).indexOf(currency);
        if (i >= 0) {
            quote.select(i);
            quoteChanged.accept(currency);
        }
    }

    /**
     * The quote currency picked.
     *
     * @return for example {@code "USD"}
     */
    public String quote() {
        return quote.getText();
    }

    /**
     * The portfolio line.
     *
     * @return its text
     */
    public String portfolioText() {
        return portfolio.getText();
    }

    /**
     * Paints.
     *
     * @param accounts the accounts with their balances, valued in {@code quoteCurrency}
     * @param quoteCurrency the quote currency
     */
    public void show(List<AccountTotals> accounts, String quoteCurrency) {
        moneyScale = quoteCurrency.equals("BTC") || quoteCurrency.equals("ETH") ? 8 : 2;
        List<String> newShape = new ArrayList<>();
        for (AccountTotals a : accounts) {
            newShape.add(a.ref().toString());
            for (Line l : a.lines()) {
                newShape.add(a.ref() + "#" + l.balance().wallet() + "|" + l.balance().currency());
            }
        }
        if (!newShape.equals(shape)) {
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
            } finally {
                tree.setRedraw(true);
            }
            shape = newShape;
        }
        BigDecimal grand = BigDecimal.ZERO;
        List<String> excluded = new ArrayList<>();
        boolean allLive = true;
        for (AccountTotals a : accounts) {
            grand = grand.add(a.value());
            a.unpriced().forEach(c -> excluded.add(c + " (" + a.ref() + ")"));
            boolean pricesLive = a.lines().stream().allMatch(l -> l.rate() == null || l.rate().live());
            allLive &= a.live() && pricesLive;
            TreeItem item = items.get(a.ref().toString());
            String[] t = new String[COLUMNS.length];
            Arrays.fill(t, "");
            t[0] = a.name();
            t[1] = a.ref().toString();
            t[7] = (a.unpriced().isEmpty() ? "" : "\u2265 ") + money(a.value()) + " " + quoteCurrency;
            List<String> notes = new ArrayList<>();
            notes.add(a.health() == null ? "no health yet" : HealthBadge.stateLabel(a.health().state())
                    + (a.health().cause().isEmpty() ? "" : ": " + a.health().cause()));
            if (!a.realizedPnl().isEmpty()) {
                notes.add("realised P&L (open positions) " + amounts(a.realizedPnl()));
            }
            notes.add(a.fees().isEmpty() ? "no fees this session" : "fees this session " + amounts(a.fees()));
            if (!a.unpriced().isEmpty()) {
                notes.add("value leaves out " + String.join(", ", a.unpriced()) + ": no price");
            }
            t[8] = String.join("; ", notes);
            item.setText(t);
            item.setFont(0, bold());
            item.setFont(7, bold());
            item.setForeground(8, a.health() == null ? Palette.current().muted() : Palette.current().of(a.health().state()));
            for (Line l : a.lines()) {
                fill(items.get(a.ref() + "#" + l.balance().wallet() + "|" + l.balance().currency()), a, l);
            }
        }
        portfolio.setText("Portfolio: " + (excluded.isEmpty() ? "" : "\u2265 ") + money(grand) + " " + quoteCurrency
                + (excluded.isEmpty() ? "" : "   (leaves out " + String.join(", ", excluded) + ": no price)")
                + (allLive ? "" : "   \u2014 not live: some accounts or prices are stale"));
        portfolio.setForeground(allLive ? null : Palette.current().warning());
        portfolio.getParent().layout();
    }

    private void fill(TreeItem item, AccountTotals a, Line l) {
        String[] t = new String[COLUMNS.length];
        t[0] = l.balance().wallet();
        t[1] = l.balance().currency();
        t[2] = plain(l.balance().total());
        t[3] = plain(l.balance().available());
        t[4] = plain(l.inOrders());
        t[5] = l.balance().unrealizedPnl() == null ? "not given" : plain(l.balance().unrealizedPnl());
        t[6] = l.balance().total().signum() == 0 ? "" : l.rate() == null ? "no price" : l.rate().source().isEmpty() ? "" : plain(l.rate().rate().round(
                new java.math.MathContext(10))) + (l.rate().live() ? "" : " (stale)");
        t[7] = l.value() == null ? PriceFormat.MISSING : money(l.value());
        List<String> notes = new ArrayList<>();
        if (l.rate() != null && !l.rate().source().isEmpty()) {
            notes.add("priced by " + l.rate().source());
        }
        if (!a.live()) {
            notes.add("not live: last known balance");
        }
        t[8] = String.join("; ", notes);
        item.setText(t);
        for (int i = 0; i < t.length; i++) {
            item.setForeground(i, a.live() ? null : Palette.current().muted());
        }
        if (l.rate() != null && !l.rate().live()) {
            item.setForeground(6, Palette.current().warning());
            item.setForeground(7, Palette.current().warning());
        }
    }

    private static String plain(BigDecimal v) {
        return v == null ? PriceFormat.MISSING : v.stripTrailingZeros().toPlainString();
    }

    // fiat and stablecoins to the cent; BTC and ETH to the satoshi's neighbourhood
    private String money(BigDecimal v) {
        return PriceFormat.format(v.setScale(moneyScale, RoundingMode.HALF_EVEN), moneyScale);
    }

    private static String amounts(Map<String, BigDecimal> byCurrency) {
        List<String> parts = new ArrayList<>();
        byCurrency.forEach((c, v) -> parts.add(plain(v) + " " + c));
        return String.join(", ", parts);
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

    /**
     * The tree as text, depth-first, each row prefixed by its depth.
     *
     * @return the rows
     */
    public List<List<String>> rows() {
        List<List<String>> out = new ArrayList<>();
        for (TreeItem a : tree.getItems()) {
            out.add(cells(a, 0));
            for (TreeItem b : a.getItems()) {
                out.add(cells(b, 1));
            }
        }
        return out;
    }

    private static List<String> cells(TreeItem item, int depth) {
        List<String> c = new ArrayList<>();
        c.add(Integer.toString(depth));
        for (int i = 0; i < COLUMNS.length; i++) {
            c.add(item.getText(i));
        }
        return c;
    }
}
