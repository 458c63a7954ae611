package org.tradebench.connector.bitfinex.internal.protocol;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A candle row {@code [MTS,OPEN,CLOSE,HIGH,LOW,VOLUME]}: note CLOSE comes before HIGH on the wire.
 *
 * <pre>{@code
 * // [4,[1737972900000,103900,103950.5,104000,103880,12.75]]
 * candle.close(); // 103950.5
 * }</pre>
 *
 * @param start bucket start, epoch milliseconds
 * @param open first price
 * @param close last price
 * @param high highest price
 * @param low lowest price
 * @param volume volume in the base currency
 */
public record BitfinexCandle(long start, BigDecimal open, BigDecimal close, BigDecimal high, BigDecimal low,
        BigDecimal volume) {

    /** Validates. */
    public BitfinexCandle {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(volume, "volume");
    }
}
