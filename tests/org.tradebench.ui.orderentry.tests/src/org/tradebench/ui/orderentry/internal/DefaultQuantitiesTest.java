package org.tradebench.ui.orderentry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.Optional;

import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.jface.preference.PreferenceStore;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.tradebench.ui.core.DefaultQuantities;
import org.tradebench.ui.testing.Ui;

/** The per-symbol and global default quantities: the saved form, the checks, the preference table. */
class DefaultQuantitiesTest {

    @Test
    void aSymbolsOwnQuantityWinsOverTheGlobalOne() {
        DefaultQuantities d = DefaultQuantities.parse("BTC/USD=0.010;ETH/USD=0.5;bad;SOL/USD=-1", "2");
        assertEquals(Optional.of(new BigDecimal("0.01")), d.forSymbol("BTC/USD"));
        assertEquals(Optional.of(new BigDecimal("0.5")), d.forSymbol("ETH/USD"));
        assertEquals(Optional.of(new BigDecimal("2")), d.forSymbol("SOL/USD"), "a negative entry is not a default");
        assertEquals("BTC/USD=0.01;ETH/USD=0.5", d.format());
        assertEquals(Optional.empty(), DefaultQuantities.parse("", "").forSymbol("BTC/USD"));
        assertEquals(Optional.of(new BigDecimal("3")),
                DefaultQuantities.parse("BTC/USD:USD=3", "").forSymbol("BTC/USD:USD"), "a perpetual's colon");
    }

    @Test
    void onlyAPositiveDecimalIsADefault() {
        assertEquals(Optional.empty(), DefaultQuantities.check(" 0.25 "));
        assertEquals(Optional.of("the quantity must be above zero, such as 0.01 (was 0)"), DefaultQuantities.check("0"));
        assertEquals(Optional.of("the quantity must be a decimal number such as 0.01 (was \"1,5\")"),
                DefaultQuantities.check("1,5"));
    }

    @Test
    void thePreferenceTableAddsChangesAndRefusesBadRows() {
        Shell shell = Ui.shell("Order Entry preferences", 520, 320);
        try {
            PreferenceStore store = new PreferenceStore();
            store.setValue("q", "BTC/USD=0.01");
            PreferencePage page = new PreferencePage() {
                @Override
                protected Control createContents(Composite parent) {
                    return new Composite(parent, SWT.NONE);
                }
            };
            Composite parent = new Composite(shell, SWT.NONE);
            parent.setLayout(new GridLayout(1, false));
            DefaultQuantitiesEditor editor = new DefaultQuantitiesEditor("q", "Default quantity per symbol:", parent);
            editor.setPage(page);
            editor.setPreferenceStore(store);
            editor.load();
            shell.layout(true, true);
            shell.open();
            assertEquals(1, editor.table().getItemCount());
            assertEquals("0.01", editor.table().getItem(0).getText(1));

            editor.symbolField().setText("ETH/USD");
            editor.quantityField().setText("-2");
            editor.quantityField().notifyListeners(SWT.DefaultSelection, new Event());
            assertEquals(1, editor.table().getItemCount(), "a negative quantity is not added");
            assertEquals("Default quantity of ETH/USD: the quantity must be above zero, such as 0.01 (was -2)",
                    page.getErrorMessage());

            editor.quantityField().setText("0.50");
            editor.putRow();
            assertNull(page.getErrorMessage());
            editor.symbolField().setText("BTC/USD");
            editor.quantityField().setText("0.02");
            editor.putRow();
            Ui.flush();
            Ui.screenshot(shell, "order-entry-default-quantities");
            editor.store();
            assertEquals("BTC/USD=0.02;ETH/USD=0.5", store.getString("q"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } finally {
            shell.dispose();
        }
    }
}
