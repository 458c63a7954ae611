package org.tradebench.connector.bitfinex.internal.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * An API key and its secret. The secret is held as a {@code char[]} copy that {@link #destroy()}
 * wipes; {@link #toString()} shows only the first four characters of the key and never the secret.
 *
 * <pre>{@code
 * BitfinexCredentials creds = new BitfinexCredentials(apiKey, secretChars); // from secure storage
 * String auth = BitfinexAuth.authMessage(creds, nonces.next(), 4);
 * creds.destroy(); // when the session ends
 * }</pre>
 *
 * <p>Thread-safe for reading; do not destroy while another thread signs.
 */
public final class BitfinexCredentials {

    private final String apiKey;
    private final char[] secret;

    /**
     * Creates credentials.
     *
     * @param apiKey the API key (public part)
     * @param secret the API secret; copied, so the caller may wipe its array
     * @throws IllegalArgumentException when either is empty (the message names neither value)
     */
    public BitfinexCredentials(String apiKey, char[] secret) {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(secret, "secret");
        if (apiKey.isBlank() || secret.length == 0) {
            throw new IllegalArgumentException("Bitfinex API key and secret must not be empty");
        }
        this.apiKey = apiKey;
        this.secret = secret.clone();
    }

    /**
     * The API key.
     *
     * @return the key
     */
    public String apiKey() {
        return apiKey;
    }

    /**
     * A copy of the secret; wipe it after use.
     *
     * @return the secret characters
     * @throws IllegalStateException after {@link #destroy()}
     */
    char[] secret() {
        if (isWiped()) {
            throw new IllegalStateException("Bitfinex credentials for key " + maskedKey() + " were destroyed");
        }
        return secret.clone();
    }

    private boolean isWiped() {
        for (char c : secret) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    /** Overwrites the secret in memory. */
    public void destroy() {
        Arrays.fill(secret, '\0');
    }

    /**
     * The key shortened for logs: {@code "abcd…"}.
     *
     * @return the first four characters and an ellipsis
     */
    public String maskedKey() {
        return apiKey.substring(0, Math.min(4, apiKey.length())) + "\u2026";
    }

    @Override
    public String toString() {
        return "BitfinexCredentials[apiKey=" + maskedKey() + ", secret=***]";
    }
}
