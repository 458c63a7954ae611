package org.tradebench.connector.simulated.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.tradebench.api.market.Side;
import org.tradebench.api.market.Trade;

/**
 * The most recent public trades of one instrument, for {@code tradeHistory}: a ring of primitive
 * values (id, time in epoch nanoseconds, price, size, taker side), so recording a trade allocates nothing. Older trades
 * are forgotten; trades before the venue started do not exist.
 *
 * <p>Owned by the venue's thread (under the runtime lock).
 */
final class TradeTape {

    /** Trades kept per instrument. */
    static final int CAPACITY = 10_000;

    private final long[] ids;
    private final long[] times;
    private final long[] prices;
    private final long[] sizes;
    private final boolean[] buys;
    private int next;
    private int count;

    TradeTape(int capacity) {
        ids = new long[capacity];
        times = new long[capacity];
        prices = new long[capacity];
        sizes = new long[capacity];
        buys = new boolean[capacity];
    }

    /** Records a trade: price and size in units. */
    void add(long id, Instant time, long price, long size, Side takerSide) {
        ids[next] = id;
        times[next] = epochNanos(time);
        prices[next] = price;
        sizes[next] = size;
        buys[next] = takerSide == Side.BUY;
        next = (next + 1) % ids.length;
        count = Math.min(count + 1, ids.length);
    }

    /**
     * The newest {@code limit} trades before {@code beforeMillis}, oldest first.
     *
     * @param profile turns units into prices and sizes
     * @param before exclusive end
     * @param limit most trades
     * @return the trades
     */
    List<Trade> before(InstrumentProfile profile, Instant before, int limit) {
        long end = epochNanos(before);
        List<Trade> out = new ArrayList<>(Math.min(limit, count));
        for (int k = 0; k < count && out.size() < limit; k++) {
            int i = Math.floorMod(next - 1 - k, ids.length);
            if (times[i] >= end) {
                continue;
            }
            Instant t = Instant.ofEpochSecond(0, times[i]);
            out.add(new Trade(profile.id(), Long.toString(ids[i]), t, t, profile.price(prices[i]),
                    profile.size(sizes[i]), buys[i] ? Side.BUY : Side.SELL));
        }
        Collections.reverse(out);
        return out;
    }

    // Epoch nanoseconds fit a long until the year 2262: enough for a simulated venue's clock.
    private static long epochNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
