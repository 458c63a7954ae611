package org.tradebench.ui.accounts.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.KeyEnvironment;
import org.tradebench.api.credentials.KeyType;
import org.tradebench.ui.accounts.internal.ExchangeAccountsPanel.Exchange;
import org.tradebench.ui.testing.Ui;

/** The page's widget in a shell of its own, on an in-memory store. */
class ExchangeAccountsPanelTest {

    private static final String SECRET = "s3cr3t-0d9e8c7b6a5f";
    private static final String NEW_SECRET = "n3w-s3cr3t-11aa22bb";
    private static final List<Exchange> INSTALLED = List.of(new Exchange("bitfinex", "Bitfinex"),
            new Exchange("binance", "Binance"), new Exchange("simulated", "Simulated Exchange"));

    private Shell shell;
    private InMemoryCredentialStore store;
    private ExchangeAccountsPanel panel;

    @BeforeEach
    void open() {
        shell = Ui.shell("Exchange Accounts", 760, 600);
        store = new InMemoryCredentialStore();
    }

    @AfterEach
    void close() {
        shell.dispose();
        Ui.flush();
    }

    private void createPanel(InMemoryCredentialStore withStore) {
        Composite page = new Composite(shell, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 12;
        layout.marginHeight = 12;
        page.setLayout(layout);
        panel = new ExchangeAccountsPanel(page, SWT.NONE, withStore);
        panel.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        panel.setInstalledExchanges(INSTALLED);
        shell.open();
        shell.layout(true, true);
        Ui.flush();
    }

    private void select(String exchangeId) {
        panel.select(exchangeId);
        Ui.flush();
    }

    private static void click(Button button) {
        button.notifyListeners(SWT.Selection, new Event());
        Ui.flush();
    }

    private List<List<String>> rows() {
        Table table = panel.table();
        List<List<String>> rows = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < table.getColumnCount(); c++) {
                cells.add(item.getText(c));
            }
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void listsInstalledConnectorsAndExchangesWithStoredKeys() {
        store.store(ApiCredentials.of("bitfinex", "main", "bfxKEY-aa11bb22", SECRET.toCharArray()));
        store.store(ApiCredentials.of("kraken", "spot", "krakenKEY-123456", SECRET.toCharArray()));
        createPanel(store);

        assertEquals(List.of(List.of("Binance", "", "", "", "none", "installed"),
                List.of("Bitfinex", "main", "HMAC", "bfxK\u2026", "stored", "installed"),
                List.of("kraken", "spot", "HMAC", "krak\u2026", "stored", "not installed"),
                List.of("Simulated Exchange", "", "", "", "none", "installed")), rows());
    }

    @Test
    void savingStoresTheKeysAndShowsStoredInsteadOfTheSecret() {
        createPanel(store);
        select("bitfinex");
        assertFalse(panel.isEdited());
        panel.accountField().setText("main");
        panel.apiKeyField().setText("  bfxKEY-aa11bb22  ");
        panel.secretField().setTextChars(SECRET.toCharArray());
        assertTrue(panel.isEdited());
        assertEquals(SWT.PASSWORD, panel.secretField().getStyle() & SWT.PASSWORD, "the secret field is masked");
        assertEquals(SWT.PASSWORD, panel.passphraseField().getStyle() & SWT.PASSWORD, "the passphrase field is masked");

        click(panel.saveButton());

        ApiCredentials saved = store.credentials("bitfinex").orElseThrow();
        assertEquals("main", saved.accountLabel());
        assertEquals("bfxKEY-aa11bb22", saved.apiKey(), "the key is trimmed");
        assertArrayEquals(SECRET.toCharArray(), saved.secret());
        assertFalse(saved.hasPassphrase());
        assertEquals("Saved the API key of Bitfinex (bfxK\u2026) in secure storage. Connectors using it re-authenticate.",
                panel.statusText());
        assertEquals(0, panel.secretField().getCharCount(), "the secret is not echoed back");
        assertEquals("", panel.apiKeyField().getText());
        assertEquals("stored", panel.secretState().getText());
        assertEquals("stored (type a new secret to replace it)", panel.secretField().getMessage());
        assertEquals(List.of("Bitfinex", "main", "HMAC", "bfxK\u2026", "stored", "installed"), rows().get(1));
        assertEquals(KeyType.HMAC, saved.keyType());
        assertFalse(panel.isEdited());
        assertSecretShownNowhere(SECRET);
    }

    @Test
    void emptyFieldsKeepWhatIsStored() {
        store.store(new ApiCredentials("bitfinex", "main", "bfxKEY-aa11bb22", SECRET.toCharArray(),
                "phrase-1".toCharArray()));
        createPanel(store);
        select("bitfinex");
        assertEquals("main", panel.accountField().getText(), "the label is not secret: it is shown");
        assertEquals("stored: bfxK\u2026 (type a new key to replace it)", panel.apiKeyField().getMessage());

        panel.accountField().setText("trading");
        click(panel.saveButton());

        ApiCredentials saved = store.credentials("bitfinex").orElseThrow();
        assertEquals("trading", saved.accountLabel());
        assertEquals("bfxKEY-aa11bb22", saved.apiKey());
        assertArrayEquals(SECRET.toCharArray(), saved.secret());
        assertArrayEquals("phrase-1".toCharArray(), saved.passphrase());
        assertSecretShownNowhere(SECRET);
    }

    @Test
    void newSecretAloneReplacesTheStoredOne() {
        store.store(ApiCredentials.of("bitfinex", "main", "bfxKEY-aa11bb22", SECRET.toCharArray()));
        createPanel(store);
        select("bitfinex");
        panel.secretField().setTextChars(NEW_SECRET.toCharArray());
        click(panel.saveButton());
        assertArrayEquals(NEW_SECRET.toCharArray(), store.credentials("bitfinex").orElseThrow().secret());
        assertEquals("main", panel.accountField().getText(), "the saved label is shown");
        assertSecretShownNowhere(NEW_SECRET);
    }

    @Test
    void newApiKeyNeedsItsSecret() {
        store.store(ApiCredentials.of("bitfinex", "main", "bfxKEY-aa11bb22", SECRET.toCharArray()));
        createPanel(store);
        select("bitfinex");
        panel.apiKeyField().setText("bfxKEY-NEW-99887766");

        assertFalse(panel.save());
        assertEquals("Enter the secret that belongs to the new API key of Bitfinex.", panel.statusText());
        assertEquals("bfxKEY-aa11bb22", store.credentials("bitfinex").orElseThrow().apiKey());
    }

    @Test
    void missingKeyOrSecretIsReportedForANewAccount() {
        createPanel(store);
        select("binance");
        assertFalse(panel.save());
        assertEquals("Enter the API key of Binance.", panel.statusText());
        panel.apiKeyField().setText("binanceKEY-123456");
        assertFalse(panel.save());
        assertEquals("Enter the API secret of Binance.", panel.statusText());
        assertTrue(store.accounts().isEmpty());
    }

    @Test
    void removeAsksThenRemovesTheKeys() {
        store.store(ApiCredentials.of("bitfinex", "main", "bfxKEY-aa11bb22", SECRET.toCharArray()));
        store.store(ApiCredentials.of("kraken", "spot", "krakenKEY-123456", SECRET.toCharArray()));
        createPanel(store);
        List<String> asked = new ArrayList<>();
        panel.setRemovalConfirmation(name -> {
            asked.add(name);
            return !name.equals("kraken");
        });

        select("kraken");
        click(panel.removeButton());
        assertEquals(List.of("kraken"), asked);
        assertTrue(store.credentials("kraken").isPresent(), "answered no: kept");

        select("bitfinex");
        assertTrue(panel.removeButton().isEnabled());
        click(panel.removeButton());
        assertEquals(List.of("kraken", "Bitfinex"), asked);
        assertTrue(store.credentials("bitfinex").isEmpty());
        assertEquals("Removed the API key of Bitfinex from secure storage.", panel.statusText());
        assertEquals(List.of("Bitfinex", "", "", "", "none", "installed"), rows().get(1), "still installed: still listed");
        assertFalse(panel.removeButton().isEnabled(), "nothing left to remove");
    }

    private static final String ED25519_BODY = "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC";
    private static final String ED25519_PEM = "-----BEGIN PRIVATE KEY-----\n" + ED25519_BODY
            + "\n-----END PRIVATE KEY-----\n";
    /** Base64 of the 32 bytes 0, 1, ..., 31. */
    private static final String ED25519_SEED = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    // an RSA PKCS#8 DER starts with this AlgorithmIdentifier; a key of a few bytes is enough for the shape check
    private static final String RSA_PEM = "-----BEGIN PRIVATE KEY-----\n"
            + java.util.Base64.getEncoder().encodeToString(new byte[] { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86,
                    0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 })
            + "\n-----END PRIVATE KEY-----\n";

    private void chooseKeyType(KeyType type) {
        panel.keyTypeField().select(ExchangeAccountsPanel.KEY_TYPES.indexOf(type));
        panel.keyTypeField().notifyListeners(SWT.Selection, new Event());
        Ui.flush();
    }

    @Test
    void testnetKeysAreStoredAsTestnetAndCanMoveBackToLiveWithoutRetypingThem() {
        createPanel(store);
        select("binance");
        assertEquals("Live exchange", panel.environmentField().getText(), "a new account starts on the live exchange");
        panel.environmentField().select(ExchangeAccountsPanel.ENVIRONMENTS.indexOf(KeyEnvironment.TESTNET));
        panel.apiKeyField().setText("binanceKEY-testnet-1");
        panel.secretField().setTextChars(SECRET.toCharArray());

        click(panel.saveButton());

        ApiCredentials saved = store.credentials("binance").orElseThrow();
        assertEquals(KeyEnvironment.TESTNET, saved.environment());
        assertEquals("Saved the testnet API key of Binance (bina\u2026) in secure storage. Connectors using it connect"
                + " to the testnet.", panel.statusText());
        assertEquals(List.of("Binance", "main", "HMAC \u00b7 testnet", "bina\u2026", "stored", "installed"),
                rows().get(0));
        assertEquals("Testnet", panel.environmentField().getText());
        assertFalse(panel.isEdited());

        panel.environmentField().select(ExchangeAccountsPanel.ENVIRONMENTS.indexOf(KeyEnvironment.LIVE));
        assertTrue(panel.isEdited(), "another environment is a change to save");
        click(panel.saveButton());
        ApiCredentials live = store.credentials("binance").orElseThrow();
        assertEquals(KeyEnvironment.LIVE, live.environment());
        assertEquals("binanceKEY-testnet-1", live.apiKey(), "the stored key is kept");
        assertArrayEquals(SECRET.toCharArray(), live.secret());
        assertEquals(List.of("Binance", "main", "HMAC", "bina\u2026", "stored", "installed"), rows().get(0));
        assertSecretShownNowhere(SECRET);
    }

    @Test
    void ed25519KeyIsStoredWithItsTypeAndShownInTheTable() {
        createPanel(store);
        select("binance");
        assertEquals("HMAC secret", panel.keyTypeField().getText(), "a new account starts as HMAC");
        assertEquals("&Secret:", panel.secretLabel().getText());
        chooseKeyType(KeyType.ED25519);
        assertEquals("Private k&ey:", panel.secretLabel().getText());
        assertEquals("base64 seed or PEM (BEGIN PRIVATE KEY)", panel.secretField().getMessage());
        assertEquals(SWT.PASSWORD, panel.secretField().getStyle() & SWT.PASSWORD, "the private key field is masked");
        panel.apiKeyField().setText("binanceKEY-ed-123456");
        panel.secretField().setTextChars(ED25519_SEED.toCharArray());

        click(panel.saveButton());

        ApiCredentials saved = store.credentials("binance").orElseThrow();
        assertEquals(KeyType.ED25519, saved.keyType());
        assertArrayEquals(ED25519_SEED.toCharArray(), saved.secret());
        assertEquals(List.of("Binance", "main", "Ed25519", "bina\u2026", "stored", "installed"), rows().get(0));
        assertEquals("Ed25519 private key", panel.keyTypeField().getText());
        assertEquals("stored (type a new key to replace it)", panel.secretField().getMessage());
        assertEquals("stored", panel.secretState().getText());
        assertSecretShownNowhere(ED25519_SEED);
    }

    @Test
    void pemPastedWithoutLineBreaksIsStoredAsAProperPem() {
        createPanel(store);
        select("binance");
        chooseKeyType(KeyType.ED25519);
        panel.apiKeyField().setText("binanceKEY-ed-123456");
        // what a single-line field may make of a pasted PEM: the line breaks gone or turned into blanks
        panel.secretField().setTextChars(("-----BEGIN PRIVATE KEY----- " + ED25519_BODY.substring(0, 30) + " "
                + ED25519_BODY.substring(30) + "-----END PRIVATE KEY-----").toCharArray());
        assertTrue(panel.save(), panel.statusText());
        assertArrayEquals(ED25519_PEM.toCharArray(), store.credentials("binance").orElseThrow().secret());
        assertSecretShownNowhere(ED25519_BODY.substring(10, 40));
    }

    @Test
    void pemWithLineBreaksTypedIntoTheFieldIsStoredWhole() {
        createPanel(store);
        select("binance");
        chooseKeyType(KeyType.ED25519);
        panel.apiKeyField().setText("binanceKEY-ed-123456");
        panel.secretField().setTextChars(ED25519_PEM.toCharArray());
        assertTrue(panel.save(), panel.statusText());
        assertArrayEquals(ED25519_PEM.toCharArray(), store.credentials("binance").orElseThrow().secret());
    }

    @Test
    void malformedPrivateKeysAreRefusedWithAReasonAndWithoutTheKey() {
        createPanel(store);
        select("binance");
        panel.apiKeyField().setText("binanceKEY-ed-123456");
        chooseKeyType(KeyType.ED25519);
        String shortSeed = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg=="; // 31 bytes
        panel.secretField().setTextChars(shortSeed.toCharArray());
        assertFalse(panel.save());
        assertEquals("An Ed25519 seed is 32 bytes in base64 (44 characters); this one decodes to 31 bytes.",
                panel.statusText());

        panel.secretField().setTextChars("not a key at all".toCharArray());
        assertFalse(panel.save());
        assertEquals("An Ed25519 private key is a base64 32-byte seed or a PEM starting with -----BEGIN PRIVATE"
                + " KEY-----; this is neither.", panel.statusText());

        panel.secretField().setTextChars(RSA_PEM.toCharArray());
        assertFalse(panel.save());
        assertEquals("This PEM holds no Ed25519 key: check the key type.", panel.statusText());

        chooseKeyType(KeyType.RSA);
        panel.secretField().setTextChars(RSA_PEM.replace("PRIVATE KEY", "RSA PRIVATE KEY").toCharArray());
        assertFalse(panel.save());
        assertTrue(panel.statusText().startsWith("This is a PKCS#1 RSA key: convert it to PKCS#8"), panel.statusText());

        chooseKeyType(KeyType.HMAC);
        panel.secretField().setTextChars(ED25519_PEM.toCharArray());
        assertFalse(panel.save());
        assertEquals("This is a private key (PEM), not an HMAC secret: choose its key type.", panel.statusText());
        assertTrue(store.accounts().isEmpty());
        // a refused key stays in its masked field to be corrected; nothing else may show it
        assertArrayEquals(ED25519_PEM.toCharArray(), panel.secretField().getTextChars());
        panel.secretField().setTextChars(new char[0]);
        assertSecretShownNowhere(shortSeed);
        assertSecretShownNowhere(ED25519_BODY);

        chooseKeyType(KeyType.RSA);
        panel.secretField().setTextChars(RSA_PEM.toCharArray());
        assertTrue(panel.save(), panel.statusText());
        assertEquals(KeyType.RSA, store.credentials("binance").orElseThrow().keyType());
        assertEquals("RSA", rows().get(0).get(2));
    }

    @Test
    void anotherKeyTypeNeedsItsSecret() {
        store.store(ApiCredentials.of("binance", "spot", "binanceKEY-123456", SECRET.toCharArray()));
        createPanel(store);
        select("binance");
        assertEquals("HMAC secret", panel.keyTypeField().getText(), "the stored type is selected");
        assertFalse(panel.isEdited());
        chooseKeyType(KeyType.ED25519);
        assertTrue(panel.isEdited(), "another type is a change");
        assertEquals("", panel.secretState().getText(), "the stored secret is not a key of this type");
        assertEquals("base64 seed or PEM (BEGIN PRIVATE KEY); the stored one is an HMAC secret",
                panel.secretField().getMessage());

        assertFalse(panel.save());
        assertEquals("Enter the Ed25519 private key of Binance: the stored one is an HMAC secret.", panel.statusText());
        assertEquals(KeyType.HMAC, store.credentials("binance").orElseThrow().keyType(), "nothing changed");

        panel.secretField().setTextChars(ED25519_SEED.toCharArray());
        assertTrue(panel.save(), panel.statusText());
        ApiCredentials saved = store.credentials("binance").orElseThrow();
        assertEquals(KeyType.ED25519, saved.keyType());
        assertEquals("binanceKEY-123456", saved.apiKey(), "the API key is kept");
        assertEquals("spot", saved.accountLabel());
    }

    @Test
    void storeFailuresShowInTheStatusLine() {
        createPanel(store);
        select("bitfinex");
        store.failWith("Could not save the API key of bitfinex: the secure storage file cannot be written (disk full)");
        panel.apiKeyField().setText("bfxKEY-aa11bb22");
        panel.secretField().setTextChars(SECRET.toCharArray());

        assertFalse(panel.save());
        assertEquals("Could not save the API key of bitfinex: the secure storage file cannot be written (disk full)",
                panel.statusText());
    }

    @Test
    void withoutAStoreTheFormIsDisabledAndSaysWhy() {
        createPanel(null);
        select("bitfinex");
        assertFalse(panel.saveButton().isEnabled());
        assertFalse(panel.secretField().isEnabled());
        assertTrue(panel.statusText().startsWith("Secure storage is not available"), panel.statusText());
    }

    @Test
    void screenshotOfThePage() throws IOException {
        store.store(new ApiCredentials("bitfinex", "main", "bfxKEY-aa11bb22", SECRET.toCharArray(),
                "phrase-1".toCharArray()));
        store.store(ApiCredentials.of("kraken", "spot", "krakenKEY-123456", SECRET.toCharArray()));
        store.store(new ApiCredentials("binance", "testnet", KeyType.ED25519, KeyEnvironment.TESTNET,
                "binanceKEY-ed-123456", ED25519_SEED.toCharArray(), null));
        createPanel(store);
        select("binance");
        assertEquals("Testnet", panel.environmentField().getText());
        chooseKeyType(KeyType.ED25519);
        panel.secretField().setTextChars(ED25519_PEM.toCharArray()); // typed, masked, not saved yet
        Ui.flush();
        Path file = Ui.screenshot(shell, "exchange-accounts");
        assertTrue(Files.size(file) > 1000, file.toString());
    }

    @Test
    void theNoticeSaysWhichProviderProtectsTheKeys() {
        createPanel(store);
        assertFalse(panel.protectionNotice().isVisible(), "no notice before the page knows the provider");
        String notice = "API keys are protected by the Tradebench key file /home/trader/.config/tradebench/"
                + "secure-storage.key (readable by your user account only); no operating-system keyring is in use.";
        panel.showProtection(notice);
        Ui.flush();
        assertTrue(panel.protectionNotice().isVisible());
        assertEquals(notice, panel.protectionNotice().getText());
    }

    /** Walks every widget: no label, field, message, button or cell shows the secret. */
    private void assertSecretShownNowhere(String secret) {
        List<String> texts = new ArrayList<>();
        collect(shell, texts);
        for (String text : texts) {
            assertFalse(text.contains(secret), "the secret is shown: " + text);
        }
        assertTrue(texts.size() > 20, "walked too few widgets: " + texts);
    }

    private static void collect(Control control, List<String> texts) {
        if (control instanceof Label l) {
            texts.add(l.getText());
        } else if (control instanceof Text t) {
            texts.add(t.getText());
            texts.add(t.getMessage());
        } else if (control instanceof Button b) {
            texts.add(b.getText());
        } else if (control instanceof Table table) {
            for (TableItem item : table.getItems()) {
                for (int c = 0; c < table.getColumnCount(); c++) {
                    texts.add(item.getText(c));
                }
            }
        }
        if (control instanceof Group g) {
            texts.add(g.getText());
        }
        texts.add(String.valueOf(control.getToolTipText()));
        if (control instanceof Composite c) {
            for (Control child : c.getChildren()) {
                collect(child, texts);
            }
        }
    }
}
