package org.tradebench.api.trading;

/** Which price a stop, take-profit or exit trigger watches. */
public enum TriggerSource {
    /** The last traded price. */
    LAST("last"),
    /** The mark price (derivatives; where the exchange offers it). */
    MARK("mark"),
    /** The index price (where the exchange offers it). */
    INDEX("index");

    private final String wireName;

    TriggerSource(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used in JSON output.
     *
     * @return for example {@code "mark"}
     */
    public String wireName() {
        return wireName;
    }
}
