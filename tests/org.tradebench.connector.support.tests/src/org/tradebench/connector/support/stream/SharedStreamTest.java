package org.tradebench.connector.support.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradebench.api.Subscription;
import org.tradebench.api.health.DataHealth;
import org.tradebench.api.health.DataState;
import org.tradebench.connector.support.Await;
import org.tradebench.connector.support.ConnectorRuntime;
import org.tradebench.connector.support.LogCapture;

/**
 * What every shared stream does, shown on an {@link EventStream}: reference counting (the owner
 * hears the first subscription and the last one leaving, once each, also when subscriptions come
 * and go from callbacks), the data state pushed to every listener, ending a stream for good, and
 * the API's subscription contract (subscribe returns before any callback; after close returns no
 * callback starts; a callback may close and subscribe; a listener that throws keeps its
 * subscription).
 */
class SharedStreamTest {

    private final ConnectorRuntime runtime = ConnectorRuntime.start("sstest");
    private final RecordingOwner owner = new RecordingOwner(runtime);
    private final EventStream<Recorder, String> stream = new EventStream<>(runtime, "trades BTC/USD", owner);

    @AfterEach
    void close() {
        runtime.close();
        assertEquals(List.of(), owner.problems());
    }

    private Subscription subscribe(Recorder r) {
        return stream.attach(stream.subscription(r, Recorder.ON_EVENT));
    }

    private void publish(String event) {
        synchronized (runtime.lock()) {
            stream.publish(event, System.nanoTime());
        }
    }

    @Test
    void ownerHearsTheFirstSubscriptionAndTheLastLeavingOnceEach() {
        Recorder a = new Recorder("sstest");
        Recorder b = new Recorder("sstest");
        Subscription sa = subscribe(a);
        Await.quiet(runtime);
        assertEquals(List.of("first"), owner.calls());
        assertEquals(1, stream.subscriberCount());

        Subscription sb = subscribe(b);
        Await.quiet(runtime);
        assertEquals(List.of("first"), owner.calls(), "a second subscription shares the exchange stream");
        assertEquals(2, stream.subscriberCount());

        sa.close();
        Await.quiet(runtime);
        assertEquals(List.of("first"), owner.calls());
        sb.close();
        sb.close(); // twice is once
        Await.quiet(runtime);
        assertEquals(List.of("first", "last"), owner.calls());
        assertEquals(0, stream.subscriberCount());

        Subscription sc = subscribe(new Recorder("sstest"));
        Await.quiet(runtime);
        assertEquals(List.of("first", "last", "first"), owner.calls(), "subscribing again subscribes again");
        sc.close();
        Await.quiet(runtime);
        assertEquals(List.of("first", "last", "first", "last"), owner.calls());
    }

    @Test
    void aSubscriptionClosedBeforeItJoinedNeverReachesTheOwnerOrTheListener() {
        CountDownLatch hold = new CountDownLatch(1);
        runtime.execute(() -> Await.latch(hold, "the test"));
        Recorder r = new Recorder("sstest");
        Subscription s = subscribe(r);
        s.close();
        hold.countDown();
        publish("t1");
        Await.quiet(runtime);
        assertEquals(List.of(), owner.calls());
        assertEquals(0, stream.subscriberCount());
        assertEquals(List.of(), r.lines());
        assertFalse(s.isActive());
        assertEquals(DataState.CLOSED, s.health().state());
    }

    @Test
    void subscribeReturnsBeforeAnyCallback() {
        synchronized (runtime.lock()) {
            stream.state(DataState.LIVE, "");
        }
        CountDownLatch hold = new CountDownLatch(1);
        runtime.execute(() -> Await.latch(hold, "the test"));
        Recorder r = new Recorder("sstest");
        Subscription s = subscribe(r); // returns although the control thread is busy
        assertTrue(s.isActive());
        assertEquals(List.of(), r.lines(), "nothing before the control thread attached it");
        hold.countDown();
        Await.until(() -> r.size() == 1, () -> "the state after joining: " + r.lines());
        assertEquals(List.of("health live"), r.lines());
        s.close();
    }

    @Test
    void stateChangesReachEveryListenerBeforeTheDataThatFollowsThem() {
        Recorder a = new Recorder("sstest");
        Recorder b = new Recorder("sstest");
        Subscription sa = subscribe(a);
        Subscription sb = subscribe(b);
        Await.quiet(runtime);
        assertEquals(List.of(), a.lines(), "a pending stream has nothing to say yet");

        synchronized (runtime.lock()) {
            stream.state(DataState.STALE, "no trades for 30 s");
            stream.state(DataState.STALE, "no trades for 30 s"); // the same state again says nothing new
            stream.publish("t1", System.nanoTime());
        }
        Await.quiet(runtime);
        List<String> expected = List.of("health stale: no trades for 30 s", "event t1");
        assertEquals(expected, a.lines());
        assertEquals(expected, b.lines());
        assertEquals(DataState.STALE, stream.state());
        assertEquals("no trades for 30 s", stream.cause());

        DataHealth h = sa.health();
        assertEquals(DataState.STALE, h.state());
        assertEquals("no trades for 30 s", h.cause());
        assertEquals(1, h.messages());
        assertNotNull(h.lastMessage());
        assertEquals(0, h.resets());
        assertEquals("trades BTC/USD (2 subscriptions, stale)", stream.toString());
        assertEquals("trades BTC/USD", sa.toString());
        assertEquals(List.of(), a.problems());
        assertEquals(List.of(), b.problems());
        sa.close();
        sb.close();
        assertEquals("trades BTC/USD (closed)", sa.toString());
    }

    @Test
    void endFailedTellsEveryListenerOnceWithTheCauseAndStopsThem() {
        Recorder a = new Recorder("sstest");
        Subscription sa = subscribe(a);
        Await.quiet(runtime); // joined: the events that follow reach it
        publish("t1");
        Await.quiet(runtime);

        synchronized (runtime.lock()) {
            stream.end(DataState.FAILED, "Bitfinex: unknown pair (10001)");
            stream.publish("t2", System.nanoTime()); // nobody listens any more
        }
        Await.quiet(runtime);
        assertEquals(List.of("event t1", "health failed: Bitfinex: unknown pair (10001)"), a.lines());
        assertFalse(sa.isActive());
        assertEquals(DataState.FAILED, sa.health().state(), "a stream that could not be served stays FAILED");
        assertEquals("Bitfinex: unknown pair (10001)", sa.health().cause());
        assertEquals(1, sa.health().messages());
        assertTrue(stream.isEnded());
        assertEquals(0, stream.subscriberCount());
        assertEquals(DataState.FAILED, stream.state());
        assertEquals("Bitfinex: unknown pair (10001)", stream.cause());
        assertEquals(List.of("first"), owner.calls(), "the connector ended it: no unsubscribe to send");

        // a subscription to an ended stream hears the final state at once and nothing else
        Recorder late = new Recorder("sstest");
        Subscription sl = subscribe(late);
        Await.quiet(runtime);
        assertEquals(List.of("health failed: Bitfinex: unknown pair (10001)"), late.lines());
        assertFalse(sl.isActive());
        assertEquals(DataState.FAILED, sl.health().state());
        assertEquals(List.of("first"), owner.calls());

        synchronized (runtime.lock()) {
            stream.state(DataState.LIVE, ""); // an ended stream stays ended
            stream.end(DataState.CLOSED, "connector closed");
        }
        assertEquals(DataState.FAILED, stream.state());
        assertEquals(List.of(), a.problems());
    }

    @Test
    void endClosedSaysWhyAndEndMustBeFinal() {
        Recorder a = new Recorder("sstest");
        Subscription sa = subscribe(a);
        Await.quiet(runtime);
        IllegalArgumentException notFinal = assertThrows(IllegalArgumentException.class, () -> {
            synchronized (runtime.lock()) {
                stream.end(DataState.LIVE, "why");
            }
        });
        assertEquals("a stream ends FAILED or CLOSED, not LIVE", notFinal.getMessage());
        synchronized (runtime.lock()) {
            stream.end(DataState.CLOSED, "connector closed");
        }
        Await.quiet(runtime);
        assertEquals(List.of("health closed: connector closed"), a.lines());
        assertFalse(sa.isActive());
        assertEquals(DataState.CLOSED, sa.health().state());
    }

    @Test
    void aListenerThatThrowsIsLoggedAndKeepsItsSubscription() {
        Recorder r = new Recorder("sstest");
        r.onEvent = e -> {
            throw new IllegalStateException("view bug on " + e);
        };
        Subscription s = subscribe(r);
        Await.quiet(runtime);
        try (LogCapture log = LogCapture.of(StreamSubscription.class)) {
            publish("t1");
            publish("t2");
            publish("t3");
            Await.quiet(runtime);
            assertEquals(List.of("event t1", "event t2", "event t3"), r.lines(), "every event still reached it");
            assertTrue(s.isActive());
            assertEquals(3, s.health().messages());
            assertEquals(List.of("WARNING a listener of trades BTC/USD threw; it keeps its subscription"
                    + " | java.lang.IllegalStateException: view bug on t1"), log.lines(), "logged once, not per event");
        }
        s.close();
    }

    @Test
    void closeFromAnotherThreadWaitsForTheRunningCallbackAndNothingStartsAfterItReturned() throws Exception {
        Recorder r = new Recorder("sstest");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        r.onEvent = e -> {
            if (e.equals("t1")) {
                inside.countDown();
                Await.latch(release, "the test to release the callback");
            }
            order.add("callback " + e + " returned");
        };
        Subscription s = subscribe(r);
        Await.quiet(runtime);
        publish("t1");
        publish("t2");
        Await.latch(inside, "the first callback");

        Thread closer = new Thread(() -> {
            s.close();
            order.add("close returned");
        }, "closer");
        closer.start();
        Await.blocked(closer);
        assertEquals(List.of(), order, "close waits while the callback runs");
        release.countDown();
        closer.join(10_000);
        // t2 was queued before close: its callback may win the race for the subscription with
        // close, or lose it and never start; it never starts after close returned
        List<String> seen = List.copyOf(order);
        assertTrue(seen.equals(List.of("callback t1 returned", "close returned"))
                || seen.equals(List.of("callback t1 returned", "callback t2 returned", "close returned")),
                seen.toString());

        publish("t3");
        Await.quiet(runtime);
        assertEquals(seen, order, "nothing after close returned");
        assertFalse(r.lines().contains("event t3"));
        assertEquals(List.of(), r.problems());
    }

    @Test
    void noCallbackStartsAfterCloseReturnedWhileAProducerPublishes() throws Exception {
        AtomicInteger late = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread producer = new Thread(() -> {
            int n = 0;
            while (!stop.get()) {
                publish("t" + n++);
            }
        }, "reader");
        producer.start();
        try {
            for (int round = 0; round < 50; round++) {
                AtomicBoolean closed = new AtomicBoolean();
                Recorder r = new Recorder("sstest");
                AtomicInteger seen = new AtomicInteger();
                r.onEvent = e -> {
                    seen.incrementAndGet();
                    if (closed.get()) {
                        late.incrementAndGet();
                    }
                };
                Subscription s = subscribe(r);
                Await.until(() -> seen.get() > 10, () -> "events for round");
                s.close();
                closed.set(true);
                assertEquals(List.of(), r.problems());
            }
        } finally {
            stop.set(true);
            producer.join(10_000);
        }
        Await.quiet(runtime);
        assertEquals(0, late.get(), "callbacks that started after close() returned");
        assertEquals(0, stream.subscriberCount());
    }

    @Test
    void aCallbackMayCloseItselfAndAnotherAndSubscribeAgain() {
        Recorder a = new Recorder("sstest");
        Recorder b = new Recorder("sstest");
        Recorder c = new Recorder("sstest");
        AtomicReference<Subscription> sa = new AtomicReference<>();
        AtomicReference<Subscription> sc = new AtomicReference<>();
        AtomicBoolean insideA = new AtomicBoolean();
        AtomicReference<String> cDuringA = new AtomicReference<>();
        Subscription sb = subscribe(b);
        a.onEvent = e -> {
            if (e.equals("swap")) {
                insideA.set(true);
                sc.set(subscribe(c));
                sa.get().close();
                sb.close();
                cDuringA.set(c.lines().toString());
                insideA.set(false);
            }
        };
        c.onEvent = e -> {
            if (insideA.get()) {
                c.problem("a callback of the new subscription ran inside the callback that subscribed it");
            }
        };
        sa.set(subscribe(a));
        Await.quiet(runtime);
        publish("swap");
        Await.settled(runtime); // the callback subscribed and closed: control tasks
        publish("after");
        Await.quiet(runtime);

        assertEquals(List.of("event swap"), a.lines());
        assertTrue(b.lines().equals(List.of()) || b.lines().equals(List.of("event swap")), b.lines().toString());
        assertEquals(List.of("event after"), c.lines());
        assertEquals("[]", cDuringA.get());
        assertFalse(sa.get().isActive());
        assertFalse(sb.isActive());
        assertTrue(sc.get().isActive());
        // c joined before a and b left: the exchange stream stays subscribed throughout
        assertEquals(List.of("first"), owner.calls());
        assertEquals(1, stream.subscriberCount());
        assertEquals(List.of(), c.problems());
        sc.get().close();
    }

    @Test
    void theLastSubscriptionClosingItselfAndSubscribingAgainFromItsCallbackUnsubscribesAndSubscribes() {
        Recorder a = new Recorder("sstest");
        Recorder b = new Recorder("sstest");
        AtomicReference<Subscription> sa = new AtomicReference<>();
        AtomicReference<Subscription> sb = new AtomicReference<>();
        a.onEvent = e -> {
            sa.get().close();
            sb.set(subscribe(b));
        };
        sa.set(subscribe(a));
        Await.quiet(runtime);
        publish("t1");
        Await.until(() -> sb.get() != null, () -> "the callback");
        Await.settled(runtime);
        assertEquals(List.of("first", "last", "first"), owner.calls());

        // the other order keeps the stream: subscribe first, then close
        Recorder c = new Recorder("sstest");
        AtomicReference<Subscription> sc = new AtomicReference<>();
        b.onEvent = e -> {
            sc.set(subscribe(c));
            sb.get().close();
        };
        publish("t2");
        Await.until(() -> sc.get() != null, () -> "the second callback");
        Await.settled(runtime);
        assertEquals(List.of("first", "last", "first"), owner.calls());
        publish("t3");
        Await.quiet(runtime);
        assertEquals(List.of("event t3"), c.lines());
        sc.get().close();
        Await.quiet(runtime);
        assertEquals(List.of("first", "last", "first", "last"), owner.calls());
    }

    @Test
    void onJoinRunsForEachNewcomerUnderTheLockAfterItHeardTheState() {
        List<String> joined = Collections.synchronizedList(new ArrayList<>());
        stream.onJoin(s -> {
            joined.add(s + " locked=" + Thread.holdsLock(runtime.lock()));
            stream.publishTo(s, "welcome");
        });
        Recorder a = new Recorder("sstest");
        Subscription sa = subscribe(a);
        Await.quiet(runtime);
        assertEquals(List.of("trades BTC/USD locked=true"), joined);
        assertEquals(List.of("event welcome"), a.lines());
        assertEquals(List.of(sa), stream.subscriptionList());
        sa.close();
    }

    @Test
    void aSlowListenerIsCountedWithItsSubscriptionsName() {
        Recorder r = new Recorder("sstest");
        r.onEvent = e -> {
            long until = System.nanoTime() + 6_000_000; // a listener that works for 6 ms
            while (System.nanoTime() - until < 0) {
                LockSupport.parkNanos(500_000);
            }
        };
        Subscription s = subscribe(r);
        Await.quiet(runtime);
        long before = runtime.delivery().slowCallbacks();
        publish("t1");
        Await.quiet(runtime);
        assertEquals(before + 1, runtime.delivery().slowCallbacks());
        assertTrue(runtime.delivery().lastSlowCallback().startsWith("trades BTC/USD listener took "),
                runtime.delivery().lastSlowCallback());
        s.close();
    }
}
