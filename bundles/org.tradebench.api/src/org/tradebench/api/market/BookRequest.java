package org.tradebench.api.market;

import java.time.Duration;
import java.util.Objects;

import org.tradebench.api.instrument.InstrumentId;

/**
 * What book to stream. {@link MarketData#bookOptions(InstrumentId)} says what the exchange offers;
 * the connector takes the nearest offer that is at least as good (the next larger depth, the
 * fastest interval not slower than asked).
 *
 * <pre>{@code
 * md.subscribeBook(new BookRequest(id, 25), update -> model.apply(update));
 * md.subscribeBook(new BookRequest(id, 100, false, BookGrouping.significantDigits(4), null), listener);
 * md.subscribeBook(BookRequest.perOrder(id, 250), listener);   // raw book, where offered
 * }</pre>
 *
 * @param instrument the instrument
 * @param depth levels per side wanted (the connector may round up to what the exchange offers)
 * @param perOrder true for a per-order (raw) book where the connector offers one
 * @param grouping how prices are grouped; {@link BookGrouping#NONE} for the finest book
 * @param updateInterval the slowest acceptable update interval, nullable for the fastest offered
 */
public record BookRequest(InstrumentId instrument, int depth, boolean perOrder, BookGrouping grouping,
        Duration updateInterval) {

    /** Validates. */
    public BookRequest {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(grouping, "grouping");
        if (depth < 1 || depth > 10_000) {
            throw new IllegalArgumentException("book depth must be 1..10000, was " + depth);
        }
        if (perOrder && grouping.kind() != BookGrouping.Kind.NONE) {
            throw new IllegalArgumentException("a per-order book is not grouped");
        }
        if (updateInterval != null && updateInterval.isNegative()) {
            throw new IllegalArgumentException("update interval must be >= 0, was " + updateInterval);
        }
    }

    /**
     * An aggregated, ungrouped book at the fastest interval.
     *
     * @param instrument the instrument
     * @param depth levels per side
     */
    public BookRequest(InstrumentId instrument, int depth) {
        this(instrument, depth, false, BookGrouping.NONE, null);
    }

    /**
     * A per-order (raw) book.
     *
     * @param instrument the instrument
     * @param depth orders per side
     * @return the request
     */
    public static BookRequest perOrder(InstrumentId instrument, int depth) {
        return new BookRequest(instrument, depth, true, BookGrouping.NONE, null);
    }

    /**
     * The same request with another grouping.
     *
     * @param newGrouping the grouping
     * @return a new request
     */
    public BookRequest withGrouping(BookGrouping newGrouping) {
        return new BookRequest(instrument, depth, perOrder, newGrouping, updateInterval);
    }

    /**
     * The same request with another update interval.
     *
     * @param interval the slowest acceptable interval, nullable for the fastest
     * @return a new request
     */
    public BookRequest withUpdateInterval(Duration interval) {
        return new BookRequest(instrument, depth, perOrder, grouping, interval);
    }
}
