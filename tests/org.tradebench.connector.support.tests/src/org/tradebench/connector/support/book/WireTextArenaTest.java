package org.tradebench.connector.support.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;

/**
 * The wire-text arena under churn: levels (or orders) come, change and go with texts of every
 * length (shorter and longer than the eight-byte copies), the arena compacts and grows many times,
 * and after every change each live level's tag still gives exactly the text last stored for it,
 * and the interleaved checksum equals CRC32 of the reference string.
 */
class WireTextArenaTest {

    @Test
    void storeTagsTheTextAndClearStartsOver() {
        OrderBook book = new OrderBook(2, 2);
        WireTextArena arena = new WireTextArena();
        byte[] frame = "[1,[65000.5,3,-0.25]]".getBytes(StandardCharsets.US_ASCII);
        int at = book.set(Side.SELL, 6_500_050, 25, 3);
        long tag = arena.store(book, frame, 4, 11, 14, 19);
        book.setTag(Side.SELL, at, tag);
        assertEquals("65000.5:-0.25", arena.text(book.tag(Side.SELL, 0)));
        assertEquals(0L << 32 | 13, tag, "offset 0, 13 bytes");
        assertEquals(13, arena.longest());
        long second = arena.store(book, frame, 4, 5, 14, 15);
        assertEquals(13L << 32 | 3, second, "the next text follows the first");
        arena.clear();
        assertEquals(0L << 32 | 3, arena.store(book, frame, 4, 5, 14, 15), "after clear the arena starts over");
        assertEquals(13, arena.longest());
    }

    /** One random change: a level set to a text of random length, or removed. */
    private static String randomText(Random rnd, long key) {
        StringBuilder s = new StringBuilder(Long.toString(key));
        int pad = rnd.nextInt(10) == 0 ? 20 + rnd.nextInt(30) : rnd.nextInt(6);
        if (pad > 0) {
            s.append('.');
            for (int i = 0; i < pad; i++) {
                s.append((char) ('0' + rnd.nextInt(10)));
            }
        }
        return s.toString();
    }

    @ParameterizedTest(name = "perOrder={0} seed={1} levels={2}")
    @CsvSource({"false, 1, 40", "false, 99, 250", "true, 3, 40", "true, 2026, 120"})
    void everyLiveLevelKeepsItsTextThroughCompactionsAndGrowth(boolean perOrder, long seed, int levels) {
        Random rnd = new Random(seed);
        OrderBook book = new OrderBook(0, 0, 8, perOrder);
        WireTextArena arena = new WireTextArena();
        InterleavedCrc32 crc = new InterleavedCrc32(25);
        Map<Long, String> texts = new HashMap<>(); // key → "key:amount" (price, or order id)
        Map<Long, Side> sides = new HashMap<>();
        int compactionsSeen = 0;
        int grown = 0;
        int lastLength = arena.bytes().length;
        byte[] lastArena = arena.bytes();
        for (int op = 0; op < 60_000; op++) {
            // the book's size breathes: up to `levels` levels a side, then a long run of removals
            boolean removing = (op / 5_000) % 3 == 2 ? rnd.nextInt(3) != 0 : rnd.nextInt(4) == 0;
            boolean bid = rnd.nextBoolean();
            long price = bid ? 1_000 - rnd.nextInt(levels) : 1_001 + rnd.nextInt(levels);
            long key;
            Side side;
            if (perOrder) {
                key = 10_000 + rnd.nextInt(4 * levels);
                side = sides.getOrDefault(key, bid ? Side.BUY : Side.SELL);
                if (side == Side.BUY) {
                    price = Math.min(price, 1_000);
                } else {
                    price = Math.max(price, 1_001);
                }
            } else {
                key = price;
                side = bid ? Side.BUY : Side.SELL;
            }
            long size = removing ? 0 : 1 + rnd.nextInt(1_000_000);
            int at = perOrder ? book.setOrder(side, key, price, size) : book.set(side, price, size, 1);
            if (size == 0) {
                texts.remove(key);
                sides.remove(key);
            } else {
                String keyText = randomText(rnd, key);
                String amount = (side == Side.SELL ? "-" : "") + randomText(rnd, size);
                String frame = "[" + keyText + "," + amount + "]";
                byte[] b = frame.getBytes(StandardCharsets.US_ASCII);
                int keyEnd = 1 + keyText.length();
                long tag = arena.store(book, b, 1, keyEnd, keyEnd + 1, b.length - 1);
                book.setTag(side, at, tag);
                texts.put(key, keyText + ":" + amount);
                sides.put(key, side);
            }
            if (arena.bytes() != lastArena) {
                if (arena.bytes().length > lastLength) {
                    grown++;
                    lastLength = arena.bytes().length;
                } else {
                    compactionsSeen++;
                }
                lastArena = arena.bytes();
            }
            check(book, arena, texts, op);
            if (op % 97 == 0) {
                assertEquals(reference(book, texts, 25), crc.text(book, arena), "checksum string at op " + op);
                assertEquals(ChecksumBookSyncTest.crc(reference(book, texts, 25)), crc.checksum(book, arena),
                        "checksum at op " + op);
            }
        }
        System.out.printf("arena perOrder=%s seed=%d levels=%d: %d compactions, grown %d times to %d bytes,"
                + " longest %d%n", perOrder, seed, levels, compactionsSeen, grown, arena.bytes().length,
                arena.longest());
        assertTrue(compactionsSeen > 20, "compacted " + compactionsSeen + " times");
        assertTrue(levels < 100 || grown > 0, "a big book grows the arena");
        assertTrue(arena.longest() > 16, "texts longer than the sixteen bytes copied first");
    }

    private static void check(OrderBook book, WireTextArena arena, Map<Long, String> texts, int op) {
        int live = 0;
        for (Side side : Side.values()) {
            for (int i = 0; i < book.levels(side); i++) {
                long key = book.perOrder() ? book.orderId(side, i) : book.price(side, i);
                String expected = texts.get(key);
                String actual = arena.text(book.tag(side, i));
                if (!actual.equals(expected)) {
                    fail("op " + op + ": " + side + " level " + i + " (key " + key + ") has text '" + actual
                            + "', expected '" + expected + "'");
                }
                live++;
            }
        }
        assertEquals(texts.size(), live, "levels at op " + op);
    }

    /** The checksum string from the reference: best bid, best ask, next bid, ... */
    static String reference(OrderBook book, Map<Long, String> texts, int depth) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            for (Side side : Side.values()) {
                if (i < book.levels(side)) {
                    long key = book.perOrder() ? book.orderId(side, i) : book.price(side, i);
                    s.append(s.length() == 0 ? "" : ":").append(texts.get(key));
                }
            }
        }
        return s.toString();
    }
}
