/**
 * The verification tool's engine: runs a {@link org.tradebench.verification.VerificationPlan}
 * against a connector (or over a recording), measures connection stability, data quality,
 * latency, throughput and error rates, and judges each against
 * {@link org.tradebench.verification.Thresholds} the user can set, into a
 * {@link org.tradebench.verification.VerificationReport} with a verdict per check and overall.
 * {@link org.tradebench.verification.ReportJson} and {@link org.tradebench.verification.ReportHtml}
 * write it (schema: docs/verification-report.md).
 *
 * <pre>{@code
 * VerificationPlan plan = VerificationPlan.standard("simulated", List.of("BTC/USD"), Duration.ofSeconds(60));
 * VerificationReport report = new Verifier(connector, plan).run(progress -> System.err.println(progress.line()), () -> false);
 * report.verdict();                       // PASS, WARN or FAIL
 * ReportHtml.write(report, Path.of("report.html"));
 * }</pre>
 *
 * <p>No SWT: the headless {@code tradebench verify} and the workbench's Verification perspective both
 * run it. Listeners run on connector delivery threads and only count; everything is judged at the
 * end.
 */
package org.tradebench.verification;
