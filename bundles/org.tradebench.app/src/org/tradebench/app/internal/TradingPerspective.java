package org.tradebench.app.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.PlatformUI;
import org.tradebench.app.WorkbenchIds;

/**
 * The Trading perspective: the order book as a full-height column on the left, the order entry as
 * a column on the right, the chart in the middle and, below it, the account and market tabs
 * (positions, orders, balances, trades, watchlist, market status, connections). No editor area.
 *
 * <p>Views are placed by id. A view that is not installed gets a placeholder, so it opens in the
 * same place once its bundle is installed (and after Window &gt; Reset Perspective). The bottom strip
 * shows {@code org.tradebench.ui.status.view} when that bundle is installed, else the application's
 * placeholder {@code org.tradebench.app.status}.
 */
public final class TradingPerspective implements IPerspectiveFactory {

    static final String MAIN_FOLDER = "org.tradebench.app.folder.main";
    static final String ENTRY_FOLDER = "org.tradebench.app.folder.entry";
    static final String CHART_FOLDER = "org.tradebench.app.folder.chart";
    static final String STATUS_FOLDER = "org.tradebench.app.folder.status";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();
        layout.setEditorAreaVisible(false);

        // Order book: a full-height column on the left, where a trader's eye goes first. A ladder
        // needs height far more than width.
        IFolderLayout main = layout.createFolder(MAIN_FOLDER, IPageLayout.LEFT, 0.25f, editorArea);
        place(main, WorkbenchIds.ORDER_BOOK_VIEW);

        // Order entry: a column on the right, beside the book and the chart.
        IFolderLayout entry = layout.createFolder(ENTRY_FOLDER, IPageLayout.RIGHT, 0.68f, editorArea);
        place(entry, WorkbenchIds.ORDER_ENTRY_VIEW);

        // The chart above, the account and market tabs below.
        boolean chart = isInstalled(WorkbenchIds.CHART_VIEW);
        IFolderLayout charts = layout.createFolder(CHART_FOLDER, IPageLayout.TOP, chart ? 0.60f : 0.0f, editorArea);
        place(charts, WorkbenchIds.CHART_VIEW);
        charts.addPlaceholder(WorkbenchIds.HEATMAP_VIEW);

        IFolderLayout status = layout.createFolder(STATUS_FOLDER, IPageLayout.BOTTOM, 0.0f, editorArea);
        for (String id : new String[] { WorkbenchIds.POSITIONS_VIEW, WorkbenchIds.ORDERS_VIEW,
                WorkbenchIds.BALANCES_VIEW, WorkbenchIds.TAPE_VIEW, WorkbenchIds.WATCHLIST_VIEW }) {
            place(status, id);
        }
        boolean marketStatus = isInstalled(WorkbenchIds.MARKET_STATUS_VIEW);
        place(status, WorkbenchIds.MARKET_STATUS_VIEW);
        place(status, WorkbenchIds.CONNECTIONS_VIEW);
        if (marketStatus) {
            status.addPlaceholder(WorkbenchIds.STATUS_VIEW);
        } else {
            status.addView(WorkbenchIds.STATUS_VIEW);
        }

        layout.addShowViewShortcut(marketStatus ? WorkbenchIds.MARKET_STATUS_VIEW : WorkbenchIds.STATUS_VIEW);
        for (String id : new String[] { WorkbenchIds.ORDER_BOOK_VIEW, WorkbenchIds.ORDER_ENTRY_VIEW,
                WorkbenchIds.CHART_VIEW, WorkbenchIds.POSITIONS_VIEW, WorkbenchIds.ORDERS_VIEW,
                WorkbenchIds.BALANCES_VIEW, WorkbenchIds.TAPE_VIEW, WorkbenchIds.WATCHLIST_VIEW,
                WorkbenchIds.CONNECTIONS_VIEW }) {
            layout.addShowViewShortcut(id);
        }
        layout.addPerspectiveShortcut(WorkbenchIds.TRADING_PERSPECTIVE);
        layout.addPerspectiveShortcut(WorkbenchIds.ANALYSIS_PERSPECTIVE);
    }

    static void place(IFolderLayout folder, String viewId) {
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
