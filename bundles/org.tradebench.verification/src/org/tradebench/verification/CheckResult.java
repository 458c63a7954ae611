package org.tradebench.verification;

import java.util.Objects;

/**
 * One check's verdict with its reason in plain words.
 *
 * @param id a stable id, for example {@code "latency.ping"} (docs/verification-report.md lists them)
 * @param group what it belongs to: {@code stability}, {@code quality}, {@code latency},
 *        {@code throughput}, {@code errors}, {@code account}
 * @param title a short title for people, for example "Ping round trip"
 * @param verdict the verdict
 * @param reason why, with the figures: "p99 latency 840 ms > 500 ms", "3 checksum failures in 10 min,
 *        all recovered in &lt; 1 s"
 */
public record CheckResult(String id, String group, String title, Verdict verdict, String reason) {

    /** Validates. */
    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }
}
