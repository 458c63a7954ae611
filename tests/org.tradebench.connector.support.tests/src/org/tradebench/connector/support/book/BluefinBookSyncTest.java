package org.tradebench.connector.support.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.tradebench.api.market.Side;
import org.tradebench.core.book.OrderBook;

/** Bluefin's firstUpdateId/lastUpdateId rule, with E9 fixed-point levels. */
class BluefinBookSyncTest {

    private static final long E9 = 1_000_000_000L;

    private final RecordingTarget target = new RecordingTarget(new OrderBook(9, 9));
    private final BluefinBookSync sync = new BluefinBookSync(target, target);

    private void diff(long firstUpdateId, long lastUpdateId, long priceE9, long sizeE9) {
        sync.beginDiff(firstUpdateId, lastUpdateId, UpdateIdBookSync.NO_UPDATE_ID, 1_737_972_930_000L, 0, 0);
        sync.level(Side.BUY, priceE9, sizeE9);
        sync.endDiff();
    }

    @Test
    void diffsChainByFirstUpdateIdOverE9Levels() {
        diff(5_001, 5_004, 3_245_120_000_000L, 12_500_000_000L);
        sync.beginSnapshot(5_002, 1_737_972_929_000L, 0, 0);
        sync.level(Side.BUY, 3_245_120_000_000L, 1 * E9);
        sync.level(Side.SELL, 3_245_130_000_000L, 4 * E9);
        sync.endSnapshot();

        diff(5_005, 5_005, 3_245_110_000_000L, 7 * E9);

        assertEquals(5_005, sync.localUpdateId());
        assertEquals(3_245_120_000_000L, target.book().bestBid());
        assertEquals(12_500_000_000L, target.book().bestBidSize());
        assertEquals(2, target.book().levels(Side.BUY));
        assertEquals(3_245_130_000_000L, target.book().bestAsk());
    }

    @Test
    void skippedUpdateIdsAreAGap() {
        diff(5_001, 5_004, 3_245_120_000_000L, E9);
        sync.beginSnapshot(5_004, 0, 0, 0);
        sync.endSnapshot();

        diff(5_006, 5_008, 3_245_120_000_000L, 2 * E9);

        assertFalse(sync.isValid());
        assertEquals(1, target.resets);
        assertEquals(2, target.requests);
    }
}
