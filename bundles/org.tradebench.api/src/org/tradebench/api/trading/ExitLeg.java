package org.tradebench.api.trading;

import java.math.BigDecimal;
import java.util.Objects;

import org.tradebench.api.Decimals;

/**
 * A take-profit or stop-loss attached to an entry order: a trigger price, the price it watches, and
 * an optional limit price (without one the exit is a market order when triggered). The exit is
 * sized by the entry's fills: each fill of the entry, partial fills included, is protected.
 *
 * <pre>{@code
 * OrderRequest entry = OrderRequest.limit("c-1", btc, Side.BUY, qty, price)
 *         .withTakeProfit(ExitLeg.market(new BigDecimal("70000")))
 *         .withStopLoss(ExitLeg.market(new BigDecimal("62000")).triggeredBy(TriggerSource.MARK));
 * }</pre>
 *
 * @param triggerPrice the trigger price, &gt; 0
 * @param limitPrice the limit price once triggered, nullable for a market exit
 * @param triggerSource which price triggers it
 */
public record ExitLeg(BigDecimal triggerPrice, BigDecimal limitPrice, TriggerSource triggerSource) {

    /** Validates and normalises. */
    public ExitLeg {
        triggerPrice = Decimals.requirePositive(triggerPrice, "exit trigger price");
        limitPrice = limitPrice == null ? null : Decimals.requirePositive(limitPrice, "exit limit price");
        Objects.requireNonNull(triggerSource, "triggerSource");
    }

    /**
     * A market exit triggered by the last price.
     *
     * @param triggerPrice the trigger
     * @return the leg
     */
    public static ExitLeg market(BigDecimal triggerPrice) {
        return new ExitLeg(triggerPrice, null, TriggerSource.LAST);
    }

    /**
     * A limit exit triggered by the last price.
     *
     * @param triggerPrice the trigger
     * @param limitPrice the limit once triggered
     * @return the leg
     */
    public static ExitLeg limit(BigDecimal triggerPrice, BigDecimal limitPrice) {
        return new ExitLeg(triggerPrice, limitPrice, TriggerSource.LAST);
    }

    /**
     * The same leg watching another price.
     *
     * @param source the price it watches
     * @return a new leg
     */
    public ExitLeg triggeredBy(TriggerSource source) {
        return new ExitLeg(triggerPrice, limitPrice, source);
    }
}
