package org.tradebench.connector.support.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.Side;

/**
 * Randomized, seeded: an exchange book evolves through thousands of diffs; the network drops,
 * duplicates and reorders them, and the REST snapshots the synchroniser asks for come late, old,
 * or not at all (and old ones arrive unasked). Throughout, whenever the synchroniser says the book
 * is valid it must equal the exchange's book at the synchroniser's update id; every diff that
 * breaks a valid book must cost exactly one reset and one snapshot request; diffs it already has
 * must change nothing; and once the faults stop the book must converge to the exchange's.
 */
class UpdateIdBookSyncPropertyTest {

    private static final int FAULTY_DIFFS = 6_000;
    private static final int CLEAN_DIFFS = 600;
    /** The subscription starts after the exchange has published this many diffs. */
    private static final int JOIN_AT = 25;

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        long[] seeds = {1L, 20_250_127L, 0x5EED_B00CL};
        for (SyncRule rule : SyncRule.values()) {
            for (long seed : seeds) {
                runs.add(Arguments.of(rule, seed));
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("runs")
    void validBookAlwaysEqualsTheExchangeAndRecoversFromEveryFault(SyncRule rule, long seed) {
        Run run = new Run(rule, seed);
        run.play();

        UpdateIdBookSync sync = run.sync;
        ExchangeModel model = run.model;
        System.out.printf("%s seed %d: %d diffs delivered, %d dropped, %d swapped, %d commits checked, %s%n", rule,
                seed, run.delivered, run.dropped, run.swapped, run.checkedCommits, sync);
        assertTrue(sync.isValid(), "converged after the faults stopped: " + sync);
        assertEquals(model.last[model.diffs - 1], sync.localUpdateId(), "at the exchange's last update");
        assertNull(run.checkRef.at(sync.localUpdateId()).difference(run.target.book()));

        // Every reset was a live gap the oracle expected, with its one snapshot request.
        assertEquals(run.liveGaps, run.target.resets, "resets = gaps that broke a valid book");
        assertEquals(run.liveGaps, sync.resets());
        assertEquals(run.target.requests, sync.snapshotsRequested());
        assertEquals(0, run.resetsWhileClean, "no reset once the faults stopped and the book was valid");

        // The faults really happened, and each kind was handled.
        assertTrue(run.dropped > 5 && run.swapped > 5, "dropped " + run.dropped + ", swapped " + run.swapped);
        assertTrue(run.liveGaps > 5, "live gaps " + run.liveGaps);
        assertTrue(sync.duplicatesIgnored() > 20, "duplicates ignored " + sync.duplicatesIgnored());
        assertTrue(sync.eventsDroppedStale() > 0, "stale diffs dropped " + sync.eventsDroppedStale());
        assertTrue(sync.snapshotsRejected() > 0, "snapshots too old " + sync.snapshotsRejected());
        assertTrue(sync.snapshotsIgnored() > 0, "snapshots ignored while valid " + sync.snapshotsIgnored());
        assertTrue(run.failures > 0, "failed snapshot fetches " + run.failures);
        assertTrue(sync.snapshotsApplied() > run.liveGaps, "one applied snapshot per loss, plus the first");
        assertTrue(run.checkedCommits > FAULTY_DIFFS / 2, "checked " + run.checkedCommits + " commits");
    }

    /** What the oracle expects a diff to do to a valid book. */
    private enum Expect {
        APPLY, IGNORE, EITHER, GAP, BUFFER
    }

    private static final class Run {
        final SyncRule rule;
        final Random rnd;
        final ExchangeModel model;
        final ExchangeModel.Reference checkRef;
        final ExchangeModel.Reference snapRef;
        final RecordingTarget target = new RecordingTarget();
        final UpdateIdBookSync sync;

        int step;
        int nextDiff;
        boolean faults = true;
        boolean outstanding;
        /** Pending REST answers: {due step, update index, or -1 for a failed fetch}. */
        final List<long[]> answers = new ArrayList<>();
        /** Pending duplicate deliveries: {due step, diff index}. */
        final List<int[]> redeliveries = new ArrayList<>();

        int delivered;
        int dropped;
        int swapped;
        int failures;
        int liveGaps;
        int checkedCommits;
        int resetsWhileClean;

        Run(SyncRule rule, long seed) {
            this.rule = rule;
            this.rnd = new Random(seed * 31 + rule.ordinal());
            this.model = new ExchangeModel(seed, JOIN_AT + FAULTY_DIFFS + CLEAN_DIFFS, rule.futures);
            this.checkRef = model.new Reference();
            this.snapRef = model.new Reference();
            target.recordEvents = false;
            sync = rule.create(target);
            target.onCommit = this::checkCommit;
            target.onRequest = this::scheduleAnswer;
        }

        void checkCommit() {
            assertTrue(sync.isValid(), "committed while not valid");
            String difference = checkRef.at(sync.localUpdateId()).difference(target.book());
            if (difference != null) {
                fail("book at update " + sync.localUpdateId() + " differs from the exchange's (step " + step + ", "
                        + sync + "):\n" + difference);
            }
            assertEquals(List.of(), target.book().violations());
            assertEquals(sync.localUpdateId(), target.book().sequence());
            checkedCommits++;
        }

        /** The REST side: answers a request later, with a fresh, old or failed snapshot. */
        void scheduleAnswer() {
            assertFalse(outstanding, "asked for a snapshot while one was on its way (step " + step + ")");
            outstanding = true;
            int now = model.diffEnd[Math.max(nextDiff - 1, 0)] - 1; // the last update the stream carried
            long due = step + (faults ? rnd.nextInt(8) : rnd.nextInt(3));
            if (faults && rnd.nextInt(20) == 0) {
                answers.add(new long[] {due, -1});
                return;
            }
            int at;
            if (faults && rnd.nextInt(5) == 0) {
                at = now - 10 - rnd.nextInt(300); // a cached or lagging answer
            } else {
                at = now + (faults ? rnd.nextInt(-6, 15) : rnd.nextInt(0, 8)); // REST may run ahead of the stream
            }
            answers.add(new long[] {due, Math.clamp(at, 0, model.updates - 1)});
        }

        void play() {
            nextDiff = JOIN_AT;
            int faultyEnd = JOIN_AT + FAULTY_DIFFS;
            while (nextDiff < model.diffs) {
                step++;
                faults = nextDiff < faultyEnd;
                deliverDue();
                if (faults && rnd.nextInt(300) == 0) {
                    int upTo = model.diffEnd[nextDiff - 1];
                    deliverSnapshot(model.ids[rnd.nextInt(upTo)]); // an old answer nobody asked for
                }
                if (faults && rnd.nextInt(250) == 0) {
                    nextDiff++;
                    dropped++;
                    continue;
                }
                if (faults && rnd.nextInt(250) == 0 && nextDiff + 1 < model.diffs) {
                    deliverDiff(nextDiff + 1);
                    deliverDiff(nextDiff);
                    nextDiff += 2;
                    swapped++;
                } else {
                    deliverDiff(nextDiff++);
                }
                if (faults && rnd.nextInt(40) == 0) {
                    int d = Math.max(JOIN_AT, nextDiff - 1 - rnd.nextInt(4));
                    redeliveries.add(new int[] {step + rnd.nextInt(12), d});
                }
            }
            // The stream is over: the last answers still come.
            for (int guard = 0; guard < 100 && !answers.isEmpty(); guard++) {
                step += 10;
                deliverDue();
            }
        }

        void deliverDue() {
            for (Iterator<long[]> it = answers.iterator(); it.hasNext();) {
                long[] a = it.next();
                if (a[0] <= step) {
                    it.remove();
                    if (a[1] < 0) {
                        failures++;
                        outstanding = false;
                        sync.snapshotFailed();
                    } else {
                        deliverSnapshot(model.ids[(int) a[1]]);
                    }
                    return; // one per step: the list may have grown
                }
            }
            for (Iterator<int[]> it = redeliveries.iterator(); it.hasNext();) {
                int[] r = it.next();
                if (r[0] <= step) {
                    it.remove();
                    deliverDiff(r[1]);
                    return;
                }
            }
        }

        void deliverSnapshot(long id) {
            boolean wasValid = sync.isValid();
            long before = sync.localUpdateId();
            int resets = target.resets;
            int commits = target.commits;
            if (!wasValid) {
                outstanding = false; // whoever asked, the synchroniser takes this as the answer
            }
            sync.beginSnapshot(id, id, step, step);
            snapRef.at(id).feedLevels(sync, rnd.nextBoolean());
            sync.endSnapshot();
            assertEquals(resets, target.resets, "a snapshot never resets");
            if (wasValid) {
                assertTrue(sync.isValid());
                assertEquals(before, sync.localUpdateId(), "a snapshot while valid changes nothing");
                assertEquals(commits, target.commits);
            }
        }

        void deliverDiff(int d) {
            boolean wasValid = sync.isValid();
            long x = sync.localUpdateId();
            int resets = target.resets;
            int requests = target.requests;
            int commits = target.commits;
            Expect expect = wasValid ? expect(d, x) : Expect.BUFFER;
            delivered++;

            long pu = rule.futures ? model.previous[d] : UpdateIdBookSync.NO_UPDATE_ID;
            sync.beginDiff(model.first[d], model.last[d], pu, model.last[d], step, step);
            long[] levels = model.diffLevels[d];
            for (int i = 0; i < levels.length; i += 3) {
                sync.level(levels[i] == 0 ? Side.BUY : Side.SELL, levels[i + 1], levels[i + 2]);
            }
            sync.endDiff();

            String where = "diff " + d + " [" + model.first[d] + ".." + model.last[d] + " pu " + model.previous[d]
                    + "] at " + x + ", step " + step;
            switch (expect) {
                case APPLY -> {
                    assertTrue(sync.isValid(), where);
                    assertEquals(model.last[d], sync.localUpdateId(), where);
                    assertEquals(commits + 1, target.commits, where);
                    assertEquals(resets, target.resets, where);
                }
                case IGNORE, EITHER -> {
                    assertTrue(sync.isValid(), where);
                    assertEquals(x, sync.localUpdateId(), where);
                    assertEquals(resets, target.resets, where);
                    if (expect == Expect.IGNORE) {
                        assertEquals(commits, target.commits, where);
                    }
                }
                case GAP -> {
                    liveGaps++;
                    if (!faults) {
                        resetsWhileClean++;
                    }
                    assertFalse(sync.isValid(), where);
                    assertEquals(resets + 1, target.resets, "one reset per gap: " + where);
                    assertEquals(requests + 1, target.requests, "one snapshot request per gap: " + where);
                    assertEquals(BookReset.SEQUENCE_GAP, target.lastReason);
                    assertTrue(target.book().isEmpty(), where);
                    assertEquals(1, sync.bufferedEvents(), "the gapping diff is the first buffered: " + where);
                }
                case BUFFER -> {
                    assertEquals(resets, target.resets, "no reset while not valid: " + where);
                    assertTrue(target.requests - requests <= 1, where);
                }
            }
        }

        /** The rules, stated from the exchange's side: does this diff continue a book at x? */
        Expect expect(int d, long x) {
            long first = model.first[d];
            long last = model.last[d];
            if (rule.futures) {
                if (last < x) {
                    return Expect.IGNORE;
                }
                if (last == x) {
                    return Expect.EITHER; // the diff the snapshot ended on: applying it changes nothing
                }
                return model.previous[d] == x || first <= x ? Expect.APPLY : Expect.GAP;
            }
            if (last <= x) {
                return Expect.IGNORE;
            }
            return first <= x + 1 ? Expect.APPLY : Expect.GAP;
        }
    }
}
