package org.tradebench.ui.verification;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.PlatformUI;

/**
 * The Verification perspective: the Verification view, with the Connections view and the Market
 * Status view below it when they are installed (placeholders otherwise).
 */
public final class VerificationPerspective implements IPerspectiveFactory {

    /** The perspective id: {@value}. */
    public static final String ID = "org.tradebench.ui.verification.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();
        layout.setEditorAreaVisible(false);
        IFolderLayout main = layout.createFolder("org.tradebench.ui.verification.main", IPageLayout.TOP, 0.72f,
                editorArea);
        main.addView(VerificationView.ID);
        IFolderLayout below = layout.createFolder("org.tradebench.ui.verification.below", IPageLayout.BOTTOM, 0.0f,
                editorArea);
        place(below, "org.tradebench.ui.connections.view");
        place(below, "org.tradebench.ui.status.view");
        layout.addPerspectiveShortcut("org.tradebench.app.perspective.trading");
        layout.addPerspectiveShortcut(ID);
    }

    private static void place(IFolderLayout folder, String viewId) {
        if (PlatformUI.isWorkbenchRunning() && PlatformUI.getWorkbench().getViewRegistry().find(viewId) != null) {
            folder.addView(viewId);
        } else {
            folder.addPlaceholder(viewId); // shows up there once its bundle is installed
        }
    }
}
