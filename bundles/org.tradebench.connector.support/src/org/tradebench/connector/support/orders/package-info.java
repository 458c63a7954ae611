/**
 * What a connector remembers about its orders: {@link OrderRegistry} keeps the working orders by
 * client order id and exchange id, lets finished ones go after a bound (time and count) and keeps
 * a tombstone of each forgotten client order id so that a client order id is never sent twice.
 * Generic: no exchange types; the entry is whatever the connector tracks per order.
 *
 * <p>Threading: use under the connector's runtime lock. Nothing here is null-tolerant unless its
 * javadoc says so.
 */
package org.tradebench.connector.support.orders;
