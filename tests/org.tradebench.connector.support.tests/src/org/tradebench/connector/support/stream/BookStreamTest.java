package org.tradebench.connector.support.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.DataState;
import org.tradebench.api.instrument.InstrumentId;
import org.tradebench.api.market.BookReset;
import org.tradebench.api.market.BookUpdate;
import org.tradebench.api.market.Side;
import org.tradebench.connector.support.Await;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.core.book.OrderBook;

/**
 * A shared book stream and its subscriptions: a newcomer gets a snapshot of the current book, then
 * deltas whose changes, applied to the book it had, give exactly the update's book; a slow listener
 * gets the changes merged (nothing skipped); a reset reaches every listener that had a book as one
 * RESET with the reason, then a snapshot; sequence numbers rise by one per update across resets.
 * {@link BookChecker} checks all of it on every update; the randomized runs play long aggregated and
 * per-order streams to fast, slow and stalling listeners at once.
 */
class BookStreamTest {

    private static final InstrumentId BTC = new InstrumentId("bitfinex", "BTC/USD");

    private final ConnectorRuntime runtime = ConnectorRuntime.start("bstest");
    private final RecordingOwner owner = new RecordingOwner(runtime);
    private final List<Subscription> subscriptions = new ArrayList<>();

    @AfterEach
    void close() {
        subscriptions.forEach(Subscription::close);
        runtime.close();
    }

    private BookStream stream(boolean perOrder) {
        return new BookStream(runtime, "book BTC/USD", owner, BTC, new OrderBook(2, 4, 64, perOrder));
    }

    private BookChecker subscribe(BookStream stream) {
        return subscribe(stream, c -> {
        });
    }

    /** Subscribes a checker configured before it can hear anything. */
    private BookChecker subscribe(BookStream stream, Consumer<BookChecker> configure) {
        OrderBook m = stream.book();
        BookChecker c = new BookChecker("bstest", BTC, m.priceScale(), m.sizeScale(), m.perOrder());
        configure.accept(c);
        subscriptions.add(stream.attach(new BookSubscription(runtime, stream, c)));
        return c;
    }

    /** Changes the master book and commits, as a synchroniser does on the reader thread. */
    private void commit(BookStream stream, Runnable change) {
        synchronized (runtime.lock()) {
            change.run();
            stream.committed(1_700_000_000_000L, 1_700_000_000_005L, System.nanoTime());
        }
    }

    private void assertSameBook(BookStream stream, BookChecker c) {
        Await.quiet(runtime);
        synchronized (runtime.lock()) {
            assertNull(BookChecker.difference(c.mine, stream.book()), "the listener's book against the master");
        }
    }

    @Test
    void newcomerGetsASnapshotOfTheCurrentBookThenEachChangeAsADelta() {
        BookStream stream = stream(false);
        commit(stream, () -> {
            OrderBook m = stream.book();
            m.set(Side.BUY, 10_000, 5_0000, 2);
            m.set(Side.BUY, 9_990, 1_5000, 1);
            m.set(Side.SELL, 10_010, 2_0000, 3);
        });
        BookChecker a = subscribe(stream);
        Await.until(() -> a.updates() == 1, () -> "the snapshot");
        assertEquals(List.of("SNAPSHOT 3"), a.kinds());
        assertEquals("b10000x50000 (2) b9990x15000 (1) | a10010x20000 (3)", BookChecker.render(a.mine));

        commit(stream, () -> stream.book().set(Side.BUY, 10_000, 4_0000, 2));
        Await.until(() -> a.updates() == 2, () -> "the first delta");
        commit(stream, () -> stream.book().set(Side.SELL, 10_010, 0));
        Await.until(() -> a.updates() == 3, () -> "the second delta");
        assertEquals(List.of("SNAPSHOT 3", "DELTA 1", "DELTA 1"), a.kinds());
        assertEquals("b10000x40000 (2) b9990x15000 (1) |", BookChecker.render(a.mine));

        BookChecker b = subscribe(stream);
        Await.until(() -> b.updates() == 1, () -> "the second subscription's snapshot");
        assertEquals(List.of("SNAPSHOT 2"), b.kinds());
        assertEquals(1, b.lastSequence(), "sequences are each subscription's own");
        assertEquals(3, a.lastSequence());
        assertEquals(List.of("first"), owner.calls(), "two listeners, one exchange subscription");
        assertEquals(List.of(), a.problems());
        assertEquals(List.of(), b.problems());
        assertEquals(List.of("live"), a.health(), "the stream went live with its first commit");
    }

    @Test
    void deltaCarriesTheChangedLevelsWithTimesAndTheWholeBook() {
        BookStream stream = stream(false);
        commit(stream, () -> stream.book().set(Side.BUY, 10_000, 5_0000, 2));
        List<String> seen = new ArrayList<>();
        BookChecker a = subscribe(stream);
        a.after = u -> {
            if (u.kind() == BookUpdate.Kind.DELTA) {
                synchronized (seen) {
                    seen.add(u.changes(Side.BUY) + " bid change(s): " + u.changePrice(Side.BUY, 0) + "x"
                            + u.changeSize(Side.BUY, 0) + " count " + u.changeOrderCount(Side.BUY, 0) + " id "
                            + u.changeOrderId(Side.BUY, 0) + "; " + u.changes(Side.SELL) + " ask changes; book "
                            + u.book().levels(Side.BUY) + " bids; time " + u.timeMillis() + " received "
                            + u.receivedMillis() + " nanos set " + (u.receivedNanoTime() != 0) + "; reason "
                            + u.resetReason());
                }
            }
        };
        Await.until(() -> a.updates() == 1, () -> "the snapshot");
        commit(stream, () -> stream.book().set(Side.BUY, 10_005, 1_0000, 1));
        Await.until(() -> a.updates() == 2, () -> "the delta");
        synchronized (seen) {
            assertEquals(List.of("1 bid change(s): 10005x10000 count 1 id 0; 0 ask changes; book 2 bids; time "
                    + "1700000000000 received 1700000000005 nanos set true; reason null"), seen);
        }
    }

    @Test
    void slowListenerGetsTheChangesMergedIntoOneDeltaWithNothingSkipped() {
        BookStream stream = stream(false);
        commit(stream, () -> stream.book().set(Side.SELL, 20_000, 1_0000, 1));
        BookChecker slow = subscribe(stream);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        slow.after = u -> {
            if (u.kind() == BookUpdate.Kind.DELTA && u.sequence() == 2) {
                inside.countDown();
                Await.latch(release, "the test to release the listener");
            }
        };
        Await.until(() -> slow.updates() == 1, () -> "the snapshot");
        commit(stream, () -> stream.book().set(Side.BUY, 10_000, 1_0000, 1));
        Await.latch(inside, "the first delta");
        // 100 commits while the listener is busy: 100 new bids, one changed ask, one level added and removed again
        for (int i = 1; i <= 100; i++) {
            int n = i;
            commit(stream, () -> {
                stream.book().set(Side.BUY, 10_000 - n, n, 1);
                stream.book().set(Side.SELL, 20_000, 1_0000 + n, 1);
                stream.book().set(Side.SELL, 30_000, n == 50 ? 5 : 0, 1);
            });
        }
        release.countDown();
        Await.until(() -> slow.updates() == 3, () -> "the merged delta");
        assertSameBook(stream, slow);
        assertEquals(List.of("SNAPSHOT 1", "DELTA 1", "DELTA 101"), slow.kinds(),
                "one delta with 100 new bids and the ask's latest size; the ask that came and went is no change");
        assertEquals(102, stream.commits());
        assertEquals(List.of(), slow.problems());
    }

    @Test
    void resetReachesTheListenerWithItsReasonThenAFreshSnapshot() {
        BookStream stream = stream(false);
        commit(stream, () -> stream.book().set(Side.BUY, 10_000, 1_0000, 1));
        BookChecker a = subscribe(stream);
        Await.until(() -> a.updates() == 1, () -> "the snapshot");
        Subscription sa = subscriptions.get(0);

        synchronized (runtime.lock()) {
            stream.reset(BookReset.SEQUENCE_GAP);
            // the synchroniser rebuilds the master; nobody may see it half-built
            stream.book().set(Side.BUY, 9_000, 1, 1);
        }
        Await.until(() -> a.updates() == 2, () -> "the reset");
        assertEquals(BookReset.SEQUENCE_GAP, a.lastResetReason);
        assertFalse(stream.isValid());
        assertEquals(DataState.RESYNCING, stream.state());
        assertEquals(BookReset.SEQUENCE_GAP, stream.cause());
        Await.quiet(runtime);
        assertEquals(2, a.updates(), "nothing from the half-built book");

        commit(stream, () -> stream.book().set(Side.SELL, 9_100, 2, 1));
        Await.until(() -> a.updates() == 3, () -> "the snapshot after the reset");
        assertEquals(List.of("SNAPSHOT 1", "RESET sequence gap", "SNAPSHOT 2"), a.kinds());
        assertEquals(3, a.lastSequence(), "one sequence across the reset");
        assertEquals(DataState.LIVE, stream.state());
        assertEquals(1, sa.health().resets());
        assertEquals(3, sa.health().messages());
        assertEquals(List.of("live", "resyncing: sequence gap", "live"), a.health());
        assertEquals(1, stream.resets());
        assertSameBook(stream, a);
        assertEquals(List.of(), a.problems());
    }

    @Test
    void resetAndRecoveryWhileTheListenerIsBusyStillArriveAsResetThenSnapshot() {
        BookStream stream = stream(false);
        commit(stream, () -> stream.book().set(Side.BUY, 10_000, 1_0000, 1));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BookChecker a = subscribe(stream, c -> c.after = u -> {
            if (u.sequence() == 1) {
                inside.countDown();
                Await.latch(release, "the test");
            }
        });
        Await.latch(inside, "the snapshot");
        synchronized (runtime.lock()) {
            stream.reset(BookReset.CHECKSUM_MISMATCH);
            stream.reset(BookReset.RECONNECT); // two losses before the listener looks: one reset, the latest reason
            stream.book().set(Side.BUY, 9_000, 3, 1);
            stream.committed(1, 2, System.nanoTime());
        }
        release.countDown();
        Await.until(() -> a.updates() == 3, () -> "reset and snapshot");
        assertEquals(List.of("SNAPSHOT 1", "RESET reconnect", "SNAPSHOT 1"), a.kinds());
        assertSameBook(stream, a);
        assertEquals(List.of(), a.problems());
    }

    @Test
    void aSubscriptionThatJoinsWhileTheBookIsRebuiltGetsOnlyTheSnapshot() {
        BookStream stream = stream(false);
        commit(stream, () -> stream.book().set(Side.BUY, 10_000, 1_0000, 1));
        synchronized (runtime.lock()) {
            stream.reset(BookReset.STALE);
        }
        BookChecker late = subscribe(stream);
        Await.quiet(runtime);
        assertEquals(0, late.updates(), "no book to show yet");
        assertEquals(List.of("resyncing: stale"), late.health());
        commit(stream, () -> stream.book().set(Side.BUY, 9_000, 1, 1));
        Await.until(() -> late.updates() == 1, () -> "the snapshot");
        assertEquals(List.of("SNAPSHOT 1"), late.kinds());
        assertEquals(List.of(), late.problems());
    }

    @Test
    void aResetBeforeTheFirstCommitIsNoResetForAnyone() {
        BookStream stream = stream(false);
        BookChecker a = subscribe(stream);
        synchronized (runtime.lock()) {
            stream.reset(BookReset.RECONNECT);
        }
        commit(stream, () -> stream.book().set(Side.BUY, 9_000, 1, 1));
        Await.until(() -> a.updates() == 1, () -> "the snapshot");
        Await.quiet(runtime);
        assertEquals(List.of("SNAPSHOT 1"), a.kinds());
        assertEquals(List.of(), a.problems());
    }

    @Test
    void closedSubscriptionGetsNothingMoreAndTheLastOneUnsubscribes() {
        BookStream stream = stream(false);
        commit(stream, () -> stream.book().set(Side.BUY, 10_000, 1_0000, 1));
        BookChecker a = subscribe(stream);
        Await.until(() -> a.updates() == 1, () -> "the snapshot");
        subscriptions.get(0).close();
        commit(stream, () -> stream.book().set(Side.BUY, 10_001, 1, 1));
        Await.quiet(runtime);
        assertEquals(1, a.updates());
        assertEquals(List.of("first", "last"), owner.calls());
        assertEquals(0, stream.subscriberCount());
    }

    /**
     * Long seeded streams of random changes (levels or orders added, resized, moved and removed,
     * a reset every few thousand commits) to three listeners at once: one that keeps up, one that
     * is slow on every update and one that stalls now and then (they share the connector's one
     * delivery thread, so the producer also waits for them all every 25 commits: small deltas and
     * merged ones both occur). Every update of every listener is checked by {@link BookChecker};
     * at the end each listener's book, built only from what it was given, equals the master.
     */
    @ParameterizedTest(name = "perOrder={0} seed={1}")
    @CsvSource({"false, 1", "false, 20260127", "true, 7", "true, 424242"})
    void everyListenerRebuildsTheMasterBookFromItsUpdatesWhateverItsPace(boolean perOrder, long seed) {
        BookStream stream = stream(perOrder);
        Random rnd = new Random(seed);
        BookChecker fast = subscribe(stream);
        BookChecker slow = subscribe(stream);
        BookChecker stalling = subscribe(stream);
        for (BookChecker c : List.of(fast, slow, stalling)) {
            c.recordKinds = false;
        }
        Random slowRnd = new Random(seed + 1);
        slow.after = u -> LockSupport.parkNanos(slowRnd.nextInt(50_000));
        stalling.after = u -> {
            if (u.sequence() % 40 == 0) {
                LockSupport.parkNanos(2_000_000);
            }
        };
        Await.quiet(runtime);

        int commits = 20_000;
        long[] ids = new long[400];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 5_000_000_000L + i;
        }
        for (int c = 0; c < commits; c++) {
            synchronized (runtime.lock()) {
                if (c % 4_000 == 1_999) {
                    stream.reset(BookReset.SEQUENCE_GAP);
                }
                OrderBook m = stream.book();
                int ops = 1 + rnd.nextInt(c % 500 == 0 ? 60 : 5);
                for (int k = 0; k < ops; k++) {
                    boolean bid = rnd.nextBoolean();
                    Side side = bid ? Side.BUY : Side.SELL;
                    long price = bid ? 100_000 - rnd.nextInt(80) : 100_001 + rnd.nextInt(80);
                    long size = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(1_000_000);
                    if (perOrder) {
                        // an order keeps its side; it may come back at another price (moved)
                        int i = rnd.nextInt(ids.length / 2) * 2 + (bid ? 0 : 1);
                        m.setOrder(side, ids[i], price, size);
                    } else {
                        m.set(side, price, size, size == 0 ? 0 : 1 + rnd.nextInt(9));
                    }
                }
                stream.committed(c, c, System.nanoTime());
            }
            if (c % 25 == 0) {
                Await.quiet(runtime); // every listener catches up now and then: many small deltas too
            }
        }
        Await.quiet(runtime);
        synchronized (runtime.lock()) {
            for (BookChecker c : List.of(fast, slow, stalling)) {
                assertNull(BookChecker.difference(c.mine, stream.book()), "final book");
            }
        }
        System.out.printf("perOrder=%s seed=%d: %d commits, %d resets; fast %d updates (%d resets), slow %d (%d),"
                + " stalling %d (%d); master %d bids %d asks%n", perOrder, seed, stream.commits(), stream.resets(),
                fast.updates(), fast.resets(), slow.updates(), slow.resets(), stalling.updates(), stalling.resets(),
                stream.book().levels(Side.BUY), stream.book().levels(Side.SELL));
        for (BookChecker c : List.of(fast, slow, stalling)) {
            assertEquals(List.of(), c.problems().stream().limit(5).toList());
            assertTrue(c.resets() >= 1 && c.resets() <= stream.resets(), "resets seen " + c.resets());
            assertEquals(c.resets() + 1, c.snapshots(), "a snapshot first and after each reset");
            assertEquals(BookReset.SEQUENCE_GAP, c.lastResetReason);
        }
        assertTrue(slow.updates() < commits, "the slow listener got merged deltas: " + slow.updates());
        assertTrue(fast.updates() > commits / 25, "and many updates: " + fast.updates());
        assertEquals(commits, stream.commits());
        assertEquals(commits / 4_000, stream.resets());
    }
}
