package org.tradebench.app.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.PlatformUI;
import org.tradebench.app.WorkbenchIds;

/**
 * The Trading perspective: the order book as a full-height column on the left and the market
 * status (tickers, connection health) beside it. No editor area.
 *
 * <p>The status strip shows {@code org.tradebench.ui.status.view} when that bundle is installed,
 * else the placeholder {@code org.tradebench.app.status}.
 *
 * <p>Views are placed by id. A view that is not installed gets a placeholder, so it opens in
 * the same place once its bundle is installed (and after Window &gt; Reset Perspective).
 */
public final class TradingPerspective implements IPerspectiveFactory {

    static final String MAIN_FOLDER = "org.tradebench.app.folder.main";
    static final String STATUS_FOLDER = "org.tradebench.app.folder.status";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();
        layout.setEditorAreaVisible(false);

        // Order book: a full-height column on the left, where a trader's eye goes first. A ladder
        // needs height far more than width.
        IFolderLayout main = layout.createFolder(MAIN_FOLDER, IPageLayout.LEFT, 0.40f, editorArea);
        place(main, WorkbenchIds.ORDER_BOOK_VIEW);

        // Market status (tickers and connection health) fills the rest: the market status view
        // when it is installed, else the application's placeholder.
        IFolderLayout status = layout.createFolder(STATUS_FOLDER, IPageLayout.BOTTOM, 0.0f, editorArea);
        boolean marketStatus = isInstalled(WorkbenchIds.MARKET_STATUS_VIEW);
        place(status, WorkbenchIds.MARKET_STATUS_VIEW);
        if (marketStatus) {
            status.addPlaceholder(WorkbenchIds.STATUS_VIEW);
        } else {
            status.addView(WorkbenchIds.STATUS_VIEW);
        }

        layout.addShowViewShortcut(marketStatus ? WorkbenchIds.MARKET_STATUS_VIEW : WorkbenchIds.STATUS_VIEW);
        layout.addShowViewShortcut(WorkbenchIds.ORDER_BOOK_VIEW);
        layout.addPerspectiveShortcut(WorkbenchIds.TRADING_PERSPECTIVE);
    }

    private static void place(IFolderLayout folder, String viewId) {
        if (isInstalled(viewId)) {
            folder.addView(viewId);
        } else {
            folder.addPlaceholder(viewId);
        }
    }

    static boolean isInstalled(String viewId) {
        return PlatformUI.isWorkbenchRunning()
                && PlatformUI.getWorkbench().getViewRegistry().find(viewId) != null;
    }
}
