package org.tradebench.ui.benchmarks;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.PlatformUI;

/**
 * Every measured view standalone in one window, so all of them are visible at once and paint (a
 * view behind another one's tab receives no paint events and would flatter the figures). The
 * heatmap is laid out only when its bundle is installed.
 */
public final class BenchmarkPerspective implements IPerspectiveFactory {

    /** The perspective's id (plugin.xml). */
    public static final String ID = "org.tradebench.ui.benchmarks.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editor = layout.getEditorArea();
        layout.setEditorAreaVisible(false);
        layout.addStandaloneView(UiLoadBenchmarkTest.ORDER_BOOK, true, IPageLayout.LEFT, 0.22f, editor);
        layout.addStandaloneView(UiLoadBenchmarkTest.WATCHLIST, true, IPageLayout.RIGHT, 0.72f, editor);
        layout.addStandaloneView(UiLoadBenchmarkTest.TAPE, true, IPageLayout.BOTTOM, 0.45f,
                UiLoadBenchmarkTest.WATCHLIST);
        layout.addStandaloneView(UiLoadBenchmarkTest.CHART, true, IPageLayout.TOP, 0.6f, editor);
        if (PlatformUI.getWorkbench().getViewRegistry().find(UiLoadBenchmarkTest.HEATMAP) != null) {
            layout.addStandaloneView(UiLoadBenchmarkTest.HEATMAP, true, IPageLayout.BOTTOM, 0.4f,
                    UiLoadBenchmarkTest.CHART);
        }
    }
}
