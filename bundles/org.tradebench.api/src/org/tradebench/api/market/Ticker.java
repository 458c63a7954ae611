package org.tradebench.api.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.Decimals;
import org.tradebench.api.instrument.InstrumentId;

/**
 * Best bid and ask, last price and 24-hour statistics.
 *
 * <pre>{@code
 * Ticker t = ...;
 * BigDecimal mid = t.mid();
 * }</pre>
 *
 * @param instrument the instrument
 * @param time exchange time (receive time when the exchange gives none)
 * @param received local receive time
 * @param bid best bid price
 * @param bidSize quantity at the best bid
 * @param ask best ask price
 * @param askSize quantity at the best ask
 * @param last last traded price
 * @param volume 24-hour volume in the base currency
 * @param high 24-hour high, nullable
 * @param low 24-hour low, nullable
 * @param change 24-hour absolute change, nullable
 * @param changeRatio 24-hour relative change (0.01 = 1%), nullable
 */
public record Ticker(InstrumentId instrument, Instant time, Instant received, BigDecimal bid, BigDecimal bidSize,
        BigDecimal ask, BigDecimal askSize, BigDecimal last, BigDecimal volume, BigDecimal high, BigDecimal low,
        BigDecimal change, BigDecimal changeRatio) {

    /** Validates and normalises. */
    public Ticker {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(received, "received");
        bid = Decimals.normalize(bid);
        bidSize = Decimals.requireNonNegative(bidSize, "bidSize");
        ask = Decimals.normalize(ask);
        askSize = Decimals.requireNonNegative(askSize, "askSize");
        last = Decimals.normalize(last);
        volume = Decimals.requireNonNegative(volume, "volume");
        high = Decimals.normalizeNullable(high);
        low = Decimals.normalizeNullable(low);
        change = Decimals.normalizeNullable(change);
        changeRatio = Decimals.normalizeNullable(changeRatio);
    }

    /**
     * The mid price.
     *
     * @return (bid + ask) / 2
     */
    public BigDecimal mid() {
        return Decimals.normalize(bid.add(ask).divide(BigDecimal.TWO));
    }

    /**
     * The spread.
     *
     * @return ask - bid
     */
    public BigDecimal spread() {
        return Decimals.normalize(ask.subtract(bid));
    }
}
