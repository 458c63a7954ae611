/**
 * The connector toolkit: what every connector shares, so that a connector bundle is its protocol
 * and its adapters. {@link org.tradebench.connector.support.ConnectorRuntime} owns the threads (a
 * control thread for timers and requests, a delivery thread that calls listeners and completes
 * futures) and the lock under which frames are processed on the network reader.
 */
package org.tradebench.connector.support;
