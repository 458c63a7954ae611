package org.tradebench.ui.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * The display, shells, event-loop spinning and screenshots for widget tests: shared by the view test
 * bundles so each tests its widgets the same way.
 *
 * <pre>{@code
 * Shell shell = Ui.shell("ladder", 800, 600);
 * MyPanel panel = new MyPanel(shell, SWT.NONE);
 * Ui.spinUntil("the panel to fill", panel::isReady, Duration.ofSeconds(5));
 * Ui.screenshot(shell, "my-panel.png");
 * }</pre>
 */
public final class Ui {

    private Ui() {
    }

    /**
     * The one display of the test run, created on first use by the calling (test) thread.
     *
     * @return the display
     */
    public static Display display() {
        Display current = Display.getCurrent();
        if (current != null) {
            return current;
        }
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            fail("UI tests need a display: run Xvfb (Xvfb :97 -screen 0 1600x1000x24 &) and export DISPLAY=:97");
        }
        return new Display();
    }

    /**
     * An open shell with a fill layout.
     *
     * @param title the title
     * @param width width in pixels
     * @param height height in pixels
     * @return the shell
     */
    public static Shell shell(String title, int width, int height) {
        Shell shell = new Shell(display(), SWT.SHELL_TRIM);
        shell.setText(title);
        shell.setLayout(new FillLayout());
        shell.setSize(width, height);
        shell.setLocation(20, 20);
        return shell;
    }

    /** Processes every queued event. */
    public static void flush() {
        Display d = display();
        while (d.readAndDispatch()) {
            // keep going
        }
    }

    /**
     * Spins the event loop until a condition holds.
     *
     * @param what what is awaited, for the failure message
     * @param condition the condition, checked on the display thread
     * @param timeout the longest wait
     */
    public static void spinUntil(String what, BooleanSupplier condition, Duration timeout) {
        spinUntil(what, condition, timeout, () -> "");
    }

    /**
     * Spins the event loop until a condition holds.
     *
     * @param what what is awaited, for the failure message
     * @param condition the condition, checked on the display thread
     * @param timeout the longest wait
     * @param state describes the state seen at the timeout
     */
    public static void spinUntil(String what, BooleanSupplier condition, Duration timeout, Supplier<String> state) {
        Display d = display();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toMillis() + " ms waiting for " + what + "; saw: " + state.get());
            }
            if (!d.readAndDispatch()) {
                sleepBriefly();
            }
        }
    }

    /**
     * Spins the event loop for a while.
     *
     * @param duration how long
     */
    public static void spinFor(Duration duration) {
        Display d = display();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            if (!d.readAndDispatch()) {
                sleepBriefly();
            }
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    /**
     * Saves what a control shows on screen as a PNG under {@code target/screenshots}.
     *
     * @param control the control (its shell must be open and painted)
     * @param name the file name without extension
     * @return the file written
     * @throws IOException when the file cannot be written
     */
    public static Path screenshot(Control control, String name) throws IOException {
        control.getShell().forceActive();
        // park the pointer outside the shell: no hover highlight, no tooltip window in the picture
        Rectangle bounds = control.getShell().getBounds();
        control.getDisplay().setCursorLocation(bounds.x + bounds.width + 50, bounds.y + bounds.height + 50);
        control.redraw();
        control.update();
        spinFor(Duration.ofMillis(300));
        Point size = control.getSize();
        Display d = control.getDisplay();
        Image image = new Image(d, size.x, size.y);
        GC gc = new GC(control);
        try {
            gc.copyArea(image, 0, 0);
        } finally {
            gc.dispose();
        }
        try {
            ImageData data = image.getImageData();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            Path dir = targetDirectory().resolve("screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            loader.save(file.toString(), SWT.IMAGE_PNG);
            return file;
        } finally {
            image.dispose();
        }
    }

    /**
     * The mean brightness of what a control shows on screen, 0 (black) to 255 (white): a dark theme
     * reads well below 100, a light one well above 150.
     *
     * @param control the control, showing
     * @return the mean of (r + g + b) / 3 over its pixels
     */
    public static double meanBrightness(Control control) {
        control.redraw();
        control.update();
        flush();
        Point size = control.getSize();
        Image image = new Image(control.getDisplay(), Math.max(1, size.x), Math.max(1, size.y));
        GC gc = new GC(control);
        try {
            gc.copyArea(image, 0, 0);
            ImageData data = image.getImageData();
            long sum = 0;
            for (int y = 0; y < data.height; y++) {
                for (int x = 0; x < data.width; x++) {
                    org.eclipse.swt.graphics.RGB rgb = data.palette.getRGB(data.getPixel(x, y));
                    sum += rgb.red + rgb.green + rgb.blue;
                }
            }
            return sum / 3.0 / ((long) data.width * data.height);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    /**
     * The build's {@code target} directory of this test bundle (Tycho runs tests in
     * {@code target/work}), or the working directory when not found.
     *
     * @return the directory
     */
    public static Path targetDirectory() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals("target")) {
                return p;
            }
        }
        Path sibling = dir.resolve("target");
        return Files.isDirectory(sibling) ? sibling : dir;
    }
}
