package org.tradebench.core.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.tradebench.api.market.Side;

/**
 * The array book against the obvious reference, two {@link TreeMap}s, on a long random stream of
 * updates around a drifting mid price. Stale levels left behind by the drift make the book cross
 * now and then, so both the sound and the crossed state are checked.
 */
class OrderBookPropertyTest {

    private static final long SEED = 20_261_122L;
    private static final int OPS = 2_000_000;
    private static final int CHECK_EVERY = 256;
    private static final int TOP = 20;

    private final OrderBook book = new OrderBook(2, 4, 16);
    private final NavigableMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<Long, Long> asks = new TreeMap<>();
    private final long[] prices = new long[TOP];
    private final long[] sizes = new long[TOP];

    @Test
    void agreesWithATreeMapReferenceOnTwoMillionRandomUpdates() {
        SplittableRandom random = new SplittableRandom(SEED);
        long mid = 500_000;
        long sequence = 0;
        boolean sequenceBroken = false;
        int crossedChecks = 0;
        int soundChecks = 0;
        int removalsOfMissingLevels = 0;
        for (int op = 1; op <= OPS; op++) {
            int dice = random.nextInt(100_000);
            if (dice < 2) {
                book.clear();
                bids.clear();
                asks.clear();
                sequenceBroken = false;
            } else if (dice < 40) {
                int keep = random.nextInt(0, 300);
                book.truncate(keep);
                truncate(bids, keep);
                truncate(asks, keep);
            } else if (dice < 1_000) {
                mid = Math.clamp(mid + random.nextInt(-40, 41), 10_000, 990_000);
            } else if (dice < 30_000 && isCrossed()) {
                // What an exchange does after the market moved: the stale level on the wrong
                // side of the mid goes. Not every time, so crossed states last a while.
                boolean askIsStale = asks.firstKey() <= mid;
                NavigableMap<Long, Long> ref = askIsStale ? asks : bids;
                long stale = ref.firstKey();
                ref.remove(stale);
                book.set(askIsStale ? Side.SELL : Side.BUY, stale, 0);
            } else {
                boolean bid = random.nextBoolean();
                int kind = random.nextInt(100);
                long price;
                if (kind < 95) {
                    price = bid ? mid - random.nextInt(1, 400) : mid + random.nextInt(1, 400);
                } else {
                    // Anywhere near the market on either side of the mid: cleans up stale levels
                    // and sometimes crosses the book.
                    price = mid + random.nextInt(-2_000, 2_001);
                }
                long size = kind < 55 ? random.nextLong(1, 1_000_000) : 0;
                Side side = bid ? Side.BUY : Side.SELL;
                NavigableMap<Long, Long> ref = bid ? bids : asks;
                if (size == 0) {
                    if (ref.remove(price) == null) {
                        removalsOfMissingLevels++;
                    }
                } else {
                    ref.put(price, size);
                }
                book.set(side, price, size);
            }
            if (random.nextInt(100_000) == 0) {
                sequence -= random.nextInt(0, 3);
                sequenceBroken |= book.sequence() != OrderBook.NO_SEQUENCE;
            } else {
                sequence++;
            }
            book.updateSequence(sequence);

            if (op % CHECK_EVERY == 0) {
                boolean crossed = compareSummary(random, op);
                if (crossed) {
                    crossedChecks++;
                } else {
                    soundChecks++;
                }
                List<String> violations = book.violations();
                int expected = (crossed ? 1 : 0) + (sequenceBroken ? 1 : 0);
                assertEquals(expected, violations.size(), "after op " + op + ": " + violations);
                assertEquals(crossed, violations.stream().anyMatch(v -> v.startsWith("crossed book")),
                        "after op " + op + ": " + violations);
                assertEquals(sequenceBroken, violations.stream().anyMatch(v -> v.startsWith("sequence")),
                        "after op " + op + ": " + violations);
            }
        }
        compareFully(bids, Side.BUY);
        compareFully(asks, Side.SELL);
        assertTrue(crossedChecks > 100 && soundChecks > 100,
                "the stream should visit both states: crossed " + crossedChecks + ", sound " + soundChecks);
        assertTrue(removalsOfMissingLevels > 10_000, "removals of absent levels: " + removalsOfMissingLevels);
        assertTrue(book.levels(Side.BUY) > 50 && book.levels(Side.SELL) > 50,
                "book should be deep at the end: " + book);
    }

    private boolean isCrossed() {
        return !bids.isEmpty() && !asks.isEmpty() && bids.firstKey() >= asks.firstKey();
    }

    /** Compares best levels, counts, spread, depth and top-N; returns whether the reference is crossed. */
    private boolean compareSummary(SplittableRandom random, int op) {
        String at = "after op " + op;
        assertEquals(bids.size(), book.levels(Side.BUY), at);
        assertEquals(asks.size(), book.levels(Side.SELL), at);
        long bestBid = bids.isEmpty() ? 0 : bids.firstKey();
        long bestAsk = asks.isEmpty() ? 0 : asks.firstKey();
        assertEquals(bestBid, book.bestBid(), at);
        assertEquals(bestAsk, book.bestAsk(), at);
        assertEquals(bids.isEmpty() ? 0 : bids.firstEntry().getValue(), book.bestBidSize(), at);
        assertEquals(asks.isEmpty() ? 0 : asks.firstEntry().getValue(), book.bestAskSize(), at);
        assertEquals(bids.isEmpty() || asks.isEmpty() ? -1 : bestAsk - bestBid, book.spread(), at);
        compareTop(bids, Side.BUY, at);
        compareTop(asks, Side.SELL, at);
        compareRandomIndex(random, bids, Side.BUY, at);
        compareRandomIndex(random, asks, Side.SELL, at);
        return isCrossed();
    }

    private void compareTop(NavigableMap<Long, Long> ref, Side side, String at) {
        int n = book.copyTop(side, TOP, prices, sizes);
        assertEquals(Math.min(TOP, ref.size()), n, at);
        long cumulative = 0;
        Iterator<Map.Entry<Long, Long>> it = ref.entrySet().iterator();
        for (int i = 0; i < n; i++) {
            Map.Entry<Long, Long> e = it.next();
            assertEquals(e.getKey(), prices[i], at + " " + side + " level " + i);
            assertEquals(e.getValue(), sizes[i], at + " " + side + " level " + i);
            cumulative += e.getValue();
        }
        assertEquals(cumulative, book.cumulativeSize(side, TOP), at);
    }

    private void compareRandomIndex(SplittableRandom random, NavigableMap<Long, Long> ref, Side side, String at) {
        if (ref.isEmpty()) {
            return;
        }
        int index = random.nextInt(ref.size());
        Iterator<Map.Entry<Long, Long>> it = ref.entrySet().iterator();
        for (int i = 0; i < index; i++) {
            it.next();
        }
        Map.Entry<Long, Long> e = it.next();
        assertEquals(e.getKey(), book.price(side, index), at + " " + side + " level " + index);
        assertEquals(e.getValue(), book.size(side, index), at + " " + side + " level " + index);
    }

    private void compareFully(NavigableMap<Long, Long> ref, Side side) {
        assertEquals(ref.size(), book.levels(side));
        int i = 0;
        for (Map.Entry<Long, Long> e : ref.entrySet()) {
            assertEquals(e.getKey(), book.price(side, i), side + " level " + i);
            assertEquals(e.getValue(), book.size(side, i), side + " level " + i);
            i++;
        }
        assertEquals(ref.values().stream().mapToLong(Long::longValue).sum(), book.cumulativeSize(side, i));
    }

    private static void truncate(NavigableMap<Long, Long> ref, int keep) {
        while (ref.size() > keep) {
            ref.pollLastEntry();
        }
    }
}
