/**
 * The user's connection switches ({@link org.tradebench.api.ConnectionControl}) for a connector:
 * one {@link org.tradebench.connector.support.control.ConnectionSwitch} per connector, applied to
 * its sockets, its REST fallback and its health by targets the connector adds.
 *
 * <p>Threading: the switch may be called on any thread; targets run on the control thread under
 * the runtime lock.
 */
package org.tradebench.connector.support.control;
