package org.tradebench.api.market;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.tradebench.api.instrument.InstrumentId;

/**
 * Changed levels: each level replaces the quantity at its price, a quantity of zero removes it.
 *
 * @param instrument the instrument
 * @param sequence sequence number
 * @param time exchange time
 * @param received local receive time
 * @param bids changed bid levels
 * @param asks changed ask levels
 */
public record BookDelta(InstrumentId instrument, long sequence, Instant time, Instant received,
        List<BookLevel> bids, List<BookLevel> asks) implements BookEvent {

    /** Validates and copies. */
    public BookDelta {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(received, "received");
        bids = BookLevel.copy(bids, "bids");
        asks = BookLevel.copy(asks, "asks");
    }
}
