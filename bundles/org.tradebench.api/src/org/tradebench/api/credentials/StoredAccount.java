package org.tradebench.api.credentials;

import java.util.Objects;

/**
 * What a settings page shows about stored keys: never the secret.
 *
 * <pre>{@code
 * for (StoredAccount a : store.accounts()) {
 *     table.add(a.exchangeId(), a.accountLabel(), a.maskedApiKey(), "stored");
 * }
 * }</pre>
 *
 * @param exchangeId the connector id, for example {@code "bitfinex"}
 * @param accountLabel a name for people, for example {@code "main"}
 * @param maskedApiKey the start of the API key, see {@link ApiCredentials#mask(String)}
 * @param hasPassphrase whether a passphrase is stored too
 * @param keyType the key's type
 * @param environment where the key works: the live exchange or its testnet (since 0.3)
 */
public record StoredAccount(String exchangeId, String accountLabel, String maskedApiKey, boolean hasPassphrase,
        KeyType keyType, KeyEnvironment environment) {

    /** Validates. */
    public StoredAccount {
        ApiCredentials.requireExchangeId(exchangeId);
        Objects.requireNonNull(accountLabel, "accountLabel");
        Objects.requireNonNull(maskedApiKey, "maskedApiKey");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(environment, "environment");
    }

    /**
     * A live key's summary (the constructor of 0.2).
     *
     * @param exchangeId the connector id
     * @param accountLabel a name for people
     * @param maskedApiKey the start of the API key
     * @param hasPassphrase whether a passphrase is stored too
     * @param keyType the key's type
     */
    public StoredAccount(String exchangeId, String accountLabel, String maskedApiKey, boolean hasPassphrase,
            KeyType keyType) {
        this(exchangeId, accountLabel, maskedApiKey, hasPassphrase, keyType, KeyEnvironment.LIVE);
    }

    /**
     * The summary of stored credentials.
     *
     * @param credentials the credentials (the secret is not read)
     * @return the summary
     */
    public static StoredAccount of(ApiCredentials credentials) {
        return new StoredAccount(credentials.exchangeId(), credentials.accountLabel(), credentials.maskedApiKey(),
                credentials.hasPassphrase(), credentials.keyType(), credentials.environment());
    }
}
