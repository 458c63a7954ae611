package org.tradebench.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class StalenessTrackerTest {

    private final AtomicLong clock = new AtomicLong();
    private final StalenessTracker tracker = new StalenessTracker(Duration.ofSeconds(20), clock::get);
    private final List<Integer> reported = new ArrayList<>();

    private void advance(long seconds) {
        clock.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }

    @Test
    void aSilentChannelIsReportedOnceUntilItRecovers() {
        tracker.track(17);
        tracker.track(42);
        advance(15);
        tracker.mark(42);
        advance(6);
        assertEquals(1, tracker.check((ch, silent) -> {
            reported.add(ch);
            assertEquals(Duration.ofSeconds(21).toNanos(), silent);
        }));
        assertEquals(List.of(17), reported);
        assertTrue(tracker.isStale(17));
        assertFalse(tracker.isStale(42));
        advance(30);
        reported.clear();
        tracker.check((ch, silent) -> reported.add(ch));
        assertEquals(List.of(42), reported, "17 was reported already; 42 became stale now");
        assertTrue(tracker.mark(17), "the first message after a silence reports the recovery");
        assertFalse(tracker.mark(17));
        assertFalse(tracker.isStale(17));
        advance(20);
        reported.clear();
        tracker.check((ch, silent) -> reported.add(ch));
        assertEquals(List.of(17), reported, "re-armed after the recovery");
    }

    @Test
    void untrackedChannelsAreIgnored() {
        assertFalse(tracker.mark(5));
        assertEquals(-1, tracker.silentNanos(5));
        tracker.track(5);
        tracker.untrack(5);
        advance(100);
        assertEquals(0, tracker.check((ch, s) -> reported.add(ch)));
        assertEquals(0, tracker.size());
    }

    @Test
    void manyChannelsWithCollidingSlotsSurviveRemovals() {
        // Enough ids to force growth and long probe chains; remove every third and check the rest.
        for (int id = 0; id < 3000; id += 3) {
            tracker.track(id * 1024);
        }
        for (int id = 0; id < 3000; id += 9) {
            tracker.untrack(id * 1024);
        }
        advance(1);
        int tracked = 0;
        for (int id = 0; id < 3000; id += 3) {
            boolean shouldTrack = id % 9 != 0;
            assertEquals(shouldTrack ? Duration.ofSeconds(1).toNanos() : -1, tracker.silentNanos(id * 1024),
                    "channel " + id * 1024);
            tracked += shouldTrack ? 1 : 0;
        }
        assertEquals(tracked, tracker.size());
        tracker.clear();
        assertEquals(0, tracker.size());
    }
}
