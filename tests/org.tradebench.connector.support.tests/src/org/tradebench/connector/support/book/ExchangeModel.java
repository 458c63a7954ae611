package org.tradebench.connector.support.book;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;

/**
 * The exchange side of a randomized test: a book evolving by single-level updates, each with its
 * own update id, published in diffs that batch a few consecutive updates the way Binance does
 * (each diff carries the final size of every level its updates touched). Update ids are either
 * contiguous (spot, Backpack, Bluefin) or jump between updates (Binance futures, whose ids are
 * shared across symbols), and each diff knows the previous diff's last id ({@code pu}).
 *
 * <p>Bids live below {@link #ASK_LOW} and asks at or above it, so the book never crosses.
 */
final class ExchangeModel {

    static final long BID_LOW = 10_000;
    static final long ASK_LOW = 10_040;
    static final long ASK_HIGH = 10_080;

    final int updates;
    final long[] ids;
    final boolean[] bid;
    final long[] price;
    final long[] size;

    final int diffs;
    final int[] diffEnd; // exclusive index into the updates
    final long[] first;
    final long[] last;
    final long[] previous;
    final long[][] diffLevels; // per diff: side (0 bid, 1 ask), price, size triples

    ExchangeModel(long seed, int diffCount, boolean jumpingIds) {
        Random rnd = new Random(seed);
        diffs = diffCount;
        diffEnd = new int[diffCount];
        first = new long[diffCount];
        last = new long[diffCount];
        previous = new long[diffCount];
        diffLevels = new long[diffCount][];
        List<long[]> all = new ArrayList<>();
        long id = 1_000 + rnd.nextInt(1_000);
        long prev = id;
        for (int d = 0; d < diffCount; d++) {
            int n = 1 + rnd.nextInt(d < 20 ? 12 : 5); // the first diffs fill the book
            Map<Long, long[]> touched = new LinkedHashMap<>();
            for (int k = 0; k < n; k++) {
                id += jumpingIds ? 1 + rnd.nextInt(4) : 1;
                boolean b = rnd.nextBoolean();
                long p = b ? BID_LOW + rnd.nextInt((int) (ASK_LOW - BID_LOW)) : ASK_LOW + rnd.nextInt((int) (ASK_HIGH - ASK_LOW));
                long s = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(1_000);
                all.add(new long[] {id, b ? 1 : 0, p, s});
                if (k == 0) {
                    first[d] = id;
                }
                touched.put(b ? p : -p, new long[] {b ? 0 : 1, p, s});
            }
            last[d] = id;
            previous[d] = prev;
            prev = id;
            diffEnd[d] = all.size();
            // Bids and asks come in any order within a diff.
            List<long[]> levels = new ArrayList<>(touched.values());
            Collections.shuffle(levels, rnd);
            long[] flat = new long[levels.size() * 3];
            for (int i = 0; i < levels.size(); i++) {
                System.arraycopy(levels.get(i), 0, flat, i * 3, 3);
            }
            diffLevels[d] = flat;
        }
        updates = all.size();
        ids = new long[updates];
        bid = new boolean[updates];
        price = new long[updates];
        size = new long[updates];
        for (int i = 0; i < updates; i++) {
            long[] u = all.get(i);
            ids[i] = u[0];
            bid[i] = u[1] == 1;
            price[i] = u[2];
            size[i] = u[3];
        }
    }

    /** The index of the first update of diff {@code d}. */
    int diffStart(int d) {
        return d == 0 ? 0 : diffEnd[d - 1];
    }

    /**
     * The exchange's book as of an update id, rebuilt or advanced as needed (reads usually move
     * forward, so each one costs only the updates since the previous read).
     */
    final class Reference {
        private final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
        private final TreeMap<Long, Long> asks = new TreeMap<>();
        private int applied;

        Reference at(long updateId) {
            if (applied > 0 && ids[applied - 1] > updateId) {
                bids.clear();
                asks.clear();
                applied = 0;
            }
            while (applied < updates && ids[applied] <= updateId) {
                TreeMap<Long, Long> side = bid[applied] ? bids : asks;
                if (size[applied] == 0) {
                    side.remove(price[applied]);
                } else {
                    side.put(price[applied], size[applied]);
                }
                applied++;
            }
            return this;
        }

        /** Feeds this book as a snapshot's levels, asks first when {@code asksFirst}. */
        void feedLevels(UpdateIdBookSync sync, boolean asksFirst) {
            if (asksFirst) {
                asks.forEach((p, s) -> sync.level(Side.SELL, p, s));
            }
            bids.forEach((p, s) -> sync.level(Side.BUY, p, s));
            if (!asksFirst) {
                asks.forEach((p, s) -> sync.level(Side.SELL, p, s));
            }
        }

        /** Where the local book differs from this one, or null when they are equal. */
        String difference(OrderBook book) {
            String expected = render(bids, asks);
            String actual = RecordingTarget.render(book);
            return expected.equals(actual) ? null : "expected " + expected + "\n but was " + actual;
        }

        private static String render(TreeMap<Long, Long> bids, TreeMap<Long, Long> asks) {
            StringBuilder s = new StringBuilder();
            boolean firstLevel = true;
            for (Map.Entry<Long, Long> e : bids.entrySet()) {
                s.append(firstLevel ? "" : " ").append('b').append(e.getKey()).append('=').append(e.getValue());
                firstLevel = false;
            }
            s.append(" |");
            for (Map.Entry<Long, Long> e : asks.entrySet()) {
                s.append(" a").append(e.getKey()).append('=').append(e.getValue());
            }
            return s.toString();
        }
    }
}
