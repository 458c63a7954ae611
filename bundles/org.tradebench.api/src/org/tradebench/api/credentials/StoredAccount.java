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
 */
public record StoredAccount(String exchangeId, String accountLabel, String maskedApiKey, boolean hasPassphrase,
        KeyType keyType) {

    /** Validates. */
    public StoredAccount {
        ApiCredentials.requireExchangeId(exchangeId);
        Objects.requireNonNull(accountLabel, "accountLabel");
        Objects.requireNonNull(maskedApiKey, "maskedApiKey");
        Objects.requireNonNull(keyType, "keyType");
    }

    /**
     * The summary of stored credentials.
     *
     * @param credentials the credentials (the secret is not read)
     * @return the summary
     */
    public static StoredAccount of(ApiCredentials credentials) {
        return new StoredAccount(credentials.exchangeId(), credentials.accountLabel(), credentials.maskedApiKey(),
                credentials.hasPassphrase(), credentials.keyType());
    }
}
