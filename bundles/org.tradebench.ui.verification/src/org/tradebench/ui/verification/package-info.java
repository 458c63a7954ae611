/**
 * The Verification view and perspective: run the verification tool against a running connector
 * as an Eclipse job with live counters, read the verdict table, export the reports, re-open past
 * ones.
 */
package org.tradebench.ui.verification;
