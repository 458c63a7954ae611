package org.tradebench.connector.bitfinex;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Bitfinex connector gets its API key and secret. Keys belong in a secure store
 * (Eclipse secure storage in the workbench), never in plain configuration files or logs: the
 * workbench registers an OSGi service of this type backed by secure storage and the connector
 * picks it up (it restarts with trading enabled when the service appears). Tests pass keys
 * programmatically with {@link #of(String, char[])}.
 *
 * <pre>{@code
 * // in a UI bundle, once the user entered the keys:
 * ISecurePreferences node = SecurePreferencesFactory.getDefault().node("org.tradebench/bitfinex");
 * context.registerService(BitfinexCredentialsSource.class, new BitfinexCredentialsSource() {
 *     public Optional<String> apiKey() { return Optional.ofNullable(node.get("key", null)); }
 *     public char[] secret() { return node.get("secret", "").toCharArray(); }
 * }, null);
 * }</pre>
 *
 * <p>Implementations must never put the secret into {@code toString()}, exceptions or logs. The
 * connector asks for the secret only to sign and wipes its copy afterwards. Thread-safe.
 * Implemented by whoever stores keys (consumer type for the connector).
 */
public interface BitfinexCredentialsSource {

    /**
     * The API key (public part), or empty when trading is not configured.
     *
     * @return the key
     */
    Optional<String> apiKey();

    /**
     * A fresh copy of the API secret; the caller wipes it after use.
     *
     * @return the secret characters (empty when none)
     */
    char[] secret();

    /**
     * No keys: market data only.
     *
     * @return a source without keys
     */
    static BitfinexCredentialsSource none() {
        return NoCredentials.INSTANCE;
    }

    /**
     * Keys held in memory (tests, command-line tools). The secret is copied.
     *
     * @param apiKey the API key
     * @param secret the API secret
     * @return the source; its {@code toString()} shows only the start of the key
     */
    static BitfinexCredentialsSource of(String apiKey, char[] secret) {
        return new InMemoryCredentials(apiKey, secret);
    }

    /** The source without keys. */
    enum NoCredentials implements BitfinexCredentialsSource {
        /** The only instance. */
        INSTANCE;

        @Override
        public Optional<String> apiKey() {
            return Optional.empty();
        }

        @Override
        public char[] secret() {
            return new char[0];
        }

        @Override
        public String toString() {
            return "no Bitfinex API key";
        }
    }

    /** Keys in memory; never printed. */
    final class InMemoryCredentials implements BitfinexCredentialsSource {
        private final String apiKey;
        private final char[] secret;

        InMemoryCredentials(String apiKey, char[] secret) {
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(secret, "secret");
            if (apiKey.isBlank() || secret.length == 0) {
                throw new IllegalArgumentException("Bitfinex API key and secret must not be empty");
            }
            this.apiKey = apiKey;
            this.secret = secret.clone();
        }

        @Override
        public Optional<String> apiKey() {
            return Optional.of(apiKey);
        }

        @Override
        public char[] secret() {
            return secret.clone();
        }

        /** Overwrites the secret in memory. */
        public void destroy() {
            Arrays.fill(secret, '\0');
        }

        @Override
        public String toString() {
            return "Bitfinex API key " + apiKey.substring(0, Math.min(4, apiKey.length())) + "\u2026 (secret hidden)";
        }
    }
}
