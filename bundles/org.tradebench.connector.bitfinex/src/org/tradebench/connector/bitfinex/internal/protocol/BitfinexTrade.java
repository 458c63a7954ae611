package org.tradebench.connector.bitfinex.internal.protocol;

import java.math.BigDecimal;
import java.util.Objects;

import org.tradebench.api.market.Side;

/**
 * A public trade: trading {@code [ID,MTS,AMOUNT,PRICE]}, funding {@code [ID,MTS,AMOUNT,RATE,PERIOD]}.
 * The sign of AMOUNT is the taker's side.
 *
 * <pre>{@code
 * // [3,"te",[1597842012,1737972930123,-0.25,103950.5]]
 * trade.takerSide(); // SELL
 * trade.quantity();  // 0.25
 * }</pre>
 *
 * @param id the trade id
 * @param time exchange time, epoch milliseconds
 * @param amount signed amount: positive when the taker bought
 * @param price the price (funding: the rate)
 * @param period funding period in days, -1 for trading pairs
 */
public record BitfinexTrade(long id, long time, BigDecimal amount, BigDecimal price, int period) {

    /** Validates. */
    public BitfinexTrade {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(price, "price");
    }

    /**
     * The taker's side.
     *
     * @return BUY when AMOUNT &gt; 0
     */
    public Side takerSide() {
        return amount.signum() > 0 ? Side.BUY : Side.SELL;
    }

    /**
     * The traded quantity.
     *
     * @return |AMOUNT|
     */
    public BigDecimal quantity() {
        return amount.abs();
    }
}
