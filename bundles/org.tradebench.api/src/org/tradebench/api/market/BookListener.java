package org.tradebench.api.market;

/**
 * Receives book events: a snapshot, deltas, and a reset followed by a new snapshot when the book
 * had to be rebuilt. Runs on a connector thread; must not block.
 *
 * <p>Implemented by consumers.
 */
@FunctionalInterface
public interface BookListener {
    /**
     * A book event.
     *
     * @param event snapshot, delta or reset
     */
    void onBook(BookEvent event);
}
