package org.tradebench.connector.bitfinex.tests.e2e;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.CredentialListener;
import org.tradebench.api.credentials.CredentialStore;
import org.tradebench.api.credentials.ListenerRegistration;
import org.tradebench.api.credentials.StoredAccount;

/**
 * A {@link CredentialStore} in memory, registered as a service by the tests in place of the secure
 * storage bundle. Listeners are told on the caller's thread (the real store uses its own thread;
 * the component hands the event over either way).
 */
final class InMemoryCredentialStore implements CredentialStore {

    private final Map<String, ApiCredentials> keys = new TreeMap<>();
    private final List<CredentialListener> listeners = new CopyOnWriteArrayList<>();

    private static ApiCredentials copy(ApiCredentials c) {
        return new ApiCredentials(c.exchangeId(), c.accountLabel(), c.apiKey(), c.secret(), c.passphrase());
    }

    @Override
    public synchronized Optional<ApiCredentials> credentials(String exchangeId) {
        ApiCredentials c = keys.get(exchangeId);
        return c == null ? Optional.empty() : Optional.of(copy(c));
    }

    @Override
    public synchronized List<StoredAccount> accounts() {
        return keys.values().stream().map(StoredAccount::of).toList();
    }

    @Override
    public void store(ApiCredentials credentials) {
        synchronized (this) {
            ApiCredentials previous = keys.put(credentials.exchangeId(), copy(credentials));
            if (previous != null) {
                previous.wipe();
            }
        }
        listeners.forEach(l -> l.credentialsChanged(credentials.exchangeId()));
    }

    @Override
    public void remove(String exchangeId) {
        ApiCredentials removed;
        synchronized (this) {
            removed = keys.remove(exchangeId);
        }
        if (removed != null) {
            removed.wipe();
            listeners.forEach(l -> l.credentialsChanged(exchangeId));
        }
    }

    @Override
    public ListenerRegistration subscribe(CredentialListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    int listenerCount() {
        return listeners.size();
    }
}
