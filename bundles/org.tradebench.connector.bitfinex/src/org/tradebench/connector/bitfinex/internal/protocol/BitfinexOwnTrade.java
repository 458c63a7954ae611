package org.tradebench.connector.bitfinex.internal.protocol;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One of the user's own executions ({@code te}/{@code tu} on the account channel):
 * {@code [ID,SYMBOL,MTS_CREATE,ORDER_ID,EXEC_AMOUNT,EXEC_PRICE,ORDER_TYPE,ORDER_PRICE,MAKER,FEE,
 * FEE_CURRENCY,CID]}. {@code te} arrives first without the fee; {@code tu} repeats it with the fee.
 *
 * @param id the trade id
 * @param symbol the raw symbol
 * @param time execution time, epoch milliseconds
 * @param orderId the order id
 * @param amount signed executed amount (positive buy)
 * @param price execution price
 * @param orderType the order type, nullable
 * @param orderPrice the order price, nullable
 * @param maker true when the order provided liquidity (MAKER 1), false for taker (-1)
 * @param fee fee, negative when charged; nullable on {@code te}
 * @param feeCurrency fee currency, nullable on {@code te}
 * @param clientOrderId client order id, nullable
 */
public record BitfinexOwnTrade(long id, String symbol, long time, long orderId, BigDecimal amount, BigDecimal price,
        String orderType, BigDecimal orderPrice, boolean maker, BigDecimal fee, String feeCurrency,
        Long clientOrderId) {

    /** Validates. */
    public BitfinexOwnTrade {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(price, "price");
    }
}
