package org.tradebench.core.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookDelta;
import org.tradebench.api.market.BookLevel;
import org.tradebench.api.market.Side;

/**
 * The per-order book against the obvious reference (a {@link TreeMap} per side keyed by price and
 * order id, and a map from id to where the order rests) on a long random stream of adds, size
 * changes, moves (some to the other side), removals by id (some naming the wrong side or an
 * unknown id), truncations and clears, partly sent through {@link OrderBook#apply}. Few prices and
 * random ids make many ties. Bids stay below and asks above a fixed mid, so the book must be sound
 * after every single operation; the index each change returns and {@code previousPrice/Size} are
 * checked every time too.
 */
class PerOrderBookPropertyTest {

    private static final long SEED = 20_261_204L;
    private static final int OPS = 300_000;
    private static final int COMPARE_EVERY = 128;
    private static final long MID = 100_000;
    /** Prices per side: few, so that many orders share a price. */
    private static final int PRICES = 60;
    private static final int TARGET_ORDERS = 300;
    private static final InstrumentId BTC = new InstrumentId("bitfinex", "BTC/USD");
    private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

    private record Key(long price, long id) {
    }

    private record Resting(Side side, long price, long size) {
    }

    private final OrderBook book = new OrderBook(2, 4, 4, true);
    private final NavigableMap<Key, Long> bids = new TreeMap<>(
            Comparator.comparingLong(Key::price).reversed().thenComparingLong(Key::id));
    private final NavigableMap<Key, Long> asks = new TreeMap<>(
            Comparator.comparingLong(Key::price).thenComparingLong(Key::id));
    private final Map<Long, Resting> resting = new HashMap<>();
    /** The ids in {@link #resting}, for picking one at random. */
    private final List<Long> ids = new ArrayList<>();
    private final Map<Long, Integer> idIndex = new HashMap<>();

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final int[] counts = new int[8];
    private long sequence;

    private static final int ADD = 0;
    private static final int RESIZE = 1;
    private static final int MOVE = 2;
    private static final int SWITCH_SIDE = 3;
    private static final int REMOVE = 4;
    private static final int REMOVE_WRONG_SIDE = 5;
    private static final int REMOVE_UNKNOWN = 6;
    private static final int THROUGH_APPLY = 7;

    @Test
    void agreesWithATreeMapReferenceOnRandomOrderUpdates() {
        int maxOrders = 0;
        for (int op = 1; op <= OPS; op++) {
            int dice = random.nextInt(100_000);
            if (dice < 5) {
                book.clear();
                bids.clear();
                asks.clear();
                resting.clear();
                ids.clear();
                idIndex.clear();
            } else if (dice < 60) {
                int keep = random.nextInt(0, 200);
                book.truncate(keep);
                truncate(bids, keep);
                truncate(asks, keep);
            } else {
                change(op);
            }
            book.updateSequence(++sequence);
            assertEquals(List.of(), book.violations(), "after op " + op);
            maxOrders = Math.max(maxOrders, resting.size());
            if (op % COMPARE_EVERY == 0) {
                compare(bids, Side.BUY, op);
                compare(asks, Side.SELL, op);
            }
        }
        compare(bids, Side.BUY, OPS);
        compare(asks, Side.SELL, OPS);
        for (int kind = 0; kind < counts.length; kind++) {
            assertTrue(counts[kind] > 1_000, "operation kind " + kind + " ran " + counts[kind] + " times");
        }
        assertTrue(maxOrders > TARGET_ORDERS, "the book should get deep: at most " + maxOrders + " orders");
        int ties = 0;
        for (int i = 1; i < book.levels(Side.BUY); i++) {
            ties += book.price(Side.BUY, i) == book.price(Side.BUY, i - 1) ? 1 : 0;
        }
        assertTrue(ties > 10, "orders sharing a price at the end: " + ties);
    }

    private void change(int op) {
        String at = "op " + op;
        int kind = random.nextInt(100);
        boolean throughApply = random.nextInt(10) == 0;
        boolean grow = resting.size() < TARGET_ORDERS;
        if (ids.isEmpty() || kind < (grow ? 35 : 25)) {
            long id = random.nextLong(1, 1L << 40);
            Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            long price = randomPrice(side);
            long size = random.nextLong(1, 10_000_000);
            Resting before = resting.get(id);
            send(side, id, price, size, throughApply, at);
            expectPrevious(before, at);
            counts[ADD]++;
            return;
        }
        long id = ids.get(random.nextInt(ids.size()));
        Resting r = resting.get(id);
        if (kind < 55) {
            send(r.side, id, r.price, random.nextLong(1, 10_000_000), throughApply, at);
            expectPrevious(r.price, r.size, at);
            counts[RESIZE]++;
        } else if (kind < 72) {
            send(r.side, id, randomPrice(r.side), r.size, throughApply, at);
            expectPrevious(r.price, r.size, at);
            counts[MOVE]++;
        } else if (kind < 75) {
            Side other = r.side == Side.BUY ? Side.SELL : Side.BUY;
            send(other, id, randomPrice(other), random.nextLong(1, 10_000_000), throughApply, at);
            expectPrevious(r.price, r.size, at);
            counts[SWITCH_SIDE]++;
        } else if (kind < 95) {
            boolean wrongSide = random.nextInt(10) == 0;
            Side named = wrongSide ? (r.side == Side.BUY ? Side.SELL : Side.BUY) : r.side;
            // the price of a removal is ignored: sometimes the right one, sometimes not
            long price = random.nextBoolean() ? r.price : randomPrice(named);
            send(named, id, price, 0, throughApply, at);
            expectPrevious(r.price, r.size, at);
            counts[wrongSide ? REMOVE_WRONG_SIDE : REMOVE]++;
        } else {
            long unknown = random.nextLong(1L << 41, 1L << 42);
            send(random.nextBoolean() ? Side.BUY : Side.SELL, unknown, randomPrice(Side.BUY), 0, throughApply, at);
            expectPrevious(0, 0, at);
            counts[REMOVE_UNKNOWN]++;
        }
        if (throughApply) {
            counts[THROUGH_APPLY]++;
        }
    }

    private long randomPrice(Side side) {
        long offset = random.nextLong(1, PRICES + 1);
        return side == Side.BUY ? MID - offset : MID + offset;
    }

    /** Applies one change to the book (directly or as a one-level delta) and to the reference. */
    private void send(Side side, long id, long price, long size, boolean throughApply, String at) {
        Resting before = resting.get(id);
        if (before != null) {
            side(before.side).remove(new Key(before.price, id));
            forget(id);
        }
        int expectedIndex = -1;
        if (size > 0) {
            Key key = new Key(price, id);
            NavigableMap<Key, Long> ref = side(side);
            ref.put(key, size);
            resting.put(id, new Resting(side, price, size));
            idIndex.put(id, ids.size());
            ids.add(id);
            expectedIndex = ref.headMap(key).size();
        }
        if (throughApply) {
            BookLevel level = new BookLevel(BigDecimal.valueOf(price, 2), BigDecimal.valueOf(size, 4),
                    Long.toString(id));
            List<BookLevel> one = List.of(level);
            book.apply(new BookDelta(BTC, ++sequence, T, T, side == Side.BUY ? one : List.of(),
                    side == Side.BUY ? List.of() : one));
        } else {
            assertEquals(expectedIndex, book.setOrder(side, id, price, size),
                    at + ": index of " + side + " order " + id + " at " + price + " size " + size);
        }
    }

    private void expectPrevious(Resting before, String at) {
        if (before == null) {
            expectPrevious(0, 0, at);
        } else {
            expectPrevious(before.price, before.size, at);
        }
    }

    private void expectPrevious(long price, long size, String at) {
        assertEquals(price, book.previousPrice(), at + ": previousPrice");
        assertEquals(size, book.previousSize(), at + ": previousSize");
    }

    private NavigableMap<Key, Long> side(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    private void forget(long id) {
        resting.remove(id);
        int i = idIndex.remove(id);
        long last = ids.remove(ids.size() - 1);
        if (last != id) {
            ids.set(i, last);
            idIndex.put(last, i);
        }
    }

    private void truncate(NavigableMap<Key, Long> ref, int keep) {
        while (ref.size() > keep) {
            forget(ref.pollLastEntry().getKey().id());
        }
    }

    private void compare(NavigableMap<Key, Long> ref, Side side, int op) {
        String at = "after op " + op + ", " + side;
        assertEquals(ref.size(), book.levels(side), at + " levels");
        int i = 0;
        long cumulative = 0;
        for (Map.Entry<Key, Long> e : ref.entrySet()) {
            assertEquals(e.getKey().price(), book.price(side, i), at + " price at " + i);
            assertEquals(e.getKey().id(), book.orderId(side, i), at + " order id at " + i);
            assertEquals(e.getValue(), book.size(side, i), at + " size at " + i);
            cumulative += e.getValue();
            i++;
        }
        assertEquals(cumulative, book.cumulativeSize(side, i), at + " cumulative size");
        assertEquals(ref.isEmpty() ? 0 : ref.firstKey().price(), side == Side.BUY ? book.bestBid() : book.bestAsk(),
                at + " best price");
    }
}
