package org.tradebench.connector.conformance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The simulator's book as it last sent it to the connector: what the connector's book must equal
 * once the market is paused.
 *
 * @param bids best first
 * @param asks best first
 * @param perOrder whether levels are single orders (then {@link Level#orderId()} is the key)
 */
public record ReferenceBook(List<Level> bids, List<Level> asks, boolean perOrder) {

    /**
     * One level or order.
     *
     * @param price the price
     * @param size the size, &gt; 0
     * @param orderId the order id of a per-order book, else 0
     */
    public record Level(BigDecimal price, BigDecimal size, long orderId) {
        /** Validates. */
        public Level {
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(size, "size");
        }
    }

    /** Copies the lists. */
    public ReferenceBook {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }
}
