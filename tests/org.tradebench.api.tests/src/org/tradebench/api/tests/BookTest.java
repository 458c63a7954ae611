package org.tradebench.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tradebench.api.tests.TestValues.BTC;
import static org.tradebench.api.tests.TestValues.T0;
import static org.tradebench.api.tests.TestValues.d;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookEvent;
import org.tradebench.api.market.BookGrouping;
import org.tradebench.api.market.BookLevel;
import org.tradebench.api.market.BookListener;
import org.tradebench.api.market.BookOptions;
import org.tradebench.api.market.BookRequest;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.BookSnapshot;
import org.tradebench.api.market.BookUpdate.Kind;
import org.tradebench.api.market.Side;

class BookTest {

    private static final long T0_MS = T0.toEpochMilli();
    private static final long[][] NONE = new long[0][];
    /** Price scale 2, size scale 4: 6500012 is 65000.12, 150000 is 15. */
    private static final long[][] BIDS = { { 6500012, 150000, 3, 0 }, { 6500000, 5000, 1, 0 } };
    private static final long[][] ASKS = { { 6500100, 2500, -1, 0 } };
    private static final ArrayBook BOOK = new ArrayBook(2, 4, false, 7, BIDS, ASKS);

    private static String refused(Executable executable) {
        return assertThrows(IllegalArgumentException.class, executable).getMessage();
    }

    private static ArrayBookUpdate update(Kind kind, long[][] bids, long[][] asks, ArrayBook book, String reason) {
        return new ArrayBookUpdate(BTC, kind, book.sequence(), T0_MS, T0_MS + 5, reason, bids, asks, book);
    }

    @Test
    void snapshotUpdateBecomesASnapshotRecordInDecimals() {
        BookEvent event = update(Kind.SNAPSHOT, BIDS, ASKS, BOOK, null).toEvent();
        BookSnapshot snapshot = assertInstanceOf(BookSnapshot.class, event);
        assertEquals(BTC, snapshot.instrument());
        assertEquals(7, snapshot.sequence());
        assertEquals(T0, snapshot.time());
        assertEquals(T0.plusMillis(5), snapshot.received());
        assertEquals(List.of(new BookLevel(d("65000.12"), d("15"), null, 3), new BookLevel(d("65000"), d("0.5"), null, 1)),
                snapshot.bids());
        assertEquals(List.of(new BookLevel(d("65001"), d("0.25"), null, -1)), snapshot.asks());
    }

    @Test
    void deltaUpdateKeepsARemovalAsSizeZero() {
        ArrayBook after = new ArrayBook(2, 4, false, 8, new long[][] { BIDS[1] }, ASKS);
        BookDelta delta = assertInstanceOf(BookDelta.class,
                update(Kind.DELTA, new long[][] { { 6500012, 0, 0, 0 } }, NONE, after, null).toEvent());
        assertEquals(8, delta.sequence());
        assertEquals(1, delta.bids().size());
        assertTrue(delta.bids().get(0).isRemoval());
        assertEquals(d("65000.12"), delta.bids().get(0).price());
        assertTrue(delta.asks().isEmpty());
    }

    @Test
    void perOrderUpdateCarriesOrderIds() {
        long[][] orders = { { 6500012, 150000, -1, 123456789012L } };
        ArrayBook raw = new ArrayBook(2, 4, true, 3, orders, NONE);
        BookSnapshot snapshot = (BookSnapshot) update(Kind.SNAPSHOT, orders, NONE, raw, null).toEvent();
        assertEquals("123456789012", snapshot.bids().get(0).orderId());
        assertEquals(List.of(new BookLevel(d("65000.12"), d("15"), "123456789012", -1)),
                raw.toSnapshot(BTC, 10, T0, T0).bids());
    }

    @Test
    void resetUpdateBecomesAResetRecordWithItsReason() {
        ArrayBookUpdate reset = update(Kind.RESET, NONE, NONE, ArrayBook.empty(2, 4, 9), BookReset.CHECKSUM_MISMATCH);
        assertEquals(new BookReset(BTC, 9, T0, T0.plusMillis(5), "checksum mismatch"), reset.toEvent());
        assertEquals(T0, reset.time());
        assertEquals(T0.plusMillis(5), reset.received());
        assertTrue(reset.book().isEmpty());
    }

    @Test
    void eventListenerReceivesTheImmutableRecordOfEachUpdate() {
        List<BookEvent> events = new ArrayList<>();
        BookListener listener = BookListener.ofEvents(events::add);
        ArrayBookUpdate snapshot = update(Kind.SNAPSHOT, BIDS, ASKS, BOOK, null);
        listener.onBook(snapshot);
        listener.onBook(update(Kind.RESET, NONE, NONE, ArrayBook.empty(2, 4, 8), BookReset.SEQUENCE_GAP));
        assertEquals(2, events.size());
        assertEquals(snapshot.toEvent(), events.get(0));
        assertEquals("sequence gap", ((BookReset) events.get(1)).reason());
        assertThrows(NullPointerException.class, () -> BookListener.ofEvents(null));
    }

    @Test
    void bookViewGivesDecimalsAndABoundedSnapshot() {
        assertEquals(d("65000.12"), BOOK.priceDecimal(Side.BUY, 0));
        assertEquals(d("0.25"), BOOK.sizeDecimal(Side.SELL, 0));
        assertFalse(BOOK.isEmpty());
        BookSnapshot top = BOOK.toSnapshot(BTC, 1, T0, T0.plusMillis(1));
        assertEquals(7, top.sequence());
        assertEquals(List.of(new BookLevel(d("65000.12"), d("15"), null, 3)), top.bids());
        assertEquals(1, top.asks().size());
        assertEquals(2, BOOK.toSnapshot(BTC, 100, T0, T0).bids().size(), "depth is an upper bound");
    }

    @Test
    void levelsAreNormalisedAndValidated() {
        assertEquals(new BookLevel(d("100.10"), d("2.0")), new BookLevel(d("100.1"), d("2")));
        assertEquals(-1, new BookLevel(d("1"), d("1"), "42").orderCount());
        assertEquals("price must be > 0, was 0", refused(() -> new BookLevel(d("0"), d("1"))));
        assertEquals("quantity must be >= 0, was -2", refused(() -> new BookLevel(d("1"), d("-2"))));
        assertEquals("order count must be >= 0 or -1 (unknown), was -2",
                refused(() -> new BookLevel(d("1"), d("1"), null, -2)));
    }

    @Test
    void snapshotCopiesItsLists() {
        List<BookLevel> bids = new ArrayList<>(List.of(new BookLevel(d("1"), d("1"))));
        BookSnapshot s = new BookSnapshot(BTC, 1, T0, T0, bids, List.of());
        bids.clear();
        assertEquals(1, s.bids().size());
        assertThrows(UnsupportedOperationException.class, () -> s.asks().add(new BookLevel(d("2"), d("1"))));
    }

    @Test
    void bookRequestDefaultsToTheFinestAggregatedBookAtTheFastestInterval() {
        BookRequest request = new BookRequest(BTC, 25);
        assertEquals(25, request.depth());
        assertFalse(request.perOrder());
        assertEquals(BookGrouping.NONE, request.grouping());
        assertNull(request.updateInterval());
        BookRequest raw = BookRequest.perOrder(BTC, 250);
        assertTrue(raw.perOrder());
        assertEquals(BookGrouping.NONE, raw.grouping());
        BookRequest grouped = request.withGrouping(BookGrouping.significantDigits(4))
                .withUpdateInterval(Duration.ofSeconds(2));
        assertEquals(4, grouped.grouping().digits());
        assertEquals(Duration.ofSeconds(2), grouped.updateInterval());
        assertEquals(Duration.ZERO, request.withUpdateInterval(Duration.ZERO).updateInterval());
    }

    @Test
    void bookRequestRefusesImpossibleBooks() {
        assertEquals("book depth must be 1..10000, was 0", refused(() -> new BookRequest(BTC, 0)));
        assertEquals("book depth must be 1..10000, was 10001", refused(() -> new BookRequest(BTC, 10_001)));
        assertEquals("a per-order book is not grouped",
                refused(() -> BookRequest.perOrder(BTC, 25).withGrouping(BookGrouping.increment(d("10")))));
        assertEquals("update interval must be >= 0, was PT-1S",
                refused(() -> new BookRequest(BTC, 25).withUpdateInterval(Duration.ofSeconds(-1))));
        assertEquals("grouping", assertThrows(NullPointerException.class,
                () -> new BookRequest(BTC, 25, false, null, null)).getMessage());
    }

    @Test
    void groupingDescribesItselfAndIsNormalised() {
        assertEquals("none", BookGrouping.NONE.describe());
        assertEquals(BookGrouping.NONE, new BookGrouping(BookGrouping.Kind.NONE, null, 0));
        BookGrouping ten = BookGrouping.increment(d("10.0"));
        assertEquals(BookGrouping.Kind.INCREMENT, ten.kind());
        assertEquals(d("10"), ten.increment());
        assertEquals("10", ten.describe());
        assertEquals("0.5", BookGrouping.increment(d("0.50")).describe());
        assertEquals("4 significant digits", BookGrouping.significantDigits(4).describe());
        assertEquals(BookGrouping.significantDigits(4),
                new BookGrouping(BookGrouping.Kind.SIGNIFICANT_DIGITS, null, 4));
    }

    @Test
    void groupingRefusesMixedParameters() {
        assertEquals("no grouping takes no increment and no digits",
                refused(() -> new BookGrouping(BookGrouping.Kind.NONE, BigDecimal.ONE, 0)));
        assertEquals("no grouping takes no increment and no digits",
                refused(() -> new BookGrouping(BookGrouping.Kind.NONE, null, 3)));
        assertEquals("an increment grouping takes no digits",
                refused(() -> new BookGrouping(BookGrouping.Kind.INCREMENT, BigDecimal.TEN, 2)));
        assertEquals("grouping increment must be > 0, was 0", refused(() -> BookGrouping.increment(d("0"))));
        assertEquals("grouping increment",
                assertThrows(NullPointerException.class, () -> BookGrouping.increment(null)).getMessage());
        assertEquals("significant digits must be 1..18 with no increment, was 0",
                refused(() -> BookGrouping.significantDigits(0)));
        assertEquals("significant digits must be 1..18 with no increment, was 19",
                refused(() -> BookGrouping.significantDigits(19)));
        assertEquals("significant digits must be 1..18 with no increment, was 4",
                refused(() -> new BookGrouping(BookGrouping.Kind.SIGNIFICANT_DIGITS, BigDecimal.ONE, 4)));
    }

    @Test
    void bookOptionsListWhatTheExchangeOffers() {
        List<Integer> depths = new ArrayList<>(List.of(1, 25, 100, 250));
        List<BookGrouping> groupings = List.of(BookGrouping.NONE, BookGrouping.significantDigits(4),
                BookGrouping.significantDigits(3), BookGrouping.significantDigits(2), BookGrouping.significantDigits(1));
        BookOptions bitfinex = new BookOptions(depths, true, groupings, List.of(Duration.ZERO, Duration.ofSeconds(2)),
                true, true);
        depths.add(1000);
        assertEquals(250, bitfinex.maxDepth());
        assertEquals(List.of(1, 25, 100, 250), bitfinex.depths());
        assertEquals(5, bitfinex.groupings().size());
        assertTrue(bitfinex.perOrder());
        assertTrue(bitfinex.orderCounts());
        assertTrue(bitfinex.checksummed());
        assertEquals(Duration.ZERO, bitfinex.updateIntervals().get(0));
    }

    @Test
    void bookOptionsNeedADepthAnIntervalAndNoneFirst() {
        List<BookGrouping> none = List.of(BookGrouping.NONE);
        List<Duration> realtime = List.of(Duration.ZERO);
        assertEquals("a book offers at least one depth",
                refused(() -> new BookOptions(List.of(), false, none, realtime, false, false)));
        assertEquals("groupings start with BookGrouping.NONE", refused(() -> new BookOptions(List.of(25), false,
                List.of(BookGrouping.significantDigits(4), BookGrouping.NONE), realtime, false, false)));
        assertEquals("groupings start with BookGrouping.NONE",
                refused(() -> new BookOptions(List.of(25), false, List.of(), realtime, false, false)));
        assertEquals("a book offers at least one update interval",
                refused(() -> new BookOptions(List.of(25), false, none, List.of(), false, false)));
    }
}
