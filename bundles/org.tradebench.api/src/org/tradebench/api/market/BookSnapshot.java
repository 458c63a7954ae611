package org.tradebench.api.market;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.tradebench.api.instrument.InstrumentId;

/**
 * The full book (up to the subscribed depth). Bids best (highest) first, asks best (lowest) first.
 *
 * @param instrument the instrument
 * @param sequence sequence number
 * @param time exchange time
 * @param received local receive time
 * @param bids bid levels, descending by price
 * @param asks ask levels, ascending by price
 */
public record BookSnapshot(InstrumentId instrument, long sequence, Instant time, Instant received,
        List<BookLevel> bids, List<BookLevel> asks) implements BookEvent {

    /** Validates and copies. */
    public BookSnapshot {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(received, "received");
        bids = BookLevel.copy(bids, "bids");
        asks = BookLevel.copy(asks, "asks");
    }
}
