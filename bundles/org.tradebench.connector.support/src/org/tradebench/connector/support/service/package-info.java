/**
 * A connector bundle's service lifecycle: when the workbench's connector of an exchange runs
 * (switched on by a setting or by stored keys), restarted when its stored keys change, on one serial
 * thread, without OSGi types (the bundle's DS component registers the service).
 *
 * <p>Threading: thread-safe. Nulls: none accepted unless a parameter says so.
 */
package org.tradebench.connector.support.service;
