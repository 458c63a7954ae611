package org.tradebench.api.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.tradebench.api.Decimals;
import org.tradebench.api.instrument.InstrumentId;

/**
 * One change of a subscribed order book, as the listener receives it: a {@link Kind#SNAPSHOT}
 * (the whole book), a {@link Kind#DELTA} (changed levels; a size of 0 removes a level) or a
 * {@link Kind#RESET} (the book is no longer valid; a fresh snapshot follows). The update also
 * gives the whole book as it is after the change ({@link #book()}).
 *
 * <p>An update is a view over the connector's buffers, valid during the callback only: reading it
 * allocates nothing, which is what lets a busy book reach a listener without garbage. Copy what
 * you keep, or take an immutable {@link BookEvent} with {@link #toEvent()} (which allocates).
 *
 * <pre>{@code
 * Subscription s = md.subscribeBook(new BookRequest(btc, 25), update -> {
 *     switch (update.kind()) {
 *         case RESET -> showResyncing(update.resetReason());
 *         default -> copyTop(update.book());               // levels, best first, as long units
 *     }
 * });
 * // or, when allocation does not matter:
 * md.subscribeBook(new BookRequest(btc, 25), BookListener.ofEvents(events::add));
 * }</pre>
 *
 * <p>Sequence numbers are the subscription's own: strictly increasing over its whole life, across
 * resets. Implemented by connectors (the connector toolkit).
 */
@ProviderType
public interface BookUpdate {

    /** What an update is. */
    enum Kind {
        /** The whole book; the levels are the book's levels. */
        SNAPSHOT,
        /** Changed levels; a size of 0 removes a level. */
        DELTA,
        /** The book is invalid and empty; {@link BookUpdate#resetReason()} says why. */
        RESET
    }

    /**
     * The instrument.
     *
     * @return the instrument id
     */
    InstrumentId instrument();

    /**
     * What this update is.
     *
     * @return snapshot, delta or reset
     */
    Kind kind();

    /**
     * The subscription's sequence number of this update.
     *
     * @return the sequence, strictly increasing
     */
    long sequence();

    /**
     * Exchange time of the newest change in this update, in epoch milliseconds (the receive time
     * when the exchange gives none).
     *
     * @return epoch milliseconds
     */
    long timeMillis();

    /**
     * When the newest frame in this update arrived, in epoch milliseconds.
     *
     * @return epoch milliseconds
     */
    long receivedMillis();

    /**
     * When the newest frame in this update arrived, as {@link System#nanoTime()}: subtract it from
     * {@code System.nanoTime()} in the listener to measure frame-to-listener latency.
     *
     * @return a {@code System.nanoTime()} value
     */
    long receivedNanoTime();

    /**
     * Why the book was reset.
     *
     * @return for example {@link BookReset#CHECKSUM_MISMATCH}; null unless {@link Kind#RESET}
     */
    String resetReason();

    /**
     * Levels in this update on a side: the changed levels of a delta, every level of a snapshot,
     * none for a reset.
     *
     * @param side the side
     * @return the count
     */
    int changes(Side side);

    /**
     * A changed level's price.
     *
     * @param side the side
     * @param index 0 to {@code changes(side) - 1}, best price first (in a per-order book, the
     *        removals first, so that a moved order applied in order lands at its new price)
     * @return price units ({@link OrderBookView#priceScale()})
     */
    long changePrice(Side side, int index);

    /**
     * A changed level's new size.
     *
     * @param side the side
     * @param index the change
     * @return size units; 0 removes the level (or, in a per-order book, the order)
     */
    long changeSize(Side side, int index);

    /**
     * A changed level's order count.
     *
     * @param side the side
     * @param index the change
     * @return the count, or -1 when the exchange does not say
     */
    int changeOrderCount(Side side, int index);

    /**
     * A changed order's id in a per-order book.
     *
     * @param side the side
     * @param index the change
     * @return the order id, or 0 for an aggregated book
     */
    long changeOrderId(Side side, int index);

    /**
     * The whole book after this update (empty after a reset).
     *
     * @return a view valid during the callback
     */
    OrderBookView book();

    /**
     * Exchange time as an instant (allocates).
     *
     * @return the time
     */
    default Instant time() {
        return Instant.ofEpochMilli(timeMillis());
    }

    /**
     * Receive time as an instant (allocates).
     *
     * @return the time
     */
    default Instant received() {
        return Instant.ofEpochMilli(receivedMillis());
    }

    /**
     * An immutable copy of this update (allocates).
     *
     * @return a {@link BookSnapshot}, {@link BookDelta} or {@link BookReset}
     */
    default BookEvent toEvent() {
        return switch (kind()) {
            case RESET -> new BookReset(instrument(), sequence(), time(), received(), resetReason());
            case SNAPSHOT -> new BookSnapshot(instrument(), sequence(), time(), received(), changeList(Side.BUY),
                    changeList(Side.SELL));
            case DELTA -> new BookDelta(instrument(), sequence(), time(), received(), changeList(Side.BUY),
                    changeList(Side.SELL));
        };
    }

    private List<BookLevel> changeList(Side side) {
        int n = changes(side);
        int priceScale = book().priceScale();
        int sizeScale = book().sizeScale();
        boolean perOrder = book().perOrder();
        List<BookLevel> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new BookLevel(Decimals.normalize(BigDecimal.valueOf(changePrice(side, i), priceScale)),
                    Decimals.normalize(BigDecimal.valueOf(changeSize(side, i), sizeScale)),
                    perOrder ? Long.toString(changeOrderId(side, i)) : null, changeOrderCount(side, i)));
        }
        return out;
    }
}
