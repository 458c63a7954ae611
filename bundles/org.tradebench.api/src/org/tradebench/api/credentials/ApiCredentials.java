package org.tradebench.api.credentials;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The API key of one exchange account: exchange id, account label, key type (HMAC secret, Ed25519
 * or RSA private key), API key, secret and an optional passphrase (some exchanges, for example OKX
 * and KuCoin, issue one). Every connector takes its keys in this one type.
 *
 * <p>The secret and the passphrase are {@code char[]}: copied when the value is created and on
 * every read, so no caller can change what this object holds, and {@link #wipe()} overwrites them
 * when they are no longer needed. {@link #toString()} shows the exchange, the label and the start
 * of the API key only; {@link #equals(Object)} compares secrets in constant time and
 * {@link #hashCode()} does not depend on them.
 *
 * <pre>{@code
 * char[] secret = secretField.getTextChars();
 * ApiCredentials keys = new ApiCredentials("bitfinex", "main", apiKey, secret, null);
 * Arrays.fill(secret, '\0');                          // our copy is no longer needed
 * store.store(keys);
 * keys.wipe();
 *
 * // a connector signs with a temporary copy that is wiped when the function returns:
 * String signature = keys.withSecret(s -> Hmac.sha384(s, payload));
 * }</pre>
 *
 * <p>Thread-safe. Once wiped, {@link #secret()}, {@link #passphrase()} and
 * {@link #withSecret(Function)} throw {@link IllegalStateException}.
 */
public final class ApiCredentials {

    // what may appear in a secure storage node name and a service property: no '/', no blanks
    private static final Pattern EXCHANGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final char[] NONE = new char[0];

    private final String exchangeId;
    private final String accountLabel;
    private final String apiKey;
    private final KeyType keyType;
    private final KeyEnvironment environment;
    private final char[] secret;
    private final char[] passphrase;
    private boolean wiped;

    /**
     * Creates the value, copying the secret and the passphrase.
     *
     * @param exchangeId the connector id, for example {@code "bitfinex"}: letters, digits, '.', '_'
     *        and '-', at most 64 characters
     * @param accountLabel a name for people, for example {@code "main"}; not blank
     * @param apiKey the API key (the public part); not blank
     * @param secret the API secret; not empty. Copied: the caller may wipe its array afterwards
     * @param passphrase the API passphrase, nullable (or empty) when the exchange has none. Copied
     * @throws IllegalArgumentException when a value is missing or malformed (the message never
     *         contains the secret or the passphrase)
     */
    public ApiCredentials(String exchangeId, String accountLabel, String apiKey, char[] secret, char[] passphrase) {
        this(exchangeId, accountLabel, KeyType.HMAC, apiKey, secret, passphrase);
    }

    /**
     * Creates the value with a key type, copying the secret and the passphrase.
     *
     * @param exchangeId the connector id, for example {@code "binance"}
     * @param accountLabel a name for people; not blank
     * @param keyType how the secret signs
     * @param apiKey the API key (the public part); not blank
     * @param secret the secret (HMAC secret, or the private key: a base64 Ed25519 seed or a PEM);
     *        not empty. Copied
     * @param passphrase the API passphrase, nullable. Copied
     * @throws IllegalArgumentException when a value is missing or malformed (the message never
     *         contains the secret or the passphrase)
     */
    public ApiCredentials(String exchangeId, String accountLabel, KeyType keyType, String apiKey, char[] secret,
            char[] passphrase) {
        this(exchangeId, accountLabel, keyType, KeyEnvironment.LIVE, apiKey, secret, passphrase);
    }

    /**
     * Creates the value with a key type and the environment the key belongs to, copying the secret
     * and the passphrase.
     *
     * <pre>{@code
     * ApiCredentials keys = new ApiCredentials("binance", "test", KeyType.HMAC, KeyEnvironment.TESTNET,
     *         apiKey, secret, null);
     * }</pre>
     *
     * @param exchangeId the connector id, for example {@code "binance"}
     * @param accountLabel a name for people; not blank
     * @param keyType how the secret signs
     * @param environment where the key works: the live exchange or its testnet
     * @param apiKey the API key (the public part); not blank
     * @param secret the secret; not empty. Copied
     * @param passphrase the API passphrase, nullable. Copied
     * @throws IllegalArgumentException when a value is missing or malformed (the message never
     *         contains the secret or the passphrase)
     * @since 0.3
     */
    public ApiCredentials(String exchangeId, String accountLabel, KeyType keyType, KeyEnvironment environment,
            String apiKey, char[] secret, char[] passphrase) {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(environment, "environment");
        this.keyType = keyType;
        this.environment = environment;
        this.exchangeId = requireExchangeId(exchangeId);
        Objects.requireNonNull(accountLabel, "accountLabel");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(secret, "secret");
        if (accountLabel.isBlank()) {
            throw new IllegalArgumentException("the account label of " + exchangeId + " must not be blank");
        }
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("the API key of " + exchangeId + " must not be blank");
        }
        if (secret.length == 0) {
            throw new IllegalArgumentException("the API secret of " + exchangeId + " must not be empty");
        }
        this.accountLabel = accountLabel;
        this.apiKey = apiKey;
        this.secret = secret.clone();
        this.passphrase = passphrase == null || passphrase.length == 0 ? NONE : passphrase.clone();
    }

    /**
     * Credentials without a passphrase.
     *
     * <pre>{@code
     * ApiCredentials keys = ApiCredentials.of("bitfinex", "main", "k3y", "s3cret".toCharArray());
     * }</pre>
     *
     * @param exchangeId the connector id
     * @param accountLabel a name for people
     * @param apiKey the API key
     * @param secret the API secret, copied
     * @return the value
     */
    public static ApiCredentials of(String exchangeId, String accountLabel, String apiKey, char[] secret) {
        return new ApiCredentials(exchangeId, accountLabel, apiKey, secret, null);
    }

    /**
     * Checks an exchange id: letters, digits, '.', '_' and '-', starting with a letter or digit, at
     * most 64 characters.
     *
     * @param exchangeId the id
     * @return the id
     * @throws IllegalArgumentException when it is malformed
     */
    public static String requireExchangeId(String exchangeId) {
        Objects.requireNonNull(exchangeId, "exchangeId");
        if (!EXCHANGE_ID.matcher(exchangeId).matches()) {
            throw new IllegalArgumentException("exchange id must be letters, digits, '.', '_' or '-' (at most 64): '"
                    + exchangeId + "'");
        }
        return exchangeId;
    }

    /**
     * The connector id.
     *
     * @return for example {@code "bitfinex"}
     */
    public String exchangeId() {
        return exchangeId;
    }

    /**
     * A name for people.
     *
     * @return for example {@code "main"}
     */
    public String accountLabel() {
        return accountLabel;
    }

    /**
     * How the secret signs.
     *
     * @return the key type
     */
    public KeyType keyType() {
        return keyType;
    }

    /**
     * Where the key works: the live exchange (the default) or its testnet.
     *
     * @return the environment
     * @since 0.3
     */
    public KeyEnvironment environment() {
        return environment;
    }

    /**
     * The API key (the public part, sent with every signed request).
     *
     * @return the key
     */
    public String apiKey() {
        return apiKey;
    }

    /**
     * The API key for display: its first four characters and an ellipsis.
     *
     * @return for example {@code "k3yA…"}
     */
    public String maskedApiKey() {
        return mask(apiKey);
    }

    /**
     * A fresh copy of the secret; the caller wipes it after use ({@code Arrays.fill(s, '\0')}).
     *
     * @return the secret characters
     * @throws IllegalStateException after {@link #wipe()}
     */
    public synchronized char[] secret() {
        checkNotWiped();
        return secret.clone();
    }

    /**
     * Whether the exchange issued a passphrase with this key.
     *
     * @return true when a passphrase is held
     */
    public boolean hasPassphrase() {
        return passphrase.length > 0;
    }

    /**
     * A fresh copy of the passphrase; the caller wipes it after use.
     *
     * @return the passphrase characters, empty when there is none
     * @throws IllegalStateException after {@link #wipe()}
     */
    public synchronized char[] passphrase() {
        checkNotWiped();
        return passphrase.clone();
    }

    /**
     * Runs a function with a temporary copy of the secret and wipes the copy when it returns (or
     * throws). The function must not keep the array.
     *
     * <pre>{@code
     * byte[] signature = keys.withSecret(secret -> hmacSha384(secret, payload));
     * }</pre>
     *
     * @param <R> the result type
     * @param function what needs the secret, for example a request signer
     * @return the function's result
     * @throws IllegalStateException after {@link #wipe()}
     */
    public <R> R withSecret(Function<char[], R> function) {
        Objects.requireNonNull(function, "function");
        char[] copy = secret();
        try {
            return function.apply(copy);
        } finally {
            Arrays.fill(copy, '\0');
        }
    }

    /**
     * Overwrites the secret and the passphrase held by this object with zeros. Idempotent. Copies
     * handed out before are the callers' to wipe.
     */
    public synchronized void wipe() {
        Arrays.fill(secret, '\0');
        Arrays.fill(passphrase, '\0');
        wiped = true;
    }

    /**
     * Whether {@link #wipe()} was called.
     *
     * @return true once wiped
     */
    public synchronized boolean isWiped() {
        return wiped;
    }

    private void checkNotWiped() {
        if (wiped) {
            throw new IllegalStateException("the API secret of " + exchangeId + " was wiped");
        }
    }

    /**
     * Equal when exchange, label and key are equal and the secrets and passphrases hold the same
     * characters (compared in constant time). Wiped credentials equal only wiped ones.
     */
    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (!(obj instanceof ApiCredentials other)) {
            return false;
        }
        if (!exchangeId.equals(other.exchangeId) || !accountLabel.equals(other.accountLabel)
                || keyType != other.keyType || environment != other.environment || !apiKey.equals(other.apiKey)) {
            return false;
        }
        // copies taken under each object's own lock: never hold both locks at once
        char[] mySecret;
        char[] myPassphrase;
        boolean myWiped;
        synchronized (this) {
            myWiped = wiped;
            mySecret = secret.clone();
            myPassphrase = passphrase.clone();
        }
        char[] otherSecret;
        char[] otherPassphrase;
        boolean otherWiped;
        synchronized (other) {
            otherWiped = other.wiped;
            otherSecret = other.secret.clone();
            otherPassphrase = other.passphrase.clone();
        }
        try {
            if (myWiped || otherWiped) {
                return myWiped == otherWiped;
            }
            // no short circuit: both comparisons always run
            return constantTimeEquals(mySecret, otherSecret) & constantTimeEquals(myPassphrase, otherPassphrase);
        } finally {
            Arrays.fill(mySecret, '\0');
            Arrays.fill(myPassphrase, '\0');
            Arrays.fill(otherSecret, '\0');
            Arrays.fill(otherPassphrase, '\0');
        }
    }

    /** Depends on exchange, label and key only: a hash of the secret would leak information. */
    @Override
    public int hashCode() {
        return Objects.hash(exchangeId, accountLabel, apiKey);
    }

    /**
     * The exchange, the label and the masked key; the secret and the passphrase are redacted.
     *
     * @return for example
     *         {@code ApiCredentials[exchange=bitfinex, account=main, type=hmac, apiKey=k3yA…, secret=<redacted>, passphrase=<none>]}
     */
    @Override
    public String toString() {
        return "ApiCredentials[exchange=" + exchangeId + ", account=" + accountLabel + ", type=" + keyType.wireName()
                + (environment == KeyEnvironment.LIVE ? "" : ", environment=" + environment.wireName())
                + ", apiKey=" + maskedApiKey()
                + ", secret=" + (isWiped() ? "<wiped>" : "<redacted>") + ", passphrase="
                + (hasPassphrase() ? "<redacted>" : "<none>") + "]";
    }

    /**
     * Masks a key for display: its first four characters (none when it is shorter than 8) and an
     * ellipsis.
     *
     * @param apiKey the key
     * @return for example {@code "k3yA…"}
     */
    public static String mask(String apiKey) {
        Objects.requireNonNull(apiKey, "apiKey");
        return apiKey.length() < 8 ? "\u2026" : apiKey.substring(0, 4) + "\u2026";
    }

    private static boolean constantTimeEquals(char[] a, char[] b) {
        int diff = a.length ^ b.length;
        int n = Math.max(a.length, b.length);
        for (int i = 0; i < n; i++) {
            char x = i < a.length ? a[i] : 0;
            char y = i < b.length ? b[i] : 0;
            diff |= x ^ y;
        }
        return diff == 0;
    }
}
