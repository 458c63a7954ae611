/**
 * Shared, reference-counted streams and the subscriptions that deliver them: one exchange stream per
 * distinct request however many listeners share it, a mailbox per subscription drained by the
 * connector's delivery thread. Books and latest values conflate for a slow listener (a book as
 * merged deltas, never a skipped change), events (trades, orders, fills) queue and are never
 * dropped.
 *
 * <p>Threading: streams change under the connector's runtime lock; subscriptions are closed from any
 * thread; listeners are called on the delivery thread, one at a time per subscription, in order.
 */
package org.tradebench.connector.support.stream;
