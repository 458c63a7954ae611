package org.tradebench.connector.support.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.Side;

/**
 * What every update-id rule shares: buffering, one snapshot request at a time, replay, gap
 * recovery, duplicates, and dropping malformed or unfinished messages whole. Diffs here are
 * contiguous and carry a matching {@code pu}, so they continue the book under every rule.
 */
class UpdateIdBookSyncTest {

    private final RecordingTarget target = new RecordingTarget();

    private static long pu(SyncRule rule, long previousLast) {
        return rule.futures ? previousLast : UpdateIdBookSync.NO_UPDATE_ID;
    }

    @ParameterizedTest
    @EnumSource(SyncRule.class)
    void firstDiffAsksForOneSnapshotAndLaterDiffsWait(SyncRule rule) {
        UpdateIdBookSync sync = rule.create(target);
        Feeder feed = new Feeder(sync);

        feed.diff(101, 103, pu(rule, 100), "b99=1");
        feed.diff(104, 105, pu(rule, 103), "a102=4");
        feed.diff(106, 106, pu(rule, 105), "b99=0");

        assertEquals(List.of("request"), target.events);
        assertTrue(sync.isSnapshotRequested());
        assertEquals(3, sync.bufferedEvents());
        assertFalse(sync.isValid());
        assertEquals(UpdateIdBookSync.NO_UPDATE_ID, sync.localUpdateId());
        assertTrue(target.book().isEmpty(), "nothing reaches the book before a snapshot");
    }

    @ParameterizedTest
    @EnumSource(SyncRule.class)
    void snapshotReplaysTheNewerBufferedDiffsAndCommitsOnce(SyncRule rule) {
        UpdateIdBookSync sync = rule.create(target);
        Feeder feed = new Feeder(sync);
        feed.diff(101, 103, pu(rule, 100), "b99=1", "a105=9");
        feed.diff(104, 105, pu(rule, 103), "a102=4", "b98=2");
        feed.diff(106, 108, pu(rule, 105), "b99=0", "a103=6");

        feed.snapshot(104, "b99=1", "b97=5", "a105=9", "a104=3");

        // 101..103 is in the snapshot; 104..105 spans 105 (and 104 for futures); 106..108 follows.
        assertTrue(sync.isValid());
        assertEquals(108, sync.localUpdateId());
        assertEquals("b98=2 b97=5 | a102=4 a103=6 a104=3 a105=9", RecordingTarget.render(target.book()));
        assertEquals(1, target.commits);
        assertEquals(1108, target.lastTime, "the commit carries the newest replayed diff's times");
        assertEquals(2108, target.lastReceivedMillis);
        assertEquals(3108, target.lastReceivedNanos);
        assertEquals(1, sync.eventsDroppedStale());
        assertEquals(2, sync.eventsApplied());
        assertEquals(0, sync.bufferedEvents());
        assertEquals(108, target.book().sequence());
    }

    @ParameterizedTest
    @EnumSource(SyncRule.class)
    void liveDiffsApplyAndCommitOneByOne(SyncRule rule) {
        UpdateIdBookSync sync = rule.create(target);
        Feeder feed = new Feeder(sync);
        feed.diff(101, 101, pu(rule, 100), "b99=1");
        feed.snapshot(101, "b99=1", "a101=2");

        feed.diff(102, 104, pu(rule, 101), "b100=3");
        assertEquals(2, target.commits);
        assertEquals(1104, target.lastTime);
        feed.diff(105, 105, pu(rule, 104), "a101=0", "a102=8", "b100=4", "b100=5");

        assertEquals(3, target.commits);
        assertEquals(105, sync.localUpdateId());
        assertEquals("b100=5 b99=1 | a102=8", RecordingTarget.render(target.book()),
                "a later level at the same price wins");
    }

    @ParameterizedTest
    @EnumSource(SyncRule.class)
    void duplicateDiffsAreIgnoredNotAppliedTwice(SyncRule rule) {
        UpdateIdBookSync sync = rule.create(target);
        Feeder feed = new Feeder(sync);
        feed.diff(101, 101, pu(rule, 100), "b99=1");
        feed.snapshot(101, "b99=1");
        feed.diff(102, 103, pu(rule, 101), "b99=7");
        feed.diff(104, 104, pu(rule, 103), "b99=8");
        int commits = target.commits;

        feed.diff(102, 103, pu(rule, 101), "b99=7"); // both already applied
        feed.diff(104, 104, pu(rule, 103), "b99=8");

        assertEquals("b99=8 |", RecordingTarget.render(target.book()));
        assertEquals(commits, target.commits, "nothing changed, nothing committed");
        assertEquals(2, sync.duplicatesIgnored());
        assertEquals(104, sync.localUpdateId());
        assertEquals(0, target.resets);
    }

    @ParameterizedTest
    @EnumSource(SyncRule.class)
    void gapClearsTheBookResetsOnceAndAsksForOneSnapshot(SyncRule rule) {
        UpdateIdBookSync sync = rule.create(target);
        Feeder feed = new Feeder(sync);
        feed.diff(101, 101, pu(rule, 100), "b99=1");
        feed.snapshot(101, "b99=1", "a101=2");
        target.events.clear();

        feed.diff(105, 106, pu(rule, 104), "b98=3"); // 102..104 never came
        feed.diff(107, 107, pu(rule, 106), "a101=0");

        assertEquals(List.of("reset " + BookReset.SEQUENCE_GAP, "request"), target.events,
                "one reset and one request for the gap, nothing for the diff after it");
        assertFalse(sync.isValid());
        assertTrue(target.book().isEmpty());
        assertEquals(1, sync.gaps());
        assertEquals(1, sync.resets());
        assertEquals(2, sync.bufferedEvents(), "the gapping diff is buffered first");

        feed.snapshot(105, "b99=1", "b97=1");
        assertTrue(sync.isValid());
        assertEquals(107, sync.localUpdateId());
        assertEquals("b99=1 b98=3 b97=1 |", RecordingTarget.render(target.book()));
    }

    @ParameterizedTest
    @EnumSource(SyncRule.class)
    void snapshotWhileValidIsIgnored(SyncRule rule) {
        UpdateIdBookSync sync = rule.create(target);
        Feeder feed = new Feeder(sync);
        feed.diff(101, 101, pu(rule, 100), "b99=1");
        feed.snapshot(101, "b99=1");
        feed.diff(102, 102, pu(rule, 101), "b99=2");

        feed.snapshot(150, "b50=50"); // a late duplicate answer, even a newer one
        feed.snapshot(90, "b40=40");

        assertEquals(102, sync.localUpdateId());
        assertEquals("b99=2 |", RecordingTarget.render(target.book()));
        assertEquals(2, sync.snapshotsIgnored());
        assertEquals(2, target.commits);
    }

    @ParameterizedTest
    @EnumSource(SyncRule.class)
    void snapshotOnAnEmptyBufferIsValidAndTheFirstDiffMustJoinIt(SyncRule rule) {
        UpdateIdBookSync sync = rule.create(target);
        Feeder feed = new Feeder(sync);

        feed.snapshot(200, "b99=1");
        assertTrue(sync.isValid());
        assertEquals(200, sync.localUpdateId());
        assertEquals(1, target.commits);

        feed.diff(250, 251, pu(rule, 249), "b99=2"); // nothing joins 200
        assertFalse(sync.isValid());
        assertEquals(1, target.resets);
        assertEquals(1, target.requests);
    }

    @Test
    void staleSnapshotIsRejectedAndTheDiffsItCannotUseAreDiscarded() {
        UpdateIdBookSync sync = new BackpackBookSync(target, target);
        Feeder feed = new Feeder(sync);
        feed.diff(101, 101, "b99=1");
        feed.diff(102, 102, "b99=2");
        feed.diff(104, 104, "b99=4"); // 103 lost before the book was ever valid
        feed.diff(105, 105, "b99=5");

        feed.snapshot(101, "b99=1");

        assertFalse(sync.isValid(), "102 joins 101 but 104 does not join 102");
        assertEquals(1, sync.snapshotsRejected());
        assertEquals(1, sync.gaps());
        assertEquals(0, target.resets, "the book was never valid: nothing to reset");
        assertEquals(2, target.requests, "asked again");
        assertEquals(2, sync.bufferedEvents(), "only the diffs after the hole stay");

        feed.snapshot(103, "b99=3");
        assertTrue(sync.isValid());
        assertEquals(105, sync.localUpdateId());
        assertEquals("b99=5 |", RecordingTarget.render(target.book()));
    }

    @Test
    void snapshotFailedLetsTheNextDiffAskAgain() {
        UpdateIdBookSync sync = new BackpackBookSync(target, target);
        Feeder feed = new Feeder(sync);
        feed.diff(101, 101, "b99=1");
        feed.diff(102, 102, "b99=2");
        assertEquals(1, target.requests);

        sync.snapshotFailed();
        assertFalse(sync.isSnapshotRequested());
        feed.diff(103, 103, "b99=3");

        assertEquals(2, target.requests);
        assertEquals(2, sync.snapshotsRequested());
    }

    @Test
    void restartResetsAValidBookOnceAndStartsOver() {
        UpdateIdBookSync sync = new BackpackBookSync(target, target);
        Feeder feed = new Feeder(sync);
        feed.diff(101, 101, "b99=1");
        feed.snapshot(101, "b99=1");

        sync.restart(BookReset.RECONNECT);
        sync.restart(BookReset.RECONNECT);

        assertEquals(1, target.resets, "once per loss");
        assertEquals(BookReset.RECONNECT, target.lastReason);
        assertFalse(sync.isValid());
        assertTrue(target.book().isEmpty());
        assertEquals(0, sync.bufferedEvents());

        feed.diff(500, 500, "b99=9");
        assertEquals(2, target.requests, "the new stream's first diff asks for a snapshot");
        feed.snapshot(500, "b99=9");
        assertEquals(500, sync.localUpdateId());
    }

    @Test
    void badLevelDropsTheWholeDiffAndTheNextDiffShowsTheGap() {
        UpdateIdBookSync sync = new BackpackBookSync(target, target);
        Feeder feed = new Feeder(sync);
        feed.diff(101, 101, "b99=1");
        feed.snapshot(101, "b99=1");

        sync.beginDiff(102, 102, UpdateIdBookSync.NO_UPDATE_ID, 0, 0, 0);
        sync.level(Side.BUY, 98, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sync.level(Side.SELL, 0, 4));
        assertEquals("Backpack U = u + 1: ask at level 1 of diff 102..102: price must be > 0, was 0 units "
                + "(message dropped)", e.getMessage());
        sync.level(Side.BUY, 97, 1); // the decoder may carry on: ignored
        sync.endDiff();

        assertEquals("b99=1 |", RecordingTarget.render(target.book()), "no half diff in the book");
        assertEquals(101, sync.localUpdateId());
        assertEquals(1, sync.messagesDiscarded());

        feed.diff(103, 103, "b99=3");
        assertFalse(sync.isValid());
        assertEquals(1, target.resets);
    }

    @Test
    void negativeSizeIsRejectedWithWhereItWas() {
        UpdateIdBookSync sync = new BinanceSpotBookSync(target, target);
        sync.beginDiff(7, 9, UpdateIdBookSync.NO_UPDATE_ID, 0, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sync.level(Side.BUY, 5, -1));
        assertEquals("Binance spot U/u: bid at level 0 of diff 7..9: size must be >= 0, was -1 units "
                + "(message dropped)", e.getMessage());
        sync.endDiff();
        assertEquals(0, sync.bufferedEvents());
        assertEquals(0, target.requests);
    }

    @Test
    void badLevelInASnapshotDropsItAndAsksAgain() {
        UpdateIdBookSync sync = new BackpackBookSync(target, target);
        Feeder feed = new Feeder(sync);
        feed.diff(101, 101, "b99=1");

        sync.beginSnapshot(101, 0, 0, 0);
        sync.level(Side.BUY, 99, 1);
        assertThrows(IllegalArgumentException.class, () -> sync.level(Side.SELL, -5, 1));
        sync.endSnapshot();

        assertFalse(sync.isValid());
        assertTrue(target.book().isEmpty(), "half a snapshot is cleared");
        assertEquals(2, target.requests);
        assertEquals(1, sync.bufferedEvents(), "the buffer is kept for the next snapshot");
    }

    @Test
    void unfinishedMessagesAreDroppedAsIfNeverReceived() {
        UpdateIdBookSync sync = new BackpackBookSync(target, target);
        Feeder feed = new Feeder(sync);
        feed.diff(101, 101, "b99=1");

        sync.beginSnapshot(101, 0, 0, 0);
        sync.level(Side.BUY, 99, 1); // the decoder gave up on the REST answer
        feed.diff(102, 102, "b99=2");

        assertFalse(sync.isValid());
        assertTrue(target.book().isEmpty());
        assertEquals(2, target.requests, "the lost snapshot is asked for again");
        assertEquals(1, sync.messagesDiscarded());

        feed.snapshot(102, "b99=2");
        sync.beginDiff(103, 103, UpdateIdBookSync.NO_UPDATE_ID, 0, 0, 0);
        sync.level(Side.BUY, 99, 3); // never ended
        feed.diff(104, 104, "b99=4");
        assertFalse(sync.isValid(), "the unfinished diff is lost: 104 does not follow 102");
        assertEquals(1, target.resets);
    }

    @Test
    void impossibleIdsAreRejectedAndTheDiffDropped() {
        UpdateIdBookSync sync = new BinanceSpotBookSync(target, target);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sync.beginDiff(160, 157, UpdateIdBookSync.NO_UPDATE_ID, 0, 0, 0));
        assertEquals("Binance spot U/u diff: update ids must satisfy 0 <= first <= last, were first=160, last=157",
                e.getMessage());
        sync.level(Side.BUY, 1, 1); // accepted and ignored
        sync.endDiff();
        assertEquals(0, sync.bufferedEvents());
        assertEquals(1, sync.messagesDiscarded());

        e = assertThrows(IllegalArgumentException.class, () -> sync.beginSnapshot(-1, 0, 0, 0));
        assertEquals("Binance spot U/u snapshot: lastUpdateId must be >= 0, was -1", e.getMessage());
        sync.endSnapshot();
    }

    @Test
    void callsOutOfOrderAreIllegalState() {
        UpdateIdBookSync sync = new BluefinBookSync(target, target);
        assertThrows(IllegalStateException.class, () -> sync.level(Side.BUY, 1, 1));
        assertThrows(IllegalStateException.class, sync::endDiff);
        assertThrows(IllegalStateException.class, sync::endSnapshot);
        sync.beginDiff(1, 1, UpdateIdBookSync.NO_UPDATE_ID, 0, 0, 0);
        assertThrows(IllegalStateException.class, sync::endSnapshot);
    }

    @Test
    void bufferStartsOverWhenNoSnapshotComesForTooLong() {
        UpdateIdBookSync sync = new BackpackBookSync(target, target, 3, 100);
        Feeder feed = new Feeder(sync);
        feed.diff(101, 101, "b99=1").diff(102, 102, "b99=2").diff(103, 103, "b99=3");
        feed.diff(104, 104, "b99=4", "a120=1");

        assertEquals(1, sync.bufferOverflows());
        assertEquals(1, sync.bufferedEvents());
        assertEquals(1, target.requests, "the request on its way is still awaited");

        feed.snapshot(102, "b99=2"); // too old for 104 now
        assertEquals(1, sync.snapshotsRejected());
        feed.snapshot(103, "b99=3");
        assertEquals("b99=4 | a120=1", RecordingTarget.render(target.book()), "the kept diff's levels survived");
        assertEquals(104, sync.localUpdateId());
    }

    @Test
    void bufferStartsOverWhenItHoldsTooManyLevels() {
        UpdateIdBookSync sync = new BackpackBookSync(target, target, 1_000, 4);
        Feeder feed = new Feeder(sync);
        feed.diff(101, 101, "b1=1", "b2=1", "b3=1");
        feed.diff(102, 102, "b4=1", "b5=1");

        assertEquals(1, sync.bufferOverflows());
        assertEquals(1, sync.bufferedEvents());
    }

    @Test
    void constructorRejectsImpossibleLimitsAndClearsTheBook() {
        target.book().set(Side.BUY, 5, 5);
        new BackpackBookSync(target, target);
        assertTrue(target.book().isEmpty(), "a book is only meaningful once a snapshot made it valid");
        assertThrows(IllegalArgumentException.class, () -> new BackpackBookSync(target, target, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new BackpackBookSync(target, target, 10, 0));
        assertThrows(NullPointerException.class, () -> new BackpackBookSync(null, target));
        assertThrows(NullPointerException.class, () -> new BackpackBookSync(target, null));
    }

    @Test
    void toStringShowsStateAndCounters() {
        UpdateIdBookSync sync = new BinanceFuturesBookSync(target, target);
        new Feeder(sync).diff(10, 12, 9, "b1=1").snapshot(11, "b1=1");
        assertEquals("BinanceFuturesBookSync[Binance futures pu, valid at 12, buffered=0, gaps=0, resets=0, "
                + "snapshotsRequested=1, snapshotsRejected=0, stale=0, duplicates=0]", sync.toString());
    }
}
