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

        assertEquals(List.of(List.of("Binance", "", "", "none", "installed"),
                List.of("Bitfinex", "main", "bfxK\u2026", "stored", "installed"),
                List.of("kraken", "spot", "krak\u2026", "stored", "not installed"),
                List.of("Simulated Exchange", "", "", "none", "installed")), rows());
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
        assertEquals(List.of("Bitfinex", "main", "bfxK\u2026", "stored", "installed"), rows().get(1));
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
        assertEquals(List.of("Bitfinex", "", "", "none", "installed"), rows().get(1), "still installed: still listed");
        assertFalse(panel.removeButton().isEnabled(), "nothing left to remove");
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
        createPanel(store);
        select("bitfinex");
        panel.secretField().setTextChars(NEW_SECRET.toCharArray()); // typed, masked, not saved yet
        Ui.flush();
        Path file = Ui.screenshot(shell, "exchange-accounts");
        assertTrue(Files.size(file) > 1000, file.toString());
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
