/**
 * Book synchronisers: the exchanges' rules for keeping a local book equal to theirs, over
 * {@code org.tradebench.core}'s {@link org.tradebench.core.book.OrderBook} (the product's one book
 * implementation), each one a state machine that applies what is valid, buffers what comes before
 * a snapshot, and resets (with the reason) on what it cannot repair.
 *
 * <p>The update-id family ({@link org.tradebench.connector.support.book.UpdateIdBookSync}: Binance
 * spot and futures, Backpack, Bluefin) joins a REST snapshot to numbered diffs and asks for a new
 * snapshot through a {@link org.tradebench.connector.support.book.SnapshotRequester} after a gap.
 *
 * <p>Threading: a synchroniser and its {@link org.tradebench.connector.support.book.BookTarget}
 * belong to one thread at a time (the socket's reader, under the connector's lock). Nothing here
 * allocates per update once buffers have grown.
 *
 * <p>Nulls: parameters are non-null; nothing returns null.
 */
package org.tradebench.connector.support.book;
