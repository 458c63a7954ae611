package org.tradebench.connector.support.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.tradebench.connector.support.orders.OrderRegistry.Retention;

class OrderRegistryTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<String> forgotten = new ArrayList<>();

    private OrderRegistry<String> registry(Retention r) {
        return new OrderRegistry<>(r, now::get, forgotten::add);
    }

    @Test
    void findsAnOrderByClientOrderIdAndByExchangeId() {
        OrderRegistry<String> orders = registry(Retention.DEFAULTS);
        orders.add("a", "entry-a");
        orders.identify("a", "42");
        assertSame("entry-a", orders.get("a"));
        assertSame("entry-a", orders.byExchangeId("42"));
        assertNull(orders.byExchangeId("43"));
        assertTrue(orders.isLive("a"));
        assertEquals(List.of("entry-a"), orders.live());
    }

    @Test
    void aClientOrderIdIsUsedOnce() {
        OrderRegistry<String> orders = registry(Retention.DEFAULTS);
        orders.add("a", "entry-a");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> orders.add("a", "again"));
        assertTrue(e.getMessage().contains("client order id a is already used"), e.getMessage());
    }

    @Test
    void finishedOrdersLeaveAfterTheRetentionTimeAndLeaveATombstone() {
        OrderRegistry<String> orders = registry(new Retention(Duration.ofMinutes(10), 1000, 1000));
        orders.add("a", "entry-a");
        orders.identify("a", "42");
        orders.finished("a");
        assertSame("entry-a", orders.get("a"), "kept while within the retention time");
        assertFalse(orders.isLive("a"));
        assertEquals(List.of(), orders.live());
        now.addAndGet(Duration.ofMinutes(10).toMillis());
        orders.expire();
        assertNull(orders.get("a"));
        assertNull(orders.byExchangeId("42"));
        assertTrue(orders.isTombstoned("a"));
        assertTrue(orders.isUsed("a"));
        assertEquals(List.of("entry-a"), forgotten);
        assertThrows(IllegalStateException.class, () -> orders.add("a", "again"), "a tombstoned id is not reused");
    }

    @Test
    void atMostMaxFinishedStayTheOldestGoFirst() {
        OrderRegistry<String> orders = registry(new Retention(Duration.ofDays(1), 2, 1000));
        for (String id : List.of("a", "b", "c", "d")) {
            orders.add(id, "entry-" + id);
            orders.finished(id);
            now.incrementAndGet();
        }
        assertEquals(2, orders.finishedCount());
        assertEquals(List.of("entry-a", "entry-b"), forgotten);
        assertNull(orders.get("a"));
        assertEquals("entry-d", orders.get("d"));
        assertEquals(2, orders.tombstoneCount());
    }

    @Test
    void tombstonesAreBoundedTooOldestForgottenFirst() {
        OrderRegistry<String> orders = registry(new Retention(Duration.ZERO, 0, 3));
        for (int i = 0; i < 5; i++) {
            orders.add("o" + i, "e" + i);
            orders.finished("o" + i);
        }
        assertEquals(3, orders.tombstoneCount());
        assertFalse(orders.isTombstoned("o0"));
        assertFalse(orders.isTombstoned("o1"));
        assertTrue(orders.isTombstoned("o4"));
        assertEquals(0, orders.finishedCount());
    }

    @Test
    void workingOrdersAreNeverForgotten() {
        OrderRegistry<String> orders = registry(new Retention(Duration.ZERO, 0, 10));
        orders.add("working", "w");
        orders.add("done", "d");
        now.addAndGet(Duration.ofDays(30).toMillis());
        orders.finished("done");
        assertSame("w", orders.get("working"));
        assertEquals(1, orders.liveCount());
        assertEquals(List.of("d"), forgotten);
    }

    @Test
    void finishingTwiceOrAnUnknownIdChangesNothing() {
        OrderRegistry<String> orders = registry(Retention.DEFAULTS);
        orders.add("a", "entry-a");
        orders.finished("a");
        long at = now.get();
        now.addAndGet(5 * 60_000);
        orders.finished("a"); // must not restart its retention clock
        orders.finished("unknown");
        now.set(at + Duration.ofMinutes(10).toMillis());
        orders.expire();
        assertNull(orders.get("a"));
    }

    @Test
    void anEntryTrackedUnderAMadeUpIdCanBeMovedToItsRealId() {
        OrderRegistry<String> orders = registry(Retention.DEFAULTS);
        orders.add("made-up-42", "foreign");
        orders.identify("made-up-42", "42");
        assertEquals("foreign", orders.remove("made-up-42"));
        assertNull(orders.byExchangeId("42"));
        assertFalse(orders.isUsed("made-up-42"), "no tombstone: the id was never sent");
        orders.add("real", "adopted");
        orders.identify("real", "42");
        assertEquals("adopted", orders.byExchangeId("42"));
        assertNull(orders.remove("unknown"));
    }

    @Test
    void aForgottenOrderCanBeTrackedAgainWhenTheExchangeIsAskedAboutIt() {
        OrderRegistry<String> orders = registry(new Retention(Duration.ZERO, 0, 10));
        orders.add("a", "first");
        orders.finished("a");
        assertTrue(orders.isTombstoned("a"));
        orders.restore("a", "found again");
        assertFalse(orders.isTombstoned("a"));
        assertEquals("found again", orders.get("a"));
        assertThrows(IllegalStateException.class, () -> orders.restore("a", "twice"));
    }

    @Test
    void identifyingAnUnknownOrderIsAClearError() {
        OrderRegistry<String> orders = registry(Retention.DEFAULTS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> orders.identify("x", "1"));
        assertEquals("client order id x is not tracked", e.getMessage());
    }

    @Test
    void retentionRefusesNegativeBounds() {
        assertThrows(IllegalArgumentException.class, () -> new Retention(Duration.ofSeconds(-1), 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Retention(Duration.ZERO, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Retention(Duration.ZERO, 1, -1));
    }

    @Test
    void manyOrdersKeepMemoryBounded() {
        OrderRegistry<String> orders = registry(new Retention(Duration.ofMinutes(1), 100, 500));
        for (int i = 0; i < 100_000; i++) {
            orders.add("o" + i, "e" + i);
            orders.identify("o" + i, Integer.toString(i));
            orders.finished("o" + i);
        }
        assertEquals(100, orders.finishedCount());
        assertEquals(500, orders.tombstoneCount());
        assertEquals(0, orders.liveCount());
        assertNull(orders.byExchangeId("5"));
        assertEquals("e99999", orders.byExchangeId("99999"));
    }
}
