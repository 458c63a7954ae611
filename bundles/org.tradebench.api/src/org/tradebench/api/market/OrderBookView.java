package org.tradebench.api.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.tradebench.api.Decimals;
import org.tradebench.api.instrument.InstrumentId;

/**
 * A read-only view of an order book: levels per side, best first (bids descending, asks
 * ascending), prices and sizes as scaled {@code long} units so that reading a level allocates
 * nothing. A unit is {@code 10^-priceScale()} of a price and {@code 10^-sizeScale()} of a size:
 * with a price scale of 2, {@code 6500012} is 65000.12.
 *
 * <pre>{@code
 * OrderBookView book = update.book();
 * for (int i = 0; i < Math.min(10, book.levels(Side.SELL)); i++) {
 *     prices[i] = book.price(Side.SELL, i);              // units; book.priceDecimal(...) for a BigDecimal
 *     sizes[i] = book.size(Side.SELL, i);
 * }
 * }</pre>
 *
 * <p>Views handed to a listener are valid during the callback only and belong to the calling
 * thread: copy what you keep. Implemented by providers ({@code org.tradebench.core}'s order book).
 */
@ProviderType
public interface OrderBookView {

    /**
     * Decimal places of prices.
     *
     * @return the price scale
     */
    int priceScale();

    /**
     * Decimal places of sizes.
     *
     * @return the size scale
     */
    int sizeScale();

    /**
     * Levels on a side.
     *
     * @param side {@link Side#BUY} for bids, {@link Side#SELL} for asks
     * @return the number of levels
     */
    int levels(Side side);

    /**
     * The price of a level.
     *
     * @param side the side
     * @param index 0 is the best level
     * @return price units
     */
    long price(Side side, int index);

    /**
     * The size of a level.
     *
     * @param side the side
     * @param index 0 is the best level
     * @return size units, &gt; 0
     */
    long size(Side side, int index);

    /**
     * The number of orders at a level.
     *
     * @param side the side
     * @param index the level
     * @return the count, or -1 when the exchange does not say
     */
    int orderCount(Side side, int index);

    /**
     * The exchange's order id of a level of a per-order book.
     *
     * @param side the side
     * @param index the level
     * @return the order id, or 0 for an aggregated book
     */
    long orderId(Side side, int index);

    /**
     * Whether levels are single orders (a raw book).
     *
     * @return true for a per-order book
     */
    boolean perOrder();

    /**
     * The sequence number of the last update applied.
     *
     * @return the sequence
     */
    long sequence();

    /**
     * Whether both sides are empty.
     *
     * @return true when empty
     */
    default boolean isEmpty() {
        return levels(Side.BUY) == 0 && levels(Side.SELL) == 0;
    }

    /**
     * A level's price as a decimal (allocates).
     *
     * @param side the side
     * @param index the level
     * @return the price
     */
    default BigDecimal priceDecimal(Side side, int index) {
        return Decimals.normalize(BigDecimal.valueOf(price(side, index), priceScale()));
    }

    /**
     * A level's size as a decimal (allocates).
     *
     * @param side the side
     * @param index the level
     * @return the size
     */
    default BigDecimal sizeDecimal(Side side, int index) {
        return Decimals.normalize(BigDecimal.valueOf(size(side, index), sizeScale()));
    }

    /**
     * An immutable snapshot of the best {@code depth} levels per side (allocates).
     *
     * @param instrument the instrument
     * @param depth levels per side, at most
     * @param time exchange time
     * @param received local receive time
     * @return the snapshot, with this book's sequence
     */
    default BookSnapshot toSnapshot(InstrumentId instrument, int depth, Instant time, Instant received) {
        return new BookSnapshot(instrument, sequence(), time, received, levelList(Side.BUY, depth),
                levelList(Side.SELL, depth));
    }

    private List<BookLevel> levelList(Side side, int depth) {
        int n = Math.min(depth, levels(side));
        List<BookLevel> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new BookLevel(priceDecimal(side, i), sizeDecimal(side, i),
                    perOrder() ? Long.toString(orderId(side, i)) : null, orderCount(side, i)));
        }
        return out;
    }
}
