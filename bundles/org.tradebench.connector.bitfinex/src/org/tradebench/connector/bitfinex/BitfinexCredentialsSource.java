package org.tradebench.connector.bitfinex;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link BitfinexConfig} gets its API key and secret. Keys belong in a secure store, never
 * in plain configuration files or logs: in the workbench they live in the
 * {@code org.tradebench.api.credentials.CredentialStore} service (Eclipse secure storage), which
 * the connector's OSGi component reads and adapts into this interface itself; nobody registers a
 * service of this type. Tests and command-line tools pass keys programmatically with
 * {@link #of(String, char[])}.
 *
 * <pre>{@code
 * BitfinexConfig config = BitfinexConfig.defaults()
 *         .withCredentials(BitfinexCredentialsSource.of(apiKey, secretChars));
 * Arrays.fill(secretChars, '\0'); // of() copied it
 * }</pre>
 *
 * <p>Implementations must never put the secret into {@code toString()}, exceptions or logs. The
 * connector asks for the secret once, when it starts, copies it into its own credentials (wiped when
 * it closes) and wipes the copy it was given. Thread-safe. Implemented by whoever holds keys.
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
