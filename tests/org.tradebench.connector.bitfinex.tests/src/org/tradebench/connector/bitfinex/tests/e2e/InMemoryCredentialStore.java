package org.tradebench.connector.bitfinex.tests.e2e;

import java.util.ArrayList;
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
 * A {@link CredentialStore} (the API's service interface, which the connector's component
 * references) in memory, registered as a service by the tests in place of the secure storage
 * bundle. Listeners are told on the caller's thread (the real store uses its own thread; the
 * component hands the event over either way). Every copy handed out by {@link #credentials} is
 * kept, so a test can check that its reader wiped it.
 *
 * <pre>{@code
 * InMemoryCredentialStore store = new InMemoryCredentialStore();
 * context.registerService(CredentialStore.class, store, null);
 * store.store(ApiCredentials.of("bitfinex", "main", key, secret));
 * assertTrue(store.handedOut().stream().allMatch(ApiCredentials::isWiped));
 * }</pre>
 *
 * <p>Thread-safe.
 */
final class InMemoryCredentialStore implements CredentialStore {

    private final Map<String, ApiCredentials> keys = new TreeMap<>();
    private final List<ApiCredentials> handedOut = new ArrayList<>();
    private final List<CredentialListener> listeners = new CopyOnWriteArrayList<>();

    private static ApiCredentials copy(ApiCredentials c) {
        char[] secret = c.secret();
        char[] passphrase = c.passphrase();
        try {
            return new ApiCredentials(c.exchangeId(), c.accountLabel(), c.keyType(), c.environment(), c.apiKey(), secret,
                    passphrase);
        } finally {
            java.util.Arrays.fill(secret, '\0');
            java.util.Arrays.fill(passphrase, '\0');
        }
    }

    @Override
    public synchronized Optional<ApiCredentials> credentials(String exchangeId) {
        ApiCredentials c = keys.get(exchangeId);
        if (c == null) {
            return Optional.empty();
        }
        ApiCredentials out = copy(c);
        handedOut.add(out);
        return Optional.of(out);
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

    /** @return the listeners subscribed now */
    int listenerCount() {
        return listeners.size();
    }

    /** @return every copy {@link #credentials} returned so far */
    synchronized List<ApiCredentials> handedOut() {
        return List.copyOf(handedOut);
    }
}
