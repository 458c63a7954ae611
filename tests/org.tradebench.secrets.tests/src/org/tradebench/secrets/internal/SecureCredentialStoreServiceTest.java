package org.tradebench.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.tradebench.api.credentials.CredentialStore;
import org.tradebench.api.credentials.ListenerRegistration;

/**
 * Declarative Services registers the store. Nothing is stored: the default secure storage lives in
 * the user's home directory, which tests leave alone (the store opens it on first use only).
 */
class SecureCredentialStoreServiceTest {

    @Test
    void credentialStoreIsRegisteredByDeclarativeServices() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(SecureCredentialStoreServiceTest.class).getBundleContext();
        assertNotNull(context, "org.tradebench.secrets is not started");
        ServiceTracker<CredentialStore, CredentialStore> tracker = new ServiceTracker<>(context, CredentialStore.class,
                null);
        tracker.open();
        try {
            CredentialStore store = tracker.waitForService(20_000);
            assertNotNull(store, "no CredentialStore service within 20 s: is DS (felix scr) running?");
            assertInstanceOf(SecureCredentialStore.class, store);
            ListenerRegistration registration = store.subscribe(id -> { });
            registration.close();
        } finally {
            tracker.close();
        }
    }
}
