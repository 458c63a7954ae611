/**
 * Reconciling an account's REST snapshots with its stream: which news is newer.
 *
 * <p>Threading: each type says. Nulls: none accepted, none returned.
 */
package org.tradebench.connector.support.reconcile;
