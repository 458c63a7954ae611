/**
 * Connection and data health: every view shows it.
 *
 * <p>{@link ConnectionHealth} describes a connector's connections as a whole and, in
 * {@link ConnectionHealth#sessions()}, each session on its own ({@link SessionHealth}: market
 * data, trading, account stream), so that a view can say "market data live, order entry down".
 * {@link DataHealth} describes one subscription's data (pending, live, stale, failed with the
 * exchange's text, ...). Values are immutable. {@link HealthListener} callbacks run on a connector
 * delivery thread and must not block. Components are non-null unless documented as nullable.
 */
@Version("0.2.0")
package org.tradebench.api.health;

import org.osgi.annotation.versioning.Version;
