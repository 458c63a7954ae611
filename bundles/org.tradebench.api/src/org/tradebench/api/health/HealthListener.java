package org.tradebench.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives connection health changes. Runs on a connector delivery thread; must not block.
 *
 * <p>Implemented by consumers.
 */
@FunctionalInterface
@ConsumerType
public interface HealthListener {
    /**
     * The health changed (or, on subscribing, the current value).
     *
     * @param health the new health
     */
    void onHealth(ConnectionHealth health);
}
