package org.tradebench.ui.orderentry.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.tradebench.api.account.MarginMode;
import org.tradebench.api.market.Side;
import org.tradebench.api.trading.OrderType;
import org.tradebench.api.trading.TimeInForce;
import org.tradebench.ui.core.widgets.HealthBadge;
import org.tradebench.ui.core.widgets.Palette;
import org.tradebench.ui.orderentry.internal.OrderTicket.ExitMode;
import org.tradebench.ui.orderentry.internal.OrderTicket.QuantityMode;

/**
 * The order entry form: instrument and account, live bid/ask/spread, side, type, quantity (or % of
 * available), price (filled from the book until edited), trigger, take-profit and stop-loss (price
 * or %), post-only, reduce-only, time in force, leverage; the estimates (cost, fee, liquidation
 * price), the warnings and errors, the place button, and each step of the order in flight. It
 * shows; {@link OrderEntryController} decides.
 *
 * <p>Display thread only.
 */
public final class OrderEntryPanel extends Composite {

    /** The types offered, in the order of the type selector. */
    static final List<OrderType> TYPES = List.of(OrderType.MARKET, OrderType.LIMIT, OrderType.STOP,
            OrderType.STOP_LIMIT, OrderType.TAKE_PROFIT);

    private final Label instrument;
    private final Combo account;
    private final HealthBadge health;
    private final Label bid;
    private final Label ask;
    private final Label spread;
    private final Button buy;
    private final Button sell;
    private final Combo type;
    private final Text quantity;
    private final Combo quantityMode;
    private final Label priceLabel;
    private final Text price;
    private final Button followBook;
    private final Label triggerLabel;
    private final Text trigger;
    private final Text takeProfit;
    private final Text stopLoss;
    private final Combo exitMode;
    private final Button postOnly;
    private final Button reduceOnly;
    private final Combo tif;
    private final Label leverageLabel;
    private final Composite leverageCell;
    private final Text leverage;
    private final Combo marginMode;
    private final Button applySettings;
    private final Label settingStatus;
    private final Label cost;
    private final Label fee;
    private final Label liquidation;
    private final Label warnings;
    private final Label errors;
    private final Button place;
    private final Label progress;
    private final Font bold;

    private Side side = Side.BUY;
    private boolean priceEdited;
    private boolean settingPrice;
    private Runnable onChange = () -> { };

    /**
     * @param parent the parent
     * @param style SWT style bits
     */
    public OrderEntryPanel(Composite parent, int style) {
        super(parent, style);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 8;
        layout.marginHeight = 6;
        layout.verticalSpacing = 5;
        setLayout(layout);
        FontData[] fd = getFont().getFontData();
        for (FontData d : fd) {
            d.setStyle(SWT.BOLD);
        }
        bold = new Font(getDisplay(), fd);
        addDisposeListener(e -> bold.dispose());

        instrument = new Label(this, SWT.NONE);
        instrument.setFont(bold);
        instrument.setLayoutData(fill(2));
        health = new HealthBadge(this, SWT.NONE);
        health.setLayoutData(fill(2));

        label("Account:");
        account = new Combo(this, SWT.READ_ONLY | SWT.DROP_DOWN);
        account.setLayoutData(fill(1));

        Composite quote = row(2, true);
        bid = value(quote, Palette.current().bid());
        ask = value(quote, Palette.current().ask());
        spread = value(quote, Palette.current().muted());
        spread.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));

        Composite sides = row(2, true);
        buy = new Button(sides, SWT.TOGGLE);
        buy.setText("Buy");
        buy.setLayoutData(fill(1));
        sell = new Button(sides, SWT.TOGGLE);
        sell.setText("Sell");
        sell.setLayoutData(fill(1));
        buy.addListener(SWT.Selection, e -> setSide(Side.BUY));
        sell.addListener(SWT.Selection, e -> setSide(Side.SELL));

        label("Type:");
        type = new Combo(this, SWT.READ_ONLY | SWT.DROP_DOWN);
        for (OrderType t : TYPES) {
            type.add(t.wireName());
        }
        type.select(1);
        type.setLayoutData(fill(1));

        label("&Quantity:");
        Composite q = cell(2);
        quantity = text(q);
        quantityMode = new Combo(q, SWT.READ_ONLY | SWT.DROP_DOWN);
        quantityMode.setItems("units", "% avail.");
        quantityMode.setToolTipText("units of the instrument, or percent of what the account has available");
        quantityMode.select(0);

        priceLabel = label("&Price:");
        Composite pr = cell(2);
        price = text(pr);
        followBook = new Button(pr, SWT.PUSH);
        followBook.setText("Book");
        followBook.setToolTipText("Fill the price from the live book again (it stops following once you edit it)");
        followBook.addListener(SWT.Selection, e -> {
            priceEdited = false;
            onChange.run();
        });
        price.addListener(SWT.Modify, e -> {
            if (!settingPrice) {
                priceEdited = true;
            }
        });

        triggerLabel = label("T&rigger:");
        trigger = text(this);

        label("Take-profit:");
        takeProfit = text(this);
        takeProfit.setMessage("none");
        label("Stop-loss:");
        stopLoss = text(this);
        stopLoss.setMessage("none");
        label("Exits as:");
        exitMode = new Combo(this, SWT.READ_ONLY | SWT.DROP_DOWN);
        exitMode.setItems("price", "% from entry");
        exitMode.select(0);
        exitMode.setLayoutData(fill(1));

        Composite flags = row(2, false);
        postOnly = new Button(flags, SWT.CHECK);
        postOnly.setText("Post-only");
        reduceOnly = new Button(flags, SWT.CHECK);
        reduceOnly.setText("Reduce-only");
        label("TIF:");
        tif = new Combo(this, SWT.READ_ONLY | SWT.DROP_DOWN);
        tif.setLayoutData(fill(1));
        for (TimeInForce t : TimeInForce.values()) {
            tif.add(t.name());
        }
        tif.select(0);

        leverageLabel = label("&Leverage:");
        leverageCell = cell(3);
        leverage = text(leverageCell);
        leverage.setMessage("position's or 1");
        leverage.setToolTipText("Leverage of the instrument on the exchange: applied on Enter, when the field"
                + " loses the focus, or with Apply");
        marginMode = new Combo(leverageCell, SWT.READ_ONLY | SWT.DROP_DOWN);
        for (MarginMode m : MarginMode.values()) {
            marginMode.add(m.wireName());
        }
        marginMode.setToolTipText("Margin mode of the instrument on the exchange: cross (the whole balance backs"
                + " the position) or isolated (its own margin)");
        applySettings = new Button(leverageCell, SWT.PUSH);
        applySettings.setText("Apply");
        applySettings.setToolTipText("Send the leverage and margin mode to the exchange");
        settingStatus = new Label(this, SWT.WRAP);
        settingStatus.setLayoutData(wrap());
        settingStatus.setVisible(false); // shown when there is something to say
        ((GridData) settingStatus.getLayoutData()).exclude = true;

        cost = estimate("Cost:");
        fee = estimate("Fee:");
        liquidation = estimate("Liquidation:");

        warnings = new Label(this, SWT.WRAP);
        warnings.setForeground(Palette.current().warning());
        warnings.setLayoutData(wrap());
        errors = new Label(this, SWT.WRAP);
        errors.setForeground(Palette.current().failed());
        errors.setLayoutData(wrap());

        place = new Button(this, SWT.PUSH);
        place.setFont(bold);
        GridData pd = fill(2);
        pd.heightHint = 34;
        place.setLayoutData(pd);

        progress = new Label(this, SWT.WRAP);
        progress.setLayoutData(wrap());

        for (Control c : new Control[] { type, quantityMode, exitMode, tif, account }) {
            c.addListener(SWT.Selection, e -> onChange.run());
        }
        for (Text t : new Text[] { quantity, price, trigger, takeProfit, stopLoss, leverage }) {
            t.addListener(SWT.Modify, e -> onChange.run());
        }
        for (Button b : new Button[] { postOnly, reduceOnly }) {
            b.addListener(SWT.Selection, e -> onChange.run());
        }
        setSide(Side.BUY);
        Palette.track(this, p -> onChange.run()); // the theme's colours now and at every switch
    }

    private Label label(String text) {
        Label l = new Label(this, SWT.NONE);
        l.setText(text);
        l.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false)); // showFields may exclude it
        return l;
    }

    /** A row across both columns with its own grid. */
    private Composite row(int columns, boolean equal) {
        Composite c = new Composite(this, SWT.NONE);
        GridLayout g = new GridLayout(columns, equal);
        g.marginWidth = 0;
        g.marginHeight = 0;
        c.setLayout(g);
        c.setLayoutData(fill(2));
        return c;
    }

    /** The field column of a row, holding several controls. */
    private Composite cell(int columns) {
        Composite c = new Composite(this, SWT.NONE);
        GridLayout g = new GridLayout(columns, false);
        g.marginWidth = 0;
        g.marginHeight = 0;
        c.setLayout(g);
        c.setLayoutData(fill(1));
        return c;
    }

    private static Label value(Composite parent, Color color) {
        Label l = new Label(parent, SWT.NONE);
        l.setForeground(color);
        l.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return l;
    }

    private static Text text(Composite parent) {
        Text t = new Text(parent, SWT.BORDER | SWT.SINGLE | SWT.RIGHT);
        GridData d = new GridData(SWT.FILL, SWT.CENTER, true, false);
        d.widthHint = 80;
        d.minimumWidth = 64; // a narrow column squeezes the combos and buttons, not the numbers
        t.setLayoutData(d);
        return t;
    }

    private Label estimate(String name) {
        label(name);
        Label l = new Label(this, SWT.WRAP);
        GridData d = fill(1);
        d.widthHint = 160;
        l.setLayoutData(d);
        return l;
    }

    private static GridData fill(int n) {
        return new GridData(SWT.FILL, SWT.CENTER, true, false, n, 1);
    }

    private static GridData wrap() {
        GridData d = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        d.widthHint = 220;
        return d;
    }

    /** The side chosen; colours the buttons and the place button. */
    void setSide(Side s) {
        side = s;
        buy.setSelection(s == Side.BUY);
        sell.setSelection(s == Side.SELL);
        buy.setForeground(s == Side.BUY ? Palette.current().bid() : Palette.current().muted());
        sell.setForeground(s == Side.SELL ? Palette.current().ask() : Palette.current().muted());
        onChange.run();
    }

    /**
     * Starts the quantity for a newly shown instrument, in units.
     *
     * @param q the quantity, null for a blank field
     */
    void startQuantity(BigDecimal q) {
        quantityMode.select(0);
        quantity.setText(q == null ? "" : q.toPlainString());
    }

    /** Focuses the quantity field, its text selected. */
    public void focusQuantity() {
        quantity.setFocus();
        quantity.selectAll();
    }

    /** Selects an order type (keyboard orders). */
    void selectType(OrderType t) {
        type.select(TYPES.indexOf(t));
        onChange.run();
    }

    /** Sets the price as if typed (it stops following the book). */
    void setPrice(BigDecimal p) {
        price.setText(p.toPlainString());
        priceEdited = true;
    }

    /** Called after any field changed. */
    void onChange(Runnable r) {
        onChange = r;
    }

    /**
     * Called when the trader asks for the leverage or margin mode to be applied: with true from the
     * Apply button (send even if unchanged), with false on Enter, focus-out of the leverage and a
     * margin-mode choice (send only what changed). Never on a keystroke.
     */
    void onApplySettings(java.util.function.Consumer<Boolean> r) {
        applySettings.addListener(SWT.Selection, e -> r.accept(Boolean.TRUE));
        leverage.addListener(SWT.DefaultSelection, e -> r.accept(Boolean.FALSE));
        leverage.addListener(SWT.FocusOut, e -> r.accept(Boolean.FALSE));
        marginMode.addListener(SWT.Selection, e -> r.accept(Boolean.FALSE));
    }

    /** Called when the place button is pressed. */
    void onPlace(Runnable r) {
        place.addListener(SWT.Selection, e -> r.run());
    }

    // ------------------------------------------------------------------ reading

    OrderTicket.Input input() {
        int ti = type.getSelectionIndex();
        BigDecimal lev = null;
        try {
            lev = leverage.getText().isBlank() ? null : new BigDecimal(leverage.getText().strip());
        } catch (NumberFormatException e) {
            lev = null; // the ticket says nothing about it: the field shows red
        }
        return new OrderTicket.Input(side, TYPES.get(ti < 0 ? 1 : ti), quantity.getText(),
                quantityMode.getSelectionIndex() == 1 ? QuantityMode.PERCENT_OF_AVAILABLE : QuantityMode.UNITS,
                price.getText(), trigger.getText(), takeProfit.getText(), stopLoss.getText(),
                exitMode.getSelectionIndex() == 1 ? ExitMode.PERCENT : ExitMode.PRICE, postOnly.getSelection(),
                reduceOnly.getSelection(), TimeInForce.values()[Math.max(0, tif.getSelectionIndex())], lev);
    }

    boolean priceEdited() {
        return priceEdited;
    }

    // ------------------------------------------------------------------ showing

    /** Fills the price from the book unless the trader edited it. */
    void suggestPrice(BigDecimal p) {
        if (priceEdited || p == null) {
            return;
        }
        String t = p.toPlainString();
        if (!t.equals(price.getText())) {
            settingPrice = true;
            try {
                price.setText(t);
            } finally {
                settingPrice = false;
            }
        }
    }

    void showInstrument(String text) {
        instrument.setText(text);
    }

    void showAccounts(List<String> names, int selected) {
        String[] items = names.toArray(String[]::new);
        if (!List.of(account.getItems()).equals(names)) {
            account.setItems(items);
        }
        if (selected >= 0 && account.getSelectionIndex() != selected) {
            account.select(selected);
        }
        account.setEnabled(names.size() > 1);
    }

    int selectedAccount() {
        return account.getSelectionIndex();
    }

    void showQuote(BigDecimal b, BigDecimal a, BigDecimal spreadAbs, BigDecimal bps, boolean live, String cause) {
        text(bid, b == null ? "Bid \u2013" : "Bid " + b.toPlainString());
        text(ask, a == null ? "Ask \u2013" : "Ask " + a.toPlainString());
        if (!live) {
            text(spread, "not live: " + cause);
            foreground(spread, Palette.current().failed());
            foreground(bid, Palette.current().muted());
            foreground(ask, Palette.current().muted());
        } else {
            text(spread, spreadAbs == null ? "" : "Spread " + spreadAbs.toPlainString() + " ("
                    + bps.setScale(bps.compareTo(BigDecimal.ONE) < 0 ? 2 : 1, RoundingMode.HALF_UP).toPlainString() + " bps)");
            foreground(spread, Palette.current().muted());
            foreground(bid, Palette.current().bid());
            foreground(ask, Palette.current().ask());
        }
    }

    /** Shows the fields the type and market use. */
    void showFields(OrderType t, boolean derivative, boolean postOnlyOffered, boolean reduceOnlyOffered,
            List<OrderType> offered) {
        boolean needsPrice = t.needsPrice();
        boolean needsTrigger = t.needsTrigger();
        price.setEnabled(needsPrice);
        followBook.setEnabled(needsPrice);
        priceLabel.setEnabled(needsPrice);
        trigger.setEnabled(needsTrigger);
        triggerLabel.setEnabled(needsTrigger);
        boolean exits = !needsTrigger;
        takeProfit.setEnabled(exits);
        stopLoss.setEnabled(exits);
        exitMode.setEnabled(exits);
        postOnly.setEnabled(postOnlyOffered && t == OrderType.LIMIT);
        reduceOnly.setEnabled(reduceOnlyOffered && derivative);
        tif.setEnabled(t != OrderType.MARKET);
        boolean wasVisible = leverageCell.getVisible();
        for (Control c : new Control[] { leverageLabel, leverageCell }) {
            c.setVisible(derivative); // spot has no leverage: the rows go away
            ((GridData) c.getLayoutData()).exclude = !derivative;
        }
        if (wasVisible != derivative) {
            boolean status = derivative && !settingStatus.getText().isEmpty();
            settingStatus.setVisible(status);
            ((GridData) settingStatus.getLayoutData()).exclude = !status;
            layout(true, true);
        }
        List<String> names = new ArrayList<>();
        for (OrderType o : TYPES) {
            names.add(offered.contains(o) ? o.wireName() : o.wireName() + " (not offered)");
        }
        String[] current = type.getItems();
        if (!List.of(current).equals(names)) {
            int sel = type.getSelectionIndex();
            type.setItems(names.toArray(String[]::new));
            type.select(sel);
        }
    }

    /**
     * Which of the exchange's settings this instrument offers on this account.
     *
     * @param leverageOffered whether its leverage can be set
     * @param marginModeOffered whether its margin mode can be set
     */
    void showSettingsOffered(boolean leverageOffered, boolean marginModeOffered) {
        leverage.setEnabled(leverageOffered);
        leverageLabel.setEnabled(leverageOffered);
        marginMode.setEnabled(marginModeOffered);
        applySettings.setEnabled(leverageOffered || marginModeOffered);
    }

    /**
     * Puts the exchange's current leverage and margin mode in the fields (a new instrument or account),
     * without applying them.
     *
     * @param lev the leverage, null for none known (the field stays blank)
     * @param mode the margin mode, null for none known
     */
    void showSettings(BigDecimal lev, MarginMode mode) {
        leverage.setText(lev == null ? "" : lev.stripTrailingZeros().toPlainString());
        if (mode == null) {
            marginMode.deselectAll();
        } else {
            marginMode.select(mode.ordinal());
        }
    }

    /** The leverage as typed, stripped. */
    String leverageText() {
        return leverage.getText().strip();
    }

    /** The margin mode chosen, null for none. */
    MarginMode marginModeChoice() {
        int i = marginMode.getSelectionIndex();
        return i < 0 ? null : MarginMode.values()[i];
    }

    /**
     * The line under the leverage: "applying…", what the exchange answered, or the position's current
     * leverage and margin mode.
     */
    void showSettingStatus(String text, boolean failed) {
        if (!text.equals(settingStatus.getText())) {
            settingStatus.setText(text);
            boolean hide = text.isEmpty() || !leverageCell.getVisible(); // no empty row under the leverage
            settingStatus.setVisible(!hide);
            ((GridData) settingStatus.getLayoutData()).exclude = hide;
            layout(true, true);
        }
        settingStatus.setForeground(failed ? Palette.current().failed() : Palette.current().muted());
    }

    void showEvaluation(OrderTicket.Evaluation e, String quote, String settle, boolean derivative,
            List<String> riskMessages, String placeText, boolean canPlace) {
        // refreshed with every quote: texts are set and the form laid out only when something
        // changed (a label's new text makes GTK measure the window again)
        boolean changed = text(cost, e.cost() == null ? "\u2013" : amount(e.cost()) + " " + (derivative ? settle : quote)
                + (e.price() != null && e.takes() ? "  (avg \u2248 " + e.price().stripTrailingZeros().toPlainString()
                        + (e.levelsWalked() > 1 ? ", " + e.levelsWalked() + " levels" : "") + ")" : ""));
        changed |= text(fee, e.fee() == null ? "\u2013" : "\u2248 " + amount(e.fee()) + " " + (derivative ? settle : quote)
                + " at " + e.feeRate().movePointRight(2).stripTrailingZeros().toPlainString() + " % ("
                + (e.takes() ? "taker" : "maker") + ", from preferences)");
        // the estimate is isolated margin's; under cross margin it depends on the whole wallet
        changed |= text(liquidation, !derivative ? "n/a (spot)" : marginModeChoice() == MarginMode.CROSS
                ? "not estimated (cross margin: the whole wallet backs the position)"
                : e.liquidation() == null ? "\u2013" : "\u2248 " + e.liquidation().stripTrailingZeros().toPlainString());
        List<String> w = new ArrayList<>();
        e.warnings().forEach(x -> w.add("\u26a0 " + x.text()));
        changed |= text(warnings, String.join("\n", w));
        List<String> errs = new ArrayList<>(e.errors());
        errs.addAll(riskMessages);
        changed |= text(errors, String.join("\n", errs));
        // a blank quantity is where every ticket starts: a hint, not an error
        foreground(errors, errs.equals(List.of("enter the quantity")) ? Palette.current().muted() : Palette.current().failed());
        if (!placeText.equals(place.getText())) {
            place.setText(placeText);
            changed = true;
        }
        if (place.getEnabled() != canPlace) {
            place.setEnabled(canPlace);
        }
        foreground(place, !canPlace ? Palette.current().muted() : side == Side.BUY ? Palette.current().bid() : Palette.current().ask());
        if (changed) {
            layout(true, true);
        }
    }

    void showProgress(String text, boolean failed) {
        boolean changed = text(progress, text);
        foreground(progress, failed ? Palette.current().failed() : Palette.current().muted());
        if (changed) {
            layout(true, true);
        }
    }

    /** Sets a label's text when it differs; says whether it did. */
    private static boolean text(Label label, String text) {
        if (text.equals(label.getText())) {
            return false;
        }
        label.setText(text);
        return true;
    }

    private static void foreground(org.eclipse.swt.widgets.Control control, org.eclipse.swt.graphics.Color colour) {
        if (!colour.equals(control.getForeground())) {
            control.setForeground(colour);
        }
    }


    private static String amount(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    // ------------------------------------------------------------------ for tests

    HealthBadge healthBadge() {
        return health;
    }

    Text quantityField() {
        return quantity;
    }

    Combo quantityModeField() {
        return quantityMode;
    }

    Text priceField() {
        return price;
    }

    Text triggerField() {
        return trigger;
    }

    Text takeProfitField() {
        return takeProfit;
    }

    Text stopLossField() {
        return stopLoss;
    }

    Combo typeField() {
        return type;
    }

    Button placeButton() {
        return place;
    }

    Button sellButton() {
        return sell;
    }

    Button buyButton() {
        return buy;
    }

    String warningText() {
        return warnings.getText();
    }

    String errorText() {
        return errors.getText();
    }

    String progressText() {
        return progress.getText();
    }

    String costText() {
        return cost.getText();
    }

    String feeText() {
        return fee.getText();
    }

    String liquidationText() {
        return liquidation.getText();
    }

    String spreadText() {
        return spread.getText();
    }

    org.eclipse.swt.graphics.Color bidLabelForeground() {
        return bid.getForeground();
    }

    String bidText() {
        return bid.getText();
    }

    String instrumentText() {
        return instrument.getText();
    }

    String askText() {
        return ask.getText();
    }

    Text leverageField() {
        return leverage;
    }

    Combo marginModeField() {
        return marginMode;
    }

    Button applySettingsButton() {
        return applySettings;
    }

    String settingStatusText() {
        return settingStatus.getText();
    }

    boolean leverageShown() {
        return leverageCell.getVisible();
    }

    Button reduceOnlyField() {
        return reduceOnly;
    }
}
