package org.tradebench.ui.chart.internal;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A labelled horizontal line on the chart.
 *
 * @param kind what it marks (decides colour and dash)
 * @param price where
 * @param label the text drawn at its right end, without the price
 */
public record PriceLine(Kind kind, BigDecimal price, String label) {

    /** What a line marks. */
    public enum Kind {
        /** The last traded price (close of the newest candle). */
        LAST,
        /** A buy order's limit price. */
        BUY_ORDER,
        /** A sell order's limit price. */
        SELL_ORDER,
        /** A stop or take-profit order's trigger. */
        TRIGGER,
        /** A take-profit exit. */
        TAKE_PROFIT,
        /** A stop-loss exit. */
        STOP_LOSS,
        /** The position's entry price. */
        ENTRY,
        /** The position's estimated liquidation price. */
        LIQUIDATION
    }

    /** Validates. */
    public PriceLine {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(label, "label");
    }
}
