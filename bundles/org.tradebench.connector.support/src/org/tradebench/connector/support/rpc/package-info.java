/**
 * Request/reply correlation by id with timeouts: every future completes, on the delivery thread,
 * with the reply, the timeout's value or the disconnect's value.
 *
 * <p>Threading: use under the connector's runtime lock.
 */
package org.tradebench.connector.support.rpc;
