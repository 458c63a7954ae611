package org.tradebench.ui.verification.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.tradebench.ui.core.ConnectorTracker;
import org.tradebench.ui.testing.Ui;

/**
 * The Verification view's panel against the embedded simulated exchange: a run as a job with live
 * progress, the verdict table, the report kept and listed, re-opened and exported; a cancelled
 * run; a form the connector cannot serve.
 */
class VerificationPanelTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private Shell shell;
    private ConnectorTracker tracker;
    private org.tradebench.ui.core.GatewayTracker gateways;
    private VerificationPanel panel;

    @BeforeEach
    void open() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(VerificationPanelTest.class).getBundleContext();
        for (Bundle b : context.getBundles()) {
            if ("org.tradebench.connector.simulated".equals(b.getSymbolicName())) {
                b.start();
            }
        }
        shell = Ui.shell("Verification", 1200, 760);
        shell.setLayout(new FillLayout());
        tracker = ConnectorTracker.open(VerificationPanelTest.class);
        gateways = org.tradebench.ui.core.GatewayTracker.open(VerificationPanelTest.class);
        panel = new VerificationPanel(shell, tracker, gateways::gateway, new ReportStore(dir.resolve("reports")));
        shell.open();
        Ui.spinUntil("the simulated connector", () -> tracker.connector("simulated").isPresent(), WAIT);
        Ui.spinUntil("its instruments", () -> !tracker.connector("simulated").get().instruments().isEmpty(), WAIT);
    }

    @AfterEach
    void close() {
        shell.dispose();
        tracker.close();
        gateways.close();
        Ui.flush();
    }

    @Test
    void aRunShowsItsProgressThenTheVerdictTableAndIsKeptForLater() throws Exception {
        panel.choose("simulated", "BTC/USD, ETH/USD", "10s");
        Job job = panel.start().orElseThrow(() -> new AssertionError("did not start: " + panel.statusText()));
        assertTrue(panel.running());
        Ui.spinUntil("progress lines", () -> panel.statusText().contains(" msg/s "), WAIT, panel::statusText);
        Ui.spinUntil("the end of the run", () -> !panel.running() && job.getResult() != null, WAIT, panel::statusText);
        assertTrue(job.getResult().isOK(), job.getResult().toString());
        assertTrue(panel.chart().sampleCount() >= 5, "a live sample each second: " + panel.chart().sampleCount());
        assertTrue(panel.statusText().startsWith("Done: "), panel.statusText());
        assertTrue(panel.verdictTitle().startsWith("Simulated Exchange, "), panel.verdictTitle());
        List<String[]> rows = panel.verdictRows();
        assertTrue(rows.size() >= 15, rows.size() + " rows");
        String[] data = rows.stream().filter(r -> r[1].equals("Data arrives")).findFirst().orElseThrow();
        assertEquals("PASS", data[0]);
        String[] sound = rows.stream().filter(r -> r[1].equals("Book sound after every update")).findFirst().orElseThrow();
        assertEquals("PASS", sound[0], sound[2]);
        assertTrue(sound[2].startsWith("all ") && sound[2].endsWith(" updates left the book sorted and uncrossed"), sound[2]);
        Ui.screenshot(shell, "verification-view");

        assertEquals(1, panel.pastRuns().size());
        ReportStore.Summary kept = panel.pastRuns().get(0);
        assertNotNull(kept.html());
        assertTrue(Files.readString(kept.html()).contains("<title>Verification of Simulated Exchange"));
        Path exported = dir.resolve("out.json");
        assertTrue(panel.exportTo(false, exported));
        assertTrue(Files.readString(exported).contains("\"schema\": \"tradebench-verification/1\""));

        // a new panel over the same store re-opens it
        shell.dispose();
        shell = Ui.shell("Verification", 1200, 760);
        shell.setLayout(new FillLayout());
        panel = new VerificationPanel(shell, tracker, gateways::gateway, new ReportStore(dir.resolve("reports")));
        shell.open();
        assertEquals(1, panel.pastRuns().size());
        panel.selectPast(0);
        assertEquals(rows.size(), panel.verdictRows().size());
        assertEquals(rows.get(0)[2], panel.verdictRows().get(0)[2]);
    }

    @Test
    void theOrderRoundTripGoesThroughTheGatewayOnTheSimulatedExchange() throws Exception {
        Ui.spinUntil("the order gateway", () -> gateways.gateway().isPresent(), WAIT);
        panel.choose("simulated", "BTC/USD", "10s", true);
        panel.start().orElseThrow(() -> new AssertionError("did not start: " + panel.statusText()));
        Ui.spinUntil("the end of the run", () -> !panel.running(), WAIT, panel::statusText);
        String[] order = panel.verdictRows().stream().filter(r -> r[1].equals("Order round trip")).findFirst()
                .orElseThrow();
        assertEquals("PASS", order[0], order[2]);
        assertTrue(order[2].contains(" samples; cancels p50 "), order[2]);
        String json = Files.readString(panel.pastRuns().get(0).json());
        assertTrue(json.contains("\"orderFailures\": []"), json);
    }

    @Test
    void cancellingEndsTheRunEarlyAndTheReportSaysSo() throws Exception {
        panel.choose("simulated", "BTC/USD", "5m");
        Job job = panel.start().orElseThrow();
        Ui.spinUntil("a progress line", () -> panel.statusText().contains(" msg/s "), WAIT, panel::statusText);
        job.cancel();
        Ui.spinUntil("the end", () -> !panel.running(), WAIT, panel::statusText);
        assertEquals(1, panel.pastRuns().size());
        String json = Files.readString(panel.pastRuns().get(0).json());
        assertTrue(json.contains("\"cancelled\": true"), json);
        assertTrue(json.contains("stopped by the user after "), json);
    }

    @Test
    void thresholdsTheUserSetsAreCheckedAndUsedByTheNextRun() throws Exception {
        var t = panel.parseThresholds("# tighter ping\nlatency.ping.fail = 50ms\nlatency.ping.warn=20ms\n\nlive.warn=99.5\n");
        assertEquals("50ms", t.asMap().get("latency.ping.fail"));
        assertEquals("99.5", t.asMap().get("live.warn"));
        IllegalArgumentException pair = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> panel.parseThresholds("latency.ping.fail=50ms"));
        assertEquals("latency.ping.warn (250ms) must not exceed latency.ping.fail (50ms)", pair.getMessage());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> panel.parseThresholds("latency.ping.fail=50ms\nlatency.ping.warn=fast"));
        assertEquals("line 2: latency.ping.warn: 'fast' is not a duration (like 500ms, 30s, 5m, 1h)", e.getMessage());
        List<org.tradebench.verification.Thresholds> saved = new java.util.ArrayList<>();
        panel.useThresholds(t, saved::add);
        panel.choose("simulated", "BTC/USD", "10s");
        panel.start().orElseThrow();
        Ui.spinUntil("the end of the run", () -> !panel.running(), WAIT, panel::statusText);
        String json = Files.readString(panel.pastRuns().get(0).json());
        assertTrue(json.contains("\"latency.ping.fail\": \"50ms\""), json);
    }

    @Test
    void aSymbolTheExchangeDoesNotListIsRefusedBeforeAnythingRuns() {
        panel.choose("simulated", "BTC/USD,NOPE/USD", "10s");
        assertTrue(panel.start().isEmpty());
        assertEquals("Simulated Exchange lists no NOPE/USD.", panel.statusText());
        assertFalse(panel.running());
        panel.choose("simulated", " , ", "10s");
        assertTrue(panel.start().isEmpty());
        assertEquals("Give at least one symbol, for example BTC/USD.", panel.statusText());
    }
}
