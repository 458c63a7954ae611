package org.tradebench.api.market;

import java.time.Instant;

import org.tradebench.api.instrument.InstrumentId;

/**
 * An order book event: a full {@link BookSnapshot}, an incremental {@link BookDelta}, or a
 * {@link BookReset} saying the local book is no longer valid (a fresh snapshot follows).
 *
 * <pre>{@code
 * switch (event) {
 *     case BookSnapshot s -> book.applySnapshot(s);
 *     case BookDelta d -> book.applyDelta(d);
 *     case BookReset r -> book.clear(); // r.reason() says why; a snapshot follows
 * }
 * }</pre>
 */
public sealed interface BookEvent permits BookSnapshot, BookDelta, BookReset {

    /**
     * The instrument.
     *
     * @return the instrument id
     */
    InstrumentId instrument();

    /**
     * The sequence number: strictly increasing within one subscription between resets.
     *
     * @return the sequence number
     */
    long sequence();

    /**
     * Exchange time of the event (the receive time when the exchange gives none).
     *
     * @return the time
     */
    Instant time();

    /**
     * Local receive time.
     *
     * @return the time
     */
    Instant received();
}
