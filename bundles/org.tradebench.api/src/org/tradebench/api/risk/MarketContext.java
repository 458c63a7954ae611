package org.tradebench.api.risk;

import java.math.BigDecimal;

import org.tradebench.api.Decimals;

/**
 * The market and account an order is checked against.
 *
 * @param bid best bid, nullable when unknown
 * @param ask best ask, nullable when unknown
 * @param last last trade price, nullable when unknown
 * @param availableQuote available balance in the quote (or settle) currency, nullable when unknown
 * @param openOrders working orders on the account now, -1 when unknown
 */
public record MarketContext(BigDecimal bid, BigDecimal ask, BigDecimal last, BigDecimal availableQuote,
        int openOrders) {

    /** Normalises. */
    public MarketContext {
        bid = Decimals.normalizeNullable(bid);
        ask = Decimals.normalizeNullable(ask);
        last = Decimals.normalizeNullable(last);
        availableQuote = Decimals.normalizeNullable(availableQuote);
        if (openOrders < -1) {
            throw new IllegalArgumentException("openOrders must be >= 0 or -1 (unknown), was " + openOrders);
        }
    }

    /**
     * A market context without account facts.
     *
     * @param bid best bid, nullable
     * @param ask best ask, nullable
     * @param last last price, nullable
     */
    public MarketContext(BigDecimal bid, BigDecimal ask, BigDecimal last) {
        this(bid, ask, last, null, -1);
    }

    /**
     * The reference price: the mid when both sides are known, else the last price.
     *
     * @return the reference price, or null when nothing is known
     */
    public BigDecimal reference() {
        if (bid != null && ask != null) {
            return Decimals.normalize(bid.add(ask).divide(BigDecimal.TWO));
        }
        return last;
    }
}
