package org.tradebench.api.market;

import java.util.Objects;

import org.tradebench.api.instrument.InstrumentId;

/**
 * What book to stream.
 *
 * <pre>{@code
 * connector.marketData().subscribeBook(new BookRequest(id, 25), event -> model.apply(event));
 * }</pre>
 *
 * @param instrument the instrument
 * @param depth levels per side wanted (the connector may round up to what the exchange offers)
 * @param raw true for a per-order book where the connector offers one
 */
public record BookRequest(InstrumentId instrument, int depth, boolean raw) {

    /** Validates. */
    public BookRequest {
        Objects.requireNonNull(instrument, "instrument");
        if (depth < 1 || depth > 10_000) {
            throw new IllegalArgumentException("book depth must be 1..10000, was " + depth);
        }
    }

    /**
     * An aggregated book request.
     *
     * @param instrument the instrument
     * @param depth levels per side
     */
    public BookRequest(InstrumentId instrument, int depth) {
        this(instrument, depth, false);
    }
}
