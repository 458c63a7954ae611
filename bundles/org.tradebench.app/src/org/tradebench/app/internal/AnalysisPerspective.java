package org.tradebench.app.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.tradebench.app.WorkbenchIds;

/**
 * The Analysis perspective, beside Trading: the watchlist on the left, the chart (and the liquidity
 * heatmap, once installed) in the middle, the trade tape on the right, the order book below it. No
 * order entry. Views not installed get placeholders (see {@link TradingPerspective}).
 */
public final class AnalysisPerspective implements IPerspectiveFactory {

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();
        layout.setEditorAreaVisible(false);

        IFolderLayout left = layout.createFolder("org.tradebench.app.analysis.left", IPageLayout.LEFT, 0.24f,
                editorArea);
        TradingPerspective.place(left, WorkbenchIds.WATCHLIST_VIEW);

        IFolderLayout right = layout.createFolder("org.tradebench.app.analysis.right", IPageLayout.RIGHT, 0.76f,
                editorArea);
        TradingPerspective.place(right, WorkbenchIds.TAPE_VIEW);
        IFolderLayout book = layout.createFolder("org.tradebench.app.analysis.book", IPageLayout.BOTTOM, 0.55f,
                "org.tradebench.app.analysis.right");
        TradingPerspective.place(book, WorkbenchIds.ORDER_BOOK_VIEW);

        // the rest: the hidden editor area keeps none of it (its share, the ratio, is clipped to the minimum)
        IFolderLayout center = layout.createFolder("org.tradebench.app.analysis.center", IPageLayout.BOTTOM, 0.0f,
                editorArea);
        TradingPerspective.place(center, WorkbenchIds.CHART_VIEW);
        TradingPerspective.place(center, WorkbenchIds.HEATMAP_VIEW);
        center.addPlaceholder(WorkbenchIds.MARKET_STATUS_VIEW);

        layout.addPerspectiveShortcut(WorkbenchIds.TRADING_PERSPECTIVE);
        layout.addPerspectiveShortcut(WorkbenchIds.ANALYSIS_PERSPECTIVE);
    }
}
