package org.tradebench.core.book;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookLevel;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.OrderBookView;
import org.tradebench.api.market.Side;

/**
 * {@link OrderBook#copyFrom}, {@link OrderBook#apply} for both kinds of book, and the book seen
 * through the API's {@link OrderBookView}.
 */
class OrderBookCopyApplyAndViewTest {

    private static final InstrumentId BTC = new InstrumentId("bitfinex", "BTC/USD");
    private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    private static BookLevel order(String price, String quantity, String id) {
        return new BookLevel(bd(price), bd(quantity), id);
    }

    /** Every field of every level of a side, best first: price, size, id, count, tag. */
    private static long[] dump(OrderBook b, Side side) {
        long[] out = new long[5 * b.levels(side)];
        for (int i = 0; i < b.levels(side); i++) {
            out[5 * i] = b.price(side, i);
            out[5 * i + 1] = b.size(side, i);
            out[5 * i + 2] = b.orderId(side, i);
            out[5 * i + 3] = b.orderCount(side, i);
            out[5 * i + 4] = b.tag(side, i);
        }
        return out;
    }

    private static OrderBook aggregatedSource() {
        OrderBook source = new OrderBook(1, 4);
        source.set(Side.BUY, 1000, 10, 2);
        source.set(Side.BUY, 999, 20);
        source.set(Side.SELL, 1001, 30, 5);
        source.set(Side.SELL, 1003, 40, 1);
        source.setTag(Side.BUY, 0, 77);
        source.updateSequence(42);
        return source;
    }

    @Test
    void copyFromCopiesLevelsCountsAndSequenceButNotTags() {
        OrderBook source = aggregatedSource();
        OrderBook copy = new OrderBook(1, 4);
        copy.set(Side.BUY, 500, 1);
        copy.set(Side.SELL, 2000, 1);
        copy.updateSequence(100);
        copy.updateSequence(99); // a violation the copy must forget
        copy.copyFrom(source);

        assertArrayEquals(new long[] { 1000, 10, 0, 2, 0, 999, 20, 0, -1, 0 }, dump(copy, Side.BUY));
        assertArrayEquals(new long[] { 1001, 30, 0, 5, 0, 1003, 40, 0, 1, 0 }, dump(copy, Side.SELL));
        assertEquals(42, copy.sequence());
        assertEquals(List.of(), copy.violations());
        assertEquals(77, source.tag(Side.BUY, 0), "the source keeps its tags");

        source.set(Side.BUY, 1000, 0);
        source.set(Side.SELL, 1002, 1);
        assertEquals(1000, copy.bestBid(), "the copy does not share the source's arrays");
        assertEquals(2, copy.levels(Side.SELL));
        copy.set(Side.BUY, 999, 0);
        assertEquals(999, source.bestBid());
    }

    @Test
    void copyFromAPerOrderBookCopiesIdsSoOrdersAreFoundById() {
        OrderBook source = OrderBook.perOrder(1, 4);
        source.setOrder(Side.BUY, 20, 1000, 2);
        source.setOrder(Side.BUY, 10, 1000, 1);
        source.setOrder(Side.SELL, 30, 1001, 3);
        source.updateSequence(9);
        OrderBook copy = new OrderBook(1, 4, 1, true);
        copy.setOrder(Side.BUY, 99, 990, 9);
        copy.copyFrom(source);

        assertArrayEquals(new long[] { 1000, 1, 10, -1, 0, 1000, 2, 20, -1, 0 }, dump(copy, Side.BUY));
        assertArrayEquals(new long[] { 1001, 3, 30, -1, 0 }, dump(copy, Side.SELL));
        assertEquals(9, copy.sequence());

        assertEquals(-1, copy.setOrder(Side.BUY, 99, 0, 0), "the copy forgot its own orders");
        assertEquals(0, copy.previousPrice());
        assertEquals(-1, copy.setOrder(Side.BUY, 20, 0, 0), "the copied orders are found by id");
        assertEquals(1000, copy.previousPrice());
        assertEquals(2, copy.previousSize());
        assertEquals(0, copy.setOrder(Side.SELL, 30, 1002, 3), "and can move");
        assertEquals(1001, copy.previousPrice());
        assertEquals(3, source.levels(Side.BUY) + source.levels(Side.SELL), "the source is untouched");
        assertEquals(1001, source.bestAsk());
    }

    @Test
    void copyFromTakesAnyViewAndGrowsToItsSize() {
        OrderBookView view = new ArrayView(2, 0, new long[] { 300, 200, 100 }, new long[] { 400, 500 });
        OrderBook copy = new OrderBook(2, 0, 1);
        copy.copyFrom(view);
        assertArrayEquals(new long[] { 300, 1, 0, 4, 0, 200, 2, 0, 4, 0, 100, 3, 0, 4, 0 }, dump(copy, Side.BUY));
        assertArrayEquals(new long[] { 400, 1, 0, 4, 0, 500, 2, 0, 4, 0 }, dump(copy, Side.SELL));
        assertEquals(17, copy.sequence());
        assertEquals(List.of(), copy.violations());
    }

    @Test
    void copyingABookIntoItselfChangesNothing() {
        OrderBook source = aggregatedSource();
        long[] bids = dump(source, Side.BUY);
        source.copyFrom(source);
        assertArrayEquals(bids, dump(source, Side.BUY));
        assertEquals(2, source.levels(Side.SELL));
        assertEquals(42, source.sequence());
    }

    @Test
    void copyFromRefusesAnotherKindOrScale() {
        OrderBook aggregated = new OrderBook(1, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> aggregated.copyFrom(OrderBook.perOrder(1, 4)));
        assertEquals("cannot copy a per-order book at scales 1/4 into an aggregated book at scales 1/4",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OrderBook.perOrder(2, 4).copyFrom(aggregated));
        assertEquals("cannot copy an aggregated book at scales 1/4 into a per-order book at scales 2/4",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> aggregated.copyFrom(new OrderBook(1, 5)));
        assertEquals("cannot copy an aggregated book at scales 1/5 into an aggregated book at scales 1/4",
                e.getMessage());
    }

    @Test
    void aPerOrderBookAppliesSnapshotsDeltasAndResets() {
        OrderBook raw = OrderBook.perOrder(1, 4);
        raw.apply(new BookSnapshot(BTC, 5, T, T,
                List.of(order("100", "1", "30"), order("100", "2", "10"), order("100.1", "3", "20")),
                List.of(order("100.2", "4", "40"))));
        assertArrayEquals(new long[] { 1001, 30000, 20, -1, 0, 1000, 20000, 10, -1, 0, 1000, 10000, 30, -1, 0 },
                dump(raw, Side.BUY));
        assertEquals(5, raw.sequence());

        // Bitfinex removes an order naming its id with any price; a known id at a new price moves.
        raw.apply(new BookDelta(BTC, 6, T, T, List.of(order("1", "0", "10"), order("100.2", "5", "30")),
                List.of(order("100.3", "0.5", "41"))));
        assertArrayEquals(new long[] { 1002, 50000, 30, -1, 0, 1001, 30000, 20, -1, 0 }, dump(raw, Side.BUY));
        assertArrayEquals(new long[] { 1002, 40000, 40, -1, 0, 1003, 5000, 41, -1, 0 }, dump(raw, Side.SELL));
        assertEquals(6, raw.sequence());
        assertEquals(List.of("crossed book: best bid 100.2 >= best ask 100.2"), raw.violations(),
                "the book takes the data as sent; the check says what is wrong with it");

        raw.apply(new BookSnapshot(BTC, 1, T, T, List.of(order("99", "1", "50")), List.of()));
        assertEquals(-1, raw.setOrder(Side.BUY, 30, 0, 0), "a snapshot replaces the orders the book knew");
        assertEquals(0, raw.previousPrice());
        assertEquals(1, raw.levels(Side.BUY));

        raw.apply(new BookReset(BTC, 1, T, T, BookReset.CHECKSUM_MISMATCH));
        assertTrue(raw.isEmpty());
        assertEquals(OrderBook.NO_SEQUENCE, raw.sequence());
        assertEquals(-1, raw.setOrder(Side.BUY, 50, 0, 0), "a reset forgets every order");
        assertEquals(0, raw.previousPrice());
    }

    @Test
    void aPerOrderLevelWithoutANumericIdIsRefusedAndChangesNothing() {
        OrderBook raw = OrderBook.perOrder(1, 4);
        raw.apply(new BookSnapshot(BTC, 5, T, T, List.of(order("100", "1", "30")), List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> raw.apply(new BookDelta(BTC, 6, T, T, List.of(order("100", "0", "30")),
                        List.of(order("101", "1", "31"), order("102", "1", null)))));
        assertEquals("ask level 1 of a per-order book needs a numeric order id, was null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> raw.apply(new BookSnapshot(BTC, 7, T, T,
                List.of(order("100", "1", "0x1f")), List.of())));
        assertEquals("bid level 0 of a per-order book needs a numeric order id, was 0x1f", e.getMessage());
        assertArrayEquals(new long[] { 1000, 10000, 30, -1, 0 }, dump(raw, Side.BUY));
        assertEquals(0, raw.levels(Side.SELL));
        assertEquals(5, raw.sequence());
    }

    @Test
    void anAggregatedBookIgnoresOrderIds() {
        OrderBook aggregated = new OrderBook(1, 4);
        aggregated.apply(new BookSnapshot(BTC, 1, T, T, List.of(order("100", "1", "30"), order("100", "2", "31")),
                List.of()));
        assertArrayEquals(new long[] { 1000, 20000, 0, -1, 0 }, dump(aggregated, Side.BUY),
                "one level per price; the last one sent wins");
    }

    @Test
    void theBookIsAnOrderBookView() {
        OrderBook book = new OrderBook(1, 4);
        OrderBookView view = book;
        assertTrue(view.isEmpty());
        book.apply(new BookSnapshot(BTC, 3, T, T, List.of(new BookLevel(bd("65000.5"), bd("1.5"), null, 2),
                new BookLevel(bd("65000"), bd("0.25"))), List.of(new BookLevel(bd("65001"), bd("0.0001")))));
        assertFalse(view.isEmpty());
        assertFalse(view.perOrder());
        assertEquals(1, view.priceScale());
        assertEquals(4, view.sizeScale());
        assertEquals(3, view.sequence());
        assertEquals(2, view.levels(Side.BUY));
        assertEquals(650005, view.price(Side.BUY, 0));
        assertEquals(bd("65000.5"), view.priceDecimal(Side.BUY, 0));
        assertEquals("65000", view.priceDecimal(Side.BUY, 1).toPlainString(), "normalised: no trailing zeros");
        assertEquals("1.5", view.sizeDecimal(Side.BUY, 0).toPlainString());
        assertEquals("0.0001", view.sizeDecimal(Side.SELL, 0).toPlainString());
        assertEquals(2, view.orderCount(Side.BUY, 0));
        assertEquals(-1, view.orderCount(Side.BUY, 1));
        assertEquals(0, view.orderId(Side.BUY, 0), "an aggregated level has no order id");
        assertThrows(IndexOutOfBoundsException.class, () -> view.priceDecimal(Side.SELL, 1));

        BookSnapshot top = view.toSnapshot(BTC, 1, T, T.plusSeconds(1));
        assertEquals(List.of(new BookLevel(bd("65000.5"), bd("1.5"), null, 2)), top.bids());
        assertEquals(List.of(new BookLevel(bd("65001"), bd("0.0001"))), top.asks());
        assertEquals(3, top.sequence());
        assertEquals(T.plusSeconds(1), top.received());
    }

    @Test
    void aPerOrderViewCarriesOrderIdsIntoSnapshots() {
        OrderBook raw = OrderBook.perOrder(1, 4);
        raw.setOrder(Side.BUY, 5_012_345_678L, 1000, 15000);
        raw.setOrder(Side.BUY, 7, 1000, 1);
        raw.setOrder(Side.SELL, 8, 1001, 2);
        OrderBookView view = raw;
        assertTrue(view.perOrder());
        assertEquals(7, view.orderId(Side.BUY, 0));
        assertEquals(5_012_345_678L, view.orderId(Side.BUY, 1));
        BookSnapshot s = view.toSnapshot(BTC, 10, T, T);
        assertEquals(List.of(order("100", "0.0001", "7"), order("100", "1.5", "5012345678")), s.bids());
        assertEquals(List.of(order("100.1", "0.0002", "8")), s.asks());
        assertEquals(OrderBook.NO_SEQUENCE, s.sequence());

        OrderBook back = OrderBook.perOrder(1, 4);
        back.apply(s);
        assertArrayEquals(dump(raw, Side.BUY), dump(back, Side.BUY), "a snapshot round-trips a per-order book");
        assertArrayEquals(dump(raw, Side.SELL), dump(back, Side.SELL));
    }

    /** A minimal view of another implementation: sizes 1, 2, 3... and four orders per level. */
    private record ArrayView(int priceScale, int sizeScale, long[] bidPrices, long[] askPrices)
            implements OrderBookView {

        private long[] prices(Side side) {
            return side == Side.BUY ? bidPrices : askPrices;
        }

        @Override
        public int levels(Side side) {
            return prices(side).length;
        }

        @Override
        public long price(Side side, int index) {
            return prices(side)[index];
        }

        @Override
        public long size(Side side, int index) {
            return index + 1;
        }

        @Override
        public int orderCount(Side side, int index) {
            return 4;
        }

        @Override
        public long orderId(Side side, int index) {
            return 0;
        }

        @Override
        public boolean perOrder() {
            return false;
        }

        @Override
        public long sequence() {
            return 17;
        }
    }
}
