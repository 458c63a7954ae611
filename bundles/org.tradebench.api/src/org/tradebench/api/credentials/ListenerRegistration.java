package org.tradebench.api.credentials;

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
public interface ListenerRegistration extends AutoCloseable {

    /** Removes the listener. After it returns no new callback starts. */
    @Override
    void close();
}
