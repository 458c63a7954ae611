package org.tradebench.app.internal;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.tradebench.app.WorkbenchIds;

/**
 * Workbench-wide policy: the initial perspective, persisted layout, and a question before closing
 * while local exits are armed.
 */
final class TradebenchWorkbenchAdvisor extends WorkbenchAdvisor {

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        super.initialize(configurer);
        // Layout and open views persist in the instance area (-data, see config.ini).
        configurer.setSaveAndRestore(true);
    }

    /** The workbench chrome in the theme the trader chose (Preferences > Tradebench), when the SDK is installed. */
    @Override
    public void postStartup() {
        super.postStartup();
        try {
            org.tradebench.ui.core.Theme.applyToWorkbench();
        } catch (NoClassDefFoundError noViews) {
            // org.tradebench.ui.core is optional: without the views there is nothing to theme
        }
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return WorkbenchIds.TRADING_PERSPECTIVE;
    }

    /**
     * Asks before closing when the order gateway holds local take-profit/stop-loss legs: nothing
     * watches them while Tradebench is closed.
     */
    @Override
    public boolean preShutdown() {
        String question = LocalExitsOnClose.question(LocalExitsOnClose.armed());
        if (question == null || PlatformUI.getWorkbench().getActiveWorkbenchWindow() == null) {
            return super.preShutdown();
        }
        return MessageDialog.openQuestion(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
                "Local exits will not be watched", question) && super.preShutdown();
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new TradebenchWindowAdvisor(configurer);
    }
}
