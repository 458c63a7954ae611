/**
 * Exchange API keys: the {@link org.tradebench.api.credentials.ApiCredentials} value and the
 * {@link org.tradebench.api.credentials.CredentialStore} service that keeps them in Eclipse secure
 * storage.
 *
 * <p>Keys never live in plain files, preferences or logs. The workbench's preference page writes
 * them through the store; a connector reads them through the store (a Declarative Services
 * reference) when it authenticates, and subscribes to re-authenticate when they change:
 *
 * <pre>{@code
 * @Reference
 * private CredentialStore store;
 * private ListenerRegistration keysChanged;
 *
 * @Activate
 * void activate() {
 *     keysChanged = store.subscribe(id -> { if (id.equals("bitfinex")) session.reauthenticate(); });
 *     store.credentials("bitfinex").ifPresent(session::login);
 * }
 *
 * @Deactivate
 * void deactivate() {
 *     keysChanged.close();
 * }
 * }</pre>
 *
 * <h2>Secrets</h2>
 * Secrets (the API secret and the optional passphrase) are {@code char[]}, copied in and out, so
 * that the holder can overwrite its copy when done ({@link
 * org.tradebench.api.credentials.ApiCredentials#wipe()}). {@code toString()} of every type here
 * redacts them; exceptions thrown by a store say what failed, never with which value.
 *
 * <h2>Threading contract</h2>
 * {@link org.tradebench.api.credentials.CredentialStore} methods are thread-safe and may block
 * briefly on file I/O (reading and writing the secure storage file): call them from a connector or
 * worker thread, or in direct response to a user action. {@link
 * org.tradebench.api.credentials.CredentialListener} callbacks run on a store-owned thread, never
 * the UI thread, one at a time and in the order of the changes; they must not block.
 *
 * <h2>Null contract</h2>
 * Parameters and return values are non-null unless documented as nullable; absent values are
 * {@link java.util.Optional}.
 *
 * <p>This package depends on {@code java.base} only.
 */
@Version("0.3.0")
package org.tradebench.api.credentials;

import org.osgi.annotation.versioning.Version;
