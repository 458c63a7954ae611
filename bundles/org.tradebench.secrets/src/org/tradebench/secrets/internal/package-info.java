/**
 * Eclipse secure storage behind {@link org.tradebench.api.credentials.CredentialStore}: the
 * {@link org.tradebench.secrets.internal.SecureCredentialStore} DS component and the password
 * providers that give secure storage its master password without a prompt: the operating-system
 * keyring, guarded ({@link org.tradebench.secrets.internal.GuardedKeyringPasswordProvider}), and the
 * fallback {@link org.tradebench.secrets.internal.KeyFilePasswordProvider} (read from, or created in,
 * a per-user key file with mode 600, {@link org.tradebench.secrets.internal.MasterKeyFile}); which
 * one a storage is opened with is {@link org.tradebench.secrets.internal.StorageProtection}'s choice.
 *
 * <p>Layout: node {@code /org.tradebench/exchanges/<exchangeId>} with the values {@code account},
 * {@code apiKey}, {@code keyType} ({@code hmac}, {@code ed25519} or {@code rsa}; absent in entries
 * written before key types existed, which read as {@code hmac}), {@code secret} and (optional)
 * {@code passphrase}, every one encrypted.
 *
 * <p>Nothing here logs or formats a secret: error messages name the exchange, the file and what
 * failed. Not API: consumers use the {@code CredentialStore} service.
 *
 * <p>Threading: the store is thread-safe (one lock around the storage tree, which is not);
 * listener callbacks run on the store's event thread. Null: parameters and results are non-null
 * unless documented otherwise.
 */
package org.tradebench.secrets.internal;
