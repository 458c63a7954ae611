package org.tradebench.api;

import org.osgi.annotation.versioning.ProviderType;
import org.tradebench.api.health.DataHealth;

/**
 * A live stream. Closing it stops the callbacks; closing twice does nothing.
 *
 * <pre>{@code
 * try (Subscription s = connector.marketData().subscribeTicker(id, t -> latest = t)) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Implemented by connectors. Thread-safe: {@link #health()} and {@link #close()} may be called
 * from any thread, listener callbacks included.
 */
@ProviderType
public interface Subscription extends AutoCloseable {

    /**
     * The health of the data behind this subscription: live, stale, resynchronising, failed with a
     * cause, with the time of the last message and counters. Changes are also pushed to the
     * listener ({@link StreamListener#onHealth}).
     *
     * @return the current data health
     */
    DataHealth health();

    /**
     * Whether callbacks may still arrive.
     *
     * @return false once closed
     */
    boolean isActive();

    /** Stops the stream. Never throws. After it returns no new callback starts. */
    @Override
    void close();
}
