package org.tradebench.connector.support.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Binance futures' pu rule at its edges. */
class BinanceFuturesBookSyncTest {

    private final RecordingTarget target = new RecordingTarget();
    private final BinanceFuturesBookSync sync = new BinanceFuturesBookSync(target, target);
    private final Feeder feed = new Feeder(sync);

    @Test
    void diffEndingAtTheSnapshotIdIsKeptAndApplied() {
        feed.diff(140, 149, 130, "b1=49").diff(150, 155, 149, "b1=55").diff(158, 160, 155, "b1=60");

        feed.snapshot(155, "b1=55");

        assertEquals(160, sync.localUpdateId());
        assertEquals(1, sync.eventsDroppedStale(), "only u < lastUpdateId is dropped");
        assertEquals(2, sync.eventsApplied(), "150..155 is the first applied diff, 158..160 follows by pu");
        assertEquals("b1=60 |", RecordingTarget.render(target.book()));
        assertEquals(List.of(), target.book().violations(), "the book's sequence never went backwards");
    }

    @Test
    void firstAppliedDiffMustStraddleTheSnapshot() {
        feed.diff(157, 160, 149, "b1=60");

        feed.snapshot(156, "b1=56"); // U > lastUpdateId: updates 150..156 may be missing

        assertFalse(sync.isValid());
        assertEquals(1, sync.snapshotsRejected());
        assertEquals(2, target.requests);

        feed.snapshot(157, "b1=57");
        assertEquals(160, sync.localUpdateId());
    }

    @Test
    void continuityIsPuNotUPlusOne() {
        feed.diff(150, 155, 149, "b1=55").snapshot(152, "b1=52");

        feed.diff(170, 175, 155, "b1=75"); // U jumps: futures ids are shared across symbols

        assertTrue(sync.isValid());
        assertEquals(175, sync.localUpdateId());
        assertEquals("b1=75 |", RecordingTarget.render(target.book()));
    }

    @Test
    void puThatIsNotThePreviousUIsAGapEvenWhenUFollows() {
        feed.diff(150, 155, 149, "b1=55").snapshot(152, "b1=52");

        feed.diff(156, 160, 154, "b1=60");

        assertFalse(sync.isValid());
        assertEquals(1, target.resets);
        assertEquals(2, target.requests);
    }

    @Test
    void firstDiffWhosePuIsTheSnapshotIdContinuesIt() {
        feed.diff(150, 155, 149, "b1=55"); // lost on the way in a real stream; here simply stale
        feed.snapshot(160, "b1=60");
        assertTrue(sync.isValid());

        feed.diff(170, 175, 160, "b1=75");

        assertEquals(175, sync.localUpdateId());
        assertEquals(0, target.resets);
    }

    @Test
    void duplicateAfterLiveIsIgnored() {
        feed.diff(150, 155, 149, "b1=55").snapshot(152, "b1=52");
        feed.diff(170, 175, 155, "b1=75");

        feed.diff(150, 155, 149, "b1=55");
        feed.diff(170, 175, 155, "b1=75");

        assertEquals(2, sync.duplicatesIgnored());
        assertEquals("b1=75 |", RecordingTarget.render(target.book()));
    }

    @Test
    void diffWithoutPuIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sync.beginDiff(157, 160, UpdateIdBookSync.NO_UPDATE_ID, 0, 0, 0));
        assertEquals("Binance futures pu diff 157: the previous diff's final update id (pu) is required, was -1",
                e.getMessage());
        sync.endDiff();
        assertEquals(0, sync.bufferedEvents());
    }
}
