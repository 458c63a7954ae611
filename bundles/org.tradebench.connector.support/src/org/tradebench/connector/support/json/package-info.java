/**
 * Reading JSON frames as bytes, in place, without allocating: a cursor over a frame's bytes that
 * skips whitespace, reads integers and decimals as scaled {@code long} units (exactly as
 * {@link org.tradebench.core.book.ScaledDecimal} would), compares ASCII strings and skips values;
 * errors say what was expected and where.
 *
 * <p>Threading: a cursor belongs to one decoder, which belongs to one thread at a time.
 */
package org.tradebench.connector.support.json;
