package org.tradebench.app.internal;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;

import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.osgi.service.datalocation.Location;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.MessageBox;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;

/**
 * The Tradebench workbench application: creates the display and runs the workbench.
 */
public final class TradebenchApplication implements IApplication {

    static final String APP_NAME = "Tradebench";

    @Override
    public Object start(IApplicationContext context) {
        Display.setAppName(APP_NAME);
        Display.setAppVersion(context.getBrandingBundle() == null ? ""
                : context.getBrandingBundle().getVersion().toString());
        Display display = PlatformUI.createDisplay();
        try {
            String problem = lockWorkspace();
            if (problem != null) {
                Shell shell = new Shell(display);
                MessageBox box = new MessageBox(shell, SWT.ICON_ERROR | SWT.OK);
                box.setText(APP_NAME);
                box.setMessage(problem);
                box.open();
                shell.dispose();
                return IApplication.EXIT_OK;
            }
            int code = PlatformUI.createAndRunWorkbench(display, new TradebenchWorkbenchAdvisor());
            return code == PlatformUI.RETURN_RESTART ? IApplication.EXIT_RESTART : IApplication.EXIT_OK;
        } finally {
            display.dispose();
        }
    }

    /**
     * The product keeps {@code osgi.dataAreaRequiresExplicitInit} so that headless commands never
     * create a workspace; the workbench therefore sets and locks its own (layout and settings live
     * there), defaulting to {@code osgi.instance.area.default} or {@code ~/.tradebench/workspace}.
     *
     * @return null when the workspace is ready, else a message for the user
     */
    private static String lockWorkspace() {
        Location instance = Platform.getInstanceLocation();
        if (instance == null) {
            return null;
        }
        try {
            if (!instance.isSet()) {
                URL fallback = instance.getDefault();
                if (fallback == null) {
                    fallback = Path.of(System.getProperty("user.home"), ".tradebench", "workspace").toUri().toURL();
                }
                if (!instance.set(fallback, true)) {
                    return "Another Tradebench is already using the workspace " + fallback.getPath()
                            + ".\nClose it, or start this one with -data <another folder>.";
                }
            } else if (!instance.isLocked() && !instance.lock()) {
                return "Another Tradebench is already using the workspace " + instance.getURL().getPath()
                        + ".\nClose it, or start this one with -data <another folder>.";
            }
            return null;
        } catch (IOException | IllegalStateException e) {
            return "Cannot use the workspace folder: " + e.getMessage();
        }
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                workbench.close();
            }
        });
    }
}
