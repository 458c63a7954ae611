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

    /** The first window's size, at most the screen's (later windows restore what they had). */
    static final Point INITIAL_SIZE = new Point(1600, 980);

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
        org.eclipse.swt.graphics.Rectangle screen = org.eclipse.swt.widgets.Display.getCurrent().getPrimaryMonitor()
                .getClientArea();
        configurer.setInitialSize(new Point(Math.min(INITIAL_SIZE.x, screen.width), Math.min(INITIAL_SIZE.y,
                screen.height)));
        configurer.setTitle(TradebenchApplication.APP_NAME);
        configurer.setShowCoolBar(false);
        configurer.setShowPerspectiveBar(true);
        configurer.setShowStatusLine(true);
        configurer.setShowProgressIndicator(true);
    }
}
