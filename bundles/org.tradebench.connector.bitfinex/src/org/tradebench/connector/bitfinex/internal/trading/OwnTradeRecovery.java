package org.tradebench.connector.bitfinex.internal.trading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;

import org.tradebench.connector.bitfinex.internal.protocol.BitfinexOwnTrade;

/**
 * The pure parts of recovering the own trades (fills) that happened while the account socket was
 * down: from when to ask {@code POST /v2/auth/r/trades/hist}, what to ask, and which of the answer's
 * trades are news. {@link BitfinexTrading} does the I/O.
 *
 * <pre>{@code
 * long start = OwnTradeRecovery.since(lastOwnTradeMts, lastExchangeMts, lostAtMillis, OwnTradeRecovery.MARGIN);
 * rest.authPost(OwnTradeRecovery.PATH, OwnTradeRecovery.requestBody(start, OwnTradeRecovery.LIMIT)) ...
 * for (BitfinexOwnTrade t : OwnTradeRecovery.missing(decoded, emitted::contains)) { emit a Fill }
 * }</pre>
 */
public final class OwnTradeRecovery {

    /** The authenticated endpoint, relative to the REST base: every symbol's own trades. */
    public static final String PATH = "auth/r/trades/hist";

    /** Bitfinex's largest page of own trades. */
    public static final int LIMIT = 2500;

    /** Subtracted from the start: clock differences and trades stamped just before the last one seen. */
    public static final Duration MARGIN = Duration.ofSeconds(10);

    /** How many recent trade ids are remembered to suppress duplicates. */
    public static final int REMEMBERED = 10_000;

    private OwnTradeRecovery() {
    }

    /**
     * The start of the window to fetch, epoch milliseconds: the MTS of the last own trade seen
     * ({@code te} or {@code tu}); without one, the exchange time of the last account frame before
     * the loss (the frames carry Bitfinex's timestamp, so no clock skew), else the local time of
     * the loss; minus the margin.
     *
     * @param lastOwnTrade MTS of the last own trade seen, or 0
     * @param lastExchangeTime Bitfinex's timestamp of the last account frame before the loss, or 0
     * @param lostAt local epoch milliseconds of the loss
     * @param margin subtracted
     * @return the start, never negative
     */
    public static long since(long lastOwnTrade, long lastExchangeTime, long lostAt, Duration margin) {
        long base = lastOwnTrade > 0 ? lastOwnTrade : lastExchangeTime > 0 ? lastExchangeTime : lostAt;
        return Math.max(0, base - margin.toMillis());
    }

    /**
     * The body of the request.
     *
     * @param start epoch milliseconds, inclusive
     * @param limit most rows
     * @return {@code {"start":S,"limit":L}}
     */
    public static String requestBody(long start, int limit) {
        // sort 1: oldest first, so that paging forward from the newest trade of a page misses none
        return "{\"start\":" + start + ",\"limit\":" + limit + ",\"sort\":1}";
    }

    /**
     * The trades of an answer not emitted before, each once, oldest first (MTS, then id).
     *
     * @param fetched the answer's trades (Bitfinex sends newest first)
     * @param emitted whether a trade id was already emitted as a fill
     * @return the trades to emit, in order
     */
    public static List<BitfinexOwnTrade> missing(List<BitfinexOwnTrade> fetched, LongPredicate emitted) {
        Set<Long> taken = new HashSet<>();
        List<BitfinexOwnTrade> out = new ArrayList<>();
        for (BitfinexOwnTrade t : fetched) {
            if (!emitted.test(t.id()) && taken.add(t.id())) {
                out.add(t);
            }
        }
        out.sort(Comparator.comparingLong(BitfinexOwnTrade::time).thenComparingLong(BitfinexOwnTrade::id));
        return out;
    }

    /** The ids of the most recent trades emitted, at most a fixed number (oldest forgotten first). */
    public static final class RecentIds {
        private final int capacity;
        private final LinkedHashSet<Long> ids = new LinkedHashSet<>();

        /**
         * @param capacity ids kept
         */
        public RecentIds(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be positive: " + capacity);
            }
            this.capacity = capacity;
        }

        /**
         * Remembers an id.
         *
         * @param id the trade id
         * @return true when it was new
         */
        public boolean add(long id) {
            if (!ids.add(id)) {
                return false;
            }
            if (ids.size() > capacity) {
                Iterator<Long> it = ids.iterator();
                it.next();
                it.remove();
            }
            return true;
        }

        /**
         * @param id the trade id
         * @return whether it is remembered
         */
        public boolean contains(long id) {
            return ids.contains(id);
        }

        /** @return how many ids are remembered */
        public int size() {
            return ids.size();
        }
    }
}
