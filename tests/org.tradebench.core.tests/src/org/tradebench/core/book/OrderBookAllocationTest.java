package org.tradebench.core.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.market.Side;
import org.tradebench.core.tests.AllocationMeter;

/**
 * What 0.2 added to the book allocates nothing once the arrays have grown: order updates of a
 * per-order book (adds, size changes, moves, removals by id, unknown removals), counts and tags,
 * and {@link OrderBook#copyFrom} into a book large enough. Each churn runs once to grow the arrays
 * and once measured.
 */
class OrderBookAllocationTest {

    private static final int ORDERS = 1_000;
    private static final int ROUNDS = 100;

    private final AllocationMeter meter = new AllocationMeter();
    private final long[] ids = new long[ORDERS];
    private final long[] prices = new long[ORDERS];
    private final long[] sizes = new long[ORDERS];
    /** Keeps results alive so the JIT cannot drop the reads. */
    private long sink;

    @BeforeEach
    void prepare() {
        assumeTrue(meter.isSupported(), "per-thread allocation not measurable");
        for (int i = 0; i < ORDERS; i++) {
            ids[i] = 5_000_000_000L + 7_919L * i;
            prices[i] = 1_000_000 + 37L * (i % 100); // ten orders per price
            sizes[i] = i + 1;
        }
    }

    private void assertAllocatesNothing(String what, Runnable churn) {
        churn.run();
        long bytes = meter.measure(churn);
        assertEquals(0, bytes / 1024, what + " allocated " + bytes + " bytes");
    }

    @Test
    void perOrderUpdatesAllocateNothing() {
        OrderBook b = new OrderBook(2, 4, 16, true);
        assertAllocatesNothing("per-order updates", () -> {
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < ORDERS; i++) {
                    int j = (i * 7_919 + round) % ORDERS;
                    Side side = (j & 1) == 0 ? Side.BUY : Side.SELL;
                    long offset = side == Side.BUY ? 0 : 100_000;
                    switch ((round + i) % 5) {
                        case 0 -> b.setOrder(side, ids[j], prices[j] + offset, sizes[j]); // add or resize
                        case 1 -> b.setOrder(side, ids[j], prices[j] + offset, sizes[j] + round);
                        case 2 -> b.setOrder(side, ids[j], prices[(j + 13) % ORDERS] + offset, sizes[j]); // move
                        case 3 -> b.setOrder(side, ids[j], 0, 0); // remove by id
                        default -> b.setOrder(side, -ids[j], 0, 0); // unknown
                    }
                    sink += b.previousPrice() + b.previousSize();
                }
                b.updateSequence(round);
            }
            b.clear();
        });
    }

    @Test
    void countsAndTagsAllocateNothing() {
        OrderBook b = new OrderBook(2, 4, 16);
        assertAllocatesNothing("counts and tags", () -> {
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < ORDERS; i++) {
                    int j = (i * 7_919 + round) % ORDERS;
                    long price = 1_000_000 + 37L * j;
                    int at = b.set(Side.BUY, price, (round & 1) == 0 ? sizes[j] : 0, j % 9);
                    if (at >= 0) {
                        b.setTag(Side.BUY, at, price);
                        sink += b.tag(Side.BUY, at) + b.orderCount(Side.BUY, at);
                    }
                }
            }
            b.clear();
        });
    }

    @Test
    void copyFromAllocatesNothingOnceTheCopyIsLargeEnough() {
        OrderBook aggregated = new OrderBook(2, 4);
        OrderBook raw = OrderBook.perOrder(2, 4);
        for (int i = 0; i < ORDERS; i++) {
            aggregated.set(Side.BUY, prices[i] - i, sizes[i], 3);
            aggregated.set(Side.SELL, prices[i] + 100_000 + i, sizes[i]);
            raw.setOrder((i & 1) == 0 ? Side.BUY : Side.SELL, ids[i], prices[i] + ((i & 1) == 0 ? 0 : 100_000),
                    sizes[i]);
        }
        OrderBook aggregatedCopy = new OrderBook(2, 4, 1);
        OrderBook rawCopy = new OrderBook(2, 4, 1, true);
        assertAllocatesNothing("copyFrom", () -> {
            for (int round = 0; round < ROUNDS; round++) {
                aggregatedCopy.copyFrom(aggregated);
                rawCopy.copyFrom(raw);
                sink += aggregatedCopy.levels(Side.BUY) + rawCopy.levels(Side.SELL);
            }
        });
        assertEquals(List.of(), rawCopy.violations());
        assertEquals(ORDERS / 2, rawCopy.levels(Side.BUY));
        assertEquals(ORDERS, aggregatedCopy.levels(Side.SELL));
    }
}
