package org.tradebench.core.book;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookLevel;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.Side;

/**
 * Order counts of aggregated levels, and the owner's tag of a level, which must follow its level
 * through every insert and removal around it (connectors keep where a level's wire text lives in
 * it, for checksums).
 */
class OrderCountAndTagTest {

    private static final InstrumentId BTC = new InstrumentId("bitfinex", "BTC/USD");
    private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

    private final OrderBook book = new OrderBook(1, 4);

    private static BookLevel level(String price, String quantity, int count) {
        return new BookLevel(new BigDecimal(price), new BigDecimal(quantity), null, count);
    }

    private static long[] tags(OrderBook b, Side side) {
        long[] out = new long[b.levels(side)];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.tag(side, i);
        }
        return out;
    }

    private static long[] prices(OrderBook b, Side side) {
        long[] out = new long[b.levels(side)];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.price(side, i);
        }
        return out;
    }

    private static int[] counts(OrderBook b, Side side) {
        int[] out = new int[b.levels(side)];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.orderCount(side, i);
        }
        return out;
    }

    @Test
    void aLevelKeepsTheOrderCountItWasLastSetWith() {
        assertEquals(0, book.set(Side.BUY, 1000, 5, 3));
        assertEquals(0, book.set(Side.BUY, 1001, 1, 1));
        assertEquals(2, book.set(Side.BUY, 999, 2, 12));
        assertArrayEquals(new int[] { 1, 3, 12 }, counts(book, Side.BUY), "counts follow their levels");

        assertEquals(1, book.set(Side.BUY, 1000, 7, 4));
        assertEquals(5, book.previousSize());
        assertArrayEquals(new int[] { 1, 4, 12 }, counts(book, Side.BUY));

        assertEquals(-1, book.set(Side.BUY, 1001, 0, 0));
        assertArrayEquals(new int[] { 4, 12 }, counts(book, Side.BUY), "a removal above moves the counts up");

        assertEquals(0, book.set(Side.BUY, 1000, 8));
        assertArrayEquals(new int[] { -1, 12 }, counts(book, Side.BUY),
                "a change without a count leaves the count unknown, not stale");
        assertEquals(0, book.set(Side.SELL, 2000, 8));
        assertEquals(-1, book.orderCount(Side.SELL, 0), "a level set without a count has none");
    }

    @Test
    void countsComeFromBookLevelsAndGoBackIntoSnapshots() {
        book.apply(new BookSnapshot(BTC, 1, T, T, List.of(level("100", "1", 3), level("100.5", "2", 1)),
                List.of(level("101", "0.5", 7), new BookLevel(new BigDecimal("102"), BigDecimal.ONE))));
        assertArrayEquals(new int[] { 1, 3 }, counts(book, Side.BUY));
        assertArrayEquals(new int[] { 7, -1 }, counts(book, Side.SELL));
        book.apply(new BookDelta(BTC, 2, T, T, List.of(level("100", "1.5", 4)), List.of()));
        assertArrayEquals(new int[] { 1, 4 }, counts(book, Side.BUY));

        BookSnapshot out = book.toSnapshot(BTC, 10, T, T);
        assertEquals(List.of(level("100.5", "2", 1), level("100", "1.5", 4)), out.bids());
        assertEquals(List.of(level("101", "0.5", 7), level("102", "1", -1)), out.asks());
    }

    @Test
    void aTagFollowsItsLevelThroughInsertsAndRemovalsAroundIt() {
        book.set(Side.BUY, 1000, 1);
        book.set(Side.BUY, 998, 1);
        book.set(Side.BUY, 996, 1);
        book.setTag(Side.BUY, 0, 7);
        book.setTag(Side.BUY, 1, 42);
        book.setTag(Side.BUY, 2, 96);
        assertArrayEquals(new long[] { 7, 42, 96 }, tags(book, Side.BUY));

        book.set(Side.BUY, 1001, 1); // above all
        assertArrayEquals(new long[] { 1001, 1000, 998, 996 }, prices(book, Side.BUY));
        assertArrayEquals(new long[] { 0, 7, 42, 96 }, tags(book, Side.BUY), "a new level starts with tag 0");
        book.set(Side.BUY, 997, 1); // between 998 and 996
        book.set(Side.BUY, 999, 1); // between 1000 and 998
        book.set(Side.BUY, 990, 1); // below all
        assertArrayEquals(new long[] { 1001, 1000, 999, 998, 997, 996, 990 }, prices(book, Side.BUY));
        assertArrayEquals(new long[] { 0, 7, 0, 42, 0, 96, 0 }, tags(book, Side.BUY));

        book.set(Side.BUY, 1001, 0);
        book.set(Side.BUY, 999, 0);
        book.set(Side.BUY, 990, 0);
        book.set(Side.BUY, 12345, 0); // absent: nothing moves
        assertArrayEquals(new long[] { 1000, 998, 997, 996 }, prices(book, Side.BUY));
        assertArrayEquals(new long[] { 7, 42, 0, 96 }, tags(book, Side.BUY));

        book.set(Side.BUY, 998, 5);
        book.set(Side.BUY, 998, 6, 2);
        assertEquals(42, book.tag(Side.BUY, 1), "a size or count change keeps the tag");

        book.set(Side.BUY, 998, 0);
        book.set(Side.BUY, 998, 1);
        assertEquals(0, book.tag(Side.BUY, 1), "a removed level's tag goes with it");

        book.truncate(2);
        assertArrayEquals(new long[] { 7, 0 }, tags(book, Side.BUY));
    }

    @Test
    void tagsOfTheTwoSidesAreIndependent() {
        book.set(Side.BUY, 1000, 1);
        book.set(Side.SELL, 1001, 1);
        book.setTag(Side.BUY, 0, -5);
        book.setTag(Side.SELL, 0, Long.MAX_VALUE);
        book.set(Side.SELL, 1000 + 2, 1);
        book.set(Side.BUY, 999, 1);
        assertEquals(-5, book.tag(Side.BUY, 0));
        assertEquals(Long.MAX_VALUE, book.tag(Side.SELL, 0));
        assertEquals(0, book.tag(Side.SELL, 1));
    }

    @Test
    void tagsSurviveTheArrayGrowing() {
        OrderBook small = new OrderBook(0, 0, 1);
        small.set(Side.SELL, 5_000, 1);
        small.setTag(Side.SELL, 0, 5_000);
        for (int i = 1; i <= 2_000; i++) {
            small.set(Side.SELL, 5_000 + i, 1); // worse: below the tagged level
            small.set(Side.SELL, 5_000 - i, 1); // better: pushes it down one index
            small.setTag(Side.SELL, 0, 5_000 - i);
        }
        assertEquals(4_001, small.levels(Side.SELL));
        for (int i = 0; i <= 2_000; i++) {
            assertEquals(3_000 + i, small.tag(Side.SELL, i), "level " + i);
            assertEquals(3_000 + i, small.price(Side.SELL, i));
        }
        assertEquals(0, small.tag(Side.SELL, 2_001));
    }

    @Test
    void aPerOrderTagFollowsItsOrderUntilTheOrderMoves() {
        OrderBook raw = OrderBook.perOrder(1, 4);
        raw.setOrder(Side.BUY, 20, 1000, 1);
        raw.setOrder(Side.BUY, 30, 1000, 1);
        raw.setTag(Side.BUY, 0, 2020);
        raw.setTag(Side.BUY, 1, 3030);
        raw.setOrder(Side.BUY, 10, 1000, 1); // same price, lower id: ranks first
        assertArrayEquals(new long[] { 0, 2020, 3030 }, tags(raw, Side.BUY));
        raw.setOrder(Side.BUY, 20, 1000, 5);
        assertEquals(2020, raw.tag(Side.BUY, 1), "a size change keeps the tag");
        raw.setOrder(Side.BUY, 10, 0, 0);
        assertArrayEquals(new long[] { 2020, 3030 }, tags(raw, Side.BUY));
        raw.setOrder(Side.BUY, 20, 999, 5);
        // A moved order is a new record at its new place: its old wire text no longer describes it.
        assertArrayEquals(new long[] { 3030, 0 }, tags(raw, Side.BUY));
    }

    @Test
    void aTagOutsideTheLevelsIsRefused() {
        book.set(Side.BUY, 1000, 1);
        assertThrows(IndexOutOfBoundsException.class, () -> book.setTag(Side.BUY, 1, 9));
        assertThrows(IndexOutOfBoundsException.class, () -> book.setTag(Side.BUY, -1, 9));
        assertThrows(IndexOutOfBoundsException.class, () -> book.setTag(Side.SELL, 0, 9));
        assertThrows(IndexOutOfBoundsException.class, () -> book.tag(Side.SELL, 0));
        assertEquals(0, book.tag(Side.BUY, 0));
    }
}
