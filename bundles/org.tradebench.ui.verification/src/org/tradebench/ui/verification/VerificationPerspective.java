package org.tradebench.ui.verification;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The Verification perspective: the Verification view, with room below it where the Connections
 * and Market Status views go when the user opens them (placeholders: they stay where the Trading
 * perspective shows them until then).
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
        below.addPlaceholder("org.tradebench.ui.connections.view");
        below.addPlaceholder("org.tradebench.ui.status.view");
        layout.addPerspectiveShortcut("org.tradebench.app.perspective.trading");
        layout.addPerspectiveShortcut(ID);
    }
}
