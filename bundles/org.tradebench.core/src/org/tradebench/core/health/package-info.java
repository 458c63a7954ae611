/**
 * Health measurements behind {@link org.tradebench.api.health.ConnectionHealth} and
 * {@link org.tradebench.api.health.DataHealth}: {@link org.tradebench.core.health.RateMeter}
 * measures message rates over a sliding window without allocating per message.
 *
 * <p>Threading: every type in this package is thread-safe unless its documentation says otherwise;
 * a connector's socket thread marks, a health or UI thread reads.
 *
 * <p>Nulls: parameters are non-null; no method returns null.
 */
package org.tradebench.core.health;
