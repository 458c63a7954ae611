package org.tradebench.ui.verification;

import java.nio.file.Path;

import org.eclipse.core.runtime.Platform;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.core.GatewayTracker;
import org.tradebench.ui.verification.internal.ReportStore;
import org.tradebench.ui.verification.internal.VerificationPanel;

/**
 * The Verification view: runs the verification tool against a running connector (the same engine
 * as {@code tradebench verify}) as a job with a progress bar, cancel, live counters and a live
 * chart, then shows the verdict table; every run's HTML and JSON reports are kept (in the
 * workspace's state location of this bundle) and listed for re-opening and export.
 *
 * <p>Open it with {@code page.showView(VerificationView.ID)}, or the Verification perspective.
 */
public final class VerificationView extends ViewPart {

    /** The view id: {@value}. */
    public static final String ID = "org.tradebench.ui.verification.view";

    private static final String THRESHOLDS = "thresholds";

    private ConnectorTracker tracker;
    private GatewayTracker gateways;
    private VerificationPanel panel;

    @Override
    public void createPartControl(Composite parent) {
        tracker = ConnectorTracker.open(VerificationView.class);
        gateways = GatewayTracker.open(VerificationView.class);
        panel = new VerificationPanel(parent, tracker, gateways::gateway, new ReportStore(reports()));
        // the thresholds the user set last time, kept in the workspace's preferences
        org.osgi.service.prefs.Preferences prefs = org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE
                .getNode("org.tradebench.ui.verification");
        org.tradebench.verification.Thresholds saved = org.tradebench.verification.Thresholds.defaults();
        try {
            saved = panel.parseThresholds(prefs.get(THRESHOLDS, ""));
        } catch (IllegalArgumentException stale) {
            // written by an older version: the defaults
        }
        panel.useThresholds(saved, t -> {
            StringBuilder text = new StringBuilder();
            t.asMap().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            prefs.put(THRESHOLDS, text.toString());
            try {
                prefs.flush();
            } catch (org.osgi.service.prefs.BackingStoreException e) {
                // kept for this session; the next start uses the defaults
            }
        });
    }

    /**
     * Where the reports of past runs are kept.
     *
     * @return the reports directory in the workspace's state location of this bundle
     */
    public static Path reports() {
        Bundle bundle = FrameworkUtil.getBundle(VerificationView.class);
        return Platform.getStateLocation(bundle).toFile().toPath().resolve("reports");
    }

    /**
     * The panel, for tests.
     *
     * @return the panel
     */
    public VerificationPanel panel() {
        return panel;
    }

    @Override
    public void setFocus() {
        panel.setFocus();
    }

    @Override
    public void dispose() {
        if (tracker != null) {
            tracker.close();
        }
        if (gateways != null) {
            gateways.close();
        }
        super.dispose();
    }
}
