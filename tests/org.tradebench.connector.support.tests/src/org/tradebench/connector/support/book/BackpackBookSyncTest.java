package org.tradebench.connector.support.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Backpack's U = previous u + 1 rule at its edges. */
class BackpackBookSyncTest {

    private final RecordingTarget target = new RecordingTarget();
    private final BackpackBookSync sync = new BackpackBookSync(target, target);
    private final Feeder feed = new Feeder(sync);

    @Test
    void firstDiffMaySpanTheSnapshotId() {
        feed.diff(98, 103, "a7=3");

        feed.snapshot(100, "a7=1", "b5=1");

        assertEquals(103, sync.localUpdateId());
        assertEquals("b5=1 | a7=3", RecordingTarget.render(target.book()));
    }

    @Test
    void firstDiffMayStartRightAfterTheSnapshotId() {
        feed.diff(101, 103, "a7=3");

        feed.snapshot(100, "a7=1"); // Binance spot would fetch this one again; it joins exactly

        assertEquals(103, sync.localUpdateId());
        assertEquals(0, sync.snapshotsRejected());
    }

    @Test
    void snapshotOlderThanTheFirstDiffIsFetchedAgain() {
        feed.diff(105, 106, "a7=3");

        feed.snapshot(100, "a7=1");

        assertFalse(sync.isValid());
        assertEquals(1, sync.snapshotsRejected());
        assertEquals(2, target.requests);
    }

    @Test
    void afterTheFirstDiffUMustBeExactlyThePreviousUPlusOne() {
        feed.diff(101, 103, "a7=3").snapshot(100, "a7=1");

        feed.diff(103, 105, "a7=5"); // overlaps 103: Binance spot would apply it, Backpack says gap

        assertFalse(sync.isValid());
        assertEquals(1, target.resets);
        assertEquals(1, sync.gaps());
    }

    @Test
    void snapshotIdParsedFromItsStringJoinsTheStream() {
        String lastUpdateId = "1786502467"; // /api/v1/depth sends it as a JSON string
        feed.diff(1_786_502_466L, 1_786_502_470L, "b141=12");

        feed.snapshot(Long.parseLong(lastUpdateId), "b141=10");

        assertEquals(1_786_502_470L, sync.localUpdateId());
    }
}
