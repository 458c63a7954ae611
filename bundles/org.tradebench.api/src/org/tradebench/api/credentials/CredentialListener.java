package org.tradebench.api.credentials;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told that the keys of an exchange were stored, replaced or removed. The event carries the
 * exchange id only, never a key: the listener asks the store for the current value.
 *
 * <pre>{@code
 * ListenerRegistration r = store.subscribe(exchangeId -> {
 *     if (exchangeId.equals(id())) {
 *         worker.execute(this::reauthenticate);       // don't block the store's thread
 *     }
 * });
 * }</pre>
 *
 * <p>Runs on a store-owned thread, never the UI thread, one change at a time in order; must not
 * block. A listener that throws is logged (without secrets) and stays subscribed.
 *
 * <p>Implemented by consumers (connectors, settings pages).
 */
@FunctionalInterface
@ConsumerType
public interface CredentialListener {

    /**
     * The keys of an exchange changed.
     *
     * @param exchangeId the exchange whose keys were stored, replaced or removed
     */
    void credentialsChanged(String exchangeId);
}
