/**
 * Book synchronisers: the exchanges' rules for keeping a local book equal to theirs, over
 * {@code org.tradebench.core}'s {@link org.tradebench.core.book.OrderBook} (the product's one book
 * implementation), each one a state machine that applies what is valid, buffers what comes before
 * a snapshot, and resets (with the reason) on what it cannot repair.
 *
 * <p>Threading: a synchroniser and its {@link org.tradebench.connector.support.book.BookTarget}
 * belong to one thread at a time (the socket's reader, under the connector's lock). Nothing here
 * allocates per update once buffers have grown.
 */
package org.tradebench.connector.support.book;
