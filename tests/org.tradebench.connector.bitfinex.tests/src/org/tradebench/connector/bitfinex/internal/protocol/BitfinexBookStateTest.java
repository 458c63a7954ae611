package org.tradebench.connector.bitfinex.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.tradebench.api.market.Side;

/** The book state: sorting, replacement, removal, raw order moves, and the checksum under churn. */
class BitfinexBookStateTest {

    private static final BitfinexChannel P0 = new BitfinexChannel(1, BitfinexChannelType.BOOK, "book",
            BitfinexSymbols.parse("tBTCUSD"), null, "P0", "F0", 25, null, 10, 8);
    private static final BitfinexChannel R0 = new BitfinexChannel(2, BitfinexChannelType.RAW_BOOK, "book",
            BitfinexSymbols.parse("tBTCUSD"), null, "R0", "F0", 25, null, 10, 8);

    private final BitfinexBookRow row = new BitfinexBookRow();

    /** Fills the reusable row from text the way the decoder does: units plus wire-text positions. */
    private BitfinexBookRow aggregated(String price, int count, String amount) {
        String text = price + "," + amount;
        return row.set(P0, text, 0, 0, 0, units(price, 10), 0, price.length(), count, -1, units(amount, 8),
                price.length() + 1, text.length());
    }

    private BitfinexBookRow raw(long id, String price, String amount) {
        String text = id + "," + price + "," + amount;
        int p = Long.toString(id).length() + 1;
        return row.set(R0, text, id, 0, p - 1, units(price, 10), p, p + price.length(), -1, -1, units(amount, 8),
                p + price.length() + 1, text.length());
    }

    private static long units(String text, int scale) {
        return org.tradebench.core.book.ScaledDecimal.parseUnits(text, scale);
    }

    @Test
    void aggregatedLevelsAreSortedBestFirstAndReplacedInPlace() {
        BitfinexBookState book = new BitfinexBookState(P0);
        book.apply(aggregated("100", 1, "1"));
        book.apply(aggregated("102", 1, "2"));
        book.apply(aggregated("101", 1, "3"));
        book.apply(aggregated("104", 1, "-1"));
        book.apply(aggregated("103", 1, "-2"));
        book.apply(aggregated("101", 4, "3.5"));
        assertEquals(3, book.levels(Side.BUY));
        assertEquals(new BigDecimal("102"), book.priceDecimal(Side.BUY, 0));
        assertEquals(new BigDecimal("3.5"), book.quantityDecimal(Side.BUY, 1));
        assertEquals(4, book.count(Side.BUY, 1));
        assertEquals(new BigDecimal("103"), book.priceDecimal(Side.SELL, 0));
        assertEquals("102:2:103:-2:101:3.5:104:-1:100:1", book.checksumText());
        assertEquals(BitfinexChecksum.crc32(book.checksumText()), book.checksum());
    }

    @Test
    void countZeroRemovesAndUnknownRemovalsChangeNothing() {
        BitfinexBookState book = new BitfinexBookState(P0);
        book.apply(aggregated("100", 1, "1"));
        book.apply(aggregated("101", 1, "-1"));
        assertTrue(book.apply(aggregated("100", 0, "1")));
        assertFalse(book.apply(aggregated("99", 0, "1")));
        assertEquals(0, book.levels(Side.BUY));
        assertEquals("101:-1", book.checksumText());
    }

    @Test
    void rawOrdersMoveBetweenPricesAndPriceZeroRemoves() {
        BitfinexBookState book = new BitfinexBookState(R0);
        book.apply(raw(11, "100", "1"));
        book.apply(raw(12, "100", "2"));
        book.apply(raw(10, "100", "0.5"));
        book.apply(raw(20, "101", "-1"));
        assertEquals("10:0.5:20:-1:11:1:12:2", book.checksumText());
        assertEquals(0, book.previousPrice());
        book.apply(raw(11, "99.5", "1"));
        assertEquals(units("100", 10), book.previousPrice());
        assertEquals("10:0.5:20:-1:12:2:11:1", book.checksumText());
        assertTrue(book.apply(raw(20, "0", "-1")));
        assertEquals(units("101", 10), book.previousPrice());
        assertFalse(book.apply(raw(21, "0", "-1")));
        assertEquals(0, book.levels(Side.SELL));
        assertEquals(11, book.orderId(Side.BUY, 2));
    }

    @Test
    void rowsOfAnotherKindAreRefused() {
        BitfinexBookState book = new BitfinexBookState(P0);
        assertThrows(IllegalArgumentException.class, () -> book.apply(raw(1, "100", "1")));
        BitfinexChannel funding = new BitfinexChannel(3, BitfinexChannelType.BOOK, "book", BitfinexSymbols.parse("fUSD"),
                null, "P0", null, 25, null, 10, 8);
        assertThrows(IllegalArgumentException.class, () -> new BitfinexBookState(funding));
    }

    /**
     * Thousands of random updates (enough to compact the text arena many times) against a TreeMap
     * reference: after each batch the checksum text is what the reference book renders.
     */
    @Test
    void randomUpdatesMatchAReferenceBookThroughArenaCompactions() {
        Random random = new Random(7);
        BitfinexBookState book = new BitfinexBookState(P0);
        TreeMap<BigDecimal, String> bids = new TreeMap<>(Comparator.reverseOrder());
        TreeMap<BigDecimal, String> asks = new TreeMap<>();
        for (int step = 0; step < 20_000; step++) {
            boolean bid = random.nextBoolean();
            int tick = bid ? 1000 - random.nextInt(60) : 1001 + random.nextInt(60);
            String price = tick % 7 == 0 ? new BigDecimal(tick).movePointLeft(3).toPlainString() + "e2" // 99.4 as 0.994e2
                    : new BigDecimal(tick).movePointLeft(1).toPlainString();
            BigDecimal key = new BigDecimal(price);
            TreeMap<BigDecimal, String> side = bid ? bids : asks;
            if (random.nextInt(4) == 0) {
                book.apply(aggregated(price, 0, bid ? "1" : "-1"));
                side.remove(key);
            } else {
                String amount = (bid ? "" : "-") + (1 + random.nextInt(5000)) / 1000.0;
                if (random.nextInt(9) == 0) {
                    amount = (bid ? "" : "-") + (1 + random.nextInt(9)) + "e-7";
                }
                book.apply(aggregated(price, 1 + random.nextInt(5), amount));
                side.put(key, price + ":" + amount);
            }
            if (step % 97 == 0) {
                assertEquals(reference(bids, asks), book.checksumText(), "after step " + step);
                assertEquals(BitfinexChecksum.crc32(reference(bids, asks)), book.checksum(), "after step " + step);
            }
        }
        assertEquals(bids.size(), book.levels(Side.BUY));
        assertEquals(asks.size(), book.levels(Side.SELL));
    }

    private static String reference(TreeMap<BigDecimal, String> bids, TreeMap<BigDecimal, String> asks) {
        List<String> parts = new ArrayList<>();
        List<String> b = new ArrayList<>(bids.values());
        List<String> a = new ArrayList<>(asks.values());
        for (int i = 0; i < 25; i++) {
            if (i < b.size()) {
                parts.add(b.get(i));
            }
            if (i < a.size()) {
                parts.add(a.get(i));
            }
        }
        return String.join(":", parts);
    }

    @Test
    void clearEmptiesTheBook() {
        BitfinexBookState book = new BitfinexBookState(P0);
        book.apply(aggregated("100", 1, "1"));
        book.clear();
        assertEquals(0, book.levels(Side.BUY));
        assertEquals("", book.checksumText());
        assertEquals(BitfinexChecksum.crc32(""), book.checksum());
    }
}
