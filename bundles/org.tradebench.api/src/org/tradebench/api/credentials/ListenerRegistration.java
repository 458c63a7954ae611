package org.tradebench.api.credentials;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Ends a listener registration when closed. Closing twice does nothing; closing never throws.
 *
 * <pre>{@code
 * ListenerRegistration r = store.subscribe(this::keysChanged);
 * ...
 * r.close(); // in deactivate() or dispose()
 * }</pre>
 *
 * <p>Implemented by the store.
 */
@FunctionalInterface
@ProviderType
public interface ListenerRegistration extends AutoCloseable {

    /** Removes the listener. After it returns no new callback starts. */
    @Override
    void close();
}
