package org.tradebench.app.internal;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.widgets.Display;
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
            int code = PlatformUI.createAndRunWorkbench(display, new TradebenchWorkbenchAdvisor());
            return code == PlatformUI.RETURN_RESTART ? IApplication.EXIT_RESTART : IApplication.EXIT_OK;
        } finally {
            display.dispose();
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
