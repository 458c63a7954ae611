package org.tradebench.verification.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.tradebench.api.spi.ConnectorProvider;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.verification.CheckResult;
import org.tradebench.verification.Progress;
import org.tradebench.verification.ReportHtml;
import org.tradebench.verification.ReportJson;
import org.tradebench.verification.Verdict;
import org.tradebench.verification.VerificationPlan;
import org.tradebench.verification.VerificationReport;
import org.tradebench.verification.Verifier;

import com.google.gson.JsonParser;

/**
 * A live run against the embedded simulated exchange, found as a {@link ConnectorProvider} service
 * like the command line finds it: a clean connection passes; its report validates.
 */
class SimulatedExchangeRunTest {

    @Test
    void aCleanRunOnTheSimulatedExchangePasses() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(SimulatedExchangeRunTest.class).getBundleContext();
        ServiceTracker<ConnectorProvider, ConnectorProvider> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + ConnectorProvider.class.getName() + ")(exchange.id=simulated))"),
                null);
        tracker.open();
        try {
            ConnectorProvider provider = tracker.waitForService(20_000);
            assertNotNull(provider, "the simulated exchange's provider service");
            VerificationPlan plan = VerificationPlan.standard("simulated", List.of("BTC/USD", "ETH/USD"), Duration.ofSeconds(4));
            Verifier verifier = new Verifier(plan);
            List<Progress> progress = new ArrayList<>();
            VerificationReport r;
            try (OpenConnector open = provider.open(Map.of("rate", "500"), verifier.frameTap())) {
                r = verifier.run(open.connector(), progress::add, () -> false);
            }
            assertTrue(progress.size() >= 3, "a progress value each second: " + progress);
            assertTrue(progress.get(progress.size() - 1).messages() > 0);
            for (CheckResult c : r.checks()) {
                switch (c.id()) {
                    case "account.stream", "latency.order", "quality.candles-vs-trades", "latency.ping" ->
                        assertFalse(c.verdict() == Verdict.FAIL, c.toString());
                    default -> assertEquals(Verdict.PASS, c.verdict(), c.toString());
                }
            }
            assertFalse(r.verdict() == Verdict.FAIL, r.checks().toString());
            assertEquals("withdrawals disabled; main: paper-trading", r.check("account.permissions").reason());
            assertEquals(2, r.quality().instruments().size());
            for (VerificationReport.InstrumentQuality q : r.quality().instruments()) {
                assertTrue(q.bookUpdates() > 10, q.toString());
                assertEquals(0, q.invariantViolations(), q.firstViolation());
            }
            assertTrue(r.throughput().channels().containsKey("book"), r.throughput().toString());
            assertTrue(r.latency().processing().count() > 0, "frame to listener measured");
            assertEquals(List.of(), ReportsTest.schema().validate(JsonParser.parseString(ReportsTest.json(r))));
            Files.createDirectories(ReportsTest.OUT);
            ReportHtml.write(r, ReportsTest.OUT.resolve("simulated-report.html"));
            ReportJson.write(r, ReportsTest.OUT.resolve("simulated-report.json"));
        } finally {
            tracker.close();
        }
    }
}
