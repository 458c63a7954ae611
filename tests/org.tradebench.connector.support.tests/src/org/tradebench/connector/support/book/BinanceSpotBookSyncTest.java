package org.tradebench.connector.support.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Binance spot's U/u rule at its edges. */
class BinanceSpotBookSyncTest {

    private final RecordingTarget target = new RecordingTarget();
    private final BinanceSpotBookSync sync = new BinanceSpotBookSync(target, target);
    private final Feeder feed = new Feeder(sync);

    @Test
    void snapshotBelowTheFirstBufferedUIsFetchedAgainEvenOneBelow() {
        feed.diff(157, 160, "b24=10");

        feed.snapshot(155, "b24=1");
        feed.snapshot(156, "b24=1"); // step 4 to the letter: lastUpdateId < U, fetch again

        assertFalse(sync.isValid());
        assertEquals(2, sync.snapshotsRejected());
        assertEquals(3, target.requests);
        assertEquals(1, sync.bufferedEvents(), "the buffer waits for a newer snapshot");

        feed.snapshot(157, "b24=1", "b23=2");
        assertTrue(sync.isValid());
        assertEquals(160, sync.localUpdateId());
        assertEquals("b24=10 b23=2 |", RecordingTarget.render(target.book()));
    }

    @Test
    void bufferedDiffsUpToLastUpdateIdAreDroppedAndTheFirstAppliedSpansItPlusOne() {
        feed.diff(101, 105, "b1=5").diff(106, 110, "b1=10").diff(111, 112, "b1=12");

        feed.snapshot(110, "b1=10", "a9=1");

        assertEquals(112, sync.localUpdateId());
        assertEquals(2, sync.eventsDroppedStale(), "u <= lastUpdateId: 101..105 and 106..110");
        assertEquals(1, sync.eventsApplied());
        assertEquals("b1=12 | a9=1", RecordingTarget.render(target.book()));
    }

    @Test
    void firstAppliedDiffMaySpanTheSnapshot() {
        feed.diff(101, 105, "b1=5").diff(106, 110, "b1=10", "a9=0");

        feed.snapshot(107, "b1=7", "a9=1");

        assertEquals(110, sync.localUpdateId());
        assertEquals("b1=10 |", RecordingTarget.render(target.book()));
    }

    @Test
    void diffBeyondLocalIdPlusOneIsAGap() {
        feed.diff(101, 101, "b1=1").snapshot(101, "b1=1");
        feed.diff(102, 104, "b1=4");

        feed.diff(106, 107, "b1=7");

        assertFalse(sync.isValid());
        assertEquals(1, target.resets);
        assertEquals(2, target.requests);
    }

    @Test
    void diffEndingAtTheLocalIdIsIgnoredAndAnOverlappingOneApplied() {
        feed.diff(101, 101, "b1=1").snapshot(101, "b1=1");
        feed.diff(102, 104, "b1=4");

        feed.diff(103, 104, "b1=99"); // u == local id: the diff already applied
        assertEquals("b1=4 |", RecordingTarget.render(target.book()));
        assertEquals(1, sync.duplicatesIgnored());

        feed.diff(104, 106, "b1=6"); // U <= local + 1 < u: the docs' procedure applies it
        assertEquals(106, sync.localUpdateId());
        assertEquals("b1=6 |", RecordingTarget.render(target.book()));
        assertEquals(0, target.resets);
    }

    @Test
    void olderDiffAfterTheBookIsLiveIsIgnored() {
        feed.diff(101, 101, "b1=1").snapshot(101, "b1=1");
        feed.diff(102, 104, "b1=4").diff(105, 105, "b1=5");

        feed.diff(102, 104, "b1=4"); // a late duplicate: would undo 105

        assertEquals("b1=5 |", RecordingTarget.render(target.book()));
        assertEquals(105, sync.localUpdateId());
    }
}
