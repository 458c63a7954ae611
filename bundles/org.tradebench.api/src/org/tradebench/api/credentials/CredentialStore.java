package org.tradebench.api.credentials;

import org.osgi.annotation.versioning.ProviderType;

import java.util.List;
import java.util.Optional;

/**
 * Keeps exchange API keys in Eclipse secure storage, one account per exchange id. An OSGi service:
 * the workbench registers one (bundle {@code org.tradebench.secrets}); the preference page writes
 * through it and connectors read through it.
 *
 * <p>A connector, as a Declarative Services component, reads the keys when it authenticates and
 * re-authenticates when they change:
 *
 * <pre>{@code
 * @Component(service = ExchangeConnector.class, property = "exchange.id=bitfinex")
 * public final class BitfinexComponent implements ExchangeConnector {
 *     @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.STATIC)
 *     private CredentialStore store;               // absent: market data only
 *     private ListenerRegistration keysChanged;
 *
 *     @Activate
 *     void activate() {
 *         if (store != null) {
 *             keysChanged = store.subscribe(id -> { if (id.equals("bitfinex")) worker.execute(this::login); });
 *             worker.execute(this::login);
 *         }
 *     }
 *
 *     private void login() {                       // connector thread
 *         try {
 *             store.credentials("bitfinex").ifPresentOrElse(keys -> {
 *                 try { session.authenticate(keys); } finally { keys.wipe(); }
 *             }, session::logout);
 *         } catch (CredentialStoreException e) {
 *             health.degrade(e.getMessage());      // says what failed, never with which secret
 *         }
 *     }
 *
 *     @Deactivate
 *     void deactivate() {
 *         if (keysChanged != null) keysChanged.close();
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe; methods may block briefly on file I/O. Listener callbacks run on a store-owned
 * thread. Errors are {@link CredentialStoreException}s whose message says what failed (reading,
 * writing, no password for the storage) and never contains a secret.
 *
 * <p>Implemented by the secure storage bundle; consumed by connectors and the workbench.
 */
@ProviderType
public interface CredentialStore {

    /**
     * The keys stored for an exchange, decrypted. The caller wipes them when done
     * ({@link ApiCredentials#wipe()}).
     *
     * @param exchangeId for example {@code "bitfinex"}
     * @return the keys, or empty when none are stored
     * @throws CredentialStoreException when the storage cannot be read or decrypted
     */
    Optional<ApiCredentials> credentials(String exchangeId);

    /**
     * The accounts with stored keys, sorted by exchange id, without decrypting any secret: what a
     * settings page lists.
     *
     * @return an immutable list, empty when no keys are stored
     * @throws CredentialStoreException when the storage cannot be read or decrypted
     */
    List<StoredAccount> accounts();

    /**
     * Stores keys, replacing those of the same exchange, encrypted, and writes the storage to disk
     * before returning. Listeners are then told {@link ApiCredentials#exchangeId()}. The caller
     * still owns {@code credentials} and wipes them.
     *
     * @param credentials the keys
     * @throws CredentialStoreException when they cannot be encrypted or written
     * @throws IllegalStateException when the credentials were wiped
     */
    void store(ApiCredentials credentials);

    /**
     * Removes the keys of an exchange and writes the storage to disk. Listeners are told when keys
     * were removed; removing keys that are not there does nothing.
     *
     * @param exchangeId for example {@code "bitfinex"}
     * @throws CredentialStoreException when the storage cannot be written
     */
    void remove(String exchangeId);

    /**
     * Tells a listener about every later change (store or remove), with the exchange id only: the
     * listener calls {@link #credentials(String)} for the new value.
     *
     * @param listener called on a store-owned thread, in order; must not block
     * @return closes the registration; closing twice does nothing
     */
    ListenerRegistration subscribe(CredentialListener listener);
}
