package org.tradebench.connector.support.book;

import org.tradebench.core.book.OrderBook;

/**
 * Where a book synchroniser puts what it verified: the master {@link OrderBook} it applies levels
 * to, and the two outcomes a subscriber needs to hear about. The connector toolkit's book stream
 * implements it (and publishes to every subscription); tests implement it to compare the book with
 * a reference.
 *
 * <pre>{@code
 * BookTarget target = stream;                       // a BookStream
 * UpdateIdBookSync sync = new BinanceSpotBookSync(target, snapshots);
 * sync.beginDiff(U, u, UpdateIdBookSync.NO_UPDATE_ID, eventTime, receivedMillis, receivedNanos);
 * sync.level(Side.BUY, priceUnits, sizeUnits);      // applied or buffered
 * sync.endDiff();                                   // committed() when the book is valid
 * }</pre>
 *
 * <p>All calls come from the one thread that owns the synchroniser (or under its owner's lock).
 * The book belongs to the synchroniser: others read it after {@link #committed} and until the next
 * call into the synchroniser, and never write it. Between a {@link #reset} and the next
 * {@code committed} it is empty or half-built and must not be published.
 */
public interface BookTarget {

    /**
     * The master book levels are applied to.
     *
     * @return the book
     */
    OrderBook book();

    /**
     * The book changed and is valid: subscribers may see it. An update-id synchroniser calls it
     * once per applied live diff, and once when a snapshot (with the buffered diffs replayed onto
     * it) makes the book valid.
     *
     * @param exchangeTimeMillis the exchange time of the newest change (the receive time when the
     *        exchange gives none)
     * @param receivedMillis when the newest frame arrived, epoch milliseconds
     * @param receivedNanos when it arrived, {@link System#nanoTime()}
     */
    void committed(long exchangeTimeMillis, long receivedMillis, long receivedNanos);

    /**
     * The book is no longer valid (a gap, a checksum mismatch, a reconnect): it was cleared, and a
     * fresh snapshot will follow. Called once per loss; subscribers receive a reset with the
     * reason.
     *
     * @param reason for people, for example {@code BookReset.SEQUENCE_GAP}
     */
    void reset(String reason);
}
