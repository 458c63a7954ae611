package org.tradebench.ui.accounts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.risk.RiskLimits;
import org.tradebench.api.trading.AccountRef;
import org.tradebench.core.trading.RiskLimitsStore;
import org.tradebench.ui.testing.Ui;

/** The Risk Limits page's widget on a store in a temporary file. */
class RiskLimitsPanelTest {

    private static final AccountRef BITFINEX = new AccountRef("bitfinex", "main");
    private Shell shell;
    private Path dir;
    private RiskLimitsStore store;
    private RiskLimitsPanel panel;

    @BeforeEach
    void open() throws IOException {
        shell = Ui.shell("Risk Limits", 760, 420);
        dir = Files.createTempDirectory("risk-limits-panel");
        store = new RiskLimitsStore(dir.resolve(RiskLimitsStore.FILE));
        panel = new RiskLimitsPanel(shell, SWT.NONE, store);
        panel.setAccounts(List.of(new RiskLimitsPanel.Account(BITFINEX, "Bitfinex"),
                new RiskLimitsPanel.Account(new AccountRef("simulated", "main"), "Simulated Exchange")));
        shell.open();
        shell.layout(true, true);
        Ui.flush();
    }

    @AfterEach
    void close() throws IOException {
        shell.dispose();
        Ui.flush();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void anAccountsOwnLimitsAreSavedToTheStoreAndItsFile() throws IOException {
        panel.show(BITFINEX);
        assertTrue(panel.useDefaultButton().getSelection(), "no own limits yet");
        panel.useDefaultButton().setSelection(false);
        panel.maxQuantityField().setText("0.5");
        panel.priceBandField().setText("2.5");

        assertTrue(panel.save(), panel.problem());

        RiskLimits saved = store.limits(BITFINEX);
        assertEquals(new BigDecimal("0.5"), saved.maxQuantity());
        assertEquals(new BigDecimal("0.025"), saved.priceBand());
        assertEquals(RiskLimits.DEFAULTS, store.limits(new AccountRef("simulated", "main")), "others keep the default");
        assertEquals(new BigDecimal("0.5"),
                new RiskLimitsStore(dir.resolve(RiskLimitsStore.FILE)).limits(BITFINEX).maxQuantity());
        shell.layout(true, true);
        Ui.flush();
        Ui.screenshot(shell, "risk-limits-page");
    }

    @Test
    void aValueThatDoesNotParseSaysWhichAndSavesNothing() {
        panel.show(null);
        panel.maxQuantityField().setText("lots");

        assertFalse(panel.save());
        assertEquals("largest quantity: 'lots' is not a number", panel.problem());
        assertTrue(store.stored(null).isEmpty());
    }

    @Test
    void goingBackToTheDefaultLimitsRemovesTheAccountsOwn() throws IOException {
        store.store(BITFINEX, new RiskLimits(BigDecimal.ONE, BigDecimal.TEN, new BigDecimal("0.01"), true));
        panel.show(BITFINEX);
        assertFalse(panel.useDefaultButton().getSelection());
        assertEquals("1", panel.maxQuantityField().getText());

        panel.useDefaultButton().setSelection(true);
        assertTrue(panel.save(), panel.problem());

        assertTrue(store.stored(BITFINEX).isEmpty());
        assertEquals(RiskLimits.DEFAULTS, store.limits(BITFINEX));
    }
}
