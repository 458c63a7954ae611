package org.tradebench.api.health;

/**
 * Receives connection health changes. Runs on a connector thread; must not block.
 *
 * <p>Implemented by consumers.
 */
@FunctionalInterface
public interface HealthListener {
    /**
     * The health changed (or, on subscribing, the current value).
     *
     * @param health the new health
     */
    void onHealth(ConnectionHealth health);
}
