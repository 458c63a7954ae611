package org.tradebench.api.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.Decimals;
import org.tradebench.api.instrument.InstrumentId;

/**
 * Mark price, index price, funding and open interest of a derivative, as far as the exchange sends
 * them (absent parts are null).
 *
 * <pre>{@code
 * md.subscribeMarkPrice(perp, m -> {
 *     mark = m.markPrice();
 *     funding = m.fundingRate();        // 0.0001 = 0.01% per funding period
 * });
 * }</pre>
 *
 * @param instrument the instrument
 * @param time exchange time
 * @param received local receive time
 * @param markPrice mark price, nullable
 * @param indexPrice index (spot) price, nullable
 * @param fundingRate the current (or predicted next) funding rate, nullable
 * @param nextFunding when the next funding happens, nullable
 * @param openInterest open interest in base units, nullable
 */
public record MarkPrice(InstrumentId instrument, Instant time, Instant received, BigDecimal markPrice,
        BigDecimal indexPrice, BigDecimal fundingRate, Instant nextFunding, BigDecimal openInterest) {

    /** Validates and normalises. */
    public MarkPrice {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(received, "received");
        markPrice = markPrice == null ? null : Decimals.requirePositive(markPrice, "markPrice");
        indexPrice = indexPrice == null ? null : Decimals.requirePositive(indexPrice, "indexPrice");
        fundingRate = Decimals.normalizeNullable(fundingRate);
        openInterest = openInterest == null ? null : Decimals.requireNonNegative(openInterest, "openInterest");
        if (markPrice == null && indexPrice == null && fundingRate == null && openInterest == null) {
            throw new IllegalArgumentException("a mark price event of " + instrument + " carries nothing");
        }
    }
}
