package org.tradebench.api.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.Decimals;
import org.tradebench.api.instrument.InstrumentId;

/**
 * One OHLCV candle. A candle that is still forming has {@code closed == false} and may be sent
 * again with new values; the final version has {@code closed == true}.
 *
 * @param instrument the instrument
 * @param interval the candle interval
 * @param start the bucket start (aligned, see {@link CandleInterval#bucketStart(Instant)})
 * @param open first price
 * @param high highest price
 * @param low lowest price
 * @param close last price
 * @param volume traded base quantity, &gt;= 0
 * @param trades number of trades, or -1 when the exchange does not say
 * @param closed whether the bucket is over
 */
public record Candle(InstrumentId instrument, CandleInterval interval, Instant start, BigDecimal open,
        BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume, long trades, boolean closed) {

    /** Validates and normalises: low &lt;= open, close &lt;= high. */
    public Candle {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(start, "start");
        open = Decimals.normalize(open);
        high = Decimals.normalize(high);
        low = Decimals.normalize(low);
        close = Decimals.normalize(close);
        volume = Decimals.requireNonNegative(volume, "volume");
        if (high.compareTo(low) < 0 || open.compareTo(high) > 0 || open.compareTo(low) < 0
                || close.compareTo(high) > 0 || close.compareTo(low) < 0) {
            throw new IllegalArgumentException("candle " + instrument + " " + interval + " at " + start
                    + " is inconsistent: open " + open + " high " + high + " low " + low + " close " + close);
        }
    }

    /**
     * The end of the bucket (exclusive).
     *
     * @return start + interval
     */
    public Instant end() {
        return start.plus(interval.duration());
    }
}
