package org.tradebench.core.book;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookLevel;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.Side;
import org.tradebench.core.tests.AllocationMeter;

class OrderBookTest {

    private static final InstrumentId BTC = new InstrumentId("simulated", "BTC/USD");
    private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

    /** Price scale 1 (tick 0.1), size scale 4 (lot 0.0001). */
    private final OrderBook book = new OrderBook(1, 4);

    private static BookLevel level(String price, String quantity) {
        return new BookLevel(new BigDecimal(price), new BigDecimal(quantity));
    }

    private static BookSnapshot snapshot(long sequence, List<BookLevel> bids, List<BookLevel> asks) {
        return new BookSnapshot(BTC, sequence, T, T, bids, asks);
    }

    private static BookDelta delta(long sequence, List<BookLevel> bids, List<BookLevel> asks) {
        return new BookDelta(BTC, sequence, T, T, bids, asks);
    }

    private void applyStandardSnapshot() {
        // Deliberately not in book order: the book sorts.
        book.apply(snapshot(100,
                List.of(level("64999", "2"), level("65000.5", "1.5"), level("65000", "0.25")),
                List.of(level("65002", "3"), level("65001", "0.5"), level("65010.5", "7"))));
    }

    @Test
    void snapshotIsSortedBestFirstOnBothSides() {
        applyStandardSnapshot();
        assertEquals(3, book.levels(Side.BUY));
        assertEquals(3, book.levels(Side.SELL));
        assertEquals(650005, book.price(Side.BUY, 0));
        assertEquals(650000, book.price(Side.BUY, 1));
        assertEquals(649990, book.price(Side.BUY, 2));
        assertEquals(15000, book.size(Side.BUY, 0));
        assertEquals(2500, book.size(Side.BUY, 1));
        assertEquals(20000, book.size(Side.BUY, 2));
        assertEquals(650010, book.price(Side.SELL, 0));
        assertEquals(650020, book.price(Side.SELL, 1));
        assertEquals(650105, book.price(Side.SELL, 2));
        assertEquals(100, book.sequence());
        assertEquals(List.of(), book.violations());
    }

    @Test
    void deltaChangesInsertsAndRemovesLevels() {
        applyStandardSnapshot();
        book.apply(delta(101,
                List.of(level("65000", "0"), level("65000.7", "0.1"), level("64999", "4")),
                List.of(level("65001", "0"), level("65001.5", "9"))));
        long[] prices = new long[10];
        long[] sizes = new long[10];
        assertEquals(3, book.copyTop(Side.BUY, 10, prices, sizes));
        assertArrayEquals(new long[] { 650007, 650005, 649990 }, Arrays.copyOf(prices, 3));
        assertArrayEquals(new long[] { 1000, 15000, 40000 }, Arrays.copyOf(sizes, 3));
        assertEquals(3, book.copyTop(Side.SELL, 10, prices, sizes));
        assertArrayEquals(new long[] { 650015, 650020, 650105 }, Arrays.copyOf(prices, 3));
        assertArrayEquals(new long[] { 90000, 30000, 70000 }, Arrays.copyOf(sizes, 3));
        assertEquals(101, book.sequence());
    }

    @Test
    void removingAMissingLevelChangesNothing() {
        applyStandardSnapshot();
        book.set(Side.BUY, 640000, 0);
        book.set(Side.SELL, 650011, 0);
        book.apply(delta(101, List.of(level("1", "0")), List.of(level("99999", "0"))));
        assertEquals(3, book.levels(Side.BUY));
        assertEquals(3, book.levels(Side.SELL));
        assertEquals(650005, book.bestBid());
        assertEquals(650010, book.bestAsk());
    }

    @Test
    void snapshotReplacesEverything() {
        applyStandardSnapshot();
        book.apply(snapshot(5, List.of(level("100", "1")), List.of()));
        assertEquals(1, book.levels(Side.BUY));
        assertEquals(0, book.levels(Side.SELL));
        assertEquals(1000, book.bestBid());
        assertEquals(5, book.sequence(), "a snapshot starts a new sequence, lower numbers are fine");
        assertEquals(List.of(), book.violations());
    }

    @Test
    void resetClearsLevelsAndSequence() {
        applyStandardSnapshot();
        book.apply(new BookReset(BTC, 100, T, T, BookReset.SEQUENCE_GAP));
        assertTrue(book.isEmpty());
        assertEquals(OrderBook.NO_SEQUENCE, book.sequence());
        assertEquals(0, book.bestBid());
        assertEquals(0, book.bestAsk());
        assertEquals(-1, book.spread());
    }

    @Test
    void bestLevelsAndSpread() {
        assertEquals(0, book.bestBid());
        assertEquals(0, book.bestBidSize());
        assertEquals(-1, book.spread());
        applyStandardSnapshot();
        assertEquals(650005, book.bestBid());
        assertEquals(15000, book.bestBidSize());
        assertEquals(650010, book.bestAsk());
        assertEquals(5000, book.bestAskSize());
        assertEquals(5, book.spread(), "65001 - 65000.5 = 0.5 = 5 ticks of 0.1");
        book.set(Side.SELL, 650010, 0);
        book.set(Side.SELL, 650020, 0);
        book.set(Side.SELL, 650105, 0);
        assertEquals(-1, book.spread());
    }

    @Test
    void cumulativeDepthSumsFromTheBest() {
        applyStandardSnapshot();
        assertEquals(0, book.cumulativeSize(Side.BUY, 0));
        assertEquals(15000, book.cumulativeSize(Side.BUY, 1));
        assertEquals(17500, book.cumulativeSize(Side.BUY, 2));
        assertEquals(37500, book.cumulativeSize(Side.BUY, 3));
        assertEquals(37500, book.cumulativeSize(Side.BUY, 50));
        assertEquals(35000, book.cumulativeSize(Side.SELL, 2));
        assertEquals(105000, book.cumulativeSize(Side.SELL, 3));
        assertThrows(IllegalArgumentException.class, () -> book.cumulativeSize(Side.BUY, -1));
    }

    @Test
    void truncateKeepsTheBestLevels() {
        applyStandardSnapshot();
        book.truncate(2);
        assertEquals(2, book.levels(Side.BUY));
        assertEquals(2, book.levels(Side.SELL));
        assertEquals(650000, book.price(Side.BUY, 1));
        assertEquals(650020, book.price(Side.SELL, 1));
        book.truncate(5);
        assertEquals(2, book.levels(Side.BUY));
        book.truncate(0);
        assertTrue(book.isEmpty());
    }

    @Test
    void copyTopIsLimitedByLevelsRequestAndArrays() {
        applyStandardSnapshot();
        long[] prices = new long[2];
        long[] sizes = new long[5];
        assertEquals(2, book.copyTop(Side.SELL, 10, prices, sizes));
        assertArrayEquals(new long[] { 650010, 650020 }, prices);
        assertEquals(1, book.copyTop(Side.SELL, 1, new long[5], new long[5]));
        assertEquals(0, book.copyTop(Side.SELL, 0, new long[5], new long[5]));
    }

    @Test
    void indexBeyondTheLevelsIsRefused() {
        applyStandardSnapshot();
        assertThrows(IndexOutOfBoundsException.class, () -> book.price(Side.BUY, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> book.size(Side.SELL, -1));
    }

    @Test
    void sequenceViolationIsDetectedUntilCleared() {
        book.updateSequence(10);
        book.updateSequence(11);
        assertEquals(List.of(), book.violations());
        book.updateSequence(11);
        book.updateSequence(9);
        assertEquals(List.of("sequence not increasing: 11 after 11 (and 1 more)"), book.violations());
        IllegalStateException e = assertThrows(IllegalStateException.class, book::checkInvariants);
        assertEquals("order book invariants broken: sequence not increasing: 11 after 11 (and 1 more)", e.getMessage());
        assertEquals(9, book.sequence(), "the sequence is recorded even when it is out of order");
        book.clear();
        assertEquals(List.of(), book.violations());
        book.checkInvariants();
    }

    @Test
    void deltaWithOldSequenceIsAViolation() {
        applyStandardSnapshot();
        book.apply(delta(100, List.of(level("64000", "1")), List.of()));
        assertEquals(List.of("sequence not increasing: 100 after 100"), book.violations());
    }

    @Test
    void crossedBookIsDetected() {
        book.set(Side.BUY, 1002, 10);
        book.set(Side.SELL, 1000, 10);
        assertEquals(List.of("crossed book: best bid 100.2 >= best ask 100"), book.violations());
        assertEquals(-2, book.spread(), "spread is ask - bid, negative when crossed");
        book.set(Side.SELL, 1000, 0);
        book.set(Side.SELL, 1002, 5);
        assertEquals(List.of("crossed book: best bid 100.2 >= best ask 100.2"), book.violations(),
                "a locked book counts as crossed");
        assertEquals(0, book.spread());
        book.set(Side.SELL, 1002, 0);
        book.set(Side.SELL, 1003, 5);
        assertEquals(List.of(), book.violations());
        assertEquals(1, book.spread());
    }

    @Test
    void corruptLevelsAreDetected() {
        applyStandardSnapshot();
        book.overwriteLevel(Side.BUY, 1, 650006, 2500);
        book.overwriteLevel(Side.SELL, 2, 650105, 0);
        assertEquals(List.of("bids not sorted descending at level 1: 65000.6 after 65000.5",
                "ask level 2 at price 65010.5 has size 0 (must be > 0)"), book.violations());
        IllegalStateException e = assertThrows(IllegalStateException.class, book::checkInvariants);
        assertTrue(e.getMessage().startsWith("order book invariants broken: bids not sorted"), e.getMessage());
    }

    @Test
    void scaleErrorsNameSideLevelAndValueAndLeaveTheBookUnchanged() {
        applyStandardSnapshot();
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> book.apply(delta(101,
                List.of(level("64000", "1")), List.of(level("65003", "1"), level("65004.25", "1")))));
        assertEquals("ask level 1: price 65004.25 has more decimals than scale 1 allows", e.getMessage());
        e = assertThrows(ArithmeticException.class,
                () -> book.apply(snapshot(200, List.of(level("64000", "0.00001")), List.of())));
        assertEquals("bid level 0: size 0.00001 has more decimals than scale 4 allows", e.getMessage());
        assertEquals(3, book.levels(Side.BUY));
        assertEquals(3, book.levels(Side.SELL));
        assertEquals(100, book.sequence());
    }

    @Test
    void invalidPriceOrSizeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> book.set(Side.BUY, 0, 1));
        assertEquals("price must be > 0, was 0 units (0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> book.set(Side.SELL, 10, -5));
        assertEquals("size must be >= 0, was -5 units (-0.0005)", e.getMessage());
    }

    @Test
    void snapshotRoundTripsThroughTheApi() {
        applyStandardSnapshot();
        BookSnapshot out = book.toSnapshot(BTC, 2, T, T.plusMillis(3));
        assertEquals(snapshot(100, List.of(level("65000.5", "1.5"), level("65000", "0.25")),
                List.of(level("65001", "0.5"), level("65002", "3"))).bids(), out.bids());
        assertEquals(List.of(level("65001", "0.5"), level("65002", "3")), out.asks());
        assertEquals(100, out.sequence());
        assertEquals(T.plusMillis(3), out.received());
        OrderBook copy = new OrderBook(1, 4);
        copy.apply(book.toSnapshot(BTC, 1000, T, T));
        for (Side side : Side.values()) {
            assertEquals(book.levels(side), copy.levels(side));
            for (int i = 0; i < book.levels(side); i++) {
                assertEquals(book.price(side, i), copy.price(side, i));
                assertEquals(book.size(side, i), copy.size(side, i));
            }
        }
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        OrderBook small = new OrderBook(0, 0, 1);
        // Alternate ends so inserts hit the front, the back and the middle.
        for (int i = 0; i < 5_000; i++) {
            long p = (i % 2 == 0) ? 10_000 + i : 10_000 - i;
            small.set(Side.BUY, p, i + 1);
            small.set(Side.SELL, 20_000 + p, i + 1);
        }
        assertEquals(5_000, small.levels(Side.BUY));
        assertEquals(5_000, small.levels(Side.SELL));
        assertEquals(14_998, small.bestBid());
        assertEquals(20_000 + 5_001, small.bestAsk());
        assertEquals(List.of(), small.violations());
    }

    @Test
    void toStringSummarises() {
        applyStandardSnapshot();
        assertEquals("OrderBook[bids=3, asks=3, bestBid=65000.5, bestAsk=65001, sequence=100]", book.toString());
    }

    @Test
    void updatesAllocateNothing() {
        AllocationMeter meter = new AllocationMeter();
        assumeTrue(meter.isSupported(), "per-thread allocation not measurable");
        OrderBook b = new OrderBook(2, 4, 2048);
        long[] prices = new long[1000];
        long[] sizes = new long[1000];
        for (int i = 0; i < 1000; i++) {
            prices[i] = 1_000_000 + 37L * i;
            sizes[i] = i + 1;
        }
        List<Long> unused = new ArrayList<>();
        Runnable churn = () -> {
            for (int round = 0; round < 200; round++) {
                for (int i = 0; i < 1000; i++) {
                    int j = (i * 7919 + round) % 1000;
                    b.set(Side.BUY, prices[j], (round & 1) == 0 ? sizes[j] : 0);
                    b.set(Side.SELL, prices[j] + 100_000, (round & 1) == 0 ? 0 : sizes[j]);
                }
                b.updateSequence(round);
                if (b.spread() == Long.MIN_VALUE) {
                    unused.add(0L);
                }
            }
        };
        churn.run();
        b.clear();
        long bytes = meter.measure(churn);
        assertEquals(0, bytes / 1024, "400,000 updates allocated " + bytes + " bytes");
    }
}
