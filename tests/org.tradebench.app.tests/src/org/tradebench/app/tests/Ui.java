package org.tradebench.app.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/** What the workbench tests share: the window, the widget tree, the UI thread, waiting, screenshots. */
final class Ui {

    static final String TRADING_PERSPECTIVE = "org.tradebench.app.perspective.trading";
    static final String ORDER_BOOK_VIEW = "org.tradebench.ui.orderbook.view";
    static final String STATUS_VIEW = "org.tradebench.ui.status.view";
    static final String ORDER_ENTRY_VIEW = "org.tradebench.ui.orderentry.view";

    private Ui() {
    }

    static Display display() {
        return PlatformUI.getWorkbench().getDisplay();
    }

    static IWorkbenchWindow window() {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        if (window == null && PlatformUI.getWorkbench().getWorkbenchWindowCount() > 0) {
            window = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
        }
        return window;
    }

    static IWorkbenchPage activePage() {
        IWorkbenchWindow window = window();
        return window == null ? null : window.getActivePage();
    }

    static Shell activeShell() {
        IWorkbenchWindow window = window();
        return window == null ? null : window.getShell();
    }

    /** Every control of a type below (and including) a root, in tree order. */
    static <T extends Control> List<T> find(Control root, Class<T> type) {
        List<T> found = new ArrayList<>();
        if (root != null) {
            collect(root, c -> type.isInstance(c), found, type);
        }
        return found;
    }

    /** Every control whose class has a simple name (for view internals this bundle may not import). */
    static List<Control> findByClassName(Control root, String simpleName) {
        List<Control> found = new ArrayList<>();
        if (root != null) {
            collect(root, c -> c.getClass().getSimpleName().equals(simpleName), found, Control.class);
        }
        return found;
    }

    private static <T extends Control> void collect(Control control, java.util.function.Predicate<Control> test,
            List<T> found, Class<T> type) {
        if (control.isDisposed()) {
            return;
        }
        if (test.test(control)) {
            found.add(type.cast(control));
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, test, found, type);
            }
        }
    }

    static <T> T onUi(Supplier<T> action) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicReference<Error> error = new AtomicReference<>();
        display().syncExec(() -> {
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

    static <T> T waitFor(String what, Supplier<T> probe) throws Exception {
        return waitFor(Duration.ofSeconds(60), Duration.ofMillis(200), what, probe);
    }

    /**
     * Runs the probe on the UI thread until it returns non-null; on timeout saves timeout.png and
     * fails.
     */
    static <T> T waitFor(Duration timeout, Duration poll, String what, Supplier<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T value = onUi(probe);
            if (value != null) {
                return value;
            }
            Thread.sleep(poll.toMillis());
        }
        Path picture = screenshot("timeout.png");
        fail("timed out after " + timeout.toSeconds() + " s waiting for " + what + " (screenshot: " + picture + ")");
        return null;
    }

    static Path screenshot(String name) throws Exception {
        Display display = display();
        Path dir = Path.of(System.getProperty("tradebench.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path png = dir.resolve(name);
        onUi(() -> {
            Shell shell = activeShell();
            shell.forceActive();
            shell.update(); // paint what is pending, so the picture shows the widgets' current state
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
