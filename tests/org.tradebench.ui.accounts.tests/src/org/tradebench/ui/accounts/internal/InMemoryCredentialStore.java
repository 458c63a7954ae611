package org.tradebench.ui.accounts.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.tradebench.api.credentials.ApiCredentials;
import org.tradebench.api.credentials.CredentialListener;
import org.tradebench.api.credentials.CredentialStore;
import org.tradebench.api.credentials.CredentialStoreException;
import org.tradebench.api.credentials.ListenerRegistration;
import org.tradebench.api.credentials.StoredAccount;

/** A store in memory for widget tests; {@link #failWith(String)} makes every call fail. */
final class InMemoryCredentialStore implements CredentialStore {

    private final Map<String, ApiCredentials> keys = new TreeMap<>();
    private final List<CredentialListener> listeners = new CopyOnWriteArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private String failure;

    void failWith(String message) {
        failure = message;
    }

    List<String> calls() {
        return calls;
    }

    private void check() {
        if (failure != null) {
            throw new CredentialStoreException(failure);
        }
    }

    private static ApiCredentials copy(ApiCredentials c) {
        return new ApiCredentials(c.exchangeId(), c.accountLabel(), c.keyType(), c.environment(), c.apiKey(), c.secret(),
                c.passphrase());
    }

    @Override
    public synchronized Optional<ApiCredentials> credentials(String exchangeId) {
        calls.add("credentials " + exchangeId);
        check();
        ApiCredentials c = keys.get(exchangeId);
        return c == null ? Optional.empty() : Optional.of(copy(c));
    }

    @Override
    public synchronized List<StoredAccount> accounts() {
        check();
        return keys.values().stream().map(StoredAccount::of).toList();
    }

    @Override
    public synchronized void store(ApiCredentials credentials) {
        calls.add("store " + credentials.exchangeId());
        check();
        keys.put(credentials.exchangeId(), copy(credentials));
        listeners.forEach(l -> l.credentialsChanged(credentials.exchangeId()));
    }

    @Override
    public synchronized void remove(String exchangeId) {
        calls.add("remove " + exchangeId);
        check();
        if (keys.remove(exchangeId) != null) {
            listeners.forEach(l -> l.credentialsChanged(exchangeId));
        }
    }

    @Override
    public ListenerRegistration subscribe(CredentialListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
