package org.tradebench.api.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.tradebench.api.Decimals;
import org.tradebench.api.instrument.InstrumentId;

/**
 * A public trade.
 *
 * @param instrument the instrument
 * @param id the exchange's trade id (unique per instrument)
 * @param time exchange time
 * @param received local receive time
 * @param price trade price, &gt; 0
 * @param quantity traded quantity, &gt; 0
 * @param takerSide the side of the taker (aggressor)
 */
public record Trade(InstrumentId instrument, String id, Instant time, Instant received, BigDecimal price,
        BigDecimal quantity, Side takerSide) {

    /** Validates and normalises. */
    public Trade {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(received, "received");
        price = Decimals.requirePositive(price, "price");
        quantity = Decimals.requirePositive(quantity, "quantity");
        Objects.requireNonNull(takerSide, "takerSide");
    }
}
