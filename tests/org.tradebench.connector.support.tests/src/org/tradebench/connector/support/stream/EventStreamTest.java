package org.tradebench.connector.support.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.DataState;
import org.tradebench.connector.support.Await;
import org.tradebench.connector.support.ConnectorRuntime;

/**
 * Event streams (trades, orders, fills): every event reaches every listener, in order, however
 * slow it is; publishing to one subscription reaches only it; a listener that takes nothing at all
 * is cut off at {@link EventSubscription#HARD_LIMIT} queued events with a FAILED state that says so.
 */
class EventStreamTest {

    private final ConnectorRuntime runtime = ConnectorRuntime.start("estest");
    private final RecordingOwner owner = new RecordingOwner(runtime);

    @AfterEach
    void close() {
        runtime.close();
        assertEquals(List.of(), owner.problems());
    }

    /** Counts int events and checks each is the next one. */
    private static final class Counter {
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger outOfOrder = new AtomicInteger();
        volatile long parkNanos;

        void on(Integer event) {
            if (event != next.getAndIncrement()) {
                outOfOrder.incrementAndGet();
            }
            if (parkNanos > 0 && event % 100 == 0) {
                LockSupport.parkNanos(parkNanos);
            }
        }
    }

    @Test
    void everyEventReachesEveryListenerInOrderHoweverSlowItIs() {
        EventStream<Counter, Integer> stream = new EventStream<>(runtime, "trades BTC/USD", owner);
        Counter fast = new Counter();
        Counter slow = new Counter();
        slow.parkNanos = 200_000;
        Subscription sf = stream.attach(stream.subscription(fast, Counter::on));
        Subscription ss = stream.attach(stream.subscription(slow, Counter::on));
        Await.quiet(runtime);
        int events = 100_000;
        for (int i = 0; i < events; i++) {
            synchronized (runtime.lock()) {
                stream.publish(i, System.nanoTime());
            }
        }
        Await.until(() -> slow.next.get() == events && fast.next.get() == events,
                () -> "every event: fast " + fast.next + ", slow " + slow.next);
        assertEquals(0, fast.outOfOrder.get());
        assertEquals(0, slow.outOfOrder.get());
        assertEquals(events, ss.health().messages());
        assertEquals(0, ((EventSubscription<?, ?>) ss).queued());
        sf.close();
        ss.close();
    }

    @Test
    void publishToReachesOnlyThatSubscriptionAheadOfLaterEvents() {
        EventStream<Recorder, String> stream = new EventStream<>(runtime, "orders", owner);
        Recorder a = new Recorder("estest");
        Recorder b = new Recorder("estest");
        EventSubscription<Recorder, String> sa = stream.subscription(a, Recorder.ON_EVENT);
        stream.attach(sa);
        Subscription sb = stream.attach(stream.subscription(b, Recorder.ON_EVENT));
        Await.quiet(runtime);
        synchronized (runtime.lock()) {
            stream.publishTo(sa, "open order 1");
            stream.publish("fill 1", System.nanoTime());
        }
        Await.quiet(runtime);
        assertEquals(List.of("event open order 1", "event fill 1"), a.lines());
        assertEquals(List.of("event fill 1"), b.lines());
        sa.close();
        sb.close();
    }

    /**
     * The listener blocks in its first callback (which also blocks the connector's one delivery
     * thread, so any other subscription of the connector would overflow alike: listeners must not
     * block) while more than the hard limit of events arrive.
     */
    @Test
    void aListenerThatTakesNothingIsCutOffAtTheHardLimitWithAFailedStateAndLeavesItsStream() {
        EventStream<Recorder, String> stream = new EventStream<>(runtime, "trades ETH/USD", owner);
        Recorder stuck = new Recorder("estest");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        stuck.onEvent = e -> {
            inside.countDown();
            Await.latch(release, "the test");
        };
        EventSubscription<Recorder, String> s = stream.subscription(stuck, Recorder.ON_EVENT);
        stream.attach(s);
        Await.quiet(runtime);
        synchronized (runtime.lock()) {
            stream.publish("first", System.nanoTime());
        }
        Await.latch(inside, "the first event");
        synchronized (runtime.lock()) {
            for (int i = 0; i <= EventSubscription.HARD_LIMIT; i++) {
                stream.publish("trade", System.nanoTime());
            }
        }
        release.countDown();
        Await.until(() -> !s.isActive(), () -> "the stuck subscription to end");
        Await.settled(runtime); // it leaves its stream through a control task
        assertEquals(List.of("event first", "health failed: listener too slow: 1000000 events were waiting for it;"
                + " subscription ended"), stuck.lines(), "nothing of the dropped queue was delivered");
        assertEquals(List.of("first", "last"), owner.calls(),
                "nobody listens any more: the connector must unsubscribe on the exchange");
        assertEquals(0, stream.subscriberCount());
        assertEquals(DataState.FAILED, s.health().state());
        assertEquals("listener too slow: 1000000 events were waiting for it; subscription ended", s.health().cause());

        synchronized (runtime.lock()) {
            stream.publish("later", System.nanoTime());
        }
        Await.quiet(runtime);
        assertEquals(2, stuck.lines().size(), "nothing after the end");
        assertEquals(List.of(), stuck.problems());
    }

    @Test
    void aStreamThatCannotBeServedFailsAtOnceWithItsCause() {
        Recorder r = new Recorder("estest");
        Subscription s = EventStream.failed(runtime, "trades DOGE/USD", "Myx lists no DOGE/USD", r);
        Await.until(() -> r.size() == 1, () -> "the failed state: " + r.lines());
        assertEquals(List.of("health failed: Myx lists no DOGE/USD"), r.lines());
        assertEquals(DataState.FAILED, s.health().state());
        s.close();
        Await.quiet(runtime);
        assertEquals(List.of(), r.problems());
        assertEquals(1, r.size(), "closing adds nothing");
    }
}
