package org.tradebench.connector.bitfinex.internal.protocol;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order from the account channel ({@code os}/{@code on}/{@code ou}/{@code oc}) or an order
 * notification: the 32-field array {@code [ID,GID,CID,SYMBOL,MTS_CREATE,MTS_UPDATE,AMOUNT,
 * AMOUNT_ORIG,ORDER_TYPE,TYPE_PREV,MTS_TIF,_,FLAGS,ORDER_STATUS,_,_,PRICE,PRICE_AVG,
 * PRICE_TRAILING,PRICE_AUX_LIMIT,...]}.
 *
 * <pre>{@code
 * order.status();          // "PARTIALLY FILLED @ 103950.5(0.1)"
 * order.amount();          // remaining, signed: 0.4 of a 0.5 buy
 * }</pre>
 *
 * @param id the exchange's order id
 * @param groupId the group id, nullable
 * @param clientOrderId the client order id, nullable
 * @param symbol the raw symbol, for example {@code tBTCUSD}
 * @param created creation time, epoch milliseconds
 * @param updated last update time, epoch milliseconds
 * @param amount remaining amount, signed (positive buy)
 * @param originalAmount original amount, signed
 * @param type order type, for example {@code EXCHANGE LIMIT}
 * @param previousType previous order type, nullable
 * @param flags order flags (hidden 64, close 512, reduce-only 1024, post-only 4096, OCO 16384)
 * @param status status text, for example {@code ACTIVE}, {@code EXECUTED @ 107.6(-0.2)}
 * @param price price, nullable for market orders
 * @param averagePrice average fill price, nullable
 * @param trailingPrice trailing price, nullable
 * @param auxLimitPrice auxiliary limit price (stop-limit), nullable
 */
public record BitfinexOrder(long id, Long groupId, Long clientOrderId, String symbol, long created, long updated,
        BigDecimal amount, BigDecimal originalAmount, String type, String previousType, int flags, String status,
        BigDecimal price, BigDecimal averagePrice, BigDecimal trailingPrice, BigDecimal auxLimitPrice) {

    /** Validates. */
    public BitfinexOrder {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(originalAmount, "originalAmount");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }
}
