package org.tradebench.api.market;

import java.math.BigDecimal;

import org.tradebench.api.Decimals;

/**
 * Statistics over the last 24 hours (rolling or since the exchange's day start, as the exchange
 * computes them). Any component the exchange does not give is null.
 *
 * @param volume traded base quantity, &gt;= 0, nullable
 * @param quoteVolume traded quote quantity, &gt;= 0, nullable
 * @param high highest price, nullable
 * @param low lowest price, nullable
 * @param open the price 24 hours ago, nullable
 * @param change absolute change, nullable
 * @param changeRatio relative change (0.01 = 1%), nullable
 */
public record DayStats(BigDecimal volume, BigDecimal quoteVolume, BigDecimal high, BigDecimal low, BigDecimal open,
        BigDecimal change, BigDecimal changeRatio) {

    /** Validates and normalises. */
    public DayStats {
        volume = volume == null ? null : Decimals.requireNonNegative(volume, "volume");
        quoteVolume = quoteVolume == null ? null : Decimals.requireNonNegative(quoteVolume, "quoteVolume");
        high = Decimals.normalizeNullable(high);
        low = Decimals.normalizeNullable(low);
        open = Decimals.normalizeNullable(open);
        change = Decimals.normalizeNullable(change);
        changeRatio = Decimals.normalizeNullable(changeRatio);
    }
}
