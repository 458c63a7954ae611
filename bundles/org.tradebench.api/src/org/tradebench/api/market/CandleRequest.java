package org.tradebench.api.market;

import java.util.Objects;

import org.tradebench.api.instrument.InstrumentId;

/**
 * What candles to stream, and how much history to deliver first.
 *
 * @param instrument the instrument
 * @param interval the candle interval
 * @param history how many closed candles to deliver before live ones (0 for none)
 */
public record CandleRequest(InstrumentId instrument, CandleInterval interval, int history) {

    /** Validates. */
    public CandleRequest {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(interval, "interval");
        if (history < 0 || history > 10_000) {
            throw new IllegalArgumentException("candle history must be 0..10000, was " + history);
        }
    }
}
