/**
 * Server time: an estimate of the offset between the local clock and an exchange's, from
 * request/response samples, so signed requests carry timestamps the exchange accepts.
 *
 * <p>Threading: thread-safe. Nulls: none accepted, none returned.
 */
package org.tradebench.connector.support.time;
