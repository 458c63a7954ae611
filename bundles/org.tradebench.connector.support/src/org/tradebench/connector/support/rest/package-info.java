/**
 * REST in place of a stream that is down: {@link org.tradebench.connector.support.rest.RestFallback}
 * starts polling after a delay, stops when the stream is back, and keeps the session's health
 * truthful meanwhile.
 *
 * <p>Threading: use under the connector's runtime lock.
 */
package org.tradebench.connector.support.rest;
