/**
 * Health of a connector's sessions: {@link org.tradebench.connector.support.health.HealthModel}
 * turns the facts its sessions report (open, lost, stale, maintenance, REST fallback, failed,
 * latency, message rate) into the API's connection and session health, for the connector and for
 * each trading account.
 *
 * <p>Threading: facts are set under the connector's runtime lock; values are read from any thread;
 * listeners run on the delivery thread.
 */
package org.tradebench.connector.support.health;
