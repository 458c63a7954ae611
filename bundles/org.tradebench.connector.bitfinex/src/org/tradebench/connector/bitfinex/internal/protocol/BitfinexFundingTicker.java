package org.tradebench.connector.bitfinex.internal.protocol;

import java.math.BigDecimal;

/**
 * A funding-currency ticker:
 * {@code [FRR,BID,BID_PERIOD,BID_SIZE,ASK,ASK_PERIOD,ASK_SIZE,DAILY_CHANGE,DAILY_CHANGE_RELATIVE,
 * LAST_PRICE,VOLUME,HIGH,LOW,_,_,FRR_AMOUNT_AVAILABLE]}. Rates are daily rates. All values nullable.
 *
 * @param frr flash return rate, nullable
 * @param bid best bid rate, nullable
 * @param bidPeriod bid period in days, nullable
 * @param bidSize bid size, nullable
 * @param ask best ask rate, nullable
 * @param askPeriod ask period in days, nullable
 * @param askSize ask size, nullable
 * @param dailyChange change since 24 hours ago, nullable
 * @param dailyChangeRelative relative change, nullable
 * @param lastPrice last rate, nullable
 * @param volume 24-hour volume, nullable
 * @param high 24-hour high, nullable
 * @param low 24-hour low, nullable
 * @param frrAmountAvailable amount available at the FRR, nullable
 */
public record BitfinexFundingTicker(BigDecimal frr, BigDecimal bid, Integer bidPeriod, BigDecimal bidSize,
        BigDecimal ask, Integer askPeriod, BigDecimal askSize, BigDecimal dailyChange, BigDecimal dailyChangeRelative,
        BigDecimal lastPrice, BigDecimal volume, BigDecimal high, BigDecimal low, BigDecimal frrAmountAvailable) {
}
