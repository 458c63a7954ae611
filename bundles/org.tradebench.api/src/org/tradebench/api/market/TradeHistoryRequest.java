package org.tradebench.api.market;

import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.instrument.InstrumentId;

/**
 * Public trades before a time, newest first when paging back: the answer holds the newest
 * {@code limit} trades before {@code before}, oldest first.
 *
 * <pre>{@code
 * List<Trade> page = md.tradeHistory(new TradeHistoryRequest(btc, null, 1000)).toCompletableFuture().join();
 * Instant older = page.get(0).time();   // next page: new TradeHistoryRequest(btc, older, 1000)
 * }</pre>
 *
 * @param instrument the instrument
 * @param before the end (exclusive), nullable for now
 * @param limit most trades, 1 to 10,000
 */
public record TradeHistoryRequest(InstrumentId instrument, Instant before, int limit) {

    /** Validates. */
    public TradeHistoryRequest {
        Objects.requireNonNull(instrument, "instrument");
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("trade history limit must be 1..10000, was " + limit);
        }
    }
}
