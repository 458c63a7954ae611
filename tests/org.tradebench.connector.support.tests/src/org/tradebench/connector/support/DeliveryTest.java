package org.tradebench.connector.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery thread: tasks in order, futures completed there (never on the thread that asked),
 * mailboxes drained one at a time and never twice at once, slow callbacks counted with what was
 * slow, the oldest undelivered message's lag, and the inline delivery that does it all on the
 * signalling thread.
 */
class DeliveryTest {

    private final Delivery delivery = Delivery.start("dtest");

    @AfterEach
    void close() {
        delivery.close();
    }

    /** A mailbox that counts drains, checks they never overlap and times a fake listener call. */
    private static final class Box extends Mailbox {
        final String name;
        final AtomicInteger drains = new AtomicInteger();
        final AtomicBoolean inside = new AtomicBoolean();
        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicLong oldest = new AtomicLong();
        volatile long listenerNanos;
        volatile Runnable onDrain = () -> {
        };

        Box(String name) {
            this.name = name;
        }

        @Override
        protected void drain() {
            if (!inside.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            try {
                oldest.set(0);
                drains.incrementAndGet();
                onDrain.run();
                // a listener call that took listenerNanos, without waiting that long
                timed(System.nanoTime() - listenerNanos);
            } finally {
                inside.set(false);
            }
        }

        @Override
        protected long oldestUndeliveredNanos() {
            return oldest.get();
        }

        @Override
        protected String describe() {
            return name;
        }

        void offer(long receivedNanos) {
            oldest.compareAndSet(0, receivedNanos);
            signal();
        }
    }

    @Test
    void tasksRunInOrderOnTheDeliveryThread() {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<String> thread = new AtomicReference<>();
        AtomicBoolean onDeliveryThread = new AtomicBoolean();
        for (int i = 0; i < 500; i++) {
            int n = i;
            delivery.execute(() -> {
                thread.set(Thread.currentThread().getName());
                onDeliveryThread.set(delivery.isDeliveryThread());
                order.add(n);
            });
        }
        Await.delivered(delivery);
        assertEquals(500, order.size());
        for (int i = 0; i < 500; i++) {
            assertEquals(i, order.get(i));
        }
        assertEquals("dtest-delivery", thread.get());
        assertTrue(onDeliveryThread.get());
        assertFalse(delivery.isDeliveryThread(), "the test thread is not the delivery thread");
        assertFalse(delivery.isInline());
    }

    @Test
    void futuresCompleteOnTheDeliveryThreadNeverOnTheCaller() {
        CompletableFuture<String> ok = new CompletableFuture<>();
        CompletableFuture<String> failed = new CompletableFuture<>();
        AtomicReference<String> okThread = new AtomicReference<>();
        AtomicReference<String> failedThread = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(2);
        ok.whenComplete((v, e) -> {
            okThread.set(Thread.currentThread().getName());
            done.countDown();
        });
        failed.whenComplete((v, e) -> {
            failedThread.set(Thread.currentThread().getName());
            done.countDown();
        });
        // the caller stands for the network reader holding the connector's lock
        Thread reader = Thread.currentThread();
        delivery.complete(ok, "acknowledged");
        delivery.fail(failed, new IllegalStateException("Bitfinex refused: invalid nonce"));
        Await.latch(done, "both futures");
        assertEquals("dtest-delivery", okThread.get());
        assertEquals("dtest-delivery", failedThread.get());
        assertFalse(reader.getName().equals(okThread.get()));
        assertEquals("acknowledged", ok.join());
        assertTrue(failed.isCompletedExceptionally());
        assertEquals("Bitfinex refused: invalid nonce", failed.handle((v, e) -> e.getMessage()).join());
    }

    @Test
    void aFailingTaskIsLoggedAndTheNextOneRuns() {
        try (LogCapture log = LogCapture.of(Delivery.class)) {
            delivery.execute(() -> {
                throw new IllegalStateException("view bug");
            });
            AtomicBoolean next = new AtomicBoolean();
            delivery.execute(() -> next.set(true));
            Await.delivered(delivery);
            assertTrue(next.get());
            assertEquals(List.of("WARNING dtest: a delivery task failed; delivery carries on"
                    + " | java.lang.IllegalStateException: view bug"), log.lines());
        }
    }

    @Test
    void aMailboxIsNeverDrainedTwiceAtOnceHoweverManyThreadsSignalIt() throws InterruptedException {
        Box box = new Box("trades BTC/USD");
        delivery.register(box);
        delivery.register(box); // twice is once
        Thread[] producers = new Thread[4];
        for (int t = 0; t < producers.length; t++) {
            producers[t] = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    box.offer(System.nanoTime());
                }
            });
            producers[t].start();
        }
        for (Thread t : producers) {
            t.join();
        }
        Await.delivered(delivery);
        assertEquals(0, box.overlaps.get());
        assertTrue(box.drains.get() >= 1);
        assertEquals(0, box.oldest.get(), "the last signal was drained");
        assertEquals("Delivery[dtest, 1 mailboxes]", delivery.toString());
    }

    @Test
    void anUnregisteredMailboxIsNotDrained() {
        Box box = new Box("ticker BTC/USD");
        delivery.register(box);
        box.offer(System.nanoTime());
        Await.delivered(delivery);
        assertEquals(1, box.drains.get());
        delivery.unregister(box);
        delivery.unregister(box); // twice is harmless
        box.offer(System.nanoTime());
        Await.delivered(delivery);
        assertEquals(1, box.drains.get());
    }

    @Test
    void aDrainThatThrowsIsLoggedWithTheMailboxAndTheMailboxKeepsWorking() {
        Box box = new Box("book ETH/USD");
        AtomicInteger calls = new AtomicInteger();
        box.onDrain = () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("listener bug");
            }
        };
        delivery.register(box);
        try (LogCapture log = LogCapture.of(Delivery.class)) {
            box.offer(System.nanoTime());
            Await.delivered(delivery);
            box.offer(System.nanoTime());
            Await.delivered(delivery);
            assertEquals(2, calls.get());
            assertEquals(List.of("WARNING dtest: delivering book ETH/USD failed; it carries on"
                    + " | java.lang.IllegalStateException: listener bug"), log.lines());
        }
    }

    @Test
    void callbacksOverFiveMillisecondsAreCountedWithWhatWasSlow() {
        Box slow = new Box("book BTC/USD");
        slow.listenerNanos = 12_300_000; // 12.3 ms
        delivery.register(slow);
        assertEquals(0, delivery.slowCallbacks());
        assertEquals("", delivery.lastSlowCallback());

        slow.offer(System.nanoTime());
        Await.delivered(delivery);
        assertEquals(1, delivery.slowCallbacks());
        String last = delivery.lastSlowCallback();
        assertTrue(last.matches("book BTC/USD listener took \\d+ ms"), last);
        // 12 ms, or a little more when the machine paused the thread
        assertTrue(Integer.parseInt(last.replaceAll("\\D", "")) >= 12, last);
        assertTrue(delivery.maxCallbackNanos() >= 12_300_000, "max " + delivery.maxCallbackNanos());
        assertEquals(5_000_000L, Delivery.SLOW_CALLBACK_NANOS);
    }

    @Test
    void queueLagIsTheAgeOfTheOldestUndeliveredMessage() {
        Box box = new Box("trades BTC/USD");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inside = new CountDownLatch(1);
        box.onDrain = () -> {
            inside.countDown();
            Await.latch(release, "the test to measure the lag");
        };
        Box waiting = new Box("trades ETH/USD");
        delivery.register(box);
        delivery.register(waiting);
        assertEquals(0, delivery.queueLagNanos(), "nothing waits");

        box.offer(System.nanoTime());
        Await.latch(inside, "the first drain");
        // a message that arrived two seconds ago waits behind the busy listener
        waiting.offer(System.nanoTime() - 2_000_000_000L);
        long lag = delivery.queueLagNanos();
        assertTrue(lag >= 2_000_000_000L && lag < 60_000_000_000L, "lag " + lag);
        release.countDown();
        Await.delivered(delivery);
        assertEquals(0, delivery.queueLagNanos(), "everything delivered");
    }

    @Test
    void inlineDeliveryDrainsOnTheSignallingThreadAtOnce() {
        Delivery inline = Delivery.inline("replay");
        assertTrue(inline.isInline());
        assertTrue(inline.isDeliveryThread());
        Box box = new Box("book BTC/USD");
        AtomicReference<Thread> drainedOn = new AtomicReference<>();
        box.onDrain = () -> drainedOn.set(Thread.currentThread());
        inline.register(box);
        box.offer(System.nanoTime());
        assertEquals(1, box.drains.get(), "drained before signal returned");
        assertEquals(Thread.currentThread(), drainedOn.get());

        List<String> ran = new ArrayList<>();
        inline.execute(() -> ran.add("task"));
        assertEquals(List.of("task"), ran);
        assertEquals("Delivery[replay, inline, 1 mailboxes]", inline.toString());
        inline.close();
    }

    @Test
    void closeOnTheDeliveryThreadDoesNotWaitForItself() {
        CountDownLatch closed = new CountDownLatch(1);
        delivery.execute(() -> {
            delivery.close();
            closed.countDown();
        });
        Await.latch(closed, "close called from a callback to return");
    }
}
