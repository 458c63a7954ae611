package org.tradebench.connector.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.spi.OpenConnector;
import org.tradebench.verification.ChaosDriver;
import org.tradebench.verification.CheckResult;
import org.tradebench.verification.ReportHtml;
import org.tradebench.verification.ReportJson;
import org.tradebench.verification.Verdict;
import org.tradebench.verification.VerificationPlan;
import org.tradebench.verification.VerificationReport;
import org.tradebench.verification.Verifier;

/**
 * The verification tool's chaos plan against a connector's loopback simulator: every fault the
 * target can inject, one after the other, each recovered from within the recovery threshold; the
 * books stay sound and no trade is duplicated through it all. A connector's test bundle extends it
 * like the other parts of the kit; the reports go to {@code target/verification/}.
 */
public abstract class ChaosPlanConformance {

    /**
     * Starts the connector's simulator.
     *
     * @return a new target
     */
    protected abstract ConformanceTarget newTarget();

    /**
     * The chaos driver over a conformance target: the kit's faults under the verifier's names.
     *
     * @param target the target (its last opened connector receives the faults)
     * @param instrument the book a book fault is about
     * @return the driver
     */
    public static ChaosDriver driver(ConformanceTarget target, InstrumentId instrument) {
        return new ChaosDriver() {
            @Override
            public Set<Fault> faults() {
                Set<Fault> out = EnumSet.noneOf(Fault.class);
                for (org.tradebench.connector.conformance.Fault f : target.faults()) {
                    out.add(map(f));
                }
                return out;
            }

            @Override
            public void inject(Fault fault) {
                for (org.tradebench.connector.conformance.Fault f : target.faults()) {
                    if (map(f) == fault) {
                        target.inject(f, instrument);
                        return;
                    }
                }
                throw new IllegalArgumentException(fault + " is not one of " + target.faults());
            }
        };
    }

    private static ChaosDriver.Fault map(org.tradebench.connector.conformance.Fault f) {
        return switch (f) {
            case CONNECTION_DROP -> ChaosDriver.Fault.CONNECTION_DROP;
            case SERVER_RESTART -> ChaosDriver.Fault.SERVER_RESTART;
            case BOOK_INTEGRITY -> ChaosDriver.Fault.BOOK_INTEGRITY;
            case SEQUENCE_GAP -> ChaosDriver.Fault.SEQUENCE_GAP;
            case SILENCE -> ChaosDriver.Fault.SILENCE;
            case MAINTENANCE -> ChaosDriver.Fault.MAINTENANCE;
            case MALFORMED_FRAMES -> ChaosDriver.Fault.MALFORMED_FRAMES;
        };
    }

    @Test
    void theChaosPlanSeesTheConnectorRecoverFromEveryFault() throws Exception {
        try (ConformanceTarget target = newTarget()) {
            InstrumentId primary = target.primary();
            VerificationPlan plan = VerificationPlan.chaos(primary.exchangeId(),
                    List.of(primary.symbol(), target.secondary().symbol()), Duration.ofSeconds(3)); // may be one
            Verifier verifier = new Verifier(plan);
            VerificationReport report;
            try (OpenConnector open = target.open(verifier.frameTap())) {
                report = verifier.run(open.connector(), driver(target, primary), p -> {
                }, () -> false);
            }
            write(report);
            assertEquals(target.faults().size(), report.chaos().size(), "every fault injected: " + report.chaos());
            for (VerificationReport.ChaosResult c : report.chaos()) {
                assertTrue(c.problem().isEmpty(), c.fault() + ": " + c.problem());
                assertTrue(c.recoveredMillis() >= 0, c.toString());
            }
            for (CheckResult c : report.checks()) {
                if (c.id().startsWith("chaos.") || c.id().equals("quality.book-invariants")
                        || c.id().equals("quality.trades") || c.id().equals("throughput.data")) {
                    assertEquals(Verdict.PASS, c.verdict(), c.toString());
                }
            }
            assertFalse(report.verdict() == Verdict.FAIL, report.checks().toString());
        }
    }

    private static void write(VerificationReport report) throws IOException {
        Path dir = Path.of("target", "verification");
        Files.createDirectories(dir);
        ReportHtml.write(report, dir.resolve("chaos-" + report.exchangeId() + ".html"));
        ReportJson.write(report, dir.resolve("chaos-" + report.exchangeId() + ".json"));
    }
}
