package org.tradebench.connector.bitfinex.internal.protocol;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A liquidation from the {@code status} channel with key {@code liq:global}:
 * {@code ["pos",POS_ID,MTS,_,SYMBOL,AMOUNT,BASE_PRICE,_,IS_MATCH,IS_MARKET_SOLD,_,PRICE_ACQUIRED]}.
 * AMOUNT is the liquidated position (positive long, negative short); IS_MATCH 0 is the trigger,
 * 1 the execution.
 *
 * @param positionId the position
 * @param time exchange time, epoch ms
 * @param symbol the raw symbol, for example {@code tBTCF0:USTF0}
 * @param amount the position's signed amount
 * @param basePrice the position's entry price, nullable
 * @param match whether this is the execution (IS_MATCH 1) rather than the trigger
 * @param marketSold whether it was sold into the market rather than acquired by the system
 * @param acquiredPrice the price it was taken over at, nullable
 */
public record BitfinexLiquidation(long positionId, long time, String symbol, BigDecimal amount, BigDecimal basePrice,
        boolean match, boolean marketSold, BigDecimal acquiredPrice) {

    /** Validates. */
    public BitfinexLiquidation {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(amount, "amount");
    }
}
