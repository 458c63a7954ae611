package org.tradebench.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.tradebench.ui.orderbook.internal.LadderCanvas;

/** Runs inside the real workbench started by the UI harness with the Tradebench application. */
class WorkbenchSmokeTest {

    private static final String TRADING_PERSPECTIVE = "org.tradebench.app.perspective.trading";
    private static final String ORDER_BOOK_VIEW = "org.tradebench.ui.orderbook.view";
    private static final String STATUS_VIEW = "org.tradebench.ui.status.view";

    @Test
    void tradingPerspectiveShowsLivePricesFromTheEmbeddedExchange() throws Exception {
        Display display = PlatformUI.getWorkbench().getDisplay();

        String perspective = waitFor(display, "the Trading perspective to open", () -> {
            IWorkbenchPage page = activePage();
            return page == null || page.getPerspective() == null ? null : page.getPerspective().getId();
        });
        assertEquals(TRADING_PERSPECTIVE, perspective);
        onUi(display, () -> {
            IWorkbenchPage page = activePage();
            assertNotNull(page.findView(ORDER_BOOK_VIEW), "order book view missing from the Trading perspective");
            assertNotNull(page.findView(STATUS_VIEW), "market status view missing from the Trading perspective");
            return null;
        });

        List<LadderCanvas.Row> rows = waitFor(display, "the order book to show prices", () -> {
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

        String btcRow = waitFor(display, "the market status view to show a BTC/USD bid", () -> {
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

        // Let a few throttled repaints land so the picture shows a settled, live window.
        Thread.sleep(1500);
        Path png = screenshot(display, "workbench.png");
        assertTrue(Files.size(png) > 10_000, "screenshot too small: " + png);
    }

    private static IWorkbenchWindow window() {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        if (window == null && PlatformUI.getWorkbench().getWorkbenchWindowCount() > 0) {
            window = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
        }
        return window;
    }

    private static IWorkbenchPage activePage() {
        IWorkbenchWindow window = window();
        return window == null ? null : window.getActivePage();
    }

    private static Shell activeShell() {
        IWorkbenchWindow window = window();
        return window == null ? null : window.getShell();
    }

    private static <T extends Control> List<T> find(Control root, Class<T> type) {
        List<T> found = new ArrayList<>();
        if (root != null) {
            collect(root, type, found);
        }
        return found;
    }

    private static <T extends Control> void collect(Control control, Class<T> type, List<T> found) {
        if (control.isDisposed()) {
            return;
        }
        if (type.isInstance(control)) {
            found.add(type.cast(control));
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, type, found);
            }
        }
    }

    private static <T> T onUi(Display display, Supplier<T> action) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicReference<Error> error = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(action.get());
            } catch (RuntimeException e) {
                failure.set(e);
            } catch (Error e) {
                error.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        if (error.get() != null) {
            throw error.get();
        }
        return result.get();
    }

    private static <T> T waitFor(Display display, String what, Supplier<T> probe) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            T value = onUi(display, probe);
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        Path picture = screenshot(display, "timeout.png");
        fail("timed out after 60 s waiting for " + what + " (screenshot: " + picture + ")");
        return null;
    }

    private static Path screenshot(Display display, String name) throws Exception {
        Path dir = Path.of(System.getProperty("tradebench.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path png = dir.resolve(name);
        onUi(display, () -> {
            Shell shell = activeShell();
            shell.forceActive();
            Rectangle bounds = shell.getBounds();
            Image image = new Image(display, bounds.width, bounds.height);
            GC gc = new GC(display);
            try {
                gc.copyArea(image, bounds.x, bounds.y);
                ImageData data = image.getImageData();
                ImageLoader loader = new ImageLoader();
                loader.data = new ImageData[] {data};
                loader.save(png.toString(), SWT.IMAGE_PNG);
            } finally {
                gc.dispose();
                image.dispose();
            }
            return null;
        });
        return png;
    }
}
