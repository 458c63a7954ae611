package org.tradebench.ui.install;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.ui.handlers.HandlerUtil;
import org.osgi.framework.FrameworkUtil;
import org.tradebench.install.FeatureInstaller;

/** Opens {@link InstallDialog} on the running installation. */
public final class OpenInstallDialogHandler extends AbstractHandler {

    /** Created by the extension registry. */
    public OpenInstallDialogHandler() {
    }

    @Override
    public Object execute(ExecutionEvent event) {
        var bundle = FrameworkUtil.getBundle(OpenInstallDialogHandler.class);
        FeatureInstaller installer = FeatureInstaller.forRunningInstallation(bundle.getBundleContext());
        new InstallDialog(HandlerUtil.getActiveShell(event), installer).open();
        return null;
    }
}
