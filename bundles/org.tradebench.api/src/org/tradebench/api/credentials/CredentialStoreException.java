package org.tradebench.api.credentials;

/**
 * A credential store could not read, decrypt or write keys. The message says what failed and
 * where, for people ("Could not save the API key of bitfinex: the secure storage file
 * /home/me/.tradebench/secure_storage is not writable"), and never contains a secret.
 *
 * <pre>{@code
 * try {
 *     store.store(keys);
 *     status.setText("Saved");
 * } catch (CredentialStoreException e) {
 *     status.setText(e.getMessage());
 * }
 * }</pre>
 */
public class CredentialStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, for people; never a secret
     * @param cause the underlying failure, nullable
     */
    public CredentialStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed, for people; never a secret
     */
    public CredentialStoreException(String message) {
        super(message);
    }
}
