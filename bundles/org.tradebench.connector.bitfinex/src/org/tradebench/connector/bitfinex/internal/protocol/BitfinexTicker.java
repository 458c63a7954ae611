package org.tradebench.connector.bitfinex.internal.protocol;

import java.math.BigDecimal;

/**
 * A trading-pair ticker:
 * {@code [BID,BID_SIZE,ASK,ASK_SIZE,DAILY_CHANGE,DAILY_CHANGE_RELATIVE,LAST_PRICE,VOLUME,HIGH,LOW]}.
 * Every value is exact (parsed from the wire text) and nullable: Bitfinex sends {@code null} for
 * values it does not have (a pair with no trades yet).
 *
 * <pre>{@code
 * // [2,[103950,12.5,103951,9.75,-1200,-0.0114,103950.5,1520.3,105500,102800]]
 * ticker.lastPrice(); // 103950.5
 * }</pre>
 *
 * @param bid best bid, nullable
 * @param bidSize sum of the 25 best bid sizes, nullable
 * @param ask best ask, nullable
 * @param askSize sum of the 25 best ask sizes, nullable
 * @param dailyChange change since 24 hours ago, nullable
 * @param dailyChangeRelative relative change (0.01 = 1%), nullable
 * @param lastPrice last trade price, nullable
 * @param volume 24-hour volume in the base currency, nullable
 * @param high 24-hour high, nullable
 * @param low 24-hour low, nullable
 */
public record BitfinexTicker(BigDecimal bid, BigDecimal bidSize, BigDecimal ask, BigDecimal askSize,
        BigDecimal dailyChange, BigDecimal dailyChangeRelative, BigDecimal lastPrice, BigDecimal volume,
        BigDecimal high, BigDecimal low) {
}
