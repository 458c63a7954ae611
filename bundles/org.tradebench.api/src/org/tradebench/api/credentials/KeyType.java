package org.tradebench.api.credentials;

/**
 * What kind of key an exchange issued: how the secret is used to sign.
 */
public enum KeyType {
    /**
     * A shared secret for HMAC signatures (Bitfinex HMAC-SHA384, Binance HMAC-SHA256). The secret
     * is the text the exchange shows.
     */
    HMAC("hmac"),
    /**
     * An Ed25519 private key (Binance Ed25519 keys, Backpack): the secret is the 32-byte seed in
     * base64, or a PKCS#8 PEM private key. The API key is what the exchange registered for the
     * public key.
     */
    ED25519("ed25519"),
    /** An RSA private key in PKCS#8 PEM (Binance RSA keys). */
    RSA("rsa");

    private final String wireName;

    KeyType(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name stored with the key.
     *
     * @return for example {@code "ed25519"}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses {@link #wireName()}.
     *
     * @param text the stored name, nullable (HMAC, the type of keys stored before key types existed)
     * @return the type
     * @throws IllegalArgumentException for an unknown name
     */
    public static KeyType parse(String text) {
        if (text == null || text.isEmpty()) {
            return HMAC;
        }
        for (KeyType t : values()) {
            if (t.wireName.equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown key type '" + text + "' (hmac, ed25519 or rsa)");
    }
}
