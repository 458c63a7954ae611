/**
 * Unit tests of the API bundle as a consumer sees it (this is a plain bundle importing the API
 * packages, not a fragment): validation and normalisation of the value records, price precision,
 * the order state machine, the book update contract (over a minimal {@code OrderBookView} and
 * {@code BookUpdate} written here, so the tests need nothing but the API), and the bundle's own
 * manifest (nothing but java.base at runtime).
 *
 * <p>Tests run single-threaded on the surefire thread; values built here are non-null unless a
 * test passes null on purpose.
 */
package org.tradebench.api.tests;
