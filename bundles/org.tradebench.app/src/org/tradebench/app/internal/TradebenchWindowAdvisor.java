package org.tradebench.app.internal;

import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/**
 * Window policy: title, initial size, which bars are shown.
 */
final class TradebenchWindowAdvisor extends WorkbenchWindowAdvisor {

    static final Point INITIAL_SIZE = new Point(1280, 800);

    TradebenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        super(configurer);
    }

    @Override
    public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer configurer) {
        return new TradebenchActionBarAdvisor(configurer);
    }

    @Override
    public void preWindowOpen() {
        IWorkbenchWindowConfigurer configurer = getWindowConfigurer();
        configurer.setInitialSize(INITIAL_SIZE);
        configurer.setTitle(TradebenchApplication.APP_NAME);
        configurer.setShowCoolBar(false);
        configurer.setShowPerspectiveBar(true);
        configurer.setShowStatusLine(true);
        configurer.setShowProgressIndicator(true);
    }
}
