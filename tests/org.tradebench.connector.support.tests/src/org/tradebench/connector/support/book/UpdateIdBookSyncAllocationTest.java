package org.tradebench.connector.support.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;

/**
 * Once its buffers have grown, the Binance spot synchroniser applies diffs, ignores duplicates,
 * and recovers from gaps (reset, buffering, snapshot, replay) without allocating: measured with
 * the JVM's per-thread allocation counter, through the Threading MBean (OSGi bundles cannot see
 * its {@code com.sun.management} interface).
 */
class UpdateIdBookSyncAllocationTest {

    private static final int DIFFS = 50_000;
    private static final int LEVELS_PER_DIFF = 4;
    private static final int BOOK_LEVELS = 50;

    private final RecordingTarget target = new RecordingTarget(new OrderBook(2, 3));
    private final BinanceSpotBookSync sync = new BinanceSpotBookSync(target, target);

    private final Side[] sides = new Side[DIFFS * LEVELS_PER_DIFF];
    private final long[] prices = new long[DIFFS * LEVELS_PER_DIFF];
    private final long[] sizes = new long[DIFFS * LEVELS_PER_DIFF];
    private final long[] snapshotPrices = new long[2 * BOOK_LEVELS];
    private long id = 1_000_000;

    UpdateIdBookSyncAllocationTest() {
        target.recordEvents = false;
        Random rnd = new Random(42);
        for (int i = 0; i < sides.length; i++) {
            boolean bid = rnd.nextBoolean();
            sides[i] = bid ? Side.BUY : Side.SELL;
            prices[i] = bid ? 10_000 - rnd.nextInt(BOOK_LEVELS) : 10_001 + rnd.nextInt(BOOK_LEVELS);
            sizes[i] = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(100_000);
        }
        for (int i = 0; i < BOOK_LEVELS; i++) {
            snapshotPrices[i] = 10_000 - i;
            snapshotPrices[BOOK_LEVELS + i] = 10_001 + i;
        }
    }

    /** A stream with a duplicate every tenth diff and a lost diff every thousandth. */
    private void play() {
        for (int d = 0; d < DIFFS; d++) {
            if (d % 1_000 == 500) {
                id += 3; // lost: the next diff is a gap
            }
            diff(d, id + 1, id + 3);
            if (d % 10 == 5) {
                diff(d, id + 1, id + 3); // a duplicate
            }
            id += 3;
            if (!sync.isValid() && sync.bufferedEvents() >= 20) {
                snapshot(id - 30); // joins the tenth-newest diff at a diff boundary
            }
        }
    }

    private void diff(int d, long first, long last) {
        sync.beginDiff(first, last, UpdateIdBookSync.NO_UPDATE_ID, last, last, last);
        for (int i = d * LEVELS_PER_DIFF; i < (d + 1) * LEVELS_PER_DIFF; i++) {
            sync.level(sides[i], prices[i], sizes[i]);
        }
        sync.endDiff();
    }

    private void snapshot(long lastUpdateId) {
        sync.beginSnapshot(lastUpdateId, lastUpdateId, lastUpdateId, lastUpdateId);
        for (int i = 0; i < 2 * BOOK_LEVELS; i++) {
            sync.level(i < BOOK_LEVELS ? Side.BUY : Side.SELL, snapshotPrices[i], 1_000 + i);
        }
        sync.endSnapshot();
    }

    @Test
    void appliesDuplicatesAndRecoversWithoutAllocating() throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName threading = new ObjectName("java.lang:type=Threading");
        assumeTrue(Boolean.TRUE.equals(server.getAttribute(threading, "ThreadAllocatedMemoryEnabled")),
                "this JVM does not count allocations per thread");

        diff(0, id + 1, id + 3);
        snapshot(id + 2);
        id += 3;
        for (int warm = 0; warm < 3; warm++) {
            play(); // grows the buffers and the book to their working size, lets the JIT settle
        }
        long resetsBefore = sync.resets();
        long appliedBefore = sync.eventsApplied();
        long duplicatesBefore = sync.duplicatesIgnored();

        long overhead = allocated(server, threading) - allocated(server, threading);
        long before = allocated(server, threading);
        play();
        long after = allocated(server, threading);
        long bytes = after - before - overhead;

        long applied = sync.eventsApplied() - appliedBefore;
        assertTrue(sync.isValid());
        assertEquals(DIFFS / 1_000, sync.resets() - resetsBefore, "one reset per lost diff");
        assertTrue(sync.duplicatesIgnored() - duplicatesBefore > DIFFS / 20, "duplicates ignored");
        assertTrue(applied > DIFFS * 9 / 10, "applied " + applied);
        // The measuring itself allocates a little (boxing in the MBean call); one byte per diff
        // would already be 50 KB.
        assertTrue(bytes < 2_000, applied + " applied diffs allocated " + bytes + " bytes");
    }

    private static long allocated(MBeanServer server, ObjectName threading) throws JMException {
        return (Long) server.getAttribute(threading, "CurrentThreadAllocatedBytes");
    }
}
