package org.tradebench.connector.support.book;

import org.tradebench.core.book.OrderBook;

/**
 * How an exchange checksums its book, computed over the local book and the levels' wire texts.
 */
@FunctionalInterface
public interface BookChecksum {

    /**
     * The checksum of a book as the exchange computes it.
     *
     * @param book the book
     * @param texts the levels' wire texts (the book's tags point into it)
     * @return the checksum, as the exchange sends it
     */
    int checksum(OrderBook book, WireTextArena texts);
}
