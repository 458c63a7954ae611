/**
 * Helpers shared by the core tests (this fragment's own package; the tests themselves live in the
 * packages they test so they can reach package-private seams).
 *
 * <p>Single-threaded test code; parameters are non-null.
 */
package org.tradebench.core.tests;
