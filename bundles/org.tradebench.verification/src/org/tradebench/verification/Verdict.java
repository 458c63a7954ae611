package org.tradebench.verification;

/** The outcome of one check, and of a whole verification (the worst of its checks). */
public enum Verdict {
    /** Within the thresholds. */
    PASS("pass"),
    /** Worth a look: beyond the warning threshold, or recovered problems. */
    WARN("warn"),
    /** Beyond the failure threshold: do not trust this connection with money. */
    FAIL("fail"),
    /** Not measured: the connector, the plan or the run gave nothing to judge (the reason says why). */
    SKIP("skip");

    private final String wireName;

    Verdict(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name in JSON reports.
     *
     * @return for example {@code "pass"}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The worse of two verdicts; a skipped check changes nothing.
     *
     * @param other another verdict
     * @return FAIL over WARN over PASS over SKIP
     */
    public Verdict worse(Verdict other) {
        return rank(other) > rank(this) ? other : this;
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case SKIP -> 0;
            case PASS -> 1;
            case WARN -> 2;
            case FAIL -> 3;
        };
    }
}
