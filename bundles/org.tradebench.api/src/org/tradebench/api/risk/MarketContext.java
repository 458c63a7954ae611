package org.tradebench.api.risk;

import java.math.BigDecimal;

import org.tradebench.api.Decimals;

/**
 * The market an order is checked against.
 *
 * @param bid best bid, nullable when unknown
 * @param ask best ask, nullable when unknown
 * @param last last trade price, nullable when unknown
 */
public record MarketContext(BigDecimal bid, BigDecimal ask, BigDecimal last) {

    /** Normalises. */
    public MarketContext {
        bid = Decimals.normalizeNullable(bid);
        ask = Decimals.normalizeNullable(ask);
        last = Decimals.normalizeNullable(last);
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
