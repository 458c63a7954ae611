package org.tradebench.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.app.tests.Ui.activePage;
import static org.tradebench.app.tests.Ui.onUi;
import static org.tradebench.app.tests.Ui.screenshot;
import static org.tradebench.app.tests.Ui.waitFor;

import java.time.Duration;

import org.eclipse.ui.IViewPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.WorkbenchException;
import org.junit.jupiter.api.Test;
import org.tradebench.ui.verification.VerificationPerspective;
import org.tradebench.ui.verification.VerificationView;
import org.tradebench.ui.verification.internal.VerificationPanel;

/**
 * The Verification perspective in the running workbench: a ten-second run on the embedded
 * exchange, from the view, to its verdict table.
 */
class VerificationPerspectiveTest {

    @Test
    void aRunFromTheVerificationPerspectiveEndsInItsVerdictTable() throws Exception {
        onUi(() -> {
            try {
                PlatformUI.getWorkbench().showPerspective(VerificationPerspective.ID,
                        PlatformUI.getWorkbench().getActiveWorkbenchWindow());
            } catch (WorkbenchException e) {
                throw new AssertionError(e);
            }
            return null;
        });
        VerificationPanel panel = waitFor("the Verification view", () -> onUi(() -> {
            IViewPart v = activePage().findView(VerificationView.ID);
            return v instanceof VerificationView view ? view.panel() : null;
        }));
        onUi(() -> {
            panel.choose("simulated", "BTC/USD", "10s");
            return panel.start().orElseThrow(() -> new AssertionError(panel.statusText()));
        });
        waitFor(Duration.ofSeconds(40), Duration.ofMillis(250), "the end of the run",
                () -> onUi(() -> !panel.running() && panel.statusText().startsWith("Done: ") ? true : null));
        String[] data = onUi(() -> panel.verdictRows().stream().filter(r -> r[1].equals("Data arrives")).findFirst()
                .orElseThrow());
        assertEquals("PASS", data[0], data[2]);
        assertTrue(onUi(panel::verdictTitle).startsWith("Simulated Exchange, "));
        Thread.sleep(500);
        screenshot("workbench-verification.png");
        onUi(() -> {
            try {
                PlatformUI.getWorkbench().showPerspective(Ui.TRADING_PERSPECTIVE,
                        PlatformUI.getWorkbench().getActiveWorkbenchWindow());
            } catch (WorkbenchException e) {
                throw new AssertionError(e);
            }
            return null;
        });
    }
}
