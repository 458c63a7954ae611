package org.tradebench.api.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.Decimals;
import org.tradebench.api.instrument.InstrumentId;

/**
 * A forced liquidation on the exchange.
 *
 * @param instrument the instrument
 * @param time exchange time
 * @param received local receive time
 * @param side the side of the liquidation order (a long position is liquidated by a SELL)
 * @param price the liquidation order's price (or average fill price), &gt; 0
 * @param quantity the quantity, &gt; 0
 */
public record Liquidation(InstrumentId instrument, Instant time, Instant received, Side side, BigDecimal price,
        BigDecimal quantity) {

    /** Validates and normalises. */
    public Liquidation {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(side, "side");
        price = Decimals.requirePositive(price, "price");
        quantity = Decimals.requirePositive(quantity, "quantity");
    }
}
