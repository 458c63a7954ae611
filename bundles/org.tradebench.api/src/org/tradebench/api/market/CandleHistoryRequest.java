package org.tradebench.api.market;

import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.instrument.InstrumentId;

/**
 * Closed candles in a time range, for back-filling a chart page by page: ask for {@code limit}
 * candles ending before {@code to}, then again with {@code to} set to the oldest start received.
 *
 * <pre>{@code
 * List<Candle> page = md.candleHistory(CandleHistoryRequest.before(btc, CandleInterval.M1, Instant.now(), 500))
 *         .toCompletableFuture().join();
 * Instant older = page.get(0).start();     // next page: before(btc, M1, older, 500)
 * }</pre>
 *
 * @param instrument the instrument
 * @param interval the interval
 * @param from earliest bucket start (inclusive), nullable for "as far back as limit allows"
 * @param to latest bucket end (exclusive), nullable for now
 * @param limit most candles returned, 1 to 10,000; when more fall in the range, the newest are
 *        returned
 */
public record CandleHistoryRequest(InstrumentId instrument, CandleInterval interval, Instant from, Instant to,
        int limit) {

    /** Validates. */
    public CandleHistoryRequest {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(interval, "interval");
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("candle history limit must be 1..10000, was " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("candle history range is empty: from " + from + " to " + to);
        }
    }

    /**
     * The newest {@code limit} closed candles ending at or before a time.
     *
     * @param instrument the instrument
     * @param interval the interval
     * @param to the end (exclusive), nullable for now
     * @param limit most candles
     * @return the request
     */
    public static CandleHistoryRequest before(InstrumentId instrument, CandleInterval interval, Instant to, int limit) {
        return new CandleHistoryRequest(instrument, interval, null, to, limit);
    }
}
