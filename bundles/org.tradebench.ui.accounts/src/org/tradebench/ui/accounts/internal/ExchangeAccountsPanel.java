package org.tradebench.ui.accounts.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.CredentialStore;
import org.tradebench.api.credentials.CredentialStoreException;
import org.tradebench.api.credentials.KeyEnvironment;
import org.tradebench.api.credentials.KeyType;
import org.tradebench.api.credentials.StoredAccount;
import org.tradebench.ui.core.widgets.TradeColors;

/**
 * The content of the Exchange Accounts page: a table of exchanges (installed connectors and
 * exchanges with stored keys, with the type of each stored key) and, for the selected one, the
 * account label, key type, environment (the live exchange or its testnet), API key, secret and
 * passphrase fields with Save and Remove. A testnet key shows as "HMAC · testnet" in the table.
 *
 * <p>The key type says what the secret is: an HMAC secret (the text the exchange shows), or an
 * Ed25519 or RSA private key (for Ed25519 the base64 32-byte seed or a PKCS#8 PEM, for RSA a PKCS#8
 * PEM). The shape of a typed private key is checked before it is stored, and a PEM pasted into the
 * single-line field is stored with its line breaks restored.
 *
 * <p>Secrets are typed into masked fields, handed to the store as {@code char[]} and wiped; the
 * fields are cleared after a save and never filled from storage: a stored secret shows as
 * "stored". An empty field on Save keeps what is stored, so the label can change without typing the
 * keys again; a new API key, or another key type, needs its secret.
 *
 * <pre>{@code
 * ExchangeAccountsPanel panel = new ExchangeAccountsPanel(parent, SWT.NONE, store);
 * panel.setInstalledExchanges(List.of(new ExchangeAccountsPanel.Exchange("bitfinex", "Bitfinex")));
 * }</pre>
 *
 * <p>Display thread only. The store may be null (not installed): the page then says so and edits
 * nothing.
 */
public final class ExchangeAccountsPanel extends Composite {

    /**
     * An exchange whose connector is installed.
     *
     * @param id the exchange id
     * @param displayName a name for people
     */
    public record Exchange(String id, String displayName) {
        /** Validates. */
        public Exchange {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(displayName, "displayName");
        }
    }

    /** What an empty secret field says when a secret is stored. */
    static final String STORED = "stored";
    static final String DEFAULT_ACCOUNT = "main";

    private static final int COLUMN_EXCHANGE = 0;
    private static final int COLUMN_ACCOUNT = 1;
    private static final int COLUMN_TYPE = 2;
    private static final int COLUMN_KEY = 3;
    private static final int COLUMN_SECRET = 4;
    private static final int COLUMN_CONNECTOR = 5;

    /** The key types offered, in the order of the type selector. */
    static final List<KeyType> KEY_TYPES = List.of(KeyType.HMAC, KeyType.ED25519, KeyType.RSA);
    /** The environments offered, in the order of the environment selector. */
    static final List<KeyEnvironment> ENVIRONMENTS = List.of(KeyEnvironment.LIVE, KeyEnvironment.TESTNET);

    private final CredentialStore store;
    private final Table table;
    private final Label selection;
    private final Text account;
    private final Combo keyType;
    private final Combo environment;
    private final Text apiKey;
    private final Label secretLabel;
    private final Text secret;
    private final Label secretState;
    private final Text passphrase;
    private final Label passphraseState;
    private final Button save;
    private final Button remove;
    private final Label status;
    private final Label protection;

    private List<Exchange> installed = List.of();
    private List<StoredAccount> stored = List.of();
    private final List<Row> rows = new ArrayList<>();
    private String selectedId;
    private Predicate<String> confirmRemoval = this::askBeforeRemoving;

    /** A table row: an exchange and what is stored for it. */
    record Row(String id, String displayName, boolean installed, StoredAccount account) {
    }

    /**
     * Creates the panel and reads the stored accounts.
     *
     * @param parent the parent
     * @param style SWT style bits
     * @param store the credential store, nullable when the service is missing
     */
    public ExchangeAccountsPanel(Composite parent, int style, CredentialStore store) {
        super(parent, style);
        this.store = store;
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 8;
        setLayout(layout);

        Label intro = new Label(this, SWT.WRAP);
        intro.setText("API keys are kept encrypted in Eclipse secure storage, never in plain files or logs."
                + " Secrets are never shown again after saving. Connectors restart with new keys as soon as they"
                + " are saved.");
        intro.setLayoutData(wrapping());
        protection = new Label(this, SWT.WRAP);
        GridData protectionData = wrapping();
        protectionData.exclude = true; // until showProtection says what protects the keys
        protection.setLayoutData(protectionData);
        protection.setVisible(false);

        table = new Table(this, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        column("Exchange", 150);
        column("Account", 100);
        column("Key type", 80);
        column("API key", 90);
        column("Secret", 70);
        column("Connector", 100);
        GridData tableData = new GridData(SWT.FILL, SWT.FILL, true, true);
        tableData.heightHint = table.getItemHeight() * 6 + table.getHeaderHeight();
        table.setLayoutData(tableData);

        Group form = new Group(this, SWT.NONE);
        form.setText("Keys");
        form.setLayout(new GridLayout(3, false));
        form.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));

        new Label(form, SWT.NONE).setText("Exchange:");
        selection = new Label(form, SWT.NONE);
        selection.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));

        account = field(form, "&Account:", SWT.NONE);
        new Label(form, SWT.NONE);
        new Label(form, SWT.NONE).setText("Key &type:");
        keyType = new Combo(form, SWT.READ_ONLY | SWT.DROP_DOWN);
        keyType.setItems(KEY_TYPES.stream().map(ExchangeAccountsPanel::typeChoice).toArray(String[]::new));
        keyType.select(0);
        keyType.setToolTipText("What the exchange issued: an HMAC secret, or an Ed25519 or RSA private key");
        keyType.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false));
        keyType.addListener(SWT.Selection, e -> showSecretHints());
        new Label(form, SWT.NONE);
        new Label(form, SWT.NONE).setText("&Environment:");
        environment = new Combo(form, SWT.READ_ONLY | SWT.DROP_DOWN);
        environment.setItems("Live exchange", "Testnet");
        environment.select(0);
        environment.setToolTipText("Where the key works: keys issued by an exchange's testnet (Binance:"
                + " testnet.binance.vision, testnet.binancefuture.com) work there only, and the connector then uses"
                + " every testnet endpoint, order entry included");
        environment.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false));
        new Label(form, SWT.NONE);
        apiKey = field(form, "API &key:", SWT.NONE);
        new Label(form, SWT.NONE);
        secretLabel = new Label(form, SWT.NONE);
        secret = text(form, SWT.PASSWORD);
        secretState = stateLabel(form);
        passphrase = field(form, "&Passphrase:", SWT.PASSWORD);
        passphraseState = stateLabel(form);

        Composite buttons = new Composite(form, SWT.NONE);
        RowLayout row = new RowLayout(SWT.HORIZONTAL);
        row.marginLeft = 0;
        row.marginRight = 0;
        row.spacing = 8;
        buttons.setLayout(row);
        buttons.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false, 3, 1));
        save = new Button(buttons, SWT.PUSH);
        save.setText("Sa&ve");
        save.addListener(SWT.Selection, e -> save());
        remove = new Button(buttons, SWT.PUSH);
        remove.setText("&Remove");
        remove.addListener(SWT.Selection, e -> removeSelected());

        status = new Label(this, SWT.WRAP);
        status.setLayoutData(wrapping());

        table.addListener(SWT.Selection, e -> {
            if (store != null) {
                status.setText(""); // the last action's result belongs to the last exchange
            }
            select(selectedRow().map(Row::id).orElse(null));
        });

        if (store == null) {
            showError("Secure storage is not available: the bundle org.tradebench.secrets is not installed or did not"
                    + " start, so API keys cannot be saved.");
        }
        reloadAccounts();
    }

    private void column(String title, int width) {
        TableColumn c = new TableColumn(table, SWT.LEFT);
        c.setText(title);
        c.setWidth(width);
    }

    private static GridData wrapping() {
        GridData data = new GridData(SWT.FILL, SWT.TOP, true, false);
        data.widthHint = 480;
        return data;
    }

    private static Text field(Composite form, String label, int style) {
        new Label(form, SWT.NONE).setText(label);
        return text(form, style);
    }

    private static Text text(Composite form, int style) {
        Text text = new Text(form, SWT.BORDER | SWT.SINGLE | style);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.widthHint = 260;
        text.setLayoutData(data);
        return text;
    }

    private static Label stateLabel(Composite form) {
        Label label = new Label(form, SWT.NONE);
        GridData data = new GridData(SWT.BEGINNING, SWT.CENTER, false, false);
        data.widthHint = 90;
        label.setLayoutData(data);
        return label;
    }

    /**
     * Sets the exchanges whose connectors are installed; they are listed even without keys.
     *
     * @param exchanges the exchanges
     */
    public void setInstalledExchanges(List<Exchange> exchanges) {
        checkWidget();
        installed = List.copyOf(exchanges);
        rebuild();
    }

    /** Re-reads the stored accounts (after a change made elsewhere). Errors show in the status line. */
    public void reloadAccounts() {
        checkWidget();
        if (store != null) {
            try {
                stored = store.accounts();
            } catch (CredentialStoreException e) {
                stored = List.of();
                showError(e.getMessage());
            }
        }
        rebuild();
    }

    private void rebuild() {
        Map<String, Row> byId = new LinkedHashMap<>();
        for (Exchange e : installed) {
            byId.put(e.id(), new Row(e.id(), e.displayName(), true, null));
        }
        for (StoredAccount a : stored) {
            Row known = byId.get(a.exchangeId());
            byId.put(a.exchangeId(), known == null ? new Row(a.exchangeId(), a.exchangeId(), false, a)
                    : new Row(known.id(), known.displayName(), true, a));
        }
        rows.clear();
        rows.addAll(byId.values());
        rows.sort(Comparator.comparing((Row r) -> r.displayName().toLowerCase()).thenComparing(Row::id));

        table.setRedraw(false);
        try {
            table.removeAll();
            for (Row r : rows) {
                TableItem item = new TableItem(table, SWT.NONE);
                item.setText(COLUMN_EXCHANGE, r.displayName());
                item.setText(COLUMN_ACCOUNT, r.account() == null ? "" : r.account().accountLabel());
                item.setText(COLUMN_TYPE, r.account() == null ? "" : typeName(r.account().keyType())
                        + (r.account().environment() == KeyEnvironment.LIVE ? "" : " \u00b7 testnet"));
                item.setText(COLUMN_KEY, r.account() == null ? "" : r.account().maskedApiKey());
                item.setText(COLUMN_SECRET, r.account() == null ? "none" : STORED);
                item.setText(COLUMN_CONNECTOR, r.installed() ? "installed" : "not installed");
                if (!r.installed()) {
                    item.setForeground(TradeColors.MUTED);
                }
            }
        } finally {
            table.setRedraw(true);
        }
        String keep = selectedId;
        if (keep == null && !rows.isEmpty()) {
            keep = rows.get(0).id();
        }
        select(keep);
    }

    /**
     * Selects an exchange and shows its form (fields for secrets empty, "stored" when one is).
     *
     * @param exchangeId the exchange, nullable for none
     */
    void select(String exchangeId) {
        int index = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(exchangeId)) {
                index = i;
            }
        }
        if (index < 0) {
            table.deselectAll();
        } else {
            table.setSelection(index);
        }
        Row row = index < 0 ? null : rows.get(index);
        String newId = row == null ? null : row.id();
        boolean changed = !Objects.equals(newId, selectedId);
        selectedId = newId;
        StoredAccount a = row == null ? null : row.account();

        selection.setText(row == null ? "(none)" : row.displayName() + "  (" + row.id() + ")");
        if (changed) {
            account.setText(a == null ? "" : a.accountLabel());
            keyType.select(KEY_TYPES.indexOf(a == null ? KeyType.HMAC : a.keyType()));
            environment.select(ENVIRONMENTS.indexOf(a == null ? KeyEnvironment.LIVE : a.environment()));
            clearSecretFields();
        }
        account.setMessage(DEFAULT_ACCOUNT);
        apiKey.setMessage(a == null ? "required" : "stored: " + a.maskedApiKey() + " (type a new key to replace it)");
        passphrase.setMessage(a != null && a.hasPassphrase() ? "stored (type to replace)" : "only if the exchange issued one");
        passphraseState.setText(a != null && a.hasPassphrase() ? STORED : "");
        secretState.setForeground(TradeColors.BID);
        passphraseState.setForeground(TradeColors.BID);

        boolean editable = store != null && row != null;
        for (Text t : new Text[] { account, apiKey, secret, passphrase }) {
            t.setEnabled(editable);
        }
        keyType.setEnabled(editable);
        environment.setEnabled(editable);
        showSecretHints();
        save.setEnabled(editable);
        remove.setEnabled(editable && a != null);
        layout(true, true);
    }

    /** The secret field's label, hint and state for the chosen key type and what is stored. */
    private void showSecretHints() {
        StoredAccount a = selectedId == null ? null : row(selectedId).map(Row::account).orElse(null);
        KeyType type = selectedType();
        boolean storedOfThisType = a != null && a.keyType() == type;
        secretLabel.setText(type == KeyType.HMAC ? "&Secret:" : "Private k&ey:");
        String shape = switch (type) {
            case HMAC -> "required";
            case ED25519 -> "base64 seed or PEM (BEGIN PRIVATE KEY)";
            case RSA -> "PEM (BEGIN PRIVATE KEY)";
        };
        if (storedOfThisType) {
            secret.setMessage("stored (type a new " + (type == KeyType.HMAC ? "secret" : "key") + " to replace it)");
        } else if (a != null) {
            secret.setMessage(shape + (type == KeyType.HMAC ? ": " : "; ") + "the stored one is " + article(a.keyType()));
        } else {
            secret.setMessage(shape);
        }
        secretState.setText(storedOfThisType ? STORED : "");
        layout(true, true);
    }

    private KeyEnvironment selectedEnvironment() {
        int i = environment.getSelectionIndex();
        return i < 0 ? KeyEnvironment.LIVE : ENVIRONMENTS.get(i);
    }

    private KeyType selectedType() {
        int i = keyType.getSelectionIndex();
        return i < 0 ? KeyType.HMAC : KEY_TYPES.get(i);
    }

    /**
     * The name of a key type in the table.
     *
     * @param type the type
     * @return {@code "HMAC"}, {@code "Ed25519"} or {@code "RSA"}
     */
    static String typeName(KeyType type) {
        return switch (type) {
            case HMAC -> "HMAC";
            case ED25519 -> "Ed25519";
            case RSA -> "RSA";
        };
    }

    private static String typeChoice(KeyType type) {
        return type == KeyType.HMAC ? "HMAC secret" : typeName(type) + " private key";
    }

    /** What the secret field holds, in a sentence: "the API secret", "the Ed25519 private key". */
    private static String secretName(KeyType type) {
        return type == KeyType.HMAC ? "API secret" : typeName(type) + " private key";
    }

    private static String article(KeyType type) {
        return switch (type) {
            case HMAC -> "an HMAC secret";
            case ED25519 -> "an Ed25519 key";
            case RSA -> "an RSA key";
        };
    }

    private Optional<Row> selectedRow() {
        int i = table.getSelectionIndex();
        return i < 0 || i >= rows.size() ? Optional.empty() : Optional.of(rows.get(i));
    }

    private Optional<Row> row(String exchangeId) {
        return rows.stream().filter(r -> r.id().equals(exchangeId)).findFirst();
    }

    /**
     * Whether the form holds typed keys or a changed label not saved yet.
     *
     * @return true when Save would change something
     */
    public boolean isEdited() {
        checkWidget();
        if (selectedId == null) {
            return false;
        }
        StoredAccount a = row(selectedId).map(Row::account).orElse(null);
        String label = account.getText().strip();
        boolean labelChanged = a != null ? !label.isEmpty() && !label.equals(a.accountLabel()) : !label.isEmpty();
        boolean typeChanged = a != null && a.keyType() != selectedType();
        boolean environmentChanged = a != null && a.environment() != selectedEnvironment();
        return labelChanged || typeChanged || environmentChanged || !apiKey.getText().isBlank() || secret.getCharCount() > 0
                || passphrase.getCharCount() > 0;
    }

    /**
     * Saves the form of the selected exchange. Empty fields keep what is stored.
     *
     * @return true when saved, false when something is missing or the store failed (the status line
     *         says what)
     */
    public boolean save() {
        checkWidget();
        Optional<Row> selected = row(selectedId);
        if (store == null || selected.isEmpty()) {
            return false;
        }
        Row row = selected.get();
        String label = account.getText().strip();
        KeyType type = selectedType();
        String typedKey = apiKey.getText().strip();
        char[] typedSecret = secret.getTextChars();
        char[] typedPassphrase = passphrase.getTextChars();
        ApiCredentials old = null;
        ApiCredentials keys = null;
        char[] oldSecret = null;
        char[] oldPassphrase = null;
        char[] normalized = null;
        try {
            if (row.account() != null && (typedKey.isEmpty() || typedSecret.length == 0 || typedPassphrase.length == 0)) {
                // something is kept: read what is stored (decrypted only for this merge)
                old = store.credentials(row.id()).orElse(null);
            }
            if (old != null && !typedKey.isEmpty() && !typedKey.equals(old.apiKey()) && typedSecret.length == 0) {
                showError("Enter the secret that belongs to the new API key of " + row.displayName() + ".");
                secret.setFocus();
                return false;
            }
            String key = !typedKey.isEmpty() ? typedKey : old != null ? old.apiKey() : "";
            if (key.isEmpty()) {
                showError("Enter the API key of " + row.displayName() + ".");
                apiKey.setFocus();
                return false;
            }
            if (old != null && typedSecret.length == 0 && old.keyType() != type) {
                showError("Enter the " + secretName(type) + " of " + row.displayName() + ": the stored one is "
                        + article(old.keyType()) + ".");
                secret.setFocus();
                return false;
            }
            oldSecret = old != null && typedSecret.length == 0 ? old.secret() : null;
            if (typedSecret.length > 0) {
                String problem = PrivateKeyText.problem(type, typedSecret);
                if (problem != null) {
                    showError(problem);
                    secret.setFocus();
                    return false;
                }
                normalized = PrivateKeyText.normalized(type, typedSecret);
            }
            char[] secretToStore = normalized != null ? normalized : oldSecret;
            if (secretToStore == null || secretToStore.length == 0) {
                showError("Enter the " + secretName(type) + " of " + row.displayName() + ".");
                secret.setFocus();
                return false;
            }
            oldPassphrase = old != null && typedPassphrase.length == 0 ? old.passphrase() : null;
            char[] passphraseToStore = typedPassphrase.length > 0 ? typedPassphrase : oldPassphrase;
            keys = new ApiCredentials(row.id(), label.isEmpty() ? DEFAULT_ACCOUNT : label, type, selectedEnvironment(),
                    key, secretToStore, passphraseToStore);
            store.store(keys);
            clearSecretFields();
            account.setText(keys.accountLabel());
            showInfo("Saved the " + (keys.environment() == KeyEnvironment.TESTNET ? "testnet " : "") + "API key of "
                    + row.displayName() + " (" + keys.maskedApiKey() + ") in secure storage. Connectors using it "
                    + (keys.environment() == KeyEnvironment.TESTNET ? "connect to the testnet." : "re-authenticate."));
            reloadAccounts(); // sets the status line only on failure
            return true;
        } catch (CredentialStoreException | IllegalArgumentException e) {
            showError(e.getMessage());
            return false;
        } finally {
            Arrays.fill(typedSecret, '\0');
            Arrays.fill(typedPassphrase, '\0');
            wipe(normalized);
            wipe(oldSecret);
            wipe(oldPassphrase);
            if (old != null) {
                old.wipe();
            }
            if (keys != null) {
                keys.wipe();
            }
        }
    }

    /** Removes the keys of the selected exchange after asking. */
    void removeSelected() {
        Optional<Row> selected = row(selectedId);
        if (store == null || selected.isEmpty() || selected.get().account() == null) {
            return;
        }
        Row row = selected.get();
        if (!confirmRemoval.test(row.displayName())) {
            return;
        }
        try {
            store.remove(row.id());
            clearSecretFields();
            account.setText("");
            showInfo("Removed the API key of " + row.displayName() + " from secure storage.");
            reloadAccounts(); // sets the status line only on failure
        } catch (CredentialStoreException e) {
            showError(e.getMessage());
        }
    }

    private boolean askBeforeRemoving(String displayName) {
        return MessageDialog.openQuestion(getShell(), "Remove API Key",
                "Remove the API key of " + displayName + " from secure storage? Trading on " + displayName
                        + " stops until you enter a key again.");
    }

    /**
     * Replaces the confirmation asked before removing keys (tests answer without a dialog).
     *
     * @param confirm told the exchange's display name; true to remove
     */
    void setRemovalConfirmation(Predicate<String> confirm) {
        confirmRemoval = Objects.requireNonNull(confirm, "confirm");
    }

    private void clearSecretFields() {
        apiKey.setText("");
        secret.setTextChars(new char[0]);
        passphrase.setTextChars(new char[0]);
    }

    private static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }

    private void showError(String message) {
        status.setForeground(TradeColors.ASK);
        status.setText(message == null ? "" : message);
        layout(true, true);
    }

    private void showInfo(String message) {
        status.setForeground(TradeColors.BID);
        status.setText(message);
        layout(true, true);
    }

    // for tests

    Table table() {
        return table;
    }

    Text accountField() {
        return account;
    }

    Text apiKeyField() {
        return apiKey;
    }

    Combo environmentField() {
        return environment;
    }

    Combo keyTypeField() {
        return keyType;
    }

    /**
     * Shows which password provider protects the keys (the OS keyring or the key file).
     *
     * @param notice one sentence, from {@code org.tradebench.secrets.KeyProtection#describe()}
     */
    public void showProtection(String notice) {
        protection.setText(notice);
        ((GridData) protection.getLayoutData()).exclude = false;
        protection.setVisible(true);
        layout(true, true);
    }

    /** The notice saying what protects the keys (tests). */
    Label protectionNotice() {
        return protection;
    }

    Label secretLabel() {
        return secretLabel;
    }

    Text secretField() {
        return secret;
    }

    Text passphraseField() {
        return passphrase;
    }

    Label secretState() {
        return secretState;
    }

    Button saveButton() {
        return save;
    }

    Button removeButton() {
        return remove;
    }

    String statusText() {
        return status.getText();
    }
}
