/**
 * Connection and data health: every view shows it.
 *
 * <p>{@link ConnectionHealth} describes a connector's connection (state, cause, measured latency,
 * message rate); {@link DataHealth} describes one subscription's data (live or stale, when the last
 * message came, resets). Values are immutable. {@link HealthListener} callbacks run on a
 * connector thread and must not block. Components are non-null unless documented as nullable.
 */
package org.tradebench.api.health;
