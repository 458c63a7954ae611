package org.tradebench.api.market;

import java.math.BigDecimal;

import org.tradebench.api.Decimals;

/**
 * The best bid and ask with their sizes.
 *
 * @param bid best bid price, &gt; 0
 * @param bidSize quantity at the best bid, &gt;= 0
 * @param ask best ask price, &gt; 0
 * @param askSize quantity at the best ask, &gt;= 0
 */
public record Quote(BigDecimal bid, BigDecimal bidSize, BigDecimal ask, BigDecimal askSize) {

    /** Validates and normalises. */
    public Quote {
        bid = Decimals.requirePositive(bid, "bid");
        bidSize = Decimals.requireNonNegative(bidSize, "bidSize");
        ask = Decimals.requirePositive(ask, "ask");
        askSize = Decimals.requireNonNegative(askSize, "askSize");
    }

    /**
     * The mid price.
     *
     * @return (bid + ask) / 2
     */
    public BigDecimal mid() {
        return Decimals.normalize(bid.add(ask).divide(BigDecimal.TWO));
    }

    /**
     * The spread (negative when the quote is crossed).
     *
     * @return ask - bid
     */
    public BigDecimal spread() {
        return Decimals.normalize(ask.subtract(bid));
    }
}
