package org.tradebench.core.book;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.market.Side;

/**
 * The per-order (raw) mode of {@link OrderBook}: levels are single orders, ordered by price and
 * then by ascending order id, found and removed by id.
 */
class PerOrderBookTest {

    /** Price scale 1, size scale 4, as a raw BTC/USD book would be. */
    private final OrderBook book = OrderBook.perOrder(1, 4);

    /** The (price, order id) pairs of a side, best first, flattened. */
    private static long[] orders(OrderBook b, Side side) {
        long[] out = new long[2 * b.levels(side)];
        for (int i = 0; i < b.levels(side); i++) {
            out[2 * i] = b.price(side, i);
            out[2 * i + 1] = b.orderId(side, i);
        }
        return out;
    }

    private static long[] sizes(OrderBook b, Side side) {
        long[] out = new long[b.levels(side)];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.size(side, i);
        }
        return out;
    }

    private void assertPrevious(long price, long size) {
        assertEquals(price, book.previousPrice(), "previousPrice");
        assertEquals(size, book.previousSize(), "previousSize");
    }

    @Test
    void bothConstructionsMakeAPerOrderBook() {
        assertTrue(book.perOrder());
        assertTrue(new OrderBook(2, 8, 4, true).perOrder());
        assertFalse(new OrderBook(2, 8, 4, false).perOrder());
        assertFalse(new OrderBook(2, 8).perOrder());
        assertEquals(1, book.priceScale());
        assertEquals(4, book.sizeScale());
    }

    @Test
    void ordersAtOnePriceAreKeptByAscendingOrderIdOnBothSides() {
        assertEquals(0, book.setOrder(Side.BUY, 30, 1000, 3));
        assertEquals(0, book.setOrder(Side.BUY, 10, 1000, 1), "id 10 ranks before id 30 at the same price");
        assertEquals(1, book.setOrder(Side.BUY, 20, 1000, 2));
        assertEquals(0, book.setOrder(Side.BUY, 99, 1001, 9), "a better price ranks first whatever its id");
        assertEquals(4, book.setOrder(Side.BUY, 1, 999, 7), "a worse price ranks last whatever its id");
        assertArrayEquals(new long[] { 1001, 99, 1000, 10, 1000, 20, 1000, 30, 999, 1 }, orders(book, Side.BUY));
        assertArrayEquals(new long[] { 9, 1, 2, 3, 7 }, sizes(book, Side.BUY));

        assertEquals(0, book.setOrder(Side.SELL, 31, 2000, 3));
        assertEquals(1, book.setOrder(Side.SELL, 32, 2000, 4));
        assertEquals(0, book.setOrder(Side.SELL, 11, 2000, 1));
        assertEquals(0, book.setOrder(Side.SELL, 50, 1999, 5), "the lower ask is the better one");
        assertEquals(4, book.setOrder(Side.SELL, 2, 2001, 6));
        assertArrayEquals(new long[] { 1999, 50, 2000, 11, 2000, 31, 2000, 32, 2001, 2 }, orders(book, Side.SELL));

        assertEquals(1001, book.bestBid());
        assertEquals(9, book.bestBidSize());
        assertEquals(1999, book.bestAsk());
        assertEquals(998, book.spread());
        assertEquals(1 + 2 + 3 + 9, book.cumulativeSize(Side.BUY, 4));
        assertEquals(List.of(), book.violations(), "equal prices are sound in a per-order book");
    }

    @Test
    void aSizeChangeKeepsTheOrdersPlace() {
        book.setOrder(Side.BUY, 10, 1000, 1);
        book.setOrder(Side.BUY, 20, 1000, 2);
        book.setOrder(Side.BUY, 30, 1000, 3);
        assertEquals(1, book.setOrder(Side.BUY, 20, 1000, 25));
        assertPrevious(1000, 2);
        assertArrayEquals(new long[] { 1000, 10, 1000, 20, 1000, 30 }, orders(book, Side.BUY));
        assertArrayEquals(new long[] { 1, 25, 3 }, sizes(book, Side.BUY));
    }

    @Test
    void anOrderMovingPriceLeavesItsOldPlace() {
        book.setOrder(Side.BUY, 10, 1000, 1);
        book.setOrder(Side.BUY, 20, 1000, 2);
        book.setOrder(Side.BUY, 30, 999, 3);

        assertEquals(0, book.setOrder(Side.BUY, 20, 1002, 5), "moved up: now the best bid");
        assertPrevious(1000, 2);
        assertArrayEquals(new long[] { 1002, 20, 1000, 10, 999, 30 }, orders(book, Side.BUY));
        assertArrayEquals(new long[] { 5, 1, 3 }, sizes(book, Side.BUY));

        assertEquals(1, book.setOrder(Side.BUY, 20, 999, 6), "moved down, ahead of id 30 at 999 (lower id)");
        assertArrayEquals(new long[] { 1000, 10, 999, 20, 999, 30 }, orders(book, Side.BUY));
        assertPrevious(1002, 5);
        assertEquals(3, book.levels(Side.BUY), "a move neither adds nor loses an order");

        // The book follows the move: a removal naming only the id takes the order from its new price.
        assertEquals(-1, book.setOrder(Side.BUY, 20, 0, 0));
        assertPrevious(999, 6);
        assertArrayEquals(new long[] { 1000, 10, 999, 30 }, orders(book, Side.BUY));
        assertEquals(List.of(), book.violations());
    }

    @Test
    void sizeZeroRemovesTheOrderWhateverPriceItNames() {
        book.setOrder(Side.SELL, 10, 2000, 1);
        book.setOrder(Side.SELL, 20, 2000, 2);
        book.setOrder(Side.SELL, 30, 2001, 3);
        assertEquals(-1, book.setOrder(Side.SELL, 20, 5555, 0), "the price of a removal is ignored");
        assertPrevious(2000, 2);
        assertEquals(-1, book.setOrder(Side.SELL, 30, 0, 0), "a removal may name price 0 (Bitfinex does)");
        assertPrevious(2001, 3);
        assertArrayEquals(new long[] { 2000, 10 }, orders(book, Side.SELL));
        assertEquals(-1, book.setOrder(Side.SELL, 10, 2000, 0));
        assertTrue(book.isEmpty());
    }

    @Test
    void removingAnUnknownOrderChangesNothing() {
        book.setOrder(Side.BUY, 10, 1000, 1);
        book.setOrder(Side.SELL, 20, 2000, 2);
        book.setOrder(Side.BUY, 30, 999, 3);
        book.setOrder(Side.BUY, 30, 0, 0);
        long[] bids = orders(book, Side.BUY);
        long[] asks = orders(book, Side.SELL);

        assertEquals(-1, book.setOrder(Side.BUY, 77, 1000, 0), "never seen");
        assertPrevious(0, 0);
        assertEquals(-1, book.setOrder(Side.BUY, 30, 999, 0), "already removed");
        assertPrevious(0, 0);
        assertArrayEquals(bids, orders(book, Side.BUY));
        assertArrayEquals(asks, orders(book, Side.SELL));
        assertArrayEquals(new long[] { 1 }, sizes(book, Side.BUY));
    }

    @Test
    void aRemovalNamingTheOtherSideStillRemovesTheOrder() {
        book.setOrder(Side.BUY, 10, 1000, 1);
        book.setOrder(Side.SELL, 20, 2000, 2);
        assertEquals(-1, book.setOrder(Side.SELL, 10, 1000, 0));
        assertPrevious(1000, 1);
        assertEquals(0, book.levels(Side.BUY));
        assertEquals(-1, book.setOrder(Side.BUY, 20, 0, 0));
        assertPrevious(2000, 2);
        assertTrue(book.isEmpty());
    }

    @Test
    void anOrderChangingSideLeavesTheOtherSide() {
        book.setOrder(Side.BUY, 10, 1000, 1);
        book.setOrder(Side.BUY, 11, 1000, 4);
        book.setOrder(Side.SELL, 20, 2000, 2);

        assertEquals(0, book.setOrder(Side.SELL, 10, 1500, 3), "to another side and price");
        assertPrevious(1000, 1);
        assertArrayEquals(new long[] { 1000, 11 }, orders(book, Side.BUY));
        assertArrayEquals(new long[] { 1500, 10, 2000, 20 }, orders(book, Side.SELL));

        assertEquals(0, book.setOrder(Side.BUY, 20, 2000, 5), "to the other side at the same price");
        assertPrevious(2000, 2);
        assertArrayEquals(new long[] { 2000, 20, 1000, 11 }, orders(book, Side.BUY));
        assertArrayEquals(new long[] { 1500, 10 }, orders(book, Side.SELL));
        assertEquals(3, book.levels(Side.BUY) + book.levels(Side.SELL), "no order is held twice");

        assertEquals(-1, book.setOrder(Side.BUY, 20, 0, 0));
        assertPrevious(2000, 5);
        assertArrayEquals(new long[] { 1000, 11 }, orders(book, Side.BUY));
        assertArrayEquals(new long[] { 1500, 10 }, orders(book, Side.SELL));
    }

    @Test
    void previousPriceAndSizeDescribeEachKindOfChange() {
        book.setOrder(Side.BUY, 10, 1000, 1);
        assertPrevious(0, 0); // new
        book.setOrder(Side.BUY, 10, 1000, 2);
        assertPrevious(1000, 1); // size change
        book.setOrder(Side.BUY, 10, 1003, 2);
        assertPrevious(1000, 2); // move, same size
        book.setOrder(Side.BUY, 10, 1004, 9);
        assertPrevious(1003, 2); // move and size change
        book.setOrder(Side.BUY, 10, 0, 0);
        assertPrevious(1004, 9); // removal
        book.setOrder(Side.BUY, 10, 0, 0);
        assertPrevious(0, 0); // unknown removal
        book.setOrder(Side.BUY, 10, 1004, 3);
        assertPrevious(0, 0); // the same id again is a new order
    }

    @Test
    void truncateAndClearForgetTheOrdersTheyDrop() {
        for (int i = 1; i <= 5; i++) {
            book.setOrder(Side.BUY, i, 1000 - i, i);
            book.setOrder(Side.SELL, 100 + i, 2000 + i, i);
        }
        book.truncate(2);
        assertArrayEquals(new long[] { 999, 1, 998, 2 }, orders(book, Side.BUY));
        assertArrayEquals(new long[] { 2001, 101, 2002, 102 }, orders(book, Side.SELL));
        assertEquals(-1, book.setOrder(Side.BUY, 5, 0, 0), "dropped by truncate: unknown now");
        assertPrevious(0, 0);
        assertEquals(2, book.setOrder(Side.BUY, 4, 997, 8), "a dropped id comes back as a new order");
        assertPrevious(0, 0);
        book.clear();
        assertEquals(-1, book.setOrder(Side.SELL, 101, 0, 0));
        assertPrevious(0, 0);
        assertEquals(0, book.setOrder(Side.SELL, 101, 2001, 1));
        assertPrevious(0, 0);
    }

    @Test
    void aPerOrderBookRefusesLevelsAndAnAggregatedBookRefusesOrders() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> book.set(Side.BUY, 1000, 1));
        assertEquals("a per-order book sets orders (setOrder), not levels", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> book.set(Side.BUY, 1000, 1, 2));
        assertEquals("a per-order book sets orders (setOrder), not levels", e.getMessage());
        OrderBook aggregated = new OrderBook(1, 4);
        e = assertThrows(IllegalArgumentException.class, () -> aggregated.setOrder(Side.BUY, 1, 1000, 1));
        assertEquals("an aggregated book sets levels (set), not orders", e.getMessage());
        assertTrue(book.isEmpty());
        assertTrue(aggregated.isEmpty());
    }

    @Test
    void invalidPriceOrSizeOfAnOrderIsRefused() {
        book.setOrder(Side.BUY, 10, 1000, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> book.setOrder(Side.BUY, 20, 0, 5));
        assertEquals("price must be > 0, was 0 units (0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> book.setOrder(Side.BUY, 10, -15, 5));
        assertEquals("price must be > 0, was -15 units (-1.5)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> book.setOrder(Side.BUY, 10, 1000, -5));
        assertEquals("size must be >= 0, was -5 units (-0.0005)", e.getMessage());
        assertArrayEquals(new long[] { 1000, 10 }, orders(book, Side.BUY), "a refused change changes nothing");
        assertArrayEquals(new long[] { 1 }, sizes(book, Side.BUY));
        assertEquals(-1, book.setOrder(Side.BUY, 10, 0, 0), "the refused move did not lose the order's price");
        assertPrevious(1000, 1);
    }

    @Test
    void tiesAreSoundButAnOrderAboveABetterPriceIsAViolation() {
        book.setOrder(Side.BUY, 10, 1000, 1);
        book.setOrder(Side.BUY, 20, 1000, 2);
        book.setOrder(Side.BUY, 30, 999, 3);
        book.overwriteLevel(Side.BUY, 2, 1000, 3); // id 30 now sits at 1000 behind id 20: still sorted
        assertEquals(List.of(), book.violations());
        book.overwriteLevel(Side.BUY, 1, 1001, 2); // id 20 at 1001 below 1000
        assertEquals(List.of("bids not sorted descending at level 1: 100.1 after 100"), book.violations());
    }

    @Test
    void aPerOrderBookGrowsAndFindsEveryOrderById() {
        OrderBook small = new OrderBook(0, 0, 1, true);
        for (long id = 1; id <= 5_000; id++) {
            // many orders per price, ids not in price order
            small.setOrder(Side.BUY, id * 7_919 % 10_007, 1_000 - id % 50, id);
            small.setOrder(Side.SELL, 20_000 + id, 2_000 + id % 50, id);
        }
        assertEquals(5_000, small.levels(Side.BUY));
        assertEquals(5_000, small.levels(Side.SELL));
        assertEquals(List.of(), small.violations());
        for (long id = 5_000; id >= 1; id--) {
            assertEquals(-1, small.setOrder(Side.BUY, id * 7_919 % 10_007, 0, 0));
            assertEquals(id, small.previousSize());
            assertEquals(-1, small.setOrder(Side.SELL, 20_000 + id, 0, 0));
            assertEquals(2_000 + id % 50, small.previousPrice());
        }
        assertTrue(small.isEmpty());
    }

    @Test
    void toStringSaysPerOrder() {
        book.setOrder(Side.BUY, 10, 1000, 1);
        book.setOrder(Side.BUY, 11, 1000, 1);
        book.setOrder(Side.SELL, 12, 1001, 1);
        book.updateSequence(7);
        assertEquals("OrderBook[per-order, bids=2, asks=1, bestBid=100, bestAsk=100.1, sequence=7]", book.toString());
    }
}
