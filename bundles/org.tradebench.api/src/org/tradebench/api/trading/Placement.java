package org.tradebench.api.trading;

/**
 * Where an order lives: on the exchange, or held by the workbench's order gateway until its
 * trigger (an emulated exit on an exchange without native take-profit/stop-loss).
 */
public enum Placement {
    /** On the exchange ("exchange"). */
    EXCHANGE("exchange"),
    /** Held and triggered by the local order gateway ("local"). */
    LOCAL("local");

    private final String wireName;

    Placement(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The label shown to people and used in JSON output.
     *
     * @return {@code "exchange"} or {@code "local"}
     */
    public String wireName() {
        return wireName;
    }
}
