package org.tradebench.connector.bitfinex.internal.protocol;

import java.math.BigDecimal;

/**
 * A derivatives status update from the {@code status} channel with key
 * {@code deriv:tBTCF0:USTF0}: {@code [MTS,_,DERIV_PRICE,SPOT_PRICE,_,INSURANCE_FUND_BALANCE,_,
 * NEXT_FUNDING_EVT_TIMESTAMP_MS,NEXT_FUNDING_ACCRUED,NEXT_FUNDING_STEP,_,CURRENT_FUNDING,_,_,
 * MARK_PRICE,_,_,OPEN_INTEREST,_,_,_,CLAMP_MIN,CLAMP_MAX]} (Bitfinex docs, "ws public status").
 * Every value is exact and nullable (placeholders and values the exchange does not have are null).
 *
 * @param time the exchange time, epoch ms
 * @param derivativePrice the last derivative price, nullable
 * @param spotPrice the spot (index) price, nullable
 * @param nextFunding the next funding event, epoch ms, or 0 when not given
 * @param currentFunding the current funding rate, nullable
 * @param markPrice the mark price, nullable
 * @param openInterest open interest, nullable
 */
public record BitfinexDerivativeStatus(long time, BigDecimal derivativePrice, BigDecimal spotPrice, long nextFunding,
        BigDecimal currentFunding, BigDecimal markPrice, BigDecimal openInterest) {
}
