package org.tradebench.api.account;

/** How a derivatives position is margined. */
public enum MarginMode {
    /** The whole account balance backs every position. */
    CROSS("cross"),
    /** Each position has its own margin. */
    ISOLATED("isolated");

    private final String wireName;

    MarginMode(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used in JSON output.
     *
     * @return {@code "cross"} or {@code "isolated"}
     */
    public String wireName() {
        return wireName;
    }
}
