package org.tradebench.api.credentials;

/**
 * Which of an exchange's environments a key belongs to. An exchange issues testnet keys on its
 * testnet only, and they sign nothing on the live exchange (nor the other way round), so the
 * environment is stored with the key and a connector connects where its key works: a Binance key
 * stored as {@link #TESTNET} makes the connector use Binance's testnet endpoints, streams and
 * WebSocket API included.
 */
public enum KeyEnvironment {
    /** The live exchange, real money: the default. */
    LIVE("live"),
    /**
     * The exchange's test environment (Binance: {@code testnet.binance.vision} for spot,
     * {@code testnet.binancefuture.com} for USD-M futures). A connector of an exchange without one
     * refuses such keys with a message that says so.
     */
    TESTNET("testnet");

    private final String wireName;

    KeyEnvironment(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name stored with the key.
     *
     * @return {@code "live"} or {@code "testnet"}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses {@link #wireName()}.
     *
     * @param text the stored name, nullable ({@link #LIVE}: keys stored before environments existed)
     * @return the environment
     * @throws IllegalArgumentException for an unknown name
     */
    public static KeyEnvironment parse(String text) {
        if (text == null || text.isEmpty()) {
            return LIVE;
        }
        for (KeyEnvironment e : values()) {
            if (e.wireName.equals(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown key environment '" + text + "' (live or testnet)");
    }
}
