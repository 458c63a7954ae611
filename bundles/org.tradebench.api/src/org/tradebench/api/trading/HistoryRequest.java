package org.tradebench.api.trading;

import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.instrument.InstrumentId;

/**
 * A page of order or fill history: the newest {@code limit} entries in {@code [from, to)},
 * returned oldest first. Page back with {@code to} set to the oldest time received.
 *
 * <pre>{@code
 * account.fills(new HistoryRequest(btc, null, null, 500));
 * }</pre>
 *
 * @param instrument one instrument, nullable for all
 * @param from earliest time (inclusive), nullable
 * @param to latest time (exclusive), nullable for now
 * @param limit most entries, 1 to 10,000
 */
public record HistoryRequest(InstrumentId instrument, Instant from, Instant to, int limit) {

    /** Validates. */
    public HistoryRequest {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("history limit must be 1..10000, was " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("history range is empty: from " + from + " to " + to);
        }
    }

    /**
     * The newest entries of one instrument.
     *
     * @param instrument the instrument
     * @param limit most entries
     * @return the request
     */
    public static HistoryRequest latest(InstrumentId instrument, int limit) {
        return new HistoryRequest(Objects.requireNonNull(instrument, "instrument"), null, null, limit);
    }
}
