package org.tradebench.ui.accounts.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.tradebench.api.risk.RiskLimits;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.core.trading.RiskLimitsStore;

/**
 * The content of the Risk Limits page: the pre-trade limits the order gateway applies, for all
 * accounts (the default) or for one trading account of an installed connector.
 *
 * <pre>{@code
 * RiskLimitsPanel panel = new RiskLimitsPanel(parent, SWT.NONE, store);
 * panel.setAccounts(List.of(new RiskLimitsPanel.Account(new AccountRef("bitfinex", "main"), "Bitfinex")));
 * }</pre>
 *
 * <p>Display thread only. Edits are kept per account until {@link #save()}; a value that does not
 * parse is reported by {@link #problem()} and nothing is saved.
 */
public final class RiskLimitsPanel extends Composite {

    /**
     * A trading account the user can set limits for.
     *
     * @param ref the account
     * @param displayName a name for people
     */
    public record Account(AccountRef ref, String displayName) {
        /** Validates. */
        public Account {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(displayName, "displayName");
        }
    }

    static final String ALL_ACCOUNTS = "All accounts (default limits)";

    private final RiskLimitsStore store;
    private final Combo account;
    private final Label source;
    private final Text maxQuantity;
    private final Text maxNotional;
    private final Text priceBand;
    private final Text maxOpenOrders;
    private final Text balanceShare;
    private final Button roundToGrid;
    private final Button useDefault;
    private final List<Account> accounts = new ArrayList<>();
    private AccountRef selected;
    private String problem;

    /**
     * Creates the panel.
     *
     * @param parent the parent
     * @param style SWT style
     * @param store the limits store, or null when the order gateway is not installed
     */
    public RiskLimitsPanel(Composite parent, int style, RiskLimitsStore store) {
        super(parent, style);
        this.store = store;
        setLayout(new GridLayout(2, false));
        Label intro = new Label(this, SWT.WRAP);
        intro.setText("Every order passes these checks in the order gateway before it is sent. An account without"
                + " its own limits uses the default limits.");
        intro.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        new Label(this, SWT.NONE).setText("Account:");
        account = new Combo(this, SWT.READ_ONLY);
        account.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        source = new Label(this, SWT.NONE);
        source.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        useDefault = new Button(this, SWT.CHECK);
        useDefault.setText("Use the default limits for this account");
        useDefault.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        maxQuantity = field("Largest quantity per order:");
        maxNotional = field("Largest notional per order (quote currency):");
        priceBand = field("Price band around the mid (%):");
        maxOpenOrders = field("Most working orders (0: no limit):");
        balanceShare = field("Largest share of the available balance (%, empty: no check):");
        roundToGrid = new Button(this, SWT.CHECK);
        roundToGrid.setText("Round prices and quantities to the instrument's grid (otherwise refuse them)");
        roundToGrid.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        account.addListener(SWT.Selection, e -> select(account.getSelectionIndex()));
        useDefault.addListener(SWT.Selection, e -> enableFields());
        setAccounts(List.of());
        if (store == null) {
            source.setText("The order gateway (org.tradebench.core) is not installed: nothing to set.");
            setEnabled(false);
        }
    }

    private Text field(String label) {
        new Label(this, SWT.NONE).setText(label);
        Text t = new Text(this, SWT.BORDER);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return t;
    }

    /**
     * Lists the accounts of the installed connectors (the default limits come first).
     *
     * @param list the accounts
     */
    public void setAccounts(List<Account> list) {
        accounts.clear();
        accounts.addAll(list);
        account.removeAll();
        account.add(ALL_ACCOUNTS);
        for (Account a : list) {
            account.add(a.displayName() + " (" + a.ref() + ")");
        }
        int index = 0;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).ref().equals(selected)) {
                index = i + 1;
            }
        }
        account.select(index);
        select(index);
    }

    /**
     * Shows an account's limits.
     *
     * @param ref the account, or null for the default limits
     */
    public void show(AccountRef ref) {
        for (int i = 0; i < accounts.size(); i++) {
            if (accounts.get(i).ref().equals(ref)) {
                account.select(i + 1);
                select(i + 1);
                return;
            }
        }
        account.select(0);
        select(0);
    }

    private void select(int index) {
        selected = index <= 0 ? null : accounts.get(index - 1).ref();
        if (store == null) {
            return;
        }
        Optional<RiskLimits> own = store.stored(selected);
        RiskLimits shown = selected == null ? own.orElse(RiskLimits.DEFAULTS) : store.limits(selected);
        useDefault.setVisible(selected != null);
        useDefault.setSelection(selected != null && own.isEmpty());
        source.setText(selected == null ? (own.isPresent() ? "Your default limits." : "The built-in default limits.")
                : own.isPresent() ? "This account's own limits." : "This account uses the default limits.");
        maxQuantity.setText(shown.maxQuantity().toPlainString());
        maxNotional.setText(shown.maxNotional().toPlainString());
        priceBand.setText(shown.priceBand().movePointRight(2).stripTrailingZeros().toPlainString());
        maxOpenOrders.setText(Integer.toString(shown.maxOpenOrders()));
        balanceShare.setText(shown.maxBalanceFraction() == null ? ""
                : shown.maxBalanceFraction().movePointRight(2).stripTrailingZeros().toPlainString());
        roundToGrid.setSelection(shown.roundToGrid());
        enableFields();
    }

    private void enableFields() {
        boolean own = selected == null || !useDefault.getSelection();
        for (Text t : new Text[] { maxQuantity, maxNotional, priceBand, maxOpenOrders, balanceShare }) {
            t.setEnabled(own);
        }
        roundToGrid.setEnabled(own);
    }

    /**
     * The limits as typed.
     *
     * @return the limits
     * @throws IllegalArgumentException saying which field is wrong and why
     */
    RiskLimits typed() {
        BigDecimal quantity = decimal(maxQuantity, "largest quantity");
        BigDecimal notional = decimal(maxNotional, "largest notional");
        BigDecimal band = decimal(priceBand, "price band").movePointLeft(2);
        int open;
        try {
            open = Integer.parseInt(maxOpenOrders.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("most working orders: '" + maxOpenOrders.getText()
                    + "' is not a whole number");
        }
        BigDecimal share = balanceShare.getText().isBlank() ? null
                : decimal(balanceShare, "largest share of the balance").movePointLeft(2);
        return new RiskLimits(quantity, notional, band, roundToGrid.getSelection(), open, share);
    }

    private static BigDecimal decimal(Text field, String what) {
        String text = field.getText().trim();
        try {
            BigDecimal d = new BigDecimal(text);
            if (d.signum() <= 0) {
                throw new IllegalArgumentException(what + ": " + text + " must be above 0");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a number");
        }
    }

    /**
     * Saves the shown account's limits (or removes them when it uses the default limits).
     *
     * @return true when saved; false with {@link #problem()} saying why
     */
    public boolean save() {
        problem = null;
        if (store == null) {
            return true;
        }
        try {
            RiskLimits limits = selected != null && useDefault.getSelection() ? null : typed();
            store.store(selected, limits);
            select(account.getSelectionIndex());
            return true;
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        } catch (IOException e) {
            problem = "cannot write " + store.file() + ": " + e.getMessage() + " (the limits apply until Tradebench"
                    + " closes)";
        }
        return false;
    }

    /**
     * Why the last save failed.
     *
     * @return the reason, or null
     */
    public String problem() {
        return problem;
    }

    Text maxQuantityField() {
        return maxQuantity;
    }

    Text priceBandField() {
        return priceBand;
    }

    Button useDefaultButton() {
        return useDefault;
    }
}
