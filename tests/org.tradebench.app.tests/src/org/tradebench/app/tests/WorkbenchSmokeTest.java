package org.tradebench.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.app.tests.Ui.activePage;
import static org.tradebench.app.tests.Ui.activeShell;
import static org.tradebench.app.tests.Ui.find;
import static org.tradebench.app.tests.Ui.onUi;
import static org.tradebench.app.tests.Ui.screenshot;
import static org.tradebench.app.tests.Ui.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.Test;
import org.tradebench.ui.orderbook.internal.LadderCanvas;

/** Runs inside the real workbench started by the UI harness with the Tradebench application. */
class WorkbenchSmokeTest {

    @Test
    void tradingPerspectiveShowsLivePricesFromTheEmbeddedExchange() throws Exception {
        String perspective = waitFor("the Trading perspective to open", () -> {
            IWorkbenchPage page = activePage();
            return page == null || page.getPerspective() == null ? null : page.getPerspective().getId();
        });
        assertEquals(Ui.TRADING_PERSPECTIVE, perspective);
        onUi(() -> {
            IWorkbenchPage page = activePage();
            assertNotNull(page.findView(Ui.ORDER_BOOK_VIEW), "order book view missing from the Trading perspective");
            assertNotNull(page.findView(Ui.STATUS_VIEW), "market status view missing from the Trading perspective");
            assertNotNull(page.findView(Ui.ORDER_ENTRY_VIEW), "order entry view missing from the Trading perspective");
            return null;
        });

        List<LadderCanvas.Row> rows = waitFor("the order book to show prices", () -> {
            List<LadderCanvas.Row> priced = new ArrayList<>();
            for (LadderCanvas ladder : find(activeShell(), LadderCanvas.class)) {
                for (LadderCanvas.Row row : ladder.visibleRows()) {
                    if (row.price() != null && row.price().matches("[0-9][0-9,]*\\.[0-9]+")) {
                        priced.add(row);
                    }
                }
            }
            return priced.size() >= 10 ? priced : null;
        });
        assertTrue(rows.stream().anyMatch(r -> r.kind() == LadderCanvas.Kind.ASK), "no ask rows: " + rows);
        assertTrue(rows.stream().anyMatch(r -> r.kind() == LadderCanvas.Kind.BID), "no bid rows: " + rows);

        String btcRow = waitFor("the market status view to show a BTC/USD bid", () -> {
            for (Table table : find(activeShell(), Table.class)) {
                for (TableItem item : table.getItems()) {
                    if ("BTC/USD".equals(item.getText(0)) && item.getText(1).matches("[0-9][0-9,]*\\.[0-9]+")) {
                        return item.getText(0) + " " + item.getText(1) + " / " + item.getText(2);
                    }
                }
            }
            return null;
        });
        assertFalse(btcRow.isEmpty());

        // An open position on the simulated perpetual, through the order gateway the views use, so the
        // picture shows the Trading perspective as a trader sees it while in a trade.
        openPosition();

        // Let a few throttled repaints land so the picture shows a settled, live window.
        Thread.sleep(1500);
        Path png = screenshot("workbench.png");
        assertTrue(Files.size(png) > 10_000, "screenshot too small: " + png);

        // the second perspective, for analysis
        showPerspective("org.tradebench.app.perspective.analysis");
        Thread.sleep(2000);
        assertEquals("org.tradebench.app.perspective.analysis", onUi(() -> activePage().getPerspective().getId()));
        screenshot("workbench-analysis.png");
        showPerspective(Ui.TRADING_PERSPECTIVE);
    }

    private static void showPerspective(String id) {
        onUi(() -> {
            try {
                org.eclipse.ui.PlatformUI.getWorkbench().showPerspective(id,
                        org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow());
            } catch (org.eclipse.ui.WorkbenchException e) {
                throw new AssertionError("cannot open " + id + ": " + e.getMessage(), e);
            }
            return null;
        });
    }

    private static void openPosition() throws Exception {
        org.osgi.framework.BundleContext context = org.osgi.framework.FrameworkUtil.getBundle(WorkbenchSmokeTest.class)
                .getBundleContext();
        org.osgi.framework.ServiceReference<org.tradebench.api.trading.OrderGateway> ref = waitFor(
                "the order gateway service", () -> context.getServiceReference(org.tradebench.api.trading.OrderGateway.class));
        org.tradebench.api.trading.OrderGateway gateway = context.getService(ref);
        try {
            org.tradebench.api.trading.AccountRef account = new org.tradebench.api.trading.AccountRef("simulated", "main");
            org.tradebench.api.instrument.InstrumentId perp = new org.tradebench.api.instrument.InstrumentId("simulated",
                    "BTC/USD:USD");
            org.tradebench.api.trading.Order o = gateway.place(account, org.tradebench.api.trading.OrderRequest.market(
                    gateway.newClientOrderId(), perp, org.tradebench.api.market.Side.BUY, new java.math.BigDecimal("0.25")))
                    .toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(o.status() == org.tradebench.api.trading.OrderStatus.FILLED || o.status().isWorking(),
                    "the position's market order: " + o);
        } finally {
            context.ungetService(ref);
        }
    }
}
